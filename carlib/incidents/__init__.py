"""Step 5 — incidents: who did what to whom, where and when, how many dead, and who says so.

``extract_incidents(articles)`` returns one row per incident, in ACLED's terms:

=====================  ======================================================================
incident_id            ``INC-0001`` ... (stable for a given corpus)
event_date             the day, week or month the event happened (``datetime64``)
time_precision         ACLED's 1 = day, 2 = a few days or a week, 3 = a month (or only the
                       publication date is known)
event_type,            ACLED's types, from the act and its sides (``incident_types.csv``)
sub_event_type
actor1, assoc_actor_1  the side that acted, as ACLED names it (``Boko Haram``, ``Military
                       Forces of Nigeria``, ``Unidentified Armed Group``), and an associate
                       (a peacekeeping contingent's country)
actor2, assoc_actor_2  the target or the other side (``Civilians``, with their group:
                       ``Muslim``)
location, admin1,      the place (from the geo step), its regions and country (ISO code)
admin2, country
latitude, longitude    its point (empty where no source locates it)
geo_precision          1 = the place itself, 2 = near it or approximate, 3 = a region or the
                       country
fatalities             the reported dead of the event, all sides (``dozens`` -> 12), shared
                       evenly when one sentence names several places or the lede tells one
                       toll for the sub-events of one attack (``notes`` says so); empty if
                       unknown
fatalities_qualifier   the figure's qualifier (exact, about, at_least, vague ...) or unknown
source, reported       outlets (``; ``-joined) and the first publication date
notes                  a one-line summary
sources, n_sources     how many articles report it; ``reports`` lists each report
                       (``source, reported, article_id, sentence_id, start, end, quote``)
<part>_quote,          the frame as it was read, each part with its words and offsets into
<part>_start,          the first report's article: ``trigger`` (the event word), ``agent``,
<part>_end             ``patient``, ``place``, ``time``, ``deaths`` (``-1`` and ``""`` when
                       the text does not give it; the place's words may stand in a sentence
                       before, or in the lede for the story's town)
provenance             ``article_id, sentence_id, start, end, quote`` of the first report
=====================  ======================================================================

How: each event word becomes a frame (:mod:`carlib.incidents.frames`); the frames of one
article about one event become one report (:mod:`carlib.incidents.reports`); reports of the
same event in different articles are merged (:mod:`carlib.incidents.merge`), keeping the
lowest toll, the most precise place and date, and every quote. ``merge=False`` gives the
per-article reports. The focus country and every place come from the geo step; nothing here
decides them again.
"""

from __future__ import annotations

import pandas as pd

from ..geo.geoparse import geolocate
from ..tagging import Tags, tag_corpus
from .merge import INCIDENT_COLUMNS, corpus_reports, frame_table, incidents_table

__all__ = ["extract_incidents", "frame_table", "INCIDENT_COLUMNS"]


def extract_incidents(articles: pd.DataFrame, tags: Tags | None = None,
                      places: pd.DataFrame | None = None, merge: bool = True,
                      focus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Incidents reported by the articles (columns above), merged across articles unless
    ``merge=False``.

    ``tags`` (``carlib.tag_corpus``), ``places`` and ``focus`` (``carlib.geolocate``) are
    reused when given; the geo step computes them otherwise.

    >>> incidents = extract_incidents(load_articles("seeds"))  # doctest: +SKIP
    >>> incidents[["event_date", "event_type", "location", "fatalities", "source"]]  # doctest: +SKIP
    """
    tags = tags or tag_corpus(articles)
    if places is None or focus is None:  # the geo step decides places and focus
        geography = geolocate(articles, tags)
        places = geography.places if places is None else places
        focus = geography.focus
    return incidents_table(corpus_reports(articles, tags, places, focus), merge)
