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
(until); the first date of a range takes its year from the second (``from April to November
2023``: April 2023; ``from December to March 2014``: December 2013; with neither year
written, ``from April to June`` ends in the most recent June and starts before it). Fixed
phrases keep their words: ``In recent days``, ``At the time``, ``nearly 20 years ago``.

Resolution follows the publication date and its precision: a year-less date is the most
recent occurrence not after the publication period (the next one on or after it when the
sentence has a future cue such as ``will`` or ``due to``); a bare weekday is the most recent
such day on or before publication (on or after it with a future cue), ``last Friday`` the
Friday of the previous Monday-Sunday week; ``today``/``yesterday``/``tomorrow`` inside
quoted speech are left unresolved because the day the words were spoken is not given.
Also read: ``5-6 December``, ``March last year``, ``late 2012``, ``the 1990s``, ``last
weekend``, ``in the coming weeks``, ``over the past two days`` (the days up to publication)
and ``the next day`` (the day after the previous date); ``a month earlier``, ``72 hours
before``, ``two days later``, ``the previous week``, ``the week before`` are that far from the
previous date (``before``/``after`` only at a clause's end: ``two days after the attack`` is
left alone).
Every word is in the editable lexicon ``carlib/lexicons/<language>/date_words.csv`` (columns
``word, kind, value, source, case``; or your own CSV: ``extract_dates(..., lexicon=path)``):
months, weekdays, relation and future cues, and the closed-class words of the grammar, each
``kind`` with a language-neutral ``value`` the code reads (``step``: ``last`` = -1, ``this`` =
0, ``next`` = 1; ``unit``/``unit_plural``: ``days`` = ``day``; ``anaphor_step``: ``the next
day`` = +1; ``vague_period``: ``recent``/``coming``; ...). ``case`` is how a word may be written:
blank (lower-case, Capitalised or UPPER), ``names`` (Capitalised or UPPER, as English writes
months and weekdays), ``exact`` or ``any``. The code holds only the grammar of how the kinds
combine: one regex, compiled once and tried only near anchor words (a digit, a month, a unit
...), which keeps it at a few MB per second. Notes are descriptions in English, built from
the matched words where they quote them.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from ..lexicon import LexiconError, lexicon_path, read_lexicon
from .numbers import words as number_words
from .spans import PROVENANCE, Sentence, frame, iter_sentences

__all__ = ["extract_dates", "DATE_COLUMNS"]

DATE_COLUMNS = PROVENANCE + ["date_start", "date_end", "precision", "relation", "kind",
                             "resolved", "note"]
# the language-neutral values of the lexicon: units (= precisions), parts of a period
PRECISION_RANK = {"day": 0, "week": 0, "month": 1, "year": 2}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}  # days of a month
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}  # months of a year
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}  # years of a decade
RECENT_PRECISION = {"day": "week", "week": "month", "month": "year", "year": "year"}
_SPAN_DAYS = {"day": 1, "week": 7}  # a counted recent span of these units is read as days
# how the notes name a step (the value of a ``step`` / ``anaphor_step`` word)
STEP_NAMES = {-1: "previous", 0: "same", 1: "next"}
DAY_STEP_NAMES = {-1: "the day before", 0: "the same day as", 1: "the day after"}
# the kinds whose words anchor the grammar (every date expression contains a digit, a month,
# a weekday or the last word of one of these); REACH: how far before its anchor a match starts
ANCHOR_KINDS = ("day_word", "unit", "unit_plural", "ago", "anaphor", "weekend", "hour_unit")
REACH = 64
CASES = ("forms", "names", "exact", "any")  # the ``case`` column; blank is ``forms``
_WORD_START = re.compile(r"\b\w")
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)[\s,(-]*$")


# --------------------------------------------------------------------------- the lexicon


def _key(word: str) -> str:
    return " ".join(word.lower().rstrip(".").split())


def _alternation(words: dict[str, str]) -> str:
    """Case-sensitive alternation (fast in ``re``) of ``words`` (word -> its ``case``):
    ``forms`` lower-case, Capitalised and UPPER; ``names`` (months, weekdays in English) only
    the last two; ``exact`` as written; ``any`` any case. Longest first; a space is any
    whitespace. No words: a pattern that never matches."""
    forms: dict[str, bool] = {}  # form -> whether any case goes
    for word, case in words.items():
        variants = ((word,) if case in ("exact", "any") else
                    (word.capitalize(), word.upper()) if case == "names" else
                    (word, word.capitalize(), word.upper()))
        forms.update((form, case == "any") for form in variants)
    if not forms:
        return "(?!)"
    regexes = []
    for form in sorted(forms, key=len, reverse=True):
        regex = re.escape(form).replace(r"\ ", r"\s+")
        regexes.append(f"(?i:{regex})" if forms[form] else regex)
    return "(?:" + "|".join(regexes) + ")"


def _shortest(words: set[str]) -> list[str]:
    """The words that contain none of the others (``jan`` covers ``january``)."""
    return [w for w in words if not any(o != w and o in w for o in words)]


@dataclass(frozen=True)
class _Lexicon:
    """The words of ``date_words.csv`` by kind, each mapped to its language-neutral value."""

    months: dict[str, int]
    needs_cue: frozenset[str]  # "may": bare, it needs a preposition before it
    weekdays: dict[str, int]
    day_words: dict[str, int]
    relations: dict[str, str]
    parts: dict[str, str]  # -> early / mid / late
    numbers: dict[str, int]
    year_cues: frozenset[str]
    steps: dict[str, int]  # "last" -> -1: weeks, months, years from publication
    anaphor_steps: dict[str, int]  # "next" -> 1: days from the previous date
    units: dict[str, str]  # "days" -> "day"
    ago: dict[str, int]  # -> -1: the direction from publication
    shifts: dict[str, int]  # "earlier" -> -1: the direction from the previous date
    hour_units: frozenset[str]  # "72 hours before": counted in days from the previous date
    vague: dict[str, str]  # -> recent / coming
    sides: dict[str, str]  # "earlier this", "later in" -> earlier / later
    duration_leads: frozenset[str]  # "the" last year: a duration
    range_from: frozenset[str]  # "from" March to May
    pattern: re.Pattern
    anchor: re.Pattern  # a word every date expression contains (a digit, a month, "week" ...)
    future: re.Pattern
    possessive: re.Pattern  # "'s" after a bare year
    range_between: re.Pattern  # "between " right before the first date of a range
    range_and: re.Pattern  # " and " between the two dates of a between range
    range_to: re.Pattern  # " to " between the two dates of a from range


@lru_cache(maxsize=4)
def _lexicon(lexicon: str = "date_words") -> _Lexicon:
    """Read ``date_words.csv`` (or the CSV at the path ``lexicon``) and compile the one
    combined pattern (once). A kind the file lacks matches nothing."""
    lex = read_lexicon(lexicon, ("word", "kind", "value", "source"))
    cases = lex["case"].replace("", "forms") if "case" in lex else pd.Series("forms", lex.index)
    unknown = sorted(set(cases) - set(CASES))
    if unknown:
        raise LexiconError(f"{lexicon_path(lexicon)}: case must be one of {CASES} or blank, "
                           f"not {unknown}")
    lex = lex.assign(key=lex["word"].map(_key), case=cases)
    lex.loc[lex["case"] == "exact", "key"] = lex["word"]
    words: dict[str, dict[str, str]] = defaultdict(dict)
    case_of: dict[str, dict[str, str]] = defaultdict(dict)
    for kind, key, value, case in zip(lex["kind"], lex["key"], lex["value"], lex["case"]):
        words[kind][key], case_of[kind][key] = value, case

    def alt(*kinds: str, value: str | None = None) -> str:
        """The alternation of the words of ``kinds`` (only those of ``value``, if given)."""
        return _alternation({w: case for kind in kinds for w, case in case_of[kind].items()
                             if value is None or words[kind][w] == value})

    def ints(kind: str) -> dict[str, int]:
        return {w: int(v) for w, v in words[kind].items()}

    months = {**ints("month"), **ints("ambiguous_month"), **ints("month_abbr")}
    month_full = alt("month", "ambiguous_month") + r"\b"
    month_abbr = alt("month_abbr") + r"\b\.?"
    month = f"{month_full}|{month_abbr}"
    weekday = alt("weekday") + r"\b"
    count = alt("count_noun")
    year = rf"(?:19|20)\d\d\b(?![.,]\d)(?!\s+{count}\b)"
    day = (rf"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:{alt('ordinal_suffix')})?(?!\d)(?![.,]\d)"
           rf"(?!\s+{count}\b)")
    part = alt("part")
    step = alt("step")
    the = alt("determiner")
    cardinals = {w: v for w, v in number_words().numbers.items() if v == int(v)}
    numbers = {**{w: int(v) for w, v in cardinals.items()}, **ints("number")}  # "a couple of"
    number = _alternation({**{w: "forms" for w in cardinals}, **case_of["number"]})
    to_day = rf"(?:\s*[-–]\s*|\s+{alt('range_and')}\s+)"  # "5-6 December", "5 and 6 December"

    def year_after(g: str) -> str:  # "19 December 2013", "Dec. 19, 2013", "March last year"
        return (rf"(?:,?\s+(?P<{g}_y>{year})|"
                rf"\s+(?P<{g}_ry>(?P<{g}_rys>{step})\s+{alt('unit', value='year')})\b)?")

    branches = {
        "iso": r"(?:19|20)\d\d-[01]\d-[0-3]\d\b",
        "dmy": rf"(?:{weekday},?\s+)?(?:{the}\s+)?(?P<dmy_d>{day})(?:{to_day}(?P<dmy_d2>{day}))?"
               rf"(?:\s+{alt('day_of')})?\s+(?P<dmy_m>{month}){year_after('dmy')}",
        "mdy": rf"(?:{weekday},?\s+)?(?P<mdy_m>{month})\s+(?P<mdy_d>{day})"
               rf"(?:{to_day}(?P<mdy_d2>{day}))?{year_after('mdy')}",
        "month": rf"(?:(?P<my_mod>{part}|{alt('step', 'month_side')})(?:-|\s+))?"
                 rf"(?P<my_m>{month_full}|{month_abbr}(?=,?\s+{year})){year_after('my')}",
        "ago": rf"(?:{alt('approximator')}\s+)?(?P<ago_n>\d{{1,3}}|{number})\s+"
               rf"(?P<ago_u>{alt('unit', 'unit_plural')})\s+(?P<ago_w>{alt('ago')})\b",
        "recent": rf"{alt('vague_lead')}\s+(?P<vague>{alt('vague_period')})\s+"
                  rf"(?:(?P<recent_n>\d{{1,3}}|{number})\s+)?"
                  rf"(?:(?P<recent_u>{alt('unit_plural')})|"
                  rf"(?P<recent_one>{alt('unit', value='week')}))\b",
        "period": rf"(?:(?P<per_part>{part})\s+)?(?P<per_mod>{alt('step', 'period_side')})\s+"
                  rf"(?P<per_u>{alt('unit')})\b",
        "shift": rf"(?P<sh_n>\d{{1,3}}|{number})\s+"
                 rf"(?P<sh_u>{alt('unit', 'unit_plural', 'hour_unit')})\s+"
                 rf"(?:(?P<sh_w>{alt('shift')})\b|"
                 rf"(?P<sh_e>{alt('shift_end')})(?=\s*(?:[,.;:)]|$)))",
        "weekend": rf"(?P<we_mod>{alt('step', 'weekend_lead')})\s+{alt('weekend')}\b",
        "day_word": alt("day_word") + r"\b",
        "weekday": rf"(?:(?P<wd_mod>{step})\s+)?(?P<wd>{weekday})",
        "anaphor": rf"(?:(?(rel){alt('anaphor', value='after_relation')}|"
                   rf"{alt('anaphor', value='alone')})\b(?!\s+{alt('anaphor_stop')}\b)|"
                   rf"{the}\s+(?P<nd_step>{alt('anaphor_step')})\s+(?P<nd_u>{alt('unit')})\b|"
                   rf"{the}\s+(?P<nd_u2>{alt('unit')})\s+(?P<nd_w>{alt('shift_end')})"
                   rf"(?=\s*(?:[,.;:)]|$)))",
        "year": rf"(?<![\d$£€])(?<!\d[.,])(?:(?P<y_part>{part})(?:-|\s+))?"
                rf"(?P<y>(?:19|20)\d0(?P<y_dec>{alt('decade_suffix')})\b|{year})",
    }
    body = "|".join(f"(?P<{name}>{regex})" for name, regex in branches.items())
    pattern = re.compile(rf"\b(?:(?P<rel>{alt('relation')})\s+(?:{the}\s+)?)?(?:{body})")
    last_words = {w.split()[-1]: case for kind in ANCHOR_KINDS
                  for w, case in case_of[kind].items()}
    plain = _shortest(set(last_words))
    names = {w: case_of[k][w] for k in ("month", "ambiguous_month", "month_abbr", "weekday")
             for w in _shortest({*months, *words["weekday"]})
             if w in case_of[k] and not any(p in w for p in plain)}
    anchor = re.compile(rf"\d+|{_alternation(names)}|"
                        rf"{_alternation({w: last_words[w] for w in plain})}")
    return _Lexicon(
        months=months, needs_cue=frozenset(words["ambiguous_month"]),
        weekdays=ints("weekday"), day_words=ints("day_word"),
        relations=dict(words["relation"]), parts=dict(words["part"]), numbers=numbers,
        year_cues=frozenset(words["year_cue"]), steps=ints("step"),
        anaphor_steps=ints("anaphor_step"),
        units={**words["unit"], **words["unit_plural"]}, ago=ints("ago"),
        shifts={**ints("shift"), **ints("shift_end")}, hour_units=frozenset(words["hour_unit"]),
        vague=dict(words["vague_period"]),
        sides={**words["month_side"], **words["period_side"]},
        duration_leads=frozenset(words["duration_lead"]),
        range_from=frozenset(words["range_from"]),
        pattern=pattern, anchor=anchor,
        future=re.compile(rf"\b{alt('future_cue')}\b"),
        possessive=re.compile(alt("possessive")),
        # the words that join the two dates of a range, in any case
        range_between=re.compile(rf"\b{alt('range_between')}\s+$", re.I),
        range_and=re.compile(rf"\s+{alt('range_and')}\s+", re.I),
        range_to=re.compile(rf"\s*(?:{alt('range_to')}|-|–)\s*", re.I))


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
    range_end: tuple[int, int, str] | None = None  # (year, month, kind) its range ends in
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
              precision: str, relative_year: tuple[int, str] | None = None,
              future: bool | None = None) -> _Reading:
    """Days ``first``..``last`` (None = month end) of ``month`` in ``year``, in the
    ``relative_year`` (its step and words: ``(-1, "last year")``) or, without either, in the
    year chosen from the publication date (``future`` overrides the sentence's cue)."""
    if year:
        chosen, kind, note = int(year), "absolute", ""
    elif ctx.range_end:  # "from April to November 2023": April 2023
        end_year, end_month, kind = ctx.range_end
        chosen = end_year - (month > end_month)
        note = "year from the end of its range"
    elif relative_year:
        (step, note), kind = relative_year, "relative"
        if ctx.published.start is None:
            return ctx.unresolved(precision, f"{note}; the article has no published date")
        chosen = ctx.published.start.year + step
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


_DIGITS = re.compile(r"\d+")


def _int_day(text: str) -> int:
    return int(_DIGITS.match(text).group())  # "19th" -> 19


def _relative_year(m: re.Match, ctx: _Context, g: str) -> tuple[int, str] | None:
    """``March last year``: the step of ``last`` and the words, as the note gives them."""
    if not m[f"{g}_ry"]:
        return None
    return ctx.lex.steps[_key(m[f"{g}_rys"])], _key(m[f"{g}_ry"])


def _day_month(m: re.Match, ctx: _Context, g: str) -> _Reading:
    first = _int_day(m[f"{g}_d"])
    last = _int_day(m[f"{g}_d2"]) if m[f"{g}_d2"] else first
    return _calendar(ctx, ctx.lex.months[_key(m[f"{g}_m"])], first, max(first, last),
                     m[f"{g}_y"], "day", _relative_year(m, ctx, g))


def _iso(m: re.Match, ctx: _Context) -> _Reading:
    year, month, day = map(int, m["iso"].split("-"))
    if not 1 <= month <= 12:
        return _Reading(None, None, "day", "absolute", f"no month {month}")
    return _calendar(ctx, month, day, day, str(year), "day")


def _month(m: re.Match, ctx: _Context) -> _Reading:
    month = ctx.lex.months[_key(m["my_m"])]
    modifier = _key(m["my_mod"] or "")
    step = ctx.lex.steps.get(modifier)
    if step is not None:  # "last December": the most recent December before publication
        pub = ctx.published
        if pub.start is None:
            return ctx.unresolved("month", f"{modifier} {calendar.month_name[month]}; "
                                  "the article has no published date")
        if step < 0:
            year = pub.start.year - (month >= pub.start.month) + step + 1
        elif step > 0:
            year = pub.end.year + (month <= pub.end.month) + step - 1
        else:
            year = pub.start.year
        return _Reading(date(year, month, 1), _month_end(year, month), "month", "relative",
                        f"{modifier} {calendar.month_name[month]} from the publication date")
    # "earlier in December" looks back
    future = False if ctx.lex.sides.get(modifier) == "earlier" else None
    reading = _calendar(ctx, month, 1, None, m["my_y"], "month", _relative_year(m, ctx, "my"),
                        future)
    return _narrow(reading, ctx.lex.parts.get(modifier))


def _year(m: re.Match, ctx: _Context) -> _Reading:
    first = int(m["y"][:4])
    decade = bool(m["y_dec"])
    reading = _Reading(date(first, 1, 1), date(first + 9 * decade, 12, 31), "year", "absolute",
                       f"the {m['y']}" if decade else "")
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
    unit = ctx.lex.units[_key(m["ago_u"])]
    direction = ctx.lex.ago[_key(m["ago_w"])]
    side = "before" if direction < 0 else "after"
    return _shifted(ctx, unit, direction * steps, f"{steps} {unit}(s) {side} publication")


def _recent(m: re.Match, ctx: _Context) -> _Reading:
    """``in recent days`` ends at publication, ``in the coming weeks`` starts there; a
    counted span (``over the past two days``, ``in the last week``) is those days up to the
    publication day."""
    unit = ctx.lex.units[_key(m["recent_u"] or m["recent_one"])]
    precision = RECENT_PRECISION[unit]
    pub = ctx.published
    if pub.end is None:
        return ctx.unresolved(precision, "vague period; the article has no published date")
    counted = m["recent_n"] or m["recent_one"]
    if counted and ctx.lex.vague[_key(m["vague"])] == "recent" and unit in _SPAN_DAYS \
            and pub.lacks("day") is None:
        raw = _key(m["recent_n"] or "")
        n = int(raw) if raw.isdigit() else ctx.lex.numbers.get(raw, 1)
        days = n * _SPAN_DAYS[unit]
        return _Reading(pub.end - timedelta(days=days - 1), pub.end,
                        "day" if days == 1 else "week" if days <= 7 else "month", "relative",
                        f"the {days} day(s) up to publication")
    if ctx.lex.vague[_key(m["vague"])] == "coming":
        return _Reading(pub.start, None, precision, "relative",
                        "vague coming period: starts at publication, end left open")
    return _Reading(None, pub.end, precision, "relative",
                    "vague recent period: start left open, ends at publication")


def _period(m: re.Match, ctx: _Context) -> _Reading:
    modifier, words = _key(m["per_mod"]), _key(m["per_u"])
    unit, step = ctx.lex.units[words], ctx.lex.steps.get(modifier)  # no step: "later this"
    words = f"{modifier} {words}"
    part = ctx.lex.parts.get(_key(m["per_part"] or ""))
    if step:  # "last week", "next month"
        reading = _shifted(ctx, unit, step, words)
    elif ctx.published.lacks(unit):
        reading = ctx.unresolved(unit, f"{words}; {ctx.published.lacks(unit)}")
    elif part:
        reading = _shifted(ctx, unit, 0, words)
    else:
        whole, pub = _shifted(ctx, unit, 0, ""), ctx.published
        if ctx.lex.sides.get(modifier) == "later" or (step == 0 and ctx.future):
            reading = _Reading(pub.start, whole.end, unit, "relative",
                               f"{words}: from the publication date")
        else:
            reading = _Reading(whole.start, pub.end, unit, "relative",
                               f"{words}: up to the publication date")
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
        step = ctx.lex.steps[modifier]
        day = _monday(pub) + timedelta(weeks=step, days=weekday)
        why = f"{name} of the {_step_name(step)} week"
    elif ctx.future:
        day = pub + timedelta(days=(weekday - pub.weekday()) % 7)
        why = f"next {name} on or after publication (future cue)"
    else:
        day = pub - timedelta(days=(pub.weekday() - weekday) % 7)
        why = f"most recent {name} on or before publication"
    return _Reading(day, day, "day", "relative", why)


def _step_name(step: int) -> str:
    return STEP_NAMES.get(step, f"{step:+d}")


def _weekend(m: re.Match, ctx: _Context) -> _Reading:
    modifier = _key(m["we_mod"])
    missing = ctx.published.lacks("day")
    if missing:
        return ctx.unresolved("day", f"weekend; {missing}")
    pub = ctx.published.start
    if modifier in ctx.lex.steps:
        week = ctx.lex.steps[modifier]
        why = f"weekend of the {_step_name(week)} week"
    elif ctx.future or pub.weekday() >= 5:
        week, why = 0, "the weekend of the publication week"
    else:
        week, why = -1, "the most recent weekend before publication"
    saturday = _monday(pub) + timedelta(weeks=week, days=5)
    return _Reading(saturday, saturday + timedelta(days=1), "day", "relative", why)


def _anaphor(m: re.Match, ctx: _Context) -> _Reading:
    """``at the time``, ``the next day``, ``the previous week``, ``the week before``: the
    article's previous date, or a unit from it (a day only from one known day)."""
    if ctx.previous is None:
        return ctx.unresolved("day", "anaphoric: no earlier date in the article")
    quote, earlier = ctx.previous
    if not m["nd_step"] and not m["nd_u2"]:
        return replace(earlier, kind="relative", note=f"anaphoric: refers to '{quote}'")
    unit = ctx.lex.units[_key(m["nd_u"] or m["nd_u2"])]
    if unit != "day" or m["nd_u2"]:
        steps = ctx.lex.anaphor_steps[_key(m["nd_step"])] if m["nd_step"] else \
            ctx.lex.shifts[_key(m["nd_w"])]
        return _from_previous(ctx, unit, steps, m.group())
    if earlier.precision != "day" or earlier.start is None or earlier.start != earlier.end:
        return ctx.unresolved("day", f"anaphoric: '{quote}' is not one known day")
    offset = ctx.lex.anaphor_steps[_key(m["nd_step"])]
    day = earlier.start + timedelta(days=offset)
    relative_to = DAY_STEP_NAMES.get(offset, f"{offset:+d} day(s) from")
    return _Reading(day, day, "day", "relative", f"anaphoric: {relative_to} '{quote}'")


def _shift(m: re.Match, ctx: _Context) -> _Reading:
    """``a month earlier``, ``72 hours before``, ``two days later``: that far from the
    article's previous date, at the coarser of its precision and the unit's (a day from a
    day; the month a month from late March)."""
    if ctx.previous is None:
        return ctx.unresolved("day", "anaphoric: no earlier date in the article")
    raw = _key(m["sh_n"])
    count = int(raw) if raw.isdigit() else ctx.lex.numbers[raw]
    steps = ctx.lex.shifts[_key(m["sh_w"] or m["sh_e"])] * count
    word = _key(m["sh_u"])
    unit = "day" if word in ctx.lex.hour_units else ctx.lex.units[word]
    if word in ctx.lex.hour_units:
        steps = round(steps / 24)
    return _from_previous(ctx, unit, steps, m.group())


def _from_previous(ctx: _Context, unit: str, steps: int, words: str) -> _Reading:
    """``steps`` units from the article's previous date, at the coarser of its precision
    and the unit's; ``words``: the expression, for the note."""
    quote, earlier = ctx.previous
    if earlier.start is None:
        return ctx.unresolved(unit, "anaphoric: no earlier date in the article")
    note = f"anaphoric: {words} '{quote}'"
    end = earlier.end or earlier.start
    if unit in ("day", "week") and earlier.precision in ("day", "week"):
        days = steps * _SPAN_DAYS[unit]
        start, stop = earlier.start + timedelta(days=days), end + timedelta(days=days)
        if unit == "week":  # a week from a day or a week: that Monday-Sunday week
            start, stop = _monday(start), _monday(start) + timedelta(days=6)
        precision = "day" if start == stop else "week"
        return _Reading(start, stop, precision, "relative", note)
    if unit == "year" or earlier.precision == "year":
        year = earlier.start.year + (steps if unit == "year" else 0)
        return _Reading(date(year, 1, 1), date(year, 12, 31), "year", "relative", note)
    if unit == "month":
        year, month = _add_months(earlier.start, steps)
    else:  # a few days or weeks from a month: the month they fall in
        shifted = earlier.start + timedelta(days=steps * _SPAN_DAYS[unit])
        year, month = shifted.year, shifted.month
    return _Reading(date(year, month, 1), _month_end(year, month), "month", "relative", note)


_READERS: dict[str, Callable[[re.Match, _Context], _Reading]] = {
    "iso": _iso,
    "dmy": lambda m, ctx: _day_month(m, ctx, "dmy"),
    "mdy": lambda m, ctx: _day_month(m, ctx, "mdy"),
    "month": _month, "ago": _ago, "shift": _shift, "recent": _recent, "period": _period,
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
        return bool(m["y_part"] or m["y_dec"]) or word in lex.year_cues \
            or bool(lex.possessive.match(text, m.end()))
    if branch == "month":
        return bool(m["my_mod"] or m["my_y"] or m["my_ry"]) \
            or _key(m["my_m"]) not in lex.needs_cue \
            or word in lex.year_cues
    return bool(m["per_part"]) or not (word in lex.duration_leads  # "over the last year"
                                       and lex.steps.get(_key(m["per_mod"])))


_GROUPS = {"month": "my", "dmy": "dmy", "mdy": "mdy"}  # the branches with a month and a year


def _year_less(m: re.Match) -> bool:
    g = _GROUPS.get(m.lastgroup)
    return g is not None and not m[f"{g}_y"] and not m[f"{g}_ry"]


def _relations(text: str, matches: list[re.Match], lex: _Lexicon
               ) -> list[tuple[str, int | None]]:
    """The relation of each match (its own relation word, else from a range around it) and,
    for a year-less date opening a range, the index of the range's end, whose year it takes."""
    relations: list[tuple[str, int | None]] = [
        (lex.relations.get(_key(m["rel"] or ""), "on"), None) for m in matches]
    for i, (a, b) in enumerate(zip(matches, matches[1:])):
        gap = text[a.end():b.start()]
        between = lex.range_between.search(text, 0, a.start()) and lex.range_and.fullmatch(gap)
        if between or (_key(a["rel"] or "") in lex.range_from and lex.range_to.fullmatch(gap)):
            ends = _year_less(a) and b.lastgroup in _GROUPS
            relations[i] = ("since", i + 1 if ends else None)
            if relations[i + 1][0] == "on":
                relations[i + 1] = ("until", relations[i + 1][1])
    return relations


def _range_end(m: re.Match, ctx: _Context) -> tuple[int, int, str] | None:
    """(year, month, kind) of the date ``m`` that ends a range, read as its end."""
    ctx.relation, ctx.range_end = "until", None
    end = _READERS[m.lastgroup](m, ctx)
    return (end.start.year, end.start.month, end.kind) if end.start else None


def extract_dates(articles: pd.DataFrame, sents: pd.DataFrame | None = None,
                  lexicon: str | Path = "date_words") -> pd.DataFrame:
    """One row per temporal expression in ``articles``, resolved against each publication date.

    ``sents`` (from :func:`carlib.text.sentences`) is reused when given; ``lexicon`` is the
    shipped ``date_words`` of the current language or the path to your own CSV (same columns).
    See the module docstring for the columns and the conventions.

    >>> articles = pd.DataFrame({"article_id": ["a"],
    ...     "text": ["Talks resumed on Tuesday, since December 19 the town has been calm."],
    ...     "published": [pd.Timestamp("2014-01-30")], "published_precision": ["day"]})
    >>> extract_dates(articles)[["quote", "date_start", "precision", "relation"]]
                   quote date_start precision relation
    0            Tuesday 2014-01-28       day       on
    1  since December 19 2013-12-19       day    since
    """
    lex = _lexicon(str(lexicon))
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
        for m, (relation, end) in zip(matches, _relations(text, matches, lex)):
            range_end = None if end is None else _range_end(matches[end], ctx)
            ctx.relation, ctx.range_end = relation, range_end
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
