"""Last step — execute every notebook on a corpus and write the HTML reports.

    python -m carlib.report                      # notebooks/ on seeds/ -> reports/
    python -m carlib.report --corpus my_corpus/ --out my_reports/ --show-code

Each notebook ``notebooks/NN_name.ipynb`` runs headless, in order, with papermill parameters
``corpus`` and ``output_dir``; ``reports/NN_name.html`` is written atomically (never half a
file), then ``reports/index.html`` links them with a summary of the corpus. A failing notebook
stops the run with a message naming the notebook and the cell, and a non-zero exit code.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter
from papermill.exceptions import PapermillExecutionError

from .corpus import load_articles

OFFLINE_TEMPLATE = Path(__file__).resolve().parent / "templates" / "offline.html.j2"
NOTEBOOK_DIR = Path("notebooks")
SEEDS = Path("seeds")
REPORTS = Path("reports")


class NotebookFailed(RuntimeError):
    """A notebook raised an error; the message names the notebook and the cell."""


@dataclass
class Report:
    """One written report: where it came from, where it is, its title, how long it took."""

    notebook: Path
    html: Path
    title: str
    seconds: float


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, so no half-written file is left.

    >>> write_atomic(Path("reports/index.html"), "<html></html>")  # doctest: +SKIP
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first markdown heading of a notebook, without its ``#``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def _use_this_python_as_kernel() -> None:
    """Point the ``python3`` kernel at this interpreter, whatever kernels the user installed."""
    from ipykernel.kernelspec import write_kernel_spec

    home = Path(tempfile.mkdtemp(prefix="carlib-kernel-"))
    write_kernel_spec(home / "kernels" / "python3")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(home), *filter(None, [os.environ.get("JUPYTER_PATH")])])


def execute_notebook(notebook: Path, corpus: Path, output_dir: Path) -> nbformat.NotebookNode:
    """Run one notebook with its parameters; raise :class:`NotebookFailed` naming the cell."""
    try:
        return papermill.execute_notebook(
            str(notebook), None, parameters={"corpus": str(corpus), "output_dir": str(output_dir)},
            kernel_name="python3", progress_bar=False, cwd=str(notebook.parent))
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


def summarise_corpus(corpus: Path) -> dict[str, str]:
    """A few headline numbers about the corpus for the landing page."""
    articles = load_articles(corpus)
    dates = articles["published"].dropna()
    span = (f"{dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "unknown")
    return {
        "Articles": str(len(articles)),
        "Outlets": ", ".join(sorted(articles["outlet"].unique())) or "none",
        "Published": span,
        "Words": f"{int(articles['n_words'].sum()):,}",
    }


def index_page(reports: list[Report], summary: dict[str, str], corpus: Path) -> str:
    """The landing page: the corpus summary and a link to each report."""
    rows = "\n".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                     for k, v in summary.items())
    links = "\n".join(
        f'<li><a href="{html.escape(r.html.name)}">{html.escape(r.title)}</a> '
        f"<small>({html.escape(r.notebook.name)}, {r.seconds:.1f} s)</small></li>"
        for r in reports)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>CAR research reports</title>
<style>body{{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}
th{{text-align:left;padding-right:1rem}}li{{margin:.4rem 0}}</style></head>
<body><h1>CAR research reports</h1>
<p>Corpus: <code>{html.escape(str(corpus))}</code>, generated {time.strftime('%Y-%m-%d %H:%M')}.</p>
<table>{rows}</table>
<h2>Reports</h2><ol>{links}</ol>
</body></html>
"""


def build_reports(corpus: Path = SEEDS, output_dir: Path = REPORTS,
                  notebooks: Path = NOTEBOOK_DIR, show_code: bool = False) -> list[Report]:
    """Execute every ``NN_*.ipynb`` in order and write ``output_dir/NN_*.html`` plus the index.

    >>> build_reports(Path("seeds"), Path("reports"))  # doctest: +SKIP
    """
    corpus, output_dir = corpus.resolve(), output_dir.resolve()
    paths = sorted(p for p in notebooks.glob("[0-9][0-9]_*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks named NN_name.ipynb in {notebooks}")
    summary = summarise_corpus(corpus)
    _use_this_python_as_kernel()
    output_dir.mkdir(parents=True, exist_ok=True)
    done: list[Report] = []
    for number, path in enumerate(paths, start=1):
        print(f"[{number}/{len(paths)}] {path.name} ...", end=" ", flush=True)
        started = time.perf_counter()
        nb = execute_notebook(path, corpus, output_dir)
        target = output_dir / f"{path.stem}.html"
        write_atomic(target, to_html(nb, show_code))
        seconds = time.perf_counter() - started
        print(f"{seconds:.1f} s -> {target}", flush=True)
        done.append(Report(path, target, notebook_title(nb, path.stem), seconds))
    write_atomic(output_dir / "index.html", index_page(done, summary, corpus))
    print(f"index: {output_dir / 'index.html'}")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m carlib.report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SEEDS, help="articles folder or export")
    parser.add_argument("--out", type=Path, default=REPORTS, help="where the HTML goes")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOK_DIR)
    parser.add_argument("--show-code", action="store_true", help="keep code cells in the HTML")
    args = parser.parse_args(argv)
    try:
        build_reports(args.corpus, args.out, args.notebooks, args.show_code)
    except NotebookFailed as err:
        print(f"\nFAILED: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
