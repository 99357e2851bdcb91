"""Maps (folium / Leaflet): incidents on an interactive map that opens with no network at all.

``incident_map(incidents)`` draws one circle per incident of an incidents table:

- **size**: the circle's *area* is proportional to the deaths (radius ∝ sqrt(fatalities)); unknown
  or zero deaths get the smallest circle. The scale is ``PX_PER_SQRT_DEATH`` pixels of radius per
  square root of a death, shrunk for the whole map when the deadliest incident would exceed
  ``MAX_RADIUS``; the legend draws the key with the same scale.
- **colour**: the perpetrator (``actor1``), Okabe-Ito colours in sorted order as in
  ``carlib.charts``; no perpetrator is ``unknown``, in grey.
- **outline**: a solid, filled circle is placed at the named town (``geo_precision`` 1); a
  hollow circle with a dashed outline is an approximate place or a region (2-3). Its fill is
  fully transparent rather than absent, so a click inside it still opens the popup.
- **popup**: date, event type, place, deaths with their qualifier and every source report
  (outlet, date, article_id, verbatim quote), all HTML-escaped (and safe inside the JavaScript
  template strings folium puts popups and tooltips in).
- **layers**: one ``FeatureGroup`` per perpetrator in a ``LayerControl``. Above
  ``CLUSTER_THRESHOLD`` (50) placeable incidents, each perpetrator's circles are clustered
  (``folium.plugins.MarkerCluster``, cluster badges in the perpetrator's colour with the count);
  at 50 or fewer, every circle stays visible, which suits the small corpora this kit is for.
- **time**: no time control. The legend gives the date range; to map a period, filter the table
  before calling ``incident_map`` (one map per year is a loop).
- **unplaced incidents**: rows without coordinates cannot be drawn; they are counted in the
  legend and a warning names them in the log.
- **base map**: no tiles. The country outlines of ``data/geo/countries.geojson`` (Natural Earth,
  public domain) are drawn as a GeoJson layer, CAR highlighted; ``tiles=True`` adds
  OpenStreetMap as an optional layer, off by default, for when the network is there.

**Offline assets.** folium loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, so a saved
map opened offline is a blank page. ``OfflineMap`` (what ``incident_map`` returns when
``offline=True``) is a ``folium.Map`` whose ``render`` first lets folium declare its assets in the
root Figure's header (from ``default_js``/``default_css`` of the map and of every plugin), then
swaps each of them: Leaflet, Leaflet.markercluster and jQuery (folium's popups need it) become
inline ``<script>``/``<style>`` copied from the XStatic-Leaflet, XStatic-Leaflet-MarkerCluster
and XStatic-jQuery pip packages, with the images their CSS points to as ``data:`` URIs; the
assets these maps do not use (Bootstrap, Font Awesome, awesome-markers, the default cluster
colours) are dropped. Any other asset (from a plugin you add yourself) is left as a link, with a
warning.

**Notebooks.** Because the swap happens in ``render``, it applies to every path that renders the
figure: ``save_map``, ``m.save`` and ``m._repr_html_``, which Jupyter calls to display the map
and nbconvert copies into an HTML report (an ``<iframe srcdoc=...>`` holding the whole inlined
page). Leaving an ``OfflineMap`` as the last expression of a cell is enough.

>>> m = incident_map(incidents)  # doctest: +SKIP
>>> save_map(m, "reports/incidents_map.html")  # doctest: +SKIP
"""

from __future__ import annotations

import base64
import html
import logging
import math
import mimetypes
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
import pandas as pd
import xstatic.pkg.jquery
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template

from .charts import outlet_colours
from .files import write_atomic
from .static_map import country_outlines

__all__ = ["CLUSTER_THRESHOLD", "INCIDENT_CLASS", "OfflineMap",
           "incident_map", "marker_radius", "perpetrator_colours", "save_map"]

log = logging.getLogger(__name__)

CAR_ID = "CF"
CLUSTER_THRESHOLD = 50
MIN_RADIUS = 4.0
PX_PER_SQRT_DEATH = 3.0
MAX_RADIUS = 40.0
UNKNOWN = "unknown"
UNKNOWN_COLOUR = "#999999"
INCIDENT_CLASS = "carlib-incident"
_LABEL_PANE = "carlib-labels"
_REQUIRED = ["latitude", "longitude", "actor1", "fatalities", "geo_precision"]
_GEO_PRECISION = {1: "the named town", 2: "approximate: near the named place",
                  3: "region only: the point stands for a whole area"}

_LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)
_CLUSTER = Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)
_JQUERY = Path(xstatic.pkg.jquery.BASE_DIR)
# folium's asset names (Map.default_js/css, MarkerCluster.default_js/css) -> the local file that
# replaces it, or None for an asset these maps do not use.
_OFFLINE_ASSETS: dict[str, Path | None] = {
    "leaflet": _LEAFLET / "leaflet.js",
    "leaflet_css": _LEAFLET / "leaflet.css",
    "markerclusterjs": _CLUSTER / "leaflet.markercluster.js",
    "markerclustercss": _CLUSTER / "MarkerCluster.css",
    "jquery": _JQUERY / "jquery.min.js",  # folium.Popup builds its content with $(...)
    "markerclusterdefaultcss": None, "bootstrap": None, "bootstrap_css": None,
    "awesome_markers": None, "awesome_markers_css": None, "awesome_markers_font_css": None,
    "glyphicons_css": None, "awesome_rotate_css": None,
}

_CSS = """
.leaflet-container { background: #eef2f5; }
.leaflet-control-layers { font: 13px/1.5 system-ui, sans-serif; }
.carlib-legend { background: rgba(255,255,255,0.93); padding: 8px 10px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.35); font: 12px/1.35 system-ui, sans-serif; color: #222;
  max-width: 260px; }
.carlib-legend h4 { margin: 0 0 4px; font-size: 13px; }
.carlib-legend .row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.carlib-legend .sizes { display: flex; align-items: flex-end; gap: 10px; margin: 4px 0; }
.carlib-legend .sizes div { text-align: center; }
.carlib-legend .note { color: #a33; margin-top: 4px; }
.carlib-legend .small { color: #555; }
path.carlib-incident:focus { outline: none; }
.carlib-popup { max-height: 320px; overflow-y: auto; font: 12px/1.4 system-ui, sans-serif; }
.carlib-popup blockquote { margin: 2px 0 6px 8px; padding-left: 6px; border-left: 3px solid #ccc; }
.carlib-popup ol { padding-left: 18px; margin: 2px 0; }
.carlib-cluster div { width: 30px; height: 30px; margin: 3px; border-radius: 50%;
  border: 2px solid #fff; box-shadow: 0 0 3px rgba(0,0,0,0.5); text-align: center;
  font: bold 12px/30px system-ui, sans-serif; }
.carlib-country-label { color: #666; font: italic 13px/16px system-ui, sans-serif;
  text-align: center; white-space: nowrap; text-shadow: 0 0 3px #fff, 0 0 3px #fff; }
.leaflet-control-layers-overlays .swatch { display: inline-block; width: 10px; height: 10px;
  border-radius: 50%; margin-right: 2px; }
"""


class OfflineMap(folium.Map):
    """A ``folium.Map`` whose rendered HTML needs no network: Leaflet, jQuery inlined, CDNs dropped.

    >>> m = OfflineMap(location=[6.6, 20.9], zoom_start=6, tiles=None)
    >>> "cdn.jsdelivr" in m.get_root().render()
    False
    """

    def render(self, **kwargs: Any) -> None:
        super().render(**kwargs)
        _inline_assets(self.get_root())


def _inline_assets(figure: Figure) -> None:
    """Swap the CDN links folium put in the figure's header for inline code, or drop them."""
    header = figure.header._children
    for name, child in list(header.items()):
        if not isinstance(child, (JavascriptLink, CssLink)):
            continue
        if name not in _OFFLINE_ASSETS:
            log.warning("%s (%s) has no offline copy: the map needs the network for it",
                        name, child.url)
        elif _OFFLINE_ASSETS[name] is None:
            del header[name]
        else:
            header[name] = Element(_inline_code(_OFFLINE_ASSETS[name]))


@lru_cache(maxsize=None)
def _inline_code(path: Path) -> str:
    """A file of JS or CSS as an inline element; images its CSS points to become data: URIs."""
    code = re.sub(r"^\s*/[/*]# sourceMappingURL=.*$", "", path.read_text(encoding="utf-8"),
                  flags=re.M)
    if path.suffix == ".js":
        return "<script>" + code.replace("</script", "<\\/script") + "</script>"
    code = re.sub(r"url\((['\"]?)(?!data:|#|https?:)([^)'\"]+)\1\)",
                  lambda m: f"url({_data_uri(path.parent / m.group(2))})", code)
    return "<style>" + code.replace("</style", "<\\/style") + "</style>"


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def save_map(m: folium.Map, path: str | Path) -> Path:
    """Write the map as ONE self-contained HTML file, atomically (temp file, then os.replace).

    >>> save_map(incident_map(incidents), "reports/map.html")  # doctest: +SKIP
    PosixPath('reports/map.html')
    """
    return write_atomic(path, m.get_root().render())


def marker_radius(fatalities: float, scale: float = PX_PER_SQRT_DEATH) -> float:
    """Circle radius in pixels: ``scale * sqrt(deaths)``, so that the AREA follows the deaths.

    Unknown (NaN) or few deaths get ``MIN_RADIUS``.

    >>> marker_radius(100) / marker_radius(25)
    2.0
    >>> marker_radius(float("nan"))
    4.0
    """
    if pd.isna(fatalities) or fatalities <= 0:
        return MIN_RADIUS
    return max(MIN_RADIUS, scale * math.sqrt(fatalities))


def perpetrator_colours(perpetrators: pd.Series) -> dict[str, str]:
    """One Okabe-Ito colour per perpetrator (sorted order, as in charts); ``unknown`` is grey.

    >>> perpetrator_colours(pd.Series(["Seleka", "anti-balaka", "unknown"]))["unknown"]
    '#999999'
    """
    colours = outlet_colours(perpetrators[perpetrators != UNKNOWN])
    return colours | ({UNKNOWN: UNKNOWN_COLOUR} if (perpetrators == UNKNOWN).any() else {})


def incident_map(incidents: pd.DataFrame, offline: bool = True, tiles: bool = False,
                 cluster: bool | None = None) -> folium.Map:
    """An interactive map of an incidents table (see the module docstring for the encoding).

    ``offline=True`` returns an ``OfflineMap`` (Leaflet inlined, works with no network);
    ``tiles=True`` adds OpenStreetMap as an optional layer; ``cluster`` forces clustering on or
    off (default: on above ``CLUSTER_THRESHOLD`` placeable incidents).

    >>> m = incident_map(incidents)  # doctest: +SKIP
    >>> save_map(m, "incidents.html")  # doctest: +SKIP
    """
    missing = [c for c in _REQUIRED if c not in incidents.columns]
    if missing and len(incidents):
        raise ValueError(f"incidents table lacks the column(s) {missing}")
    rows = incidents.reindex(columns=incidents.columns.union(_REQUIRED, sort=False))
    rows = rows.assign(perpetrator=_perpetrators(rows["actor1"]))
    placed = rows.dropna(subset=["latitude", "longitude"])
    unplaced = rows.drop(placed.index)
    if len(unplaced):
        ids = [str(i) for i in unplaced.get("incident_id", [])]
        log.warning("%d of %d incidents have no coordinates and are not on the map: %s%s",
                    len(unplaced), len(rows), ", ".join(ids[:20]), " ..." * (len(ids) > 20))
    colours = perpetrator_colours(placed["perpetrator"])
    deadliest = placed["fatalities"].max()
    scale = PX_PER_SQRT_DEATH if not deadliest > 0 else min(
        PX_PER_SQRT_DEATH, MAX_RADIUS / math.sqrt(deadliest))
    if cluster is None:
        cluster = len(placed) > CLUSTER_THRESHOLD

    countries = country_outlines()
    # maxZoom: with no tile layer to set it, Leaflet.markercluster needs it on the map.
    m = (OfflineMap if offline else folium.Map)(tiles=None, control_scale=True, maxZoom=14)
    if tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs the network)",
                         overlay=True, show=False).add_to(m)
    _countries_layer(countries).add_to(m)
    folium.map.CustomPane(_LABEL_PANE, z_index=350).add_to(m)  # above outlines, below circles
    _country_labels(countries).add_to(m)
    for perpetrator, colour in colours.items():
        group = placed[placed["perpetrator"] == perpetrator]
        layer = folium.FeatureGroup(
            name=f'<span class="swatch" style="background:{colour}"></span>'
                 f"{_escape(perpetrator)} ({len(group)})").add_to(m)
        if cluster:
            layer = MarkerCluster(control=False, icon_create_function=_cluster_icon(colour),
                                  options={"maxClusterRadius": 40}).add_to(layer)
        for row in _largest_first(group, scale):
            _marker(row, colour, scale).add_to(layer)
    if colours or tiles:
        folium.LayerControl(collapsed=False).add_to(m)
    _Legend(_legend_html(rows, placed, colours, scale, cluster)).add_to(m)
    m.fit_bounds(_bounds(placed) if len(placed) else _car_bounds(countries),
                 padding=(40, 40), max_zoom=7)
    return m


def _perpetrators(actor1: pd.Series) -> pd.Series:
    names = actor1.astype("string").str.strip()
    return names.mask(names.isna() | (names == ""), UNKNOWN).astype(str)


def _largest_first(group: pd.DataFrame, scale: float) -> list[dict[str, Any]]:
    """Rows in drawing order: big circles first, so small ones stay on top and clickable."""
    return sorted(group.to_dict("records"), key=lambda r: -marker_radius(r["fatalities"], scale))


def _marker(row: dict[str, Any], colour: str, scale: float) -> folium.CircleMarker:
    approximate = not row["geo_precision"] == 1
    return folium.CircleMarker(
        location=[row["latitude"], row["longitude"]],
        radius=marker_radius(row["fatalities"], scale),
        color=colour, weight=2 if approximate else 1.5,
        fill=True, fill_color=colour, fill_opacity=0.0 if approximate else 0.6,
        dash_array="5 4" if approximate else None,
        class_name=INCIDENT_CLASS + (" approximate" if approximate else ""),
        popup=folium.Popup(_popup_html(row), max_width=420),
        tooltip=_escape(" · ".join(filter(None, [
            _date_text(row.get("event_date"), row.get("time_precision")),
            _text(row.get("location")), row["perpetrator"]]))))


def _escape(text: str) -> str:
    """HTML-escape, and turn into entities what a JS template string would interpret (folium
    writes popups and tooltips between backticks): a quote shows exactly as written."""
    return html.escape(text).replace("\\", "&#92;").replace("`", "&#96;").replace("$", "&#36;")


def _text(value: Any) -> str:
    """A scalar as text; '' for None, NaN, NaT and empty strings."""
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) \
        else str(value).strip()


def _date_text(date: Any, precision: Any = 1) -> str:
    """'2013-12-05', 'about 2013-12-05' (time_precision 2) or 'December 2013' (3)."""
    if not _text(date):
        return "date unknown"
    date = pd.Timestamp(date)
    if precision == 3:
        return date.strftime("%B %Y")
    return ("about " if precision == 2 else "") + date.strftime("%Y-%m-%d")


def _fatalities_text(fatalities: Any, qualifier: Any) -> str:
    if not _text(fatalities):
        return "unknown"
    qualifier = _text(qualifier)
    return f"{fatalities:g}" + (f" ({qualifier})" if qualifier else "")


def _reports(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Every source report of an incident; the first-report columns when ``reports`` is empty."""
    reports = row.get("reports")
    if isinstance(reports, (list, tuple)) and len(reports):
        return list(reports)
    return [{"outlet": row.get("source"), "reported": None, "article_id": row.get("article_id"),
             "quote": row.get("quote")}]


def _popup_html(row: dict[str, Any]) -> str:
    """The popup of one incident, every value escaped."""
    e = _escape
    place = ", ".join(filter(None, (_text(row.get(k)) for k in ("location", "admin1", "country"))))
    kind = " / ".join(filter(None, (_text(row.get(k)) for k in ("event_type", "sub_event_type"))))
    target = _text(row.get("actor2"))
    precision = _GEO_PRECISION.get(row["geo_precision"], "precision unknown")
    lines = [
        f"<b>{e(_date_text(row.get('event_date'), row.get('time_precision')))}</b>"
        f" · {e(kind or 'event type unknown')}",
        f"<b>Where:</b> {e(place or 'unknown')} <span style='color:#666'>({e(precision)})</span>",
        f"<b>Who:</b> {e(row['perpetrator'] + (f' → {target}' if target else ''))}",
        f"<b>Deaths:</b> {e(_fatalities_text(row['fatalities'], row.get('fatalities_qualifier')))}",
    ]
    if _text(row.get("notes")):
        lines.append(f"<b>Notes:</b> {e(_text(row.get('notes')))}")
    sources = "".join(
        f"<li><b>{e(_text(r.get('outlet')) or 'unknown outlet')}</b>"
        f"{', ' + e(_date_text(r.get('reported'))) if _text(r.get('reported')) else ''}"
        f" <span style='color:#666'>[{e(_text(r.get('article_id')))}]</span>"
        f"<blockquote>“{e(_text(r.get('quote')))}”</blockquote></li>"
        for r in _reports(row))
    return (f"<div class='carlib-popup'>{'<br>'.join(lines)}<br><b>Sources:</b><ol>{sources}</ol>"
            f"<span style='color:#666'>incident {e(_text(row.get('incident_id')))}</span></div>")


def _cluster_icon(colour: str) -> str:
    """JS for a MarkerCluster badge in the perpetrator's colour, text readable on it."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    text = "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#fff"
    return (f"function (cluster) {{ return L.divIcon({{className: 'carlib-cluster', "
            f"iconSize: L.point(40, 40), html: '<div style=\"background:{colour};color:{text}\">'"
            f" + cluster.getChildCount() + '</div>'}}); }}")


def _countries_layer(countries: dict[str, Any]) -> folium.GeoJson:
    """Country outlines, CAR in white with a dark border, neighbours grey, the name on hover."""
    def style(feature: dict[str, Any]) -> dict[str, Any]:
        car = feature["id"] == CAR_ID
        return {"color": "#333333" if car else "#8c8c8c", "weight": 2.5 if car else 1,
                "fillColor": "#ffffff" if car else "#d6d6d6", "fillOpacity": 0.5}

    return folium.GeoJson(countries, name="Countries (Natural Earth)", control=False,
                          style_function=style,
                          tooltip=folium.GeoJsonTooltip(["name"], labels=False))


def _country_labels(countries: dict[str, Any]) -> folium.FeatureGroup:
    """Country names at the centroid of each country's largest polygon, in the labels pane."""
    labels = folium.FeatureGroup(name="Country names", control=False)
    for feature in countries["features"]:
        folium.Marker(_label_point(feature["geometry"]), interactive=False, pane=_LABEL_PANE,
                      icon=folium.DivIcon(html=_escape(feature["properties"]["name"]),
                                          icon_size=(180, 16), icon_anchor=(90, 8),
                                          class_name="carlib-country-label")).add_to(labels)
    return labels


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
        else [geometry["coordinates"]]


def _label_point(geometry: dict[str, Any]) -> list[float]:
    """[lat, lon] of the area centroid of the largest outer ring (shoelace formula)."""
    def area_and_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
        pairs = list(zip(ring, ring[1:]))
        cross = [x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs]
        area = sum(cross) / 2
        cx = sum((x0 + x1) * c for ((x0, _), (x1, _)), c in zip(pairs, cross)) / (6 * area)
        cy = sum((y0 + y1) * c for ((_, y0), (_, y1)), c in zip(pairs, cross)) / (6 * area)
        return abs(area), cy, cx

    _, lat, lon = max(area_and_centroid(polygon[0]) for polygon in _polygons(geometry))
    return [lat, lon]


def _car_bounds(countries: dict[str, Any]) -> list[list[float]]:
    car = next(f for f in countries["features"] if f["id"] == CAR_ID)
    lons, lats = zip(*(p for polygon in _polygons(car["geometry"]) for ring in polygon
                       for p in ring))
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _bounds(placed: pd.DataFrame) -> list[list[float]]:
    return [[placed["latitude"].min(), placed["longitude"].min()],
            [placed["latitude"].max(), placed["longitude"].max()]]


def _legend_html(rows: pd.DataFrame, placed: pd.DataFrame, colours: dict[str, str],
                 scale: float, cluster: bool) -> str:
    """The legend: counts and dates, a colour per perpetrator, the size and outline keys."""
    if not len(rows):
        return "<h4>No incidents to show.</h4><div class='small'>The table is empty.</div>"
    dates = pd.to_datetime(rows.get("event_date", pd.Series(dtype="datetime64[ns]"))).dropna()
    parts = [f"<h4>{_plural(len(rows), 'incident')}</h4><div class='small'>"
             + (f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates")
             + "</div>"]
    if len(rows) > len(placed):
        parts.append(f"<div class='note'>{_plural(len(rows) - len(placed), 'incident')} "
                     "not on the map: no coordinates</div>")
    if not len(placed):
        return "".join(parts)
    counts = placed["perpetrator"].value_counts()
    parts += [f"<div class='row'>{_circle_svg(6, colour, filled=True)}"
              f"{_escape(name)} ({counts[name]})</div>" for name, colour in colours.items()]
    deadliest = placed["fatalities"].max()
    keys = [v for v in (1, 10, 100, 1000) if v < deadliest] + [deadliest] if deadliest > 0 else []
    parts.append("<div class='small'>deaths (circle area)</div><div class='sizes'>" + "".join(
        f"<div>{_circle_svg(marker_radius(v, scale), '#666', filled=True)}<br>{v:g}</div>"
        for v in keys) + "</div><div class='small'>smallest circle: no deaths or unknown</div>")
    parts.append(f"<div class='row'>{_circle_svg(6, '#666', filled=False)}"
                 "approximate place or region (not the town)</div>")
    if cluster:
        parts.append("<div class='small'>numbered disc: that many nearby incidents of one "
                     "perpetrator; click or zoom in to see them</div>")
    return "".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _circle_svg(radius: float, colour: str, filled: bool) -> str:
    size = 2 * radius + 4
    style = (f'fill="{colour}" fill-opacity="0.6" stroke-width="1.5"' if filled
             else 'fill="none" stroke-width="2" stroke-dasharray="4 3"')
    return (f'<svg width="{size:g}" height="{size:g}"><circle cx="{size / 2:g}" cy="{size / 2:g}"'
            f' r="{radius:g}" stroke="{colour}" {style}/></svg>')


class _Legend(MacroElement):
    """The legend as a Leaflet control in the map's bottom-left corner, with carlib's CSS."""

    _template = Template("""
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: "bottomleft"});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "carlib-legend");
                div.innerHTML = {{ this.legend|tojson }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, legend: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.legend = legend
        self.css = _CSS
