"""The exploration panel: filter_incidents' rules, and the panel on the seeds and on nothing."""

import re

import numpy as np
import pandas as pd
import pytest

from carlib.errors import TableError
from carlib.explore import ExplorePanel, explore, filter_incidents, incidents_view

CDN = re.compile(r"""<script[^>]*\bsrc=|<link[^>]*\bhref=|unpkg\.com|cdn\.jsdelivr|cdnjs""", re.I)


def _incident(incident_id, date, precision, event_type, sub_event_type, actor1, actor2, location,
              admin1, country, lat, fatalities, quotes):
    reports = [{"source": outlet, "reported": pd.Timestamp("2014-02-12"), "article_id": f"a{i}",
                "sentence_id": i, "start": 0, "end": len(quote), "quote": quote}
               for i, (outlet, quote) in enumerate(quotes)]
    return {"incident_id": incident_id, "event_date": pd.Timestamp(date),
            "time_precision": precision, "event_type": event_type,
            "sub_event_type": sub_event_type, "actor1": actor1, "actor2": actor2,
            "location": location, "admin1": admin1, "admin2": "", "country": country,
            "latitude": lat, "longitude": None if lat is None else 18.0,
            "geo_precision": 1, "fatalities": fatalities, "fatalities_qualifier": "",
            "source": "; ".join(o for o, _ in quotes), "n_sources": len(quotes),
            "notes": "", "article_id": "a0", "sentence_id": 0, "start": 0,
            "end": len(quotes[0][1]), "quote": quotes[0][1], "reports": reports}


@pytest.fixture
def incidents() -> pd.DataFrame:
    """Six incidents: two countries, a month-precision date, an undated one, unknown deaths,
    accents, a quote HTML must escape, one without coordinates."""
    return pd.DataFrame([
        _incident("i1", "2013-12-05", 1, "Violence against civilians", "Attack", "anti-balaka",
                  "Civilians", "Bangui", "Bangui", "CF", 4.36, 60.0,
                  [("IPS", "militiamen killed 60 Muslim men"),
                   ("CNN", "the mosque in Bangui was attacked")]),
        _incident("i2", "2014-01-29", 1, "Violence against civilians", "Attack", "anti-balaka",
                  "Civilians", "PK5", "Bangui", "CF", 4.37, 22.0,
                  [("IPS", "22 people were killed in PK5")]),
        _incident("i3", "2014-01-01", 3, "Battles", "Armed clash", "Seleka", "anti-balaka",
                  "Bossemptélé", "Ouham-Pendé", "CF", 5.1, np.nan,
                  [("CNN", "fighting between Séléka and anti-balaka <script>x</script>")]),
        _incident("i4", "2014-02-10", 1, "Riots", "Mob violence", "Rioters", "Civilians",
                  "Bangui", "Bangui", "CF", None, 1.0, [("CNN", "a mob lynched a man")]),
        _incident("i5", "2014-02-11", 1, "Violence against civilians", "Attack", "Boko Haram",
                  "Civilians", "Maiduguri", "Borno", "NG", 11.8, 30.0,
                  [("BBC", "gunmen killed 30 villagers near Maiduguri")]),
        _incident("i6", "NaT", 3, "Strategic developments", "Looting/property destruction",
                  "Seleka", "", "Bangui", "Bangui", "CF", 4.38, np.nan,
                  [("IPS", "houses were looted and burned")]),
    ])


def _ids(rows: pd.DataFrame) -> list[str]:
    return rows["incident_id"].tolist()


# ------------------------------------------------------------------ filter_incidents

def test_no_filter_keeps_every_row_and_the_index(incidents):
    kept = filter_incidents(incidents)
    assert _ids(kept) == _ids(incidents) and kept.index.tolist() == incidents.index.tolist()
    assert _ids(filter_incidents(incidents, event_types=(), actor="", place=" ", text="")) \
        == _ids(incidents)


def test_date_range_includes_both_ends_and_a_month_date_stands_for_its_month(incidents):
    assert _ids(filter_incidents(incidents, start="2014-01-30", end="2014-02-10")) == [
        "i3", "i4"]  # i2 is the day before; i3 is "January 2014", which the range touches
    assert _ids(filter_incidents(incidents, start="2014-02-10", end="2014-02-11")) == [
        "i4", "i5"]  # both ends included
    # i3 (time_precision 3): any day of January may be it
    assert "i3" in _ids(filter_incidents(incidents, start="2014-01-15", end="2014-01-20"))
    assert "i3" not in _ids(filter_incidents(incidents, start="2014-02-01"))
    # an undated incident is left out once a bound is given
    assert "i6" not in _ids(filter_incidents(incidents, end="2030-01-01"))
    # dates as datetime.date (what the panel's DatePicker gives) or Timestamps
    assert _ids(filter_incidents(incidents, start=pd.Timestamp("2014-02-11").date())) == ["i5"]
    with pytest.raises(ValueError, match="start='soon' is not a date"):
        filter_incidents(incidents, start="soon")


def test_event_types_match_the_type_or_the_sub_type(incidents):
    assert _ids(filter_incidents(incidents, event_types=["Battles", "Riots"])) == ["i3", "i4"]
    assert _ids(filter_incidents(incidents, event_types="armed clash")) == ["i3"]


def test_actor_is_either_side_case_and_accents_ignored(incidents):
    assert _ids(filter_incidents(incidents, actor="anti-balaka")) == ["i1", "i2", "i3"]
    assert _ids(filter_incidents(incidents, actor="SELEKA")) == ["i3", "i6"]
    assert _ids(filter_incidents(incidents, actor="Seleka ex")) == []  # whole names only


def test_country_by_code_or_name(incidents):
    assert _ids(filter_incidents(incidents, country="NG")) == ["i5"]
    assert _ids(filter_incidents(incidents, country="nigeria")) == ["i5"]
    assert len(filter_incidents(incidents, country="Central African Republic")) == 5


def test_place_is_found_in_location_or_its_regions(incidents):
    assert _ids(filter_incidents(incidents, place="bangui")) == ["i1", "i2", "i4", "i6"]
    assert _ids(filter_incidents(incidents, place="Bossemptele")) == ["i3"]  # accents ignored
    assert _ids(filter_incidents(incidents, place="ouham")) == ["i3"]  # admin1


def test_min_fatalities_leaves_out_unknown_tolls(incidents):
    assert _ids(filter_incidents(incidents, min_fatalities=22)) == ["i1", "i2", "i5"]
    assert len(filter_incidents(incidents, min_fatalities=0)) == 6
    assert "i3" not in _ids(filter_incidents(incidents, min_fatalities=1))


def test_text_searches_every_report_quote_every_word(incidents):
    assert _ids(filter_incidents(incidents, text="mosque")) == ["i1"]  # the second report
    assert _ids(filter_incidents(incidents, text="KILLED muslim")) == ["i1"]
    # parts of words count: "men" is in "gunmen"
    assert _ids(filter_incidents(incidents, text="men killed")) == ["i1", "i5"]
    assert _ids(filter_incidents(incidents, text="seleka")) == ["i3"]  # Séléka
    assert _ids(filter_incidents(incidents, text="killed")) == ["i1", "i2", "i5"]
    without_reports = incidents.drop(columns="reports")  # as read back from incidents.csv
    assert _ids(filter_incidents(without_reports, text="mosque")) == []
    assert _ids(filter_incidents(without_reports, text="lynched")) == ["i4"]


def test_filters_combine(incidents):
    assert _ids(filter_incidents(incidents, start="2014-01-01", actor="anti-balaka",
                                 place="bangui", min_fatalities=10, text="killed")) == ["i2"]


def test_empty_tables_analyses_and_missing_columns(incidents):
    assert filter_incidents(pd.DataFrame(), actor="x").empty
    assert filter_incidents(incidents.iloc[:0], text="x").columns.tolist() == \
        incidents.columns.tolist()

    class Analysis:  # anything with .incidents
        pass

    analysis = Analysis()
    analysis.incidents = incidents
    assert _ids(filter_incidents(analysis, country="NG")) == ["i5"]
    with pytest.raises(TableError, match="place needs the column"):
        filter_incidents(incidents.drop(columns="location"), place="Bangui")
    with pytest.raises(TableError, match="table or an Analysis"):
        filter_incidents(42)


# ------------------------------------------------------------------ the map it draws

def test_popups_name_the_outlet_the_date_the_places_and_quote_every_report(incidents):
    from carlib.maps import incident_map

    page = incident_map(incidents).get_root().render()
    assert "unknown outlet" not in page  # the outlet is the report's source
    assert "<b>IPS</b>, 2014-02-12" in page and "<b>CNN</b>, 2014-02-12" in page
    assert "Bangui, Central African Republic" in page  # not "Bangui, Bangui, CF"
    assert "Maiduguri, Borno, Nigeria" in page and "PK5, Bangui, Central African Republic" in page
    assert "2013-12-05</b>" in page and "January 2014</b>" in page  # the event's date
    for quote in ("militiamen killed 60 Muslim men", "the mosque in Bangui was attacked",
                  "gunmen killed 30 villagers near Maiduguri"):
        assert quote in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x</script>" not in page


def test_the_time_control_steps_through_the_dates_offline(incidents, tmp_path):
    from carlib.maps import incident_map, save_map
    from carlib.maps.timeline import TimeSlider

    def sliders(m):
        return [c for c in m._children.values() if isinstance(c, TimeSlider)]

    assert not sliders(incident_map(incidents))  # only when asked for
    m = incident_map(incidents, time_slider=True)
    (slider,) = sliders(m)
    assert slider.days == ["2013-12-05", "2014-01-01", "2014-01-29", "2014-02-11"]
    assert len(slider.entries) == 5 and slider.n_undated == 1  # i6: always shown
    page = save_map(m, tmp_path / "map.html").read_text()
    assert "carlib-time-step" in page and '"2014-02-11"' in page
    assert not CDN.search(page), CDN.search(page)
    undated = incidents.assign(event_date=pd.NaT)
    assert not sliders(incident_map(undated, time_slider=True))  # nothing to step through
    assert not sliders(incident_map(incidents.iloc[:0], time_slider=True))


# ------------------------------------------------------------------ the panel

def _markers(panel: ExplorePanel) -> int:
    return panel.map.value.count("L.circleMarker(")


def test_the_panel_shows_every_incident_at_first(incidents):
    panel = explore(incidents)
    assert isinstance(panel, ExplorePanel)
    import ipywidgets

    assert isinstance(panel, ipywidgets.Widget)
    assert len(panel.rows) == 6 and len(panel.table.df) == 6
    assert _markers(panel) == 5  # i4 has no coordinates
    assert "6 of 6 incidents" in panel.status.value and "1 not on the map" in panel.status.value
    assert panel.table.df.columns.tolist()[:3] == ["incident_id", "event_date", "event_type"]
    assert panel.table.df.loc[2, "event_date"] == "2014-01"  # month precision
    assert panel.table.df.loc[4, "country"] == "Nigeria"
    assert "carlib-time" in panel.map.value  # the time control
    assert {"start", "end", "event_types", "actor", "country", "place", "min_fatalities",
            "text"} == set(panel.filters)


def test_changing_a_filter_changes_the_table_and_the_map_together(incidents):
    panel = explore(incidents)
    panel.filters["actor"].value = "anti-balaka"
    assert _ids(panel.rows) == ["i1", "i2", "i3"]
    assert panel.table.df["incident_id"].tolist() == ["i1", "i2", "i3"]
    assert _markers(panel) == 3 and "3 of 6 incidents" in panel.status.value
    panel.filters["min_fatalities"].value = 30
    assert panel.table.df["incident_id"].tolist() == ["i1"] and _markers(panel) == 1
    panel.filters["text"].value = "nothing like this"
    assert panel.rows.empty and _markers(panel) == 0
    assert "No incident passes these filters" in panel.table_box.children[0].value
    panel.reset.click()
    assert len(panel.table.df) == 6 and _markers(panel) == 5
    assert panel.filters["actor"].value == "" and panel.filters["min_fatalities"].value == 0


def test_the_table_keeps_its_search_paging_and_alignment_after_a_filter(incidents):
    panel = explore(incidents)
    panel.filters["actor"].value = "Seleka"  # ITable.update falls back to itables' defaults
    options = panel.table._dt_args  # unless it is given carlib's options again
    assert options["layout"]["topEnd"] == {"search": {"placeholder": "Search"}}
    assert options["layout"]["bottomEnd"] == "paging" and options["select"]
    fatalities = panel.table.df.columns.get_loc("fatalities")
    assert {"targets": [fatalities, fatalities + 2], "className": "dt-right"} in \
        options["columnDefs"]


def test_each_filter_widget_drives_its_argument(incidents):
    panel = explore(incidents)
    panel.filters["event_types"].value = ("Battles",)
    assert _ids(panel.rows) == ["i3"]
    panel.reset.click()
    panel.filters["country"].value = "NG"
    assert _ids(panel.rows) == ["i5"]
    panel.reset.click()
    panel.filters["place"].value = "pk5"
    assert _ids(panel.rows) == ["i2"]
    panel.reset.click()
    panel.filters["start"].value = pd.Timestamp("2014-02-01").date()
    panel.filters["end"].value = pd.Timestamp("2014-02-10").date()
    assert _ids(panel.rows) == ["i4"]
    assert panel.filter_values()["start"] == pd.Timestamp("2014-02-01").date()


def test_choosing_an_incident_shows_its_reports_escaped(incidents):
    panel = explore(incidents)
    assert "Choose an incident" in panel.reports.value
    panel.table.selected_rows = [0]  # a click on the first row
    assert panel.incident.value == "i1"
    page = panel.reports.value
    assert "militiamen killed 60 Muslim men" in page and "the mosque in Bangui" in page
    assert "<b>IPS</b>" in page and "<b>CNN</b>" in page and "2 reports" in page
    assert "Bangui, Central African Republic" in page  # admin names, the country by name
    panel.incident.value = "i3"  # the dropdown, where a click cannot reach
    assert panel.table.selected_rows == [2]
    assert "&lt;script&gt;x&lt;/script&gt;" in panel.reports.value
    assert "<script>x" not in panel.reports.value
    panel.filters["country"].value = "NG"  # i3 filtered out: nothing chosen any more
    assert panel.incident.value == "" and "Choose an incident" in panel.reports.value


def test_the_figures_tab_filters_by_category_outlet_and_words():
    figures = pd.DataFrame({"article_id": ["a", "a", "b"], "quote": ["60 killed", "1,000 fled",
                                                                    "500 killed"],
                            "value": [60.0, 1000.0, 500.0], "category": ["killed", "displaced",
                                                                           "killed"]})
    articles = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["IPS", "CNN"],
                             "published": pd.to_datetime(["2014-01-30", "2014-02-12"])})
    panel = ExplorePanel(pd.DataFrame(), figures, articles)
    assert panel.figures_table.df["outlet"].tolist() == ["IPS", "IPS", "CNN"]
    assert panel.figures_table.df["value"].tolist() == ["60", "1,000", "500"]
    panel.figure_filters["category"].value = "killed"
    assert len(panel.figure_rows) == 2
    panel.figure_filters["outlet"].value = "CNN"
    assert panel.figure_rows["quote"].tolist() == ["500 killed"]
    panel.figure_filters["text"].value = "fled"
    assert panel.figure_rows.empty
    assert "No figure passes" in panel.figures_box.children[0].value


def test_the_panel_builds_on_an_empty_table():
    for empty in (pd.DataFrame(), pd.DataFrame(columns=["incident_id", "event_date", "latitude",
                                                        "longitude", "actor1", "fatalities",
                                                        "geo_precision", "reports"])):
        panel = explore(empty)
        assert panel.rows.empty and _markers(panel) == 0
        assert "No incidents in this corpus." in panel.status.value
        assert "No incidents in this corpus." in panel.table_box.children[0].value
        assert "No incidents to show." in panel.map.value
        panel.filters["text"].value = "anything"
        assert panel.rows.empty
        assert "No incidents in this corpus." in panel.snapshot_html()


def test_in_a_report_the_panel_is_a_static_offline_snapshot(incidents):
    bundle = explore(incidents)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    page = bundle["text/html"]
    assert "A snapshot of the exploration panel" in page
    assert "militiamen killed 60 Muslim men" in page  # the quotes, searchable
    assert "&lt;script&gt;x" in page and "<script>x" not in page
    assert "L.circleMarker(" in page and "carlib-time" in page
    assert not CDN.search(page), CDN.search(page)


def test_the_panel_on_the_seeds(seeds_analysis, seeds_dir):
    assert len(explore(seeds_dir).rows) == len(seeds_analysis.incidents)  # a corpus path too
    panel = explore(seeds_analysis)
    n = len(seeds_analysis.incidents)
    placed = seeds_analysis.incidents[["latitude", "longitude"]].notna().all(axis=1).sum()
    assert len(panel.table.df) == n and _markers(panel) == placed
    assert panel.tabs.titles == (f"Incidents ({n})",
                                 f"Figures ({len(seeds_analysis.tags.figures)})")
    actor = seeds_analysis.incidents["actor1"].value_counts().index[0]
    panel.filters["actor"].value = actor
    expected = filter_incidents(seeds_analysis.incidents, actor=actor)
    assert 0 < len(panel.table.df) == len(expected) < n
    assert _markers(panel) == expected[["latitude", "longitude"]].notna().all(axis=1).sum()
    assert incidents_view(expected).equals(panel.table.df)


@pytest.fixture(scope="module")
def seeds_analysis(seeds_dir):
    import carlib

    return carlib.analyse(seeds_dir)
