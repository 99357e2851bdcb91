"""Step 3 — temporal expressions: find the dates in each sentence and resolve them.

``extract_dates(articles)`` returns one row per temporal expression:

============  =========================================================================
article_id,   provenance (see :mod:`carlib.tagging.spans`): offsets into the article's
sentence_id,  ``text`` and ``text[start:end] == quote``
start, end,
quote
date_start,   the period the expression denotes (``datetime64``, ``NaT`` when unknown);
date_end      for ``since``/``until``/``before`` it is the anchor period itself
precision     ``day``, ``week``, ``month`` or ``year`` (``early December`` is ``month``
              with the narrower days 1-10 in the dates)
relation      ``on``, ``since``, ``before`` or ``until``
kind          ``absolute`` when the text itself fixes the date (a year is given),
              ``relative`` when it needs the publication date (``Tuesday``, ``last week``,
              ``19 December``, ``20 years ago``, ``since then``)
resolved      whether any date could be worked out
note          how the date was worked out, or why it could not be
============  =========================================================================

Quote convention (as in ``tests/gold/dates.csv``): the shortest span carrying the meaning.
A relation word before the date is kept in the quote (``since December``, ``by February``,
``since then``); other prepositions are left out (``in March 2013`` -> ``March 2013``,
``On Tuesday`` -> ``Tuesday``, ``Tuesday's vote`` -> ``Tuesday``). A range gives two rows
without its connecting words: ``between mid-December and mid-January`` -> ``mid-December``
(since) and ``mid-January`` (until); ``from March to May`` -> ``from March`` and ``May``
(until). Fixed phrases keep their words: ``In recent days``, ``At the time``,
``nearly 20 years ago``.

Resolution follows the publication date and its precision: a year-less date is the most
recent occurrence not after the publication period (the next one on or after it when the
sentence has a future cue such as ``will`` or ``due to``); a bare weekday is the most recent
such day on or before publication (on or after it with a future cue), ``last Friday`` the
Friday of the previous Monday-Sunday week; ``today``/``yesterday``/``tomorrow`` inside
quoted speech are left unresolved because the day the words were spoken is not given.
Also read: ``5-6 December``, ``March last year``, ``late 2012``, ``the 1990s``, ``last
weekend``, ``in the coming weeks`` and ``the next day`` (the day after the previous date).
The words (months, weekdays, future cues, relation words ...) are in the editable lexicon
``carlib/lexicons/date_words.csv``; the grammar is one regex, compiled once and tried only
near anchor words (a digit, a month, ``week`` ...), which keeps it at a few MB per second.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterable, Iterator

import pandas as pd

from ..lexicon import read_lexicon
from .numbers import words as number_words
from .spans import PROVENANCE, Sentence, frame, iter_sentences

__all__ = ["extract_dates", "DATE_COLUMNS"]

DATE_COLUMNS = PROVENANCE + ["date_start", "date_end", "precision", "relation", "kind",
                             "resolved", "note"]
PRECISION_RANK = {"day": 0, "week": 0, "month": 1, "year": 2}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}  # days of a month
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}  # months of a year
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}  # years of a decade
DAY_STEPS = {"previous": -1, "same": 0, "next": 1, "following": 1}  # "the next day"
WEEK_STEPS = {"last": -1, "this": 0, "next": 1}
WEEK_NAMES = {"last": "previous", "this": "same", "next": "next"}
RECENT_PRECISION = {"day": "week", "week": "month", "month": "year", "year": "year"}
# the anchor words of the grammar itself; REACH: how far before its anchor a match may start
GRAMMAR_ANCHORS = ("day", "week", "month", "year", "ago", "then", "time")
REACH = 64
_WORD_START = re.compile(r"\b\w")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[\s,(-]*$")
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_AND = re.compile(r"\s+and\s+", re.I)
_FROM_TO = re.compile(r"\s*(?:to|through|and|-|–)\s*", re.I)


# --------------------------------------------------------------------------- the lexicon


def _key(word: str) -> str:
    return " ".join(word.lower().rstrip(".").split())


def _alternation(words: Iterable[str], *, names: bool = False) -> str:
    """Case-sensitive alternation (fast in ``re``): lower-case, Capitalised and UPPER forms;
    ``names`` (months, weekdays) only the last two. Longest first; a space is any whitespace.
    """
    forms = {f for w in words for f in (w.capitalize(), w.upper(), *(() if names else (w,)))}
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+")
                            for f in sorted(forms, key=len, reverse=True)) + ")"


def _any(words: str) -> str:
    """``_alternation`` of space-separated words; ``_`` joins a phrase (``earlier_this``)."""
    return _alternation(w.replace("_", " ") for w in words.split())


def _shortest(words: set[str]) -> list[str]:
    """The words that contain none of the others (``jan`` covers ``january``)."""
    return [w for w in words if not any(o != w and o in w for o in words)]


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    needs_cue: frozenset[str]  # "may": bare, it needs a preposition before it
    weekdays: dict[str, int]
    day_words: dict[str, int]
    relations: dict[str, str]
    parts: dict[str, str]
    numbers: dict[str, int]
    year_cues: frozenset[str]
    pattern: re.Pattern
    anchor: re.Pattern  # a word every date expression contains (a digit, a month, "week" ...)
    future: re.Pattern


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """Read ``date_words.csv`` and compile the one combined pattern (once)."""
    lex = read_lexicon("date_words", ("word", "kind", "value", "source"))
    words = {kind: dict(zip(group["word"].map(_key), group["value"]))
             for kind, group in lex.groupby("kind")}
    full = {**words["month"], **words["ambiguous_month"]}
    abbr = words["month_abbr"]
    months = {w: int(v) for w, v in {**full, **abbr}.items()}
    month_full = _alternation(full, names=True) + r"\b"
    month_abbr = _alternation(abbr, names=True) + r"\b\.?"
    weekday = _alternation(words["weekday"], names=True) + r"\b"
    count = _alternation(words["count_noun"])
    year = rf"(?:19|20)\d\d\b(?![.,]\d)(?!\s+{count}\b)"
    day = rf"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)(?![.,]\d)(?!\s+{count}\b)"
    part = _alternation(words["part"])
    units = _any("day week month year")
    approx = _alternation(words["approximator"])
    steps = _alternation(DAY_STEPS)
    cardinals = {w: v for w, v in number_words().numbers.items() if v == int(v)}
    numbers = {**{w: int(v) for w, v in cardinals.items()},
               **{w: int(v) for w, v in words["number"].items()}}  # + "a couple of", "an"
    number = _alternation(numbers)
    the = _any("the")
    to_day = rf"(?:\s*[-–]\s*|\s+{_any('and')}\s+)"  # "5-6 December", "5 and 6 December"

    def year_after(g: str) -> str:  # "19 December 2013", "Dec. 19, 2013", "March last year"
        return (rf"(?:,?\s+(?P<{g}_y>{year})|"
                rf"\s+(?P<{g}_ry>{_any('last this next')})\s+{_any('year')}\b)?")

    branches = {
        "iso": r"(?:19|20)\d\d-[01]\d-[0-3]\d\b",
        "dmy": rf"(?:{weekday},?\s+)?(?:{the}\s+)?(?P<dmy_d>{day})(?:{to_day}(?P<dmy_d2>{day}))?"
               rf"(?:\s+of)?\s+(?P<dmy_m>{month_full}|{month_abbr}){year_after('dmy')}",
        "mdy": rf"(?:{weekday},?\s+)?(?P<mdy_m>{month_full}|{month_abbr})\s+(?P<mdy_d>{day})"
               rf"(?:{to_day}(?P<mdy_d2>{day}))?{year_after('mdy')}",
        "month": rf"(?:(?P<my_mod>{part}|{_any('last next this earlier_in later_in')})(?:-|\s+))?"
                 rf"(?P<my_m>{month_full}|{month_abbr}(?=,?\s+{year})){year_after('my')}",
        "ago": rf"(?:{approx}\s+)?(?P<ago_n>\d{{1,3}}|{number})\s+(?P<ago_u>{units})s?\s+"
               rf"{_any('ago')}\b",
        "recent": rf"{_any('in over during within')}\s+(?:"
                  rf"{_any('recent the_past the_last the_past_few the_last_few')}|"
                  rf"(?P<coming>{_any('the_coming the_next_few the_coming_few')}))\s+"
                  rf"(?P<recent_u>{units})s\b",
        "period": rf"(?:(?P<per_part>{part})\s+)?"
                  rf"(?P<per_mod>{_any('earlier_this later_this last this next')})\s+"
                  rf"(?P<per_u>{units})\b",
        "weekend": rf"(?P<we_mod>{_any('last this next over_the at_the')})\s+"
                   rf"{_any('weekend')}\b",
        "day_word": _alternation(words["day_word"]) + r"\b",
        "weekday": rf"(?:(?P<wd_mod>{_any('last next this')})\s+)?(?P<wd>{weekday})",
        "anaphor": rf"(?:(?(rel){_any('then that_time')}|{_any('at_the_time at_that_time')})"
                   rf"\b(?!\s+(?:of|when)\b)|{the}\s+(?P<nd_step>{steps})\s+{_any('day')}\b)",
        "year": rf"(?<![\d$£€])(?<!\d[.,])(?:(?P<y_part>{part})(?:-|\s+))?"
                rf"(?P<y>(?:19|20)\d0s\b|{year})",
    }
    relation = _alternation(words["relation"])
    body = "|".join(f"(?P<{name}>{regex})" for name, regex in branches.items())
    pattern = re.compile(rf"\b(?:(?P<rel>{relation})\s+(?:{the}\s+)?)?(?:{body})")
    plain = _shortest({*(w.split()[-1] for w in words["day_word"]), *GRAMMAR_ANCHORS})
    names = [w for w in _shortest({*months, *words["weekday"]}) if not any(p in w for p in plain)]
    anchor = re.compile(rf"\d+|{_alternation(names, names=True)}|{_alternation(plain)}")
    future = re.compile(rf"\b{_alternation(words['future_cue'])}\b")
    return _Lexicon(
        months=months, needs_cue=frozenset(words["ambiguous_month"]),
        weekdays={w: int(v) for w, v in words["weekday"].items()},
        day_words={w: int(v) for w, v in words["day_word"].items()},
        relations=words["relation"], parts=words["part"],
        numbers=numbers,
        year_cues=frozenset(words["year_cue"]), pattern=pattern, anchor=anchor, future=future)


# --------------------------------------------------------------------------- calendar helpers


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class _Published:
    """The publication period: one day, a month or a year (``start``..``end``)."""

    start: date | None
    end: date | None
    precision: str | None

    @classmethod
    def of(cls, stamp: pd.Timestamp, precision: str | None) -> _Published:
        if pd.isna(stamp):
            return cls(None, None, None)
        day = stamp.date()
        if precision == "year":
            return cls(day.replace(month=1, day=1), day.replace(month=12, day=31), "year")
        if precision == "month":
            return cls(day.replace(day=1), _month_end(day.year, day.month), "month")
        return cls(day, day, "day")

    def lacks(self, needed: str) -> str | None:
        """Why this date cannot resolve an expression that needs ``needed`` precision."""
        if self.start is None:
            return "the article has no published date"
        if PRECISION_RANK[self.precision] > PRECISION_RANK[needed]:
            return f"the article's published date is only known to the {self.precision}"
        return None


@dataclass(frozen=True)
class _Reading:
    start: date | None
    end: date | None
    precision: str
    kind: str
    note: str = ""


@dataclass
class _Context:
    """What resolving the expressions of one sentence needs."""

    sentence: Sentence
    published: _Published
    lex: _Lexicon
    article_text: str
    previous: tuple[str, _Reading] | None  # the article's previous expression (anaphora)
    spans: list[tuple[int, int]]  # of the sentence's date expressions
    relation: str = "on"  # of the expression being read
    _future: bool | None = None

    @property
    def future(self) -> bool:
        """A future cue outside the date expressions (``will``, not the ``next`` of ``the next
        day``); ignored for ``since``, which looks back."""
        if self._future is None:
            cues = (cue.start() for cue in self.lex.future.finditer(self.sentence.text))
            self._future = any(not any(a <= at < b for a, b in self.spans) for at in cues)
        return self._future and self.relation != "since"

    def unresolved(self, precision: str, why: str) -> _Reading:
        return _Reading(None, None, precision, "relative", why)


# --------------------------------------------------------------------------- readers


def _choose_year(pub: _Published, month: int, first: int, last: int, future: bool
                 ) -> tuple[int | None, str]:
    """Year of a year-less date (days ``first``..``last`` of ``month``) and how it was chosen."""
    if pub.start is None:
        return None, "no year given; the article has no published date"
    if future:
        year = pub.start.year + ((month, last) < (pub.start.month, pub.start.day))
        return year, "year from the publication date; next occurrence (future cue)"
    year = pub.end.year - ((month, first) > (pub.end.month, pub.end.day))
    return year, "year from the publication date"


def _calendar(ctx: _Context, month: int, first: int, last: int | None, year: str | None,
              precision: str, relative_year: str | None = None, future: bool | None = None
              ) -> _Reading:
    """Days ``first``..``last`` (None = month end) of ``month`` in ``year``, in the
    ``relative_year`` (``last``/``this``/``next`` year) or, without either, in the year chosen
    from the publication date (``future`` overrides the sentence's cue)."""
    if year:
        chosen, kind, note = int(year), "absolute", ""
    elif relative_year:
        step, kind, note = _key(relative_year), "relative", f"{_key(relative_year)} year"
        if ctx.published.start is None:
            return ctx.unresolved(precision, f"{note}; the article has no published date")
        chosen = ctx.published.start.year + WEEK_STEPS[step]
    else:
        future = ctx.future if future is None else future
        chosen, note = _choose_year(ctx.published, month, first, last or 31, future)
        kind = "relative"
        if chosen is None:
            return ctx.unresolved(precision, note)
    end = _month_end(chosen, month)
    if not 1 <= first <= end.day:
        return _Reading(None, None, precision, kind, f"{calendar.month_name[month]} has no day "
                        f"{first} in {chosen}")
    return _Reading(date(chosen, month, first), end.replace(day=min(last or end.day, end.day)),
                    precision, kind, note)


def _narrow(reading: _Reading, part: str | None) -> _Reading:
    """The ``early``/``mid``/``late`` part of a month, a year or a decade."""
    start, end = reading.start, reading.end
    if not part or start is None or end is None or reading.precision in ("day", "week"):
        return reading
    if reading.precision == "month":
        (low, high), unit = PARTS[part], "days"
        start, end = start.replace(day=low), end.replace(day=min(high, end.day))
    elif start.year == end.year:
        (low, high), unit = YEAR_PARTS[part], "months"
        start, end = date(start.year, low, 1), _month_end(end.year, high)
    else:
        (low, high), unit = DECADE_PARTS[part], "years"
        start, end = date(start.year + low, 1, 1), date(start.year + high, 12, 31)
    note = f"{reading.note}; " if reading.note else ""
    return replace(reading, start=start, end=end, note=f"{note}{part} = {unit} {low}-{high}")


def _int_day(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _day_month(m: re.Match, ctx: _Context, g: str) -> _Reading:
    first = _int_day(m[f"{g}_d"])
    last = _int_day(m[f"{g}_d2"]) if m[f"{g}_d2"] else first
    return _calendar(ctx, ctx.lex.months[_key(m[f"{g}_m"])], first, max(first, last),
                     m[f"{g}_y"], "day", m[f"{g}_ry"])


def _iso(m: re.Match, ctx: _Context) -> _Reading:
    year, month, day = map(int, m["iso"].split("-"))
    if not 1 <= month <= 12:
        return _Reading(None, None, "day", "absolute", f"no month {month}")
    return _calendar(ctx, month, day, day, str(year), "day")


def _month(m: re.Match, ctx: _Context) -> _Reading:
    month = ctx.lex.months[_key(m["my_m"])]
    modifier = _key(m["my_mod"] or "")
    if modifier in WEEK_STEPS:
        pub = ctx.published
        if pub.start is None:
            return ctx.unresolved("month", f"{modifier} {calendar.month_name[month]}; "
                                  "the article has no published date")
        year = {"last": pub.start.year - (month >= pub.start.month),
                "this": pub.start.year,
                "next": pub.end.year + (month <= pub.end.month)}[modifier]
        return _Reading(date(year, month, 1), _month_end(year, month), "month", "relative",
                        f"{modifier} {calendar.month_name[month]} from the publication date")
    future = False if modifier == "earlier in" else None  # "earlier in December" looks back
    reading = _calendar(ctx, month, 1, None, m["my_y"], "month", m["my_ry"], future)
    return _narrow(reading, ctx.lex.parts.get(modifier))


def _year(m: re.Match, ctx: _Context) -> _Reading:
    first = int(m["y"][:4])
    decade = m["y"].endswith("s")
    reading = _Reading(date(first, 1, 1), date(first + 9 * decade, 12, 31), "year", "absolute",
                       f"the {first}s" if decade else "")
    return _narrow(reading, ctx.lex.parts.get(_key(m["y_part"] or "")))


def _shifted(ctx: _Context, unit: str, steps: int, why: str) -> _Reading:
    """The whole ``unit`` (day/week/month/year) ``steps`` units from the publication date."""
    missing = ctx.published.lacks(unit)
    if missing:
        return ctx.unresolved(unit, f"{why}; {missing}")
    pub = ctx.published.start
    if unit == "day":
        day = pub + timedelta(days=steps)
        return _Reading(day, day, "day", "relative", why)
    if unit == "week":
        monday = _monday(pub) + timedelta(weeks=steps)
        return _Reading(monday, monday + timedelta(days=6), "week", "relative", why)
    if unit == "month":
        year, month = _add_months(pub, steps)
        return _Reading(date(year, month, 1), _month_end(year, month), "month", "relative", why)
    return _Reading(date(pub.year + steps, 1, 1), date(pub.year + steps, 12, 31), "year",
                    "relative", why)


def _ago(m: re.Match, ctx: _Context) -> _Reading:
    raw = _key(m["ago_n"])
    steps = int(raw) if raw.isdigit() else ctx.lex.numbers[raw]
    unit = m["ago_u"].lower()
    return _shifted(ctx, unit, -steps, f"{steps} {unit}(s) before publication")


def _recent(m: re.Match, ctx: _Context) -> _Reading:
    """``in recent days`` ends at publication, ``in the coming weeks`` starts there."""
    precision = RECENT_PRECISION[m["recent_u"].lower()]
    pub = ctx.published
    if pub.end is None:
        return ctx.unresolved(precision, "vague period; the article has no published date")
    if m["coming"]:
        return _Reading(pub.start, None, precision, "relative",
                        "vague coming period: starts at publication, end left open")
    return _Reading(None, pub.end, precision, "relative",
                    "vague recent period: start left open, ends at publication")


def _period(m: re.Match, ctx: _Context) -> _Reading:
    modifier, unit = _key(m["per_mod"]), m["per_u"].lower()
    part = ctx.lex.parts.get(_key(m["per_part"] or ""))
    if modifier in ("last", "next"):
        reading = _shifted(ctx, unit, WEEK_STEPS[modifier], f"{modifier} {unit}")
    elif ctx.published.lacks(unit):
        reading = ctx.unresolved(unit, f"{modifier} {unit}; {ctx.published.lacks(unit)}")
    elif part:
        reading = _shifted(ctx, unit, 0, f"{modifier} {unit}")
    else:
        whole, pub = _shifted(ctx, unit, 0, ""), ctx.published
        if modifier == "later this" or (modifier == "this" and ctx.future):
            reading = _Reading(pub.start, whole.end, unit, "relative",
                               f"{modifier} {unit}: from the publication date")
        else:
            reading = _Reading(whole.start, pub.end, unit, "relative",
                               f"{modifier} {unit}: up to the publication date")
    return _narrow(reading, part)


def _in_quoted_speech(m: re.Match, ctx: _Context) -> bool:
    at = ctx.sentence.start + m.start()
    text = ctx.article_text
    before = text[text.rfind("\n", 0, at) + 1:at]
    return before.count('"') % 2 == 1 or before.rfind("“") > before.rfind("”")


def _day_word(m: re.Match, ctx: _Context) -> _Reading:
    word = _key(m["day_word"])
    if _in_quoted_speech(m, ctx):
        return ctx.unresolved("day", f"'{word}' in quoted speech: the day it was said is "
                              "not given")
    return _shifted(ctx, "day", ctx.lex.day_words[word], word)


def _weekday(m: re.Match, ctx: _Context) -> _Reading:
    name, modifier = m["wd"].capitalize(), _key(m["wd_mod"] or "")
    missing = ctx.published.lacks("day")
    if missing:
        return ctx.unresolved("day", f"weekday; {missing}")
    pub, weekday = ctx.published.start, ctx.lex.weekdays[name.lower()]
    if modifier:
        day = _monday(pub) + timedelta(weeks=WEEK_STEPS[modifier], days=weekday)
        why = f"{name} of the {WEEK_NAMES[modifier]} week"
    elif ctx.future:
        day = pub + timedelta(days=(weekday - pub.weekday()) % 7)
        why = f"next {name} on or after publication (future cue)"
    else:
        day = pub - timedelta(days=(pub.weekday() - weekday) % 7)
        why = f"most recent {name} on or before publication"
    return _Reading(day, day, "day", "relative", why)


def _weekend(m: re.Match, ctx: _Context) -> _Reading:
    modifier = _key(m["we_mod"])
    missing = ctx.published.lacks("day")
    if missing:
        return ctx.unresolved("day", f"weekend; {missing}")
    pub = ctx.published.start
    if modifier in WEEK_STEPS:
        week, why = WEEK_STEPS[modifier], f"weekend of the {WEEK_NAMES[modifier]} week"
    elif ctx.future or pub.weekday() >= 5:
        week, why = 0, "the weekend of the publication week"
    else:
        week, why = -1, "the most recent weekend before publication"
    saturday = _monday(pub) + timedelta(weeks=week, days=5)
    return _Reading(saturday, saturday + timedelta(days=1), "day", "relative", why)


def _anaphor(m: re.Match, ctx: _Context) -> _Reading:
    if ctx.previous is None:
        return ctx.unresolved("day", "anaphoric: no earlier date in the article")
    quote, earlier = ctx.previous
    if not m["nd_step"]:
        return replace(earlier, kind="relative", note=f"anaphoric: refers to '{quote}'")
    step = m["nd_step"].lower()
    if earlier.precision != "day" or earlier.start is None or earlier.start != earlier.end:
        return ctx.unresolved("day", f"anaphoric: '{quote}' is not one known day")
    offset = DAY_STEPS[step]
    day = earlier.start + timedelta(days=offset)
    relative_to = {-1: "the day before", 0: "the same day as", 1: "the day after"}[offset]
    return _Reading(day, day, "day", "relative", f"anaphoric: {relative_to} '{quote}'")


_READERS: dict[str, Callable[[re.Match, _Context], _Reading]] = {
    "iso": _iso,
    "dmy": lambda m, ctx: _day_month(m, ctx, "dmy"),
    "mdy": lambda m, ctx: _day_month(m, ctx, "mdy"),
    "month": _month, "ago": _ago, "recent": _recent, "period": _period,
    "weekend": _weekend, "day_word": _day_word, "weekday": _weekday, "anaphor": _anaphor,
    "year": _year,
}


# --------------------------------------------------------------------------- sentence level


def _finditer(text: str, lex: _Lexicon) -> Iterator[re.Match]:
    """``lex.pattern.finditer(text)``, faster: the pattern is tried only at the word starts
    up to ``REACH`` characters before an anchor, as every date expression contains one."""
    tried = 0  # word starts before this were tried already (or are inside a match)
    for anchor in lex.anchor.finditer(text):
        at = anchor.start()
        if at < tried:
            continue
        for word in _WORD_START.finditer(text, max(tried, at - REACH), at + 1):
            m = lex.pattern.match(text, word.start())
            if m and m.end() > at:
                tried = m.end()
                yield m
                break
        else:
            tried = at + 1


def _is_date(m: re.Match, text: str, lex: _Lexicon) -> bool:
    """Drop what the pattern alone cannot rule out: bare numbers, "May", "over the last year"."""
    branch = m.lastgroup
    if m["rel"] or branch not in ("year", "month", "period"):
        return True
    previous = _PREVIOUS_WORD.search(text, max(0, m.start() - 30), m.start())
    word = previous[1].lower() if previous else ""
    if branch == "year":
        return bool(m["y_part"]) or m["y"].endswith("s") or word in lex.year_cues \
            or text.startswith(("'s", "’s"), m.end())
    if branch == "month":
        return bool(m["my_mod"] or m["my_y"] or m["my_ry"]) \
            or _key(m["my_m"]) not in lex.needs_cue \
            or word in lex.year_cues
    return bool(m["per_part"]) or not (word in ("the", "past")
                                       and _key(m["per_mod"]) in ("last", "next"))


def _relations(text: str, matches: list[re.Match], lex: _Lexicon) -> list[str]:
    """The relation of each match: its own relation word, else from a range around it."""
    relations = [lex.relations.get(_key(m["rel"] or ""), "on") for m in matches]
    for i, (a, b) in enumerate(zip(matches, matches[1:])):
        gap = text[a.end():b.start()]
        between = _BETWEEN.search(text, 0, a.start()) and _AND.fullmatch(gap)
        if between or (_key(a["rel"] or "") == "from" and _FROM_TO.fullmatch(gap)):
            relations[i] = "since"
            relations[i + 1] = "until" if relations[i + 1] == "on" else relations[i + 1]
    return relations


def extract_dates(articles: pd.DataFrame, sents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per temporal expression in ``articles``, resolved against each publication date.

    ``sents`` (from :func:`carlib.text.sentences`) is reused when given. See the module
    docstring for the columns and the conventions.

    >>> articles = pd.DataFrame({"article_id": ["a"],
    ...     "text": ["Talks resumed on Tuesday, since December 19 the town has been calm."],
    ...     "published": [pd.Timestamp("2014-01-30")], "published_precision": ["day"]})
    >>> extract_dates(articles)[["quote", "date_start", "precision", "relation"]]
                   quote date_start precision relation
    0            Tuesday 2014-01-28       day       on
    1  since December 19 2013-12-19       day    since
    """
    lex = _lexicon()
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows: list[dict] = []
    article_id, published, previous = None, _Published(None, None, None), None
    for sentence in iter_sentences(articles, sents):
        if sentence.article_id != article_id:
            article_id, previous = sentence.article_id, None
            published = _Published.of(sentence.published, sentence.published_precision)
        text = sentence.text
        matches = [m for m in _finditer(text, lex) if _is_date(m, text, lex)]
        if not matches:
            continue
        ctx = _Context(sentence, published, lex, texts[article_id], previous,
                       [m.span() for m in matches])
        for m, relation in zip(matches, _relations(text, matches, lex)):
            ctx.relation = relation
            reading = _READERS[m.lastgroup](m, ctx)
            ctx.previous = (m.group(), reading)
            rows.append({**sentence.provenance(m.start(), m.end()),
                         "date_start": reading.start, "date_end": reading.end,
                         "precision": reading.precision, "relation": relation,
                         "kind": reading.kind,
                         "resolved": reading.start is not None or reading.end is not None,
                         "note": reading.note})
        previous = ctx.previous
    out = frame(rows, DATE_COLUMNS)
    for column in ("date_start", "date_end"):
        out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
    out["resolved"] = out["resolved"].astype(bool)
    return out
