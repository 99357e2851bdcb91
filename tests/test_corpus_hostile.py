"""load_articles on hostile and unusual input: nothing lost silently, no crash deep inside a
library. Each test is one class of input from the hostile-input issue."""

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

from carlib import CorpusWarning, load_articles, skipped_files

DEV = Path(__file__).resolve().parent / "corpora" / "dev"
META = "article_id,file,outlet,published\n"


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def quiet_load(source, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_articles(source, **options)


def test_a_subfolder_is_listed_and_warned_not_dropped_silently(tmp_path):
    write(tmp_path / "articles.csv", META + "a,a.txt,AFP,2014-01-02\n")
    write(tmp_path / "a.txt", "Fighting in Bangui.")
    write(tmp_path / "excluded" / "b.txt", "Fighting in Bria.")
    with pytest.warns(CorpusWarning, match=r"excluded: skipped, a subfolder, not read"):
        articles = load_articles(tmp_path)
    assert list(articles["article_id"]) == ["a"]
    assert skipped_files(articles)["path"].tolist() == [str(tmp_path / "excluded")]


def test_recursive_reads_subfolders_with_their_own_metadata(tmp_path):
    write(tmp_path / "articles.csv", META + "a,a.txt,AFP,2014-01-02\n")
    write(tmp_path / "a.txt", "Fighting in Bangui.")
    write(tmp_path / "2015" / "articles.csv", META + "b,b.txt,IRIN,2015-03-04\n")
    write(tmp_path / "2015" / "b.txt", "Fighting in Bria.")
    articles = load_articles(tmp_path, recursive=True).set_index("article_id")
    assert articles.loc["b", "outlet"] == "IRIN"
    assert articles.loc["b", "published"] == pd.Timestamp("2015-03-04")


def test_a_folder_without_articles_csv_warns_that_dates_stay_unresolved(tmp_path):
    write(tmp_path / "a.txt", "Fighting in Bangui on Monday.")
    with pytest.warns(CorpusWarning, match=r"no articles\.csv.*relative dates"):
        load_articles(tmp_path)


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_metadata_without_a_published_column_warns(tmp_path, kind):
    if kind == "csv":
        write(tmp_path / "articles.csv", "article_id,file,outlet\na,a.txt,AFP\n")
        write(tmp_path / "a.txt", "Fighting in Bangui on Monday.")
        source = tmp_path
    else:
        source = write(tmp_path / "dump.jsonl", json.dumps({"text": "Fighting on Monday."}))
    with pytest.warns(CorpusWarning, match=r"no 'published' column"):
        load_articles(source)


def test_decomposed_accents_are_composed_so_names_are_whole(tmp_path):
    nfd = "Twelve people were killed in Bossembe\u0301le\u0301 on Monday."
    write(tmp_path / "a.txt", nfd)
    text = quiet_load(tmp_path).loc[0, "text"]
    assert "Bossembélé" in text and len(text) == len(nfd) - 2


def test_decomposed_accents_keep_places_and_provenance(tmp_path):
    import carlib
    from carlib.geo import geoparse

    write(tmp_path / "a.txt", "Anti-balaka fighters attacked Bossembe\u0301le\u0301 and killed "
                              "twelve people on Monday.")
    articles = quiet_load(tmp_path)
    places = geoparse(articles)
    assert "Bossembélé" in places["quote"].tolist()
    text = articles.loc[0, "text"]
    for row in places.itertuples():
        assert text[row.start:row.end] == row.quote
    assert len(carlib.tag_corpus(articles).figures)


@pytest.mark.parametrize("encoded", [
    "\ufeffFighting in Yaloké.".encode("utf-16-le"),  # with a byte-order mark
    "Fighting in Yaloké.".encode("utf-16-le"),
    "Fighting in Yaloké.".encode("utf-16-be"),
])
def test_utf16_files_are_decoded_not_called_binary(tmp_path, encoded):
    write(tmp_path / "a.txt", encoded)
    articles = quiet_load(tmp_path)
    assert articles.loc[0, "text"] == "Fighting in Yaloké."
    assert articles.loc[0, "encoding"] == "utf-16"


def test_an_unreadable_file_is_skipped_with_a_warning_and_the_rest_load(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", "Fighting in Bangui.")
    locked = write(tmp_path / "b.txt", "Fighting in Bria.")
    read = Path.read_bytes

    def refuse(self):  # chmod does not stop root, so the refusal is simulated
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.warns(CorpusWarning, match=r"b\.txt: skipped, cannot be read \(Permission"):
        articles = load_articles(tmp_path)
    assert list(articles["article_id"]) == ["a"]
    assert skipped_files(articles)["path"].tolist() == [str(locked)]


def test_jsonl_with_a_line_separator_inside_a_string_loads(tmp_path):
    record = {"id": "x", "text": "First line\u2028second line in Bangui.", "date": "2014-01-02"}
    source = write(tmp_path / "dump.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    articles = quiet_load(source)
    assert articles.loc[0, "text"] == record["text"]


def test_numeric_ids_starting_at_zero_are_kept(tmp_path):
    lines = [{"id": i, "text": f"Article {i} on Bangui.", "date": "2014-01-02"} for i in (0, 1)]
    source = write(tmp_path / "dump.jsonl", "\n".join(json.dumps(x) for x in lines))
    assert quiet_load(source)["article_id"].tolist() == ["0", "1"]


@pytest.mark.parametrize("date", ["0001-01-01", "2999-01-30", "1066"])
def test_implausible_publication_dates_warn_and_load_without_a_date(tmp_path, date):
    write(tmp_path / "articles.csv", META + f"a,a.txt,AFP,{date}\n")
    write(tmp_path / "a.txt", "Fighting in Bangui on Monday, the day before yesterday.")
    with pytest.warns(CorpusWarning, match=r"row 2, column 'published'.*not a plausible"):
        articles = load_articles(tmp_path)
    assert pd.isna(articles.loc[0, "published"])
    import carlib

    carlib.tag_corpus(articles)  # and the date tagger does not crash on it


FRENCH = ("Des hommes armés ont attaqué le village de Bossangoa dans la nuit de lundi, selon "
          "un responsable local qui a demandé que son nom ne soit pas publié. Les habitants "
          "ont fui vers la brousse et les camps de déplacés, où la situation est grave.")


def test_a_french_article_is_detected_and_warned_about(tmp_path):
    write(tmp_path / "fr.txt", FRENCH)
    with pytest.warns(CorpusWarning, match=r"fr\.txt: article fr looks written in 'fr'"):
        articles = load_articles(tmp_path)
    assert articles.loc[0, "language"] == "fr"


def test_the_development_corpus_is_all_english():
    assert set(quiet_load(DEV)["language"]) == {"en"}


def _copies(tmp_path):
    """A real article, a wire copy with a new headline, one with its last paragraph cut, and
    a different real article."""
    articles = quiet_load(DEV).set_index("article_id")
    first, other = articles.index[0], articles.index[5]
    text = articles.loc[first, "text"]
    paragraphs = text.split("\n\n")
    write(tmp_path / "a.txt", text)
    write(tmp_path / "b_headline.txt", "NEW HEADLINE FOR THE SAME STORY\n\n" + "\n\n".join(
        paragraphs[1:]))
    write(tmp_path / "c_trimmed.txt", "\n\n".join(paragraphs[:-1]))
    write(tmp_path / "d_other.txt", articles.loc[other, "text"])
    write(tmp_path / "e_exact.txt", text)
    return quiet_load(tmp_path).set_index("article_id")


def test_near_duplicates_are_marked_with_one_story_id(tmp_path):
    a = _copies(tmp_path)
    assert a.loc["b_headline", "near_duplicate_of"] == "a"
    assert a.loc["c_trimmed", "near_duplicate_of"] == "a"
    assert a.loc["d_other", "near_duplicate_of"] == ""
    assert a.loc["e_exact", "duplicate_of"] == "a" and a.loc["e_exact", "near_duplicate_of"] == ""
    assert a["story_id"].to_dict() == {"a": "a", "b_headline": "a", "c_trimmed": "a",
                                       "d_other": "d_other", "e_exact": "a"}


def test_no_two_development_articles_are_one_story():
    articles = quiet_load(DEV)
    assert articles["story_id"].is_unique
