"""Step 5 — incidents: what happened where, when, done by whom to whom, how many dead, who says so.

``extract_incidents(articles)`` returns one row per incident, in a schema close to ACLED's:

=====================  ======================================================================
incident_id            ``INC-0001`` ... (stable for a given corpus)
event_date             the day, week or month the event happened (``datetime64``)
time_precision         ACLED's 1 = day, 2 = week or a few days, 3 = month (or only the
                       publication date is known)
event_type,            ACLED's types, from the event words (``carlib/lexicons/incident_cues.csv``)
sub_event_type
actor1, actor2         perpetrator and target (``anti-balaka`` / ``Muslim civilians``)
location, admin1,      the place (``carlib.geoparse``), its GeoNames admin1 code and country
country
latitude, longitude    its point (empty for a country or a place no source locates)
geo_precision          1 = the town, 2 = near it or a place named in an earlier sentence,
                       3 = a region or the country
fatalities             the most conservative count of the dead (``dozens`` -> 12); empty if
                       unknown; shared evenly when one sentence reports several places
fatalities_qualifier   the figure's qualifier (exact, about, almost, at_least, vague ...), or
                       ``unknown``
source, reported       outlets (``; ``-joined) and the first publication date
notes                  a one-line summary built from the text
sources, n_sources     how many articles report it; ``reports`` lists each report
                       (``outlet, reported, article_id, sentence_id, start, end, quote``)
provenance             ``article_id, sentence_id, start, end, quote`` of the first report
=====================  ======================================================================

How a sentence becomes an incident: an event word (``killed``, ``lynchings``, ``looted``,
``most have fled``...) not hedged before it in its sentence (``failed to prevent``,
``could``, ``include``), at a place named in the sentence (every town of a list, one incident
each; a foreign country after ``to``/``into`` is a destination, not the place), else at the
place named in one of the two sentences before it in the same paragraph (geo_precision + 1).
The perpetrator is the armed group, force or crowd named in the sentence (else in the
sentence before); the date is the sentence's own date, else the publication date with
time_precision 3. Reports of the same event in different articles (same place, same event
type, overlapping dates) are merged, keeping the lowest fatality count and every quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .geo.geoparse import geolocate
from .lexicon import Phrases, cues
from .tagging import Tags, tag_corpus
from .tagging.spans import PROVENANCE

__all__ = ["extract_incidents", "INCIDENT_COLUMNS"]

INCIDENT_COLUMNS = [
    "incident_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "actor2", "location", "admin1", "country", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_qualifier", "source", "reported", "notes", "sources", "n_sources",
    "reports", *PROVENANCE]
_PERPETRATOR_TYPES = {"armed_group", "state_force", "foreign_force", "peacekeepers"}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_LOOKBACK = 2  # sentences before an event where its place may be named
_SPREAD = {1: pd.Timedelta(0), 2: pd.Timedelta(days=3), 3: pd.Timedelta(days=15)}


@dataclass(frozen=True)
class _Cues:
    events: Phrases  # value: the lexicon row (event_type, sub_event_type, label)
    perpetrators: Phrases
    targets: Phrases
    hedges: Phrases
    totals: Phrases


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    def of(kind: str, case: str = "any") -> Phrases:
        return Phrases.from_lexicon("incident_cues", kind=kind, case=case)

    return _Cues(events=of("event"), perpetrators=of("perpetrator"),
                 targets=of("target", "exact"), hedges=of("hedge"), totals=of("total"))


def _event_type(trigger: str) -> tuple[str, str, str]:
    row = _cues().events.value(trigger)
    return row["event_type"], row["sub_event_type"], row["label"]


def _perpetrator(sentence: str, trigger: re.Match, actors: list[dict], offset: int,
                 before: list[dict]) -> tuple[str, str]:
    """(label, group) of who did it: the armed actor or crowd named nearest before the event
    word, else one named after it, else an armed actor of the sentence before. An actor that
    speaks (``the UN mission said``) is a source, not a perpetrator; ``Boko Haram militants``
    is Boko Haram."""
    armed = [a for a in actors if a["type"] in _PERPETRATOR_TYPES]
    speaks = re.compile(rf"\s*(?:[\w'’-]+\s+){{0,2}}?(?:{cues('speech_verb').regex})\b")
    named = [(a["start"] - offset, a["label"], a["organisation"] or a["label"]) for a in armed
             if not speaks.match(sentence, a["end"] - offset)]
    ends = [a["end"] - offset for a in actors]
    named += [(m.start(), _cues().perpetrators.value(m.group())["label"], "")
              for m in _cues().perpetrators.finditer(sentence)
              if not any(0 <= m.start() - end <= 2 for end in ends)]
    earlier = [n for n in named if n[0] < trigger.start()]
    later = [n for n in named if n[0] >= trigger.start()]
    if earlier or later:
        _, label, group = max(earlier) if earlier else min(later)
        return label, group or label
    previous = [a for a in before if a["kind"] == "actor" and a["type"] in _PERPETRATOR_TYPES]
    if previous:
        return previous[-1]["label"], previous[-1]["organisation"] or previous[-1]["label"]
    return "", ""


def _target(sentence: str) -> str:
    found = _cues().targets.search(sentence)
    return _cues().targets.value(found.group())["label"] if found else ""


def _event_places(sentence_places: list[dict], sentence: str, offset: int, focus: str,
                  whole_country: dict | None) -> list[dict]:
    """Places an event in this sentence happened at: towns first, else a region or country.

    Not the speaker's location (``told IPS from Bozoum``), not a place the event is outside
    of, not a foreign destination (``the highway to Cameroon``: then the focus country), not a
    guess flagged for review; ``near``/``north of`` a town is geo_precision 2.
    """
    usable, destination = [], False
    for place in sentence_places:
        if place["kind"] not in ("name", "capital", "region") or place["method"] == "unresolved":
            continue
        if place["relation"] in ("speaker", "from", "dateline"):
            continue
        if place["feature"] == "country" and place["country_code"] != focus and \
                place["relation"] == "to":
            destination = True
            continue
        if place["needs_review"] or pd.isna(place["geo_precision"]):
            continue
        if place["relation"] == "near":  # "north of Bunia", "near Gao": not the town itself
            place = {**place, "geo_precision": max(2, int(place["geo_precision"]))}
        usable.append(place)
    usable = list({p["name"]: p for p in reversed(usable)}.values())[::-1]  # first of each
    towns = [p for p in usable if p["feature"] not in ("country", "region")]
    if towns:
        return _most_specific(towns)
    regions = [p for p in usable if p["feature"] == "region"]
    if regions:
        return regions[:1]
    if not usable and destination and whole_country is not None:
        return [{**whole_country, "kind": "name"}]
    return usable[:1]


def _most_specific(towns: list[dict]) -> list[dict]:
    """Drop a city when a neighbourhood or facility of it is named too (PK5 in Bangui)."""
    parts = [p for p in towns if p["feature"] in ("neighbourhood", "facility")
             and pd.notna(p["lat"])]
    return [t for t in towns if not (
        t["feature"] in ("city", "town", "village") and pd.notna(t["lat"]) and any(
            abs(t["lat"] - p["lat"]) < 0.15 and abs(t["lon"] - p["lon"]) < 0.15 for p in parts))]


def _when(dates: list[dict], published: pd.Timestamp, precision: object
          ) -> tuple[pd.Timestamp, int]:
    """The event's date and ACLED time precision: the sentence's first resolved date that is
    not after publication (a span of days is precision 2), else the publication date (3)."""
    published = pd.to_datetime(published, errors="coerce")
    last_day = published
    if pd.notna(published) and precision in ("month", "year"):
        last_day = (published + (pd.offsets.MonthEnd(0) if precision == "month"
                                 else pd.offsets.YearEnd(0)))
    for row in (d for d in dates if d["resolved"]):
        start, end = row["date_start"], row["date_end"]
        day = start if pd.notna(start) else end
        time_precision = _TIME_PRECISION[row["precision"]]
        if pd.isna(start):  # "in recent days": only the end is known
            time_precision = max(time_precision, 2)
        elif time_precision == 1 and pd.notna(end) and end > start:
            time_precision = 2  # "between 1 and 5 March"
        if pd.isna(last_day) or day <= last_day:
            return day, time_precision
    return published, 3


def _deaths(figures: list[dict], n_places: int) -> tuple[float, str]:
    killed = [f for f in figures if f["category"] == "killed"]
    if not killed:
        return float("nan"), "unknown"
    row = killed[0]
    count = next((v for v in (row["value"], row["low"], row["high"]) if pd.notna(v)),
                 float("nan"))
    return float(count // n_places if n_places > 1 else count), row["qualifier"]


def _reports(articles: pd.DataFrame, tags: Tags, places: pd.DataFrame, focus: pd.DataFrame
             ) -> list[dict]:
    """One report per (event sentence, place)."""
    meta = articles.set_index("article_id").reindex(
        columns=["outlet", "published", "published_precision"]).fillna({"outlet": "unknown"})
    tables = {"mentions": tags.mentions, "dates": tags.dates, "figures": tags.figures,
              "places": places}
    by_sentence: dict[str, dict[tuple, list[dict]]] = {name: {} for name in tables}
    for name, table in tables.items():
        for record in table.to_dict("records"):
            by_sentence[name].setdefault((record["article_id"], record["sentence_id"]),
                                         []).append(record)
    sentence_rows = {(s.article_id, s.sentence_id): s
                     for s in tags.sentences.itertuples(index=False)}
    focus_of = dict(zip(focus["article_id"], focus["focus_country"]))
    countries = places[places["feature"] == "country"]
    whole_of = {(a, c): row for a, c, row in zip(countries["article_id"],
                                                  countries["country_code"],
                                                  countries.to_dict("records"))
                if row["relation"] != "to"}
    reports = []
    for s in sentence_rows.values():
        def get(name: str, sentence_id: int = s.sentence_id) -> list[dict]:
            return by_sentence[name].get((s.article_id, sentence_id), [])

        trigger = next((m for m in _cues().events.finditer(s.quote)
                        if not _cues().hedges.search(s.quote[: m.start()])), None)
        if trigger is None or _cues().totals.search(s.quote):
            continue
        code = focus_of.get(s.article_id, "")
        whole = whole_of.get((s.article_id, code))
        where, lowered = _event_places(get("places"), s.quote, s.start, code, whole), 0
        for back in range(1, _LOOKBACK + 1):
            earlier = sentence_rows.get((s.article_id, s.sentence_id - back))
            if where or earlier is None or earlier.paragraph_id != s.paragraph_id:
                break
            where = _event_places(get("places", earlier.sentence_id), earlier.quote,
                                  earlier.start, code, None)[:1]
            lowered = 1
        if not where and whole is not None:  # no place said: the country the article is about
            where, lowered = [{**whole, "geo_precision": 3}], 0
        if not where:
            continue
        event_type, sub_type, label = _event_type(trigger.group())
        actors = [m for m in get("mentions") if m["kind"] == "actor"]
        actor1, group = _perpetrator(s.quote, trigger, actors, s.start,
                                     get("mentions", s.sentence_id - 1))
        if actor1 == "crowd":
            event_type, sub_type = "Riots", "Mob violence"
        actor2 = _target(s.quote)
        dates = get("dates")
        # the dateline says when the story was filed, not when the event happened
        dates = [d for d in dates if not s.dateline_start <= d["start"] - s.start
                 < s.dateline_end]
        day, time_precision = _when(dates, meta.at[s.article_id, "published"],
                                    meta.at[s.article_id, "published_precision"])
        deaths, qualifier = _deaths(get("figures"), len(where))
        for place in where:
            reports.append({
                "event_date": day, "time_precision": time_precision, "event_type": event_type,
                "sub_event_type": sub_type, "actor1": actor1, "group": group, "actor2": actor2,
                "location": place["name"], "admin1": place["admin1"],
                "country": place["country_code"], "latitude": place["lat"],
                "longitude": place["lon"], "feature": place["feature"],
                "geo_precision": min(3, int(place["geo_precision"]) + lowered),
                "fatalities": deaths, "fatalities_qualifier": qualifier,
                "source": meta.at[s.article_id, "outlet"],
                "reported": meta.at[s.article_id, "published"],
                "notes": _note(label, actor1, actor2, place["name"], deaths, qualifier),
                "article_id": s.article_id, "sentence_id": s.sentence_id, "start": s.start,
                "end": s.end, "quote": s.quote})
    return reports


def _note(label: str, actor1: str, actor2: str, location: str, deaths: float,
          qualifier: str) -> str:
    who = actor1 or "unidentified perpetrators"
    whom = f" against {actor2}" if actor2 else ""
    dead = "" if pd.isna(deaths) else f"; {int(deaths)} killed ({qualifier})"
    return f"{label.capitalize()} by {who}{whom} in {location}{dead}"


def _span(report: dict) -> tuple[pd.Timestamp, pd.Timestamp]:
    day, spread = report["event_date"], _SPREAD[report["time_precision"]]
    if report["time_precision"] == 3 and pd.notna(day):
        start = day.replace(day=1)
        return start, start + pd.offsets.MonthEnd(0)
    return day - spread, day + spread


def _same_event(a: dict, b: dict) -> bool:
    """Different articles, same type, same place (or one only names the country and both name
    the same group), compatible perpetrators (same group, or one unnamed), overlapping dates."""
    if a["article_id"] == b["article_id"] or a["event_type"] != b["event_type"]:
        return False
    if a["group"] and b["group"] and a["group"] != b["group"]:
        return False
    # a report that only names the country may join a town's, if both name the same group
    country_level = "country" in (a["feature"], b["feature"]) and a["group"] == b["group"] != ""
    if a["country"] != b["country"] or (a["location"] != b["location"] and not country_level):
        return False
    if pd.isna(a["event_date"]) or pd.isna(b["event_date"]):
        return False
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return a0 <= b1 and b0 <= a1


def _merge(group: list[dict], number: int) -> dict:
    """One incident from its reports: the most precise place and date, the lowest count."""
    best_place = min(group, key=lambda r: r["geo_precision"])
    best_time = min(group, key=lambda r: r["time_precision"])
    counted = [r for r in group if pd.notna(r["fatalities"])]
    fewest = min(counted, key=lambda r: r["fatalities"]) if counted else group[0]
    first = min(group, key=lambda r: (r["reported"] if pd.notna(r["reported"])
                                      else pd.Timestamp.max))
    named = [r["actor1"] for r in group if r["actor1"]]
    outlets = list(dict.fromkeys(r["source"] for r in group))
    return {
        "incident_id": f"INC-{number:04d}",
        "event_date": best_time["event_date"], "time_precision": best_time["time_precision"],
        "event_type": group[0]["event_type"], "sub_event_type": group[0]["sub_event_type"],
        "actor1": named[0] if named else "", "actor2": group[0]["actor2"],
        **{k: best_place[k] for k in ("location", "admin1", "country", "latitude",
                                      "longitude", "geo_precision")},
        "fatalities": fewest["fatalities"], "fatalities_qualifier": fewest["fatalities_qualifier"],
        "source": "; ".join(outlets), "reported": first["reported"], "notes": fewest["notes"],
        "sources": "; ".join(f"{r['source']} ({r['reported']:%Y-%m-%d})"
                             if pd.notna(r["reported"]) else r["source"] for r in group),
        "n_sources": len({r["article_id"] for r in group}),
        "reports": [{k: r[k] for k in ("source", "reported", *PROVENANCE)} for r in group],
        **{k: first[k] for k in PROVENANCE}}


def extract_incidents(articles: pd.DataFrame, tags: Tags | None = None,
                      places: pd.DataFrame | None = None, merge: bool = True,
                      focus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Incidents reported by the articles, merged across articles (columns above).

    ``tags`` (``carlib.tag_corpus``) and ``places`` (``carlib.geoparse``) are reused when given;
    ``merge=False`` keeps one row per report (each with ``n_sources`` 1).

    >>> incidents = extract_incidents(load_articles("seeds"))  # doctest: +SKIP
    >>> incidents[["event_date", "event_type", "location", "fatalities", "source"]]  # doctest: +SKIP
    """
    tags = tags or tag_corpus(articles)
    if places is None or focus is None:  # the geo step decides places and focus
        geography = geolocate(articles, tags)
        places = geography.places if places is None else places
        focus = geography.focus
    groups: list[list[dict]] = []
    by_kind: dict[tuple[str, str], list[list[dict]]] = {}  # only these can be the same event
    for report in sorted(_reports(articles, tags, places, focus),
                         key=lambda r: (r["reported"] if pd.notna(r["reported"])
                                        else pd.Timestamp.max, r["article_id"], r["start"])):
        kin = by_kind.setdefault((report["event_type"], report["country"]), [])
        home = next((g for g in kin if merge and all(_same_event(report, r) for r in g)), None)
        if home is None:
            groups.append([report])
            kin.append(groups[-1])
        else:
            home.append(report)
    out = pd.DataFrame([_merge(g, i) for i, g in enumerate(groups, start=1)],
                       columns=INCIDENT_COLUMNS)
    out["event_date"] = pd.to_datetime(out["event_date"])
    out["reported"] = pd.to_datetime(out["reported"])
    for column in ("latitude", "longitude", "fatalities"):
        out[column] = out[column].astype("float64")
    for column in ("time_precision", "geo_precision", "n_sources", "sentence_id", "start", "end"):
        out[column] = out[column].astype("int64")
    return out
