"""Which spans of a sentence may name a place: the grammar of place mentions, words from lexicons.

A candidate is a capitalised run of words (``Kaga-Bandoro``, ``Lake Chad``, ``North Kivu``), a
country word or curated name (``CAR``, ``PK5``), the place of a dateline (``BANGUI (Reuters) -``),
a direction phrase (``the western part of the country``) or ``the capital``. Each carries what
the words around it say:

- ``cue``: a context cue before it makes it likely a place (``in``, ``the town of``, ``north
  of``; ``context_cues.csv`` kinds ``place_preposition``, ``place_noun``, ``direction``,
  ``list_intro``), or it follows one in a list (``villages such as A, B and C``);
- ``relation``: how the sentence relates to it (``at``, ``near``, ``to`` a destination,
  ``from`` an origin, ``speaker`` where someone spoke from, ``home`` an official's or a
  unit's place (``the mayor of Ndim``, ``based in Mora``), ``dateline``, or ``""``);
- ``generic``: a word after it that says what it is (``admin_unit``: ``Borno state``;
  ``facility_noun``: ``the Sacred Heart Cathedral``; ``road_noun``: ``the Bambari-Ippy road``).

Not candidates: spans of people, dates and actors (from tagging; a country inside an actor's
name still counts: ``the UN mission in Mali``), pronouns and other ``not_place`` words, runs that
end in an organisation's head word (``Africa Service``), and short acronyms (``NGO``, ``IDPs``)
unless a lexicon or the curated supplement lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicon import Phrases, cues, read_lexicon
from ..tagging.figures import people_noun
from ..tagging.spans import Sentence
from .gazetteer import Gazetteer, fold

__all__ = ["Candidate", "candidates", "Patterns", "patterns"]

_CAP = r"(?:[A-Z][\w’'-]*\w|[A-Z])"
_WORD = re.compile(r"\S+")
_ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z][a-z]?s?")  # NGO, IDPs, UNHCR
_COMPOUND = re.compile(r"[\w'’]+(?:-[\w'’]+)+")  # "Bangassou-Kongbo": names joined by hyphens


@dataclass
class Candidate:
    """One span that may name a place, with what the words around it say."""

    sentence: Sentence
    start: int  # offsets in the sentence
    end: int
    kind: str  # name, adjective, capital, region, dateline, same ("the same region")
    cue: bool = False
    relation: str = ""
    generic: str = ""  # the kind of generic word after it: admin_unit, facility_noun, road_noun
    generic_word: str = ""
    lead: bool = False  # starts with a generic word of a longer name ("Lake", "Mount")
    lookup: str = ""  # the name to look up, when not the text itself ("BANGUI" -> "Bangui")
    of_country: str = ""  # "the capital of Chad": the country whose capital it is
    places: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.sentence.text[self.start:self.end]

    @property
    def name(self) -> str:
        return self.lookup or self.text


@dataclass(frozen=True)
class Patterns:
    """The compiled grammar of place mentions for one gazetteer and language."""

    phrases: re.Pattern  # country words, country names, curated names and aliases
    run: re.Pattern  # a capitalised run, particles allowed inside
    cue: re.Pattern  # ends right before a likely place
    strong_cue: re.Pattern  # "the town of": a place whatever the word
    list_cue: re.Pattern  # "towns in the north-west such as ": a list of places follows
    near: re.Pattern
    destination: re.Pattern
    origin: re.Pattern
    home: re.Pattern  # "the mayor of ", "based in ": an official's or a unit's place
    speaker: re.Pattern
    speaker_after: re.Pattern  # "Moscow has said": a capital speaking for its government
    speaker_fronted: re.Pattern  # "In Bangui, the minister ... said": where the speaker was
    fronted: re.Pattern  # ends right after a sentence's or an aside's opening preposition
    at: re.Pattern
    list_join: re.Pattern
    region: re.Pattern
    capital: re.Pattern
    capital_of: re.Pattern  # "the capital of " before a country's name
    same_place: re.Pattern  # "the same region": the article's last place of that kind
    generic_after: re.Pattern
    place_noun_after: re.Pattern
    direction_list: re.Pattern  # "Northwest and Southwest regions": directions naming regions
    lead: re.Pattern  # a run starting with a generic word ("Lake Chad")
    lead_before: re.Pattern  # that generic word right before a name
    determiner_lead: re.Pattern
    offset_after: re.Pattern  # ", about 30 km north of X"
    piece_break: re.Pattern  # "Beni’s Beu", "Area of Plateau": two names in one run
    possessive: re.Pattern  # "Sudan's": what follows is the country's, not the country
    possessive_gap: re.Pattern  # all that lies between "Beni" and "Beu" in "Beni's Beu"
    quarter_after: re.Pattern  # " neighbourhood" after a name: a part of a town
    words: dict  # the word lists read per span: not_place, function_word, direction, ...


@lru_cache(maxsize=4)
def patterns(gaz: Gazetteer) -> Patterns:
    """Build the grammar from the context cues, country words and the gazetteer's supplement."""
    names = set(read_lexicon("country_words", ("word",))["word"])
    names.update(gaz.supplement["name"])
    for aliases in gaz.supplement["aliases"]:
        names.update(a for a in aliases.split("|") if a)
    from .countries import countries

    names.update(c["name"] for c in countries().values())
    upper = {n for n in names if n.isupper() or "." in n}
    phrases = "|".join(p for p in (Phrases(upper, case="exact").regex,
                                   Phrases(names - upper, case="any").regex) if p)
    c = {kind: cues(kind).regex for kind in (
        "direction", "place_noun", "place_preposition", "list_intro", "near", "destination",
        "neighbour_adjective", "origin", "speech_verb", "region_noun", "spread_preposition",
        "capital_noun", "determiner", "conjunction", "country_modifier_noun", "distance_unit",
        "estimate", "facility_noun", "list_intro_far", "speech_aux", "home", "same_place")}
    c.update({kind: cues(kind, case="exact").regex for kind in ("genitive", "direction_link")})
    of = rf"(?:{c['genitive']})"
    the = rf"(?:(?:{c['determiner']})\s+)"
    noun_of = rf"(?:(?:{c['place_noun']})\s+(?:{of}\s+)?)"  # "to the town of", "from the village of"
    direction_of = rf"(?:{c['direction']})\s+(?:{c['direction_link']})"  # "north of", "east from"
    particles = cues("place_particle", case="exact").regex
    possessive = cues("possessive", case="exact").regex
    articles = cues("name_article", case="exact").regex
    distance = rf"(?:(?:(?:{c['estimate']})\s+)?[\d.,]+\s*(?:{c['distance_unit']})\b" \
               rf"(?:\s*\([^)]{{1,30}}\))?)"
    generic = {kind: cues(kind).regex for kind in ("admin_unit", "facility_noun", "road_noun")}
    return Patterns(
        phrases=re.compile(rf"(?<![\w-])(?:{phrases})(?!\w)"),
        run=re.compile(rf"(?:(?<![\w'’-])(?:{articles})[ -])?{_CAP}(?:[ \t]+(?:(?:{particles})[ \t-]+)?{_CAP})*"),
        cue=re.compile(
            rf"(?:\b(?:{c['place_preposition']}|{direction_of})\s+{the}?"
            rf"(?:(?:{c['direction']})\s+)?(?:(?:{c['neighbour_adjective']})\s+)?"
            rf"|\b(?:{c['place_noun']})\s+(?:(?:{c['list_intro']})\s+)?)\Z"),
        strong_cue=re.compile(rf"\b(?:{c['place_noun']}|{c['facility_noun']})\s+"
                              rf"(?:(?:{c['list_intro']})\s+)?\Z"),
        list_cue=re.compile(rf"\b(?:{c['place_noun']})\b[^.;:]{{0,40}}\b(?:{c['list_intro_far']})"
                            rf"\s+\Z"),
        near=re.compile(rf"(?:\b(?:{c['near']})|{distance}?\s*\b{direction_of})\s+{the}?"
                        rf"(?:(?:{c['capital_noun']}),?\s+)?\Z"),
        destination=re.compile(rf"\b(?:{c['destination']})\s+{the}?"
                               rf"(?:(?:{c['neighbour_adjective']})\s+)?{noun_of}?\Z"),
        origin=re.compile(rf"\b(?:{c['origin']})\s+{the}?{noun_of}?\Z"),
        home=re.compile(rf"\b(?:{c['home']})\s+{the}?(?:[\w-]+\s+)?{noun_of}?\Z"),
        speaker=re.compile(rf"\b(?:{c['speech_verb']})\b[^.;]{{0,40}}\b(?:{c['origin']})\s+"
                           rf"{the}?(?:[\w-]+\s+){{0,3}}\Z"),
        speaker_after=re.compile(rf"\s+(?:(?:{c['speech_aux']})\s+)*(?:{c['speech_verb']})\b"),
        speaker_fronted=re.compile(
            rf"\s*,\s+(?P<who>(?:[\w'’.-]+[\s,]+){{1,12}}?)(?:(?:{c['speech_aux']})\s+)*"
            rf"(?:{c['speech_verb']})\b"),
        fronted=re.compile(rf"(?:^|[,;]\s*)(?:{c['place_preposition']})\s+{the}?\Z"),
        at=re.compile(rf"\b(?:{c['place_preposition']})\s+{the}?"
                      rf"(?:(?:{c['direction']})\s+)?\Z|\b(?:{c['place_noun']})\s+"
                      rf"(?:(?:{c['list_intro']})\s+)?\Z"),
        list_join=re.compile(rf"^\s*(?:,\s*(?:(?:{c['conjunction']})\s+)?|\s+(?:{c['conjunction']})"
                             rf"\s+)$"),
        region=re.compile(
            rf"\b{the}?(?P<dir>{c['direction']})\s+(?:{c['region_noun']})\s+{of}\s+"
            rf"{the}?(?P<of>{_CAP}(?:\s+{_CAP})*)"
            rf"|\b(?:{c['spread_preposition']})\s+{the}(?P<dir2>{c['direction']})\b"
            rf"(?!\s+(?:{c['place_noun']})\b)(?!\s+[A-Z])"
            rf"|\b(?P<dir3>{c['direction']})(?:\s+(?:{c['conjunction']})\s+"
            rf"(?:{c['direction']}))?\s+(?:{of}\s+)?{the}(?:{c['capital_noun']})\b"),
        capital=re.compile(rf"\b{the}(?:{c['capital_noun']})\b(?!\s+{of}\s+[A-Z])(?!,?\s+[A-Z])"),
        capital_of=re.compile(rf"\b{the}(?P<noun>{c['capital_noun']})\s+{of}\s+{the}?(?=[A-Z])"),
        same_place=re.compile(rf"\b{the}(?:{c['same_place']})\s+(?P<noun>{c['place_noun']}|"
                              rf"{generic['admin_unit']})\b"),
        generic_after=re.compile(
            rf"\s+(?:(?P<admin_unit>{generic['admin_unit']})|(?P<facility_noun>"
            rf"{generic['facility_noun']})|(?P<road_noun>{generic['road_noun']}))\b"),
        place_noun_after=re.compile(rf"\s+(?:{c['place_noun']})\b"),
        direction_list=re.compile(rf"(?:\s*(?:,|(?:{c['conjunction']})\s)\s*[A-Z][\w-]*)*\s+"
                                  rf"(?:{generic['admin_unit']})s?\b"),
        lead=re.compile(rf"^(?:{cues('name_lead', case='exact').regex})\s+"),
        lead_before=re.compile(rf"\b(?:{cues('name_lead', case='exact').regex})\s+\Z"),
        determiner_lead=re.compile(rf"^(?:{cues('determiner', case='forms').regex})\s+"),
        offset_after=re.compile(rf",?\s+(?P<distance>{distance})\s*(?P<dir>{c['direction']})?"
                                rf"\s*(?:{c['direction_link']})\s+{the}?(?:(?:{c['capital_noun']}),?\s+)?"),
        piece_break=re.compile(rf"{possessive}\b\s*|\s+{of}\s+"),
        possessive=re.compile(possessive),
        possessive_gap=re.compile(rf"(?:{possessive})\s+"),
        quarter_after=re.compile(rf"\s+(?:{cues('quarter_noun').regex})\b"),
        words={"not_place": cues("not_place", case="exact"),
               "organisation_head": cues("organisation_head", case="exact"),
               **{kind: cues(kind) for kind in ("function_word", "direction", "group_adjective",
                                                "place_preposition", "capital_noun")}},
    )


class _Taken:
    """The characters of a sentence already given to a span: a mask, so checking a span costs
    its length whatever the number of spans before it."""

    def __init__(self, size: int, spans: list[tuple[int, int]] = ()) -> None:
        self.mask = bytearray(size)
        for span in spans:
            self.add(*span)

    def add(self, start: int, end: int) -> None:
        end = min(end, len(self.mask))
        self.mask[start:end] = b"\x01" * max(0, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self.mask[start:end]


def _in_road_name(text: str, start: int, end: int, p: Patterns) -> bool:
    """Whether the name at ``start..end`` is one of the hyphenated names of a road (``the
    Bangassou-Kongbo axis``, ``the Zemio-Mboki axis``)."""
    if "-" not in text[max(0, start - 1):end + 1]:
        return False
    lo = start
    while lo > 0 and _COMPOUND.fullmatch(text, lo - 1, end):
        lo -= 1
    whole = _COMPOUND.match(text, lo)
    generic = whole is not None and whole.start() <= start and whole.end() >= end and \
        p.generic_after.match(text, whole.end())
    return bool(generic) and generic.lastgroup == "road_noun"


def _relation(p: Patterns, sentence: Sentence, start: int, end: int) -> str:
    """How the sentence relates to the place at ``start``: dateline, speaker (``told AFP
    from Bria``, ``In Bangui, the minister said``), home (``the mayor of Ndim``, ``based in
    Mora``), near, to, from, at, or '' (a subject, a modifier: ``Bria is calm``, ``Bangui's
    airport``)."""
    text = sentence.text
    if sentence.in_dateline(start, end):
        return "dateline"
    if p.speaker_after.match(text, end) or _fronted_speaker(p, text, start, end):
        return "speaker"  # "Moscow has said", "In Bangui, the minister ... said"
    after = _NEXT_WORD.match(text, end)
    if after and _is_role(after.group(1)):
        return "home"  # "Mediapart's West Africa correspondent", "a Bria official said"
    lo = max(0, start - 80)
    for name, pattern in (("speaker", p.speaker), ("home", p.home), ("near", p.near),
                          ("to", p.destination),
                          ("from", p.origin), ("at", p.at)):
        if pattern.search(text, lo, start):
            return name
    return ""


def _fronted_speaker(p: Patterns, text: str, start: int, end: int) -> bool:
    """A place opening its sentence (``In Bangui, ...``) whose clause goes on with a speaker
    and a speech verb: a name, a title (``the Minister of Communication and government
    spokesperson, Serge Djorie said``); not ``In Bangui, gunmen killed two people, police
    said``."""
    m = p.speaker_fronted.match(text, end)
    if m is None or not p.fronted.search(text, 0, start):
        return False
    words = [w.strip(",") for w in m["who"].split()]
    return any(map(_is_role, words)) and all(
        w[:1].isupper() or w in p.words["function_word"] or _is_role(w) or _is_role(nxt)
        for w, nxt in zip(words, words[1:] + [""]))


def _is_not_place(word: str, gaz: Gazetteer, p: Patterns, text_after: str = "") -> bool:
    """Pronouns, deictic and function words, determiners, group adjectives, lone directions,
    organisation names, single letters, unlisted short acronyms."""
    key = word.split()[-1]
    words = p.words
    if len(word) < 2 or word in words["not_place"] or word in words["function_word"] or (
            key in words["organisation_head"]) or any(
            w in _role_words() for w in word.lower().split()) or (
            any(ch.isdigit() for ch in word) and not gaz.lookup(word)
            and not p.quarter_after.match(text_after)):  # "the KM-11 neighbourhood" is one
        return True
    if word in words["direction"] and not p.direction_list.match(text_after):
        return True
    if " " not in word and len(word) <= 5 and _ACRONYM.fullmatch(word):
        return not gaz.lookup(word) or not any(p.source == "supplement"
                                               for p in gaz.lookup(word))
    return False


def candidates(sentence: Sentence, blocked: list[tuple[int, int]],
               actors: list[tuple[int, int]], gaz: Gazetteer, p: Patterns) -> list[Candidate]:
    """Every place-like span of one sentence (offsets within the sentence).

    ``blocked``: people and dates, never places; ``actors``: hide names but not the countries
    in them (``Chadian`` troops, the UN mission in ``Mali``).
    """
    text, found = sentence.text, []
    taken = _Taken(len(text), blocked)
    hidden = _Taken(len(text), blocked + actors)  # taken, or inside an actor's name

    def add(start: int, end: int, kind: str, cue: bool = False, **extra) -> Candidate:
        c = Candidate(sentence, start, end, kind,
                      cue=cue or bool(p.cue.search(text, max(0, start - 60), start))
                      or bool(p.place_noun_after.match(text, end)),  # "Palma village"
                      relation=_relation(p, sentence, start, end), **extra)
        generic = p.generic_after.match(text, end)
        if generic:
            c.generic, c.generic_word = generic.lastgroup, generic.group(generic.lastgroup)
        found.append(c)
        taken.add(start, end)
        hidden.add(start, end)
        return c

    a, b = sentence.dateline
    if a < b:
        from ..text import find_dateline

        line = find_dateline(text, a, b)
        group = "place" if line is not None and line.group("place") else "bracketed"
        if line is not None:
            place = line.group(group)
            add(line.start(group), line.end(group), "dateline",
                lookup=place.title() if place.isupper() else place)
            if line.group("country"):
                add(line.start("country"), line.end("country"), "dateline")
    for m in p.phrases.finditer(text):
        word = m.group()
        if p.lead_before.search(text, max(0, m.start() - 12), m.start()):
            continue  # "Lake Chad", "South Sudan": read whole below
        if not word[0].isupper() or hidden.overlaps(m.start(), m.end()):
            continue  # a place inside an actor's name is part of the name
        if _in_road_name(text, m.start(), m.end(), p):
            continue  # "the Bambari-Ippy road": read whole below, with each town
        if fold(word) in _country_words():
            code, kind = _country_words()[fold(word)]
            c = add(m.start(), m.end(), "name" if kind == "alias" else "adjective")
            c.places = [gaz.country(code, method="alternate")]
        else:
            add(m.start(), m.end(), "name")
    taken = hidden
    headline = _headline(text)
    for m in p.run.finditer(text):
        start, end = m.start(), m.end()
        lead = p.determiner_lead.match(m.group())
        start += lead.end() if lead else 0
        start, opened = _strip_leading_words(text, start, end, p)
        for s, e in _pieces(text, start, end, gaz, p):
            word = text[s:e]
            first = word.split("-")[0].split()[0] if word.strip() else ""
            if first in p.words["group_adjective"]:
                rest = word[len(first):].lstrip()
                if rest and gaz.lookup(rest):  # "the mainly Muslim KM-5 neighbourhood": the
                    s, word = e - len(rest), rest  # place after the group's adjective
                elif not _named_by_cue(text, s, e, p) and (
                        p.generic_after.match(text, e) or p.place_noun_after.match(text, e)
                        or not gaz.lookup(word)):
                    continue  # "the Christian region", "Murle leaders": a group, not a place
            if e <= s or taken.overlaps(s, e) or _is_not_place(word, gaz, p, text[e:e + 60]):
                continue
            if headline and not gaz.lookup(word):
                continue  # "Forces MSF to Halt Activities": title case, not names
            c = add(s, e, "name", lead=bool(p.lead.match(word + " ")), cue=opened)
            if opened and not c.relation:
                c.relation = "at"
            if c.generic == "road_noun" and "-" in word:  # "the Bambari-Ippy road": both towns
                at = s
                for part in word.split("-"):
                    if gaz.lookup(part):
                        found.append(Candidate(sentence, at, at + len(part), "name",
                                               cue=True, relation=c.relation))
                    at += len(part) + 1
    if p.words["direction"].search(text):  # region phrases all hold a direction
        for m in p.region.finditer(text):  # may hold a country's name: both are mentions
            add(m.start(), m.end(), "region", cue=True)
    if p.words["capital_noun"].search(text):
        capitals_of = list(p.capital_of.finditer(text))  # read below, or not at all
        for m in p.capital.finditer(text):
            if not taken.overlaps(m.start(), m.end()) and \
                    all(m.start() != o.start() for o in capitals_of):
                add(m.start(), m.end(), "capital", cue=True)
        for m in capitals_of:  # "the capital of Chad": Chad's capital
            run = p.run.match(text, m.end()) or re.match(r"\S+", text[m.end():])
            if run is None or p.possessive.match(text, run.end()):
                continue  # "the capital of Sudan's West Darfur state": a region's capital
            country = next((q for q in gaz.lookup(run.group().rstrip(".,;:")) if q.feature ==
                            "country"), None)
            if country is not None and not taken.overlaps(m.start(), m.end("noun")):
                add(m.start(), m.end("noun"), "capital", cue=True,
                    of_country=country.country_code)
    for m in p.same_place.finditer(text):  # "in the same region": resolved with the article
        if not taken.overlaps(m.start(), m.end()):
            add(m.start(), m.end(), "same", cue=True, generic_word=m["noun"])
    found.sort(key=lambda c: c.start)
    for c in found:
        if p.list_cue.search(text, max(0, c.start - 70), c.start):
            c.cue, c.relation = True, c.relation or "at"
    for before, after in zip(found, found[1:]):  # "in towns like A, B and C": B and C inherit
        if not p.list_join.match(text[before.end:after.start]):
            continue
        if before.cue or before.relation:
            after.cue = after.cue or before.cue
            after.relation = after.relation or before.relation
        elif before.kind == "name" and gaz.lookup(before.name) and not ambiguous(before.name):
            after.cue = True  # "Berberati, Carnot, Baoro and Gambala": a list of places
    return found


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    return frozenset(read_lexicon("ambiguous_places", ("word",))["word"].map(fold))


def ambiguous(word: str) -> bool:
    """A place name that is also a common word or a surname (``ambiguous_places.csv``).

    >>> ambiguous("Carnot"), ambiguous("Berberati")
    (True, False)
    """
    key = fold(word)
    return key in _ambiguous() or key.rstrip("s") in _ambiguous()


def _pieces(text: str, start: int, end: int, gaz: Gazetteer, p: Patterns
            ) -> list[tuple[int, int]]:
    """The place names in a capitalised run: split at possessives (``Beni’s Beu district``),
    at ``of`` between two names (``Bokkos Local Government Area of Plateau State``,
    ``Map of Tillaberi``); a run the gazetteer does not know keeps its longest known first
    words (``Bangui Last Updated`` -> ``Bangui``)."""
    out, at = [], start
    for m in p.piece_break.finditer(text[start:end]):
        out.append((at, start + m.start()))
        at = start + m.end()
    out.append((at, end))
    pieces = []
    for s, e in out:
        words = list(_WORD.finditer(text[s:e]))
        if len(words) > 1 and not gaz.lookup(text[s:e]) and not p.generic_after.match(text, e) \
                and not p.lead.match(text[s:e] + " "):
            known = next((s + w.end() for w in reversed(words[:-1])
                          if gaz.lookup(text[s:s + w.end()])), None)
            e = known or e
        pieces.append((s, e))
    return [(s, e) for s, e in pieces if e > s]


def _strip_leading_words(text: str, start: int, end: int, p: Patterns) -> tuple[int, bool]:
    """Drop capitalised function words a run starts with (``In Sibut`` -> ``Sibut``); True
    when one of them is a place preposition (a cue)."""
    cue = False
    while True:
        m = re.match(r"(\S+)\s+", text[start:end])
        if m is None or m.group(1) not in p.words["function_word"]:
            return start, cue
        cue = cue or m.group(1) in p.words["place_preposition"]
        start += m.end()


_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")  # a lower-case word right after a name


def _named_by_cue(text: str, start: int, end: int, p: Patterns) -> bool:
    """Whether a place noun names the word at ``start..end`` (``the village of Bambara``),
    not a group of people the place holds (``a village of Fulani herders``)."""
    after = _NEXT_WORD.match(text, end)
    return bool(p.strong_cue.search(text, max(0, start - 40), start)) and not (
        after and people_noun(after.group(1)))


def _is_role(word: str) -> bool:
    """Whether a word is a one-word role, singular or plural (``spokesman``, ``officials``)."""
    roles = _role_words()
    return word.lower() in roles or word.lower().rstrip("s") in roles


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """One-word roles (``minister``, ``governor``): a run holding one is a title, not a
    place."""
    roles = read_lexicon("roles", ("role",))["role"].str.lower()
    return frozenset(role for role in roles if " " not in role)


def _headline(text: str) -> bool:
    """A title-case headline (``Forces MSF to Halt Activities in Batangafo``): a line without
    a final full stop whose words are mostly capitalised, so capitals say nothing about names."""
    if text.rstrip().endswith((".", "”", '"')):
        return False
    words = re.findall(r"[A-Za-z][\w’'-]*", text)
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) >= 0.75 * len(
        long_words)


@lru_cache(maxsize=1)
def _country_words() -> dict[str, tuple[str, str]]:
    """Folded country word -> (country code, ``alias`` or ``adjective``)."""
    table = read_lexicon("country_words", ("word", "country_code", "kind"))
    return {fold(w): (c, k) for w, c, k in zip(table["word"], table["country_code"],
                                               table["kind"])}
