"""The articles of a corpus on a timeline."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..style import outlet_colours
from .common import PERIOD, note_figure, table_of

__all__ = ["plot_articles_timeline"]


def plot_articles_timeline(articles) -> Figure:
    """Articles on a timeline: one row each, a dot for a known day, a bar for a month or year.

    ``articles`` is the articles table or an :class:`carlib.Analysis`.

    >>> fig = plot_articles_timeline(load_articles("seeds"))  # doctest: +SKIP
    >>> fig.savefig("articles.png")  # doctest: +SKIP
    """
    articles = table_of(articles, "articles")
    if "published" not in articles:
        return note_figure("No publication dates: add them in articles.csv (published).")
    dated = articles.assign(published=pd.to_datetime(articles["published"], errors="coerce"))
    dated = dated.dropna(subset=["published"]).sort_values("published")
    fig = Figure(figsize=(8, 0.5 * len(dated) + 1.5), layout="constrained")
    ax = fig.add_subplot()
    colours = outlet_colours(dated["outlet"])
    for y, row in enumerate(dated.itertuples()):
        colour = colours[str(row.outlet)]
        period = pd.Period(row.published, freq=PERIOD.get(row.published_precision, "D"))
        if row.published_precision in ("month", "year"):
            start, end = period.start_time, period.end_time
            ax.barh(y, end - start, left=start, height=0.4, color=colour, alpha=0.5)
        else:
            ax.plot(row.published, y, "o", color=colour, markersize=8)
    ax.set_yticks(range(len(dated)), [f"{a} ({o})" for a, o in
                                      zip(dated["article_id"], dated["outlet"])])
    ax.invert_yaxis()
    ax.set_xlabel("published (a bar spans a date known only to the month or year)")
    ax.set_title(f"{len(dated)} dated articles"
                 + (f", {len(articles) - len(dated)} undated" if len(dated) < len(articles) else ""))
    fig.autofmt_xdate()
    return fig
