"""The promises of the layout: same dependencies for pip and conda, clean notebooks, CI = README,
the sample seeds the package ships the same as the repository's."""

import json
import re
import tomllib


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_lists_the_same_dependencies_as_pyproject(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    pip_deps = [re.sub(r"\[.*?\]", "", d)  # conda has no extras: dask[dataframe] is dask
                for d in project["dependencies"] + extras["test"] + extras["dask"]]
    text = (root / "environment.yml").read_text().split("dependencies:", 1)[1]
    listed = [line.split("#")[0].strip()[2:].strip() for line in text.splitlines()
              if line.lstrip().startswith("- ")]
    conda = [d for d in listed if d not in ("pip", "pip:", "-e .") and not d.startswith("python")]
    assert sorted(map(str.lower, pip_deps)) == sorted(map(str.lower, conda))


def test_ci_runs_exactly_the_readme_test_command(root):
    readme = (root / "README.md").read_text()
    commands = re.findall(r"^(python3 tasks\.py \w+)$", readme, flags=re.M)
    assert "python3 tasks.py report" in commands and "python3 tasks.py test" in commands
    ci = [line for line in (root / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith("#") and not line.startswith("set ")]
    assert ci[-1] == "python3 tasks.py test"


def test_notebooks_are_committed_clean_numbered_and_parameterised(root):
    notebooks = sorted((root / "carlib" / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        assert re.match(r"\d\d_\w+\.ipynb$", path.name), path.name
        nb = json.loads(path.read_text())
        cells = nb["cells"]
        assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
        assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in cells), path.name
        for cell in cells:
            if cell["cell_type"] == "code":
                assert not cell["outputs"] and cell["execution_count"] is None, path.name


def test_the_seeds_the_package_ships_are_byte_for_byte_the_repositorys(root, seeds_dir):
    shipped = root / "carlib" / "data" / "seeds"
    names = sorted(p.name for p in seeds_dir.iterdir())
    assert sorted(p.name for p in shipped.iterdir()) == names
    for name in names:
        assert (shipped / name).read_bytes() == (seeds_dir / name).read_bytes(), name


def test_every_notebook_defaults_to_the_seeds_and_reports_from_anywhere(root):
    """The parameters cell names no path relative to the working directory."""
    for path in sorted((root / "carlib" / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        (params,) = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
        source = "".join(params["source"])
        assert "corpus = sample_corpus()" in source and "reports_folder()" in source, path.name
