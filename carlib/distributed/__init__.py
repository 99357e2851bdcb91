"""The Dask engine: the whole analysis on a ``dask.distributed`` cluster, the same tables as
the local engine, each written as a partitioned Parquet dataset.

``carlib.analyse(corpus, engine="dask")`` runs :func:`analyse` here (needs ``pip install
carlib[dask]``; the local engine never imports Dask). On the cluster of ``client`` (a
``distributed.Client``), else of the scheduler at ``address``, else of the session's current
client, else of a new ``LocalCluster`` with one worker per core:

1. the client reads the corpus (its files and metadata, as ``load_articles`` does) and
   scatters it in ``partitions`` of consecutive articles (default four per worker thread);
2. each partition runs the per-article steps on a worker (:mod:`.partition`), with the
   gazetteer its worker loaded once (:mod:`.cluster`);
3. exact duplicates, near-duplicates and story ids are found by shuffles on text digests and
   MinHash bands, and pointer jumping (:mod:`.copies`);
4. the incident reports are shuffled by event type and country, merged per block and
   numbered in the local engine's order (:mod:`.incidents`);
5. the workers write every table into ``output/<table>/part_*.parquet`` and the client a
   manifest (:mod:`.datasets`): ``output`` must be a folder the client and every worker see.

``write_analysis`` stops there (the tables stay on disk, for ``dask.dataframe.read_parquet``);
``analyse`` reads them back into an :class:`~carlib.pipeline.Analysis` of pandas tables,
equal to the local engine's, from a temporary folder unless ``output`` is given.

>>> from dask.distributed import Client  # doctest: +SKIP
>>> a = carlib.analyse("corpus/", engine="dask", address="tcp://10.0.0.5:8786")  # doctest: +SKIP
>>> write_analysis("corpus/", "/shared/car", client=Client("tcp://10.0.0.5:8786"))  # doctest: +SKIP
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from operator import getitem
from pathlib import Path

import dask
import dask.dataframe as dd
from dask import delayed
from distributed import Client

from ..corpus import CorpusWarning
from ..geo.gazetteer import cache_dir
from ..pipeline import PER_ARTICLE, Analysis
from ..incidents.merge import incidents_frame
from .articles import copy_keys, describe, marked, read_corpus
from .cluster import connected, install
from .copies import copy_marks
from .datasets import prepare, read_tables, write_manifest, write_part
from .incidents import incident_parts, with_story
from .partition import analyse_partition

__all__ = ["analyse", "write_analysis", "read_analysis"]

TABLES = ["articles", *PER_ARTICLE, "incidents"]


def _bounds(n_articles: int, partitions: int) -> list[tuple[int, int]]:
    """``partitions`` (at most one per article) runs of consecutive positions."""
    count = max(1, min(partitions, n_articles))
    edges = [round(i * n_articles / count) for i in range(count + 1)]
    return list(zip(edges, edges[1:]))


def _run(corpus: str | Path, output: Path, client: Client, partitions: int | None) -> list[str]:
    """Write the analysis of ``corpus`` into ``output`` on ``client``'s cluster; the corpus
    warnings, in the local engine's order."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        raw, skipped = read_corpus(corpus)
    for other in (w for w in caught if not issubclass(w.category, CorpusWarning)):
        warnings.warn(other.message, other.category, stacklevel=3)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    prepare(output, TABLES)
    plugin = install(client)
    bounds = _bounds(len(raw), partitions or 4 * sum(client.nthreads().values()))
    chunks = client.scatter([raw.iloc[a:b] for a, b in bounds])
    results = client.map(analyse_partition, chunks, plugin=plugin, pure=False)
    messages += [m for part in client.gather(client.map(lambda r: r["messages"], results))
                 for m in part]
    divisions = tuple(a for a, _ in bounds) + (max(bounds[-1][1] - 1, 0),)
    # the task shuffle pickles rows, so every value arrives as it left (the P2P shuffle goes
    # through Arrow, which turns lists of dicts into arrays and timestamps into datetimes)
    with client.as_current(), dask.config.set({"dataframe.convert-string": False,
                                               "dataframe.shuffle.method": "tasks"}):
        keys = dd.from_delayed([delayed(getitem)(r, "keys") for r in results],
                               meta=copy_keys(describe(raw.iloc[:0])[0]), divisions=divisions)
        marks, duplicates = copy_marks(keys, divisions)
        marks = marks.to_delayed()
        parts = {"articles": [delayed(marked)(delayed(getitem)(r, "articles"), m)
                              for r, m in zip(results, marks)],
                 **{name: [delayed(getitem)(r, name) for r in results] for name in PER_ARTICLE},
                 "incidents": _incidents(client, results, marks)}
        writes = [(name, delayed(write_part)(part, str(output), name, i))
                  for name, table in parts.items() for i, part in enumerate(table)]
        done = client.gather(client.compute([w for _, w in writes]))
    entries = {name: [e for (n, _), e in zip(writes, done) if n == name] for name in parts}
    write_manifest(output, entries, {"warnings": messages + duplicates, "skipped": skipped})
    return messages + duplicates


def _incidents(client: Client, results: list, marks: list) -> list:
    """The incidents table's delayed partitions, merged from every partition's reports."""
    sizes = client.gather(client.map(lambda r: len(r["reports"]), results))
    if not any(sizes):
        return [delayed(incidents_frame)([])]
    first = results[next(i for i, n in enumerate(sizes) if n)]
    meta = client.submit(lambda r: r["reports"].iloc[:0].assign(story=""), first).result()
    reports = dd.from_delayed([delayed(with_story)(delayed(getitem)(r, "reports"), m)
                               for r, m, n in zip(results, marks, sizes) if n], meta=meta)
    return incident_parts(reports)


def write_analysis(corpus: str | Path, output: str | Path, client: Client | None = None,
                   address: str | None = None, partitions: int | None = None) -> Path:
    """Analyse ``corpus`` on the cluster and write every table into ``output`` (a folder
    the client and every worker see) as a Parquet dataset; warns as the corpus step does.

    >>> write_analysis("corpus/", "/shared/out", address="tcp://10.0.0.5:8786")  # doctest: +SKIP
    PosixPath('/shared/out')
    """
    with connected(client, address) as on:
        messages = _run(corpus, Path(output), on, partitions)
    for message in messages:
        warnings.warn(message, CorpusWarning, stacklevel=2)
    return Path(output)


def read_analysis(output: str | Path) -> Analysis:
    """The analysis :func:`write_analysis` wrote into ``output``, as pandas tables.

    >>> read_analysis("/shared/out").incidents  # doctest: +SKIP
    """
    tables, notes = read_tables(output)
    analysis = Analysis.from_tables(tables, notes["warnings"])
    analysis.articles.attrs["skipped"] = notes["skipped"]
    return analysis


def analyse(corpus: str | Path, client: Client | None = None, address: str | None = None,
            output: str | Path | None = None, partitions: int | None = None) -> Analysis:
    """The analysis of ``corpus`` computed on the cluster, its tables kept in ``output`` (a
    temporary folder in carlib's cache folder, removed afterwards, when not given); its
    warnings are in ``.warnings`` (``carlib.analyse`` gives them).

    >>> a = analyse("seeds", address="tcp://10.0.0.5:8786", output="/shared/seeds")  # doctest: +SKIP
    """
    folder = Path(output) if output is not None else Path(tempfile.mkdtemp(
        dir=cache_dir(), prefix=".dask-", suffix=".tmp"))
    try:
        with connected(client, address) as on:
            _run(corpus, folder, on, partitions)
        return read_analysis(folder)
    finally:
        if output is None:
            shutil.rmtree(folder, ignore_errors=True)
