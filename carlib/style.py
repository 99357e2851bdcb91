"""The look every chart and map shares: one colour-blind-safe palette, one colour per name.

The Okabe-Ito palette stays distinct for readers with colour-vision deficiencies; a name (an
outlet, a perpetrator) gets the same colour in every chart and map because colours are handed
out in sorted order of the names shown.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["OKABE_ITO", "UNKNOWN", "UNKNOWN_COLOUR", "colours_for", "outlet_colours",
           "perpetrator_colours"]

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000"]
UNKNOWN = "unknown"
UNKNOWN_COLOUR = "#999999"


def colours_for(names: pd.Series) -> dict[str, str]:
    """One palette colour per distinct name, in sorted order, so every chart agrees.

    >>> colours_for(pd.Series(["IPS", "CNN", "IPS"]))
    {'CNN': '#0072B2', 'IPS': '#E69F00'}
    """
    distinct = sorted(set(names.dropna().astype(str)))
    return {name: OKABE_ITO[i % len(OKABE_ITO)] for i, name in enumerate(distinct)}


def outlet_colours(outlets: pd.Series) -> dict[str, str]:
    """One colour per outlet (as :func:`colours_for`)."""
    return colours_for(outlets)


def perpetrator_colours(perpetrators: pd.Series) -> dict[str, str]:
    """One colour per perpetrator (sorted order, as in charts); ``unknown`` is grey.

    >>> perpetrator_colours(pd.Series(["Seleka", "anti-balaka", "unknown"]))["unknown"]
    '#999999'
    """
    colours = colours_for(perpetrators[perpetrators != UNKNOWN])
    return colours | ({UNKNOWN: UNKNOWN_COLOUR} if (perpetrators == UNKNOWN).any() else {})
