"""The per-article steps on one partition of articles, on a worker.

Every step from describing the articles to the incident reports reads one article at a time
(the local engine's tables are these tables of each partition, one after the other), so a
partition runs the local engine's own functions: ``tag_corpus``, ``geolocate`` with the
worker's gazetteer, ``locate_figures`` and the report rows of
:func:`~carlib.incidents.merge.corpus_reports`. What needs the other articles (copies, the
incident merge) is left to the shuffles, from the ``keys`` and ``reports`` returned here.

>>> tables = analyse_partition(raw.iloc[:10], install(client))  # on a worker  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import pandas as pd

from ..geo import geolocate, locate_figures
from ..incidents.merge import corpus_reports
from ..tagging import Tags, tag_corpus
from .articles import copy_keys, describe
from .cluster import worker_gazetteer
from .incidents import report_frame

__all__ = ["analyse_partition", "PER_ARTICLE"]

PER_ARTICLE = [f.name for f in fields(Tags)] + ["places", "focus"]  # final as computed here


def analyse_partition(raw: pd.DataFrame, plugin: str) -> dict[str, Any]:
    """The per-article tables of ``raw`` (a partition of ``read_corpus``, indexed by
    position): ``articles`` (without the copies' marks), the tables of :data:`PER_ARTICLE`,
    ``keys`` and ``reports`` for the shuffles, and the language warnings (``messages``).

    >>> analyse_partition(raw.iloc[:10], name)["focus"]  # doctest: +SKIP
    """
    gazetteer = worker_gazetteer(plugin)
    articles, messages = describe(raw)
    tags = tag_corpus(articles)
    geography = geolocate(articles, tags, gazetteer=gazetteer)
    tags = replace(tags, figures=locate_figures(tags.figures, geography.places))
    reports = corpus_reports(articles, tags, geography.places, geography.focus)
    return {"articles": articles, **{f.name: getattr(tags, f.name) for f in fields(Tags)},
            "places": geography.places, "focus": geography.focus, "keys": copy_keys(articles),
            "reports": report_frame(reports, articles), "messages": messages}
