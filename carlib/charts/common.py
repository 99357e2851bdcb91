"""What every chart shares: a clear error for a wrong table, a note instead of an empty chart,
thousands separators, the source line, and saving as PNG + SVG atomically."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from ..errors import TableError
from ..files import atomic_path

__all__ = ["require", "note_figure", "thousands", "source_line", "save_figure", "table_of"]

PERIOD = {"day": "D", "month": "M", "year": "Y"}  # pandas period codes of a date precision


def table_of(data: object, attribute: str) -> pd.DataFrame:
    """The table itself, or the named table of a :class:`carlib.Analysis` (``incidents``...).

    >>> table_of(pd.DataFrame({"a": [1]}), "incidents").shape
    (1, 1)
    """
    if isinstance(data, pd.DataFrame):
        return data
    table = getattr(data, attribute, None)
    if not isinstance(table, pd.DataFrame):
        raise TableError(f"expected a table or an Analysis with .{attribute}, "
                         f"not {type(data).__name__}")
    return table


def require(table: pd.DataFrame, columns: list[str], function: str, source: str) -> None:
    """A clear error, not a KeyError from deep in pandas, when a table lacks columns."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise TableError(f"{function}: the table has no {', '.join(map(repr, missing))} "
                         f"column; give it {source}")


def note_figure(message: str) -> Figure:
    """A small figure that says why there is nothing to draw (instead of failing)."""
    fig = Figure(figsize=(10, 1.5), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, gid="note")
    return fig


def thousands(axis) -> None:
    """Thousands separators on an axis (``1,000,000``)."""
    axis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def source_line(fig: Figure, lines: list[str]) -> None:
    """The source (and any notes) under the chart; constrained layout makes room for it."""
    fig.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=8, color="0.25")


def save_figure(fig: Figure, path_stem: str | Path) -> list[Path]:
    """Write ``<stem>.png`` (150 dpi) and ``<stem>.svg``, each atomically (a temporary file
    in the same folder, then ``os.replace``), and return both paths. The suffixes are
    appended, so ``reports/fig.v2`` gives ``reports/fig.v2.png``.

    >>> save_figure(plot_figures(timeline), "reports/figures")  # doctest: +SKIP
    [PosixPath('reports/figures.png'), PosixPath('reports/figures.svg')]
    """
    stem = Path(path_stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, options in ((".png", {"dpi": 150}), (".svg", {})):
        target = stem.with_name(stem.name + suffix)
        with atomic_path(target) as temporary:
            fig.savefig(temporary, format=suffix[1:], **options)
        written.append(target)
    return written
