"""The per-article steps on one partition of articles, on a worker.

Every step from describing the articles to the incident reports reads one article at a time
(the local engine's tables are these tables of each partition, one after the other), so a
partition runs the local engine's own per-article steps,
:func:`~carlib.pipeline.analyse_batch`, with the worker's gazetteer. What needs the other
articles (copies, the incident merge) is left to the shuffles, from the ``keys`` and
``reports`` returned here.

>>> tables = analyse_partition(raw.iloc[:10], install(client))  # on a worker  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..pipeline import PER_ARTICLE, analyse_batch
from .articles import copy_keys, describe
from .cluster import worker_gazetteer

__all__ = ["analyse_partition"]


def analyse_partition(raw: pd.DataFrame, plugin: str) -> dict[str, Any]:
    """The per-article tables of ``raw`` (a partition of ``read_corpus``, indexed by
    position): ``articles`` (without the copies' marks), the tables of
    :data:`~carlib.pipeline.PER_ARTICLE`, ``keys`` and ``reports`` for the shuffles, and the
    language warnings (``messages``).

    >>> analyse_partition(raw.iloc[:10], name)["focus"]  # doctest: +SKIP
    """
    articles, messages = describe(raw)
    tables, reports = analyse_batch(articles, worker_gazetteer(plugin))
    return {"articles": articles, **tables, "keys": copy_keys(articles),
            "reports": reports, "messages": messages}
