"""Which place a candidate names, given what the article is about.

Rules, in order (the words they use come from the lexicons):

1. a direction phrase is a region of its country (no point, precision 3); ``the capital`` is
   the focus country's capital; a country word is its country;
2. a name with a generic word after it (``Borno state``, ``Mopti region``) or that is only known
   as an area is that administrative region (precision 3, 2 for a second-level one);
3. a name is resolved in the focus country first, then in the countries the article itself
   names and the focus's neighbours; a namesake anywhere else is taken only when a context cue
   says it is a place, and then flagged ``needs_review`` (it never places an incident);
4. a word that is also common (``ambiguous_places.csv``, or written in lower case in the same
   article) needs a strong cue (``the town of``) unless it is in the focus country;
5. a cue-backed name that the gazetteer does not know is kept: as a near miss (``fuzzy``,
   flagged) or ``unresolved``, with suggestions from the focus country and its neighbours; a
   named site or road takes the point of the town its name holds (``the Bambari-Ippy road``).
"""

from __future__ import annotations

from ..lexicon import cues
from ..profile import profile
from .countries import country_name
from .focus import Focus
from .gazetteer import Gazetteer, fold
from .place import Place
from .recognise import Candidate, Patterns, ambiguous

__all__ = ["resolve"]

_FAR_CITY = 100_000  # a namesake outside the article's countries must be a city at least


def _common_word(word: str, lower_words: frozenset[str]) -> bool:
    """Listed as ambiguous, or a single word the article also writes in lower case."""
    return ambiguous(word) or (" " not in word and word.lower() in lower_words)


def _best(places: list[Place]) -> Place:
    return min(places, key=lambda p: (p.is_area, p.source != "supplement",
                                      p.method not in ("exact", "supplement"),
                                      -(p.population or 0)))


def _direction_only(name: str) -> bool:
    return all(w in cues("direction") for w in name.replace("-", " ").split())


def resolve(c: Candidate, focus: Focus, named: set[str], gaz: Gazetteer, p: Patterns,
            lower_words: frozenset[str]) -> Place | None:
    """The place of one candidate, or None when it is not a place mention at all.

    ``named``: the countries the article names; ``lower_words``: its lower-case words. A
    place in a country that is neither the focus, a neighbour nor named in the article
    (``Nairobi`` in a story on Sudan) is kept but flagged for review, so it never places an
    incident unchecked; a dateline, where the story was filed, is not.
    """
    place = _resolve(c, focus, named, gaz, p, lower_words)
    if place is None or place.needs_review or place.feature == "country" or c.kind == "dateline" \
            or not focus.country or place.country_code in focus.neighbours | named | {
                focus.country, ""}:
        return place
    return place.with_(needs_review=True, suggestions=_ABROAD + (
        f"; {place.suggestions}" if place.suggestions else ""))


def _resolve(c: Candidate, focus: Focus, named: set[str], gaz: Gazetteer, p: Patterns,
             lower_words: frozenset[str]) -> Place | None:
    if c.kind == "region":
        return _region(c, focus, gaz, p)
    if c.kind == "capital":
        code = c.of_country or focus.country
        capital = gaz.capital(code) if code else None
        return capital.with_(confidence=0.7) if capital else None
    if c.kind == "adjective":
        return c.places[0].with_(confidence=0.9)
    if c.places and c.places[0].feature == "country":
        return c.places[0].with_(confidence=0.95)
    word = c.name
    places = c.places or gaz.lookup(word)
    countries = [q for q in places if q.feature == "country"]
    if countries and not c.lead:
        return countries[0].with_(confidence=0.9)
    places = [q for q in places if q.feature != "country"]
    home, near = {focus.country} - {None}, (focus.neighbours | named) - {focus.country}
    if c.generic == "admin_unit" or (places and all(q.is_area for q in places)):
        return _area(c, places, home, near)
    if c.generic in ("facility_noun", "road_noun") or c.lead:
        return _site(c, places, home, near, gaz)
    if _direction_only(word):
        places = [q for q in places if q.country_code in home]
    common = _common_word(word, lower_words)
    strong = bool(p.strong_cue.search(c.sentence.text, max(0, c.start - 40), c.start))
    if common and not strong:
        trusted = [q for q in places if q.country_code in home or gaz.is_capital(q)]
        return _best(trusted).with_(confidence=0.6) if trusted and c.cue else None
    in_focus = [q for q in places if q.country_code in home]
    if in_focus:
        best = _best(in_focus)
        return best.with_(confidence=(0.95 if c.cue else 0.85)
                          - (0.05 if best.method in ("alternate", "folded") else 0))
    nearby = [q for q in places if q.country_code in near]
    if nearby:
        ranked = sorted(nearby, key=lambda q: (q.country_code not in named, _rank_key(q)))
        return ranked[0].with_(confidence=0.7 if ranked[0].country_code in named else 0.6)
    curated = [q for q in places if q.source == "supplement"]
    if curated and (c.cue or c.kind == "dateline" or " " in word):
        return _best(curated).with_(confidence=0.8)  # a curated row: Kigali airport
    single_first_word = c.start == 0 and " " not in word and c.kind != "dateline"
    capitals = [q for q in places if gaz.is_capital(q)]
    if capitals and (c.cue or c.kind == "dateline" or not single_first_word):
        return _best(capitals).with_(confidence=0.7)  # a national capital: Dakar, Paris
    if places and (c.cue or c.kind == "dateline") and not single_first_word:
        if focus.country is None:
            return _best(places).with_(confidence=0.5)
        if strong or not (c.kind == "dateline" or max(q.population or 0 for q in places)
                          >= _FAR_CITY):  # "the town of Palma" in a story on Mozambique, or
            # a small namesake far away: an unknown place of the focus country
            return Place(word, focus.country, geo_precision=None, source="text",
                         method="unresolved", confidence=0.0, needs_review=True,
                         suggestions="namesakes elsewhere: " + "; ".join(
                             f"{q.name} ({q.country_code})" for q in places[:3]))
        best = _best(places)  # far from what the article is about: check it
        others = "; ".join(f"{q.name} ({q.country_code})" for q in places if q is not best)
        return best.with_(confidence=0.4, needs_review=True,
                          suggestions=others or "only namesake in the gazetteer")
    if places and max(q.population or 0 for q in places) >= 1_000_000 and not single_first_word:
        return _best(places).with_(confidence=0.5)
    if not places and (c.cue or c.kind == "dateline") and not _adjectival(c, p):
        return _near_miss(c, focus, gaz)
    return None


_MISSPELLING = 0.8  # edit similarity of a misspelt name to the town it means
_ABROAD = "outside the article's focus country, its neighbours and the countries it names"


def _rank_key(place: Place) -> tuple:
    return (place.is_area, place.source != "supplement", -(place.population or 0))


def _adjectival(c: Candidate, p: Patterns) -> bool:
    """``the Catholic mission``: a capitalised adjective before a lower-case noun that is not
    a kind of place (``the Rwangoma neighbourhood`` is a place)."""
    text = c.sentence.text
    return " " not in c.text and text[c.end:c.end + 2][:1] == " " and \
        text[c.end + 1:c.end + 2].islower() and not c.generic and \
        not p.place_noun_after.match(text, c.end) and \
        bool(cues("determiner").before(text, c.start, 6))


def _area(c: Candidate, places: list[Place], home: set[str], near: set[str]) -> Place:
    """An administrative region: the known one in the focus country or next door, else the
    name as a region of the focus country without a point."""
    areas = [q for q in places if q.is_area] or places
    for countries in (home, near):
        chosen = [q for q in areas if q.country_code in countries]
        if chosen:
            best = min(chosen, key=lambda q: (q.feature != "admin1", -(q.population or 0)))
            return best.with_(confidence=0.85)
    name = f"{c.name} {c.generic_word.lower()}".strip() if c.generic else c.name
    code = next(iter(home), "") or (areas[0].country_code if areas else "")
    return Place(name, code, feature="admin1", geo_precision=3, source="text", method="region",
                 confidence=0.5, needs_review=not areas,
                 suggestions="; ".join(f"{q.name} ({q.country_code})" for q in areas[:3]))


def _site(c: Candidate, places: list[Place], home: set[str], near: set[str],
          gaz: Gazetteer) -> Place | None:
    """A named site, road or feature (``Sacred Heart Cathedral``, ``Bambari-Ippy road``,
    ``Lake Chad``): the curated or known one if any, else the name itself, at the point of the
    first town its name holds, approximately (precision 2)."""
    known = [q for q in places if q.country_code in home | near or q.source == "supplement"]
    if known:
        return _best(known).with_(confidence=0.8)
    name = c.name + (f" {c.generic_word}" if c.generic else "")
    for part in c.name.replace("–", "-").split("-"):
        towns = [q for q in gaz.lookup(part.strip(), home | near) if not q.is_area]
        if towns:
            town = _best(towns)
            return Place(name, town.country_code, lat=town.lat, lon=town.lon,
                         feature="site", admin1=town.admin1, admin2=town.admin2, geo_precision=2,
                         source="text", method="site", confidence=0.6,
                         suggestions=f"at {town.name}")
    if c.generic or c.cue or c.lead:
        return Place(name, next(iter(home), ""), feature="site" if c.generic else "",
                     geo_precision=None, source="text", method="unresolved", confidence=0.0,
                     needs_review=True)
    return None


def _edit_similarity(a: str, b: str) -> float:
    """1 - edits / length, a swap of two letters one edit (``Boaro``/``Baoro`` 0.8)."""
    from rapidfuzz.distance import OSA

    return OSA.normalized_similarity(fold(a).casefold(), fold(b).casefold())


def _near_miss(c: Candidate, focus: Focus, gaz: Gazetteer) -> Place:
    """A cue-backed name the gazetteer does not know: a misspelling of a town of the focus
    country (one edit in five letters at most: flagged, at that town), else the name as
    written, unresolved, with the nearest names as suggestions: a near miss in another
    country or two edits away is a different place more often than not."""
    countries = ({focus.country} | focus.neighbours) - {None}
    matches = gaz.fuzzy(c.name, countries, cutoff=0.6) if countries else []
    suggestions = "; ".join(f"{q.name} ({q.country_code}) {s:.2f}" for q, s in matches[:3])
    misspelt = [(q, s) for q, s in matches if q.country_code == focus.country
                and _edit_similarity(c.name, q.name) >= _MISSPELLING]
    if misspelt and len(fold(c.name)) >= 5:  # "Aliando", "Boaro": one slip of a focus town
        place, score = misspelt[0]
        return place.with_(method="fuzzy", confidence=round(0.5 * score, 2), needs_review=True,
                           suggestions=suggestions,
                           geo_precision=max(2, place.geo_precision or 1))
    return Place(c.name, focus.country or next(iter(profile().focus_countries), ""),
                 geo_precision=None, source="text", method="unresolved", confidence=0.0,
                 needs_review=True, suggestions=suggestions)


def _region(c: Candidate, focus: Focus, gaz: Gazetteer, p: Patterns) -> Place:
    """``the western part of the Central African Republic``, ``across the north``: a region
    named by a direction, of the country it names or the focus country."""
    m = p.region.match(c.text)
    written = (m.group("dir") or m.group("dir2") or m.group("dir3")).lower()
    direction = (cues("direction").value(written) or {}).get("value") or written
    code = focus.country or ""
    if m.group("of"):
        known = [q for q in gaz.lookup(m.group("of")) if q.feature == "country"] or \
            gaz.lookup(m.group("of"))
        code = known[0].country_code if known else code
    near_capital = m.group("dir3") is not None
    return Place(f"{direction} of the capital" if near_capital else
                 f"{direction} {country_name(code)}".strip(), code, feature="region",
                 geo_precision=2 if near_capital else 3, source="text", method="direction",
                 confidence=0.6)
