"""Incidents' fatalities summed per place."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from ..style import OKABE_ITO
from .common import note_figure, require, source_line, table_of, thousands

__all__ = ["plot_fatalities_by_place"]


def plot_fatalities_by_place(incidents) -> Figure:
    """Fatalities per place: the sum of each incident's conservative ``fatalities``.

    ``incidents`` is the incidents table or an :class:`carlib.Analysis`.

    A place whose incidents give no toll shows a zero-length bar labelled ``unknown``; a
    place with some unknown tolls says how many. Incidents without a ``location`` are grouped
    as ``(no location)``. Bars are sorted, largest on top; each has the ``gid``
    ``place <location>``.

    >>> fig = plot_fatalities_by_place(incidents)  # doctest: +SKIP
    """
    incidents = table_of(incidents, "incidents")
    require(incidents, ["location", "fatalities"], "plot_fatalities_by_place",
             "the table from carlib.extract_incidents")
    if incidents.empty:
        return note_figure("No incidents: no fatalities to plot.")
    places = incidents.assign(place=incidents["location"].fillna("").astype(str)
                              .replace("", "(no location)"))
    grouped = places.groupby("place")["fatalities"]
    table = pd.DataFrame({"total": grouped.sum(min_count=1),
                          "unknown": grouped.apply(lambda s: int(s.isna().sum())),
                          "incidents": grouped.size()})
    table = table.assign(_known=table["total"].notna()) \
        .sort_values(["_known", "total"], ascending=[True, True], na_position="first")
    fig = Figure(figsize=(9, 0.4 * len(table) + 1.6), layout="constrained")
    ax = fig.add_subplot()
    bars = ax.barh(range(len(table)), table["total"].fillna(0), color=OKABE_ITO[5], height=0.6)
    labels = []
    for bar, (place, row) in zip(bars, table.iterrows()):
        bar.set_gid(f"place {place}")
        if pd.isna(row["total"]):
            labels.append("unknown")
        else:
            extra = f" (+{row['unknown']} incident(s), toll unknown)" if row["unknown"] else ""
            labels.append(f"{row['total']:,.0f}{extra}")
    ax.bar_label(bars, labels, padding=3, fontsize=8)
    ax.set_yticks(range(len(table)), table.index)
    ax.set_xlim(0, max(table["total"].max(skipna=True) if table["_known"].any() else 0, 1) * 1.3)
    thousands(ax.xaxis)
    ax.set_xlabel("fatalities (sum of each incident's conservative count)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"Fatalities by place ({len(incidents)} incidents)", loc="left", fontsize=10)
    sources = sorted(set(incidents["source"].dropna().astype(str)) - {""}) \
        if "source" in incidents else []
    source_line(fig, [f"Source: {len(incidents)} incidents from "
                       f"{incidents['article_id'].nunique()} articles"
                       + (f" ({', '.join(sources)})" if sources else "")
                       + ", quotes in the incidents table."])
    return fig
