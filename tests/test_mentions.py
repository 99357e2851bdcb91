"""extract_mentions(): actors and people on the seeds, each rule on other conflicts, a user's own lexicon,
NLTK only when its data is there, and properties that hold for any text."""


import nltk
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carlib.tagging import mentions
from carlib.tagging.mentions import GENERIC_TYPES, MENTION_COLUMNS, extract_mentions
from carlib.text import sentences

A000, A001, A002 = "000_3e88c355ff1f429e", "001_fe38c0874b9f1dc3", "002_e43d34d88fc96c4c"
METHODS = {"lexicon", "said_name", "name_said", "appositive_role", "role_name", "surname",
           "known_name", "nltk_ne"}
TYPES = {"armed_group", "state_force", "foreign_force", "peacekeepers", "international_org",
         "ngo", "court", "government", "media", "person"} | GENERIC_TYPES


def articles_of(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [f"t{i}" for i in range(len(texts))], "text": list(texts)})


def persons(found: pd.DataFrame) -> pd.DataFrame:
    return found[found["kind"] == "person"]


def actor_labels(found: pd.DataFrame, article_id: str) -> set[str]:
    """The named actors of an article (not generic ones: ``gunmen``, ``villagers``)."""
    rows = found[(found["kind"] == "actor") & (found["article_id"] == article_id)
                 & ~found["type"].isin(GENERIC_TYPES)]
    return set(rows["label"])


def check_provenance(found: pd.DataFrame, articles: pd.DataFrame) -> None:
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert list(found.columns) == MENTION_COLUMNS
    for row in found.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.quote
        assert row.kind in {"actor", "person"} and row.method in METHODS and row.type in TYPES


@pytest.fixture(scope="module")
def seed_mentions(seed_articles) -> pd.DataFrame:
    return extract_mentions(seed_articles)


# --------------------------------------------------------------------------- the seeds


def test_seed_rows_carry_their_quote(seed_mentions, seed_articles):
    check_provenance(seed_mentions, seed_articles)
    assert seed_mentions[["start", "end", "sentence_id"]].dtypes.eq("int64").all()
    assert not seed_mentions["quote"].str.endswith(("'s", "’s")).any()


@pytest.mark.parametrize("article_id, expected", [
    (A000, {"Amnesty International", "Seleka", "anti-balaka", "Human Rights Watch",
            "African Union", "UN peacekeeping mission"}),
    (A001, {"Seleka", "ex-Seleka", "anti-balaka", "Military Forces of France", "MISCA", "African Union",
            "UN Security Council", "United Nations", "EUFOR RCA", "BINUCA", "Human Rights Watch",
            "Amnesty International", "UN High Commissioner for Human Rights", "IPS",
            "Military Forces of Rwanda", "Military Forces of the United States", "European Union",
            "UN peacekeeping mission"}),
    (A002, {"Amnesty International", "Human Rights Watch", "Seleka", "anti-balaka", "MISCA",
            "Military Forces of France", "African Union", "MSF", "UNHCR", "International Criminal Court",
            "UN Security Council", "EUFOR RCA", "CNN", "The Washington Post"}),
])
def test_seed_actors(seed_mentions, article_id, expected):
    assert actor_labels(seed_mentions, article_id) == expected


@pytest.mark.parametrize("article_id, quote, label", [
    (A000, "anti Balaka", "anti-balaka"),
    (A000, "anti-Balaka militia", "anti-balaka"),
    (A000, "Amnesty", "Amnesty International"),  # from "Amnesty's senior crisis adviser"
    (A001, "Sangari", "Military Forces of France"),
    (A001, "U. N.  High Commissioner for Human Rights", "UN High Commissioner for Human Rights"),
    (A001, "U. N.  peacekeeping mission", "UN peacekeeping mission"),
    (A001, "ex-Seleka", "ex-Seleka"),
    (A001, "European Union troops", "EUFOR RCA"),
    (A001, "AU", "African Union"),
    (A002, "U.N. refugee agency", "UNHCR"),
    (A002, "U.N. Security Council", "UN Security Council"),
    (A002, "Medecins Sans Frontieres", "MSF"),
    (A002, "Doctors Without Borders", "MSF"),
    (A002, "African Union-led peacekeeping force", "MISCA"),
    (A002, "International Criminal Court", "International Criminal Court"),
])
def test_seed_actor_spellings(seed_mentions, article_id, quote, label):
    rows = seed_mentions[(seed_mentions["article_id"] == article_id)
                         & (seed_mentions["quote"] == quote)]
    assert set(rows["label"]) == {label}


SEED_PEOPLE = {  # label -> (a word of the role, organisation), per article
    A000: {"Christian Mukosa": ("expert", "Amnesty International"),
           "Joanne Mariner": ("senior crisis adviser", "Amnesty International")},
    A001: {"Michel Djotodia": ("leader", "Seleka"),
           "Joanne Mariner": ("senior crisis response adviser", "Amnesty International"),
           "Catherine Samba-Panza": ("interim president", ""),
           "Peter Bouckaert": ("director", "Human Rights Watch"),
           "Navi Pillay": ("High Commissioner", "UN High Commissioner for Human Rights"),
           "Ban Ki-moon": ("Secretary-General", ""),
           "Ryan Crane": ("Staff Sgt", ""),
           "Gerard Araud": ("Ambassador", ""),
           "Ainsley Reidy": ("senior legal advisor", "Human Rights Watch")},
    A002: {"Francois Bozize": ("President", ""),
           "Joanne Mariner": ("senior crisis response adviser", "Amnesty International"),
           "Antonio Guterres": ("head", "UNHCR"),
           "Peter Bouckaert": ("emergencies director", "Human Rights Watch"),
           "Fatou Bensouda": ("chief prosecutor", "International Criminal Court"),
           "Barack Obama": ("President", ""),
           "Francois Hollande": ("President", ""),
           "Catherine Samba-Panza": ("mayor", ""),
           "Michel Djotodia": ("leader", "Seleka"),
           "Nana Karikari-apau": ("", "CNN")},
}


@pytest.mark.parametrize("article_id", SEED_PEOPLE)
def test_seed_people_with_roles_and_organisations(seed_mentions, article_id):
    found = persons(seed_mentions[seed_mentions["article_id"] == article_id])
    assert set(found["label"]) == set(SEED_PEOPLE[article_id])  # and nobody else
    for label, (role, organisation) in SEED_PEOPLE[article_id].items():
        first = found[found["label"] == label].iloc[0]
        assert role in first["role"], (label, first["role"])
        assert first["organisation"] == organisation, label


def test_seed_roles_in_full(seed_mentions):
    described = persons(seed_mentions).drop_duplicates("label").set_index("label")
    assert described.loc["Joanne Mariner", "role"] == "senior crisis adviser"  # 000 comes first
    assert described.loc["Christian Mukosa", "role"] == "Central African expert"
    assert described.loc["Catherine Samba-Panza", "role"] == "interim president"
    assert described.loc["Navi Pillay", "role"] == "High Commissioner for Human Rights"
    assert described.loc["Gerard Araud", "role"] == "French Ambassador"
    assert described.loc["Francois Bozize", "role"] == "ousted President"
    assert described.loc["Barack Obama", "method"] == "role_name"


def test_seed_surnames_get_the_full_name(seed_mentions):
    later = persons(seed_mentions)[persons(seed_mentions)["method"] == "surname"]
    by_quote = later.groupby("quote")["label"].agg(set).to_dict()
    assert by_quote == {"Mariner": {"Joanne Mariner"}, "Reidy": {"Ainsley Reidy"},
                        "Guterres": {"Antonio Guterres"}}
    assert len(later[later["quote"] == "Mariner"]) == 4  # 'said Mariner', 'Mariner told IPS'...
    reidy = later[later["quote"] == "Reidy"].iloc[0]
    assert (reidy["role"], reidy["organisation"]) == ("senior legal advisor", "Human Rights Watch")


def test_seed_non_people(seed_mentions):
    quotes = set(persons(seed_mentions)["quote"])
    for not_a_person in ("Bangui", "Human Rights Watch", "The Washington Post", "Washington Post",
                         "He", "She", "Amnesty International", "Central African Republic",
                         "Security Council", "Muslim", "PK5"):
        assert not any(not_a_person in quote for quote in quotes), not_a_person


def test_an_organisation_from_the_lexicon_is_also_an_actor(seed_mentions):
    labels = set(seed_mentions.loc[seed_mentions["kind"] == "actor", "label"])
    for row in persons(seed_mentions).itertuples():
        if row.organisation in labels:
            same = seed_mentions[(seed_mentions["article_id"] == row.article_id)
                                 & (seed_mentions["label"] == row.organisation)]
            assert not same.empty, row


def test_reuses_the_sentences_table(seed_articles, seed_mentions):
    pd.testing.assert_frame_equal(extract_mentions(seed_articles, sentences(seed_articles)), seed_mentions)


# --------------------------------------------------------------------------- other conflicts


RULES = [  # text, name, role (contained), organisation, method
    ('"The town is empty," said Deng Alor Kuol, whose family fled to Uganda.',
     "Deng Alor Kuol", "", "", "said_name"),
    ("Forty homes were burned near Bentiu, according to Nyakuoth Gatluak.",
     "Nyakuoth Gatluak", "", "", "said_name"),
    ("Aminata Traoré told Reuters that Malian troops had left Kidal.",
     "Aminata Traoré", "", "", "name_said"),
    ("Riek Machar warned that the ceasefire would not hold.", "Riek Machar", "", "", "name_said"),
    ("Abubakar Shekau says the group will fight on.", "Abubakar Shekau", "", "", "name_said"),
    ("Yoweri Museveni has also said that Ugandan troops would stay.",
     "Yoweri Museveni", "", "", "name_said"),
    ("Hassan Abdi of Save the Children said schools had closed.",
     "Hassan Abdi", "", "Save the Children", "name_said"),
    ("Jan Egeland, secretary general of the Norwegian Refugee Council, said aid was blocked.",
     "Jan Egeland", "secretary general", "Norwegian Refugee Council", "appositive_role"),
    ("Ibrahim Boubacar Keita, the president of Mali, told parliament the army needed money.",
     "Ibrahim Boubacar Keita", "president", "", "appositive_role"),
    ("Nicholas Haysom, head of UNMISS, said the camps were full.",
     "Nicholas Haysom", "head", "UNMISS", "appositive_role"),
    ("Ida Sawyer, a researcher at Human Rights Watch, documented the killings.",
     "Ida Sawyer", "researcher", "Human Rights Watch", "appositive_role"),
    ("Samantha Power, the U.S. ambassador to the U.N., told reporters it was genocide.",
     "Samantha Power", "ambassador", "United Nations", "appositive_role"),
    ("South Sudan's President Salva Kiir signed the deal.", "Salva Kiir", "President", "",
     "role_name"),
    ("Boko Haram leader Abubakar Shekau appeared in a video.", "Abubakar Shekau", "leader",
     "Boko Haram", "role_name"),
    ("Nigerian army spokesman Colonel Sani Usman denied the report.", "Sani Usman", "spokesman",
     "Military Forces of Nigeria", "role_name"),
    ("UN Secretary-General Antonio Guterres called for calm in Darfur.", "Antonio Guterres",
     "Secretary-General", "UN Secretary-General", "role_name"),
    ("The chief prosecutor of the ICC, Karim Khan, opened an inquiry into Darfur.", "Karim Khan",
     "chief prosecutor", "International Criminal Court", "role_name"),
    ("The UN envoy for Mali, Bert Koenders, visited Gao.", "Bert Koenders", "envoy",
     "United Nations", "role_name"),
    ("Reuters reporter Aaron Ross contributed reporting from Goma.", "Aaron Ross", "reporter",
     "Reuters", "role_name"),
    ("Al Jazeera's Mohamed Adow reported from Juba.", "Mohamed Adow", "", "Al Jazeera",
     "role_name"),
    ("Malian Prime Minister Moussa Mara flew to Kidal.", "Moussa Mara", "Prime Minister", "",
     "role_name"),
    ("Sudan's army chief met RSF commander Mohamed Hamdan Dagalo in Jeddah.",
     "Mohamed Hamdan Dagalo", "commander", "RSF", "role_name"),
    ("Maj. Gen. Babacar Gaye toured the camps in Bambari.", "Babacar Gaye", "Gen", "",
     "role_name"),
    ("Pastor Jean-Marie Ndjadi and Imam Omar Kobine Layama led the prayers.",
     "Omar Kobine Layama", "Imam", "", "role_name"),
    ("Denis Mukwege, a gynaecologist in Bukavu, said. Abdel Fattah al-Burhan said.",
     "Abdel Fattah al-Burhan", "", "", "name_said"),
]


@pytest.mark.parametrize("text, name, role, organisation, method", RULES)
def test_each_rule_on_other_conflicts(text, name, role, organisation, method):
    found = persons(extract_mentions(articles_of(text)))
    row = found[found["quote"] == name]
    assert len(row) == 1, found[["quote", "method"]].to_dict("records")
    row = row.iloc[0]
    assert (row["label"], row["method"], row["organisation"]) == (name, method, organisation)
    assert role in row["role"] and (role or row["role"] == "")


def test_a_plural_role_covers_both_names():
    found = persons(extract_mentions(articles_of("Presidents Paul Kagame and Felix Tshisekedi met in Luanda.")))
    assert found[["quote", "role", "method"]].values.tolist() == [
        ["Paul Kagame", "President", "role_name"], ["Felix Tshisekedi", "President", "role_name"]]


def test_a_verb_is_not_part_of_a_role():
    found = persons(extract_mentions(articles_of("Kiir met rebel leader Riek Machar in Addis Ababa.")))
    assert found[["quote", "role"]].values.tolist() == [["Riek Machar", "rebel leader"]]


def test_later_mentions_by_surname_and_full_name():
    text = ("Machar fled. Rebel leader Riek Machar said he would return. Machar told AFP the "
            "deal was dead. On Monday, Riek Machar flew to Khartoum.")
    found = persons(extract_mentions(articles_of(text)))
    assert found[["quote", "label", "method"]].values.tolist() == [
        ["Riek Machar", "Riek Machar", "role_name"], ["Machar", "Riek Machar", "surname"],
        ["Riek Machar", "Riek Machar", "known_name"]]  # not the 'Machar' before the full name
    assert set(found["role"]) == {"Rebel leader"}


def test_a_surname_two_people_share_is_left_alone():
    text = ("President Francois Hollande met ousted President Francois Bozize. "
            "Bozize said he would return. Later Hollande told reporters he would not.")
    found = persons(extract_mentions(articles_of(text)))
    assert "surname" in set(found["method"])
    text = "Adama Traore, a doctor, told IPS. Aminata Traore, a nurse, told AFP. Traore said."
    found = persons(extract_mentions(articles_of(text)))
    assert set(found["quote"]) == {"Adama Traore", "Aminata Traore"}


@pytest.mark.parametrize("text", [
    "He said the town was calm. She told AFP that she had fled. They warned of famine.",
    "Sierra Leone said it would send troops. South Sudan said the talks had failed.",
    "Central African Republic officials said calm had returned to Bangui.",
    "Médecins du Monde said it had suspended its work. Human Rights Watch said so too.",
    "The Washington Post said the report was leaked. The New York Times reported it.",
    "Prime Minister said nothing. Last Friday, Bangui residents told IPS they were afraid.",
    "The Lord's Resistance Army said. United Nations officials said. The European Union said.",
    "Catholic Relief Services said it had evacuated staff from Bossangoa.",
    "Seleka Alliance fighters said. Anti-Balaka Militias said.",
])
def test_places_organisations_and_pronouns_are_not_people(text):
    assert persons(extract_mentions(articles_of(text))).empty


# --------------------------------------------------------------------------- the actor matcher


@pytest.mark.parametrize("text, quotes", [
    ("Fighters of the anti balaka, Anti-Balaka, ANTI-BALAKA and antibalaka attacked.",
     ["anti balaka", "Anti-Balaka", "ANTI-BALAKA", "antibalaka"]),
    ("The U.N. said, and the U. N.  said, and the UN said.", ["U.N.", "U. N.", "UN"]),
    ("The un said, and the icc and the eu and the au were not named.", []),
    ("Amnesty's report said the amnesty law was unfair.", ["Amnesty"]),
    ("The UN Security Council met; the U.N. Security Council voted.",
     ["UN Security Council", "U.N. Security Council"]),
    ("Séléka and Seleka and SELEKA fighters.", ["Séléka", "Seleka", "SELEKA"]),
    ("Médecins Sans Frontières and Medecins Sans Frontieres and MSF.",
     ["Médecins Sans Frontières", "Medecins Sans Frontieres", "MSF"]),
    ("The ICC's prosecutor and the ICCPR.", ["ICC"]),
])
def test_actor_spelling_variants(text, quotes):
    found = extract_mentions(articles_of(text))
    named = (found["kind"] == "actor") & ~found["type"].isin(GENERIC_TYPES)
    assert found.loc[named, "quote"].tolist() == quotes


def test_longest_alias_wins():
    found = extract_mentions(articles_of("The U.N. refugee agency and UN peacekeepers arrived."))
    assert found[["quote", "label", "type"]].values.tolist() == [
        ["U.N. refugee agency", "UNHCR", "international_org"],
        ["UN peacekeepers", "UN peacekeeping mission", "peacekeepers"]]


def test_a_users_own_lexicon(tmp_path):
    path = tmp_path / "yemen.csv"
    path.write_text(
        "label,aliases,type,affiliation,source\n"
        "Houthis,Ansar Allah|Houthi rebels,armed_group,Ansar Allah,my reading\n"
        "Saudi-led coalition,Arab coalition,foreign_force,Saudi Arabia,my reading\n"
        "places in Yemen,Sanaa|Hodeidah|Marib,not_a_name,place,my reading\n", encoding="utf-8")
    text = ("Houthi rebels and the Saudi-led coalition clashed near Hodeidah. Ansar Allah said "
            "the Arab coalition had bombed Marib. Hodeidah Marib said. Amnesty International "
            "said Abdul Malik al-Houthi, the group's leader, was in Sanaa.")
    found = extract_mentions(articles_of(text), lexicon=path)
    check_provenance(found, articles_of(text))
    actors = found[found["kind"] == "actor"]
    assert actors[["quote", "label"]].values.tolist() == [
        ["Houthi rebels", "Houthis"], ["Saudi-led coalition", "Saudi-led coalition"],
        ["Ansar Allah", "Houthis"], ["Arab coalition", "Saudi-led coalition"]]
    assert set(actors["type"]) == {"armed_group", "foreign_force"}
    people = persons(found)
    assert people[["quote", "role"]].values.tolist() == [["Abdul Malik al-Houthi", "leader"]]
    assert found.equals(extract_mentions(articles_of(text), lexicon=str(path)))


# --------------------------------------------------------------------------- NLTK


def test_nltk_is_never_downloaded(monkeypatch):
    def missing(resource, *args, **kwargs):
        raise LookupError(resource)

    def no_download(*args, **kwargs):
        raise AssertionError("extract_mentions() must never download NLTK data")

    monkeypatch.setattr(nltk.data, "find", missing)
    monkeypatch.setattr(nltk, "download", no_download)
    mentions._nltk_chunker.cache_clear()
    try:
        assert mentions._nltk_chunker() is None
        assert persons(extract_mentions(articles_of("Kofi Annan visited Bangui in 2014."))).empty
    finally:
        mentions._nltk_chunker.cache_clear()


def test_nltk_names_are_used_when_its_chunker_is_there(monkeypatch):
    def fake_chunker(tokens):  # "Kofi Annan" is a PERSON, as NLTK's chunker would say
        tags = {"Kofi": "B-PERSON", "Annan": "I-PERSON", "Bangui": "B-GPE"}
        return [(t, "NNP", tags.get(t, "O")) for t in tokens]

    monkeypatch.setattr(mentions, "_nltk_chunker", lambda: fake_chunker)
    found = persons(extract_mentions(articles_of("Kofi Annan visited Bangui in 2014. Annan left.")))
    assert found[["quote", "label", "method"]].values.tolist() == [
        ["Kofi Annan", "Kofi Annan", "nltk_ne"], ["Annan", "Kofi Annan", "surname"]]


# --------------------------------------------------------------------------- any text


WORDS = ["said", "told", "Joanne", "Mariner", "Amnesty", "International's", "U.", "N.", "UN",
         "anti-balaka", "Presidents", "President", "and", ",", "senior", "adviser", "at", "of",
         "the", "He", "Bangui", "Samba-Panza", "Ki-moon", "de", "'s", "Staff", "Sgt.", "\n",
         '"', "Séléka", "according", "to", "chief", "prosecutor", "ICC", "-", "  ", ".", "é"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), max_size=40),
       st.text(max_size=60))
def test_never_crashes_and_every_quote_is_its_text(words, noise):
    texts = [" ".join(words), noise + " ".join(words)]
    texts = [t for t in texts if t.strip()] or ["x"]
    articles = articles_of(*texts)
    check_provenance(extract_mentions(articles), articles)


def test_former_names_the_ex_group_unless_it_modifies_a_role_noun_after_the_name():
    found = extract_mentions(articles_of(
        "Clashes between the former Seleka and anti-Balaka fighters shook Bouar.",
        "The town is held by the UPC of Ali Darassa, a former Seleka commander.",
        "The former Séléka leader Michel Djotodia left for Benin."))
    assert actor_labels(found, "t0") == {"ex-Seleka", "anti-balaka"}
    assert actor_labels(found, "t1") == {"UPC", "Seleka"}
    assert actor_labels(found, "t2") == {"Seleka"}
    check_provenance(found, articles_of(
        "Clashes between the former Seleka and anti-Balaka fighters shook Bouar.",
        "The town is held by the UPC of Ali Darassa, a former Seleka commander.",
        "The former Séléka leader Michel Djotodia left for Benin."))
