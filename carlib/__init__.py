"""carlib — turn news articles on a conflict into evidence tables, maps and charts.

Data flows one way, one module per step, each taking and returning pandas DataFrames:
corpus -> text -> tagging -> geo -> incidents -> maps/charts/export -> report.

>>> import carlib
>>> articles = carlib.load_articles("seeds")
>>> tags = carlib.tag_corpus(articles)  # sentences, mentions, dates, figures

``import carlib`` loads the analysis steps only: the names of the modules that need a heavy
library (:mod:`carlib.charts` matplotlib, :mod:`carlib.maps` folium, :mod:`carlib.export`
pyarrow, :mod:`carlib.explore` ipywidgets) are imported on first use (:pep:`562`), so
``carlib.incident_map`` imports folium the first time it is read, and a script that only
analyses never does.
"""

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any

from .corpus import load_articles, skipped_files
from .errors import (CacheWarning, CarlibError, CarlibWarning, CorpusError, CorpusWarning,
                     ExportError, GazetteerError, LexiconError, ProfileError, ReportError,
                     StoreError, TableError)
from .geo import OfflineGeocoder, geolocate, geoparse, unresolved
from .incidents import extract_incidents, frame_table
from .pipeline import Analysis, analyse
from .profile import Profile, profile, use_profile
from .tables import notice, show_table
from .tagging import (Tags, extract_dates, extract_figures, extract_mentions, key_dates,
                      mention_counts, tag, tag_corpus)
from .text import sentences

__all__ = [
    "CarlibError", "CarlibWarning", "CorpusError", "CorpusWarning", "GazetteerError",
    "LexiconError", "ProfileError", "TableError", "ExportError", "ReportError", "StoreError",
    "CacheWarning",
    "Profile", "profile", "use_profile",
    "load_articles", "skipped_files", "sentences",
    "Tags", "extract_mentions", "tag", "extract_dates", "extract_figures", "tag_corpus",
    "mention_counts", "key_dates",
    "geoparse", "geolocate", "unresolved", "OfflineGeocoder",
    "extract_incidents", "frame_table", "incident_map", "save_map", "Analysis", "analyse",
    "plot_articles_timeline", "plot_places", "figures_timeline", "plot_figures",
    "plot_fatalities_by_place", "save_figure",
    "to_acled", "acled_companion", "read_acled", "to_geojson", "to_excel", "to_parquet",
    "export_analysis", "explore", "filter_incidents", "show_table", "notice",
]
__version__ = "0.1.0"

_LAZY = {  # module -> the names it gives the package, imported when one is first read
    "charts": ("figures_timeline", "plot_articles_timeline", "plot_fatalities_by_place",
               "plot_figures", "save_figure"),
    "export": ("acled_companion", "export_analysis", "read_acled", "to_acled", "to_excel",
               "to_geojson", "to_parquet"),
    "explore": ("explore", "filter_incidents"),
    "maps": ("incident_map", "plot_places", "save_map"),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    """A name of a heavy module, or a submodule not imported yet, on first use.

    >>> carlib.incident_map  # imports carlib.maps, and folium  # doctest: +SKIP
    <function incident_map at 0x...>
    """
    if name in _HOME:
        value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
        globals()[name] = value  # found here from now on
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


class _Package(ModuleType):
    """carlib itself: importing the submodule ``carlib.explore`` (``from carlib.explore import
    ExplorePanel``) leaves ``carlib.explore`` the function, as when it was imported eagerly."""

    def __setattr__(self, name: str, value: Any) -> None:
        if not (name in _HOME and isinstance(value, ModuleType)):
            super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
