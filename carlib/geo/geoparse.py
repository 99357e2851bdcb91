"""Step 4 — find every place an article names and resolve it offline.

``geoparse(articles)`` returns one row per place mention:

=================  ===========================================================================
provenance         ``article_id, sentence_id, start, end, quote``
name, geonameid    the resolved place (GeoNames, or the supplement's name)
lat, lon           its point; empty for countries, regions and places no source locates
country_code       ISO 3166-1 alpha-2
admin1, feature    GeoNames admin1 code; country, city, town, village, neighbourhood,
                   facility or region
geo_precision      ACLED's 1 = the named town, 2 = part of a region or near a town,
                   3 = a larger region or the country
confidence         0-1: how sure the resolution is
method             exact (GeoNames' main name), alternate (an alternate name, a country word),
                   folded (after folding accents and case), fuzzy (a near miss: check it),
                   supplement (``carlib/data/gazetteer/supplement.csv``), online (the optional
                   geocoder), direction (a region such as ``the northwest``), region (a
                   named state or province, ``Zamfara state``: no point), unresolved
kind               name, adjective (``Chadian``), capital (``the capital``), region, or
                   dateline (``ABUJA, June 14 (Reuters) -``: where the story was filed)
needs_review       True for fuzzy matches and unresolved names
suggestions        for those, the nearest gazetteer names (``Baoro (CF) 0.80; ...``)
=================  ===========================================================================

How a capitalised name becomes a place: it must not be part of an actor, a person or a date
(from the tagging step); an article's country focus (the country its names point to most)
decides between namesakes; a context cue (``in``, ``the town of``, ``north of``, or a list
that follows one) is evidence. Without a cue, a name that is also a common word (it appears
in lower case in the article, or is listed in ``carlib/lexicons/ambiguous_places.csv``) is not
a place, nor is a sentence's first word unless it is in the focus country. A cue-backed name
that the gazetteer does not know is offered as a fuzzy match or listed by ``unresolved``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..lexicon import read_lexicon
from ..tagging import Tags, tag_corpus
from ..tagging.spans import PROVENANCE, Sentence, frame, iter_sentences
from ..text import dateline_end
from .gazetteer import Gazetteer, fold

__all__ = ["geoparse", "unresolved", "PLACE_COLUMNS"]

PLACE_COLUMNS = PROVENANCE + ["name", "geonameid", "lat", "lon", "country_code", "admin1",
                              "feature", "geo_precision", "confidence", "method", "kind",
                              "needs_review", "suggestions"]
_METHOD_RANK = {"supplement": 0, "exact": 1, "alternate": 2, "folded": 3}
_NAME_TOKEN = r"(?:[A-Z][\w’'-]*\w|[A-Z])"
_RUN = re.compile(rf"{_NAME_TOKEN}(?:[ \t]+(?:(?:de|du|des|la|le|el|al|of)[ \t]+)?{_NAME_TOKEN})*")
_GENERIC_LEAD = re.compile(r"^(?:The|A|An)\s+")
_DIRECTION = (r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|"
              r"centre|center)")
_PLACE_NOUNS = (r"(?:town|village|city|capital|district|neighbou?rhood|region|province|"
                r"prefecture|locality|camp|enclave|suburb|area)s?")
_CUE = re.compile(
    rf"(?:\b(?:in|at|near|from|to|into|outside|around|toward|towards|across|via|through|"
    rf"{_DIRECTION}\s+of)\s+(?:the\s+)?(?:{_DIRECTION}(?:ern)?\s+)?"
    rf"|\b{_PLACE_NOUNS}\s+(?:(?:of|like|such\s+as|called|including)\s+)?)$",
    re.IGNORECASE)
_STRONG_CUE = re.compile(rf"\b{_PLACE_NOUNS}\s+(?:(?:of|like|such\s+as|called)\s+)?$",
                         re.IGNORECASE)
# a country word followed by these is an adjective: "U. S. forces", "the CAR crisis"
_ADJECTIVAL_NEXT = re.compile(
    r"\s+(?:[A-Z]|(?:forces|troops|soldiers|army|military|officials|government|authorities|"
    r"crisis|conflict|president|ambassador|embassy|mission|envoy|administration|border|side|"
    r"nationals|citizens|people|expert|counterparts?)\b)")
_LIST_JOIN = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)$")
_REGION = re.compile(
    rf"\b(?:the\s+)?(?P<dir>{_DIRECTION})(?:ern)?\s+(?:part|parts|region|regions|areas?)\s+of\s+"
    rf"(?:the\s+)?(?P<of>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})*)"
    rf"|\b(?:in|across|throughout)\s+the\s+(?P<dir2>{_DIRECTION})\b(?!\s+(?:town|village|city))"
    rf"|\b(?P<dir3>{_DIRECTION})(?:\s+and\s+{_DIRECTION})?\s+(?:of\s+)?the\s+capital",
    re.IGNORECASE)
_DESTINATION = re.compile(r"\b(?:to|into|towards?)\s+(?:the\s+)?(?:neighbou?ring\s+)?$",
                          re.IGNORECASE)
_ADMIN_AFTER = re.compile(r"\s+(state|region|province|county|district|prefecture|governorate|"
                          r"division|territory)\b", re.IGNORECASE)
# generic words that start a longer name: "Lake Chad" is not Chad
_LONGER_NAME = re.compile(r"\b(?:Lake|Mount|Mt\.?|Gulf|Upper|Lower|Greater|Port|Cape|Saint|St\.?|"
                          r"River|Bay|Fort|Sierra)\s+$")
_CAPITAL = re.compile(r"\bthe\s+capital\b(?!\s+of\s+[A-Z])(?!,?\s+[A-Z])")


@dataclass
class _Candidate:
    sentence: Sentence
    start: int  # offsets in the sentence
    end: int
    kind: str  # name, adjective, capital, region
    cue: bool
    places: list[dict]

    @property
    def text(self) -> str:
        return self.sentence.text[self.start:self.end]


@lru_cache(maxsize=1)
def _country_words() -> dict[str, tuple[str, str]]:
    """Folded country word -> (country code, ``alias`` or ``adjective``)."""
    table = read_lexicon("country_words", ("word", "country_code", "kind"))
    return {fold(w): (c, k) for w, c, k in zip(table["word"], table["country_code"],
                                               table["kind"])}


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    return frozenset(read_lexicon("ambiguous_places", ("word",))["word"].map(fold))


def _phrase_pattern(gaz: Gazetteer) -> re.Pattern:
    """Supplement names and aliases, country words and country names, longest first."""
    names = set(read_lexicon("country_words", ("word",))["word"])
    names.update(gaz.supplement["name"])
    for aliases in gaz.supplement["aliases"]:
        names.update(a for a in aliases.split("|") if a)
    names.update(gaz.country_names())
    parts = []
    for name in sorted(names, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in name.split())
        parts.append(body if name.isupper() or "." in name else f"(?i:{body})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w])")


def _has_cue(text: str, start: int, pattern: re.Pattern = _CUE) -> bool:
    return bool(pattern.search(text, max(0, start - 60), start))


def _blocked(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _candidates(sentence: Sentence, blocked: list[tuple[int, int]],
                actors: list[tuple[int, int]], gaz: Gazetteer, phrases: re.Pattern
                ) -> list[_Candidate]:
    """Every place-like span of one sentence (offsets within the sentence).

    ``blocked``: people and dates, never places; ``actors``: hide names but not the countries
    in them (``Chadian`` troops, the UN mission in ``Mali``).
    """
    text, found = sentence.text, []
    taken = list(blocked)
    for m in phrases.finditer(text):
        word = m.group()
        if _LONGER_NAME.search(text, 0, m.start()):
            continue  # "Lake Chad", "Upper Nile": part of a longer name, read as a whole below
        country_word = fold(word) in _country_words() or fold(word) in gaz.country_keys()
        if not word[0].isupper() or _blocked(m.start(), m.end(), taken) or (
                not country_word and _blocked(m.start(), m.end(), actors)):
            continue  # a country in an actor's name still counts: "the UN mission in Mali"
        cue = _has_cue(text, m.start())
        if fold(word) in _country_words():
            code, kind = _country_words()[fold(word)]
            if kind == "alias" and not cue and _ADJECTIVAL_NEXT.match(text, m.end()):
                kind = "adjective"  # "U. S.  Security Council", "CAR crisis"
            found.append(_Candidate(sentence, m.start(), m.end(),
                                    "name" if kind == "alias" else "adjective", cue,
                                    [gaz.country(code, method="alternate")]))
        else:
            found.append(_Candidate(sentence, m.start(), m.end(), "name", cue,
                                    gaz.lookup(word)))
        taken.append((m.start(), m.end()))
    taken += actors
    for m in _RUN.finditer(text):
        start, end = m.start(), m.end()
        lead = _GENERIC_LEAD.match(m.group())
        start += lead.end() if lead else 0
        word = text[start:end]
        if end <= start or _blocked(start, end, taken):
            continue
        places = gaz.lookup(word)
        tail = re.search(r"\s(?:of|de|du)\s+(?=[A-Z])", word)
        if not places and tail:  # "Residents of Goma": the place is after "of"
            start += tail.end()
            word, places = text[start:end], gaz.lookup(text[start:end])
        found.append(_Candidate(sentence, start, end, "name", _has_cue(text, start), places))
    regions = [_Candidate(sentence, m.start(), m.end(), "region", True, [])
               for m in _REGION.finditer(text)]
    found += regions
    taken += [(r.start, r.end) for r in regions]
    for m in _CAPITAL.finditer(text):
        if not _blocked(m.start(), m.end(), taken):
            found.append(_Candidate(sentence, m.start(), m.end(), "capital", True, []))
    found.sort(key=lambda c: c.start)
    for before, after in zip(found, found[1:]):  # "in towns like A, B and C": B and C inherit
        if before.cue and _LIST_JOIN.match(text[before.end:after.start]):
            after.cue = True
    return found


def _focus(candidates: list[_Candidate], gaz: Gazetteer) -> str | None:
    """The country an article is about. Votes: a country name 2, a country adjective or a
    destination 0.5 (``French`` troops, ``fled to Rwanda`` are often about elsewhere); a name
    known in one country only, a
    supplement entry or a national capital 1 (0.5 without a context cue)."""
    votes: dict[str, float] = {}
    for c in candidates:
        country = next((p["country_code"] for p in c.places if p["feature"] == "country"), None)
        towns = {p["country_code"] for p in c.places}
        strong = [p for p in c.places if p["source"] == "supplement" or gaz.is_capital(p)]
        code, weight = None, 0.0
        if country:
            destination = _DESTINATION.search(c.sentence.text[:c.start])
            code, weight = country, (0.5 if c.kind == "adjective" or destination else 2)
        elif c.kind == "name" and (len(towns) == 1 or strong):
            code = strong[0]["country_code"] if strong else towns.pop()
            weight = 1 if c.cue else 0.5
        if code:
            votes[code] = votes.get(code, 0) + weight
    return max(votes, key=lambda k: votes[k]) if votes else None


def _best(places: list[dict]) -> dict:
    return min(places, key=lambda p: (p["feature"] == "region", _METHOD_RANK.get(p["method"], 9),
                                      -(p["population"] or 0)))


def _common_word(word: str, lower_words: frozenset[str]) -> bool:
    """Listed as ambiguous, or a single word the article also writes in lower case."""
    key = fold(word)
    return key in _ambiguous() or key.rstrip("s") in _ambiguous() or (
        " " not in word and word.lower() in lower_words)


def _resolve(c: _Candidate, focus: str | None, neighbours: set[str], gaz: Gazetteer,
             lower_words: frozenset[str]) -> dict | None:
    """Choose a place for one candidate, or None when it is not a place mention at all."""
    if c.kind == "region":
        return _region(c, focus, gaz)
    if c.kind == "capital":
        capital = gaz.capital(focus) if focus else None
        return {**capital, "confidence": 0.7} if capital else None
    word = c.text
    if c.kind == "adjective":
        return {**c.places[0], "confidence": 0.9}
    single_first_word = c.start == 0 and " " not in word
    common = _common_word(word, lower_words)
    if common and not _has_cue(c.sentence.text, c.start, _STRONG_CUE):
        # "Christian", "Union", "Muslims": only a place in the focus country
        trusted = [p for p in c.places if p["country_code"] == focus or gaz.is_capital(p)]
        return {**_best(trusted), "confidence": 0.6} if trusted and c.cue else None
    admin = _ADMIN_AFTER.match(c.sentence.text, c.end)
    if admin and (c.places or c.cue):  # "Zamfara state": an area, not the town so named
        known = [p for p in c.places if p["country_code"] == focus] or c.places
        return {"name": f"{word} {admin.group(1).lower()}", "geonameid": None, "lat": None,
                "lon": None, "country_code": known[0]["country_code"] if known else focus or "",
                "admin1": "", "feature": "region", "geo_precision": 3, "method": "region",
                "confidence": 0.7}
    in_focus = [p for p in c.places if p["country_code"] == focus]
    if in_focus:
        best = _best(in_focus)
        return {**best, "confidence": (0.95 if c.cue else 0.85)
                - (0.05 if best["method"] in ("alternate", "folded") else 0)}
    countries = [p for p in c.places if p["feature"] == "country"]
    if countries:
        return {**countries[0], "confidence": 0.9}
    if c.places and single_first_word:
        return None
    near = [p for p in c.places if p["country_code"] in neighbours
            and (p["population"] or 0) >= 1000]
    if near and len({p["country_code"] for p in near}) == 1:
        return {**_best(near), "confidence": 0.6}  # a town next door: Goma for Rwanda
    if c.places and c.cue:
        near = [p for p in c.places if p["country_code"] in neighbours]
        if near:
            return {**_best(near), "confidence": 0.6}
        if focus is None:  # nothing to compare with: the most populous namesake
            return {**_best(c.places), "confidence": 0.5}
        best = _best(c.places)  # far from what the article is about: check it
        others = "; ".join(f"{p['name']} ({p['country_code']})" for p in c.places if p is not best)
        return {**best, "confidence": 0.4, "needs_review": True,
                "suggestions": others or "only namesake in the gazetteer"}
    if c.places and max(p["population"] or 0 for p in c.places) >= 1_000_000:
        return {**_best(c.places), "confidence": 0.5}
    adjective = (" " not in word and re.match(r" [a-z]", c.sentence.text[c.end:c.end + 2])
                 and re.search(r"\b(?:the|a|an)\s+$", c.sentence.text[:c.start], re.I))
    if not c.places and c.cue and not adjective:  # not "the Catholic mission"
        return _near_miss(c, focus, neighbours, gaz)
    return None


def _near_miss(c: _Candidate, focus: str | None, neighbours: set[str], gaz: Gazetteer) -> dict:
    """A cue-backed name the gazetteer does not know: a flagged fuzzy match, or unresolved."""
    countries = sorted({focus, *neighbours} - {None}) if focus else []
    matches = gaz.fuzzy(c.text, countries, cutoff=0.6) if countries else []
    suggestions = "; ".join(f"{p['name']} ({p['country_code']}) {s:.2f}" for p, s in matches[:3])
    if matches and matches[0][1] >= 0.8:
        place, score = matches[0]
        return {**place, "method": "fuzzy", "confidence": round(0.5 * score, 2),
                "needs_review": True, "suggestions": suggestions,
                "geo_precision": max(2, place["geo_precision"])}
    return {"name": c.text, "geonameid": None, "lat": None, "lon": None,
            "country_code": focus or "", "admin1": "", "feature": "", "geo_precision": None,
            "method": "unresolved", "confidence": 0.0, "needs_review": True,
            "suggestions": suggestions}


def _region(c: _Candidate, focus: str | None, gaz: Gazetteer) -> dict:
    m = _REGION.match(c.text)
    direction = (m.group("dir") or m.group("dir2") or m.group("dir3")).lower()
    of = m.group("of")
    code = focus or ""
    if of:
        known = gaz.lookup(of)
        code = known[0]["country_code"] if known else code
    country = gaz.country(code)["name"] if code else ""
    near_capital = m.group("dir3") is not None
    return {"name": f"{direction} of the capital" if near_capital else
            f"{direction} {country}".strip(), "geonameid": None, "lat": None, "lon": None,
            "country_code": code, "admin1": "", "feature": "region",
            "geo_precision": 2 if near_capital else 3, "method": "direction", "confidence": 0.6}


def _spans_by_sentence(table: pd.DataFrame, sents: pd.DataFrame) -> dict[tuple, list[tuple]]:
    """(article, sentence) -> spans (sentence offsets) of mentions or dates already tagged."""
    starts = dict(zip(zip(sents["article_id"], sents["sentence_id"]), sents["start"]))
    spans: dict[tuple, list[tuple]] = {}
    for article_id, sentence_id, start, end in zip(table["article_id"], table["sentence_id"],
                                                   table["start"], table["end"]):
        offset = starts[(article_id, sentence_id)]
        spans.setdefault((article_id, sentence_id), []).append((start - offset, end - offset))
    return spans


def geoparse(articles: pd.DataFrame, tags: Tags | None = None,
             gazetteer: Gazetteer | None = None, geocoder=None) -> pd.DataFrame:
    """One row per place mention, resolved offline (columns in the module docstring).

    ``tags`` (from ``carlib.tag_corpus``) is reused when given; ``geocoder`` is an optional
    geopy geocoder (see ``carlib.geo.geocoders``) tried for names the gazetteer lacks.

    >>> places = geoparse(load_articles("seeds"))  # doctest: +SKIP
    >>> places[["quote", "name", "lat", "lon", "method"]].head(3)  # doctest: +SKIP
    """
    tags = tags or tag_corpus(articles)
    gaz = gazetteer or Gazetteer.load()
    phrases = _phrase_pattern(gaz)
    people = tags.mentions[tags.mentions["kind"] == "person"]
    actors = _spans_by_sentence(tags.mentions[tags.mentions["kind"] == "actor"], tags.sentences)
    blocked = _spans_by_sentence(pd.concat([people[PROVENANCE], tags.dates[PROVENANCE]]),
                                 tags.sentences)
    texts = dict(zip(articles["article_id"], articles["text"]))
    by_article: dict[str, list[_Candidate]] = {}
    for sentence in iter_sentences(articles, tags.sentences):
        key = (sentence.article_id, sentence.sentence_id)
        by_article.setdefault(sentence.article_id, []).extend(_candidates(
            sentence, blocked.get(key, []), actors.get(key, []), gaz, phrases))
    rows = []
    for article_id, candidates in by_article.items():
        focus = _focus(candidates, gaz)
        neighbours = gaz.neighbours(focus) if focus else set()
        lower_words = frozenset(re.findall(r"\b[a-z][\w'’-]*", texts[article_id]))
        for c in candidates:
            place = _resolve(c, focus, neighbours, gaz, lower_words)
            if place is None:
                continue
            if place["method"] == "unresolved" and geocoder is not None:
                place = _online(geocoder, c.text, focus) or place
            filed = c.sentence.sentence_id == 0 and c.start < dateline_end(c.sentence.text)
            rows.append({**c.sentence.provenance(c.start, c.end), **place,
                         "kind": "dateline" if filed else c.kind,
                         "needs_review": place.get("needs_review", False),
                         "suggestions": place.get("suggestions", "")})
    out = frame(rows, PLACE_COLUMNS)
    for column in ("lat", "lon", "confidence"):
        out[column] = out[column].astype("float64")
    out["geonameid"] = out["geonameid"].astype("Int64")
    out["geo_precision"] = out["geo_precision"].astype("Int64")
    out["needs_review"] = out["needs_review"].astype(bool)
    return out


def _online(geocoder, name: str, focus: str | None) -> dict | None:
    query = {"query": name, "exactly_one": True}
    if focus:
        query["country_codes"] = [focus.lower()]
    location = geocoder.geocode(**query)
    if location is None:
        return None
    return {"name": location.address.split(",")[0], "geonameid": None,
            "lat": location.latitude, "lon": location.longitude, "country_code": focus or "",
            "admin1": "", "feature": "", "geo_precision": 2, "method": "online",
            "confidence": 0.5, "needs_review": True, "suggestions": location.address}


def unresolved(places: pd.DataFrame) -> pd.DataFrame:
    """The mentions to check by hand: unresolved names and fuzzy matches, with suggestions.

    >>> unresolved(geoparse(load_articles("seeds")))  # doctest: +SKIP
    """
    flagged = places[places["needs_review"].astype(bool)]
    return flagged[PROVENANCE + ["name", "method", "confidence", "suggestions"]].reset_index(
        drop=True)
