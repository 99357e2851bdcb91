"""Every step at once, cached: the tables the notebooks share, computed once per corpus.

``analyse(corpus)`` loads the articles, tags them, geoparses them and extracts the incidents,
each step reusing the tables of the steps before it. The result is kept in the cache folder
(``carlib.geo.gazetteer.cache_dir()``), keyed by the corpus files' bytes and by carlib's own
code and data files (lexicons, gazetteer supplement), so editing an article or a lexicon gives
a fresh analysis and nothing else does. The notebooks all start from it, so a report run parses
each article once.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .corpus import CorpusWarning, load_articles
from .files import atomic_path
from .geo import geolocate, locate_figures
from .geo.gazetteer import cache_dir
from .profile import profile
from .incidents import extract_incidents
from .tagging import Tags, tag_corpus

__all__ = ["Analysis", "analyse"]

log = logging.getLogger(__name__)
_PACKAGE = Path(__file__).resolve().parent


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


def _fingerprint(corpus: Path) -> str:
    digest = hashlib.sha256()
    # a single .txt also reads the articles.csv beside it
    files = sorted(corpus.rglob("*")) if corpus.is_dir() else [corpus,
                                                                corpus.parent / "articles.csv"]
    code = sorted(_PACKAGE.rglob("*.py")) + sorted(_PACKAGE.rglob("*.csv"))
    for path in [*files, *code, *profile().supplements]:
        if path.is_file():
            digest.update(str(path.name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def analyse(corpus: str | Path, cache: bool = True) -> Analysis:
    """Articles, tags, places and incidents of ``corpus``, from the cache when unchanged.

    >>> a = analyse("seeds")  # doctest: +SKIP
    >>> a.incidents[["location", "fatalities"]]  # doctest: +SKIP
    """
    corpus = Path(corpus)
    stored = cache_dir() / "analyses" / f"{_fingerprint(corpus)}.pickle"
    if cache and stored.exists():
        try:
            result = pickle.loads(stored.read_bytes())
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as err:
            log.warning("cached analysis %s is unreadable (%s); computing it again", stored, err)
        else:
            for message in result.warnings:  # a cached corpus warns as loudly as a fresh one
                warnings.warn(message, CorpusWarning, stacklevel=2)
            return result
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        articles = load_articles(corpus)
    for caught_warning in caught:
        warnings.warn(caught_warning.message, caught_warning.category, stacklevel=2)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    tags = tag_corpus(articles)
    geography = geolocate(articles, tags)
    tags = replace(tags, figures=locate_figures(tags.figures, geography.places))
    incidents = extract_incidents(articles, tags, geography.places, focus=geography.focus)
    result = Analysis(articles, tags, geography.places, geography.focus, incidents, messages)
    if cache:
        with atomic_path(stored) as tmp:
            tmp.write_bytes(pickle.dumps(result))
    return result
