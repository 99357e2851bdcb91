"""One owner per decision: the later steps read what the geo and text steps decided (each
article's focus country, every place, the datelines) and never decide it again; checked on
the development corpus and on an article written for the test."""

import pandas as pd
import pytest

import carlib

FLED = ("Families fled to Cameroon on foot. More fled to Cameroon by truck, and others fled "
        "to Cameroon through the forest. In the Central African Republic, gunmen killed four "
        "traders on the highway to Cameroon on Monday.")


@pytest.fixture(scope="module")
def steps(root):
    articles = carlib.load_articles(root / "tests/corpora/dev")
    written = pd.DataFrame({"article_id": ["fled"], "text": [FLED], "outlet": ["test"],
                            "published": [pd.Timestamp("2019-05-08")],
                            "published_precision": ["day"]})
    articles = pd.concat([articles, written], ignore_index=True)
    tags = carlib.tag_corpus(articles)
    geography = carlib.geolocate(articles, tags)
    reports = carlib.extract_incidents(articles, tags, geography.places, merge=False,
                                       focus=geography.focus)
    return tags, geography, reports


def test_an_incident_is_at_a_place_of_the_geo_step_or_in_the_articles_focus_country(steps):
    _, geography, reports = steps
    places = {(r.article_id, r.start): r.country_code for r in geography.places.itertuples()}
    focus = dict(zip(geography.focus["article_id"], geography.focus["focus_country"]))
    wrong = [(r.article_id, r.location, r.country) for r in reports.itertuples()
             if places.get((r.article_id, r.place_start), focus[r.article_id]) != r.country]
    assert not wrong
    fled = reports[reports["article_id"] == "fled"]
    assert focus["fled"] == "CF" and set(fled["country"]) == {"CF"}


def test_a_figures_place_is_a_place_the_geo_step_found_in_its_sentence(steps):
    tags, geography, _ = steps
    named = {(r.article_id, r.sentence_id, r.name) for r in geography.places.itertuples()
             if r.kind != "dateline"}
    figures = carlib.geo.locate_figures(tags.figures, geography.places)
    placed = figures[figures["place"].fillna("") != ""]
    assert len(placed) > 50
    assert all((r.article_id, r.sentence_id, r.place) in named for r in placed.itertuples())


def test_no_step_reads_a_dateline_as_the_place_or_the_date_of_what_happened(steps):
    tags, _, reports = steps
    lines = tags.sentences[tags.sentences["dateline_end"] > tags.sentences["dateline_start"]]
    spans = {(r.article_id, r.start + r.dateline_start, r.start + r.dateline_end)
             for r in lines.itertuples()}
    assert len({a for a, _, _ in spans}) >= 10  # the corpus has datelines to get wrong
    inside = [(r.article_id, r.location) for r in reports.itertuples() for a, s, e in spans
              if a == r.article_id and (s <= r.place_start < e or s <= r.time_start < e)]
    assert not inside
