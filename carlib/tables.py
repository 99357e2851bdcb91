"""Readable tables for the reports: formatted, escaped, searchable and paged, with no network.

``show_table(df)`` is what a report cell ends with instead of the bare DataFrame:

- **numbers** with thousands separators (``1,000,000``); a whole number shows as an integer even
  in a float column with missing values (``60``, not ``60.0``); other numbers keep up to four
  decimals (``4.3612``);
- **missing values** (``None``, ``NaN``, ``NaT``, ``pd.NA``) are blank cells;
- **dates** as dates (``2013-12-05``, never ``2013-12-05 00:00:00``); a column whose values have
  a time of day keeps ``HH:MM``;
- **no index column** (a *named* index, as ``pd.crosstab`` gives, is data and becomes the first
  column);
- **every value escaped**: a quote with ``<script>`` shows as text;
- **searchable and paged** by `itables <https://mwouts.github.io/itables/>`_ in its offline mode:
  the DataTables bundle ships inside the ``itables`` wheel and is written *into* the first
  table a kernel shows (no CDN, no ``init_notebook_mode`` cell needed); the next tables of that
  kernel use it. Sorting stays numeric for ``1,000`` and by date for ``2013-12-05``
  (DataTables recognises both). Without JavaScript a static preview of the first rows shows;
- an **empty table** is a sentence (``No incidents in this corpus.``), not a header alone.

``notice(text)`` is a short note in the report, styled as a note (blue) or a warning (amber),
never the pink box Jupyter gives anything written to stderr.

>>> show_table(analysis.incidents, ["incident_id", "event_date", "fatalities"],
...            what="incidents")  # doctest: +SKIP
>>> notice("Two files were skipped: see the list below.", kind="warning")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["show_table", "notice", "format_table", "format_value", "numeric_columns",
           "datatable_options", "Table", "Notice", "library_html"]

PAGE_LENGTHS = [10, 25, 50, 100, -1]  # -1: all rows
_NOTICE_STYLE = {
    "note": ("#0072B2", "#eef5fb"),  # Okabe-Ito blue, as carlib.style
    "warning": ("#E69F00", "#fff7e6"),  # Okabe-Ito orange
}
# long text wraps at a readable width, ids and numbers stay on one line; a table wider than the
# page scrolls sideways in its box (``.carlib-table``)
TABLE_CSS = ("table.dataTable.carlib:not(.nowrap) td { max-width: 32em; white-space: normal; "
             "vertical-align: top; }\n"
             ".carlib-table { overflow-x: auto; max-width: 100%; }")
_library_shown = False  # the DataTables bundle was written into an output of this kernel


# ---------------------------------------------------------------- formatting (pure Python)

def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.api.types.is_scalar(value) and pd.isna(value))
    except (TypeError, ValueError):
        return False


def _number(value: float | int) -> str:
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    value = float(value)
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value.is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    if abs(value) < 0.001:
        return f"{value:.2g}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _date(value: Any, with_time: bool = False) -> str:
    value = pd.Timestamp(value)
    return value.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def format_value(value: Any) -> str:
    """One value as the reports show it ('' for a missing one).

    >>> [format_value(v) for v in (1000000, 60.0, 4.36120, float("nan"), None, True)]
    ['1,000,000', '60', '4.3612', '', '', 'yes']
    >>> format_value(pd.Timestamp("2013-12-05")), format_value(pd.NaT)
    ('2013-12-05', '')
    """
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray, pd.Series)):
        return "; ".join(filter(None, (format_value(v) for v in value)))
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {format_value(v)}" for k, v in value.items()
                         if not _missing(v))
    if _missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return _number(value)
    if isinstance(value, (pd.Timestamp, dt.datetime, np.datetime64)):
        stamp = pd.Timestamp(value)
        return _date(stamp, with_time=stamp != stamp.normalize())
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _format_column(column: pd.Series) -> list[str]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(object)
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        present = column.dropna()
        with_time = bool(len(present)) and bool((present != present.dt.normalize()).any())
        return ["" if pd.isna(v) else _date(v, with_time) for v in column]
    if pd.api.types.is_bool_dtype(column.dtype):
        return [format_value(v) for v in column.astype(object)]
    if pd.api.types.is_numeric_dtype(column.dtype):
        return ["" if pd.isna(v) else _number(v) for v in column.astype(object)]
    return [format_value(v) for v in column.astype(object)]


def _table(df: Any, columns: Iterable[str] | None) -> pd.DataFrame:
    """The DataFrame shown: a Styler's data, a Series as a column, the columns asked for, a
    named index as columns (an unnamed one is dropped later)."""
    if hasattr(df, "data") and not isinstance(df, pd.DataFrame):  # a pandas Styler
        df = df.data
    if isinstance(df, pd.Series):
        df = df.to_frame()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"show_table takes a DataFrame, not {type(df).__name__}")
    if columns is not None:
        df = df[list(columns)]
    if any(name is not None for name in df.index.names):
        df = df.reset_index()
    return df


def format_table(df: pd.DataFrame, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """The table as the reports show it: every cell a string (numbers, dates and missing values
    formatted as above), the index dropped unless it is named, columns named by strings.

    >>> format_table(pd.DataFrame({"n": [1e6, None]})).to_dict("list")
    {'n': ['1,000,000', '']}
    """
    df = _table(df, columns)
    names = [" / ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in df.columns]
    return pd.DataFrame({i: _format_column(df.iloc[:, i]) for i in range(df.shape[1])},
                        index=pd.RangeIndex(len(df)), dtype=object).set_axis(names, axis=1)


# ---------------------------------------------------------------- HTML

def library_html() -> str:
    """The DataTables bundle of itables, inline (CSS and JS as base64, loaded as a module from a
    blob: URL): what ``itables.init_notebook_mode(connected=False)`` displays. Written once a
    page; a second copy does nothing."""
    import itables
    from itables.javascript import generate_init_offline_itables_html

    return generate_init_offline_itables_html(itables.options.dt_bundle)


class Notice:
    """A note in a report (``_repr_html_``), escaped, styled as a note or a warning."""

    def __init__(self, text: str, kind: str = "note", title: str | None = None) -> None:
        if kind not in _NOTICE_STYLE:
            raise ValueError(f"notice kind must be one of {sorted(_NOTICE_STYLE)}, not {kind!r}")
        self.text, self.kind, self.title = str(text), kind, title

    @property
    def html(self) -> str:
        border, background = _NOTICE_STYLE[self.kind]
        title = f"<b>{html.escape(self.title)}</b> " if self.title else ""
        body = html.escape(self.text).replace("\n", "<br>")
        return (f'<div class="carlib-notice carlib-notice-{self.kind}" role="note" '
                f'style="border-left:4px solid {border};background:{background};color:#1f2328;'
                f'padding:8px 12px;margin:6px 0;border-radius:3px;'
                f'font:14px/1.45 system-ui,sans-serif;text-align:left">{title}{body}</div>')

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"{self.kind.capitalize()}: {self.text}"


def notice(text: str, *, kind: str = "note", title: str | None = None) -> Notice:
    """A short note for a report: ``kind="note"`` (blue) or ``"warning"`` (amber). The text is
    escaped; line breaks are kept.

    >>> notice("No incidents in this corpus.").html.startswith('<div class="carlib-notice')
    True
    """
    return Notice(text, kind, title)


def numeric_columns(df: pd.DataFrame, columns: Iterable[str] | None = None) -> list[int]:
    """Positions of the numeric columns (not booleans) as :func:`format_table` lays them out:
    they are right-aligned, the rest left-aligned."""
    return [i for i, dtype in enumerate(_table(df, columns).dtypes)
            if pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)]


def datatable_options(numeric: Iterable[int] = (), page_length: int = 10,
                      scroll_x: bool = False, wrap: bool = True) -> dict[str, Any]:
    """The itables options of every carlib table (the reports' and the explore panel's):
    search and paging always there, page sizes up to all rows, numbers right-aligned and text
    left-aligned, nothing downsampled, values escaped, no index. ``scroll_x``: a wide table
    scrolls sideways in its own box; ``wrap=False``: one line a row (the explore panel's
    table, whose width is fixed, takes both)."""
    lengths = sorted({page_length, *PAGE_LENGTHS[:-1]}) + [-1]
    return dict(
        showIndex=False, allow_html=False, maxBytes=0,
        classes="display compact cell-border carlib" + ("" if wrap else " nowrap"),
        css=TABLE_CSS,
        # scrolling sideways needs the table as wide as its box; otherwise it is as wide as
        # its cells need, up to the page
        style=f"width:{'100%' if scroll_x else 'auto'};margin:0;caption-side:top",
        scrollX=scroll_x,
        # a layout of our own keeps search and paging even on a one-page table
        layout={"topStart": "pageLength", "topEnd": {"search": {"placeholder": "Search"}},
                "bottomStart": "info", "bottomEnd": "paging"},
        pageLength=page_length,
        lengthMenu=[lengths, [("all" if n == -1 else str(n)) for n in lengths]],
        columnDefs=[{"targets": list(numeric), "className": "dt-right"},
                    {"targets": "_all", "className": "dt-left"}],
        order=[])


class Table:
    """A formatted interactive table (``_repr_html_``); ``frame`` holds the strings shown.

    ``library=None`` writes the DataTables bundle into the first table a kernel displays (and
    not again); ``True`` always, ``False`` never (the page must already have it).
    """

    def __init__(self, frame: pd.DataFrame, caption: str | None = None, page_length: int = 10,
                 library: bool | None = None, numeric: Iterable[int] = ()) -> None:
        self.frame, self.caption, self.page_length, self.library = (frame, caption,
                                                                      page_length, library)
        self.numeric = list(numeric)

    def table_html(self) -> str:
        """The table alone (it needs the bundle from :func:`library_html` in the page)."""
        import itables

        return itables.to_html_datatable(
            self.frame, caption=html.escape(self.caption) if self.caption else None,
            connected=False, display_logo_when_loading=False,
            **datatable_options(self.numeric, self.page_length))

    def to_html(self, library: bool | None = None) -> str:
        global _library_shown
        library = self.library if library is None else library
        if library is None:
            library, _library_shown = not _library_shown, True
        return ('<div class="carlib-table">' + (library_html() if library else "")
                + self.table_html() + "</div>")

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<carlib table: {len(self.frame)} rows × {self.frame.shape[1]} columns>"


def show_table(df: pd.DataFrame, columns: Iterable[str] | None = None, *, what: str = "rows",
               empty: str | None = None, caption: str | None = None, page_length: int = 10,
               library: bool | None = None) -> Table | Notice:
    """A report table: formatted, escaped, searchable and paged, offline (see the module).

    ``columns`` picks and orders columns; ``what`` names the rows for the empty case
    (``No incidents in this corpus.``), or ``empty`` gives the whole sentence; ``caption`` is
    shown above the table.

    >>> show_table(pd.DataFrame(), what="incidents")
    Note: No incidents in this corpus.
    """
    frame = format_table(df, columns)
    if not len(frame):
        return notice(empty or f"No {what} in this corpus.")
    return Table(frame, caption, page_length, library, numeric_columns(df, columns))
