"""Step 4 — geography: the offline gazetteer, geoparsing, and geopy geocoders.

>>> places = geoparse(articles)            # one row per place mention, resolved offline
>>> unresolved(places)                     # what to check by hand, with suggestions
>>> OfflineGeocoder().geocode("Yaloke")    # geopy's interface, no network
"""

from .gazetteer import Gazetteer, fold
from .geocoders import CachedGeocoder, OfflineGeocoder, nominatim
from .geoparse import PLACE_COLUMNS, geoparse, unresolved

__all__ = ["Gazetteer", "fold", "OfflineGeocoder", "CachedGeocoder", "nominatim", "geoparse",
           "unresolved", "PLACE_COLUMNS"]
