"""Key dates: the turning points the articles themselves date (seized power, resigned, a vote).

``key_dates(dates, sentences, mentions)`` returns one row per key date:

============  =============================================================================
provenance    ``article_id, sentence_id, start, end, quote`` (from the cue to the date, e.g.
              ``seized power in March 2013``)
date          the date's ``date_start``
precision     ``day``, ``week`` or ``month`` (a date known only to the year is left out)
label         the cue's label from ``key_events.csv`` with its actor or person filled in
cue           the cue word as written
============  =============================================================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..lexicon import Phrases
from .mentions import GENERIC_TYPES
from .spans import PROVENANCE, gap, rows_by_sentence, sentence_index

__all__ = ["key_dates", "KEY_DATE_COLUMNS"]

KEY_DATE_COLUMNS = PROVENANCE + ["date", "precision", "label", "cue"]
_KEY_PRECISIONS = ("day", "week", "month")  # a date known only to the year is no line
_KEY_GAP = pd.Timedelta(days=3)  # the same event reported within a few days is one key date
_KEY_REACH = 100  # characters between a cue and the date it takes
_PLACEHOLDER = re.compile(r"\{(actor|person)\}")


@dataclass
class _KeyEvent:
    date: object  # the date row (article_id, sentence_id, start, end, date_start, ...)
    cue: re.Match
    template: str
    distance: int
    fills: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _event_cues(path: str = "key_events") -> Phrases:
    """The turning-point cues; each cue's value is its row (``label``)."""
    return Phrases.from_lexicon(path, "cue", boundary=r"[\w-]")


def _fills(template: str, cue: re.Match, offset: int, named: pd.DataFrame) -> dict[str, str]:
    """The actor named nearest before the cue (its subject) and the person named nearest on
    either side (``the resignation of ... Michel Djotodia``), a person by surname."""
    fills = {}
    for kind in _PLACEHOLDER.findall(template):
        rows = named[(named["kind"] == kind) & ~named["type"].isin(GENERIC_TYPES)]
        if kind == "actor":
            rows = rows[rows["end"] - offset <= cue.start()]
        if rows.empty:
            continue
        gaps = [gap(s - offset, e - offset, *cue.span())
                for s, e in zip(rows["start"], rows["end"])]
        label = rows["label"].iloc[gaps.index(min(gaps))]
        fills[kind] = label.split()[-1] if kind == "person" else label
    return fills


def _label(event: _KeyEvent) -> str:
    text = _PLACEHOLDER.sub(lambda m: event.fills.get(m.group(1), ""), event.template)
    return " ".join(text.split())


def _candidates(dates: pd.DataFrame, sents: pd.DataFrame, mentions: pd.DataFrame | None
                ) -> list[_KeyEvent]:
    """Each cue takes its nearest date in the sentence; each date keeps its nearest cue."""
    cues = _event_cues()
    sentence_of = sentence_index(sents)
    usable = dates[dates["date_start"].notna() & dates["precision"].isin(_KEY_PRECISIONS)]
    named = (mentions if mentions is not None else pd.DataFrame(
        columns=["article_id", "sentence_id", "start", "end", "kind", "label", "type"]))
    named_of = {key: group for key, group in named.groupby(["article_id", "sentence_id"])}
    events: dict[tuple, _KeyEvent] = {}
    for key, date_rows in rows_by_sentence(usable).items():
        if key not in sentence_of:
            continue
        offset, text = sentence_of[key]
        for cue in cues.finditer(text):
            spans = [(d, gap(d.start - offset, d.end - offset, *cue.span())) for d in date_rows]
            if any(d.start - offset < cue.end() and cue.start() < d.end - offset for d, _ in spans):
                continue  # the cue word is part of a date expression
            date, distance = min(spans, key=lambda pair: pair[1])
            slot = (key, date.start)
            if distance <= _KEY_REACH and (slot not in events or distance < events[slot].distance):
                template = cues.value(cue.group())["label"]
                fills = _fills(template, cue, offset, named_of.get(key, named.iloc[:0]))
                events[slot] = _KeyEvent(date, cue, template, distance, fills)
    return list(events.values())


def _deduplicate(events: list[_KeyEvent]) -> list[_KeyEvent]:
    """One key date per event type within a few days: the most precise date, then the one
    whose cue sits closest to its date; it borrows an actor or person a duplicate names."""
    kept: list[_KeyEvent] = []
    rank = {"day": 0, "week": 0, "month": 1}
    for event in sorted(events, key=lambda e: (rank[e.date.precision], e.distance,
                                               e.date.date_start)):
        start, end = event.date.date_start, event.date.date_end
        same = next((k for k in kept if k.template == event.template
                     and k.date.date_start - _KEY_GAP <= end
                     and start - _KEY_GAP <= k.date.date_end), None)
        if same is None:
            kept.append(event)
        else:
            same.fills = {**event.fills, **same.fills}
    return kept


def key_dates(dates: pd.DataFrame, sentences: pd.DataFrame,
              mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The articles' own key dates: resolved dates whose sentence reports a turning point.

    A cue from ``carlib/lexicons/key_events.csv`` (``seized power``, ``resignation``,
    ``take authority``, ``vote``, ``ceasefire`` ...; not inside a date expression) takes the
    date expression nearest it in its sentence, at most 100 characters away; a date keeps the
    cue nearest it. Dates known only to the year are left out (no line can show them). The
    label is the cue's lexicon label, where ``{actor}``/``{person}`` become the actor or
    person (surname) the sentence names nearest the cue when ``mentions`` (the mentions table)
    is given (the actor named before the cue, the person on either side), and are left out
    otherwise: ``Seleka seized power`` / ``seized power``. The same label within a few days
    is one key date (the most precise date wins).

    Columns: provenance (the quote runs from the cue to the date, e.g. ``seized power in
    March 2013``), ``date`` (``date_start``), ``precision``, ``label``, ``cue``.

    >>> tags = tag_corpus(articles)  # doctest: +SKIP
    >>> key_dates(tags.dates, tags.sentences, tags.mentions)[["date", "label"]]  # doctest: +SKIP
    """
    sentence_of = sentence_index(sentences)
    rows = []
    for event in _deduplicate(_candidates(dates, sentences, mentions)):
        d = event.date
        offset, text = sentence_of[(d.article_id, int(d.sentence_id))]
        start = min(d.start - offset, event.cue.start())
        end = max(d.end - offset, event.cue.end())
        rows.append({"article_id": d.article_id, "sentence_id": int(d.sentence_id),
                     "start": offset + start, "end": offset + end, "quote": text[start:end],
                     "date": d.date_start, "precision": d.precision, "label": _label(event),
                     "cue": event.cue.group()})
    out = pd.DataFrame(rows, columns=KEY_DATE_COLUMNS)
    out["date"] = pd.to_datetime(out["date"])
    return out.sort_values(["date", "label"]).reset_index(drop=True)
