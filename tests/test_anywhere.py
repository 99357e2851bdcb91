"""Run from anywhere: the kit's files found through the package, the defaults pointing at the
seeds and reports/, a corpus that does not exist named before any cache look-up, the cache
keyed by where a corpus is and what it holds, a notebook run by papermill from another folder."""

import time
from pathlib import Path

import pandas as pd
import pytest

import carlib.pipeline
from carlib import CorpusError, analyse
from carlib.locations import package_path, reports_folder, repository, sample_corpus
from carlib.pipeline import _fingerprint
from carlib.report import NOTEBOOK_DIR

STORY = "Gunmen killed {n} villagers in Bossangoa on Tuesday, a witness said."


def _corpus(folder, n):
    """A one-article corpus whose article gives ``n`` dead."""
    folder.mkdir(parents=True)
    (folder / "a1.txt").write_text(STORY.format(n=n), encoding="utf-8")
    (folder / "articles.csv").write_text(
        "article_id,file,outlet,published\na1,a1.txt,Wire,2014-02-04\n", encoding="utf-8")
    return folder


def test_the_kits_files_are_found_through_the_package_from_any_folder(root, tmp_path,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert package_path() == root / "carlib"
    assert NOTEBOOK_DIR == root / "carlib" / "notebooks"
    assert len(list(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))) >= 5
    assert package_path("lexicons", "en", "actors.csv").is_file()
    assert repository() == root
    assert sample_corpus() == root / "seeds" and reports_folder() == root / "reports"


def test_a_corpus_that_does_not_exist_is_named_before_any_cache_look_up(analyses, tmp_path,
                                                                        monkeypatch):
    def no_look_up(corpus):
        raise AssertionError(f"the cache was asked about {corpus}")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(carlib.pipeline, "_fingerprint", no_look_up)
    with pytest.raises(CorpusError, match=f"typo: no such corpus folder or file .*{tmp_path}/typo"):
        analyse("typo/")
    assert not analyses.exists()


def test_two_folders_of_the_same_names_never_share_an_entry(analyses, tmp_path):
    """(Keys, not entries, are counted: another process may edit carlib's files meanwhile.)"""
    a = _corpus(tmp_path / "a" / "corpus", 14)
    b = _corpus(tmp_path / "b" / "corpus", 23)
    assert _fingerprint(a) != _fingerprint(b)
    assert analyse(a).incidents["fatalities"].tolist() == [14]
    assert analyse(b).incidents["fatalities"].tolist() == [23]
    assert analyse(a).incidents["fatalities"].tolist() == [14]  # from the cache, a's own


def test_the_same_files_in_two_places_are_two_corpora(analyses, tmp_path, monkeypatch):
    """Keyed by the resolved path: a relative path from two folders names two corpora, and each
    analysis's article paths are the ones it was given."""
    for where in ("a", "b"):
        _corpus(tmp_path / where / "corpus", 14)
    monkeypatch.chdir(tmp_path / "a")
    key_a, from_a = _fingerprint(Path("corpus")), analyse("corpus")
    monkeypatch.chdir(tmp_path / "b")
    key_b, from_b = _fingerprint(Path("corpus")), analyse("corpus")
    absolute = tmp_path / "b" / "corpus"
    assert len({key_a, key_b, _fingerprint(absolute)}) == 3
    assert from_a.articles["path"].tolist() == from_b.articles["path"].tolist() == ["corpus/a1.txt"]
    assert analyse(absolute).articles["path"].tolist() == [str(absolute / "a1.txt")]


def test_the_notebooks_and_the_sample_seeds_are_no_input_of_an_analysis(tmp_path):
    """They ship with carlib, but editing a notebook must not recompute every analysis."""
    labels = [label for label, _ in carlib.pipeline._inputs(_corpus(tmp_path / "corpus", 14))]
    assert "carlib/lexicons/en/actors.csv" in labels and "corpus/a1.txt" in labels
    assert not [x for x in labels if x.startswith(("carlib/notebooks/", "carlib/data/seeds/"))]


def test_a_notebook_run_by_papermill_from_another_folder_finds_the_seeds(root, tmp_path,
                                                                         monkeypatch):
    """No parameters: the seeds, and its files in the repository's reports/interactive/, not in
    the working directory."""
    import nbformat
    import papermill

    from carlib.report import _this_python_as_kernel

    work = tmp_path / "elsewhere"
    work.mkdir()
    monkeypatch.chdir(work)
    started = time.time() - 1
    with _this_python_as_kernel():
        papermill.execute_notebook(str(NOTEBOOK_DIR / "04_incidents.ipynb"), "run.ipynb",
                                   kernel_name="python3", progress_bar=False)
    assert sorted(p.name for p in work.iterdir()) == ["run.ipynb"]
    written = root / "reports" / "interactive"
    table = pd.read_csv(written / "incidents.csv")
    assert (written / "incidents.csv").stat().st_mtime >= started
    assert (written / "incident_map.html").stat().st_mtime >= started
    expected = analyse(root / "seeds").incidents["incident_id"].tolist()
    assert table["incident_id"].tolist() == expected
    outputs = "".join(str(o) for c in nbformat.read("run.ipynb", 4).cells
                      for o in c.get("outputs", []))
    assert "INC-0001" in outputs and "Traceback" not in outputs
