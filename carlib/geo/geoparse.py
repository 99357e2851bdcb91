"""Step 4 — find every place an article names, decide once what the article is about, and
resolve each place offline.

``geolocate(articles, tags)`` returns a :class:`Geography`: ``places`` (one row per place
mention) and ``focus`` (one row per article: ``article_id, focus_country, neighbours,
evidence``); ``geoparse`` returns the places alone. Every later step reads these: the focus
and each place's relation to its sentence are decided here and nowhere else.

=================  ===========================================================================
provenance         ``article_id, sentence_id, start, end, quote``
name, geonameid    the resolved place (GeoNames, a region, the supplement's name, or the name
                   as written when no source knows it)
lat, lon           its point; empty for countries, regions and places no source locates
country_code       ISO 3166-1 alpha-2
admin1, admin2     the names of its first- and second-level regions
feature            country, admin1, admin2, region, city, town, village, neighbourhood, camp,
                   site
geo_precision      ACLED's 1 = the named place, 2 = near it or approximate, 3 = a region or the
                   country
confidence         0-1: how sure the resolution is
method             exact (GeoNames' main name), alternate (an alternate name), folded (after
                   folding accents and case), supplement (the curated CSV), fuzzy (a near miss:
                   check it), region (an area the gazetteer lacks), direction (``the
                   northwest``), site (a named site or road at the town its name holds),
                   offset (``30 km north of Bria``: a point that far from the town), quarter
                   (``Beni's Beu district``, ``the Rwangoma neighbourhood``: a part of a
                   town, at the town's point), online
                   (the optional geocoder), unresolved (recognised, not located)
kind               name, adjective (``Chadian``), capital (``the capital``), region (a
                   direction phrase), same (``the same region``: the article's last place of
                   that kind) or dateline (``ABUJA, June 14 (Reuters) -``)
relation           how the sentence relates to it: at, near, to (a destination), from (an
                   origin), speaker (``told AFP from Bria``), home (``the mayor of
                   Ndim``, ``based in Mora``: not where an event happened), dateline, or
                   empty
needs_review       True for fuzzy matches, far namesakes and unresolved names
suggestions        for those, the nearest gazetteer names (``Baoro (CF) 0.80; ...``)
=================  ===========================================================================

How spans become candidates is :mod:`carlib.geo.recognise`, how the focus is decided
:mod:`carlib.geo.focus`, how a candidate becomes a place :mod:`carlib.geo.resolve`.
An unknown place followed by ``, about 30 km north of Bria`` is put at that distance and
direction from Bria (precision 2), or at Bria itself when no direction is given and it is
close; ``near`` is then the relation of Bria in that sentence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from ..lexicon import cues
from ..tagging import Tags, tag_corpus
from ..tagging.spans import PROVENANCE, frame, iter_sentences
from .focus import FOCUS_COLUMNS, Focus, article_focus, focus_table
from .gazetteer import Gazetteer, _region_keys, fold
from .place import Place
from .recognise import Candidate, candidates, patterns
from .resolve import resolve

__all__ = ["geoparse", "geolocate", "Geography", "unresolved", "place_counts",
           "locate_figures", "PLACE_COLUMNS", "FOCUS_COLUMNS", "WHERE_KINDS"]

# the kinds of place mention that may say where something happened (not an adjective,
# ``Chadian``, nor a dateline)
WHERE_KINDS = ("name", "capital", "region", "same")
PLACE_COLUMNS = PROVENANCE + ["name", "geonameid", "lat", "lon", "country_code", "admin1",
                              "admin2", "feature", "geo_precision", "confidence", "method",
                              "kind", "relation", "needs_review", "suggestions"]
_NEAR_ENOUGH_KM = 30  # an unknown place this close to a named town takes the town's point
_OFFSET_KM = 5  # with a direction given, a place this far or more is put that far that way
_KM_PER_DEGREE = 111.0
_MILES = 1.609


@dataclass
class Geography:
    """The geo step's decisions: every place mention, and each article's focus."""

    places: pd.DataFrame
    focus: pd.DataFrame


def _spans_by_sentence(table: pd.DataFrame, sents: pd.DataFrame) -> dict[tuple, list[tuple]]:
    """(article, sentence) -> spans (sentence offsets) of mentions or dates already tagged."""
    starts = dict(zip(zip(sents["article_id"], sents["sentence_id"]), sents["start"]))
    spans: dict[tuple, list[tuple]] = {}
    for article_id, sentence_id, start, end in zip(table["article_id"], table["sentence_id"],
                                                   table["start"], table["end"]):
        offset = starts[(article_id, sentence_id)]
        spans.setdefault((article_id, sentence_id), []).append((start - offset, end - offset))
    return spans


def _distance_km(text: str) -> float | None:
    number = re.search(r"[\d][\d,.]*", text)
    if number is None:
        return None
    value = float(number.group().replace(",", ""))
    return value * (_MILES if re.search(r"\bmile", text, re.I) else 1.0)


_BEARINGS = {"north": 0, "north-east": 45, "east": 90, "south-east": 135, "south": 180,
             "south-west": 225, "west": 270, "north-west": 315}


def _offset(c: Candidate, place: Place, resolved: list[tuple[Candidate, Place]], p) -> Place:
    """An unknown place followed by ``, 30 km north of Bria``: placed from Bria."""
    m = p.offset_after.match(c.sentence.text, c.end)
    if m is None or place.point is not None:
        return place
    anchor = next(((ac, ap) for ac, ap in resolved if ac.sentence is c.sentence
                   and ac.start == m.end() and ap.point is not None), None)
    km = _distance_km(m.group("distance"))
    if anchor is None or km is None:
        return place
    (_, town), written = anchor, (m.group("dir") or "").lower()
    direction = (cues("direction").value(written) or {}).get("value", "") if written else ""
    lat, lon = town.point
    if direction in _BEARINGS and km >= _OFFSET_KM:
        bearing = math.radians(_BEARINGS[direction])
        lat += km * math.cos(bearing) / _KM_PER_DEGREE
        lon += km * math.sin(bearing) / (_KM_PER_DEGREE * max(0.2, math.cos(math.radians(lat))))
        how = f"{km:g} km {direction} of {town.name} (computed)"
    elif km <= _NEAR_ENOUGH_KM:
        how = f"{km:g} km from {town.name}: at {town.name}'s point"
    else:
        return place.with_(suggestions=f"{km:g} km from {town.name}; " + place.suggestions)
    return place.with_(lat=round(lat, 5), lon=round(lon, 5), country_code=town.country_code,
                       admin1=town.admin1, geo_precision=2, method="offset",
                       confidence=0.5, suggestions=how)


def geolocate(articles: pd.DataFrame, tags: Tags | None = None,
              gazetteer: Gazetteer | None = None, geocoder=None) -> Geography:
    """Every place mention resolved offline, and each article's focus (tables above).

    ``tags`` (from ``carlib.tag_corpus``) is reused when given; ``geocoder`` is an optional
    geopy geocoder (see ``carlib.geo.geocoders``) tried for names the gazetteer lacks.

    >>> geo = geolocate(load_articles("seeds"))  # doctest: +SKIP
    >>> geo.focus[["article_id", "focus_country"]]  # doctest: +SKIP
    """
    tags = tags or tag_corpus(articles)
    gaz = gazetteer or Gazetteer.load()
    grammar = patterns(gaz)
    mentions = tags.mentions
    people = mentions[mentions["kind"] == "person"]
    actors = _spans_by_sentence(mentions[mentions["kind"] == "actor"], tags.sentences)
    blocked = _spans_by_sentence(pd.concat([people[PROVENANCE], tags.dates[PROVENANCE]]),
                                 tags.sentences)
    actor_labels = mentions[mentions["kind"] == "actor"].groupby("article_id")["label"].apply(list)
    texts = dict(zip(articles["article_id"], articles["text"]))
    by_article: dict[str, list[Candidate]] = {}
    for sentence in iter_sentences(articles, tags.sentences):
        key = (sentence.article_id, sentence.sentence_id)
        by_article.setdefault(sentence.article_id, []).extend(candidates(
            sentence, blocked.get(key, []), actors.get(key, []), gaz, grammar))
    rows, decided = [], {}
    for article_id in articles["article_id"]:
        found = by_article.get(article_id, [])
        focus = decided[article_id] = article_focus(found, actor_labels.get(article_id, []),
                                                    gaz)
        named = {q.country_code for c in found for q in (c.places or gaz.lookup(c.name))
                 if q.feature == "country" and c.kind in ("name", "dateline")}
        lower_words = frozenset(re.findall(r"\b[a-z][\w'’-]*", texts[article_id]))
        resolved: list[tuple[Candidate, Place]] = []
        for c in found:
            place = _same_as(c, resolved) if c.kind == "same" else resolve(
                c, focus, named, gaz, grammar, lower_words)
            if place is not None:
                resolved.append((c, place))
        same, quarters, done = _one_spelling(resolved), {}, []
        for c, place in resolved:
            place = _offset(c, same.get(id(place), place), resolved, grammar)
            place = quarters.get(fold(c.name)) or _quarter(c, place, done, grammar)
            if place.method == "quarter":
                quarters[fold(c.name)] = place
            done.append((c, place))
            if place.method == "unresolved" and geocoder is not None:
                place = _online(geocoder, c.name, focus) or place
            rows.append({**c.sentence.provenance(c.start, c.end), **_row(place),
                         "kind": c.kind, "relation": c.relation})
    out = frame(rows, PLACE_COLUMNS)
    for column in ("lat", "lon", "confidence"):
        out[column] = out[column].astype("float64")
    for column in ("geonameid", "geo_precision"):
        out[column] = out[column].astype("Int64")
    out["needs_review"] = out["needs_review"].astype(bool)
    return Geography(out, focus_table(decided))


_TOWNS = ("city", "town", "village")
_PARTS = ("neighbourhood", "camp", "site")


def _quarter(c: Candidate, place: Place, before: list[tuple[Candidate, Place]],
             p) -> Place:
    """A part of a town: ``Beni's Beu district`` (of the town before the possessive) or ``the
    Rwangoma neighbourhood`` that no source locates (of the last town the article named), at
    that town's point, approximately; not a namesake elsewhere. A part the gazetteer knows
    (``PK5``) keeps its own point."""
    text = c.sentence.text
    quarter = bool(p.quarter_after.match(text, c.end))
    owner = next((town for b, town in before if b.sentence is c.sentence
                  and p.possessive_gap.fullmatch(text, b.end, c.start)), None)
    if owner is not None and owner.feature in _TOWNS and owner.point is not None and (
            quarter or c.generic == "admin_unit"):
        town = owner
    elif quarter and place.point is None:
        town = next((t for b, t in reversed(before) if t.feature in _TOWNS
                     and t.point is not None and not t.needs_review), None)
    else:
        return place
    if town is None or (place.feature in _PARTS and place.point is not None
                        and place.country_code == town.country_code):
        return place
    return Place(c.name, town.country_code, lat=town.lat, lon=town.lon, feature="neighbourhood",
                 admin1=town.admin1, admin2=town.admin2, geo_precision=2, source="text",
                 method="quarter", confidence=0.6,
                 suggestions=f"a part of {town.name}: at its point")


def _same_as(c: Candidate, resolved: list[tuple[Candidate, Place]]) -> Place | None:
    """``the same region``, ``the same town``: the place of that kind (a region, or a
    settlement) the article named last before it."""
    noun = c.generic_word.lower()
    area = noun in cues("admin_unit") or noun in cues("region_noun")
    for before, place in reversed(resolved):
        if place.feature != "country" and before.kind not in ("same", "dateline") \
                and place.is_area == area:
            return place.with_(confidence=0.6)
    return None


def _one_spelling(resolved: list[tuple[Candidate, Place]]) -> dict[int, Place]:
    """Places no source knows, written several ways in one article (``Wuror``, ``Wurror
    County``, ``Uror``; ``Thiem`` and ``Theim``): one place, named as first written
    (``rapidfuzz`` similarity >= 0.85 of their keys without generic words, or one edit, a
    transposition included, in five letters or more)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    first: list[tuple[str, Place]] = []
    out: dict[int, Place] = {}
    for _, place in resolved:
        if place.source != "text" or place.feature == "region":
            continue
        key = min(_region_keys(place.name), key=len)
        match = next((p for k, p in first if fuzz.ratio(k, key) >= 85 or (
            min(len(k), len(key)) >= 5 and OSA.distance(k, key) <= 1)), None)
        if match is None:
            first.append((key, place))
        else:
            out[id(place)] = match
    return out


def _row(place: Place) -> dict:
    values = place.as_dict()
    return {k: values[k] for k in PLACE_COLUMNS if k in values}


def geoparse(articles: pd.DataFrame, tags: Tags | None = None,
             gazetteer: Gazetteer | None = None, geocoder=None) -> pd.DataFrame:
    """One row per place mention, resolved offline (the places of :func:`geolocate`).

    >>> places = geoparse(load_articles("seeds"))  # doctest: +SKIP
    >>> places[["quote", "name", "lat", "lon", "method"]].head(3)  # doctest: +SKIP
    """
    return geolocate(articles, tags, gazetteer, geocoder).places


def _online(geocoder, name: str, focus: Focus) -> Place | None:
    query = {"query": name, "exactly_one": True}
    if focus.country:
        query["country_codes"] = [focus.country.lower()]
    location = geocoder.geocode(**query)
    if location is None:
        return None
    return Place(location.address.split(",")[0], focus.country or "", lat=location.latitude,
                 lon=location.longitude, geo_precision=2, source="online", method="online",
                 confidence=0.5, needs_review=True, suggestions=location.address)


def unresolved(places: pd.DataFrame) -> pd.DataFrame:
    """The mentions to check by hand: unresolved names, near misses and far namesakes, with
    suggestions.

    >>> unresolved(geoparse(load_articles("seeds")))  # doctest: +SKIP
    """
    flagged = places[places["needs_review"].astype(bool)]
    return flagged[PROVENANCE + ["name", "country_code", "method", "confidence",
                                 "suggestions"]].reset_index(drop=True)


def place_counts(places: pd.DataFrame) -> pd.DataFrame:
    """How often each named place is mentioned and in how many articles, most first.

    >>> place_counts(geoparse(load_articles("seeds"))).head(3)  # doctest: +SKIP
    """
    named = places[places["kind"].isin(["name", "dateline"])]
    grouped = named.groupby(["name", "country_code", "feature"], dropna=False)
    out = grouped.agg(mentions=("quote", "size"), articles=("article_id", "nunique"),
                      lat=("lat", "first"), lon=("lon", "first"),
                      geo_precision=("geo_precision", "first")).reset_index()
    return out.sort_values(["mentions", "articles", "name"],
                           ascending=[False, False, True]).reset_index(drop=True)


def locate_figures(figures: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """The figures table with the place each figure's sentence names where it happened:
    ``place, place_country, place_lat, place_lon`` (the nearest place mention in the sentence
    that is at or near the event, not a destination, an origin, a speaker or a dateline).

    >>> located = locate_figures(tags.figures, geoparse(articles, tags))  # doctest: +SKIP
    """
    usable = places[places["relation"].isin(["at", "near", ""])
                    & places["kind"].isin(WHERE_KINDS)]
    by_sentence: dict[tuple, list[tuple]] = {}
    for row in zip(usable["article_id"], usable["sentence_id"], usable["start"], usable["name"],
                   usable["country_code"], usable["lat"], usable["lon"]):
        by_sentence.setdefault(row[:2], []).append(row[2:])
    chosen = []
    for article_id, sentence_id, start in zip(figures["article_id"], figures["sentence_id"],
                                              figures["start"]):
        found = by_sentence.get((article_id, sentence_id))
        if found is None:
            chosen.append(("", "", float("nan"), float("nan")))
            continue
        chosen.append(min(found, key=lambda p: abs(p[0] - start))[1:])  # first of the nearest
    located = figures.copy()
    located[["place", "place_country", "place_lat", "place_lon"]] = pd.DataFrame(
        chosen, index=figures.index, columns=["place", "place_country", "place_lat",
                                              "place_lon"]) if len(figures) else pd.DataFrame(
        columns=["place", "place_country", "place_lat", "place_lon"])
    for column in ("place_lat", "place_lon"):
        located[column] = located[column].astype("float64")
    return located
