"""Incident rows shaped for a map: who drew them, how big, and the words of their popups."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..style import UNKNOWN

__all__ = ["MIN_RADIUS", "PX_PER_SQRT_DEATH", "MAX_RADIUS", "marker_radius", "radius_scale",
           "perpetrators", "largest_first", "text", "date_text", "fatalities_text", "reports"]

MIN_RADIUS = 4.0
PX_PER_SQRT_DEATH = 3.0
MAX_RADIUS = 40.0


def marker_radius(fatalities: float, scale: float = PX_PER_SQRT_DEATH) -> float:
    """Circle radius in pixels: ``scale * sqrt(deaths)``, so that the AREA follows the deaths.

    Unknown (NaN) or few deaths get ``MIN_RADIUS``.

    >>> marker_radius(100) / marker_radius(25)
    2.0
    >>> marker_radius(float("nan"))
    4.0
    """
    if pd.isna(fatalities) or fatalities <= 0:
        return MIN_RADIUS
    return max(MIN_RADIUS, scale * math.sqrt(fatalities))


def radius_scale(fatalities: pd.Series) -> float:
    """Pixels per square root of a death, shrunk when the deadliest would exceed MAX_RADIUS."""
    deadliest = fatalities.max()
    return PX_PER_SQRT_DEATH if not deadliest > 0 else min(PX_PER_SQRT_DEATH,
                                                           MAX_RADIUS / math.sqrt(deadliest))


def perpetrators(actor1: pd.Series) -> pd.Series:
    """``actor1`` with no name as ``unknown``."""
    names = actor1.astype("string").str.strip()
    return names.mask(names.isna() | (names == ""), UNKNOWN).astype(str)


def largest_first(group: pd.DataFrame, scale: float) -> list[dict[str, Any]]:
    """Rows in drawing order: big circles first, so small ones stay on top and clickable."""
    return sorted(group.to_dict("records"), key=lambda r: -marker_radius(r["fatalities"], scale))


def text(value: Any) -> str:
    """A scalar as text; '' for None, NaN, NaT and empty strings."""
    return "" if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) \
        else str(value).strip()


def date_text(date: Any, precision: Any = 1) -> str:
    """'2013-12-05', 'about 2013-12-05' (time_precision 2) or 'December 2013' (3).

    >>> date_text("2013-12-05", 3)
    'December 2013'
    """
    if not text(date):
        return "date unknown"
    date = pd.Timestamp(date)
    if precision == 3:
        return date.strftime("%B %Y")
    return ("about " if precision == 2 else "") + date.strftime("%Y-%m-%d")


def fatalities_text(fatalities: Any, qualifier: Any) -> str:
    """``100 (at least)``, or ``unknown``."""
    if not text(fatalities):
        return "unknown"
    qualifier = text(qualifier)
    return f"{fatalities:g}" + (f" ({qualifier})" if qualifier else "")


def reports(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Every source report of an incident; the first-report columns when ``reports`` is empty."""
    found = row.get("reports")
    if isinstance(found, (list, tuple)) and len(found):
        return list(found)
    return [{"outlet": row.get("source"), "reported": None, "article_id": row.get("article_id"),
             "quote": row.get("quote")}]
