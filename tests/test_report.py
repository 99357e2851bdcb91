"""The report runner: every notebook executed on the seeds, HTML written atomically, failures named."""

import re

import nbformat
import pytest

from carlib.errors import CarlibError, ReportError
from carlib.files import write_atomic
from carlib.report import EXPORT_NOTES, NOTEBOOK_DIR, NotebookFailed, build_reports, main


@pytest.fixture(scope="session")
def built(tmp_path_factory, root):
    """Run every notebook once on the seeds; the other tests read what it wrote."""
    out = tmp_path_factory.mktemp("reports")
    reports = build_reports(root / "seeds", out, NOTEBOOK_DIR)
    return out, reports


def test_every_notebook_has_a_report_and_the_index_links_it(built, root):
    out, reports = built
    notebooks = sorted(p.stem for p in NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    assert [r.notebook.stem for r in reports] == notebooks
    index = (out / "index.html").read_text()
    for name in notebooks:
        assert (out / f"{name}.html").stat().st_size > 1000
        assert f'href="{name}.html"' in index
    assert "<th>Articles</th><td>3</td>" in index
    assert "CNN, IPS, unknown" in index and "<th>Incidents</th>" in index
    assert 'href="incidents.csv"' in index and "What happened where" in index
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_articles_report_has_the_table_and_the_chart_without_code(built):
    out, _ = built
    page = (out / "01_articles.html").read_text()
    assert "001_fe38c0874b9f1dc3" in page and "IPS" in page and "2014-01-30" in page
    assert re.search(r'<img [^>]*src="data:image/png;base64,', page), "timeline chart missing"
    assert "carlib.load_articles" not in page, "code cells should be hidden by default"
    assert "Traceback" not in page


def _notebooks(folder, **cells):
    """A notebook ``NN_name.ipynb`` per keyword, running its code after the parameters."""
    folder.mkdir()
    for name, code in cells.items():
        nb = nbformat.v4.new_notebook()
        params = nbformat.v4.new_code_cell('corpus = "x"\noutput_dir = "y"')
        params.metadata["tags"] = ["parameters"]
        nb.cells = [nbformat.v4.new_markdown_cell(f"# {name}"), params,
                    nbformat.v4.new_code_cell(code)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def _writes(name):
    return f"from pathlib import Path\nPath(output_dir, {name!r}).write_text('a,b\\n1,2\\n')"


def _contents(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


EXPORTS = {"acled.csv", "acled_companion.csv", "incidents.geojson", "places.geojson",
           "analysis.xlsx", "parquet"}


def test_a_failing_notebook_is_named_with_its_cell(tmp_path, root, capsys):
    _notebooks(tmp_path / "nbs", **{"01_broken": "1 / 0"})
    with pytest.raises(NotebookFailed, match=r"01_broken\.ipynb failed in cell \d+ .*ZeroDivisionError"):
        build_reports(root / "seeds", tmp_path / "out", tmp_path / "nbs")
    assert not (tmp_path / "out" / "01_broken.html").exists()
    code = main(["--corpus", str(root / "seeds"), "--out", str(tmp_path / "out"),
                 "--notebooks", str(tmp_path / "nbs")])
    assert code == 1
    assert "FAILED: 01_broken.ipynb failed in cell" in capsys.readouterr().err


def test_a_failed_run_leaves_the_previous_reports_as_they_were(tmp_path, root):
    out = tmp_path / "out"
    build_reports(root / "seeds", out, _notebooks(tmp_path / "first", **{
        "01_one": _writes("one.csv"), "02_two": _writes("two.csv")}))
    before = _contents(out)
    assert {"01_one.html", "02_two.html", "one.csv", "two.csv", "index.html"} <= set(before)
    with pytest.raises(NotebookFailed, match=r"02_broken\.ipynb failed in cell"):
        build_reports(root / "seeds", out, _notebooks(tmp_path / "second", **{
            "01_one": _writes("new.csv"), "02_broken": "1 / 0"}))
    assert _contents(out) == before, "a failed run changed the previous reports"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first", "out", "second"]


def test_a_new_run_replaces_what_the_last_one_wrote_and_keeps_other_files(tmp_path, root):
    out = tmp_path / "out"
    build_reports(root / "seeds", out, _notebooks(tmp_path / "first", **{
        "01_one": _writes("one.csv"), "02_two": _writes("two.csv")}))
    (out / "my_notes.txt").write_text("mine")
    build_reports(root / "seeds", out, _notebooks(tmp_path / "second", **{
        "01_one": _writes("new.csv")}))
    names = {p.name for p in out.iterdir() if not p.name.startswith(".")}
    assert names == {"01_one.html", "new.csv", "index.html", "my_notes.txt"} | EXPORTS
    index = (out / "index.html").read_text()
    assert 'href="new.csv"' in index and "my_notes" not in index and "02_two" not in index


def test_an_out_that_is_a_file_is_a_clear_error(tmp_path, root, capsys):
    nbs = _notebooks(tmp_path / "nbs", **{"01_one": _writes("one.csv")})
    target = tmp_path / "reports.html"
    target.write_text("my page")
    with pytest.raises(ReportError, match=re.escape(f"{target} is a file, not a folder")):
        build_reports(root / "seeds", target, nbs)
    assert issubclass(ReportError, CarlibError) and target.read_text() == "my page"
    assert main(["--corpus", str(root / "seeds"), "--out", str(target),
                 "--notebooks", str(nbs)]) == 1
    assert f"FAILED: {target} is a file" in capsys.readouterr().err


def test_no_notebooks_is_a_clear_error(tmp_path, root):
    with pytest.raises(FileNotFoundError, match="no notebooks named NN_name.ipynb"):
        build_reports(root / "seeds", tmp_path / "out", tmp_path)


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "report.html"
    write_atomic(target, "old")
    with pytest.raises(TypeError):
        write_atomic(target, object())  # type: ignore[arg-type]
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_tagging_report_shows_people_actors_dates_and_figures(built):
    out, _ = built
    page = (out / "02_tagging.html").read_text()
    for expected in ("Joanne Mariner", "anti-balaka", "almost 1,000 people", "2013-12-19",
                     "in_need", "Traceback"):
        assert (expected in page) == (expected != "Traceback"), expected


def test_places_report_shows_the_table_the_checklist_and_the_static_map(built):
    out, _ = built
    page = (out / "03_places.html").read_text()
    # the table's rows are data of the searchable table (JSON, non-ASCII letters escaped)
    assert re.search(r"Bossempt\\+u00e9l\\+u00e9", page)
    assert "supplement" in page and "To check by hand" in page
    assert page.count("data:image/png;base64,") >= 1
    assert "Traceback" not in page


def test_incidents_report_lists_incidents_and_saves_the_map_and_table(built):
    out, _ = built
    page = (out / "04_incidents.html").read_text()
    assert "INC-0001" in page and "Violence against civilians" in page and "Traceback" not in page
    assert (out / "incident_map.html").stat().st_size > 50_000
    assert (out / "incidents.csv").read_text().startswith("incident_id,event_date")


def test_figures_report_has_the_charts_and_writes_png_and_svg(built):
    out, _ = built
    page = (out / "05_figures.html").read_text()
    assert page.count("data:image/png;base64,") >= 2 and "Traceback" not in page
    for stem in ("figures_over_time", "fatalities_by_place"):
        assert (out / f"{stem}.png").stat().st_size > 10_000
        assert (out / f"{stem}.svg").read_text().lstrip().startswith("<?xml")


def test_reports_show_the_map_in_a_browser_with_no_network(built, seed_articles, tmp_path):
    """Headless Chromium, every non-local request blocked: one marker per placed incident in
    the saved map and inside the report's iframe, with the legend."""
    import pandas as pd
    from browser import count_in_frames, offline_page, open_file, screenshot

    out, _ = built
    incidents = pd.read_csv(out / "incidents.csv")
    placed = int(incidents[["latitude", "longitude"]].notna().all(axis=1).sum())
    assert placed > 5
    with offline_page() as (page, blocked):
        open_file(page, out / "incident_map.html")
        page.wait_for_timeout(500)
        assert count_in_frames(page, "path.carlib-incident") == placed
        assert page.locator(".carlib-legend").first.is_visible()
        screenshot(page, tmp_path / "map.png")
        open_file(page, out / "04_incidents.html")
        page.wait_for_timeout(1000)
        assert count_in_frames(page, "path.carlib-incident") == placed
        assert count_in_frames(page, ".carlib-legend") == 1
        assert not blocked, blocked


def test_an_empty_corpus_still_gives_every_report(tmp_path, root):
    from carlib import CorpusWarning

    (tmp_path / "corpus").mkdir()
    with pytest.warns(CorpusWarning, match="no articles loaded"):
        reports = build_reports(tmp_path / "corpus", tmp_path / "out", NOTEBOOK_DIR)
    assert len(reports) == len(list(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")))
    assert "<th>Articles</th><td>0</td>" in (tmp_path / "out" / "index.html").read_text()


def test_the_exports_are_written_beside_the_reports_and_the_index_links_each(built, root):
    import json

    import pandas as pd

    from carlib import analyse, read_acled

    out, _ = built
    analysis = analyse(root / "seeds")
    index = (out / "index.html").read_text()
    exports = index.split("<h2>Exports</h2>", 1)[1].split("<h2>", 1)[0]
    acled = read_acled(out / "acled.csv")
    assert len(acled) == len(analysis.incidents) > 5
    assert len(pd.read_csv(out / "acled_companion.csv")) == len(acled)
    points = json.loads((out / "incidents.geojson").read_text())
    assert points["type"] == "FeatureCollection" and points["features"]
    assert json.loads((out / "places.geojson").read_text())["features"]
    assert set(pd.read_excel(out / "analysis.xlsx", sheet_name=None)) >= {"incidents", "README"}
    tables = sorted(p.stem for p in (out / "parquet").glob("*.parquet"))
    assert tables == sorted(analysis.tables())
    assert len(pd.read_parquet(out / "parquet" / "incidents.parquet")) == len(acled)
    names = ["acled.csv", "acled_companion.csv", "incidents.geojson", "places.geojson",
             "analysis.xlsx", *(f"parquet/{t}.parquet" for t in tables)]
    for name in names:
        assert f'href="{name}"' in exports, name
    for note in EXPORT_NOTES.values():
        assert note.replace("'", "&#x27;") in exports
    assert exports.count("<li>") == len(EXPORT_NOTES) == len(EXPORTS)
    others = index.split("<h2>Files the notebooks wrote</h2>", 1)[1]
    assert 'href="incidents.csv"' in others and "acled.csv" not in others
    assert "acled.csv\n" in (out / ".carlib-reports").read_text()  # a later run replaces them
