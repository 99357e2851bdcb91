"""Benchmark the FIGURES step alone: MB/s of ``extract_figures`` on one core, on real text.

    .venv/bin/python benchmarks/bench_figures.py [--mb 5] [--repeat 3]

The corpus is the development corpus (``tests/corpora/dev``, real articles read from their
``.txt`` files by ``carlib.load_articles``) repeated under new ids until it holds at least
``--mb`` megabytes. Sentences and dates are computed first, as ``carlib.tagging.tag_corpus``
does, and only ``extract_figures(articles, sents, dates)`` is timed (best of ``--repeat``
runs, after one warm-up run on the original corpus so that the lexicons are compiled).
Target: at least 2 MB/s.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import carlib
from carlib.tagging import extract_figures

DEV = Path(__file__).resolve().parent.parent / "tests" / "corpora" / "dev"


def replicated_corpus(megabytes: float):
    """The dev articles repeated under new ids (``<id>~<n>``) to at least ``megabytes`` MB."""
    articles = carlib.load_articles(DEV)
    articles = articles[articles["duplicate_of"].eq("") | articles["duplicate_of"].isna()]
    size = articles["text"].str.encode("utf-8").str.len().sum() / 1e6
    copies = max(1, -(-int(megabytes * 1e6) // int(size * 1e6)))
    big = articles.loc[articles.index.repeat(copies)].reset_index(drop=True)
    big["article_id"] = [f"{a}~{i}" for i, a in enumerate(big["article_id"])]
    return articles, big


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    small, corpus = replicated_corpus(args.mb)
    extract_figures(small)  # warm-up: lexicons compiled, caches filled
    megabytes = corpus["text"].str.encode("utf-8").str.len().sum() / 1e6
    sents = carlib.sentences(corpus)
    dates = carlib.extract_dates(corpus, sents)
    print(f"corpus: {len(corpus):,} articles ({len(small)} distinct), {megabytes:.2f} MB, "
          f"{len(sents):,} sentences, {len(dates):,} dates")
    best, best_cpu = float("inf"), float("inf")
    for _ in range(max(1, args.repeat)):
        started, cpu = time.perf_counter(), time.process_time()
        figures = extract_figures(corpus, sents, dates)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(f"extract_figures: {best:.2f} s, {megabytes / best:.2f} MB/s on one core "
          f"(CPU time {best_cpu:.2f} s, {megabytes / best_cpu:.2f} MB/s); {len(figures):,} figures")


if __name__ == "__main__":
    main()
