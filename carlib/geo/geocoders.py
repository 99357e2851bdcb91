"""geopy geocoders: the offline gazetteer behind geopy's interface, and an opt-in online one.

``OfflineGeocoder`` is a ``geopy.geocoders.base.Geocoder``: ``geocode(query, exactly_one=True,
country_codes=...)`` returns geopy ``Location`` objects, so code written for ``Nominatim``
works offline unchanged. ``CachedGeocoder`` wraps any geopy geocoder (``nominatim(...)``
builds the usual one) in geopy's ``RateLimiter`` and a persistent SQLite cache, so a corpus is
never sent twice; it is never used unless you pass it to ``carlib.geoparse(geocoder=...)``.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .gazetteer import Gazetteer, cache_dir

__all__ = ["OfflineGeocoder", "CachedGeocoder", "nominatim"]


class OfflineGeocoder(Geocoder):
    """Geocode with the offline gazetteer (GeoNames cities500 + the curated supplement).

    >>> OfflineGeocoder().geocode("Bossemptele", country_codes=["CF"]).point  # doctest: +SKIP
    Point(5.6811, 16.6352, 0.0)
    """

    def __init__(self, gazetteer: Gazetteer | None = None, fuzzy: bool = False) -> None:
        super().__init__()
        self.gazetteer = gazetteer or Gazetteer.load()
        self.fuzzy = fuzzy

    def geocode(self, query: str, *, exactly_one: bool = True, timeout: object = None,
                country_codes: str | list[str] | None = None
                ) -> Location | list[Location] | None:
        """Places called ``query``; with ``fuzzy=True``, near misses when nothing matches."""
        codes = [country_codes] if isinstance(country_codes, str) else country_codes
        codes = [c.upper() for c in codes] if codes else None
        places = [p for p in self.gazetteer.lookup(query, codes) if p.point is not None]
        if not places and self.fuzzy and codes:
            places = [p for p, _ in self.gazetteer.fuzzy(query, codes) if p.point is not None]
        locations = [Location(", ".join(filter(None, [p.name, p.admin1, p.country_code])),
                              p.point, p.as_dict()) for p in places]
        if not locations:
            return None
        return locations[0] if exactly_one else locations


class CachedGeocoder:
    """A geopy geocoder behind a rate limiter and a persistent cache (hits and misses).

    >>> geocoder = CachedGeocoder(Nominatim(user_agent="my-project"))  # doctest: +SKIP
    >>> geocoder.geocode("Bossangoa", country_codes=["cf"])  # doctest: +SKIP
    """

    def __init__(self, geocoder: Geocoder, cache_path: Path | None = None,
                 min_delay_seconds: float = 1.0) -> None:
        self.geocoder = geocoder
        self.cache_path = Path(cache_path or cache_dir() / "geocode-cache.sqlite")
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.cache_path)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT)")
        self._limited = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=2, swallow_exceptions=True)

    def geocode(self, query: str, exactly_one: bool = True, **kwargs) -> Location | None:
        """Answer from the cache, else ask the wrapped geocoder (rate-limited) and remember."""
        key = json.dumps([type(self.geocoder).__name__, query, exactly_one, kwargs],
                         sort_keys=True, default=str)
        row = self._db.execute("SELECT value FROM answers WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return _from_json(json.loads(row[0]))
        answer = self._limited(query, exactly_one=exactly_one, **kwargs)
        first = answer[0] if isinstance(answer, list) and answer else answer
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)",
                             (key, json.dumps(_to_json(first or None))))
        return first or None


def _to_json(location: Location | None) -> dict | None:
    if location is None:
        return None
    return {"address": location.address, "lat": location.latitude, "lon": location.longitude,
            "raw": location.raw}


def _from_json(data: dict | None) -> Location | None:
    return None if data is None else Location(data["address"], (data["lat"], data["lon"]),
                                              data["raw"])


def nominatim(user_agent: str, cache_path: Path | None = None) -> CachedGeocoder:
    """OpenStreetMap's Nominatim, one request a second at most, cached on disk.

    Needs the network; name your project in ``user_agent`` as Nominatim's policy asks.

    >>> places = geoparse(articles, geocoder=nominatim("ngo-research-2024"))  # doctest: +SKIP
    """
    return CachedGeocoder(Nominatim(user_agent=user_agent), cache_path, min_delay_seconds=1.0)
