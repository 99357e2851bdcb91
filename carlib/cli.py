"""The ``carlib`` command: the reports, the exports and the scores, from anywhere.

    carlib report [--corpus DIR] [--out DIR] [--show-code]   # notebooks -> HTML + exports
    carlib analyse CORPUS --export DIR [--format acled,geojson,xlsx,parquet]
    carlib evaluate [--corpus DIR] [--gold DIR] [TABLE ...]  # scores against hand-made gold
    carlib COMMAND --help

Paths are resolved from the working directory. ``report`` is :func:`carlib.report.main` and
``evaluate`` :func:`carlib.evaluate.main` (``python -m carlib.report`` and ``python -m
carlib.evaluate`` are the same commands); ``analyse`` writes :func:`carlib.export.export`'s
files. An error carlib raises on purpose (a missing corpus, an unknown format) prints one
``error: ...`` message and exits with 1, without a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import CarlibError
from .evaluate import main as evaluate
from .export import FORMATS, export
from .pipeline import analyse

__all__ = ["main"]


def _formats(text: str) -> list[str]:
    """``acled,geojson`` as a list, refused before any work when a format is unknown."""
    formats = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise argparse.ArgumentTypeError(f"unknown export format in {text!r}; valid formats: "
                                         f"{','.join(FORMATS)} (comma-separated)")
    return formats


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="carlib", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # report and evaluate parse their own options (and --help): what follows goes to them
    commands.add_parser("report", add_help=False,
                        help="run the notebooks on a corpus: HTML reports, exports, index.html")
    commands.add_parser("evaluate", add_help=False,
                        help="score the kit's tables against hand-annotated gold files")
    analyse = commands.add_parser(
        "analyse", help="analyse a corpus and export its tables",
        description="Analyse CORPUS (cached) and write its tables to the --export folder: "
                    "acled.csv + acled_companion.csv (acled), incidents.geojson + "
                    "places.geojson (geojson), analysis.xlsx (xlsx), parquet/<table>.parquet "
                    "(parquet). Prints each file written.")
    analyse.add_argument("corpus", type=Path,
                         help="a folder of .txt files (with articles.csv), one file, or a "
                              ".csv/.jsonl export")
    analyse.add_argument("--export", type=Path, required=True, metavar="DIR",
                         help="the folder the files go to (created if missing)")
    analyse.add_argument("--format", type=_formats, default=list(FORMATS),
                         metavar="FORMAT[,FORMAT...]",
                         help=f"which files to write (default: all of {','.join(FORMATS)})")
    return parser


def analyse_and_export(corpus: Path, folder: Path, formats: list[str]) -> list[Path]:
    """Analyse ``corpus`` and write its exports to ``folder``, printing each file's path.

    >>> analyse_and_export(Path("seeds"), Path("exports"), ["acled"])  # doctest: +SKIP
    exports/acled.csv
    exports/acled_companion.csv
    """
    written = export(analyse(corpus), folder, formats=formats)
    for path in written:
        print(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Run one ``carlib`` command; its exit code (0, or 1 after an ``error:`` line).

    >>> main(["analyse", "seeds", "--export", "exports", "--format", "geojson"])  # doctest: +SKIP
    exports/incidents.geojson
    exports/places.geojson
    0
    """
    parser = _parser()
    args, rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.command == "report":
            from .report import main as report  # on use: papermill and nbconvert load slowly

            return report(rest, prog="carlib report")
        if args.command == "evaluate":
            return evaluate(rest, prog="carlib evaluate")
        if rest:
            parser.error(f"unrecognized arguments: {' '.join(rest)}")
        analyse_and_export(args.corpus, args.export, args.format)
    except CarlibError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
