"""carlib — turn news articles on a conflict into evidence tables, maps and charts.

Data flows one way, one module per step, each taking and returning pandas DataFrames:
corpus -> text -> tagging -> geo -> incidents -> maps/charts -> report.

>>> import carlib
>>> articles = carlib.load_articles("seeds")
"""

from .charts import plot_articles_timeline
from .corpus import CorpusError, CorpusWarning, load_articles, skipped_files

__all__ = [
    "CorpusError", "CorpusWarning", "load_articles", "skipped_files",
    "plot_articles_timeline",
]
__version__ = "0.1.0"
