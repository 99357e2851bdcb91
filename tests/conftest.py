"""Shared fixtures: the repository's paths and the seed corpus."""

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
