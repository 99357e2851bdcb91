"""The report runner: every notebook executed on the seeds, HTML written atomically, failures named."""

import re

import nbformat
import pytest

from carlib.report import NotebookFailed, build_reports, main, write_atomic


@pytest.fixture(scope="session")
def built(tmp_path_factory, root):
    """Run every notebook once on the seeds; the other tests read what it wrote."""
    out = tmp_path_factory.mktemp("reports")
    reports = build_reports(root / "seeds", out, root / "notebooks")
    return out, reports


def test_every_notebook_has_a_report_and_the_index_links_it(built, root):
    out, reports = built
    notebooks = sorted(p.stem for p in (root / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert [r.notebook.stem for r in reports] == notebooks
    index = (out / "index.html").read_text()
    for name in notebooks:
        assert (out / f"{name}.html").stat().st_size > 1000
        assert f'href="{name}.html"' in index
    assert "<th>Articles</th><td>3</td>" in index
    assert "CNN, IPS, unknown" in index
    assert not list(out.glob(".*.tmp")), "temporary files left behind"


def test_articles_report_has_the_table_and_the_chart_without_code(built):
    out, _ = built
    page = (out / "01_articles.html").read_text()
    assert "001_fe38c0874b9f1dc3" in page and "IPS" in page and "2014-01-30" in page
    assert re.search(r'<img [^>]*src="data:image/png;base64,', page), "timeline chart missing"
    assert "carlib.load_articles" not in page, "code cells should be hidden by default"
    assert "Traceback" not in page


def _failing_notebook(folder):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('corpus = "x"\noutput_dir = "y"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Broken"), params,
                nbformat.v4.new_code_cell("1 / 0")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    folder.mkdir()
    nbformat.write(nb, folder / "01_broken.ipynb")


def test_a_failing_notebook_is_named_with_its_cell(tmp_path, root, capsys):
    _failing_notebook(tmp_path / "nbs")
    with pytest.raises(NotebookFailed, match=r"01_broken\.ipynb failed in cell \d+ .*ZeroDivisionError"):
        build_reports(root / "seeds", tmp_path / "out", tmp_path / "nbs")
    assert not (tmp_path / "out" / "01_broken.html").exists()
    code = main(["--corpus", str(root / "seeds"), "--out", str(tmp_path / "out"),
                 "--notebooks", str(tmp_path / "nbs")])
    assert code == 1
    assert "FAILED: 01_broken.ipynb failed in cell" in capsys.readouterr().err


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
    assert "Bossemptélé" in page and "supplement" in page and "To check by hand" in page
    assert page.count("data:image/png;base64,") >= 1
    assert "Traceback" not in page
