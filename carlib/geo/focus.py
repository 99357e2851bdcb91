"""The country an article is about, decided once, from what its text names.

Votes: a country's name 2 (0.5 as a destination, ``fled to Chad``, an origin, ``troops from
Pakistan``, or as an adjective, ``Chadian traders``); a name the gazetteer knows in one country only, a curated place or a
national capital 1 (0.5 without a context cue); a dateline's place 1; an actor the actors
lexicon ties to a country (``Boko Haram`` -> NG, ``MINUSCA`` -> CF) 1 per distinct actor.
The country with most votes is the focus; with none, the profile's first focus country.

``focus_table`` gives one row per article: ``article_id, focus_country, neighbours,
evidence`` (the votes, largest first), which incidents, maps and charts read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..lexicon import read_lexicon
from ..profile import profile
from .countries import country_name, neighbours
from .gazetteer import Gazetteer
from .recognise import Candidate

__all__ = ["Focus", "article_focus", "focus_table", "FOCUS_COLUMNS"]

FOCUS_COLUMNS = ["article_id", "focus_country", "neighbours", "evidence"]


@dataclass
class Focus:
    """An article's focus country, its neighbours, and the votes that decided it."""

    country: str | None
    neighbours: set[str] = field(default_factory=set)
    votes: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)

    def row(self, article_id: str) -> dict:
        return {"article_id": article_id, "focus_country": self.country or "",
                "neighbours": ",".join(sorted(self.neighbours)),
                "evidence": "; ".join(self.evidence)}


@lru_cache(maxsize=4)
def _actor_countries(lexicon: str = "actors") -> dict[str, str]:
    table = read_lexicon(lexicon, ("label",))
    if "country" not in table:
        return {}
    return {label: code for label, code in zip(table["label"], table["country"]) if code}


def article_focus(candidates: list[Candidate], actor_labels: list[str], gaz: Gazetteer
                  ) -> Focus:
    """The focus of one article from its place candidates and the labels of its actors."""
    votes: dict[str, float] = defaultdict(float)
    why: dict[str, list[str]] = defaultdict(list)

    def vote(code: str, weight: float, reason: str) -> None:
        votes[code] += weight
        why[code].append(reason)

    for c in candidates:
        if c.kind not in ("name", "adjective", "dateline"):
            continue
        places = c.places or gaz.lookup(c.name)
        country = next((p.country_code for p in places if p.feature == "country"), None)
        if country:
            weak = c.kind == "adjective" or c.relation in ("to", "from", "speaker")
            vote(country, 0.5 if weak else 2, c.text)
            continue
        towns = {p.country_code for p in places}
        strong = [p for p in places if p.source == "supplement" or gaz.is_capital(p)]
        if c.kind == "dateline" and places:
            vote((strong or places)[0].country_code, 1, f"{c.text} (dateline)")
        elif places and (len(towns) == 1 or strong):
            vote(strong[0].country_code if strong else towns.pop(), 1 if c.cue else 0.5, c.text)
    tied = _actor_countries()
    for label in dict.fromkeys(actor_labels):
        if label in tied:
            vote(tied[label], 1, f"{label} (actor)")
    if not votes:
        fallback = next(iter(profile().focus_countries), None)
        return Focus(fallback, neighbours(fallback) if fallback else set(), {},
                     ["no place or actor points anywhere: the profile's focus"] if fallback
                     else [])
    order = sorted(votes, key=lambda k: (-votes[k], k))
    best = order[0]
    evidence = [f"{country_name(code)} {votes[code]:g}: " + ", ".join(dict.fromkeys(why[code]))
                for code in order[:3]]
    return Focus(best, neighbours(best), dict(votes), evidence)


def focus_table(focus: dict[str, Focus]) -> pd.DataFrame:
    """One row per article: ``article_id, focus_country, neighbours, evidence``."""
    return pd.DataFrame([f.row(a) for a, f in focus.items()], columns=FOCUS_COLUMNS)
