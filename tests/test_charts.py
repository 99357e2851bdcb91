"""Charts: the figures timeline, key dates, the plotted data read back from the Axes, saving."""

import logging
import xml.etree.ElementTree as ET

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

import carlib
from carlib.charts import (TIMELINE_CATEGORIES, TIMELINE_COLUMNS, figure_gid,
                           figures_timeline, plot_fatalities_by_place, plot_figures, save_figure)
from carlib.style import outlet_colours
from carlib.tagging import KEY_DATE_COLUMNS, key_dates

CNN, IPS = outlet_colours(pd.Series(["CNN", "IPS"])).values()


@pytest.fixture(scope="module")
def tags(seed_articles):
    return carlib.tag_corpus(seed_articles)


@pytest.fixture(scope="module")
def timeline(seed_articles, tags):
    return figures_timeline(tags.figures, seed_articles, dates=tags.dates, sents=tags.sentences)


@pytest.fixture(scope="module")
def seed_key_dates(tags):
    return key_dates(tags.dates, tags.sentences, tags.mentions)


def row_of(table: pd.DataFrame, article_prefix: str, quote: str) -> pd.Series:
    found = table[table["article_id"].str.startswith(article_prefix) & (table["quote"] == quote)]
    assert len(found) == 1, (article_prefix, quote, table["quote"].tolist())
    return found.iloc[0]


def one_article(text: str, published: str | None = "2014-01-30", precision: str = "day",
                outlet: str = "IPS") -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["t"], "text": [text], "outlet": [outlet],
                         "published": [pd.Timestamp(published) if published else pd.NaT],
                         "published_precision": [precision if published else None]})


def timeline_of(text: str, **article) -> pd.DataFrame:
    articles = one_article(text, **article)
    return figures_timeline(carlib.extract_figures(articles), articles)


# --------------------------------------------------------------------------- timeline


def test_timeline_keeps_only_the_plotted_categories(timeline, tags):
    assert list(timeline.columns) == TIMELINE_COLUMNS
    kept = tags.figures[tags.figures["category"].isin(TIMELINE_CATEGORIES)]
    assert len(timeline) == len(kept)
    assert set(timeline["category"]) <= set(TIMELINE_CATEGORIES)
    assert set(timeline["scope"]) <= {"cumulative", "period", "snapshot"}


def test_timeline_rows_keep_their_provenance(timeline, seed_articles):
    texts = dict(zip(seed_articles["article_id"], seed_articles["text"]))
    for row in timeline.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.quote


def test_running_total_since_an_event_is_cumulative_at_publication(timeline):
    million = row_of(timeline, "001", "one million")
    assert (million.category, million.scope) == ("displaced", "cumulative")
    # "since ... seized power in March 2013": the total as of publication, not March 2013
    assert (million.date, million.date_basis) == (pd.Timestamp("2014-01-30"), "published")
    assert row_of(timeline, "001", "Over 2,000 people").scope == "cumulative"
    assert row_of(timeline, "001", "over 100,000 Muslims").scope == "cumulative"  # already fled


def test_count_for_a_stated_period_is_period(timeline):
    half = row_of(timeline, "002", "nearly half a million Central Africans")
    assert (half.scope, half.plot_value) == ("period", 500_000)
    assert half.date == pd.Timestamp("2014-02-12")  # "since December" runs to publication
    january = row_of(timeline, "002", "at least 100 Muslims")
    assert (january.scope, january.date, january.date_basis) == \
        ("period", pd.Timestamp("2014-01-31"), "period_end")


def test_snapshots(timeline):
    assert row_of(timeline, "001", "100,000 displaced").scope == "snapshot"  # camped at the airport
    assert (timeline.loc[timeline["category"].isin(["troops", "in_need"]), "scope"]
            == "snapshot").all()


def test_publication_known_to_the_month_is_drawn_mid_month_and_flagged(timeline):
    row = row_of(timeline, "000", "almost 1,000 people")
    assert (row.date, row.date_basis) == (pd.Timestamp("2013-12-16"), "published_month")
    assert row.plot_value == 1000  # almost: the value


def test_plot_value_takes_the_low_count_of_vague_amounts(timeline):
    dozens = row_of(timeline, "001", "dozens of residents")
    assert (dozens.qualifier, dozens.plot_value) == ("vague", 12)
    assert pd.isna(row_of(timeline, "001", "a quarter of the population").plot_value)


@pytest.mark.parametrize("text, scope", [
    ("Over 5,000 people have fled so far, officials said.", "cumulative"),
    ("By February, 3,000 people had fled their homes.", "cumulative"),
    ("Last week, 40 people were killed in the town.", "period"),
    ("Some 20,000 displaced people are sheltering at the cathedral.", "snapshot"),
    ("The UN says 2,000 troops are needed.", "snapshot"),
    ("At least 30 people were killed.", "cumulative"),
])
def test_scope_rules(text, scope):
    assert timeline_of(text)["scope"].tolist() == [scope]


def test_undated_figures_are_kept_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="carlib.charts"):
        table = timeline_of("At least 30 people were killed.", published=None)
    assert len(table) == 1 and pd.isna(table["date"].iloc[0])
    assert "no date" in caplog.text and "At least 30 people" in caplog.text


def test_empty_figures_table(seed_articles):
    empty = carlib.extract_figures(seed_articles.iloc[:0])
    assert list(figures_timeline(empty, seed_articles).columns) == TIMELINE_COLUMNS


# --------------------------------------------------------------------------- key dates


def test_key_dates_on_the_seeds(seed_key_dates, seed_articles):
    assert list(seed_key_dates.columns) == KEY_DATE_COLUMNS
    by_label = dict(zip(seed_key_dates["label"], seed_key_dates["date"]))
    assert by_label["African Union took authority"] == pd.Timestamp("2013-12-19")
    assert by_label["Seleka seized power"] == pd.Timestamp("2013-03-01")
    assert by_label["Djotodia resigned"] == pd.Timestamp("2014-01-01")
    votes = seed_key_dates.loc[seed_key_dates["label"] == "UN Security Council vote", "date"]
    assert set(votes) == {pd.Timestamp("2013-12-01"), pd.Timestamp("2014-01-28")}
    texts = dict(zip(seed_articles["article_id"], seed_articles["text"]))
    for row in seed_key_dates.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.quote


def test_key_dates_are_deduplicated_within_a_few_days(seed_key_dates):
    for _, same in seed_key_dates.groupby("label"):
        assert (same["date"].sort_values().diff().dropna() > pd.Timedelta(days=3)).all()


def test_key_date_labels_without_mentions(tags):
    plain = key_dates(tags.dates, tags.sentences)
    assert {"seized power", "took authority", "resigned", "vote"} <= set(plain["label"])


def test_key_dates_skip_dates_known_only_to_the_year():
    articles = one_article("Last year's coup was the latest in a series. "
                           "Rebels seized power on 24 March 2013.")
    sents = carlib.sentences(articles)
    found = key_dates(carlib.extract_dates(articles, sents), sents)
    assert found[["label", "quote"]].values.tolist() == [["seized power",
                                                          "seized power on 24 March 2013"]]


# --------------------------------------------------------------------------- plot_figures


def drawn(fig) -> dict[str, tuple]:
    """gid -> (panel title, artist) for every plotted figure."""
    return {artist.get_gid(): (ax.get_title(loc="left"), artist) for ax in fig.axes
            for artist in ax.get_children()
            if (artist.get_gid() or "").startswith("figure ")}


def test_markers_are_the_timeline_rows(timeline, seed_key_dates, seed_articles):
    fig = plot_figures(timeline, seed_key_dates, seed_articles)
    artists = drawn(fig)
    drawable = timeline.dropna(subset=["date", "plot_value"])
    assert set(artists) == {figure_gid(row) for row in drawable.itertuples()}
    for row in drawable.itertuples():
        title, artist = artists[figure_gid(row)]
        assert title.startswith({"killed": "Killed", "displaced": "Displaced",
                                 "refugees": "Refugees", "in_need": "In need",
                                 "troops": "Troops"}[row.category])
        assert artist.get_xydata().tolist() == [[mdates.date2num(row.date), row.plot_value]]
    at_least = row_of(timeline, "002", "at least 100 Muslims")
    assert artists[figure_gid(at_least)][1].get_marker() == "^"
    assert artists[figure_gid(row_of(timeline, "000", "almost 1,000 people"))][1] \
        .get_marker() == "v"
    vague = artists[figure_gid(row_of(timeline, "001", "dozens of residents"))][1]
    assert (vague.get_marker(), vague.get_markerfacecolor()) == ("o", "none")


def test_period_figures_have_a_dashed_stem(timeline):
    fig = plot_figures(timeline)
    stems = {a.get_gid()[len("stem "):]: a for ax in fig.axes for a in ax.collections
             if (a.get_gid() or "").startswith("stem ")}
    drawable = timeline.dropna(subset=["date", "plot_value"])
    assert set(stems) == {figure_gid(r) for r in drawable.itertuples() if r.scope == "period"}
    for stem in stems.values():
        assert stem.get_linestyle()[0][1] is not None  # dashed, not solid
    half = row_of(timeline, "002", "nearly half a million Central Africans")
    (x, low), (_, high) = stems[figure_gid(half)].get_segments()[0]
    assert (x, low, high) == (mdates.date2num(half.date), 0, 500_000)


def synthetic_timeline() -> pd.DataFrame:
    rows = [("a", 0, 10, "between 50 and 80 people", "killed", None, 50, 80, "range", 50,
             "2014-01-10", "period"),
            ("a", 20, 30, "at least 10 people", "killed", 10, 10, None, "at_least", 10,
             "2014-01-20", "cumulative"),
            ("b", 0, 10, "2,000 troops", "troops", 2000, None, None, "exact", 2000,
             "2014-01-15", "snapshot")]
    table = pd.DataFrame([{"article_id": a, "sentence_id": 0, "start": s, "end": e, "quote": q,
                           "category": c, "value": v, "low": lo, "high": hi, "qualifier": ql,
                           "plot_value": pv, "date": pd.Timestamp(d), "date_basis": "published",
                           "scope": sc, "outlet": "CNN" if a == "a" else "IPS"}
                          for a, s, e, q, c, v, lo, hi, ql, pv, d, sc in rows])
    return table[TIMELINE_COLUMNS]


def test_range_bar_spans_low_to_high_and_colour_is_the_outlet():
    table = synthetic_timeline()
    artists = drawn(plot_figures(table))
    bar = artists[figure_gid(table.iloc[0])][1]
    assert isinstance(bar, LineCollection)
    (x0, y0), (x1, y1) = bar.get_segments()[0]
    assert (x0, y0, y1) == (mdates.date2num(pd.Timestamp("2014-01-10")), 50, 80)
    troops = artists[figure_gid(table.iloc[2])][1]
    assert isinstance(troops, Line2D) and troops.get_marker() == "s"
    assert troops.get_markeredgecolor().upper() == IPS.upper()


def test_key_dates_are_lines_and_the_source_names_the_outlets():
    table = synthetic_timeline()
    marks = pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [1, 2], "start": [0, 0],
                          "end": [5, 5], "quote": ["x", "y"],
                          "date": [pd.Timestamp("2014-01-12"), pd.Timestamp("2012-06-01")],
                          "precision": ["day", "month"], "label": ["ceasefire", "coup"],
                          "cue": ["ceasefire", "coup"]})
    fig = plot_figures(table, marks)
    for ax in fig.axes:
        lines = [a for a in ax.lines if (a.get_gid() or "").startswith("key_date ")]
        assert [mdates.date2num(line.get_xdata()[0]) for line in lines] == \
            [mdates.date2num(pd.Timestamp("2014-01-12"))]
    labels = [t.get_text() for t in fig.axes[0].texts
              if (t.get_gid() or "").startswith("key_label ")]
    assert labels == ["ceasefire (12 Jan)"]
    source = fig.get_supxlabel()
    assert source.startswith("Source: 2 articles (outlets CNN, IPS)")
    assert "quotes in the figures table" in source
    assert "Key dates outside the chart: coup (Jun 2012)" in source  # listed, not dropped
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "CNN" in legend and any("period" in text for text in legend)


def test_seed_chart_source_line(timeline, seed_key_dates, seed_articles):
    fig = plot_figures(timeline, seed_key_dates, seed_articles)
    assert fig.get_supxlabel().startswith("Source: 3 articles (outlets CNN, IPS, unknown)")
    assert "Not drawn: 1 figure(s)" in fig.get_supxlabel()  # the share of the population
    assert fig.get_figwidth() == 10 and fig.get_figheight() >= 2.5 * len(fig.axes)
    lines = {pd.Timestamp(line.get_xdata()[0]) for line in fig.axes[-1].lines
             if (line.get_gid() or "").startswith("key_date ")}
    assert pd.Timestamp("2013-12-19") in lines and pd.Timestamp("2014-01-28") in lines
    assert "Seleka seized power (Mar 2013)" in fig.get_supxlabel()  # far off, so listed


def test_empty_figures_give_a_note(timeline):
    fig = plot_figures(timeline.iloc[:0])
    notes = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert len(notes) == 1 and notes[0].startswith("No figures")


# --------------------------------------------------------------------------- fatalities


def incidents() -> pd.DataFrame:
    rows = [("Bangui", 10.0), ("Bangui", 5.0), ("Bossemptele", 100.0), ("Yaloke", None),
            ("Bouar", 3.0), ("Bouar", None), (None, 2.0)]
    return pd.DataFrame([{"incident_id": f"i{i}", "event_date": pd.Timestamp("2014-01-20"),
                          "event_type": "Violence against civilians", "actor1": "anti-balaka",
                          "location": place, "admin1": "", "country": "Central African Republic",
                          "latitude": 4.4, "longitude": 18.6, "geo_precision": 1,
                          "fatalities": deaths,
                          "fatalities_qualifier": "exact" if deaths else "unknown",
                          "source": "CNN" if i % 2 else "IPS", "n_sources": 1,
                          "article_id": f"art{i % 3}", "quote": "..."}
                         for i, (place, deaths) in enumerate(rows)])


def test_fatalities_bars_equal_the_sums():
    fig = plot_fatalities_by_place(incidents())
    ax = fig.axes[0]
    bars = {patch.get_gid(): patch for patch in ax.patches}
    widths = {gid[len("place "):]: bar.get_width() for gid, bar in bars.items()}
    assert widths == {"Bossemptele": 100, "Bangui": 15, "Bouar": 3, "(no location)": 2,
                      "Yaloke": 0}
    order = sorted(bars.values(), key=lambda bar: bar.get_y(), reverse=True)
    assert [b.get_gid() for b in order] == ["place Bossemptele", "place Bangui", "place Bouar",
                                            "place (no location)", "place Yaloke"]
    labels = [t.get_text() for t in ax.texts]
    assert "unknown" in labels and any("toll unknown" in label for label in labels)
    assert fig.get_supxlabel().startswith("Source: 7 incidents from 3 articles (CNN, IPS)")


def test_no_incidents_give_a_note():
    fig = plot_fatalities_by_place(incidents().iloc[:0])
    assert fig.axes[0].texts[0].get_text().startswith("No incidents")


# --------------------------------------------------------------------------- saving


def test_save_figure_writes_png_and_valid_svg(tmp_path):
    paths = save_figure(plot_figures(synthetic_timeline()), tmp_path / "out" / "figures")
    assert paths == [tmp_path / "out" / "figures.png", tmp_path / "out" / "figures.svg"]
    assert paths[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    root = ET.parse(paths[1]).getroot()
    assert root.tag.endswith("svg")
    gids = {element.get("id") for element in root.iter()}
    assert figure_gid(synthetic_timeline().iloc[1]) in gids  # markers traceable in the SVG
    assert sorted(p.name for p in paths[0].parent.iterdir()) == ["figures.png", "figures.svg"]
