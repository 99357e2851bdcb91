"""Places anywhere: one test per class of error seen on reporting about other countries
(issue 11), on sentences written for the test, and the non-CAR articles of the development
corpus as a whole."""

from pathlib import Path

import pandas as pd
import pytest

import carlib
from carlib.geo import Gazetteer, geolocate

DEV = Path(__file__).resolve().parent / "corpora" / "dev"


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer.load()


def geo(text: str, gaz):
    articles = pd.DataFrame({"article_id": ["t"], "text": [text], "outlet": "test",
                             "published": [pd.Timestamp("2019-05-04")],
                             "published_precision": ["day"]})
    return geolocate(articles, gazetteer=gaz)


def place(text: str, quote: str, gaz) -> pd.Series:
    places = geo(text, gaz).places
    found = places[places["quote"] == quote]
    assert len(found), (quote, places["quote"].tolist())
    return found.iloc[0]


@pytest.mark.parametrize("text, quote, country, feature", [
    ("Boko Haram fighters attacked a village in Borno state on Sunday.", "Borno", "NG", "admin1"),
    ("Insurgents raided two towns in Borno, the Nigerian army said.", "Borno", "NG", "admin1"),
    ("Schools in Yobe were closed after the attack.", "Yobe", "NG", "admin1"),
    ("M23 rebels advanced on Goma, the capital of North Kivu province.", "North Kivu", "CD",
     "admin1"),
    ("Cattle raids in Jonglei killed dozens, the UN mission in South Sudan said.", "Jonglei",
     "SS", "admin1"),
    ("Soldiers and jihadists clashed in the Mopti region of central Mali.", "Mopti", "ML", None),
    ("Anti-balaka fighters took control of villages in Ouham-Pendé.", "Ouham-Pendé", "CF",
     "admin1"),
])
def test_regions_resolve_in_their_own_country(gaz, text, quote, country, feature):
    row = place(text, quote, gaz)
    assert row["country_code"] == country
    if feature:
        assert row["feature"] == feature and row["geo_precision"] == 3


def test_a_town_is_resolved_in_the_focus_country_not_a_namesake_abroad(gaz):
    row = place("Malian troops said jihadists killed 30 civilians in Moura, in the Mopti "
                "region of Mali, in March.", "Moura", gaz)
    assert row["country_code"] == "ML"


@pytest.mark.parametrize("text, word", [
    ("We have not been able to reach the displaced, an NGO worker said in Bangui.", "We"),
    ("We have not been able to reach the displaced, an NGO worker said in Bangui.", "NGO"),
    ("More than 3,000 IDPs sheltered at the airport in Bangui.", "IDPs"),
    ("Health Care workers were attacked in Bambari last week.", "Health Care"),
    ("The BBC Africa Service reported the attack on Bria.", "Africa Service"),
])
def test_pronouns_acronyms_and_organisations_are_not_places(gaz, text, word):
    quotes = geo(text, gaz).places["quote"].tolist()
    assert word not in quotes, quotes


def test_an_upper_case_dateline_is_the_filing_place(gaz):
    row = place("BAMBARI, MAY 3, 2018 - Armed men attacked a church in the town of Seko.",
                "BAMBARI", gaz)
    assert row["relation"] == "dateline" and row["name"] == "Bambari"


def test_a_region_phrase_stops_at_the_place_name(gaz):
    text = ("Thousands of people from the western parts of the country fled brutal attacks "
            "by anti-balaka militia in late 2013.")
    regions = geo(text, gaz).places.query("kind == 'region'")
    assert all(len(q) < 40 for q in regions["quote"]), regions["quote"].tolist()
    assert not regions["quote"].str.contains("fled|militia").any()


def test_every_item_of_a_cued_list_is_a_place_known_or_not(gaz):
    text = ("Fighters burned villages in the east such as Kpokpo, Zemio, Zzyzxville and "
            "Mboki, in the Central African Republic.")
    places = geo(text, gaz).places
    assert {"Kpokpo", "Zemio", "Zzyzxville", "Mboki"} <= set(places["quote"])
    unknown = places.set_index("quote").loc["Zzyzxville"]
    assert unknown["needs_review"] and unknown["method"] == "unresolved"


def test_a_place_noun_names_a_village_that_shares_a_groups_name(gaz):
    places = geo("Militiamen used the village of Gbaya as a base and later attacked "
                 "a village of Fulani herders in the Central African Republic.", gaz).places
    assert "Gbaya" in set(places["quote"]) and "Fulani" not in set(places["quote"])


def test_a_far_namesake_is_flagged_and_never_quietly_accepted(gaz):
    row = place("Boko Haram fighters attacked Palma village near Maiduguri in Nigeria.",
                "Palma", gaz)
    assert row["country_code"] == "NG" or row["needs_review"]


@pytest.fixture(scope="module")
def dev_geography(gaz):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", carlib.CorpusWarning)
        articles = carlib.load_articles(DEV)
    return articles, geolocate(articles, gazetteer=gaz)


def test_no_dev_place_lands_in_an_unrelated_country_unless_flagged(dev_geography):
    """On every development article: a resolved place is in the focus country, a neighbour
    or a country the article names, or it is flagged for review (datelines aside)."""
    _, geography = dev_geography
    focus = geography.focus.set_index("article_id")
    places = geography.places
    named = places[places["feature"] == "country"].groupby("article_id")["country_code"] \
        .apply(set)
    stray = []
    for row in places[places["country_code"].fillna("") != ""].itertuples():
        f = focus.loc[row.article_id]
        allowed = {f["focus_country"], *str(f["neighbours"]).split(","),
                   *named.get(row.article_id, set())}
        if row.country_code not in allowed and not row.needs_review and \
                row.relation != "dateline":  # where the story was filed, never an event's place
            stray.append((row.article_id, row.quote, row.country_code))
    assert not stray, stray[:10]


def test_a_capital_speaking_for_its_government_is_a_speaker_not_a_scene(gaz):
    row = place("Russia sent troops to the Central African Republic, but Moscow has said "
                "they are not involved in combat.", "Moscow", gaz)
    assert row["relation"] == "speaker"


@pytest.mark.parametrize("text, relation", [
    ("Later, in Bangui, the defence minister and army spokesman, Jean Ndo, condemned the "
     "raids.", "speaker"),
    ("In Bria, officials told reporters that rebels had attacked the market.", "speaker"),
    ("In Bangui, gunmen killed two traders on Monday, police said.", "at"),
])
def test_a_place_opening_its_sentence_before_a_speaker_is_where_they_spoke(gaz, text,
                                                                          relation):
    quote = "Bangui" if "Bangui" in text else "Bria"
    assert place(text, quote, gaz)["relation"] == relation


def test_a_social_network_is_not_a_place(gaz):
    quotes = geo("The prime minister said on Twitter that the attack in Gimbi was "
                 "horrific.", gaz).places["quote"].tolist()
    assert "Twitter" not in quotes


def test_the_capital_of_a_named_country_is_that_countrys_capital(gaz):
    text = ("A peacekeeper was killed in the capital of Chad on Monday, officials in Bangui "
            "in the Central African Republic said. Fighting also hit the capital of the "
            "Central African Republic.")
    places = geo(text, gaz).places
    capitals = places[places["kind"] == "capital"]
    assert capitals["quote"].tolist() == ["the capital", "the capital"]
    assert capitals["name"].tolist() == ["N'Djamena", "Bangui"]


def test_the_capital_of_a_countrys_region_is_not_the_countrys_capital(gaz):
    text = ("Militias shelled Kadugli, the capital city of Sudan’s South Kordofan state, "
            "for a week. Talks continued in the capital of Chad's Lac province.")
    places = geo(text, gaz).places
    assert "capital" not in places["kind"].tolist()
    assert "Khartoum" not in places["name"].tolist()


def test_the_same_region_is_the_region_the_article_named_last(gaz):
    places = geo("Gunmen killed nine herders near Mopti in central Mali's Mopti region on "
                 "Friday. Days earlier, six traders were killed in a village in the same "
                 "region, and the same town was shelled.", gaz).places
    same = places[places["kind"] == "same"].set_index("quote")["name"]
    assert same["the same region"].startswith("Mopti")
    assert (same["the same town"], places[places["quote"] == "the same region"]["feature"].iloc[0]
            ) == ("Mopti", "admin1")


@pytest.mark.parametrize("text, quote, town", [
    ("Gunmen shot dead four traders in Goma's Mabanga district on Sunday.", "Mabanga", "Goma"),
    ("Fighting broke out in Bria on Monday. Residents of the Gobolo neighbourhood fled.",
     "Gobolo", "Bria"),
    ("In Bangui, shots were fired in the PK-26 neighbourhood on Friday.", "PK-26", "Bangui"),
])
def test_a_part_of_a_town_is_at_the_towns_point_not_a_namesake(gaz, text, quote, town):
    places = geo(text, gaz).places
    row = place(text, quote, gaz)
    known = places[places["quote"] == town].iloc[0]
    assert (row["feature"], row["country_code"], row["lat"], row["lon"]) == (
        "neighbourhood", known["country_code"], known["lat"], known["lon"])
