"""The development corpus, replicated: the real text every benchmark runs on.

``replicated(megabytes)`` reads ``tests/corpora/dev`` (70 real articles, 2013-2024) with
``carlib.load_articles`` and repeats it under new ids (``<id>~<n>``) until it holds at least
``megabytes`` MB. Nothing here is generated from the seed articles.

>>> small, big = replicated(1.0)  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import carlib

DEV = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "dev"


def megabytes(articles: pd.DataFrame) -> float:
    """UTF-8 size of the articles' text in MB."""
    return float(articles["text"].str.encode("utf-8").str.len().sum()) / 1e6


def replicated(target_mb: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The distinct dev articles, and them repeated to at least ``target_mb`` MB."""
    articles = carlib.load_articles(DEV)
    articles = articles[articles["duplicate_of"].fillna("").eq("")].reset_index(drop=True)
    copies = max(1, -(-int(target_mb * 1e6) // int(megabytes(articles) * 1e6)))
    big = articles.loc[articles.index.repeat(copies)].reset_index(drop=True)
    big["article_id"] = [f"{a}~{i}" for i, a in enumerate(big["article_id"])]
    return articles, big
