"""load_articles: the seeds with their metadata, every kind of source, and every bad input."""

import hashlib
import json
import shutil
import warnings

import pandas as pd
import pytest

from carlib import CorpusError, CorpusWarning, load_articles, skipped_files
from carlib.corpus import ARTICLE_COLUMNS, parse_published

SEED_IDS = ["000_3e88c355ff1f429e", "001_fe38c0874b9f1dc3", "002_e43d34d88fc96c4c"]


def write(path, data):
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --------------------------------------------------------------------------- the seeds


def test_seeds_load_with_the_derived_metadata(seed_articles, seeds_dir):
    a = seed_articles.set_index("article_id")
    assert list(a.index) == SEED_IDS
    assert a.loc["001_fe38c0874b9f1dc3", "outlet"] == "IPS"
    assert a.loc["001_fe38c0874b9f1dc3", "published"] == pd.Timestamp("2014-01-30")
    assert a.loc["002_e43d34d88fc96c4c", "outlet"] == "CNN"
    assert a.loc["002_e43d34d88fc96c4c", "published"] == pd.Timestamp("2014-02-12")
    assert a.loc["000_3e88c355ff1f429e", "outlet"] == "unknown"
    assert a.loc["000_3e88c355ff1f429e", "published_precision"] == "month"
    assert a.loc["000_3e88c355ff1f429e", "published"] == pd.Timestamp("2013-12-01")
    assert a["headline"].str.len().gt(10).all() and a["published_basis"].str.len().gt(20).all()


def test_seed_text_is_the_file_exactly(seed_articles, seeds_dir):
    for row in seed_articles.itertuples():
        raw = (seeds_dir / f"{row.article_id}.txt").read_bytes()
        assert row.text == raw.decode("utf-8")
        assert row.sha256 == hashlib.sha256(raw).hexdigest()
        assert row.n_chars == len(row.text)
    assert seed_articles["n_words"].between(250, 2000).all()
    assert (seed_articles["duplicate_of"] == "").all()
    assert skipped_files(seed_articles).empty


def test_seeds_in_the_repo_are_byte_for_byte_the_shared_ones(seeds_dir, root):
    shared = root.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    for original in shared.glob("*.txt"):
        assert (seeds_dir / original.name).read_bytes() == original.read_bytes()


def test_columns_are_documented_order(seed_articles):
    assert list(seed_articles.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS


# --------------------------------------------------------------------------- sources


def test_folder_without_metadata_still_loads(tmp_path):
    write(tmp_path / "a.txt", "Fighting in Bangui.")
    articles = load_articles(tmp_path)
    assert articles.loc[0, "article_id"] == "a"
    assert articles.loc[0, "outlet"] == "unknown"
    assert pd.isna(articles.loc[0, "published"])


def test_single_file_uses_metadata_beside_it(seeds_dir):
    articles = load_articles(seeds_dir / "001_fe38c0874b9f1dc3.txt")
    assert len(articles) == 1 and articles.loc[0, "outlet"] == "IPS"


def test_csv_export_with_aliased_columns(tmp_path):
    frame = pd.DataFrame({"id": ["x1", "x2"], "title": ["One", "Two"], "source": ["AFP", "BBC"],
                          "date": ["2014-02-01", "2014-03"], "body": ["Text one.", "Text two."]})
    frame.to_csv(tmp_path / "export.csv", index=False)
    articles = load_articles(tmp_path / "export.csv")
    assert list(articles["article_id"]) == ["x1", "x2"]
    assert list(articles["outlet"]) == ["AFP", "BBC"]
    assert list(articles["published_precision"]) == ["day", "month"]
    assert articles.loc[1, "text"] == "Text two."


def test_jsonl_export_generates_ids_and_skips_empty_text(tmp_path):
    lines = [{"text": "First article."}, {"text": "  "}, {"text": "Third.", "outlet": "AP"}]
    write(tmp_path / "dump.jsonl", "\n".join(json.dumps(x) for x in lines))
    with pytest.warns(CorpusWarning, match=r"dump.jsonl#line2: skipped, the text is empty"):
        articles = load_articles(tmp_path / "dump.jsonl")
    assert list(articles["article_id"]) == ["dump_line1", "dump_line3"]
    assert skipped_files(articles)["path"].str.endswith("#line2").all()


def test_utf8_bom_and_crlf_load(tmp_path):
    write(tmp_path / "bom.txt", b"\xef\xbb\xbfYalok\xc3\xa9 town.\r\nSecond line.\r\n")
    articles = load_articles(tmp_path)
    text = articles.loc[0, "text"]
    assert text == "Yaloké town.\r\nSecond line.\r\n"
    assert articles.loc[0, "encoding"] == "utf-8-sig"


def test_cp1252_file_is_decoded_with_a_warning_naming_it(tmp_path):
    write(tmp_path / "old.txt", "Yaloké – “quoted”".encode("cp1252"))
    with pytest.warns(CorpusWarning, match=r"old\.txt: not valid UTF-8.*cp1252"):
        articles = load_articles(tmp_path)
    assert articles.loc[0, "text"] == "Yaloké – “quoted”"
    assert articles.loc[0, "encoding"] == "cp1252"


# --------------------------------------------------------------------------- bad input


def test_binary_file_is_rejected(tmp_path):
    write(tmp_path / "scan.txt", b"%PDF-1.4\x00\x01\x02\x03binary")
    with pytest.raises(CorpusError, match=r"scan\.txt: this looks like a binary file"):
        load_articles(tmp_path)


def test_unknown_extension_is_rejected(tmp_path):
    path = write(tmp_path / "article.docx", "PK")
    with pytest.raises(CorpusError, match=r"article\.docx: unknown kind of file '\.docx'"):
        load_articles(path)


def test_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_articles(tmp_path / "nowhere")


def test_empty_file_is_skipped_with_a_warning_and_listed(tmp_path):
    write(tmp_path / "a.txt", "Some text.")
    write(tmp_path / "empty.txt", "")
    with pytest.warns(CorpusWarning, match=r"empty\.txt: skipped, the file is empty"):
        articles = load_articles(tmp_path)
    assert list(articles["article_id"]) == ["a"]
    assert skipped_files(articles).to_dict("records") == [
        {"path": str(tmp_path / "empty.txt"), "reason": "the file is empty"}]


def test_stray_file_in_folder_is_listed_not_dropped_silently(tmp_path):
    write(tmp_path / "a.txt", "Some text.")
    write(tmp_path / "notes.md", "notes")
    with pytest.warns(CorpusWarning, match=r"notes\.md: skipped, not a \.txt article"):
        articles = load_articles(tmp_path)
    assert skipped_files(articles)["path"].str.endswith("notes.md").all()


def test_duplicate_texts_are_flagged(tmp_path):
    write(tmp_path / "a.txt", "Same story.\n")
    write(tmp_path / "b.txt", "Same  story.\r\n")
    with pytest.warns(CorpusWarning, match=r"b: same text as a"):
        articles = load_articles(tmp_path)
    assert list(articles["duplicate_of"]) == ["", "a"]


def test_metadata_row_without_file_warns(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "articles.csv", "article_id,file,outlet\na,a.txt,AFP\nb,b.txt,AP\n")
    with pytest.warns(CorpusWarning, match=r"articles\.csv row 3: the file 'b\.txt' is not in"):
        articles = load_articles(tmp_path)
    assert list(articles["outlet"]) == ["AFP"]


def test_file_without_metadata_row_warns(tmp_path):
    write(tmp_path / "a.txt", "Text A.")
    write(tmp_path / "b.txt", "Text B.")
    write(tmp_path / "articles.csv", "article_id,file,outlet\na,a.txt,AFP\n")
    with pytest.warns(CorpusWarning, match=r"b\.txt: no row in .*articles\.csv; add one"):
        articles = load_articles(tmp_path)
    assert list(articles["outlet"]) == ["AFP", "unknown"]


def test_unparseable_date_names_row_and_column(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "articles.csv", "file,published\na.txt,the Tuesday after Easter\n")
    with pytest.warns(CorpusWarning, match=r"articles\.csv row 2, column 'published': cannot "
                                           r"read the date 'the Tuesday after Easter'"):
        articles = load_articles(tmp_path)
    assert pd.isna(articles.loc[0, "published"])
    assert len(articles) == 1


def test_bad_precision_is_named(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "articles.csv", "file,published,published_precision\na.txt,2014-01-05,weekly\n")
    with pytest.warns(CorpusWarning, match=r"row 2, column 'published_precision': 'weekly'"):
        articles = load_articles(tmp_path)
    assert articles.loc[0, "published_precision"] == "day"


def test_malformed_metadata_csv_is_an_error_naming_the_file(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "articles.csv", 'file,outlet\na.txt,"AFP\n')
    with pytest.raises(CorpusError, match=r"articles\.csv: not a well-formed CSV"):
        load_articles(tmp_path)


def test_metadata_without_key_column_is_an_error(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "articles.csv", "outlet,published\nAFP,2014-01-01\n")
    with pytest.raises(CorpusError, match=r"needs a 'file' or an 'article_id' column"):
        load_articles(tmp_path)


def test_two_metadata_rows_for_one_file_is_an_error(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "articles.csv", "file,outlet\na.txt,AFP\na.txt,AP\n")
    with pytest.raises(CorpusError, match=r"row 3: a second row for 'a\.txt'"):
        load_articles(tmp_path)


def test_export_without_text_column_is_an_error(tmp_path):
    write(tmp_path / "export.csv", "id,title\n1,Hello\n")
    with pytest.raises(CorpusError, match=r"export\.csv: no text column"):
        load_articles(tmp_path / "export.csv")


def test_malformed_jsonl_names_the_line(tmp_path):
    write(tmp_path / "dump.jsonl", '{"text": "ok"}\n{"text": broken}\n')
    with pytest.raises(CorpusError, match=r"dump\.jsonl line 2: not valid JSON"):
        load_articles(tmp_path / "dump.jsonl")


def test_empty_folder_warns_and_returns_the_columns(tmp_path):
    with pytest.warns(CorpusWarning, match="no articles loaded"):
        articles = load_articles(tmp_path)
    assert articles.empty and set(ARTICLE_COLUMNS) <= set(articles.columns)


def test_seed_copy_with_metadata_loads_without_warnings(tmp_path, seeds_dir):
    shutil.copytree(seeds_dir, tmp_path / "copy")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(load_articles(tmp_path / "copy")) == 3


@pytest.mark.parametrize("raw, expected", [
    ("2014-01-30", (pd.Timestamp("2014-01-30"), "day")),
    ("2013-12", (pd.Timestamp("2013-12-01"), "month")),
    ("2013", (pd.Timestamp("2013-01-01"), "year")),
    ("30 January 2014", (pd.Timestamp("2014-01-30"), "day")),
    ("January 2014", (pd.Timestamp("2014-01-01"), "month")),
    ("Jan 2014", (pd.Timestamp("2014-01-01"), "month")),
    ("2014/01", (pd.Timestamp("2014-01-01"), "month")),
    ("", (pd.NaT, None)),
])
def test_parse_published(raw, expected):
    stamp, precision = parse_published(raw, "here")
    assert (stamp == expected[0] or (pd.isna(stamp) and pd.isna(expected[0])))
    assert precision == expected[1]


@pytest.mark.parametrize("table, message", [
    (pd.DataFrame({"text": ["x"]}), "no 'article_id' column"),
    (pd.DataFrame({"article_id": ["a"]}), "no 'text' column"),
    (pd.DataFrame({"article_id": ["a", "a"], "text": ["x", "y"]}), "article_id used twice"),
    (pd.DataFrame({"article_id": ["a"], "text": [None]}), "is not a string"),
])
def test_a_hand_made_articles_table_gets_a_clear_error(table, message):
    import carlib

    with pytest.raises(CorpusError, match=message):
        carlib.tag_corpus(table)


@pytest.mark.parametrize("raw", ["01/02/2014", "13/02/2014", "12.03.2014"])
def test_numeric_day_month_dates_are_not_guessed(raw):
    with pytest.warns(CorpusWarning, match="row 2: .* write it as YYYY-MM-DD"):
        stamp, precision = parse_published(raw, "row 2")
    assert pd.isna(stamp) and precision is None


def test_an_articles_table_read_back_from_csv_still_tags(seed_articles, tmp_path):
    import carlib

    seed_articles.to_csv(tmp_path / "articles.csv", index=False)
    again = pd.read_csv(tmp_path / "articles.csv")
    assert len(carlib.tag_corpus(again).figures) == len(carlib.tag_corpus(seed_articles).figures)
    carlib.plot_articles_timeline(again)
    carlib.plot_articles_timeline(again[["article_id", "text"]])
