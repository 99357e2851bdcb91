"""The ``carlib`` command: report, analyse and evaluate, paths from the working directory,
carlib's errors as one line."""

import subprocess
import sys

import pytest

from carlib.cli import main

STORY = "Gunmen killed 14 villagers in Bossangoa on Tuesday, a witness said."


@pytest.fixture()
def here(tmp_path, monkeypatch):
    """A working directory outside the repository, holding a one-article corpus ``corpus/``."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a1.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "corpus" / "articles.csv").write_text(
        "article_id,file,outlet,published\na1,a1.txt,Wire,2014-02-04\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_python_m_carlib_cli_is_the_command(here):
    done = subprocess.run([sys.executable, "-m", "carlib.cli", "--help"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: carlib ")
    assert all(c in done.stdout for c in ("report", "analyse", "evaluate"))


@pytest.mark.parametrize("command", ["report", "analyse", "evaluate"])
def test_every_command_has_its_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0 and out.startswith(f"usage: carlib {command} ")
    if command == "analyse":
        assert "--export DIR" in out and "acled,geojson,xlsx,parquet" in out


def test_analyse_writes_the_exports_asked_for_relative_to_the_working_directory(here, capsys):
    assert main(["analyse", "corpus", "--export", "out", "--format", "acled,geojson"]) == 0
    printed = capsys.readouterr().out.split()
    assert printed == ["out/acled.csv", "out/acled_companion.csv", "out/incidents.geojson",
                       "out/places.geojson"]
    assert sorted(p.name for p in (here / "out").iterdir()) == sorted(p[4:] for p in printed)
    assert "Bossangoa" in (here / "out" / "acled.csv").read_text()


def test_a_corpus_that_does_not_exist_is_one_error_line_and_exit_1(here, capsys):
    assert main(["analyse", "typo/", "--export", "out"]) == 1
    err = capsys.readouterr().err
    assert err == f"error: typo: no such corpus folder or file (looked for {here}/typo)\n"
    assert not (here / "out").exists()


def test_an_unknown_format_is_refused_before_any_work(here, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["analyse", "corpus", "--export", "out", "--format", "acled,kml"])
    assert exit_.value.code == 2
    assert "unknown export format in 'acled,kml'; valid formats: acled,geojson,xlsx,parquet" \
        in capsys.readouterr().err
    assert not (here / "out").exists()


def test_report_resolves_every_path_from_the_working_directory(here, capsys):
    import nbformat

    (here / "nbs").mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('corpus = "x"\noutput_dir = "y"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# One"), params, nbformat.v4.new_code_cell(
        "import carlib\nfrom pathlib import Path\n"
        "Path(output_dir, 'n.txt').write_text(str(len(carlib.analyse(corpus).articles)))")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, here / "nbs" / "01_one.ipynb")
    assert main(["report", "--corpus", "corpus", "--out", "mine", "--notebooks", "nbs"]) == 0
    assert (here / "mine" / "n.txt").read_text() == "1"
    assert {"01_one.html", "index.html", "acled.csv", "parquet"} <= {
        p.name for p in (here / "mine").iterdir()}
    assert f"<code>{here / 'corpus'}</code>" in (here / "mine" / "index.html").read_text()


def test_a_failing_report_exits_1_with_its_message(here, capsys):
    assert main(["report", "--corpus", "typo", "--out", "mine"]) == 1
    assert "typo: no such corpus folder or file" in capsys.readouterr().err
    assert not (here / "mine").exists()


def test_evaluate_runs_from_anywhere_on_the_seeds_and_their_gold(here, capsys):
    assert main(["evaluate", "dates", "--scores-only"]) == 0
    assert "dates" in capsys.readouterr().out
