"""The incident merge as a shuffle: reports grouped by block, merged, sorted and numbered.

Two reports of different event types or countries are never one incident, and every key of
the local merge's blocked index starts with both (:mod:`carlib.incidents.merge`), so the
reports are shuffled by (``event_type``, ``country``) and each group merged on its own by the
local engine's own :func:`~carlib.incidents.merge.merged_groups` (which blocks further by
place and month), its reports in the order the local engine meets them. The incidents are
then sorted by their first report's :func:`~carlib.incidents.merge.report_order` (ties in the
order of the reports) and numbered from each partition's offset: the same incidents and ids.

>>> parts = incident_parts(reports)  # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd
from dask import delayed

from ..incidents.merge import (DATES, incident_id, incident_row, incidents_frame, merged_groups,
                               report_order)

__all__ = ["incident_parts", "with_story", "report_frame", "BLOCK", "ORDER"]

BLOCK = ["event_type", "country"]
ORDER = ["_order_reported", "_order_article", "_order_start", "_order_seq"]


def report_frame(reports: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    """The report rows of a partition's articles as a table, with each report's article
    position (``_pos``) and number within its article (``_seq``), the order the local merge
    meets them in.

    >>> report_frame(corpus_reports(articles, tags, places, focus), articles)  # doctest: +SKIP
    """
    frame = pd.DataFrame(reports)
    if frame.empty:
        return frame
    for column in frame.select_dtypes(include=["datetime"]).columns:
        # one unit in every partition (a partition's dates may be parsed at another one)
        frame[column] = frame[column].astype(DATES)
    position = pd.Series(articles.index, index=articles["article_id"])
    frame["_pos"] = frame["article_id"].map(position).astype("int64")
    frame["_seq"] = frame.groupby("_pos").cumcount().astype("int64")
    return frame


def with_story(reports: pd.DataFrame, marks: pd.DataFrame) -> pd.DataFrame:
    """``reports`` with each one's ``story``: its article's ``story_id`` in ``marks`` (the
    copies), else its own article.

    >>> with_story(reports, marks)["story"]  # doctest: +SKIP
    """
    if reports.empty:
        return reports
    story = reports["_pos"].map(marks["story_id"])
    return reports.assign(story=story.fillna(reports["article_id"]).astype("str"))


def _merge_blocks(reports: pd.DataFrame) -> pd.DataFrame:
    """The incidents of every block in ``reports`` (numbered 0), with their order columns."""
    rows = []
    for _, block in reports.groupby(BLOCK, sort=False, dropna=False):
        records = block.sort_values(["_pos", "_seq"]).to_dict("records")
        for group in merged_groups(records):
            when, article, start = report_order(group[0])
            rows.append({**incident_row(group, 0), "_order_reported": when.value,
                         "_order_article": article, "_order_start": start,
                         "_order_seq": group[0]["_seq"]})
    out = incidents_frame(rows)
    for column in ORDER:
        out[column] = [r[column] for r in rows]
    return out.astype({"_order_reported": "int64", "_order_article": "str",
                       "_order_start": "int64", "_order_seq": "int64"})


def _numbered(incidents: pd.DataFrame, first: int) -> pd.DataFrame:
    """A sorted partition of incidents, numbered from ``first``, its order columns dropped."""
    out = incidents.drop(columns=ORDER).reset_index(drop=True)
    out["incident_id"] = [incident_id(n) for n in range(first, first + len(out))]
    return out


def incident_parts(reports) -> list:
    """The incidents table of ``reports`` (a dask DataFrame of report rows with their
    story), as delayed partitions in incident order.

    >>> parts = incident_parts(reports)  # doctest: +SKIP
    """
    merged = reports.shuffle(on=BLOCK, npartitions=reports.npartitions).map_partitions(
        _merge_blocks, meta=_merge_blocks(reports._meta))
    ordered = merged.sort_values(ORDER).persist()
    sizes = ordered.map_partitions(len).compute().tolist()
    firsts = [1 + sum(sizes[:i]) for i in range(len(sizes))]
    return [delayed(_numbered)(part, first) for part, first in zip(ordered.to_delayed(), firsts)]
