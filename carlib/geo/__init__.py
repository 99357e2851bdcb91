"""Step 4 — geography: the offline gazetteer, geoparsing with one focus per article, and geopy
geocoders.

>>> geo = geolocate(articles, tags)         # places (one row per mention) and focus (per article)
>>> unresolved(geo.places)                 # what to check by hand, with suggestions
>>> OfflineGeocoder().geocode("Yaloke")    # geopy's interface, no network
"""

from .gazetteer import Gazetteer, fold, name_key
from .geocoders import CachedGeocoder, OfflineGeocoder, nominatim
from .geoparse import (FOCUS_COLUMNS, PLACE_COLUMNS, Geography, geolocate, geoparse,
                       locate_figures, place_counts, unresolved)
from .place import Place

__all__ = ["Gazetteer", "fold", "name_key", "OfflineGeocoder", "CachedGeocoder", "nominatim",
           "geoparse", "geolocate", "Geography", "unresolved", "place_counts", "locate_figures",
           "Place", "PLACE_COLUMNS", "FOCUS_COLUMNS"]
