"""Where the kit's own files are, and the default corpus and reports folder, from anywhere.

Every file carlib reads of its own (lexicons, gazetteer supplement, outlines, templates,
profiles, the report notebooks, the sample seeds) is package data, found with
:mod:`importlib.resources`: a wheel installed anywhere finds it as a checkout does, whatever
the working directory. The defaults do not depend on it either: the seeds are the checkout's
``seeds/`` when carlib runs from one (the files you edit), else the copy the package ships
(``carlib/data/seeds/``, byte for byte the same); reports go to the checkout's ``reports/``,
else to ``reports/`` in the working directory.

>>> sample_corpus().name
'seeds'
>>> package_path("notebooks").is_dir()
True
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import CarlibError

__all__ = ["package_path", "repository", "sample_corpus", "reports_folder"]


def package_path(*parts: str) -> Path:
    """A file or folder carlib ships (``package_path("lexicons", "en")``), on disk.

    >>> package_path("profiles", "car.toml").is_file()
    True
    """
    found = resources.files(__package__).joinpath(*parts)
    if not isinstance(found, Path):  # imported from a zip: the gazetteer and pandas need files
        raise CarlibError(f"carlib's data files are not on disk ({found}); install carlib with "
                          "pip (pip install .), which unpacks them")
    return found


def repository() -> Path | None:
    """The source checkout carlib is imported from (the folder holding ``pyproject.toml``,
    ``seeds/`` and ``carlib/``), or None for an installed wheel.

    >>> repository()  # doctest: +SKIP
    PosixPath('/home/me/carlib')
    """
    root = package_path().parent
    return root if (root / "pyproject.toml").is_file() and (root / "seeds").is_dir() else None


def sample_corpus() -> Path:
    """The seed articles: the checkout's ``seeds/``, else the package's copy.

    >>> sorted(p.name for p in sample_corpus().iterdir())[-1]
    'articles.csv'
    """
    root = repository()
    return root / "seeds" if root is not None else package_path("data", "seeds")


def reports_folder() -> Path:
    """Where reports go unless told: the checkout's ``reports/``, else ``reports/`` in the
    working directory (absolute either way).

    >>> reports_folder().name
    'reports'
    """
    return (repository() or Path.cwd().resolve()) / "reports"
