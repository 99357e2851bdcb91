"""Report tables: every formatting rule, escaping, the empty case, notices, and no CDN."""

import html
import json
import re

import numpy as np
import pandas as pd
import pytest

from carlib import tables
from carlib.tables import Notice, Table, format_table, format_value, notice, show_table

CDN = re.compile(r"""<script[^>]*\bsrc=|<link[^>]*\bhref=|//(?:cdn|unpkg|code\.jquery)""", re.I)


def _data(table: Table) -> list[list[str]]:
    """The rows DataTables is given (the JSON inside the table's script)."""
    found = re.search(r'"data_json": ("(?:[^"\\]|\\.)*")', table.table_html())
    return json.loads(json.loads(found.group(1)))


def test_numbers_have_thousands_separators_and_integers_stay_integers():
    frame = format_table(pd.DataFrame({
        "deaths": [1_000_000.0, np.nan, 60.0, 0.0],  # float because of the NaN
        "count": [1_000_000, 2, 3_000, 0],
        "share": [0.25, 4.3612, 1234.5, -2.5],
        "nullable": pd.array([1500, None, 7, 0], dtype="Int64")}))
    assert frame["deaths"].tolist() == ["1,000,000", "", "60", "0"]
    assert frame["count"].tolist() == ["1,000,000", "2", "3,000", "0"]
    assert frame["share"].tolist() == ["0.25", "4.3612", "1,234.5", "-2.5"]
    assert frame["nullable"].tolist() == ["1,500", "", "7", "0"]


def test_missing_values_are_blank_in_every_kind_of_column():
    frame = format_table(pd.DataFrame({
        "text": ["a", None, np.nan, pd.NA], "number": [1.0, np.nan, None, 2.0],
        "date": pd.to_datetime(["2014-01-30", None, "NaT", "2013-12-05"]),
        "mixed": ["x", float("nan"), None, pd.NaT]}, dtype=None))
    assert frame["text"].tolist() == ["a", "", "", ""]
    assert frame["number"].tolist() == ["1", "", "", "2"]
    assert frame["date"].tolist() == ["2014-01-30", "", "", "2013-12-05"]
    assert frame["mixed"].tolist() == ["x", "", "", ""]
    assert not any("nan" in v.lower() or "nat" in v.lower() or "none" in v.lower()
                   for column in frame for v in frame[column])


def test_dates_are_dates_without_midnight_and_keep_a_time_of_day_when_there_is_one():
    frame = format_table(pd.DataFrame({
        "day": pd.to_datetime(["2013-12-05", "2014-02-12"]),
        "moment": pd.to_datetime(["2013-12-05 14:30", "2014-02-12 00:00"]),
        "objects": pd.Series([pd.Timestamp("2014-01-30"), pd.Timestamp("2014-01-30 08:15")],
                             dtype=object)}))  # one value at a time
    assert frame["day"].tolist() == ["2013-12-05", "2014-02-12"]
    assert frame["moment"].tolist() == ["2013-12-05 14:30", "2014-02-12 00:00"]
    assert frame["objects"].tolist() == ["2014-01-30", "2014-01-30 08:15"]
    assert "00:00:00" not in "".join(frame.to_numpy().ravel())


def test_booleans_lists_and_other_values_read_as_words():
    assert [format_value(v) for v in (True, False, np.bool_(True))] == ["yes", "no", "yes"]
    assert format_value(["IPS", None, "CNN"]) == "IPS; CNN"
    assert format_value({"source": "IPS", "quote": None}) == "source: IPS"
    assert format_value(float("inf")) == "∞" and format_value(0.00012) == "0.00012"


def test_no_index_column_unless_the_index_is_named():
    df = pd.DataFrame({"a": [1, 2]}, index=[10, 20])
    assert format_table(df).columns.tolist() == ["a"]
    assert format_table(df).index.tolist() == [0, 1]
    crosstab = pd.crosstab(pd.Series(["x", "y"], name="article_id"), pd.Series(["k", "k"]))
    assert format_table(crosstab).columns[0] == "article_id"
    assert _data(show_table(df)) == [["1"], ["2"]]  # 10 and 20 are nowhere


def test_every_value_from_a_corpus_is_escaped_script_shows_as_text():
    quote = '<script>alert("x")</script> & <b>bold</b>'
    table = show_table(pd.DataFrame({"quote": [quote], "<th>": ["header too"]}))
    page = table.to_html(library=False)
    assert "<script>alert" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert" in page and "&amp;lt;" not in page  # escaped once
    assert _data(table) == [[html.escape(quote, quote=False), "header too"]]
    assert "<th>&lt;th&gt;</th>" in page  # the column name, escaped


def test_a_table_is_searchable_paged_and_offline():
    table = show_table(pd.DataFrame({"n": range(30)}), page_length=10)
    page = table.to_html(library=True)
    assert '"search"' in page and '"paging"' in page and '"pageLength": 10' in page
    assert '"lengthMenu"' in page and "all" in page
    assert not CDN.search(page), CDN.search(page)
    assert "_itables_" in page and "injectModule" in page  # the bundle, inline
    assert page.count("injectModule(") >= 1 and len(page) > 500_000


def test_the_bundle_goes_into_the_first_table_of_a_kernel_only(monkeypatch):
    monkeypatch.setattr(tables, "_library_shown", False)
    first = show_table(pd.DataFrame({"a": [1]}))._repr_html_()
    second = show_table(pd.DataFrame({"a": [2]}))._repr_html_()
    assert "injectModule" in first and "injectModule" not in second
    forced = show_table(pd.DataFrame({"a": [3]}), library=True)._repr_html_()
    assert "injectModule" in forced


def test_numbers_are_right_aligned_and_text_left_aligned():
    page = show_table(pd.DataFrame({"name": ["a"], "deaths": [1.0], "n": [2]})).table_html()
    defs = json.loads(re.search(r'"columnDefs": (\[.*?\]),\n', page).group(1))
    assert defs[0] == {"targets": [1, 2], "className": "dt-right"}
    assert defs[1] == {"targets": "_all", "className": "dt-left"}


@pytest.mark.parametrize("empty", [pd.DataFrame(), pd.DataFrame(columns=["incident_id", "x"])])
def test_an_empty_table_is_a_sentence_not_a_header(empty):
    shown = show_table(empty, what="incidents")
    assert isinstance(shown, Notice)
    assert "No incidents in this corpus." in shown._repr_html_()
    assert "<table" not in shown._repr_html_() and "incident_id" not in shown._repr_html_()
    assert show_table(empty, empty="No figures yet.").text == "No figures yet."


def test_a_notice_is_styled_as_a_note_not_as_stderr_and_escaped():
    shown = notice("Two files were skipped: <a.txt> & b.txt\nsee below")
    page = shown._repr_html_()
    assert page.startswith('<div class="carlib-notice carlib-notice-note" role="note"')
    assert "&lt;a.txt&gt; &amp; b.txt<br>see below" in page
    assert "#fdd" not in page and "stderr" not in page and "jp-RenderedText" not in page
    warning = notice("Check this", kind="warning", title="Careful:")._repr_html_()
    assert "#E69F00" in warning and "<b>Careful:</b>" in warning
    with pytest.raises(ValueError, match="kind"):
        notice("x", kind="error")
    assert repr(shown).startswith("Note: Two files")


def test_a_styler_or_a_series_can_be_shown_too():
    df = pd.DataFrame({"a": [1000.0]})
    assert _data(show_table(df.style)) == [["1,000"]]
    assert _data(show_table(df["a"])) == [["1,000"]]
    with pytest.raises(TypeError, match="DataFrame"):
        show_table([1, 2])
