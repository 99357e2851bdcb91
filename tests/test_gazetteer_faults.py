"""The gazetteer index when things go wrong: a file corrupted mid-way, a killed build's
temporary files, a file where the cache folder should be. Each test works on a copy of the
user's index and replaces the ~20 s build by a copy of it."""

import os
import re
import shutil
import time

import pytest

import carlib.geo.gazetteer as gazetteer
from carlib.errors import GazetteerError
from carlib.files import atomic_path
from carlib.geo.gazetteer import Gazetteer, cache_dir


@pytest.fixture(scope="module")
def good_index(tmp_path_factory):
    """A private copy of the user's index (built once if missing)."""
    Gazetteer.load()
    copy = tmp_path_factory.mktemp("good") / "gazetteer.sqlite"
    shutil.copyfile(cache_dir() / "gazetteer.sqlite", copy)
    return copy


@pytest.fixture()
def index(good_index, tmp_path):
    path = tmp_path / "cache" / "gazetteer.sqlite"
    path.parent.mkdir()
    shutil.copyfile(good_index, path)
    return path


@pytest.fixture()
def builds(good_index, monkeypatch):
    """Replace the build by an atomic copy of the good index; the list of paths built."""
    built = []

    def build(path):
        built.append(path)
        with atomic_path(path) as tmp:
            shutil.copyfile(good_index, tmp)

    monkeypatch.setattr(gazetteer, "build_index", build)
    return built


def _corrupt_the_middle(path):
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(size // 2 // 4096 * 4096)
        handle.write(os.urandom(4 * 4096))


def test_an_index_corrupted_mid_file_is_named_and_rebuilt(index, builds, caplog):
    _corrupt_the_middle(index)
    db = gazetteer._open_index(index)
    assert builds == [index]
    assert f"gazetteer index {index} is corrupt" in caplog.text
    assert db.execute("SELECT count(*), sum(length(raw)) FROM names").fetchone()[0] > 100_000
    gaz = Gazetteer.load(index.parent)
    assert gaz.lookup("Yaloke", ["CF"])[0].name == "Yaloké"


def test_the_full_check_runs_once_per_version_of_the_file(index, builds, monkeypatch):
    """quick_check reads every page (~0.3 s): a warm open must not pay it again."""
    checks = []
    real = gazetteer._quick_check
    monkeypatch.setattr(gazetteer, "_quick_check", lambda db: checks.append(1) or real(db))
    gazetteer._open_index(index).close()
    times = []
    for _ in range(3):
        started = time.perf_counter()
        gazetteer._open_index(index).close()
        times.append(time.perf_counter() - started)
    assert len(checks) == 1 and min(times) < 0.1
    _corrupt_the_middle(index)  # written since: checked again, found corrupt, rebuilt
    gazetteer._open_index(index).close()
    assert len(checks) == 3 and builds == [index]


def test_temporary_files_of_a_killed_build_are_removed(index, builds):
    folder = index.parent
    killed = [folder / ".gazetteer.sqlite.k1ll3d.tmp",
              folder / ".gazetteer.sqlite.k1ll3d.tmp-journal"]
    running = folder / ".gazetteer.sqlite.runn1ng.tmp"
    others = [folder / ".notes.tmp", folder / "gazetteer.tmp"]
    hours_ago = time.time() - gazetteer.STALE_BUILD - 60
    for path in [*killed, running, *others]:
        path.write_bytes(b"half an index")
        if path != running:
            os.utime(path, (hours_ago, hours_ago))
    gazetteer._open_index(index).close()
    assert not any(p.exists() for p in killed)
    assert running.exists() and all(p.exists() for p in others) and not builds


def test_a_file_where_the_cache_folder_should_be_is_named(tmp_path, builds, monkeypatch):
    monkeypatch.setenv("CARLIB_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").write_text("not a folder")
    with pytest.raises(GazetteerError, match=re.escape(f"{tmp_path / 'cache'} as the cache")):
        Gazetteer.load()
    assert not builds

