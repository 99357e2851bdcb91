"""Benchmark: MB of text per second for sentences + tag + dates + figures.

    .venv/bin/python benchmarks/bench_tagging.py [--mb 20]

The corpus is generated from the seed articles' sentences, shuffled into new articles with
a fixed random seed (so every run tags the same text), at least ``--mb`` megabytes of it.
It is tagged once on one core and once with every core (``workers=os.cpu_count()``).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

import pandas as pd

import carlib
from carlib.tagging import tag_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def generated_corpus(megabytes: float, seed: int = 13) -> pd.DataFrame:
    """Articles of about 5 kB made of seed sentences in random order."""
    articles = carlib.load_articles(SEEDS)
    pool = carlib.sentences(articles)["quote"].tolist()
    rng = random.Random(seed)
    texts, size, target = [], 0, megabytes * 1_000_000
    while size < target:
        text = " ".join(rng.choice(pool) for _ in range(30))
        texts.append(text)
        size += len(text.encode("utf-8"))
    return pd.DataFrame({
        "article_id": [f"gen{i:05d}" for i in range(len(texts))], "text": texts,
        "published": pd.Timestamp("2014-01-30"), "published_precision": "day"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=20.0)
    args = parser.parse_args()
    corpus = generated_corpus(args.mb)
    megabytes = corpus["text"].str.encode("utf-8").str.len().sum() / 1e6
    print(f"corpus: {len(corpus):,} articles, {megabytes:.1f} MB")
    for workers in sorted({1, os.cpu_count() or 1}):
        started = time.perf_counter()
        tags = tag_corpus(corpus, workers=workers)
        seconds = time.perf_counter() - started
        print(f"{workers} worker(s): {seconds:.1f} s, {megabytes / seconds:.2f} MB/s "
              f"({megabytes / seconds / workers:.2f} MB/s per core); "
              f"{len(tags.sentences):,} sentences, {len(tags.mentions):,} mentions, "
              f"{len(tags.dates):,} dates, {len(tags.figures):,} figures")


if __name__ == "__main__":
    main()
