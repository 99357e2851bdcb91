"""Charts (matplotlib): each ``plot_*`` function takes carlib tables and returns a ``Figure``.

Public functions:

=============================  ===============================================================
``outlet_colours(outlets)``    one Okabe-Ito colour per outlet, the same in every chart
``plot_articles_timeline``     the articles on a timeline (a dot per day, a bar per month/year)
``figures_timeline``           figures about people as a tidy table: the date each refers to,
                               the number to draw and its scope (cumulative/period/snapshot)
``key_dates``                  the articles' own turning points (seized power, resigned,
                               took authority, votes ...) with their quotes
``plot_figures``               the figures timeline, one panel per category, key dates as lines
``figure_gid(row)``            the ``gid`` of the artist that draws a timeline row
``plot_fatalities_by_place``   incidents' fatalities summed per place, a horizontal bar chart
``save_figure``                write a figure as PNG (150 dpi) and SVG, atomically
=============================  ===============================================================

Figures are built with ``Figure(...)``, never pyplot, so nothing leaks between calls. Colours
come from the Okabe-Ito palette, which stays distinct for colour-blind readers. Every plotted
figure about people carries a ``gid`` naming its row (:func:`figure_gid`), so a test or an
SVG reader can trace a marker back to its quote.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import StrMethodFormatter
from matplotlib.transforms import ScaledTranslation, offset_copy

from .files import atomic_path
from .lexicon import LexiconError, phrase_regex, read_lexicon
from .tagging.dates import extract_dates
from .tagging.spans import PROVENANCE
from .text import sentences as split_sentences

__all__ = ["OKABE_ITO", "TIMELINE_CATEGORIES", "TIMELINE_COLUMNS", "KEY_DATE_COLUMNS",
           "outlet_colours", "plot_articles_timeline", "figures_timeline", "key_dates",
           "plot_figures", "figure_gid", "plot_fatalities_by_place", "save_figure"]

log = logging.getLogger(__name__)

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
_PERIOD = {"day": "D", "month": "M", "year": "Y"}

TIMELINE_CATEGORIES = ("killed", "displaced", "refugees", "in_need", "troops")
TIMELINE_COLUMNS = PROVENANCE + ["category", "value", "low", "high", "qualifier", "plot_value",
                                 "date", "date_basis", "scope", "outlet"]
KEY_DATE_COLUMNS = PROVENANCE + ["date", "precision", "label", "cue"]
SCOPES = ("cumulative", "period", "snapshot")
# head-counts of a stock (people in need, troops present) describe a moment, whatever the verb
SNAPSHOT_CATEGORIES = frozenset({"in_need", "troops"})
_CATEGORY_TITLES = {"killed": "Killed", "displaced": "Displaced inside the country",
                    "refugees": "Refugees (fled abroad)", "in_need": "In need of aid",
                    "troops": "Troops (foreign and peacekeeping)"}
_MARKERS = {"at_least": "^", "more_than": "^", "up_to": "v", "almost": "v", "fewer_than": "v",
            "about": "o", "exact": "s", "vague": "o"}
_DODGE = 9.0  # points between markers set side by side
_KEY_PRECISIONS = ("day", "week", "month")  # a date known only to the year is no line
_KEY_GAP = pd.Timedelta(days=3)  # the same event reported within a few days is one key date
_KEY_REACH = 100  # characters between a cue and the date it takes
_PLACEHOLDER = re.compile(r"\{(actor|person)\}")


def outlet_colours(outlets: pd.Series) -> dict[str, str]:
    """One palette colour per outlet, in sorted order, so every chart agrees.

    >>> outlet_colours(pd.Series(["IPS", "CNN", "IPS"]))
    {'CNN': '#0072B2', 'IPS': '#E69F00'}
    """
    names = sorted(set(outlets.dropna().astype(str)))
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(names)}


def plot_articles_timeline(articles: pd.DataFrame) -> Figure:
    """Articles on a timeline: one row each, a dot for a known day, a bar for a month or year.

    >>> fig = plot_articles_timeline(load_articles("seeds"))  # doctest: +SKIP
    >>> fig.savefig("articles.png")  # doctest: +SKIP
    """
    if "published" not in articles:
        return _note_figure("No publication dates: add them in articles.csv (published).")
    dated = articles.assign(published=pd.to_datetime(articles["published"], errors="coerce"))
    dated = dated.dropna(subset=["published"]).sort_values("published")
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


# --------------------------------------------------------------------------- shared helpers


def _phrase_pattern(phrases: list[str]) -> re.Pattern:
    """Whole-word, case-insensitive alternation of phrases, longest first."""
    return re.compile(rf"(?<![\w-])(?:{phrase_regex(phrases)})(?![\w-])", re.IGNORECASE)


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _gap(a: int, b: int, c: int, d: int) -> int:
    """Characters between the spans ``a..b`` and ``c..d`` (0 when they touch or overlap)."""
    return max(0, c - b, a - d)


def _sentence_index(sents: pd.DataFrame) -> dict[tuple[str, int], tuple[int, str]]:
    """(article_id, sentence_id) -> (the sentence's start offset, its text)."""
    return {(a, int(s)): (int(start), quote) for a, s, start, quote in
            zip(sents["article_id"], sents["sentence_id"], sents["start"], sents["quote"])}


def _date_index(dates: pd.DataFrame) -> dict[tuple[str, int], list]:
    """(article_id, sentence_id) -> the sentence's date rows, in text order."""
    index: dict[tuple[str, int], list] = {}
    for row in dates.itertuples(index=False):
        index.setdefault((row.article_id, int(row.sentence_id)), []).append(row)
    return index


def _require(table: pd.DataFrame, columns: list[str], function: str, source: str) -> None:
    """A clear error, not a KeyError from deep in pandas, when a table lacks columns."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{function}: the table has no {', '.join(map(repr, missing))} "
                         f"column; give it {source}")


def _note_figure(message: str) -> Figure:
    """A small figure that says why there is nothing to draw (instead of failing)."""
    fig = Figure(figsize=(10, 1.5), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, gid="note")
    return fig


def _thousands(axis) -> None:
    axis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def _source_line(fig: Figure, lines: list[str]) -> None:
    """The source (and any notes) under the chart; constrained layout makes room for it."""
    fig.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=8, color="0.25")


# --------------------------------------------------------------------------- figures timeline


@lru_cache(maxsize=4)
def _scope_cues(path: str = "figure_scope") -> tuple[re.Pattern, dict[str, str]]:
    lex = read_lexicon(path, ("word", "scope", "source"))
    unknown = sorted(set(lex["scope"]) - set(SCOPES))
    if unknown:
        raise LexiconError(f"{path}: scope must be one of {SCOPES}, not {unknown}")
    return _phrase_pattern(list(lex["word"])), dict(zip(lex["word"].map(_key), lex["scope"]))


def _scope(category: str, span: tuple[int, int], sentence: tuple[int, str] | None,
           date_rows: list) -> str:
    """``cumulative``, ``period`` or ``snapshot`` (the rules are in :func:`figures_timeline`)."""
    if category in SNAPSHOT_CATEGORIES:
        return "snapshot"
    offset = sentence[0] if sentence else 0
    date_spans = [(d.start - offset, d.end - offset, d.relation) for d in date_rows]
    a, b = span[0] - offset, span[1] - offset
    if sentence:
        pattern, scopes = _scope_cues()
        cues = [(_gap(a, b, *m.span()), scopes[_key(m.group())])
                for m in pattern.finditer(sentence[1])
                if not any(s < m.end() and m.start() < e for s, e, _ in date_spans)]
        if cues:
            return min(cues, key=lambda cue: cue[0])[1]
    if date_spans:
        relation = min(date_spans, key=lambda d: _gap(a, b, d[0], d[1]))[2]
        return "cumulative" if relation in ("until", "before") else "period"
    return "cumulative"


def _publication(published, precision) -> tuple[pd.Timestamp, str | None]:
    """The publication date to draw at: the middle of the month (or year) when only that is
    known, flagged in the basis."""
    if pd.isna(published):
        return pd.NaT, None
    if precision in ("month", "year"):
        period = pd.Period(published, freq=_PERIOD[precision])
        middle = period.start_time + (period.end_time - period.start_time) / 2
        return middle.floor("D"), f"published_{precision}"
    return pd.Timestamp(published), "published"


def _reference_date(date_end, scope: str, date_rows: list, published, precision
                    ) -> tuple[pd.Timestamp, str | None]:
    # the figures table takes its period from the sentence's first date with a start
    used = next((d for d in date_rows if pd.notna(d.date_start)), None)
    relation = used.relation if used is not None else None
    running_from_event = scope == "cumulative" and relation == "on"
    if pd.notna(date_end) and relation != "since" and not running_from_event:
        return pd.Timestamp(date_end), "period_end"
    return _publication(published, precision)


def figures_timeline(figures: pd.DataFrame, articles: pd.DataFrame, *,
                     dates: pd.DataFrame | None = None, sents: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """Figures about people as a tidy table for a timeline, one row per figure.

    Only the categories ``killed, displaced, refugees, in_need, troops`` are kept; the others
    (``injured``, ``population``, ``other``) are dropped. ``dates`` and ``sents`` (the
    dates and sentences tables) are computed from ``articles`` unless given.

    Columns: provenance, ``category, value, low, high, qualifier``, then

    - ``plot_value``: the number to draw: ``value``, else ``low`` (vague and at-least
      amounts, ranges), else ``high``; empty for a bare share (``a quarter of the population``).
    - ``date``: the date the figure refers to: the end of its stated period (``date_end``;
      ``in January`` -> 31 January), except that a period ``since`` a date and a running
      total (``killed since the Seleka seized power in March 2013``) run to the publication
      date; without a period, the publication date. A publication date known only to the
      month is drawn mid-month. ``date_basis`` says which: ``period_end``, ``published``,
      ``published_month`` (``published_year``). No period and no publication date: ``NaT``,
      the row is kept and a warning is logged.
    - ``scope``: ``snapshot`` for head-counts (``in_need``, ``troops``); else the lexicon cue
      (``carlib/lexicons/figure_scope.csv``) nearest the figure in its sentence, outside the
      date expressions (``already``, ``so far``, ``since`` + an event -> ``cumulative``;
      ``newly``, ``rampage`` -> ``period``; ``camped``, ``remained`` -> ``snapshot``); else the
      sentence's date nearest the figure (``since December``, ``in January``, ``last week`` ->
      ``period``; ``by``/``until`` a date -> ``cumulative``); else ``cumulative`` (a count
      with no period is read as the toll as it stood when published).
    - ``outlet``: the article's outlet.

    >>> tags = tag_corpus(articles)  # doctest: +SKIP
    >>> timeline = figures_timeline(tags.figures, articles,  # doctest: +SKIP
    ...                             dates=tags.dates, sents=tags.sentences)
    """
    if sents is None:
        sents = split_sentences(articles)
    if dates is None:
        dates = extract_dates(articles, sents)
    kept = figures[figures["category"].isin(TIMELINE_CATEGORIES)]
    sentence_of, dates_of = _sentence_index(sents), _date_index(dates)
    meta = articles.set_index("article_id")
    rows = []
    for fig in kept.itertuples(index=False):
        key = (fig.article_id, int(fig.sentence_id))
        date_rows = dates_of.get(key, [])
        scope = _scope(fig.category, (fig.start, fig.end), sentence_of.get(key), date_rows)
        article = meta.loc[fig.article_id] if fig.article_id in meta.index else {}
        date, basis = _reference_date(fig.date_end, scope, date_rows,
                                      article.get("published", pd.NaT),
                                      article.get("published_precision"))
        plot_value = next((v for v in (fig.value, fig.low, fig.high) if pd.notna(v)), float("nan"))
        rows.append({**{c: getattr(fig, c) for c in PROVENANCE}, "category": fig.category,
                     "value": fig.value, "low": fig.low, "high": fig.high,
                     "qualifier": fig.qualifier, "plot_value": plot_value, "date": date,
                     "date_basis": basis, "scope": scope,
                     "outlet": str(article.get("outlet", "unknown"))})
    out = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    out["date"] = pd.to_datetime(out["date"])
    for column in ("value", "low", "high", "plot_value"):
        out[column] = out[column].astype("float64")
    undated = out[out["date"].isna()]
    if len(undated):
        log.warning("%d figure(s) have no date (no period stated, no publication date); kept "
                    "with date NaT: %s", len(undated), "; ".join(
                        f"{r.article_id} {r.quote!r}" for r in undated.itertuples()))
    order = out["category"].map(TIMELINE_CATEGORIES.index)
    return out.assign(_order=order).sort_values(["_order", "date", "article_id", "start"]) \
        .drop(columns="_order").reset_index(drop=True)


# --------------------------------------------------------------------------- key dates


@dataclass
class _KeyEvent:
    date: object  # the date row (article_id, sentence_id, start, end, date_start, ...)
    cue: re.Match
    template: str
    distance: int
    fills: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _event_cues(path: str = "key_events") -> tuple[re.Pattern, dict[str, str]]:
    lex = read_lexicon(path, ("cue", "label", "source"))
    return _phrase_pattern(list(lex["cue"])), dict(zip(lex["cue"].map(_key), lex["label"]))


def _fills(template: str, cue: re.Match, offset: int, named: pd.DataFrame) -> dict[str, str]:
    """The actor named nearest before the cue (its subject) and the person named nearest on
    either side (``the resignation of ... Michel Djotodia``), a person by surname."""
    fills = {}
    for kind in _PLACEHOLDER.findall(template):
        rows = named[named["kind"] == kind]
        if kind == "actor":
            rows = rows[rows["end"] - offset <= cue.start()]
        if rows.empty:
            continue
        gaps = [_gap(s - offset, e - offset, *cue.span())
                for s, e in zip(rows["start"], rows["end"])]
        label = rows["label"].iloc[gaps.index(min(gaps))]
        fills[kind] = label.split()[-1] if kind == "person" else label
    return fills


def _label(event: _KeyEvent) -> str:
    text = _PLACEHOLDER.sub(lambda m: event.fills.get(m.group(1), ""), event.template)
    return " ".join(text.split())


def _candidates(dates: pd.DataFrame, sents: pd.DataFrame, mentions: pd.DataFrame | None
                ) -> list[_KeyEvent]:
    """Each cue takes its nearest date in the sentence; each date keeps its nearest cue."""
    pattern, templates = _event_cues()
    sentence_of = _sentence_index(sents)
    usable = dates[dates["date_start"].notna() & dates["precision"].isin(_KEY_PRECISIONS)]
    named = (mentions if mentions is not None else pd.DataFrame(
        columns=["article_id", "sentence_id", "start", "end", "kind", "label"]))
    named_of = {key: group for key, group in named.groupby(["article_id", "sentence_id"])}
    events: dict[tuple, _KeyEvent] = {}
    for key, date_rows in _date_index(usable).items():
        if key not in sentence_of:
            continue
        offset, text = sentence_of[key]
        for cue in pattern.finditer(text):
            spans = [(d, _gap(d.start - offset, d.end - offset, *cue.span())) for d in date_rows]
            if any(d.start - offset < cue.end() and cue.start() < d.end - offset for d, _ in spans):
                continue  # the cue word is part of a date expression
            date, distance = min(spans, key=lambda pair: pair[1])
            slot = (key, date.start)
            if distance <= _KEY_REACH and (slot not in events or distance < events[slot].distance):
                template = templates[_key(cue.group())]
                fills = _fills(template, cue, offset, named_of.get(key, named.iloc[:0]))
                events[slot] = _KeyEvent(date, cue, template, distance, fills)
    return list(events.values())


def _deduplicate(events: list[_KeyEvent]) -> list[_KeyEvent]:
    """One key date per event type within a few days: the most precise date, then the one
    whose cue sits closest to its date; it borrows an actor or person a duplicate names."""
    kept: list[_KeyEvent] = []
    rank = {"day": 0, "week": 0, "month": 1}
    for event in sorted(events, key=lambda e: (rank[e.date.precision], e.distance,
                                               e.date.date_start)):
        start, end = event.date.date_start, event.date.date_end
        same = next((k for k in kept if k.template == event.template
                     and k.date.date_start - _KEY_GAP <= end
                     and start - _KEY_GAP <= k.date.date_end), None)
        if same is None:
            kept.append(event)
        else:
            same.fills = {**event.fills, **same.fills}
    return kept


def key_dates(dates: pd.DataFrame, sentences: pd.DataFrame,
              mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The articles' own key dates: resolved dates whose sentence reports a turning point.

    A cue from ``carlib/lexicons/key_events.csv`` (``seized power``, ``resignation``,
    ``take authority``, ``vote``, ``ceasefire`` ...; not inside a date expression) takes the
    date expression nearest it in its sentence, at most 100 characters away; a date keeps the
    cue nearest it. Dates known only to the year are left out (no line can show them). The
    label is the cue's lexicon label, where ``{actor}``/``{person}`` become the actor or
    person (surname) the sentence names nearest the cue when ``mentions`` (the mentions table)
    is given (the actor named before the cue, the person on either side), and are left out
    otherwise: ``Seleka seized power`` / ``seized power``. The same label within a few days
    is one key date (the most precise date wins).

    Columns: provenance (the quote runs from the cue to the date, e.g. ``seized power in
    March 2013``), ``date`` (``date_start``), ``precision``, ``label``, ``cue``.

    >>> tags = tag_corpus(articles)  # doctest: +SKIP
    >>> key_dates(tags.dates, tags.sentences, tags.mentions)[["date", "label"]]  # doctest: +SKIP
    """
    sentence_of = _sentence_index(sentences)
    rows = []
    for event in _deduplicate(_candidates(dates, sentences, mentions)):
        d = event.date
        offset, text = sentence_of[(d.article_id, int(d.sentence_id))]
        start = min(d.start - offset, event.cue.start())
        end = max(d.end - offset, event.cue.end())
        rows.append({"article_id": d.article_id, "sentence_id": int(d.sentence_id),
                     "start": offset + start, "end": offset + end, "quote": text[start:end],
                     "date": d.date_start, "precision": d.precision, "label": _label(event),
                     "cue": event.cue.group()})
    out = pd.DataFrame(rows, columns=KEY_DATE_COLUMNS)
    out["date"] = pd.to_datetime(out["date"])
    return out.sort_values(["date", "label"]).reset_index(drop=True)


# --------------------------------------------------------------------------- plot figures


def figure_gid(row) -> str:
    """The ``gid`` of the artist drawing a timeline row: ``figure <article_id> <start>-<end>``.

    >>> figure_gid(timeline.iloc[0])  # doctest: +SKIP
    'figure 001_fe38c0874b9f1dc3 410-431'
    """
    return f"figure {row.article_id} {row.start}-{row.end}"


def _dodges(rows: pd.DataFrame, top: float) -> pd.Series:
    """Horizontal offsets (points) that set side by side the markers that would hide each
    other: same date, values within 4% of the panel's height. The data stay untouched."""
    offsets = pd.Series(0.0, index=rows.index)
    for _, same_day in rows.sort_values("plot_value").groupby("date"):
        cluster: list = []
        for index, value in [*same_day["plot_value"].items(), (None, float("inf"))]:
            if cluster and value - same_day.at[cluster[-1], "plot_value"] > 0.04 * top:
                offsets[cluster] = [(i - (len(cluster) - 1) / 2) * _DODGE
                                    for i in range(len(cluster))]
                cluster = []
            cluster.append(index)
    return offsets


def _draw_figure(fig: Figure, ax, row, colour: str, dodge: float) -> None:
    """One figure: a marker (or a low-high bar for a range), a dashed stem for a period."""
    gid = figure_gid(row)
    shifted = offset_copy(ax.transData, fig=fig, x=dodge, units="points")
    if row.scope == "period":
        ax.vlines(row.date, 0, row.plot_value, colors=colour, linestyles=(0, (3, 2)),
                  linewidth=1.2, gid=f"stem {gid}", zorder=2, transform=shifted)
    if row.qualifier == "range" and pd.notna(row.low) and pd.notna(row.high):
        ax.vlines(row.date, row.low, row.high, colors=colour, linewidth=5, gid=gid, zorder=3,
                  transform=shifted)
        return
    face = "none" if row.qualifier == "vague" else colour
    ax.plot([row.date], [row.plot_value], linestyle="none", marker=_MARKERS.get(row.qualifier, "s"),
            markersize=8, markerfacecolor=face, markeredgecolor=colour, markeredgewidth=1.6,
            gid=gid, zorder=3, transform=shifted)


def _key_text(row) -> str:
    when = f"{row.date:%b %Y}" if row.precision == "month" else f"{row.date.day} {row.date:%b}"
    return f"{row.label} ({when})"


@dataclass(frozen=True)
class _Placed:
    x: float
    left: float
    right: float
    level: int


def _place_label(x: float, width: float, lo: float, hi: float, placed: list[_Placed],
                 pending: list[float]) -> _Placed:
    """The lowest row for a label at ``x`` (written rightwards from its line, or leftwards)
    that overlaps no label in its row and sits above the lines of the labels it spans.
    Labels are placed right to left; an option that a line would cross (its own line through
    a lower label, or a ``pending`` line further left under it) is taken only if no other fits.
    """
    options = [(x, x + width), (x - width, x)]
    fitting = [o for o in options if lo <= o[0] and o[1] <= hi] or options[:1]
    best = None
    for left, right in fitting:
        level = max((p.level + 1 for p in placed if left <= p.x <= right), default=0)
        while any(p.level == level and p.left < right and left < p.right for p in placed):
            level += 1
        crossed = any(p.level < level and p.left <= x <= p.right for p in placed) \
            or any(left <= other < x for other in pending)
        if best is None or (crossed, level) < best[0]:
            best = ((crossed, level), _Placed(x, left, right, level))
    return best[1]


def _label_key_dates(fig: Figure, ax, marks: pd.DataFrame) -> None:
    """Key-date labels above the top panel's title, each joined to its line, in rows so that
    labels neither overlap nor (where avoidable) get crossed by another label's line."""
    fontsize, first_row, row_height = 8, 22, 11  # points above the axes
    lo, hi = ax.get_xlim()
    width_in = fig.get_figwidth() * 0.75  # the panels' share of the width, beside the legend
    days_per_char = (hi - lo) / width_in * fontsize * 0.6 / 72
    placed: list[_Placed] = []
    pending = sorted(mdates.date2num(marks["date"]))
    for row in marks.sort_values("date", ascending=False).itertuples():
        x, text = pending.pop(), _key_text(row)
        label = _place_label(x, (len(text) + 2) * days_per_char, lo, hi, placed, pending)
        placed.append(label)
        height = first_row + row_height * label.level
        above = ax.get_xaxis_transform() + ScaledTranslation(0, height / 72, fig.dpi_scale_trans)
        ax.text(x, 1, text, transform=above, ha="left" if label.left == x else "right",
                va="bottom", fontsize=fontsize, color="0.3", gid=f"key_label {row.Index}")
        ax.annotate("", xy=(x, 1), xycoords=ax.get_xaxis_transform(), xytext=(0, height),
                    textcoords="offset points", annotation_clip=False,
                    arrowprops={"arrowstyle": "-", "color": "0.7", "linewidth": 0.8,
                                "shrinkA": 0, "shrinkB": 0})


def _legend(fig: Figure, colours: dict[str, str], outlets: list[str]) -> None:
    def entry(label, **style):
        return Line2D([], [], label=label, **{"linestyle": "none", "color": "0.25",
                                              "markersize": 7, **style})

    handles = [entry("Outlet")] + [entry(o, marker="s", color=colours[o]) for o in outlets]
    handles += [entry("Qualifier"), entry("at least / more than", marker="^"),
                entry("up to / almost / fewer than", marker="v"), entry("about", marker="o"),
                entry("exact", marker="s"),
                entry("vague (at its low count)", marker="o", markerfacecolor="none"),
                entry("range (low to high)", marker="|", markersize=12, markeredgewidth=4)]
    handles += [entry("Scope"),
                Line2D([], [], color="0.25", linestyle=(0, (3, 2)),
                       label="dashed stem: count for a\nstated period (in January,\n"
                             "since December)"),
                entry("no stem: running total\nor snapshot at the date")]
    legend = fig.legend(handles=handles, loc="outside right upper", frameon=False, fontsize=8)
    for text in legend.get_texts():
        if text.get_text() in ("Outlet", "Qualifier", "Scope"):
            text.set_fontweight("bold")


def _key_dates_near(marks: pd.DataFrame | None, first, last) -> tuple[pd.DataFrame, list[str]]:
    """The key dates within a quarter of the figures' time span of them (drawn as lines) and a
    note naming the others."""
    if marks is None or marks.empty:
        return pd.DataFrame(columns=KEY_DATE_COLUMNS), []
    reach = max(pd.Timedelta(days=7), (last - first) / 4)
    near = marks["date"].between(first - reach, last + reach)
    far = marks[~near].sort_values("date")
    notes = ["Key dates outside the chart: " + "; ".join(map(_key_text, far.itertuples()))] \
        if len(far) else []
    return marks[near].sort_values("date"), notes


def plot_figures(timeline: pd.DataFrame, key_dates: pd.DataFrame | None = None,
                 articles: pd.DataFrame | None = None) -> Figure:
    """Figures about people over time, one panel per category, sharing the date axis.

    Panels rather than one log-scale chart: the categories count different things (deaths,
    displaced people, troops), so one axis would invite comparing them, and a log axis makes
    1,000 and 1,000,000 look a few steps apart. Each panel has its own linear axis from zero
    (thousands separators), so a reader sees magnitudes honestly; small counts sit low in
    their panel and stay readable in the table.

    Marker shape = qualifier (``^`` at least / more than, ``v`` up to / almost / fewer than,
    ``o`` about, ``s`` exact, open ``o`` a vague amount at its low count, a vertical bar from
    low to high for a range); colour = outlet (:func:`outlet_colours`, over ``articles``'
    outlets when given so the colours match the other charts); a dashed stem down to zero
    marks a figure for a stated period, no stem a running total or a snapshot. Markers that
    would hide each other are set side by side (a few points apart, the data unchanged).
    ``key_dates`` (from :func:`key_dates`) near the figures' dates are light vertical lines
    labelled above the top panel; the others are listed under the chart, with any figures
    lacking a date or a number. Each figure's artist has the ``gid`` :func:`figure_gid`
    (its stem ``stem figure ...``), key-date lines ``key_date <row>``.

    >>> timeline = figures_timeline(tags.figures, articles)  # doctest: +SKIP
    >>> marks = key_dates(tags.dates, tags.sentences, tags.mentions)  # doctest: +SKIP
    >>> fig = plot_figures(timeline, marks, articles)  # doctest: +SKIP
    """
    _require(timeline, ["date", "plot_value", "category", "outlet", "qualifier"], "plot_figures",
             "the table from carlib.figures_timeline")
    drawable = timeline.assign(date=pd.to_datetime(timeline["date"], errors="coerce")).dropna(
        subset=["date", "plot_value"])
    categories = [c for c in TIMELINE_CATEGORIES if c in set(drawable["category"])]
    if not categories:
        return _note_figure("No figures about people (killed, displaced, refugees, in need, "
                            "troops) with a date to plot.")
    fig = Figure(figsize=(10, 2.5 * len(categories) + 1.6), layout="constrained")
    axes = fig.subplots(len(categories), 1, sharex=True, squeeze=False)[:, 0]
    outlets = sorted(set(drawable["outlet"].astype(str)))
    known = articles["outlet"] if articles is not None and "outlet" in articles else pd.Series()
    colours = outlet_colours(pd.concat([known.astype(str), pd.Series(outlets)]))
    for ax, category in zip(axes, categories):
        rows = drawable[drawable["category"] == category]
        top = max(pd.concat([rows["plot_value"], rows["high"]]).max(), 1)
        dodges = _dodges(rows, top)
        for row in rows.itertuples():
            _draw_figure(fig, ax, row, colours[str(row.outlet)], dodges[row.Index])
        ax.set_ylim(0, top * 1.15)
        ax.set_title(f"{_CATEGORY_TITLES[category]} ({len(rows)} figure"
                     f"{'s' if len(rows) > 1 else ''})", loc="left", fontsize=10)
        _thousands(ax.yaxis)
        ax.grid(axis="y", color="0.9")
        ax.spines[["top", "right"]].set_visible(False)
    first, last = drawable["date"].min(), drawable["date"].max()
    marks, notes = _key_dates_near(key_dates, first, last)
    if len(marks):
        first, last = min(first, marks["date"].min()), max(last, marks["date"].max())
    pad = max(pd.Timedelta(days=4), (last - first) * 0.04)
    axes[0].set_xlim(first - pad, last + pad)
    locator = mdates.AutoDateLocator(maxticks=10)
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(
        locator, formats=["%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M", "%S.%f"],
        zero_formats=["", "%b %Y", "%b %Y", "%d %b", "%H:%M", "%H:%M"], show_offset=False))
    axes[-1].set_xlabel("date the figure refers to (end of its period, else publication date)")
    for ax in axes:
        for row in marks.itertuples():
            ax.axvline(row.date, color="0.7", linewidth=0.9, zorder=0, gid=f"key_date {row.Index}")
    _label_key_dates(fig, axes[0], marks)
    _legend(fig, colours, outlets)
    missing = len(timeline) - len(drawable)
    if missing:
        notes.append(f"Not drawn: {missing} figure(s) without a date or a number "
                     f"(e.g. a share of the population); see the timeline table.")
    _source_line(fig, [f"Source: {drawable['article_id'].nunique()} articles (outlets "
                       f"{', '.join(outlets)}), quotes in the figures table."] + notes)
    return fig


# --------------------------------------------------------------------------- fatalities


def plot_fatalities_by_place(incidents: pd.DataFrame) -> Figure:
    """Fatalities per place: the sum of each incident's conservative ``fatalities``.

    A place whose incidents give no toll shows a zero-length bar labelled ``unknown``; a
    place with some unknown tolls says how many. Incidents without a ``location`` are grouped
    as ``(no location)``. Bars are sorted, largest on top; each has the ``gid``
    ``place <location>``.

    >>> fig = plot_fatalities_by_place(incidents)  # doctest: +SKIP
    """
    _require(incidents, ["location", "fatalities"], "plot_fatalities_by_place",
             "the table from carlib.extract_incidents")
    if incidents.empty:
        return _note_figure("No incidents: no fatalities to plot.")
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
    _thousands(ax.xaxis)
    ax.set_xlabel("fatalities (sum of each incident's conservative count)")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"Fatalities by place ({len(incidents)} incidents)", loc="left", fontsize=10)
    sources = sorted(set(incidents["source"].dropna().astype(str)) - {""}) \
        if "source" in incidents else []
    _source_line(fig, [f"Source: {len(incidents)} incidents from "
                       f"{incidents['article_id'].nunique()} articles"
                       + (f" ({', '.join(sources)})" if sources else "")
                       + ", quotes in the incidents table."])
    return fig


# --------------------------------------------------------------------------- saving


def save_figure(fig: Figure, path_stem: str | Path) -> list[Path]:
    """Write ``<stem>.png`` (150 dpi) and ``<stem>.svg``, each atomically (a temporary file
    in the same folder, then ``os.replace``), and return both paths. The suffixes are
    appended, so ``reports/fig.v2`` gives ``reports/fig.v2.png``.

    >>> save_figure(plot_figures(timeline), "reports/figures")  # doctest: +SKIP
    [PosixPath('reports/figures.png'), PosixPath('reports/figures.svg')]
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, options in ((".png", {"dpi": 150}), (".svg", {})):
        target = stem.with_name(stem.name + suffix)
        with atomic_path(target) as temporary:
            fig.savefig(temporary, format=suffix[1:], **options)
        written.append(target)
    return written
