"""Country outlines for maps without a tile server: read once, with the ring geometry both maps
need (outer rings, a label point, the bounding box of a set of countries)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..profile import profile

__all__ = ["country_outlines", "polygons", "outer_rings", "label_point", "bounds_of",
           "outlines_around"]


@lru_cache(maxsize=4)
def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def country_outlines(path: str | Path | None = None) -> dict:
    """The GeoJSON FeatureCollection of country outlines (each feature has ``iso_a2``); the
    profile's outlines unless ``path`` is given.

    >>> len(country_outlines()["features"]) > 100
    True
    """
    return _read(Path(path or profile().outlines).resolve())


def polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    """The polygons of a Polygon or MultiPolygon geometry (each a list of rings)."""
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
        else [geometry["coordinates"]]


def outer_rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The outer ring of each polygon of a geometry, as ``[lon, lat]`` points."""
    return [polygon[0] for polygon in polygons(geometry)]


def label_point(geometry: dict[str, Any]) -> list[float]:
    """[lat, lon] of the area centroid of the largest outer ring (shoelace formula)."""
    def area_and_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
        pairs = list(zip(ring, ring[1:]))
        cross = [x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs]
        area = sum(cross) / 2 or 1e-12
        cx = sum((x0 + x1) * c for ((x0, _), (x1, _)), c in zip(pairs, cross)) / (6 * area)
        cy = sum((y0 + y1) * c for ((_, y0), (_, y1)), c in zip(pairs, cross)) / (6 * area)
        return abs(area), cy, cx

    _, lat, lon = max(area_and_centroid(ring) for ring in outer_rings(geometry))
    return [lat, lon]


def bounds_of(countries: dict[str, Any], codes: set[str]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the countries with these ISO codes (None if none).

    >>> bounds_of(country_outlines(), {"CF"})[0][0] < 3
    True
    """
    points = [p for feature in countries["features"] if feature["properties"]["iso_a2"] in codes
              for ring in outer_rings(feature["geometry"]) for p in ring]
    if not points:
        return None
    lons, lats = zip(*points)
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def outlines_around(countries: dict[str, Any], codes: set[str], margin: float = 8.0) -> dict:
    """The countries of ``codes`` and every country whose outline comes within ``margin``
    degrees of them (a part of it: French Guiana does not bring France): what a map framed
    on them shows, so a page embeds a dozen outlines, not
    the world's (the whole collection when none of ``codes`` is known).

    >>> around = {f["id"] for f in outlines_around(country_outlines(), {"CF"})["features"]}
    >>> {"CF", "TD", "CM"} <= around and "FR" not in around
    True
    """
    frame = bounds_of(countries, codes)
    if frame is None:
        return countries
    (south, west), (north, east) = frame
    def near(ring: list[list[float]]) -> bool:
        lons, lats = zip(*ring)
        return min(lats) <= north + margin and max(lats) >= south - margin \
            and min(lons) <= east + margin and max(lons) >= west - margin

    kept = [f for f in countries["features"] if any(map(near, outer_rings(f["geometry"])))]
    return {**countries, "features": kept}
