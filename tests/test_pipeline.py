"""analyse(): every step once, cached by the corpus and carlib's own files, the per-article
steps in batches that give the tables of the whole corpus at once."""

import subprocess
import sys
import warnings
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import carlib
from carlib import CorpusWarning, analyse
from carlib import pipeline

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from dev_corpus import edited, write_corpus  # noqa: E402


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

    with _progress(PROGRESS_FROM) as done:
        done(PROGRESS_FROM - 1)
        done(1)
    shown = capsys.readouterr().err
    assert f"analysing {PROGRESS_FROM:,} articles" in shown
    assert f"{PROGRESS_FROM}/{PROGRESS_FROM}" in shown and "merging incidents" in shown
    with _progress(3) as done:
        done(3)
    assert capsys.readouterr().err == ""


def _at_once(corpus: Path) -> carlib.Analysis:
    """The analysis as every step computes it on the whole corpus at once."""
    articles = carlib.load_articles(corpus)
    tags = carlib.tag_corpus(articles)
    geography = carlib.geolocate(articles, tags)
    tags = replace(tags, figures=carlib.geo.locate_figures(tags.figures, geography.places))
    incidents = carlib.extract_incidents(articles, tags, geography.places, focus=geography.focus)
    return carlib.Analysis(articles, tags, geography.places, geography.focus, incidents)


def test_batches_of_articles_give_the_tables_of_the_whole_corpus(seed_articles, tmp_path,
                                                                  monkeypatch):
    # the seeds and 90 dev articles, copies of one story in different batches: stories,
    # focus and the incident merge across batches, a last batch shorter than the others
    corpus = write_corpus(pd.concat([seed_articles, edited(90)], ignore_index=True),
                          tmp_path / "corpus")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        whole = _at_once(corpus).tables()
        monkeypatch.setattr(pipeline, "BATCH", 2)
        sizes, one_batch = [], pipeline.analyse_batch
        monkeypatch.setattr(pipeline, "analyse_batch",
                            lambda articles, gazetteer: sizes.append(len(articles))
                            or one_batch(articles, gazetteer))
        batched = analyse(corpus, cache=False).tables()
    assert sizes == [2] * 46 + [1]
    assert len(batched["articles"]) == 93 and len(batched["incidents"]) > 10
    assert batched.keys() == whole.keys()
    for name, table in whole.items():
        pd.testing.assert_frame_equal(batched[name], table, obj=name)


def test_import_carlib_leaves_the_heavy_libraries_until_they_are_used():
    heavy = ["matplotlib", "folium", "branca", "ipywidgets", "IPython", "scipy", "dask",
             "nltk"]
    script = (f"import sys, carlib; print([m for m in {heavy!r} if m in sys.modules]); "
              "from carlib.explore import ExplorePanel; "
              "print(carlib.explore.__module__, carlib.incident_map.__module__, "
              "'matplotlib' in sys.modules, sorted(set(carlib.__all__) - set(dir(carlib))))")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert shown == ["[]", "carlib.explore carlib.maps.incident_map True []"]


def test_an_analysis_allocates_arrow_buffers_from_the_system_and_restores_the_pool(
        seeds_dir, monkeypatch):
    import pyarrow

    used = []
    real = pipeline._analyse_here
    monkeypatch.setattr(pipeline, "_analyse_here",
                        lambda corpus: used.append(pyarrow.default_memory_pool().backend_name)
                        or real(corpus))
    before = pyarrow.default_memory_pool().backend_name
    analyse(seeds_dir, cache=False)
    assert used == ["system"] and pyarrow.default_memory_pool().backend_name == before
