"""Every step costs time linear in its input: ten times the input costs less than fifteen
times the time (best of two runs each, after a warm-up), for the inputs that were once
quadratic — a sentence that is a table of numbers, a sentence naming one place thousands of
times, a long article on one line, and thousands of undated reports to merge."""

import time

import pandas as pd
import pytest

from carlib.geo import geolocate
from carlib.incidents import extract_incidents
from carlib.tagging import tag_corpus

BUDGET = 15  # times the time for ten times the input


def _articles(texts: list[str], dated: bool = True) -> pd.DataFrame:
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(len(texts))], "text": texts,
        "outlet": "test", "published": pd.Timestamp("2014-01-02") if dated else pd.NaT,
        "published_precision": "day" if dated else None})


def _best(step, articles) -> float:
    times = []
    for _ in range(2):
        started = time.perf_counter()
        step(articles)
        times.append(time.perf_counter() - started)
    return min(times)


def _ratio(step, small: pd.DataFrame, big: pd.DataFrame) -> float:
    step(small)  # warm-up: lexicons compiled, gazetteer open
    return _best(step, big) / max(_best(step, small), 1e-3)


def _everything(articles: pd.DataFrame) -> None:
    tags = tag_corpus(articles)
    geo = geolocate(articles, tags)
    extract_incidents(articles, tags, geo.places, focus=geo.focus)


def _table(n: int) -> pd.DataFrame:
    return _articles(["Casualties by town: " + ", ".join(f"{i} killed" for i in range(n))
                      + "."])


def _repeated_place(n: int) -> pd.DataFrame:
    return _articles(["Gunmen killed five people in Bria" + " and Bria" * n + "."])


def _one_line(n: int) -> pd.DataFrame:
    sentence = "Gunmen killed five people in Bria on Monday, the mission said; "
    return _articles([sentence * n])


def _undated(n: int) -> pd.DataFrame:
    towns = ["Bria", "Bambari", "Bangui", "Bossangoa", "Kaga-Bandoro"]
    return _articles([f"Gunmen killed {i % 7 + 2} people in {towns[i % 5]}." for i in range(n)],
                     dated=False)


@pytest.mark.parametrize("make, small", [(_table, 150), (_repeated_place, 500),
                                         (_one_line, 100), (_undated, 150)],
                         ids=["numbers-table", "repeated-place", "one-line", "undated-merge"])
def test_ten_times_the_input_costs_less_than_fifteen_times_the_time(make, small):
    ratio = _ratio(_everything, make(small), make(small * 10))
    assert ratio < BUDGET, f"{make.__name__}: 10x the input took {ratio:.1f}x the time"
