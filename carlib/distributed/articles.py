"""The articles table in pieces: read on the client, described on the workers, marked last.

``read_corpus`` reads a corpus as :func:`carlib.load_articles` does (the same files, metadata,
warnings and errors) and stops before anything per article is computed. ``describe`` adds the
per-article columns to one partition (sizes, checksum, language) and ``copy_keys`` what the
copy search needs: a digest of the text as the duplicate check compares it and the MinHash
signature of its shingles (:mod:`carlib.near_duplicates`). ``marked`` adds, last, the columns
that depend on other articles (``duplicate_of``, ``near_duplicate_of``, ``story_id``).

>>> raw, skipped = read_corpus("seeds")  # doctest: +SKIP
>>> articles, messages = describe(raw.iloc[:2])  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..corpus import (ARTICLE_COLUMNS, CorpusWarning, _WORD, _languages, check_articles, collect,
                      text_key)
from ..near_duplicates import signature

__all__ = ["read_corpus", "describe", "copy_keys", "marked", "captured", "MARKS"]

MARKS = ["duplicate_of", "near_duplicate_of", "story_id"]
_CAPTURE = threading.Lock()  # catching warnings is process-wide: one task at a time


def read_corpus(source: str | Path, recursive: bool = False) -> tuple[pd.DataFrame, list[dict]]:
    """The articles of ``source`` as read from their files, one row each in load order (the
    index is the position), ``published`` a datetime, and the files skipped; warns and raises
    as :func:`carlib.load_articles` does.

    >>> raw, skipped = read_corpus("seeds")  # doctest: +SKIP
    """
    path = Path(source)
    found = collect(path, recursive)
    if not found.rows:
        warnings.warn(f"{path}: no articles loaded", CorpusWarning, stacklevel=2)
    frame = pd.DataFrame(found.rows)
    for column in ARTICLE_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype=object)
    check_articles(frame, str(path))
    frame["published"] = pd.to_datetime(frame["published"])
    return frame, found.skipped


def captured(function: Callable[..., Any], *args: Any) -> tuple[Any, list[str]]:
    """``function(*args)`` and the CorpusWarnings it gave, as messages in order.

    >>> languages, messages = captured(_languages, articles)  # doctest: +SKIP
    """
    with _CAPTURE, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        result = function(*args)
    return result, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def describe(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One partition of :func:`read_corpus` with ``n_chars, n_words, sha256, language``, and
    the language warnings it gives.

    >>> articles, messages = describe(raw.iloc[:2])  # doctest: +SKIP
    """
    frame = raw.copy()
    texts = frame["text"].astype(str)
    frame["n_chars"] = texts.str.len().astype("int64")
    frame["n_words"] = texts.map(lambda t: len(_WORD.findall(t))).astype("int64")
    frame["sha256"] = texts.map(lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())
    frame["language"], messages = captured(_languages, frame)
    return frame, messages


def copy_keys(articles: pd.DataFrame) -> pd.DataFrame:
    """Per article (index: position): ``article_id``, ``text_key`` and ``signature`` (its
    MinHash values as 64-bit hex), what the copy search shuffles.

    >>> copy_keys(articles).columns.tolist()  # doctest: +SKIP
    ['article_id', 'text_key', 'signature']
    """
    # 16 hex digits a value, whatever width this datasketch stores them in
    signatures = [signature(text).hashvalues.astype("<u8").tobytes().hex()
                  for text in articles["text"].astype(str)]
    return pd.DataFrame({"article_id": articles["article_id"],
                         "text_key": [text_key(str(t)) for t in articles["text"]],
                         "signature": signatures}, index=articles.index).astype("str")


def marked(articles: pd.DataFrame, marks: pd.DataFrame) -> pd.DataFrame:
    """The partition's final articles table: ``marks`` (by position, for the copies only)
    filled in, columns in :data:`~carlib.corpus.ARTICLE_COLUMNS` order, extra ones after.

    >>> marked(articles, marks).columns[-3:].tolist()  # doctest: +SKIP
    ['near_duplicate_of', 'story_id', 'url']
    """
    frame = articles.copy()
    found = marks.reindex(frame.index)
    duplicate = found["duplicate_of"].fillna("").tolist()
    frame["duplicate_of"] = pd.Series(duplicate, index=frame.index, dtype=object)
    frame["near_duplicate_of"] = [c if not d else "" for c, d in
                                  zip(found["near_duplicate_of"].fillna(""), duplicate)]
    frame["story_id"] = [s if isinstance(s, str) else a
                         for s, a in zip(found["story_id"], frame["article_id"])]
    extra = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    return frame[ARTICLE_COLUMNS + extra]
