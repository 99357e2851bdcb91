"""The kit's two commands, with nothing but Python 3.11+ needed beforehand.

    python3 tasks.py report   # build .venv if missing, install carlib, run every notebook -> reports/
    python3 tasks.py test     # the same set-up, then the whole test suite (unit tests + notebooks)

Extra arguments after ``test`` go to pytest (``python3 tasks.py test -k corpus``), run from
the repository; after ``report`` they go to ``carlib report`` (``python3 tasks.py report
--show-code``), run from where you are, so ``--corpus``/``--out`` are relative to it (by
default the repository's seeds/ and reports/). The virtual environment is reinstalled only when
pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".carlib-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _say(message: str) -> None:
    print(f"[tasks] {message}", flush=True)


def _run(*args: str | Path, cwd: Path = ROOT) -> None:
    result = subprocess.run([str(a) for a in args], cwd=cwd)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create .venv and install carlib with its test and dask extras, unless already current."""
    if sys.version_info < (3, 11):
        sys.exit(f"carlib needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        _say(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    _say("installing carlib and its dependencies (first run only; a few minutes)")
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test,dask]")
    STAMP.write_text(wanted)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"report", "test"}:
        sys.exit(__doc__)
    ensure_venv()
    command, rest = argv[0], argv[1:]
    if command == "report":
        _run(PYTHON, "-m", "carlib.cli", "report", *rest, cwd=Path.cwd())
    else:
        _run(PYTHON, "-m", "pytest", *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
