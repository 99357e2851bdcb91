"""Shared by the taggers: walk the sentences table and build rows with provenance.

Every table the taggers return starts with the provenance columns
``article_id, sentence_id, start, end, quote`` where ``start``/``end`` are character offsets
into the article's ``text`` and ``text[start:end] == quote``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import pandas as pd

from ..text import sentences as split_into_sentences

PROVENANCE = ["article_id", "sentence_id", "start", "end", "quote"]


@dataclass(frozen=True)
class Sentence:
    """One sentence with what a tagger needs to know about its article."""

    article_id: str
    sentence_id: int
    paragraph_id: int
    start: int
    text: str
    published: pd.Timestamp
    published_precision: str | None
    dateline: tuple[int, int] = (0, 0)  # sentence offsets of its dateline ((0, 0): none)

    def in_dateline(self, start: int, end: int | None = None) -> bool:
        """Whether the span ``start..end`` (sentence offsets) lies in the dateline."""
        a, b = self.dateline
        return a < b and a <= start and (start if end is None else end) <= b

    def provenance(self, start: int, end: int) -> dict:
        """Provenance columns for the span ``self.text[start:end]`` (sentence offsets)."""
        return {"article_id": self.article_id, "sentence_id": self.sentence_id,
                "start": self.start + start, "end": self.start + end,
                "quote": self.text[start:end]}


def iter_sentences(articles: pd.DataFrame, sents: pd.DataFrame | None = None
                   ) -> Iterator[Sentence]:
    """Yield each sentence of each article; ``sents`` is reused when already computed."""
    if sents is None:
        sents = split_into_sentences(articles)
    ids = articles["article_id"].tolist()
    published = dict(zip(ids, pd.to_datetime(articles["published"], errors="coerce")
                         if "published" in articles else [pd.NaT] * len(ids)))
    precision = dict(zip(ids, articles["published_precision"] if "published_precision" in
                         articles else [None] * len(ids)))
    columns = ("article_id", "sentence_id", "paragraph_id", "start", "quote", "dateline_start",
               "dateline_end")
    for article_id, sentence_id, paragraph_id, start, quote, d0, d1 in zip(
            *(sents[c].tolist() if c in sents else [0] * len(sents) for c in columns)):
        level = precision.get(article_id)
        yield Sentence(article_id, int(sentence_id), int(paragraph_id), int(start), quote,
                       published.get(article_id, pd.NaT),
                       level if isinstance(level, str) and level else None, (int(d0), int(d1)))


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """A tagger's output table with its documented columns, even when empty."""
    out = pd.DataFrame(rows, columns=columns)
    for column in ("sentence_id", "start", "end"):
        out[column] = out[column].astype("int64")
    return out


def gap(a: int, b: int, c: int, d: int) -> int:
    """Characters between the spans ``a..b`` and ``c..d`` (0 when they touch or overlap).

    >>> gap(0, 5, 8, 10), gap(0, 5, 3, 9)
    (3, 0)
    """
    return max(0, c - b, a - d)


def sentence_index(sents: pd.DataFrame) -> dict[tuple[str, int], tuple[int, str]]:
    """(article_id, sentence_id) -> (the sentence's start offset, its text)."""
    return {(a, int(s)): (int(start), quote) for a, s, start, quote in
            zip(sents["article_id"], sents["sentence_id"], sents["start"], sents["quote"])}


def rows_by_sentence(table: pd.DataFrame) -> dict[tuple[str, int], list]:
    """(article_id, sentence_id) -> the table's rows (named tuples) in that sentence, in order."""
    index: dict[tuple[str, int], list] = {}
    for row in table.itertuples(index=False):
        index.setdefault((row.article_id, int(row.sentence_id)), []).append(row)
    return index
