"""carlib — turn news articles on a conflict into evidence tables, maps and charts.

Data flows one way, one module per step, each taking and returning pandas DataFrames:
corpus -> text -> tagging -> geo -> incidents -> maps/charts/export -> report.

>>> import carlib
>>> articles = carlib.load_articles("seeds")
>>> tags = carlib.tag_corpus(articles)  # sentences, mentions, dates, figures
"""

from .charts import (figures_timeline, plot_articles_timeline, plot_fatalities_by_place,
                     plot_figures, save_figure)
from .corpus import load_articles, skipped_files
from .errors import (CacheWarning, CarlibError, CarlibWarning, CorpusError, CorpusWarning,
                     ExportError, GazetteerError, LexiconError, ProfileError, ReportError,
                     StoreError, TableError)
from .export import (acled_companion, export_analysis, read_acled, to_acled, to_excel,
                     to_geojson, to_parquet)
from .explore import explore, filter_incidents
from .geo import OfflineGeocoder, geolocate, geoparse, unresolved
from .incidents import extract_incidents, frame_table
from .maps import incident_map, plot_places, save_map
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
