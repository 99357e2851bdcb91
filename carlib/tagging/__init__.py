"""Step 3 — tag the articles: actors and people, dates, and figures about people.

Each tagger takes the articles table (and, to avoid splitting twice, the sentences table)
and returns a tidy table whose rows start with ``article_id, sentence_id, start, end, quote``.
``tag_corpus`` runs them all once, optionally on several cores.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import pandas as pd

from ..text import sentences
from .dates import extract_dates
from .figures import extract_figures
from .key_dates import KEY_DATE_COLUMNS, key_dates
from .mentions import extract_mentions, mention_counts, tag

__all__ = ["Tags", "extract_dates", "extract_figures", "extract_mentions", "key_dates",
           "KEY_DATE_COLUMNS", "mention_counts", "tag", "tag_corpus"]


@dataclass
class Tags:
    """Everything the taggers found in a corpus, one table each."""

    sentences: pd.DataFrame
    mentions: pd.DataFrame
    dates: pd.DataFrame
    figures: pd.DataFrame


def _tag_chunk(articles: pd.DataFrame) -> Tags:
    sents = sentences(articles)
    dates = extract_dates(articles, sents)
    return Tags(sents, extract_mentions(articles, sents), dates,
                extract_figures(articles, sents, dates))


def tag_corpus(articles: pd.DataFrame, workers: int = 1) -> Tags:
    """Split into sentences once and run every tagger; ``workers > 1`` uses several cores.

    >>> tags = tag_corpus(load_articles("seeds"))  # doctest: +SKIP
    >>> tags.figures[["quote", "category"]]  # doctest: +SKIP
    """
    if workers <= 1 or len(articles) < 2 * workers:
        return _tag_chunk(articles)
    size = -(-len(articles) // (workers * 4))
    chunks = [articles.iloc[i:i + size] for i in range(0, len(articles), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(_tag_chunk, chunks))
    return Tags(*(pd.concat([getattr(p, field) for p in parts], ignore_index=True)
                  for field in ("sentences", "mentions", "dates", "figures")))
