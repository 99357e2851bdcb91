"""Exports: the analysis in the files other tools read (ACLED's CSV, GeoJSON, Excel, Parquet),
every file written atomically.

``export(analysis, folder)`` writes them all and returns their paths:

===========================  ==================================================================
``acled.csv``                the incidents in ACLED's export columns (:func:`to_acled`); read
                             it back with :func:`read_acled` (or ``pd.read_csv``)
``acled_companion.csv``      what ACLED has no column for, keyed by ``event_id_cnty``
                             (:func:`acled_companion`): carlib's id, the figure's qualifier,
                             every report and its quote, provenance, the frame's parts
``incidents.geojson``,       a FeatureCollection of Points, ``[lon, lat]`` (RFC 7946), every
``places.geojson``           column a property (:func:`to_geojson`); rows without a point are
                             left out and counted
``analysis.xlsx``            one sheet per table and a ``README`` sheet of every column's
                             meaning (:func:`to_excel`)
``parquet/<table>.parquet``  one file per table, whole (:func:`to_parquet`)
===========================  ==================================================================

The tables are ``articles, sentences, mentions, dates, figures, places, focus, incidents``.

ACLED's columns, as carlib fills them
-------------------------------------
* ``event_id_cnty``: the country's ISO 3166 alpha-3 code and a 4-digit number counting that
  country's incidents in the table's order (``CAF0001``, ``CAF0002``, ``NGA0001``); ``XXX``
  when the country is unknown. The same incidents give the same ids.
* ``event_date`` ``YYYY-MM-DD``; ``year``; ``time_precision`` 1-3 (ints).
* ``disorder_type`` from the event type, as ACLED's codebook (2023) groups them: Battles,
  Explosions/Remote violence, Violence against civilians and Riots / Mob violence are
  ``Political violence``; Protests and Riots / Violent demonstration are ``Demonstrations``;
  Protests / Excessive force against protesters is ``Political violence; Demonstrations``;
  Strategic developments are ``Strategic developments`` (:data:`DISORDER_TYPES`).
* ``inter1``/``inter2``: ACLED's actor codes (1 State forces, 2 Rebel groups, 3 Political
  militias, 4 Identity militias, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other
  forces; 0 no actor) from the actor's ``type`` in the actors lexicon (label or alias, with or
  without an ACLED ``(Country)`` suffix, the ``Military Forces of {country}`` templates
  included), see :data:`INTER_CODES`: ``state_force``, ``state_force_generic``,
  ``police_generic`` and ``government`` 1; ``armed_group`` 2; ``unidentified`` 3 (ACLED codes
  an ``Unidentified Armed Group`` as a political militia); ``rioters`` 5; ``protesters`` 6;
  ``civilians``, ``people``, ``ngo`` and ``media`` 7 (aid workers and journalists are
  civilians to ACLED); ``foreign_force``, ``peacekeepers``, ``peacekeepers_generic``,
  ``international_org`` and ``court`` 8. A country's forces are 1 at home and 8 abroad (their
  country from the lexicon's ``country`` or ``affiliation``, or the template's name, against
  the incident's country). An actor the lexicon does not know is 3, the code ACLED gives armed
  actors it cannot name, unless its name follows ACLED's conventions (``Protesters (X)`` 6,
  ``Rioters (X)`` 5, ``Civilians (X)`` 7, ``Government of X``/``Police Forces of X`` 1,
  ``... Communal``/``Ethnic``/``Clan Militia`` 4). ``inter=`` overrides any label.
* ``interaction``: the two codes, smaller first (``17``: state forces against civilians);
  ``inter1 * 10`` when there is one actor (``60``: protesters alone); 0 with none.
* ``civilian_targeting``: ``Civilian targeting`` for political violence against civilians
  (``inter2`` 7), else empty.
* ``iso`` ISO 3166 numeric (int, 0 when unknown); ``country`` its name (GeoNames', in ACLED's
  spelling where the two differ: :data:`ACLED_COUNTRY_NAMES`); ``region`` ACLED's region
  (:func:`acled_region`): in Africa the UN M49 sub-regions ACLED uses (``Middle Africa`` for
  CF, TD, CM, CD, CG, GA, GQ, AO, ST; ``Eastern``, ``Western``, ``Northern``, ``Southern
  Africa``), elsewhere ACLED's ``Middle East``, ``South Asia``, ``Southeast Asia``, ``East
  Asia``, ``Caucasus and Central Asia``, ``Europe``, ``North America`` (with Mexico),
  ``Central America``, ``Caribbean``, ``South America``, ``Oceania``, ``Antarctica`` from the
  country and its GeoNames continent; empty when unknown.
* ``admin1``, ``admin2``, ``location`` names as the geo step gives them; ``admin3`` empty;
  ``latitude``/``longitude`` to 4 decimals, empty where nothing locates the incident;
  ``geo_precision`` 1-3.
* ``source`` the outlets; ``source_scale`` and ``tags`` empty; ``notes`` carlib's summary.
* ``fatalities`` int, 0 when unknown (ACLED's convention: the companion's
  ``fatalities_figure`` keeps the difference).
* ``timestamp``: the Unix time (UTC) of the newest report's publication date, so one corpus
  always gives the same file; the export's own time when no report is dated.

Empty text is ``""``, never NaN, so ``read_acled`` gives ACLED's types back. A plain
``pd.read_csv`` infers them from the values, as for any ACLED file: a text column that is empty
in every row (``admin3``, ``source_scale``, ``tags`` here) then reads as ``float64``.

Lists and dicts (the incidents' ``reports``) are JSON text in the CSV companion, in Excel and
in Parquet (each file's schema lists them under ``carlib.json_columns``): ``json.loads`` gives
them back. Excel cells hold at most 32,767 characters: longer texts (whole articles) are cut to
their first 32,767 characters, which keeps the offsets into them valid; the ``README`` sheet
says which were cut, and Parquet keeps them whole.
"""

from __future__ import annotations

import importlib
import json
import logging
import math
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import ExportError, TableError
from .files import atomic_path, write_atomic
from .geo.countries import countries
from .lexicon import cues, lexicon_path, read_lexicon

__all__ = ["ACLED_COLUMNS", "ACLED_DTYPES", "ACLED_COUNTRY_NAMES", "DISORDER_TYPES",
           "INTER_CODES", "FORMATS", "TABLES", "ExportError", "to_acled", "acled_companion",
           "read_acled", "acled_region", "inter_code", "column_meaning", "to_geojson",
           "to_excel", "to_parquet", "export", "export_analysis"]

log = logging.getLogger(__name__)

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp"]
_INT_COLUMNS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso",
                "geo_precision", "fatalities", "timestamp")
_FLOAT_COLUMNS = ("latitude", "longitude")
#: The type of each column of ACLED's CSV export (what :func:`read_acled` reads them as).
ACLED_DTYPES = {c: ("int64" if c in _INT_COLUMNS else "float64" if c in _FLOAT_COLUMNS
                    else "str") for c in ACLED_COLUMNS}

#: (event_type, sub_event_type) -> ACLED's disorder type; ``(event_type, "")`` for the rest.
DISORDER_TYPES = {
    ("Battles", ""): "Political violence",
    ("Explosions/Remote violence", ""): "Political violence",
    ("Violence against civilians", ""): "Political violence",
    ("Protests", ""): "Demonstrations",
    ("Protests", "Excessive force against protesters"): "Political violence; Demonstrations",
    ("Riots", ""): "Demonstrations",
    ("Riots", "Mob violence"): "Political violence",
    ("Strategic developments", ""): "Strategic developments",
}

#: The actors lexicon's ``type`` -> ACLED's inter code.
INTER_CODES = {
    "state_force": 1, "state_force_generic": 1, "police_generic": 1, "government": 1,
    "armed_group": 2, "unidentified": 3, "rioters": 5, "protesters": 6,
    "civilians": 7, "people": 7, "ngo": 7, "media": 7,
    "foreign_force": 8, "peacekeepers": 8, "peacekeepers_generic": 8, "international_org": 8,
    "court": 8,
}
_UNKNOWN_ACTOR = 3  # what ACLED codes armed actors it cannot name
_HOME_TYPES = {"state_force", "state_force_generic", "police_generic", "government",
               "foreign_force"}  # 1 in their own country, 8 elsewhere
# ACLED's generic actor names, for labels the lexicon does not know.
_ACLED_NAMES = [
    (re.compile(r"^(?:Military|Police) Forces of (?P<country>.+)$"), "state_force_generic"),
    (re.compile(r"^Government of (?P<country>.+)$"), "government"),
    (re.compile(r"^(?:Unidentified )?(?:Communal|Ethnic|Clan) Militia\b"), 4),
    (re.compile(r"^Protesters\b"), "protesters"),
    (re.compile(r"^Rioters\b"), "rioters"),
    (re.compile(r"^Civilians\b"), "civilians"),
    (re.compile(r"^Unidentified Armed Group\b"), "unidentified"),
]

#: ACLED's name of a country where it differs from GeoNames'.
ACLED_COUNTRY_NAMES = {"CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
                       "SZ": "eSwatini", "PS": "Palestine", "TL": "East Timor",
                       "CZ": "Czech Republic"}

_M49_AFRICA = {
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
}
_ACLED_ASIA_AMERICAS = {
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "North America": "US CA MX BM GL PM",
    "Central America": "BZ CR SV GT HN NI PA",
}
_CONTINENT_REGION = {"EU": "Europe", "SA": "South America", "OC": "Oceania",
                     "AN": "Antarctica", "NA": "Caribbean"}  # NA: what is left of it

FORMATS = ("acled", "geojson", "xlsx", "parquet")
#: The tables of an analysis, in the order every export writes them.
TABLES = ("articles", "sentences", "mentions", "dates", "figures", "places", "focus",
          "incidents")
_EXCEL_CELL = 32_767  # Excel's limit on the characters of a cell
_EXCEL_ROWS = 1_048_576
_PROVENANCE = ["article_id", "sentence_id", "start", "end", "quote"]


# --------------------------------------------------------------------------- ACLED


@lru_cache(maxsize=1)
def _region_of() -> dict[str, str]:
    out = {}
    for table in (_M49_AFRICA, _ACLED_ASIA_AMERICAS):
        for region, codes in table.items():
            out.update(dict.fromkeys(codes.split(), region))
    return out


def acled_region(code: str) -> str:
    """ACLED's region of an ISO alpha-2 country code (``""`` when unknown).

    >>> acled_region("CF"), acled_region("ng"), acled_region("MX"), acled_region("XX")
    ('Middle Africa', 'Western Africa', 'North America', '')
    """
    code = str(code or "").upper()
    if code in _region_of():
        return _region_of()[code]
    continent = countries().get(code, {}).get("continentcode", "")
    return _CONTINENT_REGION.get(continent, "")


def _country_facts(code: str) -> tuple[str, str, int]:
    """ISO alpha-3, name (ACLED's spelling) and ISO numeric of an alpha-2 code."""
    code = str(code or "").upper()
    record = countries().get(code)
    if not record:
        return "XXX", "", 0
    name = ACLED_COUNTRY_NAMES.get(code, record["name"])
    return record["iso3"], name, int(record.get("isonumeric") or 0)


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Country name (GeoNames' or ACLED's, or an alias of the country words lexicon:
    ``DRC``, ``CAR``; case-folded) -> alpha-2 code."""
    out = {r["name"].casefold(): code for code, r in countries().items()}
    out.update({name.casefold(): code for code, name in ACLED_COUNTRY_NAMES.items()})
    words = read_lexicon("country_words", ("word", "country_code", "kind"))
    aliases = words[words["kind"] == "alias"]
    out.update({w.casefold(): c for w, c in zip(aliases["word"], aliases["country_code"])})
    return out


def _code_of(name: str) -> str:
    """The alpha-2 code of a country's name, with or without its determiner (``the Sudan``)."""
    name = str(name or "").strip()
    lead = cues("determiner").match(name)
    if lead and name[lead.end():lead.end() + 1].isspace():
        name = name[lead.end():].lstrip()
    return _country_codes().get(name.casefold(), "")


@dataclass(frozen=True)
class _Actor:
    type: str | int  # the lexicon's type, or an inter code for ACLED's conventions
    home: str = ""  # the country whose forces these are (alpha-2), if known


@dataclass(frozen=True)
class _ActorIndex:
    exact: dict[str, _Actor]  # label as written
    folded: dict[str, _Actor]  # label or alias, case-folded
    templates: list[tuple[re.Pattern, _Actor]]  # "Military Forces of {country}"


@lru_cache(maxsize=4)
def _actor_index(lexicon: str | Path = "actors") -> _ActorIndex:
    table = read_lexicon(lexicon, ("label", "type")).to_dict("records")
    index = _ActorIndex({}, {}, [])
    for row in table:
        label, kind = row["label"].strip(), row["type"].strip()
        home = row.get("country", "").strip().upper() or _code_of(row.get("affiliation", ""))
        actor = _Actor(kind, home)
        if "{" in label:
            if label.count("{") == 1 and "{country}" in label:
                pattern = re.escape(label).replace(r"\{country\}", "(?P<country>.+)")
                index.templates.append((re.compile(f"^{pattern}$"), actor))
                index.exact.setdefault(label.replace(" of {country}", ""), actor)  # no country
            continue
        index.exact.setdefault(label, actor)
        index.folded.setdefault(label.casefold(), actor)
    for row in table:  # aliases after every label
        actor = index.exact.get(row["label"].strip())
        if actor is None or "{" in row["label"]:
            continue
        for alias in filter(None, (a.strip() for a in row.get("aliases", "").split("|"))):
            index.folded.setdefault(alias.casefold(), actor)
    return index


def _lookup(label: str) -> _Actor | None:
    index = _actor_index(lexicon_path("actors"))
    for name in dict.fromkeys([label, re.sub(r"(\s*\([^()]*\))+\s*$", "", label).strip()]):
        found = index.exact.get(name) or index.folded.get(name.casefold())
        if found:
            return found
        for pattern, actor in index.templates:
            match = pattern.match(name)
            if match:
                return _Actor(actor.type, _code_of(match.group("country")))
        for pattern, kind in _ACLED_NAMES:
            match = pattern.match(name)
            if match:
                country = match.groupdict().get("country")
                return _Actor(kind, _code_of(country) if country else "")
    return None


def inter_code(label: str, country: str = "", inter: Mapping[str, int] | None = None) -> int:
    """ACLED's inter code of an actor label in an incident in ``country`` (alpha-2).

    >>> inter_code("Military Forces of the Central African Republic", "CF")
    1
    >>> inter_code("Military Forces of Chad", "CF"), inter_code("Military Forces of Chad", "TD")
    (8, 1)
    >>> inter_code("anti-balaka"), inter_code("Civilians"), inter_code(""), inter_code("Zorro")
    (2, 7, 0, 3)
    """
    label = str(label or "").strip()
    if not label:
        return 0
    if inter and label in inter:
        return int(inter[label])
    actor = _lookup(label)
    if actor is None:
        return _UNKNOWN_ACTOR
    if isinstance(actor.type, int):
        return actor.type
    code = INTER_CODES.get(actor.type, _UNKNOWN_ACTOR)
    country = str(country or "").upper()
    if actor.type in _HOME_TYPES and actor.home and country:
        return 1 if actor.home == country else 8
    return code


def _interaction(inter1: int, inter2: int) -> int:
    low, high = sorted((inter1, inter2))
    return high * 10 if low == 0 else low * 10 + high


def _disorder(event_type: str, sub_event_type: str) -> str:
    return DISORDER_TYPES.get((event_type, sub_event_type),
                              DISORDER_TYPES.get((event_type, ""), ""))


def _text(series: pd.Series) -> pd.Series:
    """A text column with ``""`` for every missing value."""
    return series.map(lambda v: "" if v is None or (not isinstance(v, str) and pd.isna(v))
                      else str(v)).astype(object)


def _column(incidents: pd.DataFrame, name: str, default: Any) -> pd.Series:
    if name in incidents:
        return incidents[name]
    return pd.Series([default] * len(incidents), index=incidents.index, dtype=object)


def _unix(value: Any) -> int:
    stamp = pd.Timestamp(value)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return int(stamp.timestamp())


def _export_timestamp(incidents: pd.DataFrame) -> int:
    reported = pd.to_datetime(_column(incidents, "reported", pd.NaT), errors="coerce")
    if len(incidents) and reported.notna().any():
        return _unix(reported.max())
    return int(time.time())


def to_acled(incidents: pd.DataFrame, inter: Mapping[str, int] | None = None,
             timestamp: int | None = None) -> pd.DataFrame:
    """The incidents in ACLED's export columns, names, order and types (see the module).

    ``incidents`` is ``analysis.incidents`` or any table with at least ``event_date`` and
    ``event_type``; a missing text column is empty, a missing precision 3 (the least precise).
    ``inter`` maps actor labels to inter codes, before the lexicon; ``timestamp`` (Unix seconds)
    replaces the newest report's date.

    >>> acled = to_acled(analyse("seeds").incidents)  # doctest: +SKIP
    >>> acled[["event_id_cnty", "event_date", "actor1", "inter1", "interaction"]]  # doctest: +SKIP
    """
    missing = [c for c in ("event_date", "event_type") if c not in incidents]
    if missing:
        raise TableError(f"to_acled needs the incidents' columns {', '.join(missing)} "
                         f"(it was given {', '.join(map(str, incidents.columns)) or 'none'})")
    inc = incidents.reset_index(drop=True)
    dates = pd.to_datetime(inc["event_date"], errors="coerce")
    if dates.isna().any():
        ids = _text(_column(inc, "incident_id", ""))[dates.isna()].tolist()
        log.warning("%d incident(s) without a date get year 0 in the ACLED table: %s",
                    int(dates.isna().sum()), ", ".join(map(str, ids[:20])))
    country = _text(_column(inc, "country", "")).str.upper()
    facts = [_country_facts(c) for c in country]
    text = {c: _text(_column(inc, c, "")) for c in (
        "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
        "admin1", "admin2", "location", "source", "notes")}
    inter1 = [inter_code(a, c, inter) for a, c in zip(text["actor1"], country)]
    inter2 = [inter_code(a, c, inter) for a, c in zip(text["actor2"], country)]
    disorder = [_disorder(t, s) for t, s in zip(text["event_type"], text["sub_event_type"])]
    counter: dict[str, int] = {}
    ids = []
    for iso3, _, _ in facts:
        counter[iso3] = counter.get(iso3, 0) + 1
        ids.append(f"{iso3}{counter[iso3]:04d}")

    def ints(name: str, default: int) -> list[int]:
        values = pd.to_numeric(_column(inc, name, default), errors="coerce")
        return [default if pd.isna(v) else int(v) for v in values]

    def coords(name: str) -> pd.Series:
        return pd.to_numeric(_column(inc, name, np.nan), errors="coerce").astype(
            "float64").round(4)

    stamp = _export_timestamp(inc) if timestamp is None else int(timestamp)
    out = pd.DataFrame({
        "event_id_cnty": ids,
        "event_date": [d.strftime("%Y-%m-%d") if pd.notna(d) else "" for d in dates],
        "year": [int(d.year) if pd.notna(d) else 0 for d in dates],
        "time_precision": ints("time_precision", 3),
        "disorder_type": disorder,
        "event_type": text["event_type"], "sub_event_type": text["sub_event_type"],
        "actor1": text["actor1"], "assoc_actor_1": text["assoc_actor_1"], "inter1": inter1,
        "actor2": text["actor2"], "assoc_actor_2": text["assoc_actor_2"], "inter2": inter2,
        "interaction": [_interaction(a, b) for a, b in zip(inter1, inter2)],
        "civilian_targeting": ["Civilian targeting" if b == 7 and "Political violence" in d
                               else "" for b, d in zip(inter2, disorder)],
        "iso": [f[2] for f in facts],
        "region": [acled_region(c) for c in country],
        "country": [f[1] for f in facts],
        "admin1": text["admin1"], "admin2": text["admin2"], "admin3": "",
        "location": text["location"],
        "latitude": coords("latitude"), "longitude": coords("longitude"),
        "geo_precision": ints("geo_precision", 3),
        "source": text["source"], "source_scale": "", "notes": text["notes"],
        "fatalities": ints("fatalities", 0), "tags": "", "timestamp": stamp,
    }, columns=ACLED_COLUMNS)
    for column in ACLED_COLUMNS:
        kind = ACLED_DTYPES[column]
        out[column] = out[column].astype(kind if kind != "str" else str)
    return out


def acled_companion(incidents: pd.DataFrame) -> pd.DataFrame:
    """What ACLED's columns cannot hold, one row per incident keyed by ``event_id_cnty``:
    ``incident_id``, ``fatalities_figure`` (carlib's toll, empty when unknown, where ACLED's
    column says 0), ``fatalities_qualifier``, ``reported``, ``sources``, ``n_sources``,
    ``quotes`` (every report's quote, a JSON list), ``reports`` (JSON), the provenance of the
    first report and the frame's part columns (``<part>_quote, _start, _end``)."""
    ids = to_acled(incidents, timestamp=0)["event_id_cnty"]
    inc = incidents.reset_index(drop=True)
    out = pd.DataFrame({"event_id_cnty": ids})
    if "incident_id" in inc:
        out["incident_id"] = _text(inc["incident_id"]).astype(str)
    if "fatalities" in inc:
        out["fatalities_figure"] = pd.to_numeric(inc["fatalities"], errors="coerce")
    if "fatalities_qualifier" in inc:
        out["fatalities_qualifier"] = _text(inc["fatalities_qualifier"]).astype(str)
    if "reported" in inc:
        out["reported"] = [d.strftime("%Y-%m-%d") if pd.notna(d) else "" for d in
                           pd.to_datetime(inc["reported"], errors="coerce")]
    if "sources" in inc:
        out["sources"] = _text(inc["sources"]).astype(str)
    if "n_sources" in inc:
        out["n_sources"] = pd.to_numeric(inc["n_sources"], errors="coerce").fillna(0).astype(
            "int64")
    if "reports" in inc:
        reports = [r if isinstance(r, list) else [] for r in inc["reports"]]
        out["quotes"] = [_dumps([d.get("quote", "") for d in r]) for r in reports]
        out["reports"] = [_dumps(r) for r in reports]
    parts = [c for c in inc.columns if re.fullmatch(r"[a-z]+_(quote|start|end)", str(c))]
    for column in [*_PROVENANCE, *parts]:
        if column in inc:
            values = inc[column]
            out[column] = values if pd.api.types.is_numeric_dtype(values) else _text(
                values).astype(str)
    return out


def read_acled(path: str | Path) -> pd.DataFrame:
    """An ACLED CSV (carlib's or ACLED's own) with ACLED's types: text as ``str`` (empty cells
    ``""``), the codes, counts and ``timestamp`` as ints, coordinates as floats.

    >>> read_acled("exports/acled.csv").dtypes["fatalities"]  # doctest: +SKIP
    dtype('int64')
    """
    header = pd.read_csv(path, nrows=0).columns
    text = {c: str for c in header if ACLED_DTYPES.get(c, "str") == "str"}
    frame = pd.read_csv(path, dtype=text, keep_default_na=False,
                        na_values={c: [""] for c in header if c not in text})
    for column in header:
        kind = ACLED_DTYPES.get(column)
        if kind in ("int64", "float64"):
            frame[column] = frame[column].astype(kind)
    return frame


# --------------------------------------------------------------------------- JSON-safe values


def _json_value(value: Any) -> Any:
    """A value JSON can hold: dates as ISO strings, NaN/NaT/NA as None, lists kept."""
    if value is None:
        return None
    if isinstance(value, (str, bool)):
        return value
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(float(value)) else float(value)
    if isinstance(value, Mapping):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, np.ndarray, pd.Series)):
        return [_json_value(v) for v in value]
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (pd.Timestamp, datetime, np.datetime64)):
        stamp = pd.Timestamp(value)
        if pd.isna(stamp):
            return None
        return stamp.strftime("%Y-%m-%d") if stamp == stamp.normalize() and stamp.tzinfo is None \
            else stamp.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (pd.Timedelta, np.timedelta64)):
        return None if pd.isna(value) else pd.Timedelta(value).isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _dumps(value: Any) -> str:
    return json.dumps(_json_value(value), ensure_ascii=False, allow_nan=False)


def _is_nested(series: pd.Series) -> bool:
    return series.dtype == object and any(
        isinstance(v, (list, tuple, set, dict, np.ndarray)) for v in series)


# --------------------------------------------------------------------------- GeoJSON

_GEO_KINDS = {"incidents": ("longitude", "latitude", "incident_id"),
              "places": ("lon", "lat", None)}


def to_geojson(table: pd.DataFrame, kind: str = "incidents") -> dict:
    """A GeoJSON FeatureCollection (RFC 7946) of the rows' points, every column a property.

    ``kind`` says where the point is: ``incidents`` (``longitude``, ``latitude``; the feature
    id is ``incident_id``) or ``places`` (``lon``, ``lat``; the id is ``article_id:sentence_id:
    start``). Properties are JSON-safe (dates ``YYYY-MM-DD``, NaN ``null``, lists kept). Rows
    without a valid point are left out: the collection's ``properties`` count them and name
    them (``left_out``, ``left_out_ids``), and a warning is logged.

    >>> collection = to_geojson(analyse("seeds").incidents)  # doctest: +SKIP
    >>> collection["features"][0]["geometry"]  # doctest: +SKIP
    {'type': 'Point', 'coordinates': [18.5582, 4.36667]}
    """
    if kind not in _GEO_KINDS:
        raise ExportError(f"to_geojson: unknown kind {kind!r}; valid kinds: "
                          f"{', '.join(_GEO_KINDS)}")
    lon_col, lat_col, id_col = _GEO_KINDS[kind]
    missing = [c for c in (lon_col, lat_col) if c not in table]
    if missing:
        raise TableError(f"to_geojson(kind={kind!r}) needs the columns {', '.join(missing)}")
    features, left_out = [], []
    records = table.to_dict("records")
    lons = pd.to_numeric(table[lon_col], errors="coerce").astype("float64").tolist()
    lats = pd.to_numeric(table[lat_col], errors="coerce").astype("float64").tolist()
    for number, (row, lon, lat) in enumerate(zip(records, lons, lats)):
        if id_col and id_col in row:
            ident = _json_value(row[id_col])
        elif all(c in row for c in ("article_id", "sentence_id", "start")):
            ident = f"{row['article_id']}:{_json_value(row['sentence_id'])}:" \
                    f"{_json_value(row['start'])}"
        else:
            ident = number
        if not (isinstance(lon, float) and isinstance(lat, float) and math.isfinite(lon)
                and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            left_out.append(ident)
            continue
        features.append({"type": "Feature", "id": ident,
                         "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {str(k): _json_value(v) for k, v in row.items()}})
    if left_out:
        log.warning("%d of %d %s have no point and are left out of the GeoJSON: %s%s",
                    len(left_out), len(records), kind, ", ".join(map(str, left_out[:20])),
                    " ..." if len(left_out) > 20 else "")
    return {"type": "FeatureCollection",
            "properties": {"kind": kind, "features": len(features), "left_out": len(left_out),
                           "left_out_ids": left_out},
            "features": features}


def _write_geojson(table: pd.DataFrame, kind: str, path: Path) -> Path:
    return write_atomic(path, json.dumps(to_geojson(table, kind), ensure_ascii=False,
                                         allow_nan=False))


# --------------------------------------------------------------------------- tables


def _tables(analysis: Any) -> dict[str, pd.DataFrame]:
    """The analysis's tables by name (an ``Analysis`` or a mapping of name -> DataFrame)."""
    if isinstance(analysis, Mapping):
        return {name: analysis[name] for name in TABLES if name in analysis} | {
            name: table for name, table in analysis.items() if name not in TABLES}
    tags = analysis.tags
    return {"articles": analysis.articles, "sentences": tags.sentences,
            "mentions": tags.mentions, "dates": tags.dates, "figures": tags.figures,
            "places": analysis.places, "focus": analysis.focus,
            "incidents": analysis.incidents}


_DOC_SOURCES = {"articles": "carlib.corpus", "sentences": "carlib.text",
                "mentions": "carlib.tagging.mentions", "dates": "carlib.tagging.dates",
                "figures": "carlib.tagging.figures", "places": "carlib.geo.geoparse",
                "incidents": "carlib.incidents"}
_MEANINGS = {
    "focus": {"article_id": "the article",
              "focus_country": "ISO 3166-1 alpha-2 code of the country the article is about "
                               "(decided once by the geo step)",
              "neighbours": "the focus country's neighbours (ISO codes)",
              "evidence": "the votes for each country, largest first"},
    "incidents": {"reports": "every report of the incident, a list of (source, reported, "
                               "article_id, sentence_id, start, end, quote); JSON text in "
                               "files"},
    "figures": {"place": "the place the figure is about (from the geo step), may be empty",
                "place_country": "its country (ISO 3166-1 alpha-2)",
                "place_lat": "its latitude", "place_lon": "its longitude"},
    "*": {"article_id": "the article", "sentence_id": "0, 1, 2 ... within the article",
          "start": "character offset into the article's text where the quote begins",
          "end": "character offset where it ends (text[start:end] == quote)",
          "quote": "the words as written"},
}


def _doc_table(doc: str) -> dict[str, str]:
    """Column -> meaning, from the first reStructuredText simple table of a docstring."""
    lines = doc.splitlines()
    borders = [i for i, line in enumerate(lines) if re.fullmatch(r"=+ +=+\s*", line)]
    if len(borders) < 2:
        return {}
    cut = re.match(r"=+ +", lines[borders[0]]).end()
    entries: list[tuple[list[str], list[str]]] = []
    for line in lines[borders[0] + 1:borders[1]]:
        left, right = line[:cut].strip(), line[cut:].strip()
        if left and (not entries or not entries[-1][0][-1].endswith(",")):
            entries.append(([left], [right]))
        elif entries:
            if left:
                entries[-1][0].append(left)
            entries[-1][1].append(right)
    out = {}
    for names, words in entries:
        meaning = re.sub(r":\w+:`([^`]+)`", r"\1", " ".join(words).replace("``", ""))
        meaning = re.sub(r"\s+", " ", meaning).strip()
        for name in (n.strip().strip("`") for n in " ".join(names).split(",")):
            if not name:
                continue
            if name == "provenance":
                out.update({c: f"provenance: {meaning}" for c in _PROVENANCE})
            elif "/" in name:  # date_start/end
                head, _, tail = name.partition("/")
                out[head] = meaning
                out[head.rsplit("_", 1)[0] + "_" + tail] = meaning
            else:
                out[name] = meaning
    return out


@lru_cache(maxsize=None)
def _documented(table: str) -> dict[str, str]:
    try:
        doc = importlib.import_module(_DOC_SOURCES[table]).__doc__ or ""
    except (KeyError, ImportError):
        return {}
    return _doc_table(doc)


def column_meaning(table: str, column: str) -> str:
    """What a column of one of the analysis's tables means (from the modules' docstrings)."""
    documented = _documented(table)
    if column in documented:
        return documented[column]
    part = re.fullmatch(r"([a-z]+)_(quote|start|end)", column)
    if part and "<part>_quote" in documented:
        return f"{part.group(1)}: " + documented["<part>_quote"]
    return (_MEANINGS.get(table, {}).get(column) or _MEANINGS["*"].get(column)
            or "(not described in carlib's docstrings)")


# --------------------------------------------------------------------------- Excel


def _excel_text(value: str, cuts: list[int]) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > _EXCEL_CELL // 2 and len(value.encode("utf-16-le")) // 2 > _EXCEL_CELL:
        kept = value[:_EXCEL_CELL]  # Excel counts UTF-16 units: drop astral overflow
        while len(kept.encode("utf-16-le")) // 2 > _EXCEL_CELL:
            kept = kept[:-1]
        cuts.append(len(value))
        value = kept
    return value


def _excel_value(value: Any, cuts: list[int]) -> Any:
    if isinstance(value, str):
        return _excel_text(value, cuts)
    if isinstance(value, (list, tuple, set, dict, np.ndarray)):
        return _excel_text(_dumps(value), cuts)
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        stamp = pd.Timestamp(value)
        if pd.isna(stamp):
            return None
        return (stamp.tz_localize(None) if stamp.tzinfo else stamp).to_pydatetime()
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(float(value)) else float(value)
    if isinstance(value, (int, datetime, date)):
        return value
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return _excel_text(str(value), cuts)


def _sheet_rows(table: pd.DataFrame) -> tuple[list[list[Any]], dict[str, int]]:
    cuts: dict[str, int] = {}
    columns = {}
    for name in table.columns:
        found: list[int] = []
        columns[name] = [_excel_value(v, found) for v in table[name].tolist()]
        if found:
            cuts[str(name)] = len(found)
    rows = [list(r) for r in zip(*columns.values())] if columns else []
    return rows, cuts


def _cell(sheet, value: Any, bold: bool = False, number_format: str | None = None):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    if bold:
        cell.font = Font(bold=True)
    if number_format:
        cell.number_format = number_format
    return cell


def _date_only(series: pd.Series) -> bool:
    if not pd.api.types.is_datetime64_any_dtype(series):
        return False
    values = series.dropna()
    return bool((values == values.dt.normalize()).all())


def to_excel(analysis: Any, path: str | Path) -> Path:
    """One sheet per table (``articles`` ... ``incidents``) and a ``README`` sheet first: each
    sheet's columns with their type and meaning, and what was changed to fit Excel (texts
    longer than 32,767 characters cut to that, lists as JSON). Written atomically.

    >>> to_excel(analyse("seeds"), "exports/analysis.xlsx")  # doctest: +SKIP
    """
    from openpyxl import Workbook

    tables = _tables(analysis)
    for name, table in tables.items():
        if len(table) + 1 > _EXCEL_ROWS:
            raise ExportError(f"to_excel: the {name} table has {len(table):,} rows, more than "
                              f"an Excel sheet holds ({_EXCEL_ROWS - 1:,}); export it as "
                              "parquet instead")
    prepared = {name: _sheet_rows(table) for name, table in tables.items()}
    book = Workbook(write_only=True)
    readme = book.create_sheet("README")
    readme.column_dimensions["A"].width = 14
    readme.column_dimensions["B"].width = 24
    readme.column_dimensions["C"].width = 16
    readme.column_dimensions["D"].width = 100
    notes = [
        "carlib analysis: one sheet per table; this sheet lists every column and its meaning.",
        "Rows keep their provenance: article_id, sentence_id and start/end, character offsets "
        "into the article's text (text[start:end] == quote).",
        f"Excel cells hold at most {_EXCEL_CELL:,} characters: longer texts are cut to their "
        f"first {_EXCEL_CELL:,} characters (offsets into them stay valid); n_chars gives the "
        "full length and the Parquet export keeps them whole.",
        "Lists and dicts (incidents.reports) are JSON text. Empty cells are missing values.",
    ]
    cut_notes = [f"Cut to {_EXCEL_CELL:,} characters: {count} cell(s) of {name}.{column}"
                 for name, (_, cuts) in prepared.items() for column, count in cuts.items()]
    warned = [f"Corpus warning: {w}" for w in getattr(analysis, "warnings", []) or []]
    for line in [*notes, *(cut_notes or ["No cell was cut."]), *warned]:
        readme.append([_cell(readme, _excel_text(line, []))])
    readme.append([])
    readme.append([_cell(readme, h, bold=True) for h in ("sheet", "column", "type",
                                                          "meaning")])
    for name, table in tables.items():
        for column in table.columns:
            readme.append([_cell(readme, v) for v in (
                name, str(column), str(table[column].dtype),
                _excel_text(column_meaning(name, str(column)), []))])
    for name, table in tables.items():
        rows, _ = prepared[name]
        sheet = book.create_sheet(name[:31])
        sheet.freeze_panes = "A2"
        formats = {i: "yyyy-mm-dd" if _date_only(table[c]) else "yyyy-mm-dd hh:mm:ss"
                   for i, c in enumerate(table.columns)
                   if pd.api.types.is_datetime64_any_dtype(table[c])}
        sheet.append([_cell(sheet, str(c), bold=True) for c in table.columns])
        for row in rows:
            sheet.append([_cell(sheet, v, number_format=formats.get(i)) if i in formats
                          or isinstance(v, str) else v for i, v in enumerate(row)])
    path = Path(path)
    with atomic_path(path) as tmp:
        book.save(tmp)
    return path


# --------------------------------------------------------------------------- Parquet


def _parquet_table(table: pd.DataFrame):
    import pyarrow as pa

    frame = table.reset_index(drop=True).copy()
    encoded = []
    for column in frame.columns:
        series = frame[column]
        if _is_nested(series):
            frame[column] = [None if v is None or (not isinstance(
                v, (list, tuple, set, dict, np.ndarray)) and pd.isna(v)) else _dumps(v)
                for v in series]
            encoded.append(str(column))
    try:
        arrow = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # mixed objects: as text
        for column in frame.columns:
            if frame[column].dtype == object and str(column) not in encoded:
                frame[column] = [None if v is None else str(v) for v in frame[column]]
        arrow = pa.Table.from_pandas(frame, preserve_index=False)
    metadata = dict(arrow.schema.metadata or {})
    metadata[b"carlib.json_columns"] = json.dumps(encoded).encode()
    return arrow.replace_schema_metadata(metadata)


def to_parquet(analysis: Any, folder: str | Path) -> list[Path]:
    """One Parquet file per table in ``folder`` (``articles.parquet`` ...), whole (full texts),
    with pandas' types; lists and dicts (``incidents.reports``) as JSON text, named in the
    schema's ``carlib.json_columns``. Each file is written atomically.

    >>> [p.name for p in to_parquet(analyse("seeds"), "exports/parquet")][:2]  # doctest: +SKIP
    ['articles.parquet', 'sentences.parquet']
    """
    import pyarrow.parquet as pq

    folder = Path(folder)
    paths = []
    for name, table in _tables(analysis).items():
        path = folder / f"{name}.parquet"
        arrow = _parquet_table(table)
        with atomic_path(path) as tmp:
            pq.write_table(arrow, tmp)
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- everything


def _write_csv(frame: pd.DataFrame, path: Path) -> Path:
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    return path


def export(analysis: Any, folder: str | Path, formats: Iterable[str] | str = FORMATS
           ) -> list[Path]:
    """Write the analysis in ``formats`` (``acled``, ``geojson``, ``xlsx``, ``parquet``) to
    ``folder``: ``acled.csv`` and ``acled_companion.csv``; ``incidents.geojson`` and
    ``places.geojson``; ``analysis.xlsx``; ``parquet/<table>.parquet``. Each file is written
    atomically; returns their paths. An unknown format is refused before anything is written.

    >>> export(analyse("seeds"), "exports", formats=("acled", "geojson"))  # doctest: +SKIP
    [PosixPath('exports/acled.csv'), PosixPath('exports/acled_companion.csv'), ...]
    """
    wanted = [formats] if isinstance(formats, str) else list(formats)
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ExportError(f"unknown export format(s) {', '.join(map(repr, unknown))}; "
                          f"valid formats: {', '.join(FORMATS)}")
    if not wanted:
        raise ExportError(f"no export format given; valid formats: {', '.join(FORMATS)}")
    folder = Path(folder)
    tables = _tables(analysis)
    incidents = tables["incidents"]
    paths: list[Path] = []
    for fmt in dict.fromkeys(wanted):
        if fmt == "acled":
            paths.append(_write_csv(to_acled(incidents), folder / "acled.csv"))
            paths.append(_write_csv(acled_companion(incidents), folder / "acled_companion.csv"))
        elif fmt == "geojson":
            paths.append(_write_geojson(incidents, "incidents", folder / "incidents.geojson"))
            paths.append(_write_geojson(tables["places"], "places", folder / "places.geojson"))
        elif fmt == "xlsx":
            paths.append(to_excel(analysis, folder / "analysis.xlsx"))
        else:
            paths.extend(to_parquet(analysis, folder / "parquet"))
    log.info("exported %d file(s) to %s", len(paths), folder)
    return paths


# ``carlib.export`` is this module: a package-level name for the function must differ from it
export_analysis = export
