"""From reports to incidents: one row per report, then reports of one event in different
articles merged into one incident.

Two reports are one event when they come from different articles, have the same event type,
the same place (or one gives only the country and both name the same perpetrator), compatible
perpetrators (the same, or one unnamed) and overlapping dates. Copies of one story
(``story_id`` of the articles table: wire copies, re-publications) are one source: their
reports of one type at one place are one event, dated or not, and ``n_sources`` counts stories,
not copies. Candidates are found by blocking: an incident is indexed under its event type,
country, place and each month its first report's date may stand for (and under its
perpetrator, for country-level reports), so a report is compared with the few incidents of
its block, never with every incident so far. A merged incident keeps the lowest toll, the
most precise place and date, a named perpetrator, and every report's quote.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

import pandas as pd

from ..tagging import Tags
from ..tagging.spans import PROVENANCE
from .frames import INITIATING, Frame, frames_of, sentence_rows
from .reports import REPORT_PARTS, article_reports, parts_of, span

__all__ = ["INCIDENT_COLUMNS", "FRAME_COLUMNS", "report_row", "corpus_reports",
           "report_order", "merged_groups", "incident_id", "incident_row", "incidents_frame",
           "incidents_table", "frame_table", "report_frame", "merged_blocks", "numbered",
           "incidents_of", "BLOCK", "ORDER"]

DATES = "datetime64[us]"  # the unit of the incidents' dates
FRAME_COLUMNS = [f"{part}_{field}" for part in REPORT_PARTS for field in ("quote", "start",
                                                                           "end")]
INCIDENT_COLUMNS = [
    "incident_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "location", "admin1", "admin2", "country",
    "latitude", "longitude", "geo_precision", "fatalities", "fatalities_qualifier", "source",
    "reported", "notes", "sources", "n_sources", "reports", *FRAME_COLUMNS, *PROVENANCE]
_UNNAMED = "Unidentified Armed Group"
_DEFAULT_TARGET = {"Violence against civilians": "Civilians"}
_DEFAULT_AGENT = {"Protests": "Protesters", "Riots": "Rioters"}


def _note(label: str, actor1: str, actor2: str, location: str, deaths: float,
          qualifier: str) -> str:
    whom = f" against {actor2}" if actor2 else ""
    dead = "" if pd.isna(deaths) else f"; {int(deaths)} killed ({qualifier})"
    return f"{label.capitalize()} by {actor1 or 'unknown actors'}{whom} in {location}{dead}"


def report_row(article: dict, frames: list[Frame], focus: str) -> list[dict]:
    """One row per report (event) of one article."""
    rows = []
    initiators = {f.agent.label for f in frames if f.agent is not None and f.agent.named
                  and f.act in INITIATING}
    for report in article_reports(frames, focus):
        where, when = report.best_place(), report.best_time()
        who, whom = report.perpetrator(), report.target()
        kind, sub = report.kind
        deaths, qualifier, _ = report.deaths()
        place = where.place
        precision = int(place["geo_precision"]) if pd.notna(place["geo_precision"]) else 2
        if place["relation"] == "near":
            precision = max(2, precision)
        agent, patient = who.agent, whom.patient
        if report.initiator_swapped(initiators):
            agent, patient = patient, agent
        actor1 = agent.label if agent else _DEFAULT_AGENT.get(kind, _UNNAMED)
        actor2 = patient.label if patient and patient is not agent else _DEFAULT_TARGET.get(
            kind, "")
        first = min(report.frames, key=lambda f: f.trigger.start)
        rows.append({
            "event_date": when.event_date, "time_precision": when.time_precision,
            "event_type": kind, "sub_event_type": sub, "actor1": actor1,
            "assoc_actor_1": agent.assoc if agent else "", "actor2": actor2,
            "assoc_actor_2": patient.assoc if patient else "",
            "location": place["name"], "admin1": place.get("admin1", ""),
            "admin2": place.get("admin2", ""), "country": place["country_code"] or focus,
            "latitude": place["lat"], "longitude": place["lon"], "feature": place["feature"],
            "geo_precision": min(3, precision), "fatalities": deaths,
            "fatalities_qualifier": qualifier, "source": article.get("outlet") or "unknown",
            "reported": pd.to_datetime(article.get("published"), errors="coerce"),
            "notes": _note(first.label, actor1, actor2, place["name"], deaths, qualifier)
            + report.share_note(),
            "group": agent.label if agent and agent.named else "",
            **parts_of(report), "article_id": article["article_id"],
            "story": article.get("story_id") or article["article_id"],
            "sentence_id": where.sentence_id, "start": where.sentence[0],
            "end": where.sentence[1],
            "quote": article["text"][where.sentence[0]:where.sentence[1]]})
    return rows


def corpus_reports(articles: pd.DataFrame, tags: Tags, places: pd.DataFrame,
                   focus: pd.DataFrame) -> list[dict]:
    """Every article's report rows (:func:`report_row`), in table order: what
    :func:`incidents_table` merges. ``tags`` and ``places``/``focus`` come from
    ``carlib.tag_corpus`` and ``carlib.geolocate``.

    >>> reports = corpus_reports(articles, tags, geo.places, geo.focus)  # doctest: +SKIP
    """
    rows = sentence_rows(tags, places)
    focus_of = dict(zip(focus["article_id"], focus["focus_country"]))
    countries = places[(places["feature"] == "country") & places["kind"].eq("name")
                       & ~places["relation"].isin(["to", "from", "speaker", "home"])]
    country_place = {(a, c): p for a, c, p in zip(countries["article_id"],
                                                   countries["country_code"],
                                                   countries.to_dict("records"))}
    by_article = {a: list(g.itertuples(index=False))
                  for a, g in tags.sentences.groupby("article_id", sort=False)}
    reports = []
    for article in articles.to_dict("records"):
        code = focus_of.get(article["article_id"], "")
        found = frames_of(article, by_article.get(article["article_id"], []), rows, code,
                          country_place.get((article["article_id"], code)))
        reports.extend(report_row(article, found, code))
    return reports


def _same_event(a: dict, b: dict) -> bool:
    if a["article_id"] == b["article_id"] or a["event_type"] != b["event_type"]:
        return False
    if a["story"] == b["story"]:  # two copies of one story: one event per type and place
        return a["country"] == b["country"] and a["location"] == b["location"]
    if a["group"] and b["group"] and a["group"] != b["group"]:
        return False
    country_level = "country" in (a["feature"], b["feature"]) and a["group"] == b["group"] != ""
    if a["country"] != b["country"] or (a["location"] != b["location"] and not country_level):
        return False
    if pd.isna(a["event_date"]) or pd.isna(b["event_date"]):
        return False
    (a0, a1), (b0, b1) = span(a["event_date"], a["time_precision"]), span(
        b["event_date"], b["time_precision"])
    return a0 <= b1 and b0 <= a1


def incident_id(number: int) -> str:
    """The id of the incident numbered ``number``.

    >>> incident_id(7)
    'INC-0007'
    """
    return f"INC-{number:04d}"


def incident_row(group: list[dict], number: int) -> dict:
    """Incident ``INC-<number>`` from its reports (in merge order): the most precise place and
    date, the lowest count, every report's quote.

    >>> incident_row(merged_groups(reports)[0], 1)["incident_id"]  # doctest: +SKIP
    'INC-0001'
    """
    best_place = min(group, key=lambda r: r["geo_precision"])
    best_time = min(group, key=lambda r: r["time_precision"])
    counted = [r for r in group if pd.notna(r["fatalities"])]
    fewest = min(counted, key=lambda r: r["fatalities"]) if counted else group[0]
    first = min(group, key=lambda r: (r["reported"] if pd.notna(r["reported"])
                                      else pd.Timestamp.max))
    named = [r for r in group if r["group"]] or group
    outlets = list(dict.fromkeys(r["source"] for r in group))
    return {
        "incident_id": incident_id(number),
        "event_date": best_time["event_date"], "time_precision": best_time["time_precision"],
        "event_type": group[0]["event_type"], "sub_event_type": group[0]["sub_event_type"],
        **{k: named[0][k] for k in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")},
        **{k: best_place[k] for k in ("location", "admin1", "admin2", "country", "latitude",
                                      "longitude", "geo_precision")},
        "fatalities": fewest["fatalities"], "fatalities_qualifier": fewest["fatalities_qualifier"],
        "source": "; ".join(outlets), "reported": first["reported"], "notes": fewest["notes"],
        "sources": "; ".join(f"{r['source']} ({r['reported']:%Y-%m-%d})"
                             if pd.notna(r["reported"]) else r["source"] for r in group),
        "n_sources": len({r["story"] for r in group}),
        "reports": [{k: r[k] for k in ("source", "reported", *PROVENANCE)} for r in group],
        **{k: first[k] for k in FRAME_COLUMNS}, **{k: first[k] for k in PROVENANCE}}


def _months(report: dict) -> list[pd.Period]:
    """The months a report's date may stand for (none when it is undated)."""
    if pd.isna(report["event_date"]):
        return []
    first, last = span(report["event_date"], report["time_precision"])
    return list(pd.period_range(first, last, freq="M"))


class _Blocks:
    """The incidents so far, indexed by the keys a matching report must share with them."""

    def __init__(self) -> None:
        self.groups: list[list[dict]] = []
        self.index: dict[tuple, list[int]] = defaultdict(list)

    @staticmethod
    def _keys(report: dict, months: list[pd.Period], query: bool) -> list[tuple]:
        """Where an incident is filed (``query=False``, from its first report) or where a
        report looks for one: its story and place, and, for a named perpetrator, the
        country-level incidents of that perpetrator (or, from a country-level report, all of
        them)."""
        kind, country, group = report["event_type"], report["country"], report["group"]
        keys = [("story", report["story"], kind, country, report["location"])]
        keys += [("place", kind, country, report["location"], m) for m in months]
        if group:
            country_level = report["feature"] == "country"
            if query:
                scope = "named" if country_level else "country-level"
                keys += [(scope, kind, country, group, m) for m in months]
            else:
                keys += [("named", kind, country, group, m) for m in months]
                if country_level:
                    keys += [("country-level", kind, country, group, m) for m in months]
        return keys

    def home(self, report: dict) -> list[dict] | None:
        """The earliest incident the report is part of, if any."""
        months = _months(report)
        seen = sorted({i for key in self._keys(report, months, True)
                       for i in self.index.get(key, ())})
        return next((self.groups[i] for i in seen if _same_event(report, self.groups[i][0])),
                    None)

    def add(self, report: dict) -> None:
        self.groups.append([report])
        for key in self._keys(report, _months(report), False):
            self.index[key].append(len(self.groups) - 1)


def report_order(report: dict) -> tuple:
    """Where a report comes in the merge: by publication date (undated last), article and
    offset; ties keep the order the reports were given in.

    >>> report_order({"reported": pd.NaT, "article_id": "a", "start": 40})
    (Timestamp('2262-04-11 23:47:16.854775807'), 'a', 40)
    """
    return (report["reported"] if pd.notna(report["reported"]) else pd.Timestamp.max,
            report["article_id"], report["start"])


def merged_groups(reports: list[dict], merge: bool = True) -> list[list[dict]]:
    """The reports as incidents, each a list of its reports in merge order, in the order the
    incidents are numbered (by their first report's :func:`report_order`); with
    ``merge=False`` every report is its own incident.

    The incidents of different event types or countries never share a report, so the
    reports of each (``event_type``, ``country``) may be merged apart and give the same
    groups (:mod:`carlib.distributed` does).

    >>> [len(g) for g in merged_groups(reports)]  # doctest: +SKIP
    [3, 1, 2]
    """
    blocks = _Blocks()
    for report in sorted(reports, key=report_order):
        home = blocks.home(report) if merge else None
        if home is None:
            blocks.add(report)
        else:
            home.append(report)
    return blocks.groups


def incidents_frame(rows: list[dict]) -> pd.DataFrame:
    """The incidents table of :func:`incident_row` rows, with its columns and types.

    >>> incidents_frame([]).columns[0]
    'incident_id'
    """
    out = pd.DataFrame(rows, columns=INCIDENT_COLUMNS)
    for column in ("event_date", "reported"):  # one unit whatever the reports were parsed at
        out[column] = pd.to_datetime(out[column]).astype(DATES)
    for column in ("latitude", "longitude", "fatalities"):
        out[column] = out[column].astype("float64")
    for column in ("time_precision", "geo_precision", "n_sources", "sentence_id", "start", "end",
                   *(c for c in FRAME_COLUMNS if not c.endswith("_quote"))):
        out[column] = out[column].astype("int64")
    return out


def incidents_table(reports: list[dict], merge: bool = True) -> pd.DataFrame:
    """The incidents table of the reports, merged across articles unless ``merge=False``.

    >>> incidents_table(corpus_reports(articles, tags, geo.places, geo.focus))  # doctest: +SKIP
    """
    return incidents_frame([incident_row(g, i)
                            for i, g in enumerate(merged_groups(reports, merge), start=1)])


BLOCK = ["event_type", "country"]  # no incident has reports that differ in these
# what _same_event and report_order read of a report, with its number within its article
_MERGE_KEYS = ["article_id", "event_type", "story", "country", "location", "group", "feature",
               "event_date", "time_precision", "reported", "start", "_seq"]
# where an incident comes in the table: its first report's report_order, ties in report order
ORDER = ["_order_reported", "_order_article", "_order_start", "_order_seq"]


def report_frame(reports: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    """The report rows of some articles (a batch, a partition) as a table, with each report's
    article position (``_pos``, the index of ``articles``) and number within its article
    (``_seq``): the order the merge meets them in. Its rows keep a batch's reports in a few
    columns rather than a dict each until :func:`incidents_of` merges them.

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


def merged_blocks(reports: pd.DataFrame) -> pd.DataFrame:
    """The incidents of every :data:`BLOCK` in ``reports`` (a :func:`report_frame`), each
    block's reports merged on their own (one block at a time, on the columns the merge reads),
    numbered 0, with their :data:`ORDER` columns.

    >>> merged_blocks(report_frame(reports, articles))[ORDER]  # doctest: +SKIP
    """
    rows = []
    for _, block in reports.groupby(BLOCK, sort=False, dropna=False):
        block = block.sort_values(["_pos", "_seq"])
        # merged on the few columns the merge reads; each incident's reports read in full
        keys = block[_MERGE_KEYS].assign(_row=range(len(block))).to_dict("records")
        for group in merged_groups(keys):
            full = block.iloc[[r["_row"] for r in group]].to_dict("records")
            when, article, start = report_order(group[0])
            rows.append({**incident_row(full, 0), "_order_reported": when.value,
                         "_order_article": article, "_order_start": start,
                         "_order_seq": group[0]["_seq"]})
    out = incidents_frame(rows)
    for column in ORDER:
        out[column] = [r[column] for r in rows]
    return out.astype({"_order_reported": "int64", "_order_article": "str",
                       "_order_start": "int64", "_order_seq": "int64"})


def numbered(incidents: pd.DataFrame, first: int) -> pd.DataFrame:
    """Incidents sorted by :data:`ORDER`, numbered from ``first``, those columns dropped.

    >>> numbered(merged_blocks(frame).sort_values(ORDER), 1)["incident_id"]  # doctest: +SKIP
    """
    out = incidents.drop(columns=ORDER).reset_index(drop=True)
    out["incident_id"] = [incident_id(n) for n in range(first, first + len(out))]
    return out


def incidents_of(reports: pd.DataFrame) -> pd.DataFrame:
    """The incidents table of a corpus's :func:`report_frame` (its batches' joined): the table
    :func:`incidents_table` gives for the same reports, merged block by block.

    >>> incidents_of(report_frame(reports, articles))  # doctest: +SKIP
    """
    if reports.empty:
        return incidents_frame([])
    return numbered(merged_blocks(reports).sort_values(ORDER), 1)


def _sentence_of(sentences: pd.DataFrame) -> dict[str, tuple[list[int], list[int]]]:
    """Per article, its sentences' starts (ascending) and ids."""
    ordered = sentences.sort_values(["article_id", "start"])
    return {a: (g["start"].tolist(), g["sentence_id"].tolist())
            for a, g in ordered.groupby("article_id", sort=False)}


def frame_table(incidents: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """How each incident's first report was read, one row per frame part the text gives:
    ``incident_id, part`` (``trigger``, ``agent``, ``patient``, ``place``, ``time``,
    ``deaths``), ``quote`` (its words) and their own provenance (``article_id``, the
    ``sentence_id`` the words are in, which may be a sentence before the report's, ``start,
    end``; ``text[start:end] == quote``). ``sentences`` is ``tags.sentences``.

    >>> frame_table(analysis.incidents, analysis.tags.sentences).head(2)  # doctest: +SKIP
      incident_id     part   quote            article_id  sentence_id  start  end
    0    INC-0001  trigger  killed  000_3e88c355ff1f429e            2    392  398
    """
    located = _sentence_of(sentences)
    rows = []
    for row in incidents.to_dict("records"):
        starts, ids = located.get(row["article_id"], ([], []))
        for part in REPORT_PARTS:
            start = row[f"{part}_start"]
            if start < 0:
                continue
            at = bisect.bisect_right(starts, start) - 1
            rows.append({"incident_id": row["incident_id"], "part": part,
                         "quote": row[f"{part}_quote"], "article_id": row["article_id"],
                         "sentence_id": ids[at] if at >= 0 else row["sentence_id"],
                         "start": start, "end": row[f"{part}_end"]})
    return pd.DataFrame(rows, columns=["incident_id", "part", "quote", "article_id",
                                       "sentence_id", "start", "end"])
