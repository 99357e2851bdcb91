"""carlib — turn news articles on a conflict into evidence tables, maps and charts.

Data flows one way, one module per step, each taking and returning pandas DataFrames:
corpus -> text -> tagging -> geo -> incidents -> maps/charts -> report.

>>> import carlib
>>> articles = carlib.load_articles("seeds")
>>> tags = carlib.tag_corpus(articles)  # sentences, mentions, dates, figures
"""

from .charts import (figures_timeline, key_dates, plot_articles_timeline,
                     plot_fatalities_by_place, plot_figures, save_figure)
from .corpus import CorpusError, CorpusWarning, load_articles, skipped_files
from .geo import OfflineGeocoder, geoparse, unresolved
from .incidents import extract_incidents
from .maps import incident_map, save_map
from .pipeline import Analysis, analyse
from .static_map import plot_places
from .tagging import Tags, extract_dates, extract_figures, mention_counts, tag, tag_corpus
from .text import sentences

__all__ = [
    "CorpusError", "CorpusWarning", "load_articles", "skipped_files",
    "sentences",
    "Tags", "tag", "extract_dates", "extract_figures", "tag_corpus", "mention_counts",
    "geoparse", "unresolved", "OfflineGeocoder",
    "extract_incidents", "incident_map", "save_map", "Analysis", "analyse",
    "plot_articles_timeline", "plot_places", "figures_timeline", "key_dates", "plot_figures",
    "plot_fatalities_by_place", "save_figure",
]
__version__ = "0.1.0"
