"""A static map of the places an article set names (matplotlib, no network, no tiles).

Country outlines come from the profile's outlines (Natural Earth, public domain); the points
from ``carlib.geoparse``. It is the quick look a report can always show, even where the
interactive map cannot load.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from ..charts.common import table_of
from ..profile import profile
from ..style import OKABE_ITO
from .outlines import bounds_of, country_outlines, outer_rings, outlines_around

__all__ = ["plot_places"]


def plot_places(places, focus: set[str] | str | None = None, margin: float = 1.0) -> Figure:
    """Outlines of the ``focus`` countries and around, with every placed mention labelled once.

    ``places`` is the places table or an :class:`carlib.Analysis`; ``focus`` (ISO codes) by
    default the countries of the places named, else the profile's focus countries.

    Filled dots are named towns (geo_precision 1), hollow ones approximate points (2-3);
    places without a point (countries, regions, unresolved) and points beyond the frame are
    listed under the map.

    >>> plot_places(geoparse(load_articles("seeds")))  # doctest: +SKIP
    """
    places = table_of(places, "places")
    focus = {focus} if isinstance(focus, str) else focus
    if focus is None:
        named = places[places["kind"].isin(["name", "dateline"]) & places["lat"].notna()]
        focus = set(named["country_code"].value_counts().index[:1]) \
            or set(profile().focus_countries)
    outlines = outlines_around(country_outlines(), focus)
    fig = Figure(figsize=(9, 7), layout="constrained")
    ax = fig.add_subplot()
    for feature in outlines["features"]:
        is_focus = feature["properties"]["iso_a2"] in focus
        for ring in outer_rings(feature["geometry"]):
            ax.add_patch(Polygon(ring, closed=True, facecolor="#f2efe6" if is_focus else "#fafafa",
                                 edgecolor="#555555", linewidth=1.2 if is_focus else 0.6,
                                 zorder=1 if is_focus else 0))
    frame = bounds_of(outlines, focus) or [[-60.0, -180.0], [75.0, 180.0]]
    (y0, x0), (y1, x1) = frame
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
                 "the gazetteer supplement")
    fig.text(0.01, 0.0, "\n".join(notes), fontsize=7, va="bottom", wrap=True)
    fig.get_layout_engine().set(rect=(0, 0.1, 1, 0.88))
    return fig
