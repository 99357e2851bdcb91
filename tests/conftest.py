"""Shared fixtures: the repository's paths, the seed corpus, a private cache folder."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_articles(seeds_dir):
    import carlib

    return carlib.load_articles(seeds_dir)


@pytest.fixture()
def corpus(seeds_dir, tmp_path):
    """A copy of the seeds to change."""
    shutil.copytree(seeds_dir, tmp_path / "corpus")
    return tmp_path / "corpus"


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    """A private cache folder, sharing the user's gazetteer index (slow to build) by a link."""
    from carlib.geo.gazetteer import Gazetteer, cache_dir

    Gazetteer.load()
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "gazetteer.sqlite").symlink_to(cache_dir() / "gazetteer.sqlite")
    monkeypatch.setenv("CARLIB_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture()
def analyses(cache):
    """Where :func:`carlib.analyse` keeps its analyses in the private cache folder."""
    return cache / "analyses"
