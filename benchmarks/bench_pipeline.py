"""Benchmark the whole analysis on real text: MB/s of each step, cores used, peak memory,
and the Dask engine on 1 and 2 workers.

    .venv/bin/python benchmarks/bench_pipeline.py [--articles 2000] [--dask]

The corpus is the development corpus (70 real articles) repeated to ``--articles`` with new
ids, each copy lightly edited as a wire copy is (``dev_corpus.edited``), written to a
temporary folder and read back with ``carlib.load_articles``, so the corpus step folds the
copies into their stories as it would a news-database export. Each step runs once, on one
core, with the gazetteer warm; peak RSS is the process's high-water mark (Linux). Then the whole
``carlib.analyse(folder, cache=False)`` (the local engine, the per-article steps in batches of
``carlib.pipeline.BATCH`` articles) runs in a fresh process, the gazetteer index built, so its
peak RSS is that of one analysis alone; its incidents must be the steps' own. With
``--dask``, ``carlib.analyse(engine="dask")`` runs on a ``LocalCluster`` of 1 and then 2
single-threaded worker processes (uncached), and the speed-up is printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import carlib
from carlib.geo import Gazetteer, geolocate, locate_figures
from carlib.incidents import extract_incidents
from carlib.tagging import tag_corpus

from dev_corpus import edited, megabytes, write_corpus

T = TypeVar("T")


def _peak_mb() -> float:
    """This process's peak RSS: ``VmHWM``, its own memory's high-water mark (``ru_maxrss``
    keeps, across ``exec``, the parent's size when the child was forked)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024  # kB


def _timed(step: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def _line(label: str, seconds: float, size: float, peak: float, note: str = "") -> None:
    print(f"{label:<22} {seconds:8.2f} s {size / seconds:8.2f} MB/s   peak {peak:6.0f} MB"
          f"{note}", flush=True)


def _analysis_alone(folder: str) -> dict:
    """``carlib.analyse(folder, cache=False)`` in this process: seconds, peak RSS, incidents
    (what ``--alone`` prints, as JSON, for :func:`_fresh`)."""
    analysis, seconds = _timed(lambda: carlib.analyse(folder, cache=False))
    return {"seconds": seconds, "peak": _peak_mb(), "incidents": len(analysis.incidents)}


def _fresh(folder: Path) -> dict:
    """:func:`_analysis_alone` in a new Python process (this one holds the steps' tables)."""
    done = subprocess.run([sys.executable, __file__, "--alone", str(folder)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


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
    parser.add_argument("--alone", metavar="FOLDER", help=argparse.SUPPRESS)  # for _fresh
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if args.alone:
        print(json.dumps(_analysis_alone(args.alone)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(edited(args.articles), Path(tmp) / "corpus")
        gazetteer = Gazetteer.load()
        geolocate(carlib.load_articles(carlib.locations.sample_corpus()), gazetteer=gazetteer)
        articles, total = _timed(lambda: carlib.load_articles(folder))
        size = megabytes(articles)
        _line("load + near-dups", total, size, _peak_mb())
        print(f"corpus: {len(articles):,} articles, {size:.2f} MB, "
              f"{articles['story_id'].nunique():,} stories")

        def step(label: str, run: Callable[[], T]) -> T:
            nonlocal total
            result, seconds = _timed(run)
            total += seconds
            _line(label, seconds, size, _peak_mb())
            return result

        tags = step("tagging", lambda: tag_corpus(articles))
        geo = step("geo", lambda: geolocate(articles, tags, gazetteer))
        tags = step("figure places", lambda: replace(
            tags, figures=locate_figures(tags.figures, geo.places)))
        incidents = step("incidents", lambda: extract_incidents(articles, tags, geo.places,
                                                                focus=geo.focus))
        _line("whole analysis", total, size, _peak_mb(),
              f"   1 core, {len(incidents):,} incidents")
        alone = _fresh(folder)
        _line("analyse(), fresh", alone["seconds"], size, alone["peak"],
              f"   1 core, batches of {carlib.pipeline.BATCH}, {alone['incidents']:,} "
              "incidents")
        if args.dask:
            one = _dask(folder, 1)
            two = _dask(folder, 2)
            print(f"dask, 1 worker: {one:.1f} s ({size / one:.2f} MB/s); 2 workers: {two:.1f} s "
                  f"({size / two:.2f} MB/s); speed-up {one / two:.2f}x")


if __name__ == "__main__":
    main()
