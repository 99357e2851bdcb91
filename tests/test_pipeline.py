"""analyse(): every step once, cached by the corpus and carlib's own files."""


import pytest

from carlib import CorpusWarning, analyse


def _stored(analyses):
    """The analyses kept in the cache: one folder each (hidden ones are a run's temporary)."""
    return [p for p in analyses.iterdir() if not p.name.startswith(".")]


def test_the_second_call_reads_the_cache(corpus, analyses):
    first = analyse(corpus)
    assert len(first.incidents) > 5 and len(first.tags.figures) > 20
    second = analyse(corpus)
    assert second.incidents["incident_id"].tolist() == first.incidents["incident_id"].tolist()
    assert len(_stored(analyses)) == 1


def test_editing_an_article_gives_a_fresh_analysis(corpus, analyses):
    before = analyse(corpus)
    (corpus / "003_new.txt").write_text("Gunmen killed 14 villagers in Bossangoa on Tuesday.",
                                        encoding="utf-8")
    with pytest.warns(CorpusWarning, match="no row in"):
        after = analyse(corpus)
    with pytest.warns(CorpusWarning, match="no row in"):
        analyse(corpus)  # from the cache, as loud as the first time
    assert len(after.articles) == len(before.articles) + 1
    assert "Bossangoa" in set(after.incidents["location"])
    assert len(_stored(analyses)) == 2


def test_a_corrupt_cache_is_computed_again(corpus, analyses, caplog):
    analyse(corpus)
    (stored,) = _stored(analyses)
    (stored / "articles.parquet").write_bytes(b"garbage")
    assert len(analyse(corpus).articles) == 3
    assert "unreadable" in caplog.text and str(stored / "articles.parquet") in caplog.text


def test_summary_counts_the_corpus(seeds_dir):
    summary = analyse(seeds_dir, cache=False).summary()
    assert summary["Articles"] == "3" and summary["Outlets"] == "CNN, IPS, unknown"
    assert int(summary["Places named"]) >= 15 and summary["Incidents"].split()[0].isdigit()


def test_a_single_file_is_recomputed_when_the_metadata_beside_it_changes(corpus, analyses):
    one = corpus / "001_fe38c0874b9f1dc3.txt"
    assert analyse(one).articles.loc[0, "outlet"] == "IPS"
    table = (corpus / "articles.csv").read_text().replace(",IPS,", ",Inter Press Service,")
    (corpus / "articles.csv").write_text(table)
    assert analyse(one).articles.loc[0, "outlet"] == "Inter Press Service"


def test_a_large_analysis_shows_its_progress_and_a_small_one_does_not(capsys):
    from carlib.pipeline import PROGRESS_FROM, _progress

    with _progress(PROGRESS_FROM) as step:
        for name in ("tagging", "places", "incidents", "done"):
            step(name)
    shown = capsys.readouterr().err
    assert f"analysing {PROGRESS_FROM:,} articles" in shown and "3/3" in shown
    with _progress(3) as step:
        step("tagging")
    assert capsys.readouterr().err == ""
