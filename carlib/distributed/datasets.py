"""The Dask engine's output: each table a partitioned Parquet dataset, and a manifest.

``output/<table>/part_00000.parquet, part_00001.parquet ...`` are written by the workers,
each part as :mod:`carlib.store` writes a table (nested cells as JSON text, checksum and
dtypes noted), so ``dask.dataframe.read_parquet(output / "incidents")`` or pandas reads any
of them; ``output/manifest.json`` (written last, by the client) lists every part with its
checksum and dtypes, the corpus warnings and the files skipped. ``read_tables`` checks each
part against it and joins the parts of each table into the table the local engine gives.

>>> tables, notes = read_tables("out")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import StoreError
from ..store import FORMAT, _read_table, _write_table, join_parts

__all__ = ["prepare", "write_part", "write_manifest", "read_tables", "MANIFEST"]

MANIFEST = "manifest.json"


def prepare(output: str | Path, tables: list[str]) -> Path:
    """``output`` ready for ``tables``: created, or emptied of an earlier output; a folder
    holding anything else is refused, not overwritten.

    >>> prepare("out", ["articles", "incidents"])  # doctest: +SKIP
    """
    folder = Path(output)
    ours = {*tables, MANIFEST}
    strays = sorted(p.name for p in folder.iterdir() if p.name not in ours) \
        if folder.is_dir() else []
    if strays:
        raise StoreError(f"{folder}: holds {', '.join(strays[:3])} besides carlib's tables; "
                         "give an empty or a new folder")
    (folder / MANIFEST).unlink(missing_ok=True)
    for name in tables:
        shutil.rmtree(folder / name, ignore_errors=True)
        (folder / name).mkdir(parents=True)
    return folder


def write_part(table: pd.DataFrame, output: str, name: str, number: int) -> dict[str, Any]:
    """Write part ``number`` of table ``name`` into ``output``; its manifest entry.

    >>> write_part(incidents, "out", "incidents", 0)["file"]  # doctest: +SKIP
    'incidents/part_00000.parquet'
    """
    part = f"part_{number:05d}"
    entry = _write_table(Path(output) / name, part, table.reset_index(drop=True))
    return {**entry, "file": f"{name}/{part}.parquet", "rows": len(table)}


def write_manifest(output: str | Path, parts: dict[str, list[dict]], notes: dict) -> Path:
    """The manifest of ``output``: every table's parts in order, and ``notes``."""
    path = Path(output) / MANIFEST
    path.write_text(json.dumps({"format": FORMAT, "tables": parts, "notes": notes}, indent=1,
                               ensure_ascii=False), encoding="utf-8")
    return path


def read_tables(output: str | Path) -> tuple[dict[str, pd.DataFrame], dict[str, Any]]:
    """Every table of ``output`` (its parts checked and joined in order) and the notes.

    >>> tables, notes = read_tables("out")  # doctest: +SKIP
    >>> tables["incidents"].head()  # doctest: +SKIP
    """
    folder = Path(output)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise StoreError(f"{folder / MANIFEST}: format {manifest.get('format')!r}; "
                             f"this carlib reads {FORMAT}")
        tables = {name: join_parts([_read_table(folder / e["file"], e) for e in entries])
                  for name, entries in manifest["tables"].items()}
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise StoreError(f"{folder}: unreadable output ({err})") from None
    return tables, manifest["notes"]
