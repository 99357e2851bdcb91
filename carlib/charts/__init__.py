"""Charts (matplotlib): each ``plot_*`` function takes a carlib table or an ``Analysis`` and
returns a ``Figure``.

=============================  ===============================================================
``plot_articles_timeline``     the articles on a timeline (a dot per day, a bar per month/year)
``figures_timeline``           figures about people as a tidy table: the date each refers to,
                               the number to draw and its scope (cumulative/period/snapshot)
``plot_figures``               the figures timeline, one panel per category, key dates as lines
``figure_gid(row)``            the ``gid`` of the artist that draws a timeline row
``plot_fatalities_by_place``   incidents' fatalities summed per place, a horizontal bar chart
``save_figure``                write a figure as PNG (150 dpi) and SVG, atomically
=============================  ===============================================================

Figures are built with ``Figure(...)``, never pyplot, so nothing leaks between calls. Colours
come from :mod:`carlib.style` (Okabe-Ito, the same per outlet as in the maps). Every plotted
figure about people carries a ``gid`` naming its row (:func:`figure_gid`), so a test or an
SVG reader can trace a marker back to its quote.
"""

from .articles import plot_articles_timeline
from .common import save_figure
from .figures import (SCOPES, TIMELINE_CATEGORIES, TIMELINE_COLUMNS, figure_gid,
                      figures_timeline, plot_figures)
from .incidents import plot_fatalities_by_place

__all__ = ["SCOPES", "TIMELINE_CATEGORIES", "TIMELINE_COLUMNS", "figure_gid", "figures_timeline",
           "plot_articles_timeline", "plot_fatalities_by_place", "plot_figures", "save_figure"]
