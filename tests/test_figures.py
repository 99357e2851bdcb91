"""Numbers and figures about people: parsing, categories, exclusions, provenance, gold scores."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carlib.evaluate import read_gold, score_figures
from carlib.tagging.figures import FIGURE_COLUMNS, extract_figures
from carlib.tagging.numbers import find_numbers, parse_amount


def article(text: str, published: str | None = "2014-01-30") -> pd.DataFrame:
    return pd.DataFrame({"article_id": ["t"], "text": [text],
                         "published": [pd.Timestamp(published) if published else pd.NaT],
                         "published_precision": ["day" if published else None]})


def figures_of(text: str, published: str | None = "2014-01-30") -> list[dict]:
    return extract_figures(article(text, published)).to_dict("records")


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("text, value", [
    ("1,000", 1000), ("2.5 millions", 2_500_000), ("one million", 1_000_000),
    ("twenty-two", 22), ("half a million", 500_000), ("a quarter of a million", 250_000),
    ("two hundred and fifty", 250), ("a dozen", 12), ("1.2 million", 1_200_000),
    ("forty-five thousand", 45_000), ("350", 350),
])
def test_parse_amount(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text, expected", [
    ("almost 1,000", (1000, None, 1000, "almost")),
    ("nearly half a million", (500_000, None, 500_000, "almost")),
    ("over 2,000", (2000, 2000, None, "more_than")),
    ("more than 100", (100, 100, None, "more_than")),
    ("at least 100", (100, 100, None, "at_least")),
    ("approximately 60", (60, None, None, "about")),
    ("some 300", (300, None, None, "about")),
    ("an estimated 5,000", (5000, None, None, "about")),
    ("up to 6,000", (6000, None, 6000, "up_to")),
    ("fewer than 500", (500, None, 500, "fewer_than")),
    ("dozens", (None, 12, None, "vague")),
    ("hundreds", (None, 100, None, "vague")),
    ("thousands", (None, 1000, None, "vague")),
    ("tens of thousands", (None, 10_000, None, "vague")),
    ("between 50 and 100", (None, 50, 100, "range")),
    ("30-40", (None, 30, 40, "range")),
])
def test_find_numbers_qualifiers(text, expected):
    (m,) = list(find_numbers(text))
    value, low, high, qualifier = expected
    assert (m.value, m.low, m.high, m.qualifier) == (value, low, high, qualifier)
    assert (m.start, m.end) == (0, len(text))


def test_share_of_population_has_no_value():
    (m,) = list(find_numbers("a quarter of the population"))
    assert m.value is None and m.share == 0.25


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize("sentence, quote, value, category", [
    ("Amnesty claims almost 1,000 people have been killed in Bangui.", "almost 1,000 people",
     1000, "killed"),
    ("Gunmen killed approximately 60 Muslim men in the market.", "approximately 60 Muslim men",
     60, "killed"),
    ("Last Friday, 22 civilians were murdered in a convoy.", "22 civilians", 22, "killed"),
    ("The bodies of 14 villagers were found near Kidal.", "14 villagers", 14, "killed"),
    ("At least 30 people were wounded in the blast.", "At least 30 people", 30, "injured"),
    ("Some 40,000 people have been displaced by the fighting in Borno.", "Some 40,000 people",
     40000, "displaced"),
    ("More than 250,000 refugees have crossed into Chad.", "More than 250,000 refugees", 250000,
     "refugees"),
    ("Over 100,000 people fled the country in January.", "Over 100,000 people", 100000,
     "refugees"),
    ("He said 1.2 million people are in need of humanitarian aid.", "1.2 million people",
     1_200_000, "in_need"),
    ("The UN will deploy 12,000 peacekeepers to Mali.", "12,000 peacekeepers", 12000, "troops"),
    ("The town had a population of 45,000 before the war.", "population of 45,000", 45000,
     "population"),
    ("Twenty-two civilians were killed on the road to Juba.", "Twenty-two civilians", 22,
     "killed"),
    ("Aid workers said 300 families were left homeless.", "300 families", 300, "displaced"),
    ("Fighting forced 5,000 families from their homes.", "5,000 families", 5000, "displaced"),
    ("More than 2 million Sudanese have fled abroad since April.",
     "More than 2 million Sudanese", 2_000_000, "refugees"),
    ("Over the past year, 30 journalists were killed in Somalia.", "30 journalists", 30,
     "killed"),
    ("The death toll rose to 57, officials said.", "57", 57, "killed"),
    ("Five soldiers were killed in the attack.", "Five soldiers", 5, "killed"),
    ("Eight troops were wounded near Bakhmut.", "Eight troops", 8, "injured"),
    ("Some 1.5m people have been displaced in Sudan.", "Some 1.5m people", 1_500_000,
     "displaced"),
    ("100 000 people have been displaced, the UN said.", "100 000 people", 100_000,
     "displaced"),
])
def test_figures_from_written_sentences(sentence, quote, value, category):
    rows = figures_of(sentence)
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["quote"] == quote and row["value"] == value and row["category"] == category
    assert sentence[row["start"]:row["end"]] == row["quote"]


@pytest.mark.parametrize("sentence, expected", [
    ("Gunmen killed seven soldiers and three civilians near Kidal.",
     [("seven soldiers", "killed"), ("three civilians", "killed")]),
    ("Eight people, including three children, were killed.",
     [("Eight people", "killed"), ("three children", "killed")]),
    ("Fighting in Khartoum killed 22 people, including eight children.",
     [("22 people", "killed"), ("eight children", "killed")]),
    ("At least 25 people were killed and 40 wounded in Maiduguri.",
     [("At least 25 people", "killed"), ("40 wounded", "injured")]),
    ("The 1,600 French and 5,000 African Union peacekeepers stayed in the capital.",
     [("1,600 French", "troops"),  # each quote stops at its own words (gold README)
      ("5,000 African Union peacekeepers", "troops")]),
])
def test_shared_verbs_asides_and_shared_nouns(sentence, expected):
    assert [(r["quote"], r["category"]) for r in figures_of(sentence)] == expected


def test_unit_is_families_or_households():
    (row,) = figures_of("Aid workers said 300 families were left homeless.")
    assert row["unit"] == "families"
    (row,) = figures_of("Some 1,200 households were displaced by floods.")
    assert row["unit"] == "households"


def test_vague_amounts_keep_value_empty_and_a_conservative_low():
    rows = figures_of("Militias made incursions, killing dozens of residents and driving out "
                      "hundreds.")
    assert [(r["qualifier"], r["low"], r["category"]) for r in rows] == [
        ("vague", 12, "killed"), ("vague", 100, "displaced")]
    assert all(pd.isna(r["value"]) for r in rows)


def test_share_is_kept_without_a_value():
    rows = figures_of("Over 2,000 people have been killed and one million - a quarter of the "
                      "population - displaced since the coup.")
    assert [(r["quote"], r["category"]) for r in rows] == [
        ("Over 2,000 people", "killed"), ("one million", "displaced"),
        ("a quarter of the population", "displaced")]
    assert rows[2]["share"] == 0.25 and pd.isna(rows[2]["value"])


@pytest.mark.parametrize("sentence", [
    "The 15-member council voted on Tuesday.",
    "He was standing just 15 yards from the soldiers.",
    "They will carry 1,000 tons of equipment.",
    "Among the dead was an imam in his mid-70s.",
    "Fighters entered PK12 and PK5 at night.",
    "The rebels seized power in March 2013.",
    "The fund has raised $2 million for the victims.",
    "Turnout fell to 45 percent of registered voters.",
    "The two-day rampage ended on 19 December.",
    "The offensive lasted 24 hours.",
    "A 45-year-old man was arrested.",
    "Someone told me that one had his head cut off.",
    "Country had eight mosques before the conflict.",
    "3Following the deployment, peace returned.",
    "No one was killed in the attack, the army said.",
])
def test_not_figures_about_people(sentence):
    assert figures_of(sentence) == []


def test_period_from_the_sentence_and_place_from_the_geo_step():
    from carlib.geo import geoparse, locate_figures

    articles = article("The worst violence was in the northern town of Bossemptele, where at "
                       "least 100 Muslims were killed in January.", "2014-02-12")
    figures = extract_figures(articles)
    assert "place" not in figures, "figures do not decide places: the geo step does"
    (row,) = locate_figures(figures, geoparse(articles)).to_dict("records")
    assert row["place"] == "Bossemptélé" and row["place_country"] == "CF"
    assert row["date_start"] == pd.Timestamp("2014-01-01")
    assert row["date_end"] == pd.Timestamp("2014-01-31")


def test_since_runs_to_the_publication_date():
    (row,) = figures_of("Nearly half a million people have been displaced since December.",
                        "2014-02-12")
    assert row["date_start"] == pd.Timestamp("2013-12-01")
    assert row["date_end"] == pd.Timestamp("2014-02-12")


def test_empty_corpus_gives_the_columns():
    out = extract_figures(article("No numbers here.").iloc[:0])
    assert list(out.columns) == FIGURE_COLUMNS and out.empty


# --------------------------------------------------------------------------- gold


def test_seed_figures_score_against_gold(seed_articles, root):
    value, both = score_figures(extract_figures(seed_articles),
                                read_gold(root / "tests/gold/figures.csv")).scores
    # measured 2026-11-21: see the closing note of issue 3; floors sit just under the measure
    assert value.recall >= 0.97 and value.precision >= 0.90
    assert both.f1 >= 0.93


# --------------------------------------------------------------------------- properties

NEWSY = st.sampled_from(["killed", "displaced", "people", "troops", "1,000", "2.5", "million",
                         "dozens", "of", "and", "-", "between", "over", "nearly", "half", "a",
                         "PK12", "3Following", "twenty-two", "%", "$", "since", "December",
                         "19", "Jan.", ",", ".", '"', "population", "fled", "the country"])


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(NEWSY, max_size=40).map(" ".join)))
def test_figures_never_crash_and_spans_are_exact(text):
    frame = extract_figures(article(text))
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.quote
        assert row.category in {"killed", "injured", "abducted", "displaced", "refugees",
                                "returned", "in_need", "troops", "population", "other"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_number_parser_never_crashes(text):
    for m in find_numbers(text):
        assert 0 <= m.start < m.end <= len(text)


def test_a_datelines_date_is_not_the_figures_period():
    (row,) = figures_of("ABUJA, June 14 (Reuters) - Gunmen killed 23 villagers in Zamfara "
                        "state on Monday.", "2023-06-15")
    assert row["date_start"] == pd.Timestamp("2023-06-12")
