"""Incidents: ACLED-like records from the text, their places, dates, fatalities and merging."""

import pandas as pd
import pytest

from carlib.evaluate import read_gold, score_incidents
from carlib.incidents import INCIDENT_COLUMNS, extract_incidents


def corpus(*texts: str, published: str = "2014-02-12", outlets=None) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": list(texts),
                         "published": pd.Timestamp(published), "published_precision": "day",
                         "outlet": outlets or ["AFP"] * len(texts)})


@pytest.fixture(scope="session")
def seed_incidents(seed_articles):
    return extract_incidents(seed_articles)


@pytest.mark.xfail(reason="legacy sentence rules; incidents are rebuilt as event frames (issue 12)", strict=True)
def test_seed_reports_match_the_gold(seed_articles, root):
    import carlib

    tags = carlib.tag_corpus(seed_articles)
    places = carlib.geoparse(seed_articles, tags)
    reports = extract_incidents(seed_articles, tags, places, merge=False)
    place, kind, actor, day, deaths = score_incidents(
        reports, read_gold(root / "tests/gold/incidents.csv"),
        read_gold(root / "tests/gold/places.csv")).scores
    # measured 2026-12-01 with per-article matching (no span overlap needed): 18 of 20 gold
    # reports at the right place with the right type, 17 of those 18 on the right date, 7 of
    # the 8 with a toll with the right toll
    assert kind.recall >= 0.85 and kind.precision >= 0.85
    assert day.value >= 0.9 and deaths.value >= 0.85


@pytest.mark.xfail(reason="legacy sentence rules; incidents are rebuilt as event frames (issue 12)", strict=True)
def test_repeated_event_is_merged_with_every_source(seed_incidents):
    merged = seed_incidents[seed_incidents["n_sources"] == 2]
    assert len(merged) == 1
    rampage = merged.iloc[0]
    assert rampage["location"] == "Bangui" and rampage["event_date"] == pd.Timestamp("2013-12-01")
    assert rampage["fatalities"] == 100, "the most conservative figure of the two reports"
    assert {r["article_id"] for r in rampage["reports"]} == {"000_3e88c355ff1f429e",
                                                             "001_fe38c0874b9f1dc3"}
    assert "IPS (2014-01-30)" in rampage["sources"]
    assert all(r["quote"] for r in rampage["reports"])


def test_columns_and_provenance(seed_incidents, seed_articles):
    assert list(seed_incidents.columns) == INCIDENT_COLUMNS
    text = dict(zip(seed_articles["article_id"], seed_articles["text"]))
    for incident in seed_incidents.itertuples():
        for report in incident.reports:
            assert text[report["article_id"]][report["start"]:report["end"]] == report["quote"]
    assert seed_incidents["incident_id"].is_unique


def test_each_town_of_a_list_is_an_incident():
    out = extract_incidents(corpus(
        "In the Central African Republic, anti-balaka militias attacked Muslims in Boali, "
        "Boyali and Baoro last week."))
    assert sorted(out["location"]) == ["Baoro", "Boali", "Boyali"]
    assert set(out["actor1"]) == {"anti-balaka"} and set(out["actor2"]) == {"Muslim civilians"}
    assert set(out["time_precision"]) == {2}


def test_a_foreign_destination_is_not_the_place():
    (row,) = extract_incidents(corpus(
        "In the Central African Republic, 22 civilians were murdered in a convoy on the "
        "highway to Cameroon on Friday.")).itertuples()
    assert row.location == "Central African Republic" and row.geo_precision == 3
    assert row.fatalities == 22 and row.event_date == pd.Timestamp("2014-02-07")


def test_the_speakers_location_is_not_the_place():
    out = extract_incidents(corpus(
        '"In PK5 there are lynchings," the researcher told AFP from the town of Bozoum.'))
    assert list(out["location"]) == ["PK5"]
    assert list(out["event_type"]) == ["Riots"]


def test_a_crowd_makes_it_mob_violence():
    (row,) = extract_incidents(corpus(
        "On Wednesday a crowd lynched a man at the market in Bangui.")).itertuples()
    assert (row.event_type, row.sub_event_type, row.actor1) == ("Riots", "Mob violence", "crowd")
    assert row.event_date == pd.Timestamp("2014-02-12") and row.time_precision == 1


def test_vague_deaths_are_shared_between_the_places():
    out = extract_incidents(corpus(
        "Anti-balaka raided PK5 and PK12 in Bangui, killing dozens of residents."))
    assert dict(zip(out["location"], out["fatalities"])) == {"PK5": 6, "PK12": 6}
    assert set(out["fatalities_qualifier"]) == {"vague"}


@pytest.mark.parametrize("text", [
    "Peacekeepers failed to prevent killings in Bangui.",
    "Over 2,000 people have been killed in Bangui since March.",
    "Crimes committed in Bangui include extrajudicial executions.",
    "The killings must stop, the minister said.",
])
def test_hedges_totals_and_placeless_words_are_not_incidents(text):
    assert extract_incidents(corpus(text)).empty


def test_undated_event_takes_the_publication_date_at_month_precision():
    (row,) = extract_incidents(corpus("Gunmen killed three villagers in Bossangoa.")).itertuples()
    assert row.event_date == pd.Timestamp("2014-02-12") and row.time_precision == 3
    assert row.actor1 == "unidentified armed group"
    assert "Bossangoa" in row.notes and "3 killed" in row.notes


def test_reports_of_one_event_in_two_articles_merge_but_not_two_different_events():
    out = extract_incidents(corpus(
        "Anti-balaka militias killed 12 Muslims in Bossangoa on Tuesday.",
        "On Tuesday anti-balaka fighters killed at least 10 people in Bossangoa.",
        "Seleka fighters killed 5 people in Bossangoa on Tuesday.",
        outlets=["AFP", "Reuters", "AP"]))
    assert sorted(out["n_sources"]) == [1, 2]
    both = out[out["n_sources"] == 2].iloc[0]
    assert both["fatalities"] == 10 and both["source"] == "AFP; Reuters"


def test_no_articles_no_incidents():
    out = extract_incidents(corpus("x").iloc[:0])
    assert out.empty and list(out.columns) == INCIDENT_COLUMNS


def test_a_source_that_speaks_is_not_the_perpetrator_and_near_is_approximate():
    (gao,) = extract_incidents(corpus(
        "The UN mission in Mali said jihadists ambushed a convoy near Gao on Sunday.")
    ).itertuples()
    assert gao.actor1 == "unidentified armed group" and gao.geo_precision == 2
    (bunia,) = extract_incidents(corpus(
        "Militias burned villages north of Bunia, in Congo, MSF said.")).itertuples()
    assert bunia.location == "Bunia" and bunia.geo_precision == 2
    assert bunia.event_type == "Strategic developments"


def test_a_dateline_is_neither_the_place_nor_the_date():
    (row,) = extract_incidents(corpus(
        "ABUJA, June 14 (Reuters) - Gunmen killed 23 villagers in Zamfara state in northwest "
        "Nigeria on Monday, police said.", published="2023-06-15")).itertuples()
    assert row.location == "Zamfara State" and row.geo_precision == 3
    assert row.event_date == pd.Timestamp("2023-06-12") and row.time_precision == 1


def test_named_groups_keep_their_name_and_towns_beat_their_state():
    out = extract_incidents(corpus(
        "Boko Haram militants killed 30 people in Maiduguri on Monday.",
        "Bandits abducted 287 pupils from a school in Kuriga, Kaduna state, on March 7.",
        "Residents of Goma fled to Rwanda after M23 rebels killed 12 people.",
        published="2024-03-20", outlets=["A", "B", "C"]))
    assert dict(zip(out["article_id"], out["actor1"]))["a0"] == "Boko Haram"
    assert list(out[out["article_id"] == "a1"]["location"]) == ["Kaduna State"], \
        "an unsure match for Kuriga must not place it; the state does"
    assert list(out[out["article_id"] == "a2"]["location"]) == ["Goma"]


def test_an_exact_day_survives_a_publication_date_known_to_the_month():
    articles = corpus("Seleka fighters killed 20 civilians in Bossangoa on 5 December.",
                      published="2013-12-01").assign(published_precision="month")
    (row,) = extract_incidents(articles).itertuples()
    assert row.event_date == pd.Timestamp("2013-12-05") and row.time_precision == 1
