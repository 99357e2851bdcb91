"""Score the extraction against hand-annotated gold CSV files.

    python -m carlib.evaluate                 # every table that has a gold file
    python -m carlib.evaluate figures places --gold tests/gold --corpus seeds

Gold files (see ``tests/gold/README.md``):

- ``figures.csv``: ``article_id, start, end, quote, value, qualifier, category, unit``. A gold
  row matches a prediction of the same article whose span overlaps the gold span and whose
  value is equal (for vague amounts and shares, which have no value, the ``low`` bound is
  compared). Scores are given for value matches and for value + category matches.
- ``dates.csv``: ``article_id, start, end, quote, date_start, date_end, precision, relation``.
  A match is an overlapping span; ``agreement`` is the share of matches whose
  ``date_start``, ``date_end`` and ``precision`` all equal the gold.
- ``places.csv``: ``article_id, place, country_code, kind, lat, lon``, one row per distinct
  place per article. Predicted places are grouped per article by the place they resolve to
  (named mentions and ``the capital``; adjectives and regions are not counted); a gold row
  matches the group whose quotes or resolved name fold to the gold spelling. Besides
  precision and recall of distinct places, ``acc@10km`` and ``acc@161km`` give the share of
  gold places with coordinates whose predicted point lies that close.
- ``incidents.csv``: ``article_id, start, end, quote, event_key, event_date, time_precision,
  event_type, ..., location, fatalities``, one row per report. Unmerged predicted reports
  match a gold row of the same article whose span overlaps and whose location is the same
  place (the gold spelling resolved through the article's place mentions); the other scores
  count matches that also agree on event type, fatalities and event date.

Each gold row and each prediction is matched at most once.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from .corpus import load_articles
from .geo.gazetteer import fold
from .geo.geoparse import geoparse
from .incidents import extract_incidents
from .tagging import tag_corpus


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one comparison."""

    name: str
    true_positives: int
    n_predicted: int
    n_gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.n_predicted if self.n_predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __str__(self) -> str:
        return (f"{self.name:<24} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"({self.true_positives} matched, {self.n_predicted} predicted, "
                f"{self.n_gold} gold)")


def match_spans(predicted: pd.DataFrame, gold: pd.DataFrame,
                same: Callable[[pd.Series, pd.Series], bool] = lambda p, g: True
                ) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index): same article, overlapping spans, ``same(p, g)``.

    Greedy one-to-one, gold in order, each gold row taking the overlapping prediction that
    overlaps it most.
    """
    pairs, used = [], set()
    by_article = {a: group for a, group in predicted.groupby("article_id")}
    for gi, g in gold.iterrows():
        candidates = by_article.get(g["article_id"])
        if candidates is None:
            continue
        overlap = (candidates["end"].clip(upper=g["end"])
                   - candidates["start"].clip(lower=g["start"]))
        for pi in overlap[overlap > 0].sort_values(ascending=False).index:
            if pi not in used and same(candidates.loc[pi], g):
                pairs.append((pi, gi))
                used.add(pi)
                break
    return pairs


def _same_number(p: pd.Series, g: pd.Series) -> bool:
    if pd.isna(g["value"]):
        return pd.isna(p["value"]) and (pd.isna(g["low"]) and pd.isna(p["low"])
                                        or p["low"] == g["low"])
    return p["value"] == g["value"]


def score_figures(predicted: pd.DataFrame, gold: pd.DataFrame) -> list[Score]:
    """Value match and value + category match of predicted figures against gold figures.

    >>> for s in score_figures(extract_figures(articles), gold): print(s)  # doctest: +SKIP
    """
    value = match_spans(predicted, gold, _same_number)
    both = match_spans(predicted, gold,
                       lambda p, g: _same_number(p, g) and p["category"] == g["category"])
    return [Score("figures value", len(value), len(predicted), len(gold)),
            Score("figures value+category", len(both), len(predicted), len(gold))]


def score_dates(predicted: pd.DataFrame, gold: pd.DataFrame) -> list[Score]:
    """Span match of temporal expressions, and agreement of the resolved period.

    The second score counts a match only when date_start, date_end and precision agree.
    """
    def same_period(p: pd.Series, g: pd.Series) -> bool:
        return all((pd.isna(p[c]) and pd.isna(g[c])) or p[c] == g[c]
                   for c in ("date_start", "date_end", "precision"))

    spans = match_spans(predicted, gold)
    periods = match_spans(predicted, gold, same_period)
    return [Score("dates span", len(spans), len(predicted), len(gold)),
            Score("dates span+period", len(periods), len(predicted), len(gold))]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(a))


def score_places(predicted: pd.DataFrame, gold: pd.DataFrame) -> list[Score]:
    """Distinct places per article, and the share of gold points within 10 and 161 km.

    >>> for s in score_places(geoparse(articles), gold): print(s)  # doctest: +SKIP
    """
    named = predicted[predicted["kind"].isin(["name", "capital"])
                      & (predicted["method"] != "unresolved")]
    groups = [(article_id, {fold(q) for q in g["quote"]} | {fold(g["name"].iloc[0])},
               g["lat"].iloc[0], g["lon"].iloc[0])
              for (article_id, _, _), g in named.groupby(["article_id", "name", "country_code"])]
    matched, used, near = 0, set(), {10: 0, 161: 0}
    for g in gold.itertuples():
        hit = next((i for i, (a, keys, _, _) in enumerate(groups)
                    if a == g.article_id and fold(g.place) in keys and i not in used), None)
        if hit is None:
            continue
        used.add(hit)
        matched += 1
        _, _, lat, lon = groups[hit]
        if pd.notna(g.lat) and pd.notna(lat):
            distance = _km(g.lat, g.lon, lat, lon)
            for limit in near:
                near[limit] += distance <= limit
    with_points = int(gold["lat"].notna().sum())
    return [Score("places distinct", matched, len(groups), len(gold)),
            Score("places acc@10km", near[10], with_points, with_points),
            Score("places acc@161km", near[161], with_points, with_points)]


def score_incidents(reports: pd.DataFrame, gold: pd.DataFrame, places: pd.DataFrame
                    ) -> list[Score]:
    """Incident reports (``extract_incidents(..., merge=False)``) against gold reports."""
    resolved = {(a, fold(q)): fold(n) for a, q, n in zip(places["article_id"], places["quote"],
                                                       places["name"])}

    def same_place(p: pd.Series, g: pd.Series) -> bool:
        wanted = resolved.get((g["article_id"], fold(g["location"])), fold(g["location"]))
        return fold(p["location"]) in (wanted, fold(g["location"]))

    def agree(column: str) -> Callable[[pd.Series, pd.Series], bool]:
        return lambda p, g: same_place(p, g) and (
            (pd.isna(p[column]) and pd.isna(g[column])) or p[column] == g[column])

    n, m = len(reports), len(gold)
    return [Score("incidents place", len(match_spans(reports, gold, same_place)), n, m)] + [
        Score(f"incidents place+{c}", len(match_spans(reports, gold, agree(c))), n, m)
        for c in ("event_type", "fatalities", "event_date")]


def read_gold(path: Path) -> pd.DataFrame:
    """A gold CSV with typed columns (numbers as floats, dates as datetimes)."""
    gold = pd.read_csv(path, dtype={"article_id": str, "quote": str})
    for column in ("date_start", "date_end", "event_date"):
        if column in gold:
            gold[column] = pd.to_datetime(gold[column])
    return gold


TABLES = ("dates", "figures", "places", "incidents")


def evaluate(tables: list[str], gold_dir: Path, corpus: Path) -> list[Score]:
    """Run the extraction on ``corpus`` and score each table against ``gold_dir/<table>.csv``."""
    articles = load_articles(corpus)
    tags = tag_corpus(articles)
    scores: list[Score] = []
    if "dates" in tables:
        scores += score_dates(tags.dates, read_gold(gold_dir / "dates.csv"))
    if "figures" in tables:
        scores += score_figures(tags.figures, read_gold(gold_dir / "figures.csv"))
    places = geoparse(articles, tags)
    if "places" in tables:
        scores += score_places(places, read_gold(gold_dir / "places.csv"))
    if "incidents" in tables:
        reports = extract_incidents(articles, tags, places, merge=False)
        scores += score_incidents(reports, read_gold(gold_dir / "incidents.csv"), places)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m carlib.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tables", nargs="*", metavar="{" + ",".join(TABLES) + "}",
                        help="what to score (default: all)")
    parser.add_argument("--gold", type=Path, default=Path("tests/gold"))
    parser.add_argument("--corpus", type=Path, default=Path("seeds"))
    args = parser.parse_args(argv)
    unknown = set(args.tables) - set(TABLES)
    if unknown:
        parser.error(f"unknown table(s) {sorted(unknown)}; choose from {', '.join(TABLES)}")
    for score in evaluate(args.tables or list(TABLES), args.gold, args.corpus):
        print(score)
    return 0


if __name__ == "__main__":
    sys.exit(main())
