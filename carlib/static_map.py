"""A static map of the places an article set names (matplotlib, no network, no tiles).

Country outlines come from ``data/geo/countries.geojson`` (Natural Earth, public domain);
the points from ``carlib.geoparse``. It is the quick look a report can always show, even
where the interactive map cannot load.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from .charts import OKABE_ITO

__all__ = ["plot_places", "COUNTRY_OUTLINES", "country_outlines"]

COUNTRY_OUTLINES = Path(__file__).resolve().parents[1] / "data" / "geo" / "countries.geojson"


@lru_cache(maxsize=2)
def country_outlines(path: Path = COUNTRY_OUTLINES) -> dict:
    """The GeoJSON FeatureCollection of country outlines (each feature has ``iso_a2``)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
        geometry["coordinates"]]
    return [polygon[0] for polygon in polygons]


def plot_places(places: pd.DataFrame, focus: str = "CF", margin: float = 1.0) -> Figure:
    """Outlines of ``focus`` and its neighbours, with every placed mention labelled once.

    Filled dots are named towns (geo_precision 1), hollow ones approximate points (2-3);
    places without a point (countries, regions, unresolved) and points beyond the frame are
    listed under the map.

    >>> plot_places(geoparse(load_articles("seeds")))  # doctest: +SKIP
    """
    outlines = country_outlines()
    fig = Figure(figsize=(9, 7), layout="constrained")
    ax = fig.add_subplot()
    frame = None
    for feature in outlines["features"]:
        is_focus = feature["properties"]["iso_a2"] == focus
        for ring in _rings(feature["geometry"]):
            ax.add_patch(Polygon(ring, closed=True, facecolor="#f2efe6" if is_focus else "#fafafa",
                                 edgecolor="#555555", linewidth=1.2 if is_focus else 0.6,
                                 zorder=1 if is_focus else 0))
            if is_focus:
                xs, ys = [p[0] for p in ring], [p[1] for p in ring]
                box = (min(xs), max(xs), min(ys), max(ys))
                frame = box if frame is None else (min(frame[0], box[0]), max(frame[1], box[1]),
                                                   min(frame[2], box[2]), max(frame[3], box[3]))
    x0, x1, y0, y1 = frame or (14.0, 28.0, 2.0, 11.5)
    x0, x1, y0, y1 = x0 - margin, x1 + margin, y0 - margin, y1 + margin
    located = places.dropna(subset=["lat", "lon"]).drop_duplicates(["name", "lat", "lon"])
    inside = located[located["lon"].between(x0, x1) & located["lat"].between(y0, y1)]
    labels: list[tuple[float, float, list[str]]] = []  # nearby places share one label
    for row in inside.sort_values("lat", ascending=False).itertuples():
        exact = row.geo_precision == 1
        ax.plot(row.lon, row.lat, "o", markersize=6, zorder=3,
                markerfacecolor=OKABE_ITO[0] if exact else "white",
                markeredgecolor=OKABE_ITO[0], gid=f"place:{row.name}")
        near = next((lab for lab in labels if abs(lab[0] - row.lon) < 0.3
                     and abs(lab[1] - row.lat) < 0.3), None)
        if near:
            near[2].append(row.name)
        else:
            labels.append((row.lon, row.lat, [row.name]))
    for lon, lat, names in labels:
        ax.annotate("\n".join(names), (lon, lat), xytext=(5, 3), textcoords="offset points",
                    fontsize=8, zorder=4, va="top" if len(names) > 1 else "bottom")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(f"{len(inside)} places named in the articles (filled: the town itself; "
                 "hollow: approximate)", fontsize=10)
    outside = located.drop(inside.index)
    unplaced = places[places["lat"].isna()].drop_duplicates(["name", "kind"])
    notes = []
    if len(outside):
        notes.append("Beyond the frame: " + ", ".join(
            f"{n} ({c})" for n, c in zip(outside["name"], outside["country_code"])))
    if len(unplaced):
        notes.append("No point (countries, regions, unresolved): " + ", ".join(
            sorted(set(unplaced["name"].astype(str)))))
    notes.append("Outlines: Natural Earth (public domain); places: GeoNames (CC BY 4.0) and "
                 "data/gazetteer/supplement.csv")
    fig.text(0.01, 0.0, "\n".join(notes), fontsize=7, va="bottom", wrap=True)
    fig.get_layout_engine().set(rect=(0, 0.1, 1, 0.88))
    return fig
