"""Every step at once, cached: the tables the notebooks share, computed once per corpus.

``analyse(corpus)`` loads the articles, tags them, geoparses them and extracts the incidents,
each step reusing the tables of the steps before it. The result is kept in the cache folder
(``carlib.geo.gazetteer.cache_dir()/analyses/<key>/``, one Parquet file per table, see
:mod:`carlib.store`), keyed by where the corpus is (its resolved path) and every file it holds
(its path inside the corpus and its bytes), the profile, and carlib's own code and data files
(lexicons, gazetteer supplements), so editing, adding or moving an article or a lexicon gives a
fresh analysis, one corpus never answers for another, and nothing else does. A corpus path that
does not exist is a :class:`~carlib.errors.CorpusError` naming it, before any cache look-up.
The notebooks all start from it, so a report run parses each article once. A damaged entry
is computed again (logged, naming it); a cache folder that cannot be written gives a
:class:`~carlib.errors.CacheWarning` and the analysis uncached.

Two engines compute it. The local one (this module) loads the articles (copies and stories
need the whole corpus), then runs the per-article steps (:func:`analyse_batch`: tagging,
places and focus, the figures' places, the incident reports) on :data:`BATCH` articles at a
time, so their working state is that of one batch whatever the corpus (only their tables
and the incident reports grow with it, kept as Parquet bytes: :class:`~carlib.store.Packed`),
joins the batches' tables, and merges the reports of every batch into incidents once, one
event type and country at a time (:func:`~carlib.incidents.merge.incidents_of`). No
per-article step looks at another article (the focus is each article's own, the gazetteer
and its supplements the profile's), so the tables are those of the whole corpus at once,
row for row. The Dask engine (:mod:`carlib.distributed`)
runs :func:`analyse_batch` on each partition of a cluster.
"""

from __future__ import annotations

import hashlib
import logging
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import pandas as pd

from .corpus import METADATA_FILE, CorpusWarning, load_articles
from .errors import CacheWarning, CorpusError, StoreError
from .geo import geolocate, locate_figures
from .geo.gazetteer import Gazetteer, cache_dir
from .profile import profile
from .incidents.merge import corpus_reports, incidents_of, report_frame
from .locations import package_path
from .store import FORMAT, Packed, join_parts, load_tables, save_tables
from .tagging import Tags, tag_corpus

__all__ = ["Analysis", "analyse", "analyse_batch", "BATCH", "PER_ARTICLE"]

log = logging.getLogger(__name__)
_PACKAGE = package_path()
PROGRESS_FROM = 200  # articles: a smaller corpus is analysed in a few seconds, with no bar
# articles the local engine runs the per-article steps on at once: their working state (the
# rows, frames and indexes of a batch: ~45 MB for 500 news articles, under 10 MB for 100) is
# that of one batch, whatever the corpus; what stays is each batch's tables and its reports as
# a table, packed as Parquet bytes (~0.4 MB per 100) until they are joined and the reports
# merged into incidents, one event type and country at a time
BATCH = 100
PER_ARTICLE = [f.name for f in fields(Tags)] + ["places", "focus"]  # the tables of a batch
_NOT_INPUTS = ("notebooks/", "data/seeds/")  # shipped with carlib, never read by an analysis


@dataclass
class Analysis:
    """The tables of every step for one corpus."""

    articles: pd.DataFrame
    tags: Tags  # its figures carry the place the geo step gave them
    places: pd.DataFrame
    focus: pd.DataFrame  # article_id, focus_country, neighbours, evidence
    incidents: pd.DataFrame
    warnings: list[str] = field(default_factory=list)  # the CorpusWarnings of loading

    @property
    def figures(self) -> pd.DataFrame:
        """The figures about people, each with its place."""
        return self.tags.figures

    def summary(self) -> dict[str, str]:
        """Headline numbers: articles, outlets, dates, places, incidents, figures."""
        dates = self.articles["published"].dropna()
        named = self.places[self.places["kind"].isin(["name", "capital"])]
        return {
            "Articles": str(len(self.articles)),
            "Outlets": ", ".join(sorted(self.articles["outlet"].astype(str).unique())) or "none",
            "Published": (f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates)
                          else "unknown"),
            "Places named": str(named[["name", "country_code"]].drop_duplicates().shape[0]),
            "Incidents": f"{len(self.incidents)} ({int(self.incidents['fatalities'].sum())} "
                         "deaths, counting each incident's lowest figure)",
            "Figures about people": str(len(self.tags.figures)),
        }

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, the tags' under their own (as :mod:`carlib.store` keeps them).

        >>> sorted(analyse("seeds").tables())  # doctest: +SKIP
        ['articles', 'dates', 'figures', 'focus', 'incidents', 'mentions', 'places', 'sentences']
        """
        return {"articles": self.articles,
                **{f.name: getattr(self.tags, f.name) for f in fields(Tags)},
                "places": self.places, "focus": self.focus, "incidents": self.incidents}

    @classmethod
    def from_tables(cls, tables: dict[str, pd.DataFrame], messages: list[str]) -> "Analysis":
        """The analysis whose :meth:`tables` are ``tables``, with its loading warnings.

        >>> a = Analysis.from_tables(analysis.tables(), analysis.warnings)  # doctest: +SKIP
        """
        return cls(tables["articles"], Tags(**{f.name: tables[f.name] for f in fields(Tags)}),
                   tables["places"], tables["focus"], tables["incidents"], list(messages))


def _inputs(corpus: Path) -> Iterator[tuple[str, bytes]]:
    """What the analysis of ``corpus`` depends on, as (label, bytes): every file under a
    corpus folder by its path inside it (so moving an article into a subfolder counts, whether
    subfolders are read or only warned about), or a file with the ``articles.csv`` and the
    names of the ``.txt`` files beside it; then the profile, carlib's own files and the
    profile's supplements."""
    # where it is (two folders of the same files are two corpora), and the path as given,
    # which the articles' paths and the warnings quote
    yield "corpus", f"{corpus.resolve()}\0{corpus}".encode()
    if corpus.is_dir():
        for path in sorted(corpus.rglob("*")):
            if path.is_file():
                yield f"corpus/{path.relative_to(corpus).as_posix()}", path.read_bytes()
    elif corpus.is_file():
        yield "file", corpus.read_bytes()
        metadata = corpus.parent / METADATA_FILE
        if metadata.is_file():
            yield METADATA_FILE, metadata.read_bytes()
        yield "beside", "\n".join(sorted(p.name for p in corpus.parent.glob("*.txt"))).encode()
    yield "profile", repr(profile()).encode()
    for path in sorted(_PACKAGE.rglob("*")):
        name = path.relative_to(_PACKAGE).as_posix()
        if path.is_file() and "__pycache__" not in path.parts and not name.startswith(_NOT_INPUTS):
            yield f"carlib/{name}", path.read_bytes()
    for path in profile().supplements:
        if path.is_file():
            yield f"supplement {path.resolve()}", path.read_bytes()


def _fingerprint(corpus: Path) -> str:
    digest = hashlib.sha256(f"store format {FORMAT}".encode())
    for label, data in _inputs(corpus):
        digest.update(f"\0{label}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:24]


def _cached(folder: Path) -> Analysis | None:
    """The analysis stored in ``folder``; None when there is none or it is damaged (logged)."""
    if not os.path.lexists(folder):
        return None
    try:
        tables, notes = load_tables(folder)
        return Analysis.from_tables(tables, notes["warnings"])
    except (StoreError, KeyError, TypeError) as err:
        log.warning("cached analysis %s is unreadable (%s); computing it again", folder, err)
        return None


def _keep(result: Analysis, folder: Path) -> None:
    """Store ``result`` in ``folder``; warn, and keep it only in memory, when that fails."""
    try:
        save_tables(folder, result.tables(), {"warnings": result.warnings})
    except (OSError, StoreError) as err:
        warnings.warn(f"could not keep the analysis in {folder} ({err}); returning it "
                      "uncached", CacheWarning, stacklevel=3)


@contextmanager
def _progress(n_articles: int) -> Iterator[Callable[[int], None]]:
    """A progress bar over the articles of a large analysis (``tqdm.auto``: a widget in
    Jupyter, text on a terminal), none for a corpus under :data:`PROGRESS_FROM` articles;
    yields the function that counts ``n`` more articles analysed (after the last, the bar
    says the incidents are being merged)."""
    from tqdm.auto import tqdm

    bar = tqdm(total=n_articles, desc=f"analysing {n_articles:,} articles", unit="article",
               disable=n_articles < PROGRESS_FROM, leave=False)
    counted = [0]

    def done(n: int) -> None:
        counted[0] += n
        bar.update(n)
        if counted[0] >= n_articles:
            bar.set_postfix_str("merging incidents")

    try:
        yield done
    finally:
        bar.close()


def analyse(corpus: str | Path, cache: bool = True, engine: str = "local", client=None,
            address: str | None = None, output: str | Path | None = None) -> Analysis:
    """Articles, tags, places and incidents of ``corpus``, from the cache when unchanged.

    ``engine="dask"`` computes them on a ``dask.distributed`` cluster instead (``pip install
    carlib[dask]``): ``client``'s, or the scheduler's at ``address``, or a ``LocalCluster``;
    the same tables, each also written as a Parquet dataset into ``output`` when given (see
    :mod:`carlib.distributed`). The cache serves both engines alike.

    >>> a = analyse("seeds")  # doctest: +SKIP
    >>> a.incidents[["location", "fatalities"]]  # doctest: +SKIP
    >>> a = analyse("corpus/", engine="dask", address="tcp://10.0.0.5:8786")  # doctest: +SKIP
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine={engine!r}: use 'local' or 'dask'")
    corpus = Path(corpus)
    if not corpus.exists():  # before any cache look-up: a typo is never answered from it
        raise CorpusError(f"{corpus}: no such corpus folder or file (looked for "
                          f"{corpus.resolve()})")
    stored = cache_dir() / "analyses" / _fingerprint(corpus) if cache else None
    result = _cached(stored) if stored is not None else None
    if result is not None:
        for message in result.warnings:  # a cached corpus warns as loudly as a fresh one
            warnings.warn(message, CorpusWarning, stacklevel=2)
        return result
    if engine == "dask":
        from .distributed import analyse as on_dask  # Dask is imported only here

        result = on_dask(corpus, client=client, address=address, output=output)
        for message in result.warnings:
            warnings.warn(message, CorpusWarning, stacklevel=2)
    else:
        with _system_memory():
            result = _analyse_here(corpus)
    if stored is not None:
        _keep(result, stored)
    return result


@contextmanager
def _system_memory() -> Iterator[None]:
    """Arrow's buffers (pandas' text columns) from the C library's allocator while an
    analysis runs: Arrow's default pool (mimalloc) keeps what a batch frees for itself, so
    the batches' garbage stays resident (10,000 articles: a 547 MB peak, 446 MB with this);
    the pool before is given back after. A buffer remembers its pool, so tables made here
    live on safely."""
    import pyarrow

    before = pyarrow.default_memory_pool()
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    try:
        yield
    finally:
        pyarrow.set_memory_pool(before)


def analyse_batch(articles: pd.DataFrame, gazetteer: Gazetteer
                  ) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The per-article steps on ``articles`` (rows of an articles table, its copies and
    stories marked or not): the tables of :data:`PER_ARTICLE` (the figures placed) and the
    incident reports (:func:`~carlib.incidents.merge.corpus_reports`) as a
    :func:`~carlib.incidents.merge.report_frame`, for
    :func:`~carlib.incidents.merge.incidents_of` to merge with every other batch's.

    >>> tables, reports = analyse_batch(articles.iloc[:BATCH], Gazetteer.load())  # doctest: +SKIP
    >>> tables["places"][["quote", "name", "country_code"]]  # doctest: +SKIP
    """
    tags = tag_corpus(articles)
    geography = geolocate(articles, tags, gazetteer=gazetteer)
    tags = replace(tags, figures=locate_figures(tags.figures, geography.places))
    reports = corpus_reports(articles, tags, geography.places, geography.focus)
    return ({**{f.name: getattr(tags, f.name) for f in fields(Tags)},
             "places": geography.places, "focus": geography.focus},
            report_frame(reports, articles))


def _joined(parts: list[Packed]) -> pd.DataFrame:
    """One table from the packed parts of every batch, unpacked one after the other."""
    return join_parts([part.unpack() for part in parts])


def _analyse_here(corpus: Path) -> Analysis:
    """Every step on this process, the per-article ones :data:`BATCH` articles at a time; the
    corpus warnings passed on as they come."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        articles = load_articles(corpus)
    for caught_warning in caught:
        warnings.warn(caught_warning.message, caught_warning.category, stacklevel=3)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    gazetteer = Gazetteer.load()
    parts: dict[str, list[Packed]] = {name: [] for name in [*PER_ARTICLE, "reports"]}
    with _progress(len(articles)) as done:
        # an empty corpus is one empty batch: its tables typed as the steps type them
        for start in range(0, max(len(articles), 1), BATCH):
            batch = articles.iloc[start:start + BATCH]
            tables, reports = analyse_batch(batch, gazetteer)
            for name, table in [*tables.items(), ("reports", reports)]:
                parts[name].append(Packed.of(name, table))
            done(len(batch))
        incidents = incidents_of(_joined(parts.pop("reports")))
    # each table joined and its parts dropped before the next: two copies of one at a time
    tables = {name: _joined(parts.pop(name)) for name in PER_ARTICLE}
    return Analysis.from_tables({"articles": articles, **tables, "incidents": incidents},
                                messages)
