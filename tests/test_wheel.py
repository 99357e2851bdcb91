"""``pip install .`` gives a working kit: the wheel holds every file carlib reads, and
``carlib report`` runs from it, in a throwaway environment, from a folder outside the repository.

The wheel is built from a copy of the sources (no ``build/`` left in the checkout) without build
isolation, so no network is needed. The throwaway virtual environment gets the wheel alone
(``--no-deps``); it borrows the dependencies through a ``.pth`` file naming this environment's
site-packages, which puts them on ``sys.path`` *after* its own, and does not run the ``.pth``
files in there (so not the checkout's editable install either): the tests check that
``carlib`` is imported from the throwaway environment. The dependencies' Jupyter data (the
nbconvert templates) is under this environment's ``share/jupyter``, named by ``JUPYTER_PATH``.
"""

import html
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pandas as pd
import pytest

# seconds: a guard against a hung kernel. The report takes about a minute on an idle 2-core
# machine (the gazetteer index is built afresh in the throwaway cache), 3 under heavy load.
TIMEOUT = 420


def _run(*args, cwd, env=None, timeout=60):
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory, root):
    """The wheel of the working tree, built from a copy of it."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(root / name, source / name)
    shutil.copytree(root / "carlib", source / "carlib",
                    ignore=shutil.ignore_patterns("__pycache__", ".*"))
    out = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "-w", out, source, cwd=source, timeout=120)
    (built,) = out.glob("carlib-*.whl")
    return built, source


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A throwaway environment with the wheel installed: (its bin folder, the env to run in)."""
    home = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(home)
    python = home / ("Scripts" if os.name == "nt" else "bin") / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
         "--quiet", wheel[0], cwd=home, timeout=120)
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                   cwd=home).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (Path(purelib) / "_carlib_test_dependencies.pth").write_text("\n".join(ours) + "\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "CARLIB_PROFILE")}
    jupyter = os.pathsep.join(filter(None, [str(Path(sys.prefix, "share", "jupyter")),
                                            env.get("JUPYTER_PATH")]))
    env.update(PYTHONNOUSERSITE="1", CARLIB_CACHE_DIR=str(home / "cache"), JUPYTER_PATH=jupyter,
               PATH=os.pathsep.join([str(python.parent), env.get("PATH", "")]))
    return python.parent, env


def test_the_wheel_holds_every_file_of_the_package(wheel):
    built, source = wheel
    names = set(zipfile.ZipFile(built).namelist())
    files = {p.relative_to(source).as_posix() for p in (source / "carlib").rglob("*")
             if p.is_file()}
    assert files - names == set()
    for expected in ("carlib/notebooks/01_articles.ipynb", "carlib/data/seeds/articles.csv",
                     "carlib/data/gazetteer/supplement.csv", "carlib/data/geo/countries.geojson",
                     "carlib/lexicons/en/actors.csv", "carlib/templates/offline.html.j2",
                     "carlib/profiles/car.toml"):
        assert expected in names, expected
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "carlib = carlib.cli:main" in zipfile.ZipFile(built).read(entry_points).decode()


def test_the_installed_carlib_is_the_wheels_own(installed, root, tmp_path):
    bin_, env = installed
    done = _run(bin_ / "python", "-c", "import carlib, carlib.locations as l; "
                "print(carlib.__file__); print(l.repository()); print(l.sample_corpus()); "
                "print(l.package_path('notebooks'))", cwd=tmp_path, env=env)
    module, repository, seeds, notebooks = done.stdout.split("\n")[:4]
    home = bin_.parent.resolve()
    assert Path(module).resolve().is_relative_to(home), module
    assert not Path(module).resolve().is_relative_to(root), module
    assert repository == "None"
    assert Path(seeds).resolve().is_relative_to(home) and Path(notebooks).is_dir()
    for article in (root / "seeds").iterdir():
        assert (Path(seeds) / article.name).read_bytes() == article.read_bytes()


def test_carlib_report_runs_on_the_seeds_from_the_wheel(wheel, installed, root, tmp_path):
    from carlib import analyse

    bin_, env = installed
    work = tmp_path / "work"
    work.mkdir()
    done = _run(bin_ / "carlib", "report", "--corpus", root / "seeds", "--out", "reports",
                cwd=work, env=env, timeout=TIMEOUT)
    out = work / "reports"
    notebooks = sorted(Path(n).stem for n in zipfile.ZipFile(wheel[0]).namelist()
                       if re.fullmatch(r"carlib/notebooks/\d\d_\w+\.ipynb", n))
    assert len(notebooks) >= 5
    for name in notebooks:
        assert (out / f"{name}.html").stat().st_size > 1000, name
    index = (out / "index.html").read_text()
    here = analyse(root / "seeds")
    assert f"<th>Incidents</th><td>{html.escape(here.summary()['Incidents'])}</td>" in index
    assert len(pd.read_csv(out / "acled.csv")) == len(here.incidents) > 5
    assert "not found; using the index alone" not in done.stderr, done.stderr  # the supplement
    places = pd.read_parquet(out / "parquet" / "places.parquet")
    supplement = (places["method"] == "supplement").sum()
    assert supplement == (here.places["method"] == "supplement").sum() > 0
    assert json.loads((out / "incidents.geojson").read_text())["features"]
    assert sorted(p.name for p in work.iterdir()) == ["reports"]
