"""Tables kept on disk: a folder of Parquet files, one per table, and a checksummed manifest.

``save_tables(folder, tables, notes)`` writes ``<name>.parquet`` for each table and
``manifest.json`` (the format, carlib's version, the notes, each file's SHA-256 and each
column's dtype) into a temporary folder beside ``folder``, then renames it into place, so a
killed run never leaves half a folder under the name. ``load_tables(folder)`` checks every
checksum before it trusts a byte and gives the tables back as they were, dtypes and
``attrs`` included; anything unreadable, truncated or altered raises
:class:`~carlib.errors.StoreError` naming the file.

Parquet keeps numbers, booleans, text, nullable integers and datetimes as they are. An object
column holding anything but text (``incidents.reports``: lists of dicts with timestamps) is
kept as JSON text, timestamps tagged, and read back as the same Python values (numpy scalars
come back as Python numbers).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import StoreError

__all__ = ["FORMAT", "save_tables", "load_tables", "join_parts", "Packed"]

FORMAT = 1  # bump when the layout changes: older folders then fail to load and are recomputed
MANIFEST = "manifest.json"
STALE_AFTER = 3600  # seconds: a temporary folder older than this belongs to a killed run
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_TIMESTAMP = "$timestamp"


def save_tables(folder: str | Path, tables: Mapping[str, pd.DataFrame],
                notes: dict[str, Any]) -> Path:
    """Write ``tables`` (and the JSON-able ``notes``) to ``folder`` at once, replacing it.

    Raises :class:`StoreError` for a table Parquet cannot keep and ``OSError`` when the folder
    cannot be written; either way nothing is left under ``folder``'s name but what was there.

    >>> save_tables("analyses/3f2a", {"articles": articles}, {"warnings": []})  # doctest: +SKIP
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(folder.parent)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        entries = {name: _write_table(tmp, name, table) for name, table in tables.items()}
        body = {"format": FORMAT, "carlib": _carlib_version(), "notes": notes,
                "tables": entries}
        try:
            text = json.dumps({**body, "sha256": _digest(_canonical(body))}, indent=1,
                              ensure_ascii=False)
        except (TypeError, ValueError) as err:
            raise StoreError(f"the notes cannot be kept as JSON: {err}") from None
        (tmp / MANIFEST).write_text(text, encoding="utf-8")
        tmp.chmod(0o755)
        if os.path.lexists(folder):  # move the old one aside first: never half a folder
            aside = folder.with_name(f".{folder.name}.{secrets.token_hex(4)}.tmp")
            os.rename(folder, aside)
            _remove(aside)
        os.rename(tmp, folder)
    finally:
        _remove(tmp)
    return folder


def load_tables(folder: str | Path) -> tuple[dict[str, pd.DataFrame], dict[str, Any]]:
    """The tables and notes :func:`save_tables` wrote to ``folder``, checksums verified.

    >>> tables, notes = load_tables("cache/analyses/3f2a")  # doctest: +SKIP
    >>> notes["warnings"], tables["articles"].dtypes  # doctest: +SKIP
    """
    folder = Path(folder)
    manifest = _read_manifest(folder / MANIFEST)
    tables = {}
    for name, entry in manifest["tables"].items():
        path = folder / f"{name}.parquet"
        try:
            if not _NAME.fullmatch(name):
                raise StoreError(f"{name!r} is not a table name")
            tables[name] = _read_table(path, entry)
        except (OSError, ValueError, TypeError, KeyError) as err:
            raise StoreError(f"{path}: unreadable ({err})") from None
    return tables, manifest["notes"]


# --------------------------------------------------------------------------- one table


def join_parts(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The parts of one table (batches or partitions of articles, in order) as one table,
    typed as if built at once: the empty parts (typed from no values) left out, and a column
    whose parts disagree typed from all its values.

    >>> join_parts([pd.DataFrame({"n": [1]}), pd.DataFrame({"n": [2.5]})])["n"].tolist()
    [1.0, 2.5]
    """
    full = [p for p in parts if len(p)] or parts[:1]
    table = pd.concat(full, ignore_index=True)
    for column in table.columns:
        if len({str(p[column].dtype) for p in full}) > 1:
            table[column] = pd.Series(table[column].tolist(), index=table.index)
    return table


def _encoded(name: str, table: pd.DataFrame) -> tuple[bytes, dict[str, Any]]:
    """``table`` as Parquet bytes, and its manifest entry: checksum, dtypes, JSON columns."""
    if not _NAME.fullmatch(name):
        raise StoreError(f"{name!r} cannot name a stored table (lower-case letters, digits, _)")
    if not all(isinstance(c, str) for c in table.columns):
        raise StoreError(f"table {name!r}: every column name must be text to be stored")
    nested = [c for c in table.columns
              if table[c].dtype == object and not all(isinstance(v, str) for v in table[c])]
    buffer = io.BytesIO()
    try:
        encoded = table.copy()
        for column in nested:
            encoded[column] = [_dumps(v) for v in table[column]]
        encoded.to_parquet(buffer, engine="pyarrow")
    except (TypeError, ValueError, NotImplementedError) as err:
        raise StoreError(f"table {name!r} cannot be kept as Parquet: {err}") from None
    data = buffer.getvalue()
    return data, {"sha256": _digest(data), "dtypes": {c: str(t) for c, t in table.dtypes.items()},
                  "json": nested}


def _write_table(folder: Path, name: str, table: pd.DataFrame) -> dict[str, Any]:
    """Write ``folder/name.parquet``; the manifest entry."""
    data, entry = _encoded(name, table)
    (folder / f"{name}.parquet").write_bytes(data)
    return entry


def _read_table(path: Path, entry: dict[str, Any]) -> pd.DataFrame:
    data = path.read_bytes()
    if _digest(data) != entry["sha256"]:
        raise StoreError(f"{len(data)} bytes that fail their checksum (truncated or altered)")
    return _decoded(data, entry)


def _decoded(data: bytes, entry: dict[str, Any]) -> pd.DataFrame:
    """The table of :func:`_encoded`'s bytes and entry, as it was."""
    table = pd.read_parquet(io.BytesIO(data), engine="pyarrow")
    if list(table.columns) != list(entry["dtypes"]):
        raise StoreError("its columns are not the manifest's")
    for column in entry["json"]:
        values = np.empty(len(table), dtype=object)
        for i, text in enumerate(table[column]):
            values[i] = json.loads(text, object_hook=_timestamps)
        table[column] = pd.Series(values, index=table.index, dtype=object)  # not inferred
    for column, dtype in entry["dtypes"].items():
        if str(table[column].dtype) != dtype:
            table[column] = table[column].astype(dtype)
    return table


@dataclass(frozen=True)
class Packed:
    """A table kept in memory as the Parquet bytes :func:`save_tables` would write (a few
    times smaller than the frame: an analysis keeps each batch's tables so until it joins
    them), given back as it was by :meth:`unpack`.

    >>> Packed.of("figures", pd.DataFrame({"value": [12.0]})).unpack()["value"].tolist()
    [12.0]
    """

    data: bytes
    entry: dict[str, Any]

    @classmethod
    def of(cls, name: str, table: pd.DataFrame) -> "Packed":
        """``table`` (named ``name`` in errors) packed; :class:`StoreError` as in
        :func:`save_tables`."""
        return cls(*_encoded(name, table))

    def unpack(self) -> pd.DataFrame:
        """The table, its dtypes as they were."""
        return _decoded(self.data, self.entry)


def _dumps(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def _plain(value: Any) -> Any:
    """``value`` as JSON values: timestamps tagged, anything JSON cannot hold refused."""
    if isinstance(value, np.integer | np.floating | np.bool_):
        return value.item()
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if value is pd.NaT:
        return {_TIMESTAMP: None}
    if isinstance(value, pd.Timestamp) and value.tzinfo is None:
        return {_TIMESTAMP: value.isoformat(), "unit": value.unit}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) and not k.startswith("$")
                                       for k in value):
        return {k: _plain(v) for k, v in value.items()}
    raise TypeError(f"a cell holds a {type(value).__name__} ({value!r:.60}); only text, "
                    "numbers, booleans, None, naive timestamps, lists and dicts with text keys "
                    "(not starting with '$') can be stored")


def _timestamps(record: dict[str, Any]) -> Any:
    if _TIMESTAMP not in record:
        return record
    if record[_TIMESTAMP] is None:
        return pd.NaT
    return pd.Timestamp(record[_TIMESTAMP]).as_unit(record["unit"])


# --------------------------------------------------------------------------- the folder


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(path.read_bytes())
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
        checksum = manifest.pop("sha256", None)
        intact = checksum == _digest(_canonical(manifest))
    except (OSError, ValueError) as err:
        raise StoreError(f"{path}: unreadable ({err})") from None
    if not intact:
        raise StoreError(f"{path}: fails its checksum (altered)")
    if manifest.get("format") != FORMAT:
        raise StoreError(f"{path}: format {manifest.get('format')!r}; this carlib reads {FORMAT}")
    return manifest


def _canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _carlib_version() -> str:
    try:
        return version("carlib")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        path.unlink(missing_ok=True)


def _remove_stale(folder: Path) -> None:
    """Remove the temporary folders of runs killed more than :data:`STALE_AFTER` ago."""
    now = time.time()
    for path in folder.glob(".*.tmp"):
        try:
            if now - path.lstat().st_mtime > STALE_AFTER:
                _remove(path)
        except OSError:  # another run removed it, or the folder is read-only: leave it
            continue
