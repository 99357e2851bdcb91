"""Maps that open with no network: folium's CDN assets swapped for inline copies.

folium loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, so a saved map opened
offline is a blank page. ``OfflineMap`` is a ``folium.Map`` whose ``render`` first lets folium
declare its assets in the root Figure's header (from ``default_js``/``default_css`` of the map
and of every plugin), then swaps each of them: Leaflet, Leaflet.markercluster and jQuery
(folium's popups need it) become inline ``<script>``/``<style>`` copied from the XStatic-Leaflet,
XStatic-Leaflet-MarkerCluster and XStatic-jQuery pip packages, with the images their CSS points
to as ``data:`` URIs; the assets these maps do not use (Bootstrap, Font Awesome,
awesome-markers, the default cluster colours) are dropped. Any other asset (from a plugin you
add yourself) is left as a link, with a warning.

Because the swap happens in ``render``, it applies to every path that renders the figure:
``save_map``, ``m.save`` and ``m._repr_html_``, which Jupyter calls to display the map and
nbconvert copies into an HTML report.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import folium
import xstatic.pkg.jquery
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from branca.element import CssLink, Element, Figure, JavascriptLink

from ..files import write_atomic

__all__ = ["OfflineMap", "save_map", "inline_code"]

log = logging.getLogger(__name__)

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
            header[name] = Element(inline_code(_OFFLINE_ASSETS[name]))


@lru_cache(maxsize=None)
def inline_code(path: Path) -> str:
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
