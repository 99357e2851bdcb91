"""Benchmark the geo step on real text: MB/s of ``carlib.geolocate`` against a plain regex
geoparser on the same text and gazetteer.

    .venv/bin/python benchmarks/bench_geoparse.py [--mb 2]

The corpus is the development corpus replicated (``benchmarks/dev_corpus.py``). Tagging
(sentences, mentions, dates) is done first and not timed, as the notebooks reuse it; the
gazetteer is opened and warmed up on the seeds, never on the measured text. The baseline is the simplest geoparser there is: every run of
capitalised words looked up in the gazetteer's names, first hit kept. Target: the geo step
within 10x of the baseline and at least 1 MB/s on one core.
"""

from __future__ import annotations

import argparse
import re
import time

import carlib
from carlib.geo import Gazetteer, geolocate
from carlib.tagging import tag_corpus

from dev_corpus import megabytes, replicated

_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def regex_geoparser(texts: list[str], gazetteer: Gazetteer) -> int:
    """Runs of capitalised words that the gazetteer knows; returns how many it found."""
    found = 0
    for text in texts:
        for match in _CAPITALISED.finditer(text):
            if gazetteer.lookup(match.group()):
                found += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=2.0)
    args = parser.parse_args()
    small, corpus = replicated(args.mb)
    size = megabytes(corpus)
    gazetteer = Gazetteer.load()
    # warm-up on other text (the seeds): lexicons and grammar compiled, the look-up caches
    # not primed with the measured names, which would flatter the kit on unseen text
    geolocate(carlib.load_articles(carlib.locations.sample_corpus()), gazetteer=gazetteer)
    tags = tag_corpus(corpus)
    print(f"corpus: {len(corpus):,} articles ({len(small)} distinct), {size:.2f} MB, "
          f"{len(tags.sentences):,} sentences")
    started = time.perf_counter()
    geo = geolocate(corpus, tags, gazetteer)
    kit = time.perf_counter() - started
    started = time.perf_counter()
    hits = regex_geoparser(corpus["text"].tolist(), gazetteer)
    plain = time.perf_counter() - started
    print(f"geolocate: {kit:.2f} s, {size / kit:.2f} MB/s, {len(geo.places):,} places")
    print(f"regex baseline: {plain:.2f} s, {size / plain:.2f} MB/s, {hits:,} hits")
    print(f"ratio: {kit / plain:.1f}x the baseline's time")


if __name__ == "__main__":
    main()
