"""The Dask engine gives the local engine's tables, on a 2-worker ``LocalCluster``.

The corpus is the seeds plus 210 articles of the development corpus (its 70 real articles
three times, the copies lightly edited as wire copies are), so the copies' marks, the story ids
and the incident merge across partitions are all exercised. Skipped when the ``dask`` extra is
not installed (``pip install carlib[dask]``; CI installs it).
"""

import sys
import warnings
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")
from distributed import Client, LocalCluster  # noqa: E402

import carlib  # noqa: E402
from carlib.tagging import Tags  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from dev_corpus import edited, write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, root):
    articles = pd.concat([carlib.load_articles(root / "seeds"), edited(210)],
                         ignore_index=True)
    return write_corpus(articles, tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def _tables(analysis: carlib.Analysis) -> dict[str, pd.DataFrame]:
    tables = {f.name: getattr(analysis.tags, f.name) for f in fields(Tags)}
    tables.update(articles=analysis.articles, places=analysis.places, focus=analysis.focus,
                  incidents=analysis.incidents)
    return {name: table.reset_index(drop=True) for name, table in tables.items()}


def test_the_dask_engine_gives_the_local_tables(corpus, client, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        local = carlib.analyse(corpus, cache=False)
        remote = carlib.analyse(corpus, cache=False, engine="dask", client=client,
                                output=tmp_path / "out")
    assert len(local.articles) == 213 and local.articles["story_id"].nunique() < 100
    ours, theirs = _tables(local), _tables(remote)
    assert ours.keys() == theirs.keys()
    for name, table in ours.items():
        pd.testing.assert_frame_equal(table, theirs[name], obj=name)
    assert remote.warnings == local.warnings
    datasets = sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert {"articles", "incidents", "places"} <= set(datasets)
    assert list((tmp_path / "out" / "incidents").glob("part_*.parquet"))


def test_an_unknown_engine_is_refused(root):
    with pytest.raises(ValueError, match="engine"):
        carlib.analyse(root / "seeds", engine="spark")
