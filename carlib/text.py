"""Step 2 — split each article into paragraphs and sentences, keeping character offsets.

``sentences(articles)`` returns one row per sentence:

==============  ============================================================
article_id      the article
sentence_id     0, 1, 2 ... within the article
paragraph_id    0, 1, 2 ... within the article (a paragraph is a line of text)
start, end      character offsets into the article's ``text``
quote           ``text[start:end]``, the sentence itself
dateline_start, where the sentence's dateline lies (``BANGUI, May 3 (Reuters) -``), as
dateline_end    offsets into the sentence; both 0 when it has none. Only the article's
                first dateline is marked: places and dates in it say where and when the
                story was filed, and every later step reads this, nothing else.
==============  ============================================================

The splitter is NLTK's Punkt configured in code (no downloaded model) with the abbreviations
in ``carlib/lexicons/abbreviations.csv``, plus three repairs for news copy as it arrives:
single-letter initials (``U. N.  peacekeeping``) never end a sentence, nor does a full stop
followed by a lower-case word (``... people." explained Amnesty``), a sub-heading glued to
the next sentence (``Mission confusionThe EU contingent``) is split at the seam, and a
closing quote that follows a full stop (``over. "In PK13``) stays with its sentence.
A "sentence" longer than ``MAX_SENTENCE`` characters (a table of numbers, a run-on line
without full stops) is cut at its last clause break (``;``, ``:``, ``,``) or space before the
limit, so that no later step ever reads an unbounded sentence: every step stays linear in the
text. News sentences are far shorter (the development corpus's longest is 456 characters).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

import pandas as pd

from .corpus import check_articles
from .lexicon import cues, read_lexicon

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

__all__ = ["sentences", "split_sentences", "find_dateline", "SENTENCE_COLUMNS"]

SENTENCE_COLUMNS = ["article_id", "sentence_id", "paragraph_id", "start", "end", "quote",
                    "dateline_start", "dateline_end"]
_PARAGRAPH = re.compile(r"[^\r\n]+")
# lower-case word glued to a capitalised one: "violenceBecause", "confusionThe"
_SEAM = re.compile(r"[a-z](?=[A-Z][a-z])")
_LOWER_RUN = re.compile(r"[A-Za-z]*?([a-z]+)$")
# full stop glued to the next sentence: "goals.Another"
_GLUED_STOP = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
_INITIAL_END = re.compile(r"(?:^|[\s(])[A-Z]\.$")
_QUOTES = '"'
# "UNITED NATIONS, Jan 30 (IPS)  - ", "ABUJA, June 14 (Reuters) - ", "BANGUI, Central African
# Republic (AP) — ", "BANGUI, 27 Aug ": where and when the story was filed, not where and when
# things happened. The place is in capitals; a date, an agency in brackets or a dash follows.
_DATE_BIT = r"(?:[A-Z][A-Za-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][A-Za-z]{2,8})(?:,?\s+\d{4})?"
_DATELINE = re.compile(
    rf"(?<![^\s])(?P<place>[A-Z][A-Z'’.-]*[A-Z](?:[ ][A-Z][A-Z'’.-]*[A-Z]){{0,3}})"
    rf"(?:,\s*(?P<country>[A-Z][a-z][A-Za-z .'’-]{{1,30}}?))?"
    rf"(?:(?:,\s*(?P<date>{_DATE_BIT}))?\s*(?P<agency>\([^)]{{1,40}}\))?\s*[-–—]{{1,2}}\s+"
    rf"|,\s*{_DATE_BIT}\s+(?=[A-Z])|\s*\([^)]{{1,40}}\)\s+(?=[A-Z]))"
    rf"|\((?P<bracketed>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\)\s*[-–—]{{1,2}}\s+")  # "(Nairobi) – "
_DATELINE_REACH = 600  # characters from the top of the article where a dateline may stand
MAX_SENTENCE = 1000
_CLAUSE_BREAK = re.compile(r"[;:,]\s+")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    """NLTK's Punkt splitter with the kit's abbreviations (NLTK, and the scipy it imports, are
    imported here, on the first split, not with carlib)."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(read_lexicon("abbreviations", ("abbreviation",))["abbreviation"]
                              .str.lower().str.rstrip("."))
    return PunktSentenceTokenizer(params)


def _punkt_cuts(paragraph: str) -> list[int]:
    """Offsets (within the paragraph) where Punkt starts a new sentence."""
    return [start for start, _ in _tokenizer().span_tokenize(paragraph)][1:]


def _is_seam(paragraph: str, at: int) -> bool:
    """A heading glued to a sentence, not a name like McDonald or YouTube: the lower-case run
    before ``at`` is a whole word of 3+ letters, or 6+ letters long."""
    word = _LOWER_RUN.search(paragraph, max(0, at - 40), at)
    run = len(word.group(1)) if word else 0
    return run >= 6 or (run >= 3 and word.start(1) == word.start())


def _repair(paragraph: str, cuts: list[int]) -> list[int]:
    fixed: set[int] = set()
    quotes, counted = 0, 0  # straight quotes seen before the cut: odd means one is open
    for cut in cuts:
        quotes += paragraph.count('"', counted, cut)
        counted = cut
        before = paragraph[max(0, cut - 8):cut].rstrip()
        if _INITIAL_END.search(before) or paragraph[cut].islower():
            continue  # "U. N.  mission", '... people." explained Amnesty'  — not an end
        if paragraph[cut] in _QUOTES and quotes % 2 == 1:
            # the quote at the cut closes one opened earlier: it belongs to the sentence before
            cut += 1
            while cut < len(paragraph) and paragraph[cut].isspace():
                cut += 1
            if cut >= len(paragraph):
                continue
        fixed.add(cut)
    fixed.update(m.end() for m in _SEAM.finditer(paragraph) if _is_seam(paragraph, m.end()))
    fixed.update(m.end() for m in _GLUED_STOP.finditer(paragraph))
    return sorted(c for c in fixed if 0 < c < len(paragraph))


def find_dateline(text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The dateline in ``text[start:end]``, if any (its ``place`` group is the city).

    >>> find_dateline("ABUJA, June 14 (Reuters) - Gunmen killed 23 villagers.").group("place")
    'ABUJA'
    """
    end = len(text) if end is None else end
    for m in _DATELINE.finditer(text, start, end):
        if not _byline().search(text, max(0, m.start() - 12), m.start()):
            return m  # not "By ANDREW MELDRUM AND TOM BOWKER | AP"
    return None


@lru_cache(maxsize=1)
def _byline() -> re.Pattern:
    return re.compile(rf"\b(?:{cues('byline', case='forms').regex})\s+\Z")


def split_sentences(text: str) -> Iterator[tuple[int, int, int]]:
    """Yield ``(paragraph_id, start, end)`` for each sentence of ``text``.

    >>> list(split_sentences("The U. N.  mission failed. Talks resumed."))
    [(0, 0, 26), (0, 27, 41)]
    """
    for paragraph_id, match in enumerate(_PARAGRAPH.finditer(text)):
        paragraph = match.group()
        if not paragraph.strip():
            continue
        bounds = [0, *_repair(paragraph, _punkt_cuts(paragraph)), len(paragraph)]
        for a, b in (piece for a, b in zip(bounds, bounds[1:]) for piece in _bounded(
                paragraph, a, b)):
            piece = paragraph[a:b]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                start = match.start() + a + lead
                yield paragraph_id, start, start + len(stripped)


def _bounded(paragraph: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``start..end`` in pieces of at most ``MAX_SENTENCE`` characters, each cut after the
    last clause break (else space) in the last quarter before the limit."""
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = _last_break(paragraph, limit - MAX_SENTENCE // 4, limit)
        yield start, cut
        start = cut
    yield start, end


def _last_break(paragraph: str, lo: int, hi: int) -> int:
    for pattern in (_CLAUSE_BREAK, _SPACE):
        ends = [m.end() for m in pattern.finditer(paragraph, lo, hi)]
        if ends:
            return ends[-1]
    return hi


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of every article, with offsets into ``articles.text``.

    >>> sents = sentences(load_articles("seeds"))  # doctest: +SKIP
    >>> sents.loc[0, "quote"]  # doctest: +SKIP
    'Amnesty International is calling for the rapid deployment ...'
    """
    check_articles(articles, "sentences")
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        dateline = find_dateline(text, 0, min(len(text), _DATELINE_REACH))
        for sentence_id, (paragraph_id, start, end) in enumerate(split_sentences(text)):
            marked = (0, 0)
            if dateline is not None and start <= dateline.start() < end:
                marked = (dateline.start() - start, min(dateline.end(), end) - start)
            rows.append((article_id, sentence_id, paragraph_id, start, end, text[start:end],
                         *marked))
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return frame.astype({c: "int64" for c in SENTENCE_COLUMNS
                         if c not in ("article_id", "quote")})
