"""Incidents as event frames: who did what to whom, where and when, on sentences written for
each kind of error seen on reporting the kit had not seen (issue 12), and on the seeds."""

import pandas as pd
import pytest

from carlib.evaluate import read_gold, score_incidents
from carlib.incidents import INCIDENT_COLUMNS, extract_incidents
from carlib.incidents.frames import Frame, Part, _anaphoric
from carlib.incidents.reports import _Report


def corpus(*texts: str, published: str = "2021-03-10", outlets=None) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "text": list(texts),
                         "published": pd.Timestamp(published), "published_precision": "day",
                         "outlet": outlets or ["AFP"] * len(texts)})


def one(text: str, **kwargs):
    (row,) = extract_incidents(corpus(text, **kwargs)).itertuples()
    return row


@pytest.fixture(scope="session")
def seed_incidents(seed_articles):
    return extract_incidents(seed_articles)


# --------------------------------------------------------------------------- who did it


def test_killed_soldiers_are_the_target_of_a_battle_not_its_perpetrator():
    row = one("Two soldiers were killed in an ambush near Kaga-Bandoro on Monday, in the "
              "Central African Republic.")
    assert (row.event_type, row.actor1) == ("Battles", "Unidentified Armed Group")
    assert row.actor2 == "Military Forces of the Central African Republic"
    assert row.fatalities == 2 and row.geo_precision == 2


def test_a_passive_trigger_with_its_auxiliary_makes_its_subject_the_victim():
    row = one("Three more Chadian soldiers were killed Monday night in Chad, officials said.")
    assert row.actor1 == "Unidentified Armed Group"
    assert row.actor2 == "Military Forces of Chad" and row.fatalities == 3


@pytest.mark.parametrize("response", ["Troops returned fire", "UN troops hit back"])
def test_the_side_that_fights_back_is_not_the_initiator(response):
    out = extract_incidents(corpus(
        "Gunmen attacked the market of Bria in the Central African Republic on Sunday. "
        f"{response}, killing five of the attackers."))
    battle = out[out["event_type"] == "Battles"].iloc[0]
    assert battle["actor1"] == "Unidentified Armed Group"
    assert battle["fatalities"] == 5


def test_a_verb_coordinated_with_the_one_before_shares_its_subject():
    row = one("Al Shabaab militants killed 12 Somali soldiers and briefly captured a military "
              "base near Afgoye, in Somalia, on Thursday.", published="2020-02-20")
    assert row.actor1 == "Al-Shabaab"
    assert row.sub_event_type == "Non-state actor overtakes territory"
    out = extract_incidents(corpus(
        "Gunmen killed three villagers near Afgoye, in Somalia, on Thursday and Somali "
        "soldiers later killed two of the attackers.", published="2020-02-20"))
    assert set(out["actor1"]) == {"Unidentified Armed Group", "Military Forces of Somalia"}


def test_the_recapture_of_a_town_is_not_its_capture():
    out = extract_incidents(corpus(
        "UN troops recapture city from rebels\n\n"
        "Rebels captured Bangassou, in the Central African Republic, on January 3.",
        published="2021-01-17"))
    capture = out[out["event_date"] == pd.Timestamp("2021-01-03")]
    assert list(capture["actor1"]) == ["Unidentified Armed Group"] and len(out) == 2


@pytest.mark.parametrize("who", ["was reportedly carried out by the UPC",
                                 "was attributed to the UPC"])
def test_the_group_an_attack_was_carried_out_by_or_attributed_to_is_its_agent(who):
    row = one("Gunmen killed 40 people in Alindao, in the Central African Republic, on 15 "
              f"November. The attack {who}.", published="2018-11-27")
    assert row.actor1 == "UPC"


def test_a_separate_attack_does_not_take_the_attacker_of_the_one_before():
    out = extract_incidents(corpus(
        "Gunmen killed 37 people in a camp in Alindao, in the Central African Republic, on 15 "
        "November. The attack was attributed to the UPC. In a separate attack on a base of the "
        "UN mission on 16 November in Gbambia a Tanzanian peacekeeper was killed.",
        published="2018-11-27"))
    assert dict(zip(out["location"], out["actor1"])) == {
        "Alindao": "UPC", "Gbambia": "Unidentified Armed Group"}


def test_the_subject_of_a_passive_after_another_event_word_is_the_victim():
    row = one("Gunmen attacked a village in Gbambia, in the Central African Republic, on 16 "
              "November and a peacekeeper was killed.", published="2018-11-27")
    assert (row.actor1, row.actor2, row.fatalities) == ("Unidentified Armed Group", "MINUSCA", 1)


def test_the_noun_right_before_a_passive_auxiliary_is_its_subject():
    row = one("During a raid on a camp of the UN mission in Mali near Tessalit in the north of "
              "the country on Friday a Chadian peace-keeper was killed.", published="2019-05-20")
    assert (row.actor2, row.fatalities) == ("MINUSMA", 1)


def test_a_gerund_after_of_with_no_object_is_a_noun_with_no_subject_of_its_own():
    row = one("Two gendarmes were shot dead at a checkpoint near Kaga-Bandoro on Monday during "
              "a week of fighting in the province.")
    assert (row.actor1, row.fatalities) == ("Unidentified Armed Group", 2)


def test_a_peacekeeper_the_text_does_not_name_is_of_the_un_mission_beside_other_forces():
    row = one("A UN peacekeeper was ambushed near Bria on Monday, the mission said.",
              published="2014-11-12")
    assert row.actor2 == "MINUSCA"


@pytest.mark.parametrize("victim", ["a farmer", "a woman", "an aid worker", "a passenger"])
def test_one_unarmed_person_killed_is_one_dead(victim):
    row = one(f"Gunmen killed {victim} near Paoua, in the Central African Republic, on "
              "Sunday.", published="2019-03-05")
    assert (row.actor2, row.fatalities) == ("Civilians", 1)


def test_one_person_wounded_is_no_dead():
    row = one("Gunmen ambushed a truck near Paoua, in the Central African Republic, on "
              "Sunday, wounding a passenger.", published="2019-03-05")
    assert pd.isna(row.fatalities)


def test_an_event_a_killing_sparked_is_not_its_cause():
    table = extract_incidents(corpus(
        "A trader was shot dead in Bria, in the Central African Republic, on Monday, "
        "triggering clashes between anti-balaka and ex-Seleka fighters.",
        published="2017-06-02"), merge=False)
    assert sorted(zip(table["event_type"], table["fatalities"].fillna(0))) == [
        ("Battles", 0), ("Violence against civilians", 1)]


def test_an_armed_force_named_inside_the_event_words_is_their_agent():
    row = one("The fleeing fighters were hit by army aircraft near Kaya, in Burkina Faso, on "
              "Monday.", published="2023-11-28")
    assert row.actor1 == "Military Forces of Burkina Faso"


def test_what_an_act_triggered_is_not_done_by_its_subject():
    row = one("Peacekeepers escorted hundreds of Muslims out of Boda, in the Central African "
              "Republic, on Sunday, triggering looting.", published="2014-04-28")
    assert row.sub_event_type == "Looting/property destruction"
    assert row.actor1 not in ("MISCA", "MINUSCA")


def test_armed_men_named_for_their_community_are_its_ethnic_militia():
    row = one("Murle armed youth attacked the village of Pieri in Jonglei state, South Sudan, "
              "on Monday, killing 12 people.", published="2020-05-20")
    assert (row.actor1, row.event_type, row.fatalities) == (
        "Murle ethnic militia", "Violence against civilians", 12)


def test_a_community_without_a_word_for_armed_men_is_no_armed_side():
    row = one("Gunmen killed five Fulani herders near Bokkos, in Plateau State, Nigeria, on "
              "Sunday.", published="2024-10-16")
    assert (row.actor1, row.actor2) == ("Unidentified Armed Group", "Civilians")


def test_the_dead_of_one_list_are_counted_together():
    row = one("The killings, which cost the life of a farmer along with two traders, two "
              "drivers and the chief, occurred when gunmen attacked the market in Ndim, in the "
              "Central African Republic, on Monday.", published="2019-03-05")
    assert (row.fatalities, row.deaths_quote) == (
        6, "a farmer along with two traders, two drivers and the chief")


def test_a_lede_and_a_body_with_the_same_toll_at_unknown_places_are_one_event():
    table = extract_incidents(corpus(
        "Gunmen kill five in attack on Lake Fitri island\n\n"
        "Five people were killed in an attack by gunmen on an island in Lake Fitri, Chad, a "
        "source said on Sunday.\n\n"
        "The killings, which cost the life of a herder along with two fishermen and two "
        "traders, occurred when the gunmen attacked the village of Ngolobri, the source said.",
        published="2018-05-06"), merge=False)
    assert table[["location", "fatalities"]].values.tolist() == [["Ngolobri", 5]]


def test_bodies_found_beside_clashes_are_killings_of_their_own_by_no_one_named():
    table = extract_incidents(corpus(
        "Seleka and anti-balaka fighters clashed in Bossangoa, in the Central African "
        "Republic, on Tuesday. The Red Cross said on Thursday it had recovered 25 bodies from "
        "the streets of Bossangoa.", published="2013-12-27"), merge=False)
    bodies = table[table["event_type"] == "Violence against civilians"]
    assert set(table["event_type"]) == {"Battles", "Violence against civilians"}
    assert bodies[["actor1", "fatalities"]].values.tolist() == [["Unidentified Armed Group", 25]]


def test_the_wounded_and_dead_no_sentence_places_belong_to_the_story_of_the_lede():
    table = extract_incidents(corpus(
        "At least 18 people have been killed in Bangui since Saturday in clashes between "
        "militias, residents said on Tuesday.\n\nFrench troops patrolled the main roads. "
        "Looters ransacked shops in Bangui.\n\nAid workers said their staff had taken in 38 "
        "people wounded by bullets. Three of the injured later died, the charity said.",
        published="2014-03-25"), merge=False)
    assert table[["location", "fatalities"]].values.tolist() == [["Bangui", 18]]


def test_an_answer_no_sentence_places_is_where_the_event_it_answers_was():
    table = extract_incidents(corpus(
        "Eleven people were shot dead on Saturday in a camp in Ngakobo, in the Central "
        "African Republic, the UN mission said.\n\nOn Wednesday, 30 people died when militia "
        "fighters attacked civilians in Kaga-Bandoro.\n\nUN troops hit back, killing 12 of "
        "the assailants.", published="2016-10-16"), merge=False)
    tolls = table.groupby(["location", "event_type"])["fatalities"].sum().to_dict()
    assert tolls == {("Ngakobo", "Violence against civilians"): 11,
                     ("Kaga-Bandoro", "Violence against civilians"): 30,
                     ("Kaga-Bandoro", "Battles"): 12}


def test_a_toll_told_once_for_an_attack_is_shared_by_its_sub_events():
    table = extract_incidents(corpus(
        "Al Shabaab militants killed 10 Somali soldiers and briefly captured a military base "
        "near Afgoye, officials said.\n\nA suicide bomber detonated at the base in Afgoye "
        "before gunmen stormed in and briefly occupied it, police said.",
        published="2020-02-20"), merge=False)
    assert sorted(table["fatalities"]) == [5, 5]
    assert table["notes"].str.contains("an even share of 10 told for 2 events").all()


def test_an_arrest_after_an_attack_does_not_share_its_toll():
    table = extract_incidents(corpus(
        "Gunmen killed 16 people in Bria, in the Central African Republic, on Monday, "
        "witnesses said.\n\nPolice arrested ten men in Bria after the killings.",
        published="2015-02-27"), merge=False)
    assert table.set_index("event_type")["fatalities"].to_dict().get(
        "Violence against civilians") == 16


@pytest.mark.parametrize("kind", ["a combat helicopter", "attack aircraft", "combat troops"])
def test_an_event_word_that_names_a_kind_of_thing_is_no_event(kind):
    table = extract_incidents(corpus(
        f"Gunmen, supported by {kind}, attacked the village of Ndah near Bambari, in the "
        "Central African Republic, on Monday.", published="2021-06-02"), merge=False)
    assert table["event_type"].tolist() == ["Violence against civilians"]


def test_a_generic_noun_before_a_name_introduces_the_name():
    row = one("Gunmen attacked the market of Alindao, in the Central African Republic, on "
              "Thursday. The attack was carried out by the armed group Union pour la paix en "
              "Centrafrique, witnesses said.", published="2018-11-17")
    assert row.actor1 == "UPC"


def test_the_agent_of_the_event_a_motive_names_is_not_the_attacker():
    row = one("At least 40 people were killed in an attack on a church in Alindao, in the "
              "Central African Republic, on Thursday.\n\nThe attack was carried out by UPC "
              "fighters, in retaliation for the killing of a Muslim man by anti-balaka "
              "militiamen in Alindao.", published="2018-11-17")
    assert row.actor1 == "UPC"


def test_an_event_after_which_something_happened_on_a_day_happened_by_that_day():
    table = extract_incidents(corpus(
        "Residents started fleeing Ndim, in the Central African Republic, on Saturday after a "
        "deadly attack by gunmen, a journalist said. The gunmen had stormed the town's market "
        "on Friday evening, killing 12 people.", published="2016-06-07"), merge=False)
    assert table[["event_date", "fatalities"]].values.tolist() == [
        [pd.Timestamp("2016-06-03"), 12]]


def test_the_of_of_an_ing_event_noun_names_its_victim():
    row = one("The shooting of a trader near Bria, in the Central African Republic, on Monday "
              "angered residents.", published="2017-06-07")
    assert (row.event_type, row.actor2) == ("Violence against civilians", "Civilians")


def test_a_dated_item_of_a_list_is_an_event_not_a_pattern():
    table = extract_incidents(corpus(
        "Such cases in the Central African Republic include the shooting in June of a driver "
        "in the town of Bangassou.", published="2017-08-08"), merge=False)
    assert table[["location", "event_date"]].values.tolist() == [
        ["Bangassou", pd.Timestamp("2017-06-01")]]


def test_burning_told_before_the_attack_it_was_part_of_joins_it():
    table = extract_incidents(corpus(
        "Gunmen burned at least 40 huts in Ndim, in the Central African Republic, residents "
        "said.\n\nOn Monday, the gunmen killed at least 12 civilians in Ndim.",
        published="2016-10-20"), merge=False)
    assert table[["event_type", "fatalities"]].values.tolist() == [
        ["Violence against civilians", 12]]


def test_an_answer_placed_by_the_event_it_answers_stays_there():
    table = extract_incidents(corpus(
        "In Bria, in the Central African Republic, residents spoke of their fear on Sunday."
        "\n\nGunmen killed five people in Ndele on Monday.\n\nOn Wednesday, militia fighters "
        "attacked civilians in Kaga-Bandoro, killing 30 people.\n\nUN troops hit back, "
        "killing 12 of the assailants.", published="2016-10-16"), merge=False)
    tolls = table.groupby(["location", "event_type"])["fatalities"].sum().to_dict()
    assert tolls[("Ndélé", "Violence against civilians")] == 5
    assert tolls[("Kaga-Bandoro", "Battles")] == 12


def test_a_group_named_only_in_the_background_is_not_the_attacker_of_the_news():
    row = one("Gunfire rocked Bangui, in the Central African Republic, in the worst unrest "
              "since Seleka rebels took over the city in March. Seven people were killed in "
              "Bangui on Thursday.", published="2013-12-05")
    assert row.actor1 == "Unidentified Armed Group" and row.fatalities == 7


def test_a_group_named_earlier_is_not_the_perpetrator_of_what_youths_did():
    out = extract_incidents(corpus(
        "The 3R group controls much of the region, the UN says. On Friday a group of youths "
        "attacked mourners in the town of Bocaranga, in the Central African Republic."))
    assert list(out["actor1"]) == ["Rioters"] and list(out["event_type"]) == ["Riots"]


def test_the_force_that_took_back_the_town_answered_the_attack_and_is_not_actor1():
    out = extract_incidents(corpus(
        "UN peacekeepers took back control of Ippy in the Central African Republic on Tuesday "
        "after FPRC fighters raided the police station."))
    battle = out[out["event_type"] == "Battles"]
    assert list(battle["actor1"]) == ["FPRC"]


def test_by_after_a_participle_of_another_noun_is_not_the_attacker():
    out = extract_incidents(corpus(
        "The assault struck a checkpoint manned by Zambian peacekeepers near Obo on Friday.",
        "An ambush on a convoy escorted by FACA soldiers near Bossangoa killed three drivers.",
        "An attack carried out by the 3R group killed four herders near Koui on Friday."))
    assert list(out.sort_values("article_id")["actor1"]) == [
        "Unidentified Armed Group", "Unidentified Armed Group", "3R"]


def test_the_dead_of_an_attack_are_not_its_agent_because_a_second_verb_follows_them():
    row = one("Rebels condemned by the council carried out Sunday's attacks that killed two "
              "Rwandan peacekeepers near Bangassou and left another three wounded.")
    assert row.actor1 != "MINUSCA" and row.actor2 == "MINUSCA"
    row = one("The UN chief condemned Sunday's attacks that killed two Rwandan peacekeepers "
              "near Bangassou and left another three wounded.")
    assert (row.actor1, row.actor2) == ("Unidentified Armed Group", "MINUSCA")


def test_the_subject_of_a_passive_death_is_not_the_attacker_after_by():
    row = one("The toll of an attack by gunmen in the Vakaga region has risen, with reports "
              "that 14 villagers were killed near Birao on Sunday.")
    assert (row.event_type, row.actor2, row.fatalities) == ("Violence against civilians",
                                                            "Civilians", 14)


def test_an_unnamed_attacker_and_the_civilians_with_their_group():
    row = one("Armed men killed 12 Muslim villagers in Bambari, in the Central African "
              "Republic, on Tuesday.")
    assert (row.actor1, row.actor2, row.assoc_actor_2) == ("Unidentified Armed Group",
                                                           "Civilians", "Muslim")
    assert row.event_type == "Violence against civilians" and row.fatalities == 12


def test_peacekeepers_are_the_mission_with_their_country_as_associate():
    row = one("A Burundian peacekeeper was killed when rebels attacked a patrol near Grimari, "
              "in the Central African Republic, on Friday.", published="2021-01-16")
    assert (row.actor2, row.assoc_actor_2) == ("MINUSCA", "Burundi")
    assert (row.event_type, row.fatalities) == ("Battles", 1)


def test_a_speaking_actor_is_a_source_not_a_perpetrator():
    row = one("MINUSCA said gunmen killed four traders near Bambari on Tuesday, in the "
              "Central African Republic.")
    assert row.actor1 == "Unidentified Armed Group" and row.fatalities == 4


# --------------------------------------------------------------------------- where


def test_the_contingents_country_is_not_the_place():
    row = one("Peacekeepers from Pakistan came under attack in Bangui on Thursday.")
    assert row.location == "Bangui" and row.actor2 == "MINUSCA"


def test_an_unknown_village_keeps_its_name_at_a_point_from_the_town_it_is_near():
    row = one("Rebels attacked the village of Zzalamba, 30 km north of Bossangoa, on "
              "Sunday, in the Central African Republic.")
    assert row.location == "Zzalamba" and row.geo_precision == 2
    assert 6.6 < row.latitude < 6.9, "30 km north of Bossangoa (6.49N)"


def test_the_speakers_place_and_a_destination_are_not_where_it_happened():
    row = one("Villagers who fled to Chad told AFP from N'Djamena that gunmen attacked "
              "Markounda on Monday, in the Central African Republic.")
    assert row.location == "Markounda"


def test_a_place_is_not_the_one_that_holds_it():
    row = one("On Monday gunmen ambushed a patrol at Yaloké in Bossembélé, in the Central "
              "African Republic.")
    assert row.location == "Yaloké"


def test_a_place_named_in_the_sentence_before_keeps_its_words_as_the_place_part():
    text = ("Displaced families gathered in Bria, in the Central African Republic. On Monday "
            "gunmen killed 12 of them.")
    row = extract_incidents(corpus(text)).iloc[0]
    assert row["location"] == "Bria" and row["place_quote"] == "Bria"
    assert text[row["place_start"]:row["place_end"]] == "Bria"


def test_a_photo_caption_is_neither_the_story_town_nor_an_event():
    out = extract_incidents(corpus(
        "Gunmen kill 11 in camp in Central African Republic\n\n"
        "This file photo taken in Bangui shows a peacekeeper on patrol.\n\n"
        "Eleven people were shot dead on Saturday in a camp for displaced people in Central "
        "African Republic, the UN said.\n\n"
        "Peacekeepers repel a rebel attack in Bangui – Photo Reuters"))
    assert list(out["location"]) == ["Central African Republic"]
    assert list(out["fatalities"]) == [11]


def test_the_wounded_taken_to_a_hospital_do_not_move_the_event_there():
    out = extract_incidents(corpus(
        "Gunmen killed 30 villagers in Kabo in northern Central African Republic on Monday. "
        "In Bossangoa, the minister sat at the bedside of dozens of wounded who had been "
        "brought there."))
    assert list(out["location"]) == ["Kabo"] and list(out["fatalities"]) == [30]


def test_each_town_of_a_list_is_an_incident_and_shares_the_dead():
    out = extract_incidents(corpus(
        "In the Central African Republic, anti-balaka militias raided Boali and Bossembele "
        "last week, killing dozens of residents."))
    assert dict(zip(out["location"], out["fatalities"])) == {"Boali": 6, "Bossembélé": 6}
    assert set(out["actor1"]) == {"anti-balaka"} and set(out["time_precision"]) == {2}


# --------------------------------------------------------------------------- one event


def test_a_neighbourhood_of_the_town_is_the_same_event_and_its_more_specific_place():
    out = extract_incidents(corpus(
        "Clashes between militias killed 18 people in Bangui, in the Central African Republic, "
        "on Saturday. Red Cross volunteers picked up bodies at the scene of the fighting in the "
        "PK5 district.", published="2014-03-25"))
    assert list(out["location"]) == ["PK5"] and list(out["fatalities"]) == [18]


def test_headline_and_body_are_one_event():
    out = extract_incidents(corpus(
        "At least 18 killed in Central African Republic attack\n\n"
        "Gunmen killed at least 18 civilians in the town of Ippy on Saturday, officials said."))
    assert len(out) == 1
    row = out.iloc[0]
    assert row["location"] == "Ippy" and row["fatalities"] == 18
    assert row["event_date"] == pd.Timestamp("2021-03-06")


@pytest.mark.parametrize("text", [
    "Twelve villagers were killed near Butembo in DR Congo on Sunday in a raid blamed on the ADF.",
    "Gunmen killed twelve villagers near Butembo in DR Congo on Sunday in an attack attributed "
    "to the ADF.",
])
def test_the_group_an_attack_is_blamed_on_is_its_perpetrator_not_its_target(text):
    row = one(text, published="2021-06-30")
    assert (row.actor1, row.event_type) == ("ADF", "Violence against civilians")
    assert row.actor2 != "ADF"


def test_an_on_far_after_an_event_noun_belongs_to_another_noun_not_to_the_event():
    row = one("Soldiers carried out summary executions of dozens of herders near Djenne in "
              "central Mali last week, in what the army later described to reporters as a "
              "crackdown on jihadist fighters.", published="2022-04-06")
    assert (row.event_type, row.actor2) == ("Violence against civilians", "Civilians")


def test_a_motive_names_the_earlier_event_it_answers_as_another_event():
    out = extract_incidents(corpus(
        "Militiamen attacked the market in Obo on Friday, killing four traders, in retaliation "
        "for the killing of a herder near Zemio on 2 March."), merge=False)
    assert set(out["location"]) == {"Obo", "Zémio"}
    assert out.set_index("location").loc["Obo", "fatalities"] == 4


def test_a_mention_without_a_date_of_its_own_at_the_reports_town_is_the_same_event():
    out = extract_incidents(corpus(
        "Soldiers killed at least 30 civilians in Ouanda Djalle on 14 January, survivors said. "
        "A commission later found that soldiers had killed civilians in Ouanda Djalle and "
        "buried them in a pit."), merge=False)
    assert len(out) == 1 and out.iloc[0]["event_date"] == pd.Timestamp("2021-01-14")


@pytest.mark.parametrize("text", [
    "Gendarmes on patrol near Kabo were ambushed on Tuesday. Two gendarmes were fatally shot.",
    "Gendarmes on patrol near Kabo were ambushed on Tuesday. Two gendarmes were gunned down.",
])
def test_a_killing_told_by_its_manner_gives_the_dead(text):
    row = one(text, published="2021-03-10")
    assert (row.location, row.fatalities) == ("Kabo", 2)


def test_bodies_found_are_the_toll_only_where_no_one_counted_the_killed():
    counted = one("At least 64 people have been killed in three days of attacks on Mobaye, the "
                  "Red Cross said. Its volunteers recovered 21 bodies in the town on Monday.")
    assert counted.fatalities == 64
    found = one("Volunteers recovered 21 bodies in Mobaye on Monday after an attack by "
                "militiamen, the Red Cross said.")
    assert found.fatalities == 21


def test_a_verbs_own_object_is_its_target_not_the_with_of_the_next_verb():
    out = extract_incidents(corpus(
        "On Monday, nine people died when gunmen attacked civilians and clashed with soldiers "
        "in the town of Bouca."), merge=False)
    attack = out[out["event_type"] == "Violence against civilians"]
    assert len(attack) == 1 and attack.iloc[0]["actor2"] == "Civilians"
    assert attack.iloc[0]["fatalities"] == 9


def test_a_village_in_the_same_region_is_placed_at_the_region_not_the_storys_town():
    out = extract_incidents(corpus(
        "Gunmen killed 11 worshippers in Tondikiwindi in Niger's Tillaberi region on Friday. "
        "The attack follows the killing on Monday of 20 farmers in a village in the same "
        "region."), merge=False)
    assert dict(zip(out["fatalities"], out["location"]))[20].startswith("Tillab")


def test_an_event_nothing_places_is_at_the_storys_town_not_the_country():
    out = extract_incidents(corpus(
        "Separatists killed seven villagers in western Cameroon on Tuesday, officials said. "
        "The region has been in conflict since 2017. Many families have fled their homes. "
        "The raid on the village of Batibo began at dawn, the prefect said.\n\nState radio said "
        "two soldiers were wounded in a gunbattle.", published="2023-11-22"), merge=False)
    assert out[out["event_type"] == "Battles"]["location"].tolist() == ["Batibo"]


def test_a_background_word_inside_a_day_is_part_of_the_date():
    row = one("On Sunday a video of the dead circulated in Kouki. The previous morning, "
              "gunmen on motorbikes machine-gunned villagers in Kouki.", published="2021-03-10")
    assert (row.location, row.event_date) == ("Kouki", pd.Timestamp("2021-03-06"))


def test_other_victims_with_a_date_of_their_own_are_another_event():
    out = extract_incidents(corpus(
        "Two Zambian peacekeepers were killed in Ndele on Monday, the mission said. "
        "Earlier this month, three gendarmes were killed in Ndele by the same group."),
        merge=False)
    assert sorted(out["fatalities"]) == [2, 3]
    same = extract_incidents(corpus(
        "Two Zambian peacekeepers were killed in Ndele on Monday, the mission said. "
        "The peacekeepers killed on Monday were on patrol, and two were killed in all."),
        merge=False)
    assert len(same) == 1


def test_reports_of_one_event_in_two_articles_merge_but_not_two_different_events():
    out = extract_incidents(corpus(
        "Anti-balaka militias killed 12 Muslims in Bossangoa on Tuesday.",
        "On Tuesday anti-balaka fighters killed at least 10 people in Bossangoa.",
        "Seleka fighters killed 5 people in Bossangoa on Tuesday.",
        outlets=["AFP", "Reuters", "AP"]))
    assert sorted(out["n_sources"]) == [1, 2]
    both = out[out["n_sources"] == 2].iloc[0]
    assert both["fatalities"] == 10 and both["source"] == "AFP; Reuters"


def test_copies_of_one_story_are_one_source_dated_or_not():
    story = ("Gunmen killed 12 villagers in Bossangoa, the mission said. The attackers burned "
             "houses and fled towards the bush, witnesses told reporters by telephone.")
    articles = corpus(story, "UPDATED: " + story, "Seleka fighters killed 5 people in Bria.",
                      outlets=["AFP", "Yahoo News", "AP"])
    articles["story_id"] = ["a0", "a0", "a2"]
    for published in (pd.Timestamp("2021-03-10"), pd.NaT):
        articles["published"] = published
        out = extract_incidents(articles)
        out = out[out["event_type"] == "Violence against civilians"].set_index("location")
        assert out.loc["Bossangoa", "n_sources"] == 1
        assert out.loc["Bossangoa", "fatalities"] == 12
        assert out.loc["Bossangoa", "source"] == "AFP; Yahoo News"
        assert len(out) == 2


# --------------------------------------------------------------------------- background


@pytest.mark.parametrize("text", [
    "The conflict has killed thousands of people in the Central African Republic since 2013.",
    "In recent years armed groups have attacked villages around Bria.",
    "Peacekeepers failed to prevent killings in Bangui.",
    "Aid groups fear attacks on the camps of Bambari could resume.",
    "The killings must stop, the minister said.",
    "The UN called on the authorities to investigate the attacks on Bria.",
    "To combat rising attacks, the government declared a state of emergency in Kaga-Bandoro.",
    "The raids on Bossangoa are part of a wider conflict between the armed groups.",
    "Abuses by the militias in Bambari include killings, rape and the looting of homes.",
    "Fighting in the country has killed thousands and displaced a million people.",
    "Militias in the Central African Republic have killed at least 60 people and burned "
    "villages in the last few months.",
    "In Ndim, farmers dug trenches to protect the village from repeated rebel raids.",
    "A string of raids by gunmen on villages around Kaga-Bandoro forced thousands to flee.",
    "The fighting around Bria has its roots in the collapse of the rebel alliance.",
    "The clashes in Ndele stem from a feud between two factions over the town's market.",
    "Rwanda sent troops to Bangui last month, but says they are not involved in combat.",
    "The army said its soldiers had not taken part in the fighting around Bria.",
])
def test_background_hedges_and_fears_are_not_incidents(text):
    assert extract_incidents(corpus(text)).empty


@pytest.mark.parametrize("text", [
    "At least 12 people have been killed in the town of Bouca since Sunday, a doctor said.",
    "Fighting on Monday between the army and 3R fighters near Bocaranga has killed nine.",
])
def test_a_lede_in_the_perfect_with_a_date_or_a_town_reports_an_event(text):
    row = one(text + " Bouca and Bocaranga are in the Central African Republic.")
    assert row.event_date.day in (7, 8) and row.fatalities in (12, 9)


def test_the_story_town_is_where_its_first_placed_event_happened_not_a_caption():
    out = extract_incidents(corpus(
        "Voters queue in Bangui, Central African Republic. File picture.\n\n"
        "Rebels seize the town of Bouar\n\n"
        "Rebel fighters captured the town of Bouar in the Central African Republic on "
        "Sunday.\n\nThe day before, gunmen shot dead three civilians, doctors said."))
    assert list(out["location"]) == ["Bouar", "Bouar"]


def test_a_summary_in_another_clause_does_not_make_the_event_background():
    row = one("The rebels said on Monday they had taken control of Bouar, a town where they "
              "are blamed for a wave of killings, in the Central African Republic.")
    assert row.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize("text, word, refers", [
    ("the deadly attack", "attack", True),
    ("these killings", "killings", True),
    ("the rebels attacked Bouar", "attacked", False),
    ("the towns most targeted", "targeted", False),
])
def test_a_verb_after_its_subject_does_not_refer_back_to_an_earlier_event(text, word, refers):
    assert _anaphoric(text, text.index(word), word) is refers


def test_a_dated_event_long_before_publication_is_context():
    out = extract_incidents(corpus(
        "Rebels attacked Bangassou in May 2017, the UN recalled.", published="2023-03-01"))
    assert out.empty


# --------------------------------------------------------------------------- types


@pytest.mark.parametrize("text, kind, sub", [
    ("Rebels and soldiers clashed in Bria on Monday.", "Battles", "Armed clash"),
    ("Rebels attacked a MINUSCA base in Bria on Monday.", "Battles", "Armed clash"),
    ("Rebels attacked villagers in Bria on Monday.", "Violence against civilians", "Attack"),
    ("A roadside bomb killed four people near Bocaranga on Monday.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Armed men looted shops in Bria on Monday.", "Strategic developments",
     "Looting/property destruction"),
    ("Gunmen kidnapped three traders in Bria on Monday.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("Hundreds of protesters held a demonstration in Bangui on Monday.", "Protests",
     "Peaceful protest"),
    ("On Monday a mob lynched a man in Bangui.", "Riots", "Mob violence"),
    ("Rebels launched an assault on Monday on the town of Bouar.", "Battles", "Armed clash"),
    ("On Monday the rebels attacked Bouar, a town near the border.", "Battles",
     "Armed clash"),
    ("On Monday the rebels attacked the village of Ndim.", "Violence against civilians",
     "Attack"),
])
def test_the_act_and_its_sides_decide_the_type(text, kind, sub):
    row = one(text)
    assert (row.event_type, row.sub_event_type) == (kind, sub)


# --------------------------------------------------------------------------- the dead


def test_the_dead_come_from_the_death_clause_not_the_wounded():
    row = one("Fourteen people died and 40 others were wounded when gunmen attacked Bria on "
              "Sunday.")
    assert row.fatalities == 14


def test_a_single_victim_is_one_dead():
    row = one("A Moroccan peacekeeper was killed in an attack on Thursday near Obo.",
              published="2022-11-25")
    assert row.fatalities == 1 and row.event_type == "Battles"


def test_a_single_victim_named_in_quotation_marks_is_one_dead():
    row = one("A ‘blue helmet’ of the Egyptian contingent died after an attack on Monday near "
              "Zemio, in the Central African Republic.", published="2022-11-25")
    assert row.fatalities == 1


@pytest.mark.parametrize("text, dead", [
    ("Gunmen killed a policeman and a civilian near Bouar on Tuesday.", 2),
    ("The raid cost the lives of a villager along with three soldiers and the driver near "
     "Bouar on Tuesday.", 5),
    ("A Cameroonian soldier, as well as 12 rebels, were killed in fighting near Bouar on "
     "Tuesday.", 13),
])
def test_each_victim_named_one_by_one_in_a_list_of_the_dead_counts_one(text, dead):
    assert one(text + " Bouar is in the Central African Republic.").fatalities == dead


def test_of_the_tolls_of_the_headline_and_lede_the_most_conservative_is_kept():
    row = one("As many as 90 dead in attack on Ndah village, residents say\n\n"
              "Between 60 and 90 villagers were killed when gunmen attacked Ndah, in the "
              "Central African Republic, on Saturday.\n\nThe gunmen burned the market.")
    assert row.fatalities == 60


def test_a_floor_below_another_toll_of_the_lede_is_not_a_lower_estimate():
    row = one("More than a dozen killed in attack on Ndah village\n\n"
              "At least 16 villagers were killed when gunmen attacked Ndah, in the Central "
              "African Republic, on Saturday.")
    assert row.fatalities == 16


def test_the_dead_of_the_event_a_sentence_follows_are_not_added_to_its_own():
    out = extract_incidents(corpus(
        "Eleven people were shot dead on Saturday in a camp in Ngakobo, in the Central "
        "African Republic, days after 30 others were killed in fresh violence.",
        published="2016-10-15"))
    assert list(out[out["time_precision"] == 1]["fatalities"]) == [11]
    assert 30 in set(out["fatalities"])


@pytest.mark.parametrize("said", ["the attack caused no casualties",
                                  "no one was killed, the army said"])
def test_an_event_that_killed_no_one_has_a_toll_of_zero(said):
    row = one("Gunmen attacked an army post near Kabo, in the Central African Republic, on "
              f"Wednesday; {said}.", published="2024-11-07")
    assert row.fatalities == 0


def test_a_part_of_a_toll_is_not_added_to_it():
    row = one("Gunmen killed 22 people, including 15 chiefs, in Ndim on Saturday.")
    assert row.fatalities == 22


# --------------------------------------------------------------------------- dates


def test_a_few_days_up_to_publication_are_news_not_background():
    row = one("The Red Cross said it had recovered more than 40 bodies from the streets of "
              "Bangui, in the Central African Republic, over the past two days.",
              published="2013-12-26")
    assert row.fatalities == 40 and row.time_precision == 2


def test_undated_event_takes_the_publication_date_at_month_precision():
    row = one("Gunmen killed three villagers in Bossangoa.")
    assert row.event_date == pd.Timestamp("2021-03-10") and row.time_precision == 3
    assert "Bossangoa" in row.notes and "3 killed" in row.notes


def test_the_day_it_was_said_is_only_an_end_of_the_event():
    row = one("Jihadists attacked an army post in the town of Djibo, in Burkina Faso, "
              "security sources told AFP on Tuesday.", published="2023-11-29")
    assert row.event_date == pd.Timestamp("2023-11-28") and row.time_precision == 2


def test_a_day_that_owns_the_event_noun_after_a_reporting_verb_is_its_day():
    row = one("The UN chief condemned Friday's attack that killed three peacekeepers in "
              "Dekoa, in the Central African Republic.", published="2020-12-26")
    assert row.event_date == pd.Timestamp("2020-12-25") and row.time_precision == 1


def test_a_dateline_is_neither_the_place_nor_the_date():
    row = one("ABUJA, June 14 (Reuters) - Gunmen killed 23 villagers in Zamfara state in "
              "northwest Nigeria on Monday, police said.", published="2023-06-15")
    assert row.location == "Zamfara State" and row.geo_precision == 3
    assert row.event_date == pd.Timestamp("2023-06-12") and row.time_precision == 1


def test_an_exact_day_survives_a_publication_date_known_to_the_month():
    articles = corpus("Seleka fighters killed 20 civilians in Bossangoa on 5 December.",
                      published="2013-12-01").assign(published_precision="month")
    row = next(extract_incidents(articles).itertuples())
    assert row.event_date == pd.Timestamp("2013-12-05") and row.time_precision == 1


# --------------------------------------------------------------------------- the frame


def test_every_frame_part_carries_its_words_and_offsets():
    articles = corpus("Boko Haram militants attacked soldiers in Maiduguri on Monday, "
                      "killing seven soldiers.", published="2024-03-20")
    row = extract_incidents(articles).iloc[0]
    text = articles.loc[0, "text"]
    for part in ("trigger", "agent", "patient", "place", "time", "deaths"):
        start, end = row[f"{part}_start"], row[f"{part}_end"]
        assert start >= 0 and text[start:end] == row[f"{part}_quote"], part
    assert (row["agent_quote"], row["place_quote"]) == ("Boko Haram militants", "Maiduguri")
    assert row["event_type"] == "Battles" and row["actor2"] == "Military Forces of Nigeria"
    assert row["actor1"] == "Boko Haram" and row["fatalities"] == 7


def test_columns_and_provenance(seed_incidents, seed_articles):
    assert list(seed_incidents.columns) == INCIDENT_COLUMNS
    text = dict(zip(seed_articles["article_id"], seed_articles["text"]))
    for incident in seed_incidents.itertuples():
        for report in incident.reports:
            assert text[report["article_id"]][report["start"]:report["end"]] == report["quote"]
    assert seed_incidents["incident_id"].is_unique


def test_no_articles_no_incidents():
    out = extract_incidents(corpus("x").iloc[:0])
    assert out.empty and list(out.columns) == INCIDENT_COLUMNS


def test_seed_reports_match_the_gold(seed_articles, root):
    import carlib

    tags = carlib.tag_corpus(seed_articles)
    geography = carlib.geo.geolocate(seed_articles, tags)
    reports = extract_incidents(seed_articles, tags, geography.places, merge=False,
                                focus=geography.focus)
    place, kind, actor, day, deaths = score_incidents(
        reports, read_gold(root / "tests/gold/incidents.csv"),
        read_gold(root / "tests/gold/places.csv")).scores
    # measured 2026-12-06 (README: scores, 0.483): the seeds' gold codes displacement as events,
    # the development corpus's conventions do not, so the seeds score lower than before
    assert kind.f1 >= 0.46 and actor.value >= 0.8 and day.value >= 0.9


@pytest.mark.parametrize("target", ["an army position", "a patrol", "a military base",
                                    "a UN base"])
def test_an_attack_on_an_armed_post_is_a_battle(target):
    row = one(f"Gunmen attacked {target} near Kabo on Wednesday, killing two soldiers.")
    assert row.event_type == "Battles"


def test_an_unknown_village_near_a_known_name_is_the_village_as_written():
    row = one("Separatists killed nine people in a raid on the village of Bamenyam in "
              "Cameroon's West region on Tuesday.", published="2023-11-22")
    assert row.location == "Bamenyam" and pd.isna(row.latitude)


def test_the_frame_table_shows_each_part_with_its_own_words_and_sentence():
    from carlib import frame_table
    from carlib.text import sentences

    articles = corpus("Markets reopened in the Central African Republic. Gunmen killed 12 "
                      "villagers in Bambari on Tuesday, residents said.")
    incidents = extract_incidents(articles)
    parts = frame_table(incidents, sentences(articles))
    text = articles["text"].iloc[0]
    read = dict(zip(parts["part"], parts["quote"]))
    assert read["trigger"] == "killed" and read["agent"] == "Gunmen"
    assert read["place"] == "Bambari" and read["time"] == "Tuesday"
    assert "12 villagers" in read["deaths"]
    for row in parts.itertuples():
        assert text[row.start:row.end] == row.quote
        assert row.sentence_id == 1


def test_the_attack_mentioned_again_is_the_same_incident_not_a_new_one():
    out = extract_incidents(corpus(
        "Militiamen attacked a camp for displaced people in Obo, in the Central African "
        "Republic, on Friday, killing eight people. A nurse was also killed in the attack. "
        "The deadly attack was condemned by the government."))
    assert len(out) == 1 and out["location"].iloc[0] == "Obo"
    assert out["fatalities"].iloc[0] == 8


def test_an_event_noun_after_the_is_new_when_nothing_was_reported_before():
    out = extract_incidents(corpus(
        "The attack on the market of Obo, in the Central African Republic, killed three "
        "traders on Friday."))
    assert len(out) == 1 and out["location"].iloc[0] == "Obo"


def test_an_attack_that_targeted_an_army_position_is_a_battle():
    row = one("On Monday another attack targeted an army position near Kabo, in the Central "
              "African Republic.")
    assert row.event_type == "Battles"
    assert row.actor2 == "Military Forces of the Central African Republic"


# ------------------------------------------- classes from the development corpus (issue 12)


def test_a_post_followed_by_its_owner_is_a_battle_against_that_owner():
    row = one("Islamist fighters attacked a remote outpost of the Nigerien army near Diffa on "
              "Friday night, killing four soldiers.", published="2021-03-14")
    assert row.event_type == "Battles" and row.actor2 == "Military Forces of Niger"
    assert row.actor1 == "Unidentified Armed Group" and row.fatalities == 4


def test_a_post_is_a_target_never_the_attacker():
    row = one("A patrol came under fire near Ndele, in the Central African Republic, on "
              "Tuesday, and two civilians were wounded.")
    assert row.actor1 == "Unidentified Armed Group" and row.event_type == "Battles"


@pytest.mark.parametrize("verb", ["carried out", "staged", "launched", "mounted"])
def test_the_subject_of_a_light_verb_is_the_agent_of_the_event_noun(verb):
    row = one(f"Boko Haram fighters {verb} a major attack on Monguno, in Nigeria's Borno "
              "state, on Sunday.", published="2021-03-09")
    assert row.actor1 == "Boko Haram" and row.location == "Monguno"


def test_a_place_described_as_plagued_by_fighting_is_context_not_a_second_event():
    out = extract_incidents(corpus(
        "Three people were killed on Sunday when their truck hit a landmine near Bozoum, in "
        "a region of the Central African Republic that has been plagued by fighting between "
        "rebels and the army."))
    assert list(out["event_type"]) == ["Explosions/Remote violence"]
    assert out["fatalities"].iloc[0] == 3


def test_an_officials_or_a_units_town_is_not_where_it_happened():
    out = extract_incidents(corpus(
        "Gunmen killed eight herders on Friday in a village of the Ouaka prefecture, the "
        "mayor of Bambari told AFP.",
        "A soldier based in Mora died on Monday after an explosion in Kolofata, in "
        "Cameroon's Far North region.", published="2021-03-16"))
    assert "Bambari" not in set(out["location"]) and "Mora" not in set(out["location"])
    assert "Kolofata" in set(out["location"])


def test_a_toll_told_after_the_event_belongs_to_it():
    out = extract_incidents(corpus(
        "A roadside bomb exploded under a minibus near Bocaranga, in the Central African "
        "Republic, on Sunday. Five people died and a child was rescued, the prefect said."))
    assert list(out["event_type"]) == ["Explosions/Remote violence"]
    assert out["fatalities"].iloc[0] == 5


def test_a_headline_attack_without_a_target_is_the_battle_the_body_tells():
    out = extract_incidents(corpus(
        "Major attack on Burkina Faso town\n\n"
        "Jihadists attacked an army detachment in the town of Djibo on Sunday, killing ten "
        "soldiers, security sources said.", published="2023-11-28"))
    assert list(out["event_type"]) == ["Battles"] and list(out["location"]) == ["Djibo"]


def test_a_named_site_and_its_town_are_one_incident_at_the_site():
    out = extract_incidents(corpus(
        "Al-Shabaab gunmen stormed the Sahafi hotel in Mogadishu on Sunday, killing 15 "
        "people. The militants attacked the hotel after a car bomb exploded at its gate.",
        published="2021-03-09"))
    assert len(out) == 1 and out["fatalities"].iloc[0] == 15
    assert out["location"].iloc[0] == "Sahafi hotel"


def test_attacks_on_two_towns_stay_two_incidents_however_the_country_is_named():
    out = extract_incidents(corpus(
        "Rebels attacked the town of Boyo in the Central African Republic on Saturday, "
        "killing five soldiers. Another attack hit the village of Liotto on Sunday. The Central "
        "African Republic has seen more attacks this month."))
    assert {"Boyo", "Liotto"} <= set(out["location"])


def test_a_part_of_the_country_told_by_a_direction_is_the_town_the_body_names():
    out = extract_incidents(corpus(
        "Armed men killed a soldier and a civilian in the south-east of the Central African "
        "Republic on Wednesday. The attackers targeted a patrol near the village of Nzacko on "
        "Wednesday morning."))
    assert len(out) == 1 and out["location"].iloc[0] == "Nzacko"


def test_houses_burned_in_an_attack_are_part_of_it_not_a_second_event():
    out = extract_incidents(corpus(
        "Rebels attacked the village of Ndim in the Central African Republic on Sunday, "
        "killing six people. The assailants burned down houses in the village."))
    assert list(out["event_type"]) == ["Violence against civilians"]


def test_who_repelled_an_attack_is_not_its_agent():
    out = extract_incidents(corpus(
        "Rebels attacked Bangui, the capital of the Central African Republic, on Wednesday. "
        "The attack was repelled by peacekeepers, a spokesman said."))
    assert "MINUSCA" not in set(out["actor1"])


def test_a_running_total_is_not_the_toll_of_the_event_that_raised_it():
    row = one("A peacekeeper was killed in an ambush near Bria, in the Central African "
              "Republic, on Thursday, bringing the death toll in two days of fighting to at "
              "least nine.")
    assert row.fatalities == 1


def test_a_participle_before_an_event_noun_is_its_modifier_not_a_second_act():
    out = extract_incidents(corpus(
        "The UN mission condemned targeted killings of civilians in Bria, in the Central "
        "African Republic, on Monday."))
    assert "UN peacekeeping mission" not in set(out["actor1"])
    assert "MINUSCA" not in set(out["actor1"])


def test_a_by_inside_an_aside_is_not_the_agent():
    row = one("Attacks on peacekeepers of the UN mission (known by its French acronym MINUSCA) "
              "took place in Bangassou, in the Central African Republic, on Tuesday.")
    assert row.actor1 == "Unidentified Armed Group" and row.event_type == "Battles"


@pytest.mark.parametrize("word", ["confrontations", "a shootout", "skirmish"])
def test_the_other_words_for_a_clash_are_clashes(word):
    row = one(f"On Sunday {word} between the army and rebels left two dead in Bossangoa, in "
              "the Central African Republic.")
    assert row.event_type == "Battles" and row.location == "Bossangoa"


def test_an_event_the_sentence_says_came_before_is_another_event_with_its_own_date_and_dead():
    out = extract_incidents(corpus(
        "Gunmen killed 16 worshippers in the village of Ouallam, in Niger's Tillaberi region, "
        "on Friday. The attack follows the killing on Monday of 37 civilians in the same "
        "region.", published="2021-08-21"), merge=False)
    by_date = dict(zip(out["event_date"], out["fatalities"]))
    assert by_date[pd.Timestamp("2021-08-20")] == 16
    assert by_date[pd.Timestamp("2021-08-16")] == 37


def test_a_spelling_variant_of_an_unknown_village_is_the_same_place():
    out = extract_incidents(corpus(
        "Gunmen killed 16 people in the village of Thoum in the Tillaberi region on Friday. "
        "They opened fire on worshippers in the village of Tohum during prayers.",
        published="2021-08-21"))
    assert len(out) == 1 and out["fatalities"].iloc[0] == 16


@pytest.mark.parametrize("text, sides", [
    ("Refugees said former Seleka rebels and anti-balaka militiamen fought in Bouar, in the "
     "Central African Republic, last week.", ("ex-Seleka", "anti-balaka")),
    ("Fighting on Monday between UPC fighters and anti-balaka killed nine people in Alindao, "
     "in the Central African Republic.", ("UPC", "anti-balaka")),
])
def test_of_two_sides_that_fought_the_first_is_actor1_the_second_actor2(text, sides):
    row = one(text)
    assert (row.actor1, row.actor2) == sides


def test_the_sound_of_gunfire_alone_is_not_an_incident_but_may_restate_one():
    out = extract_incidents(corpus(
        "Heavy gunfire rang out in Bangui, the capital of the Central African Republic, on "
        "Tuesday, residents said."))
    assert out.empty
    out = extract_incidents(corpus(
        "Gunmen killed three traders in the market of Bria, in the Central African Republic, "
        "on Tuesday. Gunfire was heard in Bria all night."))
    assert len(out) == 1 and out["fatalities"].iloc[0] == 3


def test_the_month_may_is_a_date_not_a_hedge():
    row = one("In May 2021, armed men looted the clinic of an aid group in Obo, in the Central "
              "African Republic.", published="2021-06-20")
    assert (row.event_type, str(row.event_date.date())) == ("Strategic developments",
                                                            "2021-05-01")


def test_the_date_nearest_the_event_word_dates_it():
    row = one("Rebels of a group that signed the accord of 6 February 2019 with the government "
              "on 21 May 2019 killed 26 villagers near Bocaranga, in the Central African "
              "Republic.", published="2019-05-25")
    assert str(row.event_date.date()) == "2019-05-21"


def test_a_place_in_the_focus_country_is_the_place_of_a_report_that_also_names_one_abroad():
    def frame(sentence_id: int, name: str, code: str) -> Frame:
        return Frame("a0", sentence_id, sentence_id, (0, 40), "kill", "killing",
                     Part("killed", 10, 16), None, None,
                     {"name": name, "country_code": code, "feature": "city", "lat": 1.0,
                      "lon": 1.0}, Part(name, 20, 20 + len(name)), 0,
                     pd.Timestamp("2021-03-08"), 1, Part())

    report = _Report(frame(1, "Khartoum", "SD"), focus="CF")  # "signed the Khartoum accord"
    report.add(frame(2, "Paoua", "CF"))  # "the killings took place near Paoua"
    assert report.best_place().place["name"] == "Paoua"
    assert _Report(frame(1, "Khartoum", "SD")).best_place().place["name"] == "Khartoum"


def test_the_group_a_speaker_blames_an_attack_on_is_its_perpetrator():
    row = one("Gunmen raided the village of Kamango in DR Congo on Monday, killing six farmers. "
              "Local leaders blamed the attack on the ADF.", published="2021-06-30")
    assert (row.actor1, row.event_type) == ("ADF", "Violence against civilians")


def test_a_report_in_a_town_and_in_a_neighbourhood_the_text_puts_in_it_are_one_event():
    out = extract_incidents(corpus(
        "At least seven people were killed in an overnight raid on Beni, in eastern DR Congo. "
        "Attackers set houses on fire in Beni's Mabanga district and shot residents as they "
        "fled."))
    assert len(out) == 1 and out.iloc[0]["fatalities"] == 7


def test_they_before_an_event_verb_are_the_attackers_before_not_the_last_group_named():
    out = extract_incidents(corpus(
        "Anti-balaka fighters attacked a base of the UPC near Kouki on Friday. Witnesses said "
        "they then opened fire on villagers in Bocaranga on Saturday."), merge=False)
    assert len(out) == 2 and set(out["actor1"]) == {"anti-balaka"}


def test_a_total_another_sentence_splits_between_two_events_is_neither_events_toll():
    out = extract_incidents(corpus(
        "Gunmen attack villagers in north of Central African Republic\n\n"
        "Residents have fled their homes, a local official said. Many families are homeless."
        "\n\nAt least 14 people were killed by rebels during attacks on an army post and a village "
        "in northern Central African Republic, officials said.\n\n"
        "The rebels first attacked the army post near Kaga Bandoro on Monday, killing two "
        "soldiers, before attacking the villagers, killing 12 people, the mayor said."))
    tolls = out.set_index("event_type")["fatalities"]
    assert (tolls["Battles"], tolls["Violence against civilians"]) == (2, 12)


def test_streets_that_emptied_are_no_event():
    assert extract_incidents(corpus(
        "Streets emptied and shops closed in Bouar on Monday, residents said.")).empty



def test_the_attack_whose_type_is_a_guess_refers_to_the_last_report_of_a_type_it_may_have():
    out = extract_incidents(corpus(
        "Armed men attacked an army patrol near the village of Bakala on Tuesday, killing "
        "three soldiers, local sources said.\n\nEarlier on Tuesday, another attack targeted a "
        "military post near Kouki.\n\nAccording to the mayor, this second attack caused no "
        "casualties."))
    assert out.set_index("location")["fatalities"].to_dict() == {"Bakala": 3, "Kouki": 0}


def test_a_paragraph_that_opens_with_history_stays_history_until_a_date_of_its_own():
    out = extract_incidents(corpus(
        "Gunmen attacked the village of Kouki on Monday, killing four people.\n\nThe country "
        "has been at war since 2012, when rebels seized power in Bangui. Militias later fought "
        "back, burning villages. Thousands were killed in Bossangoa.\n\nOn Sunday, armed men "
        "killed two traders in Bouar."))
    assert sorted(out["location"]) == ["Bouar", "Kouki"]


def test_the_attackers_killed_when_the_attacked_fought_back_add_to_the_attacks_dead():
    out = extract_incidents(corpus(
        "Gunmen ambushed an army patrol near Bouca on Monday, killing a soldier.\n"
        "The troops returned fire and killed four of the gunmen, the prefect said."))
    assert list(out["fatalities"]) == [5]


def test_fighting_with_no_sides_of_its_own_keeps_the_attacker_of_the_clash_before_not_its_target():
    out = extract_incidents(corpus(
        "Residents said they fled clashes between the FPRC and UPC fighters in Bria on "
        "Monday. Others fled heavy fighting in Ippy and Bambari."), merge=False)
    assert set(out["actor1"]) == {"FPRC"}


def test_people_driven_out_in_the_act_that_killed_are_part_of_that_act():
    out = extract_incidents(corpus(
        "On Monday militiamen raided the village of Kouki, killing six people and driving out "
        "hundreds, the mayor said."))
    assert list(out["event_type"]) == ["Violence against civilians"]


def test_people_forced_out_in_a_sentence_that_names_no_place_are_part_of_the_attack():
    out = extract_incidents(corpus(
        "Gunmen attacked the village of Kouki on Monday, killing five people.\n\nMany families "
        "were forced to leave their homes, the mayor said."))
    assert list(out["event_type"]) == ["Violence against civilians"]


def test_a_death_told_beside_an_illness_is_no_event():
    assert extract_incidents(corpus(
        "Refugees from the Central African Republic are arriving in Cameroon every day.\n\n"
        "In the camp, a boy fell sick with malaria last week. His mother could not pay for "
        "medicine.\n\nHer son died shortly after midnight. \"He died because we have "
        "nothing,\" she said.")).empty


def test_an_attack_and_a_capture_on_other_days_are_two_events():
    out = extract_incidents(corpus(
        "Rebels captured the town of Bouca on Sunday, the army said.\n\nThe rebels had attacked "
        "Bouca at dawn on Saturday, residents said."), merge=False)
    assert sorted(out["sub_event_type"]) == ["Armed clash", "Non-state actor overtakes territory"]
