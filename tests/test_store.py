"""Stored analyses: Parquet tables that come back exactly, damage that is caught and computed
again, cache folders that cannot be written, and a key that sees where each file lies."""

import importlib
import json
import logging
import os
import re
import time
import warnings
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from carlib import analyse, load_articles
from carlib.errors import CacheWarning, CarlibError, StoreError
from carlib.pipeline import Analysis, _fingerprint
from carlib.profile import profile
from carlib.store import MANIFEST, STALE_AFTER, load_tables, save_tables


@pytest.fixture(scope="module")
def seeds_analysis(seeds_dir):
    return analyse(seeds_dir, cache=False)


def _kinds_of_columns() -> pd.DataFrame:
    """One column of each kind the tables hold, with missing values where they can be."""
    frame = pd.DataFrame({
        "article_id": pd.Series(["a", "b", "c"], dtype="str"),
        "headline": pd.Series(["x", None, ""], dtype="str"),
        "duplicate_of": pd.Series(["", "a", ""], dtype=object),
        "language": pd.Series([None, "en", "fr"], dtype=object),
        "mixed": pd.Series([1, "two", None], dtype=object),
        "geonameid": pd.Series([2389853, None, 7], dtype="Int64"),
        "n_words": np.array([10, 0, 3], dtype="int64"),
        "share": [0.5, np.nan, 1.0],
        "aside": [True, False, True],
        "published": pd.to_datetime(["2014-01-30", None, "2013-12-05"]).astype(
            "datetime64[s]"),
        "date_start": pd.to_datetime(["2014-01-30", "2013-12-05", None]).astype(
            "datetime64[ns]"),
        "reports": pd.Series([[{"source": "IPS", "start": 3, "quote": "killed 14",
                                "reported": pd.Timestamp("2014-01-30").as_unit("us")}],
                              [], [{"source": "CNN", "reported": pd.NaT, "start": 0,
                                    "quote": ""}]], dtype=object),
    })
    frame.attrs["skipped"] = [{"path": "notes.pdf", "reason": "not a .txt article"}]
    return frame


def _assert_same(expected: pd.DataFrame, got: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(expected, got, check_exact=True)
    assert got.attrs == expected.attrs
    for column in expected.columns:  # the Python values inside object columns too
        if expected[column].dtype == object:
            assert [type(v) for v in got[column]] == [type(v) for v in expected[column]], column
            assert list(got[column]) == list(expected[column]), column


def test_every_kind_of_column_comes_back_exactly(tmp_path):
    frame = _kinds_of_columns()
    tables = {"full": frame, "empty": frame.iloc[0:0], "nothing": pd.DataFrame()}
    save_tables(tmp_path / "entry", tables, {"warnings": ["x.txt: skipped, empty"]})
    back, notes = load_tables(tmp_path / "entry")
    assert list(back) == list(tables) and notes == {"warnings": ["x.txt: skipped, empty"]}
    for name, table in tables.items():
        _assert_same(table, back[name])
    assert back["full"].loc[0, "reports"][0]["reported"].unit == "us"  # as it was
    assert sorted(p.name for p in (tmp_path / "entry").iterdir()) == [
        "empty.parquet", "full.parquet", MANIFEST, "nothing.parquet"]
    manifest = json.loads((tmp_path / "entry" / MANIFEST).read_text())
    assert manifest["format"] == 1 and manifest["tables"]["full"]["dtypes"]["geonameid"] == "Int64"
    assert [p.name for p in tmp_path.iterdir()] == ["entry"], "temporary folder left behind"


def test_an_analysis_of_the_seeds_comes_back_table_by_table(seeds_analysis, tmp_path):
    save_tables(tmp_path / "entry", seeds_analysis.tables(), {"warnings": ["w"]})
    tables, notes = load_tables(tmp_path / "entry")
    back = Analysis.from_tables(tables, notes["warnings"])
    assert sorted(tables) == ["articles", "dates", "figures", "focus", "incidents", "mentions",
                              "places", "sentences"]
    for name, table in seeds_analysis.tables().items():
        _assert_same(table, back.tables()[name])
    assert back.warnings == ["w"] and back.summary() == seeds_analysis.summary()
    assert isinstance(back.incidents.loc[0, "reports"], list)


def _flip(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [
    pytest.param(_flip, id="a flipped bit"),
    pytest.param(lambda p: p.write_bytes(p.read_bytes()[:-100]), id="truncated"),
    pytest.param(lambda p: p.write_bytes(os.urandom(2000)), id="garbage"),
    pytest.param(lambda p: p.unlink(), id="missing"),
])
@pytest.mark.parametrize("file", ["full.parquet", MANIFEST])
def test_a_damaged_file_is_refused_naming_it(tmp_path, damage, file):
    save_tables(tmp_path / "entry", {"full": _kinds_of_columns()}, {"warnings": []})
    damage(tmp_path / "entry" / file)
    with pytest.raises(StoreError, match=re.escape(str(tmp_path / "entry" / file))):
        load_tables(tmp_path / "entry")


def test_a_flipped_bit_is_computed_again_with_a_warning(corpus, cache, caplog):
    first = analyse(corpus)
    (entry,) = (cache / "analyses").iterdir()
    _flip(entry / "incidents.parquet")
    with caplog.at_level(logging.WARNING, logger="carlib.pipeline"):
        again = analyse(corpus)
    assert f"{entry / 'incidents.parquet'}: unreadable" in caplog.text
    assert "fail their checksum" in caplog.text
    pd.testing.assert_frame_equal(again.incidents, first.incidents)
    caplog.clear()
    tables, _ = load_tables(entry)  # stored afresh: whole again
    pd.testing.assert_frame_equal(tables["incidents"], first.incidents)


def test_a_killed_store_leaves_nothing_under_the_name(seeds_analysis, tmp_path, monkeypatch):
    import carlib.store

    def killed(folder, name, table):
        if name == "places":
            raise KeyboardInterrupt  # the run dies half way through the tables
        return written(folder, name, table)

    written = carlib.store._write_table
    monkeypatch.setattr(carlib.store, "_write_table", killed)
    with pytest.raises(KeyboardInterrupt):
        save_tables(tmp_path / "entry", seeds_analysis.tables(), {"warnings": []})
    assert list(tmp_path.iterdir()) == []


def test_the_temporary_folders_of_killed_runs_are_removed_later(tmp_path):
    killed, running = tmp_path / ".old.1234.tmp", tmp_path / ".new.5678.tmp"
    for folder in (killed, running):
        folder.mkdir()
        (folder / "articles.parquet").write_bytes(b"half")
    hours_ago = time.time() - STALE_AFTER - 60
    os.utime(killed, (hours_ago, hours_ago))
    save_tables(tmp_path / "entry", {"full": _kinds_of_columns()}, {"warnings": []})
    assert sorted(p.name for p in tmp_path.iterdir()) == [".new.5678.tmp", "entry"]


def test_a_value_parquet_cannot_keep_is_a_store_error(tmp_path):
    frame = pd.DataFrame({"ids": pd.Series([{1, 2}, None], dtype=object)})
    with pytest.raises(StoreError, match="table 'odd'.*set"):
        save_tables(tmp_path / "entry", {"odd": frame}, {"warnings": []})
    assert list(tmp_path.iterdir()) == []


def _unwritable(cache):
    """Make the analyses folder unwritable: read-only, or (as root, whom chmod does not stop)
    a file where the folder should be."""
    folder = cache / "analyses"
    if os.geteuid() == 0:
        folder.write_text("not a folder")
    else:
        folder.mkdir()
        folder.chmod(0o555)
    return folder


def _a_file_in_its_place(cache):
    (cache / "analyses").write_text("not a folder")
    return cache / "analyses"


@pytest.mark.parametrize("spoil", [pytest.param(_unwritable, id="read-only"),
                                   pytest.param(_a_file_in_its_place, id="a file in its place")])
def test_an_unwritable_cache_warns_and_returns_the_analysis(corpus, cache, spoil):
    expected = analyse(corpus, cache=False)
    folder = spoil(cache)
    try:
        with pytest.warns(CacheWarning,
                          match=re.escape(f"could not keep the analysis in {folder}")):
            result = analyse(corpus)
    finally:
        if folder.is_dir():
            folder.chmod(0o755)
    for name, table in expected.tables().items():
        pd.testing.assert_frame_equal(result.tables()[name], table)
    assert issubclass(CacheWarning, Warning) and issubclass(StoreError, CarlibError)


def test_moving_an_article_into_a_subfolder_changes_the_key(corpus, cache):
    """The old key hashed names and bytes in sorted order: a move that keeps the order (the
    first article into ``000_excluded/``) went unseen and the moved article was still served."""
    key = _fingerprint(corpus)
    assert len(analyse(corpus).articles) == 3
    article = next(corpus.glob("000_*.txt"))
    (corpus / "000_excluded").mkdir()
    article.rename(corpus / "000_excluded" / article.name)
    assert _fingerprint(corpus) != key
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the articles.csv row of the moved file
        loaded = load_articles(corpus)
        got = analyse(corpus)
    assert got.articles["path"].tolist() == loaded["path"].tolist()


def test_the_profile_is_part_of_the_key(corpus, monkeypatch):
    key = _fingerprint(corpus)
    profiles = importlib.import_module("carlib.profile")  # carlib.profile is also a function
    monkeypatch.setattr(profiles, "_CURRENT", [replace(profile(), focus_countries=("ML",))])
    assert _fingerprint(corpus) != key
