"""The map's time control: a slider over the incidents' dates that shows the incidents up to
the chosen date, with a play button, drawn with a few lines of inline JavaScript.

Why not folium's ``TimestampedGeoJson``: it needs Leaflet.TimeDimension, iso8601-js-period,
jQuery UI and moment.js, and folium loads them from CDNs. jQuery UI and moment have XStatic
packages on PyPI, but no pip package carries Leaflet.TimeDimension or iso8601-js-period, so a
map using the plugin cannot open offline (see :mod:`carlib.maps.assets`). The plugin also
draws its own GeoJSON points, so the circles would lose their layers per perpetrator,
clusters, popups and legend. This control instead adds and removes the map's own circles.

- **steps**: one per distinct event date (``YYYY-MM-DD``), oldest first; the slider starts at
  the last one (everything shown). A month-precision date (``time_precision`` 3) is the
  month's first day, as in the table.
- **what shows**: the incidents dated on or before the chosen date (a cumulative view: the
  map fills up as time runs); incidents without a date are always shown, and said so.
- **play** steps through the dates (0.7 s a step) from the first, or on from where it stands.
- a circle goes back into its own layer (the perpetrator's group or cluster), so the layer
  control and the clusters keep working while the slider moves.
- the label says ``up to 2014-01-30: 7 of 10 incidents on the map``.

The control's elements carry the classes ``carlib-time`` (the box), ``carlib-time-play``,
``carlib-time-step`` (the ``<input type="range">``) and ``carlib-time-label``.
"""

from __future__ import annotations

from pathlib import Path

from branca.element import MacroElement
from folium.template import Template

__all__ = ["TimeSlider"]

_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


class TimeSlider(MacroElement):
    """A Leaflet control (top right) that shows the markers dated up to the slider's date.

    ``entries`` are ``(marker, layer, day)``: a folium marker, the layer it was added to (a
    ``FeatureGroup`` or ``MarkerCluster``) and its ``YYYY-MM-DD`` day, or ``None`` for an
    undated incident (always shown). Add it to the map after the markers.
    """

    _template = Template((_TEMPLATES / "time_slider.js.j2").read_text(encoding="utf-8"))

    def __init__(self, entries: list[tuple[object, object, str | None]]) -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.entries = entries
        self.days = sorted({day for _, _, day in entries if day})
        self.n_undated = sum(day is None for _, _, day in entries)
