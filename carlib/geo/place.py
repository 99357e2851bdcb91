"""A place as a value object (as geopy has ``Location`` and ``Point``): what the gazetteer knows
of it and, once resolved from a mention, how it was resolved.

>>> bria = Place("Bria", "CF", lat=6.54, lon=21.99, feature="town", geonameid=240210)
>>> bria.point, bria.with_(method="fuzzy", confidence=0.4).method
((6.54, 21.99), 'fuzzy')
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

__all__ = ["Place", "FEATURES", "AREA_FEATURES"]

# what a place is: a country, an administrative area, a settlement, part of one, or a region
FEATURES = ("country", "admin1", "admin2", "region", "city", "town", "village", "neighbourhood",
            "camp", "site", "facility", "")
AREA_FEATURES = frozenset({"country", "admin1", "admin2", "region"})


@dataclass(frozen=True)
class Place:
    """One place: its name, country, point (if any source gives one) and how it was found."""

    name: str
    country_code: str
    lat: float | None = None
    lon: float | None = None
    feature: str = ""
    admin1: str = ""
    admin2: str = ""
    geonameid: int | None = None
    population: int = 0
    geo_precision: int | None = 1  # ACLED: 1 the place itself, 2 near it, 3 a region
    source: str = "geonames"  # geonames, supplement, regions, countries, online, text
    method: str = "exact"  # how a mention was resolved to it (see carlib.geo.geoparse)
    confidence: float = 1.0
    needs_review: bool = False
    suggestions: str = ""

    @property
    def point(self) -> tuple[float, float] | None:
        """``(lat, lon)``, or None for a place no source locates (a country, a region)."""
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)

    @property
    def is_area(self) -> bool:
        """A country, an administrative area or a region rather than a settlement."""
        return self.feature in AREA_FEATURES

    def with_(self, **changes: object) -> "Place":
        """A copy with some fields changed."""
        return replace(self, **changes)

    def as_dict(self) -> dict:
        """The fields as a dict (one row of a places table)."""
        return {f.name: getattr(self, f.name) for f in _FIELDS}


_FIELDS = fields(Place)
