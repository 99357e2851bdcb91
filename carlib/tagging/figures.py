"""Figures about people: how many killed, injured, displaced, refugees, in need, troops...

``extract_figures(articles)`` returns one row per number about people:

=================  ===========================================================================
provenance         ``article_id, sentence_id, start, end, quote`` (the number, its qualifier
                   and its head noun, e.g. ``almost 1,000 people``)
value              the number as written (``2.5 millions`` -> 2500000); empty for vague
                   amounts, ranges and shares
low, high          bounds: ``low`` for more_than/at_least and the conservative count of a
                   vague amount (dozens 12, hundreds 100, thousands 1000, as ACLED codes them);
                   ``high`` for almost/up_to/fewer_than; both for a range
share              a share of a population (``a quarter of the population`` -> 0.25)
qualifier          exact, about, almost, at_least, more_than, up_to, fewer_than, range, vague
category           killed, injured, displaced, refugees, in_need, troops, population, other
unit               people, households or families
subject            the words naming who is counted (``Muslim men``), may be empty
date_start/end     the period the figure is about, from the same sentence's dates
                   (``since December`` runs to the publication date); NaT when not said
cue                the word that decided the category (for checking)
aside              True for a number in an aside that details another (``22 people,
                   including 15 chiefs``): a part of a count, not a count of its own
=================  ===========================================================================

Rules, all driven by ``carlib/lexicons/numbers.csv`` and ``figure_cues.csv``: a number counts
when a people noun follows it (``60 Muslim men``, ``dozens of residents``) or, for a bare
number, when a category word sits in the same clause (``one million ... displaced``,
``driving out hundreds``). Units (``15 yards``, ``1,000 tons``, ``24 hours``), money,
percentages of things, hyphenated modifiers (``15-member``), ages (``mid-70s``), codes glued
to letters (``PK12``, ``3Following``), years and any number inside a date are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..lexicon import Phrases
from ..text import sentences
from .dates import extract_dates
from .numbers import NumberMatch, find_numbers, words
from .spans import PROVENANCE, Sentence, frame, iter_sentences

__all__ = ["extract_figures", "FIGURE_COLUMNS"]

FIGURE_COLUMNS = PROVENANCE + ["value", "low", "high", "share", "qualifier", "category", "unit",
                               "subject", "date_start", "date_end", "cue", "aside"]
_CLAUSE_END = re.compile(r'[;:()"“”!?]|,(?!\d{3})|\s[-–—]{2}\s|\b(?:which|who|whom|whose|when|'
                         r'where|while|but|because|although|though|after|before|until|said|says)\b',
                         re.IGNORECASE)
_AND_OR = re.compile(r"\b(?:and|or)\b", re.IGNORECASE)
_ASIDE_WORDS = r"(?:including|among\s+them|among\s+whom|of\s+whom|mostly|most\s+of\s+them|many\s+of\s+them)"
_ASIDE = re.compile(rf",\s*{_ASIDE_WORDS}\b[^,;]*,", re.IGNORECASE)
_ASIDE_START = re.compile(rf"(?:^|,)\s*{_ASIDE_WORDS}\b", re.IGNORECASE)
_HARM = {"killed", "injured"}
_MODIFIER = r"(?:(?!(?:and|or|of|were|was|are|is|have|has|had|will|to|in|at|on|by|from|with)\b)[\w'’-]+)"
_YEAR = re.compile(r"(?:19|20)\d\d")
_POPULATION_OF = re.compile(r"\bpopulation\s+of\s+$", re.IGNORECASE)
_QUALIFIED_POPULATION = re.compile(r"\b(?P<q>estimated|some|about|approximately)\s+"
                                   r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_AGE = re.compile(r"\b(?:aged?|ages)\s*$", re.IGNORECASE)
_MONEY = re.compile(r"(?:[$€£]|\bUS|\bUSD|\bCFA)\s*$")


@dataclass(frozen=True)
class _Cues:
    nouns: re.Pattern  # people nouns, with modifiers allowed before them
    noun_info: Phrases  # value: the lexicon row (category, unit)
    cues: Phrases  # value: the lexicon row (category)
    strong_categories: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    nouns = Phrases.from_lexicon("figure_cues", kind="noun")
    # a demonym or believers' noun also names people: "Central Africans", "Sudanese"
    people = rf"(?P<noun>{nouns.regex}|[A-Z][a-z]+(?:ans|ians|ese|is|ites|ers))\b"
    head = re.compile(rf"\s*(?:of\s+)?(?:the\s+)?(?P<mods>(?:{_MODIFIER}\s+){{0,3}}?)"
                      rf"(?:(?:and|or)\s+[\d,.]+\s+(?:{_MODIFIER}\s+){{0,3}}?)?{people}",
                      re.IGNORECASE)
    return _Cues(nouns=head, noun_info=nouns, cues=Phrases.from_lexicon("figure_cues", kind="cue"),
                 strong_categories=frozenset({"troops", "refugees", "displaced", "killed",
                                              "injured"}))


def _cue_category(word: str) -> str:
    """The category a cue word or phrase stands for (``in desperate need`` -> in_need)."""
    return _cues().cues.value(word)["category"]


def _noun(noun: str | None) -> dict:
    """The lexicon row of a head noun (category, unit); a demonym is people, no category."""
    row = _cues().noun_info.value(noun) if noun else None
    return row or {"category": "", "unit": "people"}


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the number's clause before and after it; an aside such as ``, including
    three children,`` does not end the clause, and a number inside one belongs to the clause
    it interrupts."""
    before = text[:start]
    cut = [m.end() for m in _CLAUSE_END.finditer(before)]
    left = before[cut[-1]:] if cut else before
    after = text[end:]
    if _ASIDE_START.match(left):  # inside an aside: its host clause speaks for it
        left = before[cut[-2]:] if len(cut) > 1 else before
        after = after[after.index(",") + 1:] if "," in after else ""
    at = 0
    while (stop := _CLAUSE_END.search(after, at)) and (aside := _ASIDE.match(after, stop.start())):
        at = aside.end()
    return left, after[: stop.start()] if stop else after


def _is_about_things(text: str, number: NumberMatch) -> bool:
    """Units, money, hyphenated modifiers, ages, years: not a figure about people."""
    span = text[number.start:number.end]
    after, before = text[number.end:], text[:number.start]
    if re.match(r"-[A-Za-z]", after) and not after.lower().startswith("-strong"):
        return True  # "15-member", "two-day"
    if re.match(r"\s*(?:%|per\s*cent)", after) and number.share is None:
        return True
    first = re.match(r"[\s-]*([A-Za-z]+)", after)
    if first and first.group(1).lower() in words().units:
        return True
    if _MONEY.search(before) or _AGE.search(before):
        return True
    return bool(_YEAR.fullmatch(span))


def _categorise(left: str, right: str, noun: str | None, subject_text: str) -> tuple[str, str]:
    """(category, cue) from the head noun and the words around the number in its clause.

    Killing or wounding words acting on the number come first (``killed seven soldiers``,
    ``12 peacekeepers were killed``), then the head noun's own category (``troops``,
    ``refugees``), a cue inside the noun phrase (``displaced people``), a cue just before the
    number (``driving out hundreds``), one after it in the clause, and for a number right after
    ``and``, the cue of the words before it (``killed 7 soldiers and 3 civilians``).
    """
    cues = _cues()
    segments = _AND_OR.split(left)
    near_left = [m for m in cues.cues.finditer(" ".join(segments[-1].split()[-3:]))]
    right_cue = cues.cues.search(right)
    harm_right = next((m for m in cues.cues.finditer(right)
                       if _cue_category(m.group()) in _HARM), None)
    for cue in (near_left[-1] if near_left else None, harm_right):
        if cue and _cue_category(cue.group()) in _HARM:
            return _cue_category(cue.group()), cue.group()
    noun_category = _noun(noun)["category"] if noun else ""
    if noun_category in cues.strong_categories:
        return noun_category, noun
    in_noun_phrase = list(cues.cues.finditer(subject_text))
    if in_noun_phrase:  # "100,000 displaced people"
        return _cue_category(in_noun_phrase[0].group()), in_noun_phrase[0].group()
    for cue in (near_left[-1] if near_left else None, right_cue):
        if cue:  # "driving out hundreds", "1,000 people have fled"
            return _cue_category(cue.group()), cue.group()
    if noun_category:
        return noun_category, noun
    far_left = list(cues.cues.finditer(left))
    if far_left and noun is None:  # bare number: "the mission ... by 5,000"
        return _cue_category(far_left[-1].group()), far_left[-1].group()
    shared = list(cues.cues.finditer(segments[-2])) if len(segments) > 1 and not segments[
        -1].strip() else []
    if shared:  # "killed seven soldiers and three civilians"
        return _cue_category(shared[0].group()), shared[0].group()
    host = list(cues.cues.finditer(left)) if _ASIDE_START.search(left) else []
    if host:  # "killed 22 people, including eight children"
        return _cue_category(host[-1].group()), host[-1].group()
    return ("other" if noun else ""), ""


def _figure(sentence: Sentence, number: NumberMatch, period: tuple) -> dict | None:
    text = sentence.text
    if _is_about_things(text, number):
        return None
    left, right = _clause(text, number.start, number.end)
    head = _cues().nouns.match(text, number.end) if number.share is None else None
    noun = head.group("noun") if head else None
    if head is None and number.bare_word:
        return None  # "one had his head cut off", "every single one"
    start, end = number.start, head.end() if head else number.end
    qualifier = number.qualifier
    population_of = _POPULATION_OF.search(left)
    if population_of:  # "an estimated Muslim population of 30,000"
        offset = number.start - len(left)
        qualified = _QUALIFIED_POPULATION.search(left[:population_of.start()])
        start = offset + (qualified.start("q") if qualified else population_of.start())
        if qualified and qualifier == "exact":
            qualifier = "about"
        category, cue = "population", "population of"
    else:
        subject_text = head.group("mods") if head else ""
        category, cue = _categorise(left, right, noun, subject_text)
        if not category:
            return None
    unit = _noun(noun)["unit"] or "people"
    subject = (head.group("mods") + noun).strip() if head else ""
    return {**sentence.provenance(start, end), "value": number.value, "low": number.low,
            "high": number.high, "share": number.share, "qualifier": qualifier,
            "category": category, "unit": unit, "subject": " ".join(subject.split()),
            "date_start": period[0], "date_end": period[1], "cue": cue,
            "aside": bool(_ASIDE_START.search(text[:number.start][-60:]))}


def _sentence_periods(dates: pd.DataFrame) -> dict[tuple[str, int], list[tuple]]:
    """(article, sentence) -> [(start, end, date_start, date_end, relation)] from the dates."""
    periods: dict[tuple[str, int], list[tuple]] = {}
    for row in dates.itertuples(index=False):
        periods.setdefault((row.article_id, row.sentence_id), []).append(
            (row.start, row.end, row.date_start, row.date_end, row.relation))
    return periods


def _period(spans: list[tuple], published: pd.Timestamp) -> tuple:
    resolved = [s for s in spans if pd.notna(s[2])]
    if not resolved:
        return pd.NaT, pd.NaT
    _, _, date_start, date_end, relation = resolved[0]
    if relation == "since":
        return date_start, published if pd.notna(published) else pd.NaT
    if relation in ("until", "before"):
        return pd.NaT, date_end
    return date_start, date_end


def extract_figures(articles: pd.DataFrame, sents: pd.DataFrame | None = None,
                    dates: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per number about people in every article (columns in the module docstring).

    ``sents`` and ``dates`` are reused when already computed (``carlib.sentences``,
    ``carlib.extract_dates``).

    >>> figures = extract_figures(load_articles("seeds"))  # doctest: +SKIP
    >>> figures[["quote", "value", "qualifier", "category"]].head(3)  # doctest: +SKIP
    """
    if sents is None:
        sents = sentences(articles)
    if dates is None:
        dates = extract_dates(articles, sents)
    periods = _sentence_periods(dates)
    rows = []
    for sentence in iter_sentences(articles, sents):
        spans = periods.get((sentence.article_id, sentence.sentence_id), [])
        taken = [(a - sentence.start, b - sentence.start) for a, b, *_ in spans]
        # a dateline's date is when the story was filed
        spans = [span for span in spans if not sentence.in_dateline(span[0] - sentence.start)]
        for number in find_numbers(sentence.text):
            if any(a < number.end and number.start < b for a, b in taken):
                continue  # part of a date: "19 December", "March 2013"
            row = _figure(sentence, number, _period(spans, sentence.published))
            if row:
                rows.append(row)
    out = frame(rows, FIGURE_COLUMNS)
    for column in ("value", "low", "high", "share"):
        out[column] = out[column].astype("float64")
    for column in ("date_start", "date_end"):
        out[column] = pd.to_datetime(out[column])
    out["aside"] = out["aside"].astype(bool)
    return out
