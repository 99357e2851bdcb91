"""The map's own elements, each a small class or function with its template (folium's way):
the popup of an incident, the legend control, a cluster badge and the legend's circle keys.

Templates live in ``carlib/templates/`` (``popup.html.j2``, ``legend.html.j2``,
``legend.js.j2``, ``map.css``). Every value from a corpus is escaped for HTML and for the
JavaScript template strings folium writes popups and tooltips into.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from branca.element import MacroElement
from folium.template import Template
from markupsafe import Markup

from ..geo.countries import country_name
from .shaping import date_text, fatalities_text, marker_radius, reports, text

__all__ = ["escape", "popup_html", "legend_html", "Legend", "cluster_icon", "circle_svg",
           "place_text", "report_items", "render", "MAP_CSS"]

_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
MAP_CSS = (_TEMPLATES / "map.css").read_text(encoding="utf-8")
_GEO_PRECISION = {1: "the named town", 2: "approximate: near the named place",
                  3: "region only: the point stands for a whole area"}


def escape(value: str) -> Markup:
    """HTML-escape, and turn into entities what a JS template string would interpret (folium
    writes popups and tooltips between backticks): a quote shows exactly as written.

    >>> str(escape("<b>`${x}`</b>"))
    '&lt;b&gt;&#96;&#36;{x}&#96;&lt;/b&gt;'
    """
    return Markup(html.escape(str(value)).replace("\\", "&#92;").replace("`", "&#96;")
                  .replace("$", "&#36;"))


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                             keep_trailing_newline=False)
    env.finalize = lambda value: escape(value) if not isinstance(value, Markup) else value
    return env


def render(template: str, **values: Any) -> str:
    """A template of ``carlib/templates/`` with every value escaped (the popup's, the legend's,
    the explore panel's reports)."""
    return _environment().get_template(template).render(**values).strip()



def place_text(row: dict[str, Any]) -> str:
    """``location, admin1, country name``, each name once (``Bangui, Central African
    Republic``, not ``Bangui, Bangui, CF``); the country's ISO code becomes its name.

    >>> place_text({"location": "PK5", "admin1": "Bangui", "country": "CF"})
    'PK5, Bangui, Central African Republic'
    """
    code = text(row.get("country"))
    names: list[str] = []
    for name in (text(row.get("location")), text(row.get("admin1")),
                 country_name(code) if code else ""):
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return ", ".join(names)


def report_items(row: dict[str, Any]) -> list[dict[str, str]]:
    """Every source report of an incident as text: ``outlet`` (the report's ``source``; older
    tables call it ``outlet``), ``reported`` (its date), ``article_id`` and ``quote``."""
    return [{"outlet": text(r.get("source")) or text(r.get("outlet")) or "unknown outlet",
             "reported": date_text(r.get("reported")) if text(r.get("reported")) else "",
             "article_id": text(r.get("article_id")), "quote": text(r.get("quote"))}
            for r in reports(row)]


def popup_html(row: dict[str, Any]) -> str:
    """The popup of one incident (``popup.html.j2``), every value escaped: the date, the event
    type, the place by name, the sides, the dead and every report with its outlet, date and
    quote."""
    place = place_text(row)
    kind = " / ".join(filter(None, (text(row.get(k)) for k in ("event_type", "sub_event_type"))))
    target = text(row.get("actor2"))
    return render(
        "popup.html.j2",
        when=date_text(row.get("event_date"), row.get("time_precision")),
        kind=kind or "event type unknown", place=place or "unknown",
        precision=_GEO_PRECISION.get(row["geo_precision"], "precision unknown"),
        who=row["perpetrator"] + (f" → {target}" if target else ""),
        deaths=fatalities_text(row["fatalities"], row.get("fatalities_qualifier")),
        notes=text(row.get("notes")), incident_id=text(row.get("incident_id")),
        reports=report_items(row))


def circle_svg(radius: float, colour: str, filled: bool) -> Markup:
    """A circle key for the legend: filled (the town itself) or dashed (approximate)."""
    size = 2 * radius + 4
    style = (f'fill="{colour}" fill-opacity="0.6" stroke-width="1.5"' if filled
             else 'fill="none" stroke-width="2" stroke-dasharray="4 3"')
    return Markup(f'<svg width="{size:g}" height="{size:g}"><circle cx="{size / 2:g}" '
                  f'cy="{size / 2:g}" r="{radius:g}" stroke="{colour}" {style}/></svg>')


def legend_html(rows: pd.DataFrame, placed: pd.DataFrame, colours: dict[str, str],
                scale: float, cluster: bool) -> str:
    """The legend (``legend.html.j2``): counts and dates, a colour per perpetrator, the size
    and outline keys."""
    dates = pd.to_datetime(rows.get("event_date", pd.Series(dtype="datetime64[ns]"))).dropna()
    counts = placed["perpetrator"].value_counts() if len(placed) else pd.Series(dtype=int)
    deadliest = placed["fatalities"].max() if len(placed) else float("nan")
    keys = [v for v in (1, 10, 100, 1000) if v < deadliest] + [deadliest] if deadliest > 0 else []
    return render(
        "legend.html.j2", n_rows=len(rows), n_unplaced=len(rows) - len(placed),
        dates=f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "no dates",
        perpetrators=[(name, counts[name], circle_svg(6, colour, filled=True))
                      for name, colour in colours.items()],
        sizes=[(circle_svg(marker_radius(v, scale), "#666", filled=True), f"{v:g}")
               for v in keys],
        hollow=circle_svg(6, "#666", filled=False), cluster=cluster)


def cluster_icon(colour: str) -> str:
    """JS for a MarkerCluster badge in the perpetrator's colour, text readable on it."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    ink = "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#fff"
    return (f"function (cluster) {{ return L.divIcon({{className: 'carlib-cluster', "
            f"iconSize: L.point(40, 40), html: '<div style=\"background:{colour};color:{ink}\">'"
            f" + cluster.getChildCount() + '</div>'}}); }}")


class Legend(MacroElement):
    """The legend as a Leaflet control in the map's bottom-left corner, with carlib's CSS."""

    _template = Template((_TEMPLATES / "legend.js.j2").read_text(encoding="utf-8"))

    def __init__(self, legend: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.legend = legend
        self.css = MAP_CSS
