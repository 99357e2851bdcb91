"""Figures about people over time: a tidy timeline table and the chart of it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import ScaledTranslation, offset_copy

from ..errors import LexiconError, TableError
from ..lexicon import Phrases
from ..style import outlet_colours
from ..tagging.dates import extract_dates
from ..tagging.key_dates import KEY_DATE_COLUMNS, key_dates as find_key_dates
from ..tagging.spans import PROVENANCE, gap, rows_by_sentence, sentence_index
from ..text import sentences as split_sentences
from .common import PERIOD, note_figure, require, source_line, thousands

__all__ = ["TIMELINE_CATEGORIES", "TIMELINE_COLUMNS", "SCOPES", "figures_timeline",
           "plot_figures", "figure_gid"]

log = logging.getLogger(__name__)

TIMELINE_CATEGORIES = ("killed", "displaced", "refugees", "in_need", "troops")
TIMELINE_COLUMNS = PROVENANCE + ["category", "value", "low", "high", "qualifier", "plot_value",
                                 "date", "date_basis", "scope", "outlet"]
SCOPES = ("cumulative", "period", "snapshot")
# head-counts of a stock (people in need, troops present) describe a moment, whatever the verb
SNAPSHOT_CATEGORIES = frozenset({"in_need", "troops"})
_CATEGORY_TITLES = {"killed": "Killed", "displaced": "Displaced inside the country",
                    "refugees": "Refugees (fled abroad)", "in_need": "In need of aid",
                    "troops": "Troops (foreign and peacekeeping)"}
_MARKERS = {"at_least": "^", "more_than": "^", "up_to": "v", "almost": "v", "fewer_than": "v",
            "about": "o", "exact": "s", "vague": "o"}
_DODGE = 9.0  # points between markers set side by side


@lru_cache(maxsize=4)
def _scope_cues(path: str = "figure_scope") -> Phrases:
    """The scope words; each word's value is its row (``scope``)."""
    cues = Phrases.from_lexicon(path, "word", boundary=r"[\w-]")
    unknown = sorted({cues.value(w)["scope"] for w in cues.phrases} - set(SCOPES))
    if unknown:
        raise LexiconError(f"{path}: scope must be one of {SCOPES}, not {unknown}")
    return cues


def _scope(category: str, span: tuple[int, int], sentence: tuple[int, str] | None,
           date_rows: list) -> str:
    """``cumulative``, ``period`` or ``snapshot`` (the rules are in :func:`figures_timeline`)."""
    if category in SNAPSHOT_CATEGORIES:
        return "snapshot"
    offset = sentence[0] if sentence else 0
    date_spans = [(d.start - offset, d.end - offset, d.relation) for d in date_rows]
    a, b = span[0] - offset, span[1] - offset
    if sentence:
        scopes = _scope_cues()
        cues = [(gap(a, b, *m.span()), scopes.value(m.group())["scope"])
                for m in scopes.finditer(sentence[1])
                if not any(s < m.end() and m.start() < e for s, e, _ in date_spans)]
        if cues:
            return min(cues, key=lambda cue: cue[0])[1]
    if date_spans:
        relation = min(date_spans, key=lambda d: gap(a, b, d[0], d[1]))[2]
        return "cumulative" if relation in ("until", "before") else "period"
    return "cumulative"


def _publication(published, precision) -> tuple[pd.Timestamp, str | None]:
    """The publication date to draw at: the middle of the month (or year) when only that is
    known, flagged in the basis."""
    if pd.isna(published):
        return pd.NaT, None
    if precision in ("month", "year"):
        period = pd.Period(published, freq=PERIOD[precision])
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


def figures_timeline(figures, articles: pd.DataFrame | None = None, *,
                     dates: pd.DataFrame | None = None, sents: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """Figures about people as a tidy table for a timeline, one row per figure.

    ``figures`` is the figures table (with ``articles``), or an :class:`carlib.Analysis`, whose
    own tables are then used.

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
    if not isinstance(figures, pd.DataFrame):  # an Analysis
        tags, articles = figures.tags, figures.articles
        figures, dates, sents = tags.figures, tags.dates, tags.sentences
    if articles is None:
        raise TableError("figures_timeline: give the articles table with the figures")
    if sents is None:
        sents = split_sentences(articles)
    if dates is None:
        dates = extract_dates(articles, sents)
    kept = figures[figures["category"].isin(TIMELINE_CATEGORIES)]
    sentence_of, dates_of = sentence_index(sents), rows_by_sentence(dates)
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


def plot_figures(timeline, key_dates: pd.DataFrame | None = None,
                 articles: pd.DataFrame | None = None) -> Figure:
    """Figures about people over time, one panel per category, sharing the date axis.

    ``timeline`` is a :func:`figures_timeline` table, or an :class:`carlib.Analysis` (then its
    timeline, key dates and articles are used).

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
    require(timeline, ["date", "plot_value", "category", "outlet", "qualifier"], "plot_figures",
             "the table from carlib.figures_timeline")
    drawable = timeline.assign(date=pd.to_datetime(timeline["date"], errors="coerce")).dropna(
        subset=["date", "plot_value"])
    categories = [c for c in TIMELINE_CATEGORIES if c in set(drawable["category"])]
    if not categories:
        return note_figure("No figures about people (killed, displaced, refugees, in need, "
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
        thousands(ax.yaxis)
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
    source_line(fig, [f"Source: {drawable['article_id'].nunique()} articles (outlets "
                       f"{', '.join(outlets)}), quotes in the figures table."] + notes)
    return fig
