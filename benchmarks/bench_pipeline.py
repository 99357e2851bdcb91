"""Benchmark the whole analysis on real text: MB/s of each step, cores used, peak memory,
and the Dask engine on 1 and 2 workers.

    .venv/bin/python benchmarks/bench_pipeline.py [--articles 2000] [--dask]

The corpus is the development corpus (70 real articles) repeated to ``--articles`` with new
ids, each copy lightly edited as a wire copy is (``dev_corpus.edited``), written to a
temporary folder and read back with ``carlib.load_articles``, so the corpus step folds the
copies into their stories as it would a news-database export. Each step runs once, on one
core, with the gazetteer warm; peak RSS is the process's high-water mark. With ``--dask``,
``carlib.analyse(engine="dask")`` runs on a ``LocalCluster`` of 1 and then 2 single-threaded
worker processes (uncached), and the speed-up is printed.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import warnings
from dataclasses import replace
from pathlib import Path

import carlib
from carlib.geo import Gazetteer, geolocate, locate_figures
from carlib.incidents import extract_incidents
from carlib.tagging import tag_corpus

from dev_corpus import edited, megabytes, write_corpus


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _timed(label: str, size: float, step):
    started = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - started
    print(f"{label:<22} {seconds:8.2f} s {size / seconds:8.2f} MB/s   peak {_peak_mb():6.0f} MB",
          flush=True)
    return result, seconds


def _dask(folder: Path, workers: int) -> float:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        started = time.perf_counter()
        carlib.analyse(folder, cache=False, engine="dask", client=client)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--dask", action="store_true", help="also time the Dask engine")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(edited(args.articles), Path(tmp) / "corpus")
        gazetteer = Gazetteer.load()
        geolocate(carlib.load_articles(carlib.locations.sample_corpus()), gazetteer=gazetteer)
        articles, load = _timed("load + near-dups", 1.0, lambda: carlib.load_articles(folder))
        size = megabytes(articles)
        print(f"corpus: {len(articles):,} articles, {size:.2f} MB, "
              f"{articles['story_id'].nunique():,} stories (load: {size / load:.2f} MB/s)")
        total = load
        tags, seconds = _timed("tagging", size, lambda: tag_corpus(articles))
        total += seconds
        geo, seconds = _timed("geo", size, lambda: geolocate(articles, tags, gazetteer))
        total += seconds
        tags, seconds = _timed("figure places", size, lambda: replace(
            tags, figures=locate_figures(tags.figures, geo.places)))
        total += seconds
        incidents, seconds = _timed("incidents", size, lambda: extract_incidents(
            articles, tags, geo.places, focus=geo.focus))
        total += seconds
        print(f"{'whole analysis':<22} {total:8.2f} s {size / total:8.2f} MB/s   peak "
              f"{_peak_mb():6.0f} MB   1 core, {len(incidents):,} incidents")
        if args.dask:
            one = _dask(folder, 1)
            two = _dask(folder, 2)
            print(f"dask, 1 worker: {one:.1f} s ({size / one:.2f} MB/s); 2 workers: {two:.1f} s "
                  f"({size / two:.2f} MB/s); speed-up {one / two:.2f}x")


if __name__ == "__main__":
    main()
