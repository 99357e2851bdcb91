"""Charts (matplotlib): each function takes a carlib table and returns a ``Figure``.

Colours come from the Okabe-Ito palette, which stays distinct for colour-blind readers.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

__all__ = ["OKABE_ITO", "plot_articles_timeline"]

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
_PERIOD = {"day": "D", "month": "M", "year": "Y"}


def outlet_colours(outlets: pd.Series) -> dict[str, str]:
    """One palette colour per outlet, in sorted order, so every chart agrees."""
    names = sorted(set(outlets.dropna().astype(str)))
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}


def plot_articles_timeline(articles: pd.DataFrame) -> Figure:
    """Articles on a timeline: one row each, a dot for a known day, a bar for a month or year.

    >>> fig = plot_articles_timeline(load_articles("seeds"))  # doctest: +SKIP
    >>> fig.savefig("articles.png")  # doctest: +SKIP
    """
    dated = articles.dropna(subset=["published"]).sort_values("published")
    fig = Figure(figsize=(8, 0.5 * len(dated) + 1.5), layout="constrained")
    ax = fig.add_subplot()
    colours = outlet_colours(dated["outlet"])
    for y, row in enumerate(dated.itertuples()):
        colour = colours[str(row.outlet)]
        period = pd.Period(row.published, freq=_PERIOD.get(row.published_precision, "D"))
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
