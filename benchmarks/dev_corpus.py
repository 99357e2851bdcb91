"""The development corpus, replicated: the real text every benchmark runs on.

``replicated(megabytes)`` reads ``tests/corpora/dev`` (70 real articles, 2013-2024) with
``carlib.load_articles`` and repeats it under new ids (``<id>~<n>``) until it holds at least
``megabytes`` MB. ``edited(n)`` gives ``n`` articles the same way, each copy after an article's
first with small edits (a sentence dropped, two sentences swapped, a new headline line), so the
copies are near-duplicates as wire copies and re-publications are, not byte copies: the corpus
step folds them into the 70 dev stories. ``write_corpus`` saves a table as a corpus folder.
Nothing here is generated from the seed articles.

>>> small, big = replicated(1.0)  # doctest: +SKIP
>>> write_corpus(edited(2000), "/tmp/bench")  # doctest: +SKIP
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

import carlib
from carlib.text import split_sentences

DEV = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "dev"
_EDITS = ("drop", "swap", "headline")
_METADATA = ["article_id", "file", "outlet", "published", "published_precision",
             "published_basis", "headline"]


def megabytes(articles: pd.DataFrame) -> float:
    """UTF-8 size of the articles' text in MB."""
    return float(articles["text"].str.encode("utf-8").str.len().sum()) / 1e6


def distinct() -> pd.DataFrame:
    """The dev articles, exact duplicates left out."""
    articles = carlib.load_articles(DEV)
    return articles[articles["duplicate_of"].fillna("").eq("")].reset_index(drop=True)


def replicated(target_mb: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The distinct dev articles, and them repeated to at least ``target_mb`` MB."""
    articles = distinct()
    copies = max(1, -(-int(target_mb * 1e6) // int(megabytes(articles) * 1e6)))
    big = articles.loc[articles.index.repeat(copies)].reset_index(drop=True)
    big["article_id"] = [f"{a}~{i}" for i, a in enumerate(big["article_id"])]
    return articles, big


def edit(text: str, headline: str, how: str, rng: random.Random) -> tuple[str, str]:
    """``text`` and ``headline`` with one small edit: ``drop`` a sentence after the first,
    ``swap`` two neighbouring sentences of a paragraph, or a new ``headline`` line.

    >>> text = "Gunmen hit Bria.\\nThey killed ten. Troops came. Calm returned."
    >>> edit(text, "Gunmen hit Bria", "swap", random.Random(1))[0]
    'Gunmen hit Bria.\\nTroops came. They killed ten. Calm returned.'
    """
    spans = [(p, a, b) for p, a, b in split_sentences(text)]
    if how == "headline" or len(spans) < 3:
        first = text.split("\n", 1)
        new = f"{headline or first[0]} ({rng.choice(['update', 'corrected', 'wire copy'])})"
        return "\n".join([new, *first[1:]]), new
    if how == "drop":
        _, a, b = spans[rng.randrange(1, len(spans))]
        return text[:a] + text[b:].lstrip(" "), headline
    pairs = [i for i in range(len(spans) - 1) if spans[i][0] == spans[i + 1][0]]
    if not pairs:
        return edit(text, headline, "headline", rng)
    i = rng.choice(pairs)
    (_, a, b), (_, c, d) = spans[i], spans[i + 1]
    return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:], headline


def edited(n_articles: int, seed: int = 0) -> pd.DataFrame:
    """``n_articles`` articles: the distinct dev articles in turn, under new ids
    (``<id>~<n>``), every copy after an article's first with one or two small edits.

    >>> edited(140)["article_id"].iloc[70]  # doctest: +SKIP
    '2013_cf_bangui_aljazeera~1'
    """
    articles = distinct()
    rng = random.Random(seed)
    rows = []
    for i in range(n_articles):
        row = articles.iloc[i % len(articles)].to_dict()
        copy = i // len(articles)
        text, headline = row["text"], row["headline"]
        for how in rng.sample(_EDITS, rng.randint(1, 2)) if copy else ():
            text, headline = edit(text, headline, how, rng)
        rows.append({**row, "article_id": f"{row['article_id']}~{copy}", "text": text,
                     "headline": headline})
    return pd.DataFrame(rows, columns=articles.columns)


def write_corpus(articles: pd.DataFrame, folder: str | Path) -> Path:
    """``articles`` as a corpus folder: one ``<article_id>.txt`` each and an ``articles.csv``
    (ids, outlets, dates with their precision and basis, headlines); returns the folder.

    >>> carlib.load_articles(write_corpus(edited(10), "/tmp/c"))  # doctest: +SKIP
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = articles.assign(file=articles["article_id"] + ".txt",
                            published=articles["published"].dt.strftime("%Y-%m-%d"))
    for name, text in zip(table["file"], table["text"]):
        (folder / name).write_text(text, encoding="utf-8")
    table.reindex(columns=_METADATA).to_csv(folder / "articles.csv", index=False)
    return folder
