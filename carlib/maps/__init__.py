"""Maps: incidents on an interactive folium map that opens with no network, and a static map of
the places named.

``incident_map(incidents)`` draws one circle per incident:

- **size**: the circle's *area* is proportional to the deaths (radius ∝ sqrt(fatalities)); unknown
  or zero deaths get the smallest circle. The scale is ``PX_PER_SQRT_DEATH`` pixels of radius per
  square root of a death, shrunk for the whole map when the deadliest incident would exceed
  ``MAX_RADIUS``; the legend draws the key with the same scale.
- **colour**: the perpetrator (``actor1``), Okabe-Ito colours in sorted order as in the charts
  (:mod:`carlib.style`); no perpetrator is ``unknown``, in grey.
- **outline**: a solid, filled circle is placed at the named town (``geo_precision`` 1); a
  hollow circle with a dashed outline is an approximate place or a region (2-3). Its fill is
  fully transparent rather than absent, so a click inside it still opens the popup.
- **popup**: date, event type, place, deaths with their qualifier and every source report
  (outlet, date, article_id, verbatim quote), all escaped (``popup.html.j2``).
- **layers**: one ``FeatureGroup`` per perpetrator in a ``LayerControl``. Above
  ``CLUSTER_THRESHOLD`` (50) placeable incidents, each perpetrator's circles are clustered
  (``folium.plugins.MarkerCluster``); at 50 or fewer, every circle stays visible.
- **unplaced incidents**: rows without coordinates cannot be drawn; they are counted in the
  legend and a warning names them in the log.
- **base map**: no tiles. The profile's country outlines (Natural Earth, public domain) are
  drawn as a GeoJson layer, the corpus's countries highlighted; ``tiles=True`` adds
  OpenStreetMap as an optional layer, off by default, for when the network is there.
- **offline**: see :mod:`carlib.maps.assets` (Leaflet and jQuery inlined, CDNs dropped), so
  ``save_map`` writes one self-contained file and a notebook's displayed map works offline.

Rooms: ``assets`` (the offline inliner), ``elements`` (popup, legend, badges, each with its
template), ``shaping`` (rows to radii and words), ``outlines`` (country rings, shared by both
maps), ``incident_map``, ``static`` (``plot_places``).

>>> m = incident_map(incidents)  # doctest: +SKIP
>>> save_map(m, "reports/incidents_map.html")  # doctest: +SKIP
"""

from .assets import OfflineMap, save_map
from .incident_map import CLUSTER_THRESHOLD, INCIDENT_CLASS, incident_map
from .outlines import country_outlines
from .shaping import MAX_RADIUS, MIN_RADIUS, PX_PER_SQRT_DEATH, marker_radius
from .static import plot_places

__all__ = ["CLUSTER_THRESHOLD", "INCIDENT_CLASS", "MAX_RADIUS", "MIN_RADIUS",
           "PX_PER_SQRT_DEATH", "OfflineMap", "country_outlines", "incident_map",
           "marker_radius", "plot_places", "save_map"]
