"""Editable lexicons: plain CSV files with a header and a ``source`` column.

The kit's own lexicons live in ``carlib/lexicons/``; a researcher can pass a path to their own
file (same columns) wherever a function takes ``lexicon=``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"


class LexiconError(ValueError):
    """A lexicon file is missing, unreadable or lacks a column; the message names it."""


def read_lexicon(name_or_path: str | Path, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a lexicon CSV (all columns as text, blanks as ``""``), checking its columns.

    ``name_or_path`` is a shipped lexicon's name (``"actors"``) or a path to a CSV file.

    >>> read_lexicon("abbreviations", required=("abbreviation",)).head(2)  # doctest: +SKIP
    """
    path = Path(name_or_path)
    if path.suffix.lower() != ".csv":
        path = LEXICON_DIR / f"{name_or_path}.csv"
    return _read(path.resolve(), required).copy()


@lru_cache(maxsize=32)
def _read(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        raise LexiconError(f"{path}: no such lexicon file")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: not a readable UTF-8 CSV ({err})") from None
    frame.columns = [c.strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise LexiconError(f"{path}: missing column(s) {missing}; it has {list(frame.columns)}")
    return frame.apply(lambda column: column.str.strip())


def phrase_regex(phrases: Iterable[str]) -> str:
    """A regex alternation of lexicon phrases, longest first; ``*`` stands for any one word
    and any run of white space between words matches.

    >>> re.fullmatch(phrase_regex(["in * need"]), "in  desperate need") is not None
    True
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        words = [r"\w+" if w == "*" else re.escape(w) for w in phrase.split()]
        parts.append(r"\s+".join(words))
    return "|".join(parts)
