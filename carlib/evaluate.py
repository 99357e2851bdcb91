"""Score the extraction against hand-annotated gold CSV files.

    python -m carlib.evaluate                 # every table that has a gold file
    python -m carlib.evaluate figures dates --gold tests/gold --corpus seeds

Gold files (see ``tests/gold/README.md``):

- ``figures.csv``: ``article_id, start, end, quote, value, qualifier, category, unit``. A gold
  row matches a prediction of the same article whose span overlaps the gold span and whose
  value is equal (for vague amounts and shares, which have no value, the ``low`` bound is
  compared). Scores are given for value matches and for value + category matches.
- ``dates.csv``: ``article_id, start, end, quote, date_start, date_end, precision, relation``.
  A match is an overlapping span; ``agreement`` is the share of matches whose
  ``date_start``, ``date_end`` and ``precision`` all equal the gold.

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
from .tagging import extract_dates, extract_figures
from .text import sentences


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


def read_gold(path: Path) -> pd.DataFrame:
    """A gold CSV with typed columns (numbers as floats, dates as datetimes)."""
    gold = pd.read_csv(path, dtype={"article_id": str, "quote": str})
    for column in ("date_start", "date_end"):
        if column in gold:
            gold[column] = pd.to_datetime(gold[column])
    return gold


def evaluate(tables: list[str], gold_dir: Path, corpus: Path) -> list[Score]:
    """Run the extraction on ``corpus`` and score each table against ``gold_dir/<table>.csv``."""
    articles = load_articles(corpus)
    sents = sentences(articles)
    dates = extract_dates(articles, sents)
    scores: list[Score] = []
    if "dates" in tables:
        scores += score_dates(dates, read_gold(gold_dir / "dates.csv"))
    if "figures" in tables:
        scores += score_figures(extract_figures(articles, sents, dates),
                                read_gold(gold_dir / "figures.csv"))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m carlib.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tables", nargs="*", metavar="{figures,dates}",
                        help="what to score (default: all)")
    parser.add_argument("--gold", type=Path, default=Path("tests/gold"))
    parser.add_argument("--corpus", type=Path, default=Path("seeds"))
    args = parser.parse_args(argv)
    unknown = set(args.tables) - {"figures", "dates"}
    if unknown:
        parser.error(f"unknown table(s) {sorted(unknown)}; choose from figures, dates")
    for score in evaluate(args.tables or ["dates", "figures"], args.gold, args.corpus):
        print(score)
    return 0


if __name__ == "__main__":
    sys.exit(main())
