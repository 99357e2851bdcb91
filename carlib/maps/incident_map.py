"""The interactive incident map (see :mod:`carlib.maps` for how incidents are drawn)."""

from __future__ import annotations

import logging
from typing import Any

import folium
import pandas as pd
from folium.plugins import MarkerCluster

from ..charts.common import table_of
from ..errors import TableError
from ..geo.countries import countries as country_records, neighbours
from ..profile import profile
from ..style import perpetrator_colours
from .assets import OfflineMap
from .elements import Legend, cluster_icon, escape, legend_html, popup_html
from .outlines import bounds_of, country_outlines, label_point, outlines_around
from .shaping import (date_text, largest_first, marker_radius, perpetrators, radius_scale,
                      text)
from .timeline import TimeSlider

__all__ = ["CLUSTER_THRESHOLD", "INCIDENT_CLASS", "incident_map"]

log = logging.getLogger(__name__)

CLUSTER_THRESHOLD = 50
INCIDENT_CLASS = "carlib-incident"
_LABEL_PANE = "carlib-labels"
_REQUIRED = ["latitude", "longitude", "actor1", "fatalities", "geo_precision"]


def incident_map(incidents, offline: bool = True, tiles: bool = False,
                 cluster: bool | None = None, focus: set[str] | None = None,
                 time_slider: bool = False) -> folium.Map:
    """An interactive map of an incidents table or an :class:`carlib.Analysis`.

    ``offline=True`` returns an ``OfflineMap`` (Leaflet inlined, works with no network);
    ``tiles=True`` adds OpenStreetMap as an optional layer; ``cluster`` forces clustering on or
    off (default: on above ``CLUSTER_THRESHOLD`` placeable incidents). ``focus`` (ISO codes) are
    the countries drawn highlighted and framed when nothing is placed: by default the countries
    of the incidents, else the profile's focus countries. ``time_slider=True`` adds a time
    control (:mod:`carlib.maps.timeline`) that shows the incidents up to a chosen date.

    >>> m = incident_map(incidents, time_slider=True)  # doctest: +SKIP
    >>> save_map(m, "incidents.html")  # doctest: +SKIP
    """
    incidents = table_of(incidents, "incidents")
    missing = [c for c in _REQUIRED if c not in incidents.columns]
    if missing and len(incidents):
        raise TableError(f"incidents table lacks the column(s) {missing}")
    rows = incidents.reindex(columns=incidents.columns.union(_REQUIRED, sort=False))
    rows = rows.assign(perpetrator=perpetrators(rows["actor1"]))
    placed = rows.dropna(subset=["latitude", "longitude"])
    unplaced = rows.drop(placed.index)
    if len(unplaced):
        ids = [str(i) for i in unplaced.get("incident_id", [])]
        log.warning("%d of %d incidents have no coordinates and are not on the map: %s%s",
                    len(unplaced), len(rows), ", ".join(ids[:20]), " ..." * (len(ids) > 20))
    colours = perpetrator_colours(placed["perpetrator"])
    scale = radius_scale(placed["fatalities"])
    if cluster is None:
        cluster = len(placed) > CLUSTER_THRESHOLD
    if focus is None:
        codes = set(rows.get("country", pd.Series(dtype=str)).dropna().astype(str))
        focus = {c for c in codes if c in country_records()} or set(profile().focus_countries)

    countries = outlines_around(country_outlines(), focus | set(
        placed.get("country", pd.Series(dtype=str)).dropna().astype(str)))
    # maxZoom: with no tile layer to set it, Leaflet.markercluster needs it on the map.
    m = (OfflineMap if offline else folium.Map)(tiles=None, control_scale=True, maxZoom=14)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs the network)",
                         overlay=True, show=False).add_to(m)
    _countries_layer(countries, focus).add_to(m)
    folium.map.CustomPane(_LABEL_PANE, z_index=350).add_to(m)  # above outlines, below circles
    _country_labels(countries, focus).add_to(m)
    timed: list[tuple[object, object, str | None]] = []  # (marker, its layer, its day)
    for perpetrator, colour in colours.items():
        group = placed[placed["perpetrator"] == perpetrator]
        layer = folium.FeatureGroup(
            name=f'<span class="swatch" style="background:{colour}"></span>'
                 f"{escape(perpetrator)} ({len(group)})").add_to(m)
        if cluster:
            layer = MarkerCluster(control=False, icon_create_function=cluster_icon(colour),
                                  options={"maxClusterRadius": 40}).add_to(layer)
        for row in largest_first(group, scale):
            marker = _marker(row, colour, scale).add_to(layer)
            day = pd.to_datetime(row.get("event_date"), errors="coerce")
            timed.append((marker, layer, None if pd.isna(day) else f"{day:%Y-%m-%d}"))
    if colours or tiles:
        folium.LayerControl(collapsed=False).add_to(m)
    Legend(legend_html(rows, placed, colours, scale, cluster)).add_to(m)
    if time_slider and any(day for _, _, day in timed):
        TimeSlider(timed).add_to(m)
    frame = ([[placed["latitude"].min(), placed["longitude"].min()],
              [placed["latitude"].max(), placed["longitude"].max()]] if len(placed)
             else bounds_of(countries, focus) or [[-60, -180], [75, 180]])
    m.fit_bounds(frame, padding=(40, 40), max_zoom=7)
    return m


def _marker(row: dict[str, Any], colour: str, scale: float) -> folium.CircleMarker:
    approximate = not row["geo_precision"] == 1
    return folium.CircleMarker(
        location=[row["latitude"], row["longitude"]],
        radius=marker_radius(row["fatalities"], scale),
        color=colour, weight=2 if approximate else 1.5,
        fill=True, fill_color=colour, fill_opacity=0.0 if approximate else 0.6,
        dash_array="5 4" if approximate else None,
        class_name=INCIDENT_CLASS + (" approximate" if approximate else ""),
        popup=folium.Popup(popup_html(row), max_width=420),
        tooltip=escape(" · ".join(filter(None, [
            date_text(row.get("event_date"), row.get("time_precision")),
            text(row.get("location")), row["perpetrator"]]))))


def _countries_layer(countries: dict[str, Any], focus: set[str]) -> folium.GeoJson:
    """Country outlines: the focus countries in white with a dark border, others grey."""
    def style(feature: dict[str, Any]) -> dict[str, Any]:
        chosen = feature["properties"]["iso_a2"] in focus
        return {"color": "#333333" if chosen else "#8c8c8c", "weight": 2.5 if chosen else 1,
                "fillColor": "#ffffff" if chosen else "#d6d6d6", "fillOpacity": 0.5}

    return folium.GeoJson(countries, name="Countries (Natural Earth)", control=False,
                          style_function=style,
                          tooltip=folium.GeoJsonTooltip(["name"], labels=False))


def _country_labels(countries: dict[str, Any], focus: set[str]) -> folium.FeatureGroup:
    """Names of the focus countries and their neighbours, in the labels pane."""
    labels = folium.FeatureGroup(name="Country names", control=False)
    shown = set(focus).union(*(neighbours(code) for code in focus))
    for feature in countries["features"]:
        if feature["properties"]["iso_a2"] not in shown:
            continue
        folium.Marker(label_point(feature["geometry"]), interactive=False, pane=_LABEL_PANE,
                      icon=folium.DivIcon(html=escape(feature["properties"]["name"]),
                                          icon_size=(180, 16), icon_anchor=(90, 8),
                                          class_name="carlib-country-label")).add_to(labels)
    return labels
