"""The incident merge as a shuffle: reports grouped by block, merged, sorted and numbered.

Two reports of different event types or countries are never one incident, and every key of
the local merge's blocked index starts with both (:mod:`carlib.incidents.merge`), so the
reports are shuffled by (``event_type``, ``country``) and each group merged on its own by the
local engine's own :func:`~carlib.incidents.merge.merged_blocks` (which blocks further by
place and month), its reports in the order the local engine meets them. The incidents are
then sorted by their first report's :func:`~carlib.incidents.merge.report_order` (ties in the
order of the reports) and numbered from each partition's offset: the same incidents and ids.

>>> parts = incident_parts(reports)  # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd
from dask import delayed

from ..incidents.merge import BLOCK, ORDER, merged_blocks, numbered

__all__ = ["incident_parts", "with_story"]


def with_story(reports: pd.DataFrame, marks: pd.DataFrame) -> pd.DataFrame:
    """``reports`` with each one's ``story``: its article's ``story_id`` in ``marks`` (the
    copies), else its own article.

    >>> with_story(reports, marks)["story"]  # doctest: +SKIP
    """
    if reports.empty:
        return reports
    story = reports["_pos"].map(marks["story_id"])
    return reports.assign(story=story.fillna(reports["article_id"]).astype("str"))


def incident_parts(reports) -> list:
    """The incidents table of ``reports`` (a dask DataFrame of report rows with their
    story), as delayed partitions in incident order.

    >>> parts = incident_parts(reports)  # doctest: +SKIP
    """
    merged = reports.shuffle(on=BLOCK, npartitions=reports.npartitions).map_partitions(
        merged_blocks, meta=merged_blocks(reports._meta))
    ordered = merged.sort_values(ORDER).persist()
    sizes = ordered.map_partitions(len).compute().tolist()
    firsts = [1 + sum(sizes[:i]) for i in range(len(sizes))]
    return [delayed(numbered)(part, first) for part, first in zip(ordered.to_delayed(), firsts)]
