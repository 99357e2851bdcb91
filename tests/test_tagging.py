"""tag_corpus: every tagger once, on one core or several, with the same result."""

import pandas as pd

from carlib import tag_corpus


def test_several_workers_give_the_same_tables(seed_articles):
    many = pd.concat([seed_articles.assign(article_id=seed_articles["article_id"] + f"_{i}")
                      for i in range(4)], ignore_index=True)
    one, two = tag_corpus(many, workers=1), tag_corpus(many, workers=2)
    for name in ("sentences", "mentions", "dates", "figures"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))
    assert len(one.figures) == 4 * len(tag_corpus(seed_articles).figures) > 0


def test_every_table_carries_provenance(seed_articles):
    tags = tag_corpus(seed_articles)
    text = dict(zip(seed_articles["article_id"], seed_articles["text"]))
    for table in (tags.mentions, tags.dates, tags.figures):
        assert list(table.columns[:5]) == ["article_id", "sentence_id", "start", "end", "quote"]
        assert all(text[r.article_id][r.start:r.end] == r.quote for r in table.itertuples())
