"""Score the extraction against hand-annotated gold CSV files, and list every miss and false hit.

    python -m carlib.evaluate                                   # the seeds, tests/gold/
    python -m carlib.evaluate --corpus tests/corpora/dev --gold tests/gold/dev
    python -m carlib.evaluate figures --format json             # one table, for scripts

Gold files (conventions in ``tests/gold/README.md``); a table without a gold file is skipped.

- ``figures.csv`` (``article_id, start, end, quote, value, low, qualifier, category``): a gold
  row matches a prediction of the same article whose span overlaps it and whose value is equal
  (vague amounts and shares, which have no value, compare their ``low`` bound); scored on the
  value, then on value + category.
- ``dates.csv``: overlapping span, then span + the same ``date_start, date_end, precision``.
- ``places.csv`` (``article_id, place, [variants], country_code, lat, lon``; one row per
  distinct place per article): predicted named mentions (names, datelines and named states or
  provinces, resolved or not: a name recognised as a place but not found in the gazetteer
  still counts; not ``the capital``, directions or adjectives) are grouped per article by the
  place they resolve to; a
  gold row matches the group one of whose quotes, or whose resolved name, folds like the gold
  place or one of its variants. ``acc@10km`` and ``acc@161km`` are the shares of gold points
  whose matched group's point lies that close.
- ``incidents.csv`` (``article_id, quote, event_type, actor1, location, event_date,
  time_precision, fatalities``; one row per event per article): per-article reports
  (``extract_incidents(..., merge=False)``) match a gold row of the same article at the same
  place (the report's location or the words that named it, against the gold name, a variant
  of it in the gold places, or a point within 10 km of the gold point), then also of the same
  event type. Of the place + type matches, the shares with the
  right ``actor1`` (names folded and read through the actors lexicon's aliases), a date within
  the gold's precision (1: ±1 day, 2: ±7 days, 3: ±31 days) and the exact fatalities (where the
  gold gives a toll).

Each gold row and each prediction is matched at most once. Only the articles a gold folder
covers (those named in any of its tables) are scored, so a partial gold can be used.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from math import asin, cos, radians, sin, sqrt
from pathlib import Path
from typing import Callable

import pandas as pd

from .corpus import load_articles
from .geo.gazetteer import _region_keys, fold
from .geo.geoparse import geolocate
from .incidents import extract_incidents
from .lexicon import read_lexicon
from .locations import repository, sample_corpus
from .tagging import tag_corpus

__all__ = ["Score", "Share", "TableReport", "evaluate", "match_spans", "score_figures",
           "score_dates", "score_places", "score_incidents", "read_gold", "main"]

TABLES = ("dates", "figures", "places", "incidents")
_NAMED_KINDS = ("name", "dateline")
_DATE_WINDOW = {1: 1, 2: 7, 3: 31}  # days either side of the gold date, by time_precision


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one comparison.

    >>> print(Score("figures value", 8, 10, 16).f1)
    0.6153846153846154
    """

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

    def as_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall,
                "f1": self.f1}

    def __str__(self) -> str:
        return (f"{self.name:<28} P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"({self.true_positives} matched, {self.n_predicted} predicted, "
                f"{self.n_gold} gold)")


@dataclass(frozen=True)
class Share:
    """The share of matched items that also agree on something (``actor1``, the date...).

    >>> print(Share("incidents actor1", 3, 4).value)
    0.75
    """

    name: str
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "value": self.value}

    def __str__(self) -> str:
        return f"{self.name:<28} {self.value:.3f} ({self.hits} of {self.total} matched)"


@dataclass
class TableReport:
    """The scores of one table, with the lists a developer works from."""

    table: str
    scores: list[Score | Share]
    misses: pd.DataFrame  # gold rows nothing matched
    false_hits: pd.DataFrame  # predictions that match no gold row
    disagreements: pd.DataFrame = field(default_factory=pd.DataFrame)  # matched, but differ

    def as_dict(self) -> dict:
        def rows(table: pd.DataFrame) -> list[dict]:
            return json.loads(table.to_json(orient="records", date_format="iso"))

        return {"table": self.table, "scores": [s.as_dict() for s in self.scores],
                "misses": rows(self.misses), "false_hits": rows(self.false_hits),
                "disagreements": rows(self.disagreements)}

    def __str__(self) -> str:
        lines = [str(s) for s in self.scores]
        for title, table in (("misses (gold, not found)", self.misses),
                             ("false hits (found, not in gold)", self.false_hits),
                             ("matched but different", self.disagreements)):
            if len(table):
                lines.append(f"  {self.table} {title}: {len(table)}")
                lines += ["    " + " | ".join(_cell(v) for v in row)
                          for row in table.itertuples(index=False)]
        return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    text = "" if pd.isna(value) else str(value)  # type: ignore[arg-type]
    return " ".join(text.split())


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


def _unmatched(table: pd.DataFrame, matched: set, columns: list[str]) -> pd.DataFrame:
    rest = table[~table.index.isin(matched)]
    return rest.reindex(columns=columns).reset_index(drop=True)


def _same_number(p: pd.Series, g: pd.Series) -> bool:
    if pd.isna(g["value"]):
        return pd.isna(p["value"]) and (pd.isna(g["low"]) and pd.isna(p["low"])
                                        or p["low"] == g["low"])
    return p["value"] == g["value"]


_FIGURE_LIST = ["article_id", "start", "quote", "value", "low", "category"]


def score_figures(predicted: pd.DataFrame, gold: pd.DataFrame) -> TableReport:
    """Value match and value + category match of predicted figures against gold figures.

    >>> print(score_figures(extract_figures(articles), gold))  # doctest: +SKIP
    """
    value = match_spans(predicted, gold, _same_number)
    both = match_spans(predicted, gold,
                       lambda p, g: _same_number(p, g) and p["category"] == g["category"])
    in_both = {gi for _, gi in both}
    wrong = [(pi, gi) for pi, gi in value if gi not in in_both]
    disagreements = pd.DataFrame(
        [{"article_id": gold.at[gi, "article_id"], "quote": gold.get("quote", {}).get(gi),
          "value": gold.at[gi, "value"], "gold category": gold.at[gi, "category"],
          "predicted category": predicted.at[pi, "category"]} for pi, gi in wrong])
    return TableReport(
        "figures",
        [Score("figures value", len(value), len(predicted), len(gold)),
         Score("figures value+category", len(both), len(predicted), len(gold))],
        _unmatched(gold, {gi for _, gi in value}, _FIGURE_LIST),
        _unmatched(predicted, {pi for pi, _ in value}, _FIGURE_LIST),
        disagreements)


def score_dates(predicted: pd.DataFrame, gold: pd.DataFrame) -> TableReport:
    """Span match of temporal expressions, and agreement of the resolved period."""
    def same_period(p: pd.Series, g: pd.Series) -> bool:
        return all((pd.isna(p[c]) and pd.isna(g[c])) or p[c] == g[c]
                   for c in ("date_start", "date_end", "precision"))

    spans = match_spans(predicted, gold)
    periods = match_spans(predicted, gold, same_period)
    columns = ["article_id", "start", "quote", "date_start", "date_end", "precision"]
    return TableReport(
        "dates",
        [Score("dates span", len(spans), len(predicted), len(gold)),
         Score("dates span+period", len(periods), len(predicted), len(gold))],
        _unmatched(gold, {gi for _, gi in spans}, columns),
        _unmatched(predicted, {pi for pi, _ in spans}, columns))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(a))


def _keys(name: str) -> set[str]:
    """The keys of a place name: folded, with and without a trailing generic word
    (``Borno State`` = ``Borno``, ``Kémo Prefecture`` = ``Kémo``)."""
    return {fold(name)} | _region_keys(name) if fold(name) else set()


def _gold_keys(row: pd.Series | object) -> set[str]:
    """The keys of one gold place: its name and its ``variants``."""
    variants = getattr(row, "variants", "")
    names = [getattr(row, "place")] + (str(variants).split("|") if pd.notna(variants) else [])
    return set().union(*(_keys(n) for n in names))


def score_places(predicted: pd.DataFrame, gold: pd.DataFrame) -> TableReport:
    """Distinct places per article, and the share of gold points within 10 and 161 km.

    >>> print(score_places(geoparse(articles), gold))  # doctest: +SKIP
    """
    named = predicted[(predicted["kind"].isin(_NAMED_KINDS) | predicted["method"].eq("region"))
                      & ~predicted["method"].isin(["direction"])]
    groups = [{"article_id": article_id, "name": name, "country_code": code,
               "keys": set().union(*(_keys(q) for q in [*g["quote"], name])),
               "quotes": "; ".join(dict.fromkeys(g["quote"])),
               "lat": g["lat"].iloc[0], "lon": g["lon"].iloc[0]}
              for (article_id, name, code), g in named.groupby(
                  ["article_id", "name", "country_code"], sort=False)]
    used: set[int] = set()
    matched_gold: set = set()
    near = {10: 0, 161: 0}
    far = []
    for gi, g in zip(gold.index, gold.itertuples()):
        keys = _gold_keys(g)
        hit = next((i for i, group in enumerate(groups) if group["article_id"] == g.article_id
                    and keys & group["keys"] and i not in used), None)
        if hit is None:
            continue
        used.add(hit)
        matched_gold.add(gi)
        group = groups[hit]
        if pd.notna(g.lat) and pd.notna(group["lat"]):
            distance = _km(g.lat, g.lon, group["lat"], group["lon"])
            for limit in near:
                near[limit] += distance <= limit
            if distance > 10:
                far.append({"article_id": g.article_id, "place": g.place,
                            "resolved to": f"{group['name']} ({group['country_code']})",
                            "km": round(distance)})
        elif pd.notna(g.lat):
            far.append({"article_id": g.article_id, "place": g.place,
                        "resolved to": f"{group['name']} ({group['country_code']}), no point",
                        "km": None})
    with_points = int(gold["lat"].notna().sum())
    false_hits = pd.DataFrame([{k: group[k] for k in ("article_id", "name", "country_code",
                                                      "quotes")}
                               for i, group in enumerate(groups) if i not in used],
                              columns=["article_id", "name", "country_code", "quotes"])
    return TableReport(
        "places",
        [Score("places distinct", len(used), len(groups), len(gold)),
         Score("places acc@10km", near[10], with_points, with_points),
         Score("places acc@161km", near[161], with_points, with_points)],
        _unmatched(gold, matched_gold, ["article_id", "place", "country_code", "kind"]),
        false_hits, pd.DataFrame(far))


@lru_cache(maxsize=1)
def _actor_names() -> dict[str, str]:
    """Folded label or alias -> folded label, from the actors lexicon."""
    table = read_lexicon("actors", ("label", "aliases"))
    names = {}
    for label, aliases in zip(table["label"], table["aliases"]):
        for name in [label, *aliases.split("|")]:
            if fold(name):
                names.setdefault(fold(name), fold(label))
    return names


def _actor(name: object) -> str:
    key = fold(str(name)) if pd.notna(name) else ""
    return _actor_names().get(key, key)


def _same_date(p: pd.Series, g: pd.Series) -> bool:
    if pd.isna(p["event_date"]) or pd.isna(g["event_date"]):
        return False
    window = _DATE_WINDOW.get(int(g["time_precision"]) if pd.notna(g["time_precision"]) else 3,
                              31)
    return abs((pd.Timestamp(p["event_date"]) - pd.Timestamp(g["event_date"])).days) <= window


def _same_fatalities(p: pd.Series, g: pd.Series) -> bool:
    return pd.notna(p["fatalities"]) and float(p["fatalities"]) == float(g["fatalities"])


_INCIDENT_LIST = ["article_id", "event_type", "location", "actor1", "event_date",
                  "fatalities", "quote"]


def score_incidents(reports: pd.DataFrame, gold: pd.DataFrame,
                    gold_places: pd.DataFrame | None = None) -> TableReport:
    """Per-article incident reports (``extract_incidents(..., merge=False)``) against gold.

    ``gold_places`` (the gold ``places.csv``) gives each gold location its variants and point.
    """
    places: dict[tuple[str, str], tuple[set[str], float, float]] = {}
    for p in (gold_places.itertuples() if gold_places is not None else []):
        entry = (_gold_keys(p), getattr(p, "lat", float("nan")), getattr(p, "lon", float("nan")))
        for key in entry[0]:
            places[(p.article_id, key)] = entry

    def same_place(p: pd.Series, g: pd.Series) -> bool:
        keys, lat, lon = places.get((g["article_id"], fold(g["location"])),
                                    (_keys(g["location"]), float("nan"), float("nan")))
        written = str(p.get("place_quote", "") or "")
        if (_keys(str(p["location"])) | _keys(written)) & (keys | _keys(g["location"])):
            return True
        return (pd.notna(lat) and pd.notna(p["latitude"])
                and _km(lat, lon, p["latitude"], p["longitude"]) <= 10)

    def same_event(p: pd.Series, g: pd.Series) -> bool:
        return same_place(p, g) and p["event_type"] == g["event_type"]

    def quality(p: pd.Series, g: pd.Series) -> int:
        return (_actor(p["actor1"]) == _actor(g["actor1"])) + _same_date(p, g) + (
            pd.notna(g["fatalities"]) and _same_fatalities(p, g))

    place_pairs = _match_per_article(reports, gold, same_place, quality)
    pairs = _match_per_article(reports, gold, same_event, quality)
    with_toll = [(pi, gi) for pi, gi in pairs if pd.notna(gold.at[gi, "fatalities"])]
    differ = []
    for pi, gi in pairs:
        p, g = reports.loc[pi], gold.loc[gi]
        wrong = [c for c, ok in (("actor1", _actor(p["actor1"]) == _actor(g["actor1"])),
                                 ("event_date", _same_date(p, g)),
                                 ("fatalities", pd.isna(g["fatalities"])
                                  or _same_fatalities(p, g))) if not ok]
        if wrong:
            differ.append({"article_id": g["article_id"], "differs": ", ".join(wrong),
                           "gold": _summary(g), "predicted": _summary(p), "quote": g["quote"]})
    n, m = len(reports), len(gold)
    return TableReport(
        "incidents",
        [Score("incidents place", len(place_pairs), n, m),
         Score("incidents place+type", len(pairs), n, m),
         Share("incidents actor1", sum(_actor(reports.at[pi, "actor1"])
                                       == _actor(gold.at[gi, "actor1"]) for pi, gi in pairs),
               len(pairs)),
         Share("incidents date", sum(_same_date(reports.loc[pi], gold.loc[gi])
                                     for pi, gi in pairs), len(pairs)),
         Share("incidents fatalities", sum(_same_fatalities(reports.loc[pi], gold.loc[gi])
                                           for pi, gi in with_toll), len(with_toll))],
        _unmatched(gold, {gi for _, gi in pairs}, _INCIDENT_LIST),
        _unmatched(reports, {pi for pi, _ in pairs}, _INCIDENT_LIST),
        pd.DataFrame(differ))


def _summary(row: pd.Series) -> str:
    date = row["event_date"]
    when = f"{date:%Y-%m-%d}" if pd.notna(date) else "no date"
    dead = "" if pd.isna(row["fatalities"]) else f", {_cell(float(row['fatalities']))} dead"
    return f"{row['actor1'] or '(no actor)'} on {when}{dead}"


def _match_per_article(predicted: pd.DataFrame, gold: pd.DataFrame,
                       same: Callable[[pd.Series, pd.Series], bool],
                       quality: Callable[[pd.Series, pd.Series], int]
                       ) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index) of the same article for which ``same`` holds, one to
    one, the pairs that agree most (``quality``) first."""
    candidates = []
    by_article = {a: group for a, group in predicted.groupby("article_id")}
    for gi, g in gold.iterrows():
        for pi, p in by_article.get(g["article_id"], predicted.iloc[:0]).iterrows():
            if same(p, g):
                candidates.append((-quality(p, g), gi, pi))
    pairs, used_p, used_g = [], set(), set()
    for _, gi, pi in sorted(candidates, key=lambda c: (c[0], str(c[1]), str(c[2]))):
        if gi not in used_g and pi not in used_p:
            pairs.append((pi, gi))
            used_p.add(pi)
            used_g.add(gi)
    return pairs


def read_gold(path: Path) -> pd.DataFrame:
    """A gold CSV with typed columns (numbers as floats, dates as datetimes)."""
    gold = pd.read_csv(path, dtype={"article_id": str, "quote": str, "variants": str})
    for column in ("date_start", "date_end", "event_date"):
        if column in gold:
            gold[column] = pd.to_datetime(gold[column])
    return gold


def evaluate(tables: list[str], gold_dir: Path, corpus: Path) -> list[TableReport]:
    """Run the extraction on ``corpus`` and score each table that has ``gold_dir/<table>.csv``.

    >>> for report in evaluate(["figures"], Path("tests/gold"), Path("seeds")):  # doctest: +SKIP
    ...     print(report)
    """
    wanted = [t for t in tables if (gold_dir / f"{t}.csv").exists()]
    covered = set().union(*(read_gold(gold_dir / f"{t}.csv")["article_id"] for t in wanted))
    articles = load_articles(corpus)
    articles = articles[articles["article_id"].isin(covered)].reset_index(drop=True)
    tags = tag_corpus(articles)
    reports: list[TableReport] = []
    if "dates" in wanted:
        reports.append(score_dates(tags.dates, read_gold(gold_dir / "dates.csv")))
    if "figures" in wanted:
        reports.append(score_figures(tags.figures, read_gold(gold_dir / "figures.csv")))
    if not {"places", "incidents"} & set(wanted):
        return reports
    geography = geolocate(articles, tags)
    places = geography.places
    gold_places = (read_gold(gold_dir / "places.csv") if (gold_dir / "places.csv").exists()
                   else None)
    if "places" in wanted and gold_places is not None:
        reports.append(score_places(places, gold_places))
    if "incidents" in wanted:
        incidents = extract_incidents(articles, tags, places, merge=False,
                                      focus=geography.focus)
        reports.append(score_incidents(incidents, read_gold(gold_dir / "incidents.csv"),
                                       gold_places))
    return reports


def main(argv: list[str] | None = None, prog: str = "python -m carlib.evaluate") -> int:
    """The command line (``carlib evaluate``): print the scores; the exit code.

    >>> main(["figures", "--scores-only"])  # doctest: +SKIP
    0
    """
    parser = argparse.ArgumentParser(prog=prog, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tables", nargs="*", metavar="{" + ",".join(TABLES) + "}",
                        help="what to score (default: every table with a gold file)")
    parser.add_argument("--gold", type=Path, default=(repository() or Path()) / "tests" / "gold",
                        help="the gold folder (default: the checkout's tests/gold)")
    parser.add_argument("--corpus", type=Path, default=sample_corpus(),
                        help="the corpus the gold was annotated on (default: the seeds)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--scores-only", action="store_true",
                        help="print the scores without the lists of misses and false hits")
    args = parser.parse_args(argv)
    unknown = set(args.tables) - set(TABLES)
    if unknown:
        parser.error(f"unknown table(s) {sorted(unknown)}; choose from {', '.join(TABLES)}")
    if not args.gold.is_dir():
        parser.error(f"no gold folder at {args.gold}")
    reports = evaluate(args.tables or list(TABLES), args.gold, args.corpus)
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in reports], indent=1, ensure_ascii=False))
        return 0
    for report in reports:
        print("\n".join(str(s) for s in report.scores) if args.scores_only else report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
