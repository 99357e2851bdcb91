"""Figures about people: how many killed, injured, abducted, displaced, refugees, in need, troops...

``extract_figures(articles)`` returns one row per number about people:

=================  ===========================================================================
provenance         ``article_id, sentence_id, start, end, quote`` (the number, its qualifier
                   and its head noun, e.g. ``almost 1,000 people``)
value              the number as written (``2.5 millions`` -> 2500000); empty for vague
                   amounts, ranges, shares and numbers plainly mistyped (``30.0000``)
low, high          bounds: ``low`` for more_than/at_least and the conservative count of a
                   vague amount (dozens 12, scores 20, hundreds 100, several hundred 100,
                   thousands 1000, tens of thousands 10000, as ACLED codes them);
                   ``high`` for almost/up_to/fewer_than; both for a range
share              a share of a group (``a quarter of the population`` -> 0.25, ``one in
                   five`` 0.2, ``81 per cent of those killed`` 0.81); value empty
qualifier          exact, about, almost, at_least, more_than, up_to, fewer_than, range, vague,
                   or unreadable (a mistyped number: no value, never a guess)
category           killed, injured, abducted, displaced, refugees, returned, in_need,
                   population, troops, other
unit               people, households or families
subject            the words naming who is counted (``Muslim men``), may be empty
date_start/end     the period the figure is about, from the same sentence's dates
                   (``since December`` runs to the publication date); NaT when not said
cue                the words that decided the category (for checking)
aside              True for a number that details another (``22 people, including 15
                   chiefs``; ``8,000 people (2,000 families)``; ``Sudan (2,118)`` in a list of
                   arrivals): a part of a count, not a count of its own
=================  ===========================================================================

**Which numbers count.** A number counts when a people noun heads it (``60 Muslim men``,
``dozens of residents``, ``three of the assailants``, ``80 Fulani``, ``9 Chinese``, ``one
priest``), or, with no noun, when a word of its clause says what happened to the people
(``kills 22``, ``Nine killed``, ``52,000 have fled``, ``bringing the death toll to four``,
``one of whom died``). Units (``15 yards``, ``1,000 tons``, ``24 hours``, ``27 incidents``),
money, percentages of things, hyphenated modifiers (``15-member``), ages, codes glued to
letters (``PK12``), years, any number inside a date and media audiences are not figures. A
lone small number word (``one``, ``two``) or a pronoun (``one of them``) needs a people noun or
a word right next to it (never one further off in the clause).

**The category** comes from the words around the number, nearest first:

1. a running total: ``bringing the death toll to 41``, ``brings the number of refugees to
   20,000``, ``bringing to 11 the number of peacekeepers who have died`` (the total's own
   words decide);
2. the word right after the number or its noun, past auxiliaries (``21 others who were
   later injured``, ``Thousands flee``, ``forced 300 people to flee their homes``);
3. the word right before it (``killed seven``, ``the deaths of at least 20,000 people``,
   ``kidnapped three Chinese nationals``, ``arrested 10 members``);
4. the count it details or shares a verb with: an aside (``killed 37 civilians, including
   four women, five children``), a list (``killed seven soldiers and three civilians``,
   ``a civilian along with two customs officials, two forestry agents``), a number in brackets
   (``8,000 people (2,000 families)``);
5. a cue inside the noun phrase (``displaced people``, ``two injured peacekeepers``);
6. the head noun's own category (``troops``, ``refugees``, ``IDPs``, ``bodies``, ``returnees``);
7. a population frame (``a population of 30,000``, ``the country's 4.5 million people``);
8. a cue further on, then (for victims and arrivals) the noun's default, then, for a bare
   number, a cue further back in its clause.

A cue never turns a counted noun of its own category into another, except killing, wounding,
abduction and return (``13 peacekeepers killed`` is killed; ``rescued 20 hostages`` stays
abducted); troop words make troops only of a bare number; ``remained`` makes a population only
of people no other word categorises. A flight (``fled``, ``fleeing``, ``seek refuge``) is
``displaced``, and ``refugees`` when its destination is a country (``to Cameroon``, ``in
neighbouring Congo``) or when those fleeing are named by nationality (``7,000 Sudanese fled``).
Counts joined by ``and`` share a later verb (``10 civilians and 5 soldiers were killed``).

**The words** are in ``carlib/lexicons/<lang>/figure_cues.csv``, by ``kind``:

===================  ==========================================================================
noun                 a people noun; ``category`` is its own (troops, refugees...) or empty;
                     ``unit`` people, households or families
default_noun         a people noun whose category holds only when no cue says otherwise
                     (``victims`` killed, ``new arrivals`` refugees)
cue                  a word that decides a category (``killed``, ``abducted``, ``returned``,
                     ``in need``, ``arrested`` is ``other``...)
flight               a flight verb: displaced, or refugees towards a country
remain               ``remained``: a population, for people nothing else categorises
total                a running total (``death toll``, ``number of``); ``category`` if its own
total_link           links a total to its number (``to``, ``at``, ``reached``)
auxiliary            may stand between a number and the word after it (``were``, ``later``)
determiner           may stand between a cue and the number after it (``another``, ``the``)
partitive            ``of`` in ``dozens of residents``, ``one of them``
pronoun_head         ``them``, ``whom``, ``those``: people, when a cue says what happened
noun_phrase_word     a closed-class word allowed inside a noun phrase (``other``, ``more``)
aside                opens an aside (with ``context_cues.csv``'s ``aside``)
coordinator          joins counts in a list (``and``, ``as well as``, ``along with``)
clause_end           ends a clause (with ``context_cues.csv``'s ``clause_end``)
population_owner     ``the country's 4.5 million people``: a place's people
not_counted          ``a weekly audience of 326 million``: not a figure
plural_suffix        pluralises an ethnic or group name (``Gulas``)
===================  ==========================================================================

People named by group also count: ethnic and religious groups (``context_cues.csv``,
``group_adjective``), nationalities (``country_words.csv``, ``adjective``), armed groups
(``actors.csv``, ``armed_group``) and capitalised demonyms (``context_cues.csv``,
``demonym_suffix``: ``Burundians``). Countries for flights come from ``country_words.csv`` and
GeoNames' country names.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..lexicon import Phrases, cues, read_lexicon
from ..text import sentences
from .dates import extract_dates
from .numbers import NumberMatch, readings, words
from .spans import PROVENANCE, Sentence, frame

__all__ = ["extract_figures", "FIGURE_COLUMNS", "CATEGORIES", "total_cues", "listed",
           "people_noun"]

FIGURE_COLUMNS = PROVENANCE + ["value", "low", "high", "share", "qualifier", "category", "unit",
                               "subject", "date_start", "date_end", "cue", "aside"]
CATEGORIES = ("killed", "injured", "abducted", "displaced", "refugees", "returned", "in_need",
              "population", "troops", "other")
_OVERRIDE_NOUN = frozenset({"killed", "injured", "abducted", "returned"})
_HARM = frozenset({"killed", "injured", "abducted"})
_PREDICATES = frozenset({"killed", "injured", "abducted", "displaced"})
_W = r"[\w'’-]"  # a word character (hyphens and apostrophes inside words)
_END = rf"(?!{_W})"  # the end of a word
_CLOSE = frozenset({"total", "near_right", "near_left", "inherited", "population"})
_YEAR = re.compile(r"(?:19|20)\d\d")
_POSSESSIVE = r"[\w-]+['’]s"
_NEXT_WORD = re.compile(r"\s+([\w'’-]+)")
_BRACKET = re.compile(r"\s*\([^()]{1,60}\)")
_COMMA = re.compile(r"\s*,\s*")
_ASIDE_CLOSE = re.compile(r"[,”\"]")
_THING = re.compile(r"[\s-]*(\w+(?:\.\w+)*\.?)")
_CAPITALISED = re.compile(r"\s+[A-Z]")
_ONE_WORD = re.compile(r"[^\W\d_]+")
_LIST_BREAK = re.compile(r"[;:()]")
_FRAME_END = re.compile(r"[,;:.!?]")


def _words(phrases: Phrases) -> str:
    """A word list as a regex that starts and ends on word boundaries."""
    return rf"(?<!{_W})(?:{phrases.regex}){_END}"


@dataclass(frozen=True)
class _Grammar:
    nouns: Phrases  # people nouns -> their lexicon row
    names: Phrases  # nationalities, ethnic and armed groups: people nouns with no category
    cues: Phrases  # category cues -> their row
    totals: Phrases
    head: re.Pattern  # at a number's end: [of [the]] modifiers noun
    pronoun: re.Pattern  # at a number's end: "of them", "of whom"
    share_head: re.Pattern  # at a share's end: "of the population", "of those killed"
    extend: re.Pattern  # at a name's end: the noun it modifies ("French troops")
    near_right: re.Pattern  # at the head's end
    near_tail: re.Pattern  # between a cue and the number it acts on: determiners
    shared_tail: re.Pattern  # "[cost the life of] a civilian along with "
    of_tail: re.Pattern  # "[the killing] on Monday of "
    partitive_word: re.Pattern
    abroad: re.Pattern  # at a flight verb's end: "the country", "abroad"
    speech: Phrases  # "said one survivor", "one resident said": a speaker, not a count
    speech_after: re.Pattern
    clause_end: re.Pattern
    scan: re.Pattern  # clause ends and cues of a lower-cased sentence, in one pass
    scan_any: re.Pattern  # the same, for a text whose length changes when lower-cased
    clause_words: frozenset[str]  # the scan's words that end a clause (the others are cues)
    speech_after_auxiliary: re.Pattern  # "are said to", "were reported killed"
    aside: re.Pattern
    between_counts: re.Pattern  # what may stand between two counts of one list
    total_link: re.Pattern  # at the end of the left text: "rose to", "stands at"
    total_after: re.Pattern  # at the number's end: "the number of" (inverted total)
    population_of: re.Pattern
    estimate: re.Pattern
    owner: re.Pattern  # at the end of the left text: "the country's"
    not_counted: Phrases
    countries: re.Pattern  # a country name (or a neighbour adjective) after a destination
    bracketed: re.Pattern  # "(4,764)" after a noun or a name
    strength: re.Pattern
    before_things: re.Pattern  # money, an age, an audience right before a number
    percent: re.Pattern
    units: frozenset[str]
    closed: re.Pattern  # a closed-class word (function word, auxiliary, determiner...)
    plural: re.Pattern  # a lower-case word in a plural form, right after a head noun
    thing: re.Pattern  # at a bare number's end: modifiers and a plural word

    def plural_thing(self, text: str, at: int) -> bool:
        """A plural noun right after a head noun that is neither a cue nor a people noun
        (``two remaining Muslim enclaves``): the head was a modifier of a count of things."""
        m = self.plural.match(text, at)
        return bool(m) and not (self.closed.match(m.group(1) + " ") or self.cues.match(
            text, m.start(1)) or self.nouns.match(text, m.start(1)))


def _rows(kind: str) -> list[dict]:
    table = read_lexicon("figure_cues", ("phrase", "kind", "category", "unit"))
    return table[table["kind"] == kind].to_dict("records")


@lru_cache(maxsize=1)
def total_cues() -> frozenset[str]:
    """The cues (a figure's ``cue``) that make it a running total, not one event's count.

    >>> "death toll" in total_cues()
    True
    """
    return frozenset(r["phrase"] for r in _rows("total"))


def _phrases(*kinds: str, case: str = "any") -> Phrases:
    records = [r for kind in kinds for r in _rows(kind)]
    return Phrases([r["phrase"] for r in records], values={r["phrase"]: r for r in records},
                   case=case)


def _names() -> Phrases:
    """Nationalities, ethnic and religious groups and armed groups, as people nouns; each
    name's value says which (``nationality`` or ``group``)."""
    suffixes = [r["phrase"] for r in _rows("plural_suffix")]
    groups = list(cues("group_adjective").phrases)
    groups += [g + s for g in groups for s in suffixes if not g.endswith(s)]
    actors = read_lexicon("actors", ("label", "aliases", "type"))
    armed = actors[actors["type"] == "armed_group"]
    groups += [a for a in armed["label"].tolist() + [a for aliases in armed["aliases"]
                                                     for a in aliases.split("|")]
               if a[:1].isupper()]
    countries = read_lexicon("country_words", ("word", "kind"))
    nationalities = countries.loc[countries["kind"] == "adjective", "word"].tolist()
    values = {**{g: "group" for g in groups}, **{n: "nationality" for n in nationalities}}
    return Phrases(list(values), values=values, case="as_written", loose=True)


def _country_names() -> list[str]:
    from ..geo.countries import countries  # GeoNames' names (read once)

    table = read_lexicon("country_words", ("word", "kind"))
    return ([c["name"] for c in countries().values()]
            + table.loc[table["kind"] == "alias", "word"].tolist())


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    nouns = _phrases("noun", "default_noun")
    names = _names()
    cue = _phrases("cue", "flight", "remain")
    totals = _phrases("total")
    partitive = _words(_phrases("partitive"))
    determiner = _words(_phrases("determiner"))
    auxiliary = _words(_phrases("auxiliary"))
    coordinator = _words(_phrases("coordinator"))
    kept = {p.lower() for p in _phrases("noun_phrase_word").phrases}
    closed = ([w for w in cues("function_word").phrases if w.lower() not in kept]
              + list(_phrases("coordinator", "aside", "auxiliary").phrases)
              + list(cues("aside").phrases) + sorted(words().units))
    excluded = Phrases([w for w in closed if w.lower() not in kept])
    excluded_closed = Phrases(list(cues("function_word").phrases)
                              + list(_phrases("coordinator", "aside", "auxiliary", "determiner",
                                              "partitive").phrases))
    modifier = rf"(?!{_words(excluded)}){_W}+"
    demonym = rf"(?P<demonym>[A-Z][a-z]+(?:{cues('demonym_suffix', 'exact').regex}){_END})"
    people = rf"(?:{_words(nouns)}|(?P<name>{_words(names)}|{demonym}))"
    pronouns = _phrases("pronoun_head")
    number = r"\d[\d,.]*"
    head = re.compile(
        rf"\s*(?:{partitive}\s+(?:{determiner}\s+)?)?(?P<mods>(?:{modifier}\s+){{0,3}}?)"
        rf"(?P<shared>{coordinator}\s+{number}\s+(?:{modifier}\s+){{0,3}}?)?(?P<noun>{people})")
    pronoun = re.compile(rf"\s*{partitive}\s+(?P<noun>{_words(pronouns)})")
    share_head = re.compile(
        rf"\s*(?:(?P<of>{partitive})\s+(?:{determiner}\s+)?(?:{_POSSESSIVE}\s+)?)?"
        rf"(?:(?P<mods>(?:{modifier}\s+){{0,2}}?)(?P<noun>{people}|"
        rf"(?P<pronoun>{_words(pronouns)}))|(?P<number>(?=\d)))")
    extend = re.compile(rf"\s+(?P<mods>(?:{modifier}\s+){{0,2}}?)(?P<noun>{_words(nouns)})")
    determiner_words = _words(_phrases("determiner"))
    cue_words = _words(cue)
    near_right = re.compile(rf"[\s\"“”’]*(?:,(?=\s*{auxiliary}))?\s*(?:{auxiliary}\s+){{0,4}}"
                            rf"(?P<cue>{cue_words})")
    near_tail = re.compile(rf"(?:\s+{determiner})*\s*")
    shared_tail = re.compile(rf"\s+(?:{_W}+,?\s+){{1,4}}?{coordinator}\s*")
    of_tail = re.compile(rf"(?:\s+{_W}+){{1,3}}?\s+{partitive}\s*")
    clause_words = Phrases(list(cues("clause_end").phrases) +
                           list(_phrases("clause_end").phrases))
    clause_end = re.compile(rf"[;:!?]|,(?!\d{{3}})|\s[-–—]{{2}}\s|{_words(clause_words)}")
    # one pass over a sentence finds its clause ends and its cues: one trie of both word
    # lists, on the lower-cased text (several times faster than two case-blind passes)
    both = [p.lower() for p in clause_words.phrases + cue.phrases]
    scan_body = rf"(?<!{_W})(?:{{}})(?!\w)|[;:!?]|,(?!\d{{{{3}}}})|\s[-–—]{{{{2}}}}\s"
    scan = re.compile(scan_body.format(Phrases(both, case="exact").regex))
    scan_any = re.compile(scan_body.format(Phrases(both).regex))
    clause_set = frozenset(p.lower() for p in clause_words.phrases)
    speech_after_auxiliary = re.compile(rf"{auxiliary}\s+$")
    aside = re.compile(_words(Phrases(list(cues("aside").phrases) +
                                      list(_phrases("aside").phrases))))
    between_counts = re.compile(rf"[\s,–—-]*(?:{coordinator}[\s,]*)?(?:{determiner}\s+)?")
    link = _words(_phrases("total_link"))
    total_link = re.compile(rf"(?<!{_W}){link}\s*$")
    total_after = re.compile(rf"\s*(?:{determiner}\s+)?(?P<total>{_words(totals)})")
    population_of = re.compile(rf"(?<!{_W})(?:{cues('population_head').regex})\s+\Z")
    estimate = re.compile(rf"(?<!{_W})(?P<q>{cues('estimate').regex})\s+(?:{_W}+\s+){{0,2}}\Z")
    owner = re.compile(rf"(?<!{_W})(?:{_phrases('population_owner').regex})['’]s\s*\Z")
    destination = Phrases(list(cues("destination").phrases)).regex
    neighbour = Phrases(list(cues("neighbour_adjective").phrases)).regex
    country = Phrases(_country_names(), case="as_written", loose=True).regex
    countries = re.compile(
        rf"(?<!{_W})(?:(?:{destination})\s+(?:{determiner_words}\s+)?(?:{neighbour}\s+)?"
        rf"(?:{country})|(?:{neighbour})\s+(?:{country})){_END}")
    bracketed = re.compile(rf"(?:{_W}+)\s*\($")
    plural_suffixes = Phrases([r["phrase"] for r in _rows("plural_suffix")], case="exact").regex
    speech = Phrases(list(cues("speech_verb").phrases) + list(_phrases("speech").phrases))
    return _Grammar(
        nouns=nouns, names=names, cues=cue, totals=totals, head=head, pronoun=pronoun,
        share_head=share_head, extend=extend, near_right=near_right, near_tail=near_tail,
        shared_tail=shared_tail, of_tail=of_tail, partitive_word=re.compile(partitive),
        abroad=re.compile(rf"\s+{_words(_phrases('abroad'))}"),
        speech=speech, speech_after=re.compile(rf"\s+{_words(speech)}"),
        clause_end=clause_end, scan=scan, scan_any=scan_any, clause_words=clause_set,
        speech_after_auxiliary=speech_after_auxiliary, aside=aside,
        between_counts=between_counts, total_link=total_link, total_after=total_after,
        population_of=population_of, estimate=estimate, owner=owner,
        not_counted=_phrases("not_counted"), countries=countries, bracketed=bracketed,
        strength=re.compile(rf"(?:{cues('strength_suffix').regex}){_END}"),
        before_things=re.compile(
            rf"(?<![\w$€£])(?:{cues('currency', 'exact').regex}|{cues('age_word').regex}"
            rf"|{_phrases('not_counted').regex})\s*\Z"),
        percent=re.compile(rf"\s*(?:{cues('percent').regex})"), units=words().units,
        closed=re.compile(rf"(?:{excluded_closed.regex})\s"),
        plural=re.compile(rf"\s+([a-z][\w'’-]*(?:{plural_suffixes}))(?![\w'’-])"),
        thing=re.compile(rf"(?:\s+{modifier}){{0,3}}?\s(?P<thing>[a-z][\w'’-]*(?:{plural_suffixes}))"
                         rf"(?![\w'’-])"))


# --------------------------------------------------------------------------- one figure


@dataclass
class _Figure:
    number: NumberMatch
    start: int  # the quote's span in the sentence
    end: int
    head_end: int  # where the number's noun phrase ends (the quote may stop earlier)
    noun: str | None
    noun_row: dict | None
    subject: str
    mods: str = ""
    category: str = ""
    cue: str = ""
    via: str = ""  # which rule decided: total, near_right, near_left, inherited, ...
    aside: bool = False
    qualifier: str = ""


def _is_about_things(text: str, number: NumberMatch, g: _Grammar) -> bool:
    """Units, money, hyphenated modifiers, ages, years, audiences: not a figure about people."""
    start, end = number.start, number.end
    following = text[end:end + 2]
    if following[:1] == "-" and following[1:].isalpha() and not g.strength.match(text, end):
        return True  # "15-member", "two-day" (not "500-strong")
    if following[:1] == "/" and following[1:].isdigit() or (
            text[start - 1:start] == "/" and text[start - 2:start - 1].isdigit()):
        return True  # "02/26/2015"
    if number.share is None and g.percent.match(text, end):
        return True
    first = _THING.match(text, end)
    if first:
        word = first.group(1).lower()
        if word in g.units or word.rstrip(".") in g.units:
            return True
    if g.before_things.search(text, max(0, start - 30), start):
        return True  # money, an age, an audience
    return end - start == 4 and bool(_YEAR.fullmatch(text, start, end))


def _row_of(g: _Grammar, m: re.Match) -> dict:
    """The lexicon row of the noun a head pattern matched (a name, a pronoun, a noun)."""
    if m.group("demonym"):
        return {"kind": "name", "name": "nationality", "category": "", "unit": "people"}
    if m.group("name"):
        return {"kind": "name", "name": g.names.value(m.group("name")), "category": "",
                "unit": "people"}
    return _noun_row(m.group("noun")) or {"kind": "noun", "category": "", "unit": "people"}


def _head(text: str, number: NumberMatch, g: _Grammar) -> tuple | None:
    """(quote end, head end, noun, noun row, subject) of the number's noun phrase; None if
    it has no people noun."""
    at = number.end
    if number.share is not None:
        m = g.share_head.match(text, at)
        if not m or (not m.group("of") and _ONE_WORD.fullmatch(text[number.start:at])):
            return None  # "the third largest refugee host", "the fifth victim"
        if m.group("number") is not None:  # "one in 10 of the country's 4.5 million people"
            return at, at, None, None, ""
        if m.group("pronoun"):  # "81 per cent of those killed"
            cue = g.cues.match(text, _skip_space(text, m.end()))
            return (cue.end() if cue else m.end()), m.end(), m.group("pronoun"), {
                "kind": "pronoun", "category": "", "unit": "people"}, ""
        noun, row = m.group("noun"), _row_of(g, m)
        if row["kind"] == "name" and _CAPITALISED.match(text, m.end()):
            return None  # "two-thirds of the Central African Republic"
        return m.end(), m.end(), noun, row, text[m.start("mods"):m.end()].strip()
    m = g.head.match(text, at)
    if m:
        mods, noun, end, row = m.group("mods"), m.group("noun"), m.end(), _row_of(g, m)
        more = g.extend.match(text, end)  # "two French soldiers", "60 Muslim men"
        if more and (more.group("mods") and row["kind"] != "name"
                     or _category(_cue_row(noun)) in _PREDICATES):
            more = None  # only a name takes modifiers before its noun; "100,000 displaced"
            # and "two injured" keep their own head (the participle says what happened)
        if more and _category(_cue_row(more.group("noun"))) in _PREDICATES:
            more = None  # "left 45 people dead": a predicate, not a noun
        if more:
            extended = _noun_row(more.group("noun"))
            noun, end = more.group("noun"), more.end()
            if extended and row.get("name") == "group" and extended["category"] == "troops":
                row = {**extended, "category": ""}  # "60 armed Seleka forces": fighters
            elif extended and (extended["category"] or not row["category"]):
                row = extended
        elif row["kind"] == "name" and _CAPITALISED.match(text, end):
            return None  # "two-thirds of the Central African Republic"
        after = _THING.match(text, end)
        if after and (after.group(1).lower().rstrip(".") in g.units or g.plural_thing(text, end)):
            return None  # "14 rebel groups", "two remaining Muslim enclaves"
        quote_end = end
        if m.group("shared"):  # "5,000 AU and 1,600 French troops": the quote stops at "AU"
            quote_end = at + len(text[at:m.start("shared")].rstrip())
        return quote_end, end, noun, row, text[m.start("mods"):end].strip()
    m = g.pronoun.match(text, at)
    if m:
        return m.end(), m.end(), None, {"kind": "pronoun", "category": "", "unit": "people"}, ""
    return None


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _flat_right(text: str, at: int, g: _Grammar) -> int:
    """Where the text after ``at`` goes on past a leading aside: ``, both civilians and
    military,``, ``(2,000 families)``."""
    bracket = _BRACKET.match(text, at)
    if bracket:
        at = bracket.end()
    m = _COMMA.match(text, at)
    if m and g.aside.match(text, m.end()):
        close = _ASIDE_CLOSE.search(text, m.end())
        if close:
            return close.start()
    return at


def _category(row: dict | None) -> str:
    return row["category"] if row else ""


@lru_cache(maxsize=4096)
def _cue_row(word: str) -> dict | None:
    """The lexicon row of a cue as written (cached: the same words recur)."""
    return _grammar().cues.value(word)


@lru_cache(maxsize=4096)
def _noun_row(word: str) -> dict | None:
    """The lexicon row of a people noun as written (cached)."""
    return _grammar().nouns.value(word)


def people_noun(word: str) -> bool:
    """Whether a word is a people noun of the lexicon (``noun``, ``default_noun``).

    >>> people_noun("soldier"), people_noun("army")
    (True, False)
    """
    return _noun_row(word) is not None


def listed(text: str, end: int, start: int) -> bool:
    """Whether only the joints of one list stand between ``end`` and ``start`` (commas,
    ``coordinator`` words, a determiner: ``, along with``, `` and the``).

    >>> listed("a soldier, as well as 20 members", 9, 22)
    True
    """
    return end <= start and bool(_grammar().between_counts.fullmatch(text, end, start))


class _Reader:
    """Reads the numbers of one sentence in order, each with the figures found before it.

    The sentence's clause ends and its cues are found once; each number then looks them up
    around itself (``bisect``) instead of scanning its clause again."""

    def __init__(self, text: str, g: _Grammar) -> None:
        self.text, self.g = text, g
        self.found: list[_Figure] = []
        self.ends: list[tuple[int, int, str]] | None = None  # found when first needed

    def _scan(self) -> None:
        """The sentence's clause ends and cues, in one pass."""
        text, g = self.text, self.g
        lowered = text.lower()
        same = len(lowered) == len(text)
        scan = g.scan.finditer(lowered) if same else g.scan_any.finditer(text)
        ends: list[tuple[int, int, str]] = []
        found: list[tuple[int, int, str, dict | None]] = []
        clause_words, speech = g.clause_words, g.speech_after_auxiliary
        for m in scan:
            start, end = m.span()
            word = text[start:end]
            if not word[0].isalpha():
                ends.append((start, end, word))  # punctuation
            elif (lowered[start:end] if same else word.lower()) not in clause_words:
                found.append((start, end, word, _cue_row(word)))
            elif text[end:end + 1] not in "'’-" or end == len(text):
                if not speech.search(text, max(0, start - 20), start):
                    ends.append((start, end, word))  # not "are said to have"
        self.ends, self.cues = ends, found
        self.end_starts = [e[0] for e in ends]
        self.end_stops = [e[1] for e in ends]
        self.cue_starts = [c[0] for c in found]

    # ------------------------------------------------------------------ clauses and cues

    def _clause(self, start: int, end: int) -> tuple[int, int]:
        """Where the number's clause starts (before ``start``) and ends (after ``end``); an
        aside such as ``, including three children,`` does not end the clause."""
        if self.ends is None:
            self._scan()
        text = self.text
        i = bisect_right(self.end_stops, start)
        left = self.end_stops[i - 1] if i else 0
        at = end
        while True:
            stop = self._next_end(at)
            if stop is None:
                return left, len(text)
            aside = (self.g.aside.match(text, _skip_space(text, stop[1]))
                     if stop[2] == "," else None)
            close = text.find(",", aside.end()) if aside else -1
            if close < 0:
                return left, stop[0]
            at = close + 1

    def _next_end(self, at: int) -> tuple[int, int, str] | None:
        """(start, end, text) of the first clause end at or after ``at``."""
        if self.ends is None:
            self._scan()
        j = bisect_left(self.end_starts, at)
        return self.ends[j] if j < len(self.ends) else None

    def _cues_in(self, start: int, end: int) -> list[tuple]:
        """The sentence's cues that lie between ``start`` and ``end``, in order."""
        if self.ends is None:
            self._scan()
        i = bisect_left(self.cue_starts, start)
        out = []
        while i < len(self.cues) and self.cues[i][1] <= end:
            out.append(self.cues[i])
            i += 1
        return out

    # ------------------------------------------------------------------ cues

    def _accept(self, fig: _Figure, row: dict | None) -> str:
        """The category a cue gives this figure, or "" when the cue may not decide it."""
        if not row:
            return ""
        category, kind = row["category"], row["kind"]
        noun_kind = fig.noun_row["kind"] if fig.noun_row else ""
        own = _category(fig.noun_row)
        if category == "troops" and fig.noun_row is not None:
            return ""  # troop words make troops only of a bare number
        if kind == "remain" and (own or noun_kind == "pronoun"):
            return ""  # "remained": a population of people nothing else categorises
        if own and noun_kind == "noun" and category not in _OVERRIDE_NOUN and category != own:
            return ""  # "1,000 refugees fled" stays refugees
        return category

    def _far(self, fig: _Figure, row: dict | None) -> str:
        """The category a cue further off in the clause gives: not a population frame
        (``the town of``, ``home to`` act only right before the number)."""
        category = self._accept(fig, row)
        if category == "population" and row["kind"] != "remain":
            return ""
        return category

    def _flight(self, fig: _Figure, row: dict, cue_end: int, category: str) -> str:
        """A flight is refugees when it goes to a country or those fleeing are nationals."""
        if row.get("kind") != "flight" or category != "displaced":
            return category
        if fig.noun_row and fig.noun_row.get("name") == "nationality":
            return "refugees"  # "7,000 Sudanese fled"
        if self.g.abroad.match(self.text, cue_end):
            return "refugees"  # "forced to flee the country"
        stop = self._next_end(cue_end)
        if self.g.countries.search(self.text, cue_end, stop[0] if stop else len(self.text)):
            return "refugees"  # "fleeing for safety to Cameroon", "in neighbouring Congo"
        return category

    def _near_right(self, fig: _Figure) -> tuple[str, str] | None:
        """The word right after the number or its noun, past auxiliaries and a leading aside."""
        at = _flat_right(self.text, fig.head_end, self.g)
        m = self.g.near_right.match(self.text, at)
        if not m:
            return None
        row = _cue_row(m.group("cue"))
        category = self._accept(fig, row)
        if not category:
            return None
        return self._flight(fig, row, m.end(), category), m.group("cue")

    def _near_left(self, fig: _Figure, left: int) -> tuple[str, str] | None:
        """The word right before the number (past determiners), the verb a list shares
        (``cost the life of a civilian along with``) or ``the killing on Monday of``."""
        start, g = fig.number.start, self.g
        before = self._cues_in(max(0, start - 80), start)
        for tail, anywhere in ((g.near_tail, False), (g.shared_tail, True), (g.of_tail, False)):
            for c_start, c_end, word, row in reversed(before):
                if (anywhere or c_start >= left) and tail.fullmatch(self.text, c_end, start):
                    category = self._accept(fig, row)
                    if category:
                        return self._flight(fig, row, fig.head_end, category), word
        return None

    def _total(self, fig: _Figure) -> tuple[str, str] | None:
        """A running total: ``bringing the death toll to four``, ``bringing to 11 the number
        of peacekeepers who have died``."""
        g, text, start = self.g, self.text, fig.number.start
        if not g.total_link.search(text, max(0, start - 12), start):
            return None
        totals = list(g.totals.finditer(text, 0, start))
        if totals and not any(f.start > totals[-1].start() for f in self.found):
            frame, total = (totals[-1].start(), start), totals[-1].group()
        else:
            after = g.total_after.match(text, fig.head_end)
            if not after:
                return None
            total = after.group("total")
            stop = _FRAME_END.search(text, after.end())
            frame = (after.start(), stop.start() if stop else len(text))
        for _, _, word, row in self._cues_in(*frame):
            if row and row["category"] in _HARM:
                return row["category"], word
        for m in g.nouns.finditer(text, *frame):
            if _category(_noun_row(m.group())):
                return _noun_row(m.group())["category"], m.group()
        category = _category(g.totals.value(total))
        return (category, total) if category else None

    def _host(self, fig: _Figure) -> tuple[str, str, str] | None:
        """(category, cue, rule) of the count this number details or shares a verb with: the
        list's previous item, the count before brackets, the aside's host (or, when the aside
        details people the text does not count, the verb of the clause before it); sets
        ``fig.aside``."""
        text, start, g = self.text, fig.number.start, self.g
        previous = self.found[-1] if self.found else None
        if previous is not None:
            if text[fig.end:fig.end + 1] == ")" and g.bracketed.search(text, max(0, start - 40),
                                                                      start):
                fig.aside = True  # "8,000 people (2,000 families)", "Chad (3,424)"
                return previous.category, previous.cue, previous.via
            if listed(text, previous.end, start):
                fig.aside = previous.aside  # "killed seven soldiers and three civilians"
                return previous.category, previous.cue, previous.via
        opener = None
        for m in g.aside.finditer(text, previous.end if previous else max(0, start - 120), start):
            opener = m
        if opener is None or _LIST_BREAK.search(text, opener.end(), start) or self._cues_in(
                opener.end(), start):
            return None
        fig.aside = True
        hosts = [f for f in self.found if not f.aside and f.end <= opener.start()]
        if hosts:
            return hosts[-1].category, hosts[-1].cue, hosts[-1].via
        before = len(text[:opener.start()].rstrip(" ,"))  # "burned to death the civilians, including"
        left, _ = self._clause(before, before)
        for _, _, word, row in reversed(self._cues_in(left, before)):
            category = self._accept(fig, row)
            if category:
                return category, word, "cue"
        return None

    def _counts_a_thing(self, at: int) -> bool:
        """A lower-case word right after a bare number that is neither a closed-class word nor
        a cue is the noun it counts (``one mosque``), so the number is not about people."""
        m = _NEXT_WORD.match(self.text, at)
        if not m or not m.group(1)[0].islower():
            return False
        thing = self.g.thing.match(self.text, at)  # "two remaining Muslim enclaves"
        if thing and self.g.plural_thing(self.text, thing.start("thing") - 1):
            return True
        if self.g.cues.match(self.text, m.start(1)):
            return False  # "drives 50,000 out of town"
        if self.g.partitive_word.match(self.text, m.start(1)):
            return True  # "one of the deadliest incidents", "dozens of houses"
        return not self.g.closed.match(m.group(1) + " ")

    # ------------------------------------------------------------------ one number

    def read(self, number: NumberMatch) -> _Figure | None:
        g, text = self.g, self.text
        if number.end - number.start == 4 and _YEAR.fullmatch(text, number.start, number.end):
            return None  # "2013"
        if _is_about_things(text, number, g):
            return None
        head = _head(text, number, g)
        bare = head is None
        if bare and number.share is not None:
            return None  # a share of what? ("45 percent of registered voters")
        if bare and self._counts_a_thing(number.end):
            return None  # "one mosque", "three vehicles": a count of something else
        quote_end, head_end, noun, row, subject = head or (number.end, number.end, None, None, "")
        if number.bare_word and number.value == 1 and noun and (
                g.speech.before(text, number.start, 20) or g.speech_after.match(text, head_end)):
            return None  # "said one survivor", "one resident told": a speaker, not a count
        fig = _Figure(number, number.start, quote_end, head_end, noun, row, subject,
                      mods=subject[:-len(noun)] if noun and subject.endswith(noun) else "",
                      qualifier=number.qualifier)
        left, right = self._clause(number.start, head_end)
        decided = self._decide(fig, left, right, self._host(fig))
        if decided is None:
            return None
        fig.category, fig.cue, fig.via = decided
        loose = (bare and number.bare_word) or (row is not None and row["kind"] == "pronoun")
        if (bare or loose) and fig.via not in _CLOSE and not (
                bare and not number.bare_word and fig.via in ("far_right", "far_left")):
            return None  # a lone "two" needs a word right next to it
        self.found.append(fig)
        return fig

    def _decide(self, fig: _Figure, left: int, right: int, host: tuple | None
                ) -> tuple[str, str, str] | None:
        """(category, cue, rule): the rules of the module docstring, nearest first."""
        g, text, start = self.g, self.text, fig.number.start
        population = g.population_of.search(text, max(left, start - 40), start)
        if population and not _category(fig.noun_row):  # "an estimated population of 30,000"
            qualified = g.estimate.search(text, max(left, population.start() - 40),
                                          population.start())
            fig.start = qualified.start("q") if qualified else population.start()
            if qualified and fig.qualifier == "exact":
                fig.qualifier = "about"
            return "population", population.group().strip(), "population"
        found = self._total(fig)
        if found:
            return (*found, "total")
        found = self._near_right(fig)
        if found:
            return (*found, "near_right")
        found = self._near_left(fig, left)
        if found:
            return (*found, "near_left")
        own = _category(fig.noun_row)
        kind = fig.noun_row["kind"] if fig.noun_row else ""
        strong = own if kind == "noun" else ""
        if host is not None and host[2] not in ("none", "") and strong not in _PREDICATES and not (
                own and host[2] in ("noun", "default")):
            category = self._accept(fig, {"category": host[0], "kind": "cue"})
            if category:  # "killed 37 civilians, including four women, five children"
                return category, host[1], "inherited"
        for m in g.cues.finditer(fig.mods):  # "two injured Bangladeshi peacekeepers"
            category = self._accept(fig, _cue_row(m.group()))
            if category:
                return category, m.group(), "mods"
        following = self._cues_in(fig.head_end, right)
        if strong:
            for _, _, word, row in following:  # "two police officers ... were killed"
                if own not in _HARM and _category(row) in _OVERRIDE_NOUN:
                    return row["category"], word, "far_right"
            return own, fig.noun, "noun"
        owner = g.owner.search(text, max(left, start - 40), start)
        if owner and kind != "pronoun" and fig.noun_row is not None:
            return "population", owner.group(), "population"  # "the country's 4.5 million"
        for _, c_end, word, row in following:
            category = self._far(fig, row)
            if category:
                return self._flight(fig, row, c_end, category), word, "far_right"
        if own and kind == "default_noun":
            return own, fig.noun, "default"
        if fig.noun_row is None:
            for _, _, word, row in reversed(self._cues_in(left, start)):
                category = self._far(fig, row)
                if category:
                    return category, word, "far_left"
            return None
        return "other", "", "none"


def _share_forward(figures: list[_Figure], text: str, g: _Grammar) -> None:
    """Counts joined by ``and`` share a later verb: ``10 civilians and 5 soldiers were
    killed``; ``Some 2,000 French and over 5,000 African peacekeepers``."""
    for before, after in zip(figures[::-1][1:], figures[::-1]):
        if not g.between_counts.fullmatch(text[before.end:after.number.start]):
            continue
        if before.via == "none" and after.via in ("near_right", "noun", "mods", "inherited"):
            before.category, before.cue, before.via = after.category, after.cue, "shared"
        elif before.via == "noun" and after.via == "near_right" and after.category in _HARM:
            before.category, before.cue, before.via = after.category, after.cue, "shared"


def _rows_of_sentence(sentence: Sentence, numbers: list[NumberMatch], period: tuple) -> list[dict]:
    g = _grammar()
    reader = _Reader(sentence.text, g)
    for number in numbers:
        reader.read(number)
    _share_forward(reader.found, sentence.text, g)
    rows = []
    for fig in reader.found:
        n = fig.number
        unit = (fig.noun_row or {}).get("unit") or "people"
        rows.append({**sentence.provenance(fig.start, fig.end), "value": n.value, "low": n.low,
                     "high": n.high, "share": n.share, "qualifier": fig.qualifier,
                     "category": fig.category, "unit": unit,
                     "subject": " ".join(fig.subject.split()), "date_start": period[0],
                     "date_end": period[1], "cue": fig.cue, "aside": fig.aside})
    return rows


# --------------------------------------------------------------------------- the table


def _sentence_periods(dates: pd.DataFrame) -> dict[tuple[str, int], list[tuple]]:
    """(article, sentence) -> [(start, end, date_start, date_end, relation)] from the dates."""
    periods: dict[tuple[str, int], list[tuple]] = {}
    columns = ("article_id", "sentence_id", "start", "end", "date_start", "date_end", "relation")
    for article_id, sentence_id, *span in zip(*(dates[c].tolist() for c in columns)):
        periods.setdefault((article_id, sentence_id), []).append(tuple(span))
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


def _numbers_by_sentence(text: str, starts: list[int], ends: list[int]
                         ) -> dict[int, list[NumberMatch]]:
    """The article's numbers (read once over the whole text) by sentence index, with offsets
    into their sentence; a number that crosses a sentence boundary belongs to none."""
    out: dict[int, list[NumberMatch]] = {}
    for start, end, *reading in readings(text):
        i = bisect_right(starts, start) - 1
        if i >= 0 and end <= ends[i]:
            s0 = starts[i]
            out.setdefault(i, []).append(NumberMatch(start - s0, end - s0, *reading))
    return out


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
    groups = sents.groupby("article_id", sort=False).indices if len(sents) else {}
    number_columns = {c: (sents[c].to_numpy() if c in sents else [0] * len(sents))
                      for c in ("sentence_id", "paragraph_id", "start", "end", "dateline_start",
                                "dateline_end")}
    sentence_ids, paragraph_ids, starts, ends, d0s, d1s = number_columns.values()
    published = (pd.to_datetime(articles["published"], errors="coerce").tolist()
                 if "published" in articles else [pd.NaT] * len(articles))
    precisions = (articles["published_precision"].tolist() if "published_precision" in articles
                  else [None] * len(articles))
    rows = []
    for article_id, text, date, precision in zip(articles["article_id"], articles["text"],
                                                 published, precisions):
        where = groups.get(article_id)
        if where is None or not isinstance(text, str):
            continue
        where = where[starts[where].argsort(kind="stable")]
        numbers = _numbers_by_sentence(text, starts[where].tolist(), ends[where].tolist())
        level = precision if isinstance(precision, str) and precision else None
        for i, found in numbers.items():
            at = where[i]
            start, end = int(starts[at]), int(ends[at])
            sentence = Sentence(article_id, int(sentence_ids[at]), int(paragraph_ids[at]), start,
                                text[start:end], date, level, (int(d0s[at]), int(d1s[at])))
            spans = periods.get((article_id, sentence.sentence_id), [])
            if spans:
                taken = [(a - start, b - start) for a, b, *_ in spans]
                found = [n for n in found  # a number inside a date: "19 December", "March 2013"
                         if not any(a < n.end and n.start < b for a, b in taken)]
                # a dateline's date is when the story was filed
                spans = [span for span in spans if not sentence.in_dateline(span[0] - start)]
            if found:
                rows.extend(_rows_of_sentence(sentence, found, _period(spans, date)))
    out = frame(rows, FIGURE_COLUMNS)
    for column in ("value", "low", "high", "share"):
        out[column] = out[column].astype("float64")
    for column in ("date_start", "date_end"):
        out[column] = pd.to_datetime(out[column])
    out["aside"] = out["aside"].astype(bool)
    return out
