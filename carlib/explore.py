"""Exploring a corpus's incidents in JupyterLab: filters, the table, the map and the quotes.

``explore(analysis)`` returns a panel (an ``ipywidgets`` widget) with two tabs:

- **Incidents**: filters for the date range, event type, actor (``actor1`` or ``actor2``),
  country, place, the least number of dead and words in the reports' quotes; under them the
  incidents that pass (an interactive table from ``itables``: search, sort, pages, all offline)
  and the carlib incident map of those same rows, with its time control. Choosing an incident
  (click its row in the table, or pick its id in the *incident* list) shows every report of it:
  outlet, date, article, character offsets and the verbatim quote, escaped.
- **Figures**: the figures about people with their outlet, filtered by category and by words
  in the quote.

Every filter change recomputes one table (``filter_incidents``) and redraws the table and the
map together; nothing needs the network (the table's JavaScript ships with ``itables``, the
map's with the XStatic packages). Shown in a report (nbconvert, no kernel), the panel falls
back to a static snapshot: every incident in a searchable table, and the map.

``filter_incidents`` is the panel's filtering, usable on its own:

>>> filter_incidents(analysis.incidents, start="2014-01-01", actor="anti-balaka",
...                  min_fatalities=10)  # doctest: +SKIP
"""

from __future__ import annotations

import html
import logging
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .charts.common import table_of
from .errors import TableError
from .geo.countries import country_name
from .maps import incident_map
from .maps.elements import place_text, render, report_items
from .maps.shaping import date_text, fatalities_text, perpetrators, reports as report_dicts
from .maps.shaping import text as as_text
from .tables import Table, datatable_options, format_table, notice, numeric_columns, show_table

__all__ = ["explore", "filter_incidents", "ExplorePanel", "incidents_view", "figures_view",
           "TABLE_COLUMNS", "FIGURE_COLUMNS"]

# the incident columns the panel's table shows, in order (``country`` by name)
TABLE_COLUMNS = ["incident_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                 "location", "admin1", "country", "fatalities", "source", "n_sources"]
FIGURE_COLUMNS = ["article_id", "outlet", "published", "category", "value", "low", "high",
                  "qualifier", "unit", "subject", "place", "date_start", "date_end", "quote"]
_ANY = ""  # the dropdowns' "any" choice
MAP_HEIGHT = 520  # pixels
SLOW_MAP = 500  # incidents: above, the status line says the map is being drawn
_MAP_LOGGER = "carlib.maps.incident_map"  # where incident_map logs its unplaced incidents


# ---------------------------------------------------------------- filtering (pure Python)

def fold(value: Any) -> str:
    """Text for matching: case and accents dropped, spaces collapsed ('Bossemptélé' ->
    'bossemptele').

    >>> fold("  Bossemptélé  PK5 ")
    'bossemptele pk5'
    """
    decomposed = unicodedata.normalize("NFKD", as_text(value))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c))
                    .casefold().split())


def _folded(column: pd.Series) -> pd.Series:
    return column.map(fold)


def _day(value: Any, name: str) -> pd.Timestamp:
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"filter_incidents: {name}={value!r} is not a date "
                         "(give a date, a Timestamp or 'YYYY-MM-DD')") from err
    if pd.isna(day):
        raise ValueError(f"filter_incidents: {name} is not a date ({value!r})")
    return day.tz_localize(None).normalize() if day.tzinfo else day.normalize()


def _need(incidents: pd.DataFrame, columns: list[str], argument: str) -> None:
    missing = [c for c in columns if c not in incidents.columns]
    if missing:
        raise TableError(f"filter_incidents: {argument} needs the column(s) {missing}, which "
                         "this incidents table lacks")


def _folded_quotes(incidents: pd.DataFrame) -> pd.Series:
    """Each incident's report quotes, folded, in one string (the ``quote`` column where
    ``reports`` is missing or empty, as in a table read back from CSV)."""
    fallback = incidents.get("quote", pd.Series("", index=incidents.index)).map(as_text)
    if "reports" not in incidents.columns:
        return fallback.map(fold)
    joined = [" ".join(as_text(r.get("quote")) for r in found)
              if isinstance(found, (list, tuple)) and len(found) else alone
              for found, alone in zip(incidents["reports"], fallback)]
    return pd.Series(joined, index=incidents.index, dtype=object).map(fold)


def filter_incidents(incidents, *, start: Any = None, end: Any = None,
                     event_types: Iterable[str] | str = (), actor: str | None = None,
                     country: str | None = None, place: str | None = None,
                     min_fatalities: float | None = None,
                     text: str | None = None) -> pd.DataFrame:
    """The incidents (a table or an :class:`carlib.Analysis`) that pass every filter given;
    ``None`` or empty means no filter. The rows keep their index and order.

    - ``start``, ``end``: dates, both included. An incident is kept when its date may fall in
      the range: a month-precision date (``time_precision`` 3) stands for its whole month.
      Undated incidents are left out once a bound is given.
    - ``event_types``: ACLED event types or sub-event types (``"Battles"``,
      ``"Armed clash"``); any of them.
    - ``actor``: ``actor1`` or ``actor2`` is this actor (case and accents ignored).
    - ``country``: an ISO code (``"CF"``) or a country name (``"Central African Republic"``).
    - ``place``: words found in ``location``, ``admin1`` or ``admin2`` (``"bangui"`` keeps PK5,
      whose admin1 is Bangui).
    - ``min_fatalities``: at least that many dead; unknown tolls are left out (unless ``0``).
    - ``text``: every word appears in the quotes of the incident's reports, as a word or a part
      of one (``men`` finds ``gunmen``, as a table's search box does; case and accents
      ignored).

    >>> filter_incidents(incidents, event_types=["Battles"], country="CF")  # doctest: +SKIP
    """
    incidents = table_of(incidents, "incidents")
    if not len(incidents):
        return incidents.copy()
    keep = pd.Series(True, index=incidents.index)
    if start is not None or end is not None:
        _need(incidents, ["event_date"], "a date range")
        first = pd.to_datetime(incidents["event_date"], errors="coerce")
        if getattr(first.dt, "tz", None) is not None:
            first = first.dt.tz_localize(None)
        first = first.dt.normalize()
        last = first
        if "time_precision" in incidents.columns:
            month = pd.to_numeric(incidents["time_precision"], errors="coerce").eq(3)
            periods = first[month].dt.to_period("M")
            first = first.mask(month, periods.dt.start_time)
            last = last.mask(month, periods.dt.end_time.dt.normalize())
        if start is not None:
            keep &= last >= _day(start, "start")
        if end is not None:
            keep &= first <= _day(end, "end")
    if isinstance(event_types, str):
        event_types = [event_types]
    wanted = {fold(t) for t in event_types if fold(t)}
    if wanted:
        _need(incidents, ["event_type"], "event_types")
        kinds = [c for c in ("event_type", "sub_event_type") if c in incidents.columns]
        keep &= pd.concat([_folded(incidents[c]).isin(wanted) for c in kinds], axis=1).any(axis=1)
    if actor is not None and fold(actor):
        _need(incidents, ["actor1"], "actor")
        sides = [c for c in ("actor1", "actor2") if c in incidents.columns]
        keep &= pd.concat([_folded(incidents[c]).eq(fold(actor)) for c in sides],
                          axis=1).any(axis=1)
    if country is not None and fold(country):
        _need(incidents, ["country"], "country")
        codes = incidents["country"].map(as_text)
        keep &= (codes.map(fold).eq(fold(country))
                 | codes.map(lambda c: fold(country_name(c)) if c else "").eq(fold(country)))
    if place is not None and fold(place):
        _need(incidents, ["location"], "place")
        areas = [c for c in ("location", "admin1", "admin2") if c in incidents.columns]
        keep &= pd.concat([_folded(incidents[c]).str.contains(fold(place), regex=False)
                           for c in areas], axis=1).any(axis=1)
    if min_fatalities is not None and not pd.isna(min_fatalities):
        _need(incidents, ["fatalities"], "min_fatalities")
        if min_fatalities > 0:
            keep &= pd.to_numeric(incidents["fatalities"], errors="coerce") >= min_fatalities
    words = fold(text).split() if text is not None else []
    if words:
        if "reports" not in incidents.columns:
            _need(incidents, ["quote"], "text")
        quotes = _folded_quotes(incidents)
        for word in words:
            keep &= quotes.str.contains(word, regex=False)
    return incidents[keep]


# ---------------------------------------------------------------- what the tables show

def _event_date_text(row: dict[str, Any]) -> str:
    day = pd.to_datetime(row.get("event_date"), errors="coerce")
    if pd.isna(day):
        return ""
    return f"{day:%Y-%m}" if row.get("time_precision") == 3 else f"{day:%Y-%m-%d}"


def incidents_view(incidents: pd.DataFrame) -> pd.DataFrame:
    """The incident columns the panel shows (``TABLE_COLUMNS`` that exist), formatted as the
    reports format them (:func:`carlib.tables.format_table`); a month-precision date shows as
    ``2013-12`` and the country by its name."""
    columns = [c for c in TABLE_COLUMNS if c in incidents.columns]
    view = format_table(incidents, columns)
    if "event_date" in view.columns:
        view["event_date"] = [_event_date_text(r) for r in incidents.to_dict("records")]
    if "country" in view.columns:
        view["country"] = [country_name(c) if c else "" for c in view["country"]]
    return view


def _numeric_view_columns(incidents: pd.DataFrame) -> list[int]:
    columns = [c for c in TABLE_COLUMNS if c in incidents.columns]
    return numeric_columns(incidents, columns)


def figures_view(figures: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The figures with their article's outlet and publication date (``FIGURE_COLUMNS``)."""
    if articles is not None and len(articles) and "article_id" in figures.columns:
        extra = [c for c in ("outlet", "published") if c in articles.columns
                 and c not in figures.columns]
        figures = figures.merge(articles[["article_id", *extra]], on="article_id", how="left")
    return figures[[c for c in FIGURE_COLUMNS if c in figures.columns]]


def reports_html(row: dict[str, Any] | None) -> str:
    """One incident and every report of it, each with its outlet, date, place in its article
    and quote (``reports.html.j2``, every value escaped)."""
    if row is None:
        return ("<p style='color:#555'>Choose an incident (click its row, or pick its id above)"
                " to read what each source says.</p>")
    reports = []
    for report, raw in zip(report_items(row), report_dicts(row)):
        where = [f"article {report['article_id']}"]
        if as_text(raw.get("sentence_id")):
            where.append(f"sentence {int(raw['sentence_id'])}")
        if as_text(raw.get("start")) and as_text(raw.get("end")):
            where.append(f"characters {int(raw['start'])}–{int(raw['end'])}")
        reports.append({**report, "where": ", ".join(where)})
    kind = " / ".join(filter(None, (as_text(row.get(k)) for k in ("event_type",
                                                                  "sub_event_type"))))
    target = as_text(row.get("actor2"))
    return render(
        "reports.html.j2", incident_id=as_text(row.get("incident_id")),
        when=date_text(row.get("event_date"), row.get("time_precision")),
        kind=kind or "event type unknown", place=place_text(row) or "unknown",
        who=perpetrators(pd.Series([row.get("actor1")])).iloc[0]
        + (f" → {target}" if target else ""),
        deaths=fatalities_text(row.get("fatalities"), row.get("fatalities_qualifier")),
        notes=as_text(row.get("notes")), reports=reports)


def map_frame(m, height: int = MAP_HEIGHT) -> str:
    """The map as an ``<iframe srcdoc>`` of a fixed height (folium's own frame is 60% as tall
    as it is wide, too flat beside the reports)."""
    page = html.escape(m.get_root().render(), quote=True)
    return (f'<iframe class="carlib-map" srcdoc="{page}" title="incident map" '
            f'style="width:100%;height:{height}px;border:1px solid #ddd"></iframe>')


@contextmanager
def _quiet_map_log() -> Iterator[None]:
    """The map logs a warning for incidents without coordinates; the panel's status line says
    it instead, once, rather than a stderr box at every filter change."""
    logger = logging.getLogger(_MAP_LOGGER)

    def below_error(record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR

    logger.addFilter(below_error)
    try:
        yield
    finally:
        logger.removeFilter(below_error)


# ---------------------------------------------------------------- the panel

def _table_options(numeric: Iterable[int], page_length: int) -> dict[str, Any]:
    """The panel's table options: carlib's (:func:`carlib.tables.datatable_options`), one line
    a row, scrolling sideways, one row selectable. ``ITable.update`` must get them again with
    every new frame, or it falls back to itables' defaults."""
    return {"select": {"style": "single"},
            **datatable_options(numeric, page_length, scroll_x=True, wrap=False)}


def _itable(frame: pd.DataFrame, options: dict[str, Any]):
    from itables.widget import ITable

    table = ITable(frame, **options)
    table.layout = widgets.Layout(width="100%", overflow="hidden")  # the table scrolls inside
    return table


def _choices(values: pd.Series, label=lambda v: v) -> list[tuple[str, str]]:
    counts = values.map(as_text).loc[lambda s: s != ""].value_counts()
    return [(f"{label(v)} ({n})", v) for v, n in sorted(counts.items(),
                                                         key=lambda kv: fold(label(kv[0])))]


class ExplorePanel(widgets.VBox):
    """The panel :func:`explore` returns (a ``VBox`` holding the two tabs). The parts tests and
    users may reach:

    ``filters`` (the filter widgets by :func:`filter_incidents` argument), ``rows`` (the
    incidents shown), ``table`` (the ITable widget), ``map`` (an ``HTML`` widget holding the
    map), ``current_map`` (the folium map of ``rows``), ``incident`` (the incident chooser),
    ``reports`` (an ``HTML`` widget with the chosen incident's reports), ``status``, ``reset``
    and the figures tab's ``figure_filters``, ``figure_rows``, ``figures_table``.
    """

    def __init__(self, incidents: pd.DataFrame, figures: pd.DataFrame | None = None,
                 articles: pd.DataFrame | None = None, *, time_slider: bool = True,
                 page_length: int = 10) -> None:
        w = widgets
        self.incidents = incidents
        self.time_slider, self.page_length = time_slider, page_length
        self._holding = False
        self._selecting = False
        self.rows = incidents
        wide = {"description_width": "initial"}
        dates = pd.to_datetime(incidents.get("event_date", pd.Series(dtype="datetime64[ns]")),
                               errors="coerce").dropna()
        first, last = (dates.min().date(), dates.max().date()) if len(dates) else (None, None)
        kinds = _choices(incidents["event_type"]) if "event_type" in incidents else []
        sides = pd.concat([incidents.get(c, pd.Series(dtype=str)) for c in ("actor1", "actor2")])
        countries = incidents.get("country", pd.Series(dtype=str))
        places = sorted({as_text(v) for c in ("location", "admin1", "admin2")
                         for v in incidents.get(c, [])} - {""}, key=fold)
        self.filters = {
            "start": w.DatePicker(description="from", value=None, style=wide,
                                  tooltip=f"the first incident: {first or 'none'}"),
            "end": w.DatePicker(description="to", value=None, style=wide,
                                tooltip=f"the last incident: {last or 'none'}"),
            "event_types": w.SelectMultiple(description="event type", options=kinds,
                                            rows=max(1, min(4, len(kinds))), style=wide),
            "actor": w.Dropdown(description="actor", options=[("any", _ANY)] + _choices(sides),
                                style=wide),
            "country": w.Dropdown(description="country", style=wide,
                                  options=[("any", _ANY)] + _choices(countries, country_name)),
            "place": w.Combobox(description="place", placeholder="any place", options=places,
                                ensure_option=False, continuous_update=False, style=wide),
            "min_fatalities": w.BoundedIntText(description="at least … dead", value=0, min=0,
                                               max=10**9, style=wide,
                                               layout=w.Layout(width="170px")),
            "text": w.Text(description="words in the quotes", placeholder="e.g. mosque",
                           continuous_update=False, style=wide),
        }
        self.reset = w.Button(description="Reset filters", tooltip="Show every incident")
        self.status = w.HTML()
        self._table_options = _table_options(_numeric_view_columns(incidents), page_length)
        self.table = _itable(incidents_view(incidents), self._table_options)
        self.no_rows = w.HTML()
        self.table_box = w.Box([self.table], layout=w.Layout(width="100%"))
        self.incident = w.Dropdown(description="incident", options=[("choose…", _ANY)],
                                   style=wide)
        self.reports = w.HTML(reports_html(None))
        self.map = w.HTML(layout=w.Layout(width="100%"))
        self.current_map = None
        for control in self.filters.values():
            control.observe(self._refresh, names="value")
        self.reset.on_click(self._reset)
        self.table.observe(self._on_table_selection, names="selected_rows")
        self.incident.observe(self._on_incident, names="value")

        filters = self.filters
        for control in [*filters.values(), self.reset]:
            control.layout.margin = "2px 16px 2px 0"
        row = lambda *children: w.HBox(list(children), layout=w.Layout(flex_flow="row wrap"))
        incidents_tab = w.VBox([
            row(filters["start"], filters["end"], filters["actor"], filters["country"]),
            row(filters["event_types"], w.VBox([filters["place"], filters["text"],
                                                row(filters["min_fatalities"], self.reset)])),
            self.status, self.table_box,
            w.HBox([w.Box([self.map], layout=w.Layout(width="58%")),
                    w.VBox([self.incident, self.reports],
                           layout=w.Layout(width="42%", max_height=f"{MAP_HEIGHT}px",
                                           overflow="auto",
                                           padding="0 0 0 12px"))],
                   layout=w.Layout(width="100%")),
        ])
        self._build_figures(figures, articles)
        self.tabs = w.Tab([incidents_tab, self.figures_tab],
                          titles=(f"Incidents ({len(incidents)})",
                                  f"Figures ({len(self.figures)})"))
        super().__init__([self.tabs])
        self.add_class("carlib-explore")
        self._refresh()

    # -- the incidents tab

    def filter_values(self) -> dict[str, Any]:
        """The filters as :func:`filter_incidents` arguments (``None`` where unset)."""
        f = self.filters
        return {"start": f["start"].value, "end": f["end"].value,
                "event_types": tuple(f["event_types"].value),
                "actor": f["actor"].value or None, "country": f["country"].value or None,
                "place": f["place"].value.strip() or None,
                "min_fatalities": f["min_fatalities"].value or None,
                "text": f["text"].value.strip() or None}

    def _refresh(self, change: Any = None) -> None:
        if self._holding:
            return
        self.rows = filter_incidents(self.incidents, **self.filter_values())
        view = incidents_view(self.rows)
        self.table.update(df=view, selected_rows=[], **self._table_options)
        if len(self.rows):
            self.table_box.children = [self.table]
        else:
            self.no_rows.value = notice(
                "No incidents in this corpus." if not len(self.incidents) else
                "No incident passes these filters: widen the dates or clear a filter "
                "(Reset filters).").html
            self.table_box.children = [self.no_rows]
        if len(self.rows) > SLOW_MAP:  # folium takes seconds for thousands of circles
            self.status.value = (f"<div style='font:13px system-ui,sans-serif;margin:4px 0'>"
                                 f"drawing the map of {len(self.rows):,} incidents…</div>")
        with _quiet_map_log():
            self.current_map = incident_map(self.rows, time_slider=self.time_slider)
        self.map.value = map_frame(self.current_map)
        ids = [as_text(i) for i in self.rows.get("incident_id", pd.Series(dtype=str))]
        chosen = self.incident.value
        self._selecting = True
        try:
            self.incident.options = [("choose…", _ANY)] + [(i, i) for i in ids]
            self.incident.value = chosen if chosen in ids else _ANY
        finally:
            self._selecting = False
        self._show_reports()
        self.status.value = self._status_html()

    def _status_html(self) -> str:
        rows, total = self.rows, len(self.incidents)
        if not total:
            return notice("No incidents in this corpus.").html
        placed = rows.dropna(subset=["latitude", "longitude"]) if {
            "latitude", "longitude"} <= set(rows.columns) else rows.iloc[:0]
        deaths = pd.to_numeric(rows.get("fatalities", pd.Series(dtype=float)),
                               errors="coerce").sum()
        parts = [f"<b>{len(rows):,} of {total:,} incidents</b> pass the filters",
                 f"{deaths:,.0f} dead (each incident's lowest count)"]
        if len(rows) - len(placed):
            parts.append(f"{len(rows) - len(placed):,} not on the map (no coordinates)")
        return ("<div style='font:13px system-ui,sans-serif;margin:4px 0'>"
                + " · ".join(parts) + "</div>")

    def _reset(self, button: Any = None) -> None:
        self._holding = True
        try:
            for name, control in self.filters.items():
                control.value = (None if name in ("start", "end") else () if name == "event_types"
                                 else 0 if name == "min_fatalities" else "")
        finally:
            self._holding = False
        self._refresh()

    def _on_table_selection(self, change: Any) -> None:
        if self._selecting or not change["new"]:
            return
        position = change["new"][0]
        if 0 <= position < len(self.rows) and "incident_id" in self.rows:
            self.incident.value = as_text(self.rows["incident_id"].iloc[position])

    def _on_incident(self, change: Any) -> None:
        if self._selecting:
            return
        self._show_reports()
        chosen = self.incident.value
        ids = [as_text(i) for i in self.rows.get("incident_id", [])]
        if chosen in ids and self.table.selected_rows != [ids.index(chosen)]:
            self._selecting = True
            try:
                self.table.selected_rows = [ids.index(chosen)]
            finally:
                self._selecting = False

    def chosen(self) -> dict[str, Any] | None:
        """The chosen incident's row, or None."""
        chosen = self.incident.value
        if not chosen or "incident_id" not in self.rows:
            return None
        match = self.rows[self.rows["incident_id"].map(as_text) == chosen]
        return match.iloc[0].to_dict() if len(match) else None

    def _show_reports(self) -> None:
        self.reports.value = reports_html(self.chosen())

    # -- the figures tab

    def _build_figures(self, figures: pd.DataFrame | None, articles: pd.DataFrame | None) -> None:
        w = widgets
        self.figures = (figures_view(figures, articles) if figures is not None
                        else pd.DataFrame(columns=FIGURE_COLUMNS))
        categories = _choices(self.figures.get("category", pd.Series(dtype=str)))
        outlets = _choices(self.figures.get("outlet", pd.Series(dtype=str)))
        wide = {"description_width": "initial"}
        self.figure_filters = {
            "category": w.Dropdown(description="category", options=[("any", _ANY)] + categories,
                                   style=wide),
            "outlet": w.Dropdown(description="outlet", options=[("any", _ANY)] + outlets,
                                 style=wide),
            "text": w.Text(description="words in the quote", continuous_update=False,
                           style=wide),
        }
        self.figures_status = w.HTML()
        self._figure_options = _table_options(numeric_columns(self.figures), self.page_length)
        self.figures_table = _itable(format_table(self.figures), self._figure_options)
        self.figures_box = w.Box([self.figures_table], layout=w.Layout(width="100%"))
        for control in self.figure_filters.values():
            control.observe(self._refresh_figures, names="value")
            control.layout.margin = "2px 16px 2px 0"
        self.figures_tab = w.VBox([
            w.HBox(list(self.figure_filters.values()), layout=w.Layout(flex_flow="row wrap")),
            self.figures_status, self.figures_box])
        self._refresh_figures()

    def _refresh_figures(self, change: Any = None) -> None:
        rows = self.figures
        f = {name: control.value for name, control in self.figure_filters.items()}
        for column in ("category", "outlet"):
            if f[column] and column in rows:
                rows = rows[rows[column].map(as_text) == f[column]]
        for word in fold(f["text"]).split() if "quote" in rows else []:
            rows = rows[rows["quote"].map(fold).str.contains(word, regex=False)]
        self.figure_rows = rows
        self.figures_table.update(df=format_table(rows), selected_rows=[],
                                  **self._figure_options)
        if len(rows):
            self.figures_box.children = [self.figures_table]
        else:
            self.figures_box.children = [widgets.HTML(notice(
                "No figures in this corpus." if not len(self.figures)
                else "No figure passes these filters.").html)]
        self.figures_status.value = (f"<div style='font:13px system-ui,sans-serif;margin:4px 0'>"
                                     f"<b>{len(rows):,} of {len(self.figures):,} figures</b>"
                                     "</div>")

    # -- the static snapshot for reports

    def snapshot_html(self) -> str:
        """What a report without a kernel shows: a notice, every incident in a searchable
        table, the map with its time control, and the figures."""
        with _quiet_map_log():
            whole_map = incident_map(self.incidents, time_slider=self.time_slider)
        view = incidents_view(self.incidents).drop(columns=["sub_event_type", "admin1",
                                                            "n_sources"], errors="ignore")
        if len(view):  # the reports' words, so that the search box finds them
            view["reports"] = [" ".join(f"{r['outlet']}: “{r['quote']}”"
                                        for r in report_items(row))
                               for row in self.incidents.to_dict("records")]
        incidents = show_table(view, what="incidents", library=True)
        if isinstance(incidents, Table):
            incidents.numeric = [list(view.columns).index("fatalities")] if (
                "fatalities" in view.columns) else []
        figures = show_table(self.figures, what="figures", library=False)
        return (notice("A snapshot of the exploration panel: every incident, the map and the "
                       "figures. Open this notebook in JupyterLab to filter them by date, type, "
                       "actor, place, deaths and words, and to read each incident's reports.")
                .html
                + "<h3>Incidents</h3>" + incidents._repr_html_()
                + "<h3>The map</h3>" + whole_map._repr_html_()
                + "<h3>Figures about people</h3>" + figures._repr_html_())

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        """The widget for JupyterLab, and the static snapshot as ``text/html`` for what
        cannot show widgets (nbconvert's reports)."""
        data = super()._repr_mimebundle_(**kwargs)
        if data is not None:
            data["text/html"] = self.snapshot_html()
        return data

    def __repr__(self) -> str:
        return (f"<carlib explore panel: {len(self.rows)} of {len(self.incidents)} incidents, "
                f"{len(self.figures)} figures>")


def explore(analysis, *, time_slider: bool = True, page_length: int = 10):
    """The exploration panel of an :class:`carlib.Analysis` (or a corpus path, analysed and
    cached first, or an incidents table alone): an ``ipywidgets`` widget to display.

    >>> from carlib.explore import explore
    >>> explore(carlib.analyse("seeds"))  # doctest: +SKIP
    """
    if isinstance(analysis, (str, Path)):
        from .pipeline import analyse

        analysis = analyse(analysis)
    incidents = table_of(analysis, "incidents")
    figures = getattr(getattr(analysis, "tags", None), "figures", None)
    articles = getattr(analysis, "articles", None)
    return ExplorePanel(incidents, figures, articles, time_slider=time_slider,
                        page_length=page_length)
