"""Sentence splitting of news copy as it arrives, with offsets that always point into the text."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from carlib.text import SENTENCE_COLUMNS, sentences, split_sentences


def split(text: str) -> list[str]:
    return [text[a:b] for _, a, b in split_sentences(text)]


def test_initials_and_abbreviations_do_not_end_sentences():
    text = ("Talks on an official U. N.  peacekeeping mission stalled. The 15-member U. S.  "
            "Security Council met. Soldiers wait at the airport Jan.  19.  U. S.  forces will "
            "fly them. Photo by Staff Sgt.  Ryan Crane.")
    assert split(text) == [
        "Talks on an official U. N.  peacekeeping mission stalled.",
        "The 15-member U. S.  Security Council met.",
        "Soldiers wait at the airport Jan.  19.",
        "U. S.  forces will fly them.",
        "Photo by Staff Sgt.  Ryan Crane."]


def test_glued_subheading_is_split_at_the_seam():
    text = "Negotiations have failed. Mission confusionThe EU contingent will add troops."
    assert split(text) == ["Negotiations have failed.", "Mission confusion",
                           "The EU contingent will add troops."]


def test_camel_case_names_are_not_seams():
    text = "He spoke to McDonald on YouTube and LinkedIn yesterday."
    assert split(text) == [text]


def test_closing_quote_after_full_stop_stays_with_its_sentence():
    text = ('"Two men were killed in the street. They were cut to bits. "She added, "Bangui '
            'used to be mixed. That is over. "In PK13, houses stand empty.')
    assert split(text) == [
        '"Two men were killed in the street.', 'They were cut to bits. "',
        'She added, "Bangui used to be mixed.', 'That is over. "',
        "In PK13, houses stand empty."]


def test_attribution_after_a_quote_stays_in_the_sentence():
    text = '"Crimes include executions." explained the expert Christian Mukosa. Next one.'
    assert split(text) == ['"Crimes include executions." explained the expert Christian Mukosa.',
                           "Next one."]


def test_lines_are_paragraphs():
    text = "Forcible expulsion\nThe group said it was foreseeable.\r\n\r\nNext paragraph here."
    rows = list(split_sentences(text))
    assert [text[a:b] for _, a, b in rows] == [
        "Forcible expulsion", "The group said it was foreseeable.", "Next paragraph here."]
    assert [p for p, _, _ in rows] == [0, 1, 2]


def test_seed_sentences(seed_articles):
    sents = sentences(seed_articles)
    assert list(sents.columns) == SENTENCE_COLUMNS
    quotes = sents["quote"].tolist()
    assert "Disorganised violence" in quotes and "Mission confusion" in quotes
    assert "That is completely over. \"" in quotes
    assert not any(q.startswith(("N.  ", "S.  ")) for q in quotes)
    text = dict(zip(seed_articles["article_id"], seed_articles["text"]))
    assert all(text[r.article_id][r.start:r.end] == r.quote for r in sents.itertuples())


def test_empty_articles_give_the_columns():
    empty = sentences(pd.DataFrame({"article_id": [], "text": []}))
    assert list(empty.columns) == SENTENCE_COLUMNS and empty.empty


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list('aZ .."\n\r-U3') + ["U. N. ", "Jan. ", "The", "word"]),
                max_size=80).map("".join) | st.text(max_size=200))
def test_spans_are_exact_ordered_and_never_empty(text):
    last = 0
    for _, start, end in split_sentences(text):
        assert last <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        last = end


def test_a_sentence_without_full_stops_is_cut_into_bounded_pieces_at_clause_breaks():
    from carlib.text import MAX_SENTENCE, split_sentences

    table = "Casualties by town: " + ", ".join(f"{i} killed" for i in range(400)) + "."
    pieces = list(split_sentences(table))
    assert len(pieces) > 1 and all(b - a <= MAX_SENTENCE for _, a, b in pieces)
    assert all(table[a:b].endswith(",") for _, a, b in pieces[:-1])
    assert "".join(table[a:b] + " " for _, a, b in pieces).split() == table.split()
