"""Copies across the corpus as shuffles: exact duplicates, near-duplicates and story ids.

The same marks as :func:`carlib.load_articles`, found without one process seeing every
article:

- **exact duplicates**: articles shuffled by the digest of their folded text; in each group
  the first by position is the original (``duplicate_of`` and its warning, by
  ``carlib.corpus``'s own check).
- **near-duplicates**: each article's MinHash signature cut into the bands of datasketch's
  ``MinHashLSH`` (same threshold and permutations), rows shuffled by band: a band's group is
  one bucket of its hash tables, so two articles are candidates exactly when datasketch would
  find them. In each bucket an article's earliest member whose estimated Jaccard similarity
  reaches the threshold is a candidate original; the earliest over all its bands is its
  original (``near_duplicate_of``), as ``near_duplicate_groups`` picks it.
- **story ids**: each copy points at its original; pointer jumping (a join of the pointers
  with themselves, repeated until no pointer moves, about log2 of the longest chain) takes
  every copy to the first copy of its story (``story_id``).

>>> marks, messages = copy_marks(keys, divisions)  # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ..corpus import _duplicates
from ..near_duplicates import _PERMUTATIONS, THRESHOLD
from .articles import captured

__all__ = ["copy_marks"]

_SCAN = 256  # earlier bucket members compared at once


def _exact_copies(keys: pd.DataFrame) -> pd.DataFrame:
    """The duplicates among ``keys`` (all of each digest's articles): position,
    ``duplicate_of`` and the warning's message."""
    rows = []
    for _, group in keys.groupby("text_key", sort=False):
        if len(group) < 2:
            continue
        group = group.sort_index()
        marks, messages = captured(_duplicates, pd.DataFrame(
            {"article_id": group["article_id"], "text": group["text_key"]}))
        copies = marks[marks != ""]
        rows += [{"pos": p, "duplicate_of": d, "message": m}
                 for p, d, m in zip(copies.index, copies, messages)]
    return pd.DataFrame(rows, columns=["pos", "duplicate_of", "message"]).astype(
        {"pos": "int64", "duplicate_of": "str", "message": "str"})


@lru_cache(maxsize=1)
def _bands() -> list[tuple[int, int]]:
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=THRESHOLD, num_perm=_PERMUTATIONS).hashranges


def _band_rows(keys: pd.DataFrame) -> pd.DataFrame:
    """One row per article and band: ``pos``, ``band`` (its number and values) and the
    ``signature``."""
    ranges = _bands()
    rows = [(pos, f"{i}:{signature[16 * a:16 * b]}", signature)
            for pos, signature in zip(keys.index, keys["signature"])
            for i, (a, b) in enumerate(ranges)]
    return pd.DataFrame(rows, columns=["pos", "band", "signature"]).astype(
        {"pos": "int64", "band": "str", "signature": "str"})


def _first_similar(values: np.ndarray, j: int) -> int | None:
    """The first row before ``j`` whose estimated Jaccard similarity to row ``j`` (as
    ``MinHash.jaccard`` computes it) reaches the threshold."""
    for start in range(0, j, _SCAN):
        block = values[start:min(j, start + _SCAN)]
        similar = np.count_nonzero(block == values[j], axis=1) / float(_PERMUTATIONS)
        hits = np.flatnonzero(similar >= THRESHOLD)
        if hits.size:
            return start + int(hits[0])
    return None


def _first_copies(bands: pd.DataFrame) -> pd.DataFrame:
    """For each article of each bucket, its earliest earlier member similar enough:
    ``pos, original``."""
    rows = []
    for _, bucket in bands.groupby("band", sort=False):
        if len(bucket) < 2:
            continue
        bucket = bucket.sort_values("pos")
        values = np.stack([np.frombuffer(bytes.fromhex(s), dtype="<u8")
                           for s in bucket["signature"]])
        positions = bucket["pos"].to_numpy()
        for j in range(1, len(bucket)):
            i = _first_similar(values, j)
            if i is not None:
                rows.append((positions[j], positions[i]))
    return pd.DataFrame(rows, columns=["pos", "original"], dtype="int64")


def _roots(originals):
    """Each copy's first copy: the pointers ``original`` followed to their end."""
    pointers = originals.rename(columns={"original": "root"}).persist()
    while True:
        hop = pointers.merge(pointers.rename(columns={"root": "next"}), how="left",
                             left_on="root", right_index=True)
        if int(hop["next"].count().compute()) == 0:
            return pointers
        pointers = hop.assign(root=hop["next"].fillna(hop["root"]).astype("int64"))[
            ["root"]].persist()


def copy_marks(keys, divisions: tuple[int, ...]):
    """The copies' marks: a dask DataFrame indexed by position and partitioned by
    ``divisions`` (as the articles are), with ``duplicate_of``, ``near_duplicate_of`` and
    ``story_id`` (article ids) for every article that copies another; and the duplicates'
    warnings in article order.

    ``keys`` is the dask DataFrame of :func:`~carlib.distributed.articles.copy_keys`.

    >>> marks, messages = copy_marks(keys, divisions)  # doctest: +SKIP
    """
    n = keys.npartitions
    exact = keys.shuffle(on="text_key", npartitions=n).map_partitions(
        _exact_copies, meta=_exact_copies(keys._meta)).persist()
    bands = keys.map_partitions(_band_rows, meta=_band_rows(keys._meta))
    firsts = bands.shuffle(on="band", npartitions=n).map_partitions(
        _first_copies, meta=_first_copies(bands._meta))
    originals = firsts.groupby("pos").agg({"original": "min"}, split_out=n).persist()
    roots = _roots(originals)
    ids = keys[["article_id"]]
    near = originals.merge(ids.rename(columns={"article_id": "near_duplicate_of"}),
                           how="left", left_on="original", right_index=True)
    near = near.merge(roots, how="left", left_index=True, right_index=True)
    near = near.merge(ids.rename(columns={"article_id": "story_id"}), how="left",
                      left_on="root", right_index=True)[["near_duplicate_of", "story_id"]]
    marks = near.merge(exact.set_index("pos")[["duplicate_of"]], how="outer",
                       left_index=True, right_index=True)
    marks = marks.reset_index().set_index("pos", divisions=list(divisions))
    messages = exact[["pos", "message"]].compute().sort_values("pos")["message"].tolist()
    return marks, messages
