"""Last step — execute every notebook on a corpus and write the HTML reports and the exports.

    carlib report                                # the seeds -> reports/
    carlib report --corpus my_corpus/ --out my_reports/ --show-code
    python -m carlib.report ...                  # the same

Each notebook the package ships (``carlib/notebooks/NN_name.ipynb``, or ``--notebooks DIR``)
runs headless, in order, with papermill parameters ``corpus`` and ``output_dir`` and the
output folder as its working directory, and becomes ``NN_name.html``; then the analysis is
exported beside them in every format of :mod:`carlib.export` (``acled.csv``,
``acled_companion.csv``, ``incidents.geojson``, ``places.geojson``, ``analysis.xlsx``,
``parquet/<table>.parquet``), and ``index.html`` links the reports, the exports (each with
what it holds) and the notebooks' own files, with a summary of the corpus. Relative paths are
resolved from the working directory; without ``--corpus`` the seeds are used (the checkout's
``seeds/``, else the copy carlib ships), without ``--out`` the checkout's ``reports/`` (else
``reports/`` here), see :mod:`carlib.locations`.

A run writes into a fresh hidden folder beside ``--out`` and moves its files in only when
every notebook has run and the exports are written, the index last; then it removes what the
previous run wrote and this one did not (the names are kept in ``--out/.carlib-reports``), and
leaves files carlib did not write alone. So a failed run leaves the previous reports as they were,
and ``--out`` never mixes two runs. A failing notebook stops the run with a message naming the
notebook and the cell, and a non-zero exit code; so does an ``--out`` that is a file.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import nbformat
import papermill
from nbconvert import HTMLExporter
from papermill.exceptions import PapermillExecutionError

from .errors import CarlibError, NotebookFailed, ReportError
from .export import export
from .files import write_atomic
from .locations import package_path, reports_folder, sample_corpus
from .pipeline import analyse

OFFLINE_TEMPLATE = package_path("templates", "offline.html.j2")
NOTEBOOK_DIR = package_path("notebooks")
RUN_LIST = ".carlib-reports"  # in --out: the names the last run wrote, one a line
# what index.html says of each export, by its name (the Parquet files: by their folder)
EXPORT_NOTES = {
    "acled.csv": "the incidents in ACLED's export columns, one row each (carlib.read_acled "
                 "reads it back)",
    "acled_companion.csv": "what ACLED has no column for, by event_id_cnty: every report of "
                           "each incident with its quote, the figure's qualifier, provenance",
    "incidents.geojson": "the incidents as GeoJSON points, every column a property (QGIS, "
                         "geojson.io)",
    "places.geojson": "every located place mention as GeoJSON points, with its quote",
    "analysis.xlsx": "every table on its own sheet, and a README sheet of what each column means",
    "parquet": "every table whole, one Parquet file each, with its types (pandas, R arrow, "
               "DuckDB)",
}


@dataclass
class Report:
    """One written report: where it came from, where it is, its title, how long it took."""

    notebook: Path
    html: Path
    title: str
    question: str
    seconds: float


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> tuple[str, str]:
    """The first markdown cell's heading (without ``#``) and the paragraph under it."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = cell.source.strip().splitlines()
            if lines and lines[0].startswith("#"):
                rest = "\n".join(lines[1:]).strip().split("\n\n")[0]
                return lines[0].lstrip("#").strip(), " ".join(rest.replace("`", "").split())
    return fallback, ""


@contextmanager
def _this_python_as_kernel() -> Iterator[None]:
    """Point the ``python3`` kernel at this interpreter, whatever kernels the user installed."""
    from ipykernel.kernelspec import write_kernel_spec

    before = os.environ.get("JUPYTER_PATH")
    with tempfile.TemporaryDirectory(prefix="carlib-kernel-") as home:
        # quiet the kernel's own log (its TCP notice would cut into the progress lines)
        write_kernel_spec(str(Path(home) / "kernels" / "python3"),
                          extra_arguments=["--IPKernelApp.log_level=ERROR"])
        os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [home, before]))
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = before


def execute_notebook(notebook: Path, corpus: Path, output_dir: Path) -> nbformat.NotebookNode:
    """Run one notebook with its parameters; raise :class:`NotebookFailed` naming the cell."""
    try:
        return papermill.execute_notebook(
            str(notebook), None, parameters={"corpus": str(corpus), "output_dir": str(output_dir)},
            kernel_name="python3", progress_bar=False, cwd=str(output_dir))
    except PapermillExecutionError as err:
        line = err.evalue.splitlines()[0] if err.evalue else ""
        raise NotebookFailed(
            f"{notebook.name} failed in cell {err.cell_index} (execution count "
            f"{err.exec_count}): {err.ename}: {line}\n--- the cell ---\n{err.source}") from None


def to_html(nb: nbformat.NotebookNode, show_code: bool = False) -> str:
    """Render an executed notebook as one HTML page that needs no network; code cells are
    hidden unless asked."""
    exporter = HTMLExporter(template_file=str(OFFLINE_TEMPLATE), exclude_input=not show_code,
                            exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    return body


def _link(name: str) -> str:
    return f'<a href="{html.escape(quote(name))}">{html.escape(name)}</a>'


def export_list(exports: Sequence[str]) -> str:
    """The index's list of exports (paths inside the output folder), grouped by their first
    part, each group with what it holds.

    >>> export_list(["acled.csv", "parquet/articles.parquet"])  # doctest: +ELLIPSIS
    '<li><a href="acled.csv">acled.csv</a><br>the incidents in ACLED...'
    """
    groups: dict[str, list[str]] = {}
    for name in exports:
        groups.setdefault(name.split("/")[0], []).append(name)
    return "\n".join(f"<li>{', '.join(map(_link, names))}<br>"
                     f"{html.escape(EXPORT_NOTES.get(first, ''))}</li>"
                     for first, names in groups.items())


def index_page(reports: list[Report], summary: dict[str, str], corpus: Path,
               files: list[Path], exports: Sequence[str] = ()) -> str:
    """The landing page: the corpus summary, each report with its question, the exports
    (paths inside the output folder) with what each holds, the notebooks' own files."""
    rows = "\n".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                     for k, v in summary.items())
    links = "\n".join(
        f'<li><a href="{html.escape(r.html.name)}">{html.escape(r.title)}</a>'
        f"<br>{html.escape(r.question)} <small>({html.escape(r.notebook.name)}, "
        f"{r.seconds:.1f} s)</small></li>" for r in reports)
    data = "\n".join(f"<li>{_link(f.name)}</li>" for f in files)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>CAR research reports</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
line-height:1.4}}th{{text-align:left;padding-right:1rem;vertical-align:top}}
li{{margin:.6rem 0}}small{{color:#666}}</style></head>
<body><h1>CAR research reports</h1>
<p>Corpus <code>{html.escape(str(corpus))}</code>, reports generated
{time.strftime('%Y-%m-%d %H:%M')} by carlib. Every number, place and incident in them carries
the article, the character offsets and the quote it comes from.</p>
<table>{rows}</table>
<h2>Reports</h2><ol>{links}</ol>
<h2>Exports</h2><ul>{export_list(exports)}</ul>
<h2>Files the notebooks wrote</h2><ul>{data}</ul>
<p><small>Places: GeoNames (CC BY 4.0) and the kit's curated supplement; country outlines:
Natural Earth (public domain).</small></p>
</body></html>
"""


@contextmanager
def _staging(output_dir: Path) -> Iterator[Path]:
    """A fresh hidden folder beside ``output_dir`` for one run, removed afterwards; raise
    :class:`ReportError` when ``output_dir`` is a file or its parent cannot be written."""
    if output_dir.exists() and not output_dir.is_dir():
        raise ReportError(f"{output_dir} is a file, not a folder: give another output folder "
                          "(--out), or move the file away")
    try:
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = tempfile.TemporaryDirectory(dir=output_dir.parent,
                                              prefix=f".{output_dir.name}.", suffix=".tmp")
    except OSError as err:
        raise ReportError(f"cannot write the reports beside {output_dir} ({err})") from None
    with staging as folder:
        yield Path(folder)


def _written(output_dir: Path) -> set[str]:
    """The names the previous run wrote into ``output_dir`` (plain names only)."""
    try:
        lines = (output_dir / RUN_LIST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return set()
    return {n for n in lines if n not in ("", ".", "..", RUN_LIST) and Path(n).name == n}


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _publish(run: Path, output_dir: Path) -> None:
    """Move a complete run into ``output_dir``, its index last, then remove what the previous
    run wrote and this one did not; files carlib did not write stay."""
    previous = _written(output_dir)
    names = sorted(p.name for p in run.iterdir())
    (run / RUN_LIST).write_text("".join(f"{n}\n" for n in names), encoding="utf-8")
    try:
        output_dir.mkdir(exist_ok=True)
        for name in sorted([*names, RUN_LIST], key=lambda n: n == "index.html"):
            if (output_dir / name).is_dir():
                _remove(output_dir / name)
            os.replace(run / name, output_dir / name)
        for name in sorted(previous - set(names)):
            _remove(output_dir / name)
    except OSError as err:
        raise ReportError(f"cannot move the reports into {output_dir} ({err})") from None


def build_reports(corpus: Path | None = None, output_dir: Path | None = None,
                  notebooks: Path = NOTEBOOK_DIR, show_code: bool = False) -> list[Report]:
    """Execute every ``NN_*.ipynb`` in order and write ``output_dir/NN_*.html``, the exports
    and the index, all at the end (a failed run leaves ``output_dir`` as it was). Without a
    ``corpus`` the seeds, without an ``output_dir`` :func:`~carlib.locations.reports_folder`.

    >>> build_reports(Path("seeds"), Path("reports"))  # doctest: +SKIP
    """
    corpus = (corpus or sample_corpus()).resolve()
    output_dir = (output_dir or reports_folder()).resolve()
    paths = sorted(p for p in notebooks.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks named NN_name.ipynb in {notebooks}")
    with _staging(output_dir) as run:
        analysis = analyse(corpus)  # also warms the cache the notebooks start from
        done: list[Report] = []
        with _this_python_as_kernel():
            for number, path in enumerate(paths, start=1):
                print(f"[{number}/{len(paths)}] {path.name} ...", end=" ", flush=True)
                started = time.perf_counter()
                nb = execute_notebook(path, corpus, run)
                page = f"{path.stem}.html"
                write_atomic(run / page, to_html(nb, show_code))
                seconds = time.perf_counter() - started
                print(f"{seconds:.1f} s -> {page}", flush=True)
                done.append(Report(path, output_dir / page, *notebook_title(nb, path.stem),
                                   seconds))
        exports = [p.relative_to(run).as_posix() for p in export(analysis, run)]
        pages = {r.html.name for r in done} | {"index.html"} | set(exports)
        files = sorted(f for f in run.iterdir() if f.is_file() and f.name not in pages
                       and not f.name.startswith("."))
        write_atomic(run / "index.html",
                     index_page(done, analysis.summary(), corpus, files, exports))
        _publish(run, output_dir)
    print(f"index: {output_dir / 'index.html'}")
    return done


def main(argv: list[str] | None = None, prog: str = "python -m carlib.report") -> int:
    """The command line (``carlib report``): build the reports, 1 and a message on failure.

    >>> main(["--corpus", "seeds", "--out", "reports"])  # doctest: +SKIP
    0
    """
    parser = argparse.ArgumentParser(prog=prog, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path,
                        help="articles folder or export (default: the seeds)")
    parser.add_argument("--out", type=Path,
                        help="where the HTML and the exports go (default: reports/)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOK_DIR,
                        help="a folder of NN_name.ipynb to run (default: carlib's own)")
    parser.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    args = parser.parse_args(argv)
    try:
        build_reports(args.corpus, args.out, args.notebooks, args.show_code)
    except CarlibError as err:  # a failing notebook, an --out that is a file, a bad corpus
        print(f"\nFAILED: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
