"""Step 1 — load a corpus of news articles, with their metadata, into one DataFrame.

The articles table has one row per article and these columns:

=====================  =====================================================================
article_id             the file's stem (or the export's id column, or ``<export stem>_<row>``)
outlet                 who published it; ``unknown`` when the metadata does not say
published              first day of the publication date (``datetime64``; ``NaT`` if unknown)
published_precision    ``day``, ``month`` or ``year`` (how much of ``published`` is known)
published_basis        the evidence for the date, as written in the metadata (may be empty)
headline               a short title (may be empty)
text                   the text as decoded, in Unicode NFC form (``é`` one letter, never ``e``
                       and an accent); every offset computed later refers to it
path                   where the text came from (``file`` or ``file#row``)
n_chars, n_words       size of ``text``
sha256                 SHA-256 of ``text`` encoded as UTF-8 (for a UTF-8 file without BOM this
                       is the file's own ``sha256sum``)
encoding               ``utf-8``, ``utf-8-sig``, ``utf-16`` or ``cp1252``
language               ISO 639-1 code of the language it is written in (``en``), or
                       ``unknown`` (:mod:`carlib.languages`); other than the profile's language
                       gives a warning, as the rules read only that one
duplicate_of           ``article_id`` of an earlier article with the same text, else empty
near_duplicate_of      ``article_id`` of an earlier article it copies with small edits (a wire
                       copy, a new headline, a trimmed paragraph), else empty
story_id               the first copy's ``article_id``: copies of one story share it
=====================  =====================================================================

A folder's subfolders are not read unless ``recursive=True`` (so ``excluded/`` keeps
articles out); each one not read is listed in ``skipped_files`` with a warning.

Extra metadata columns are kept. What was not loaded (empty files, stray files, empty export
rows) is listed in ``skipped_files(articles)``; every problem is reported by a
:class:`CorpusWarning` that names the file (and row and column for metadata) and says what to
fix, or by a :class:`CorpusError` when nothing sensible can be loaded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import unicodedata

import pandas as pd

from .errors import CorpusError, CorpusWarning
from .languages import UNKNOWN, detect_language
from .near_duplicates import near_duplicate_groups
from .profile import profile

__all__ = ["CorpusError", "CorpusWarning", "load_articles", "skipped_files", "check_articles",
           "text_key", "ARTICLE_COLUMNS"]

ARTICLE_COLUMNS = [
    "article_id", "outlet", "published", "published_precision", "published_basis", "headline",
    "text", "path", "n_chars", "n_words", "sha256", "encoding", "language", "duplicate_of",
    "near_duplicate_of", "story_id",
]
METADATA_FILE = "articles.csv"
PRECISIONS = ("day", "month", "year")
# Column names used by common news-database exports, mapped to ours.
COLUMN_ALIASES = {
    "id": "article_id", "doc_id": "article_id",
    "source": "outlet", "publication": "outlet", "publisher": "outlet", "source_name": "outlet",
    "date": "published", "pub_date": "published", "publish_date": "published",
    "published_at": "published", "publication_date": "published",
    "title": "headline",
    "body": "text", "content": "text", "full_text": "text", "article_text": "text",
}
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_DATE_FORMATS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d", "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "%Y-%m", "month"),
    (re.compile(r"^\d{4}/\d{2}$"), "%Y/%m", "month"),
    (re.compile(r"^\d{4}$"), "%Y", "year"),
    (re.compile(r"^[A-Za-z]{3}\.? \d{4}$"), "%b %Y", "month"),
    (re.compile(r"^[A-Za-z]{4,9} \d{4}$"), "%B %Y", "month"),
)
# 01/02/2014 is 1 February in Bangui and 2 January in Washington: never guess
_AMBIGUOUS_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")
_FIRST_YEAR = 1900  # a publication date before it, or after next year, is a typo
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_NO_PUBLISHED = ("{where}: no 'published' column, so relative dates ('on Monday', 'last "
                 "week') stay unresolved; add the publication dates (YYYY-MM-DD)")


def _warn(message: str) -> None:
    warnings.warn(message, CorpusWarning, stacklevel=3)


@dataclass
class _Collected:
    rows: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    def skip(self, path: str, reason: str, *, quiet: bool = False) -> None:
        self.skipped.append({"path": path, "reason": reason})
        if not quiet:
            _warn(f"{path}: skipped, {reason}")


# --------------------------------------------------------------------------- decoding


def _utf16(data: bytes) -> str | None:
    """``utf-16`` with a byte-order mark, ``utf-16-le``/``-be`` when every other byte is NUL
    (a Windows "Unicode" text file without one), else None."""
    if data.startswith(_UTF16_BOMS):
        return "utf-16"
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    for nul, other, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nul.count(0) > 0.9 * len(nul) and other.count(0) < 0.1 * len(other):
            return name
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(head) // 100)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode an article's bytes: UTF-8 (with or without BOM), else cp1252 with a warning.

    >>> decode_bytes("Yaloké".encode("cp1252"), "a.txt")  # doctest: +SKIP
    ('Yaloké', 'cp1252')
    """
    utf16 = _utf16(data)
    if utf16:
        try:
            return data.decode(utf16), "utf-16"
        except UnicodeDecodeError as err:
            raise CorpusError(f"{name}: looks like UTF-16 but byte {err.start} is not; "
                              "re-save it as UTF-8") from None
    if _looks_binary(data):
        raise CorpusError(f"{name}: this looks like a binary file, not text; "
                          "save the article as plain text (.txt, UTF-8) and load it again")
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        where = err.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise CorpusError(f"{name}: neither UTF-8 nor cp1252 (byte {err.start}); "
                          "re-save it as UTF-8") from None
    _warn(f"{name}: not valid UTF-8 (byte {where}); decoded as cp1252 — check accented "
          "letters, or re-save the file as UTF-8")
    return text, "cp1252"


# --------------------------------------------------------------------------- metadata


def parse_published(value: object, where: str) -> tuple[pd.Timestamp, str | None]:
    """Parse an ISO date, ``YYYY-MM`` or ``YYYY`` into (first day, precision).

    Anything else pandas can read unambiguously is accepted as a day; what it cannot read gives
    a warning naming ``where`` and ``NaT``.

    >>> parse_published("2013-12", "row 2")
    (Timestamp('2013-12-01 00:00:00'), 'month')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == "":
        return pd.NaT, None
    raw = " ".join(str(value).split())
    if _AMBIGUOUS_DATE.match(raw):
        _warn(f"{where}: the date {raw!r} could be day/month or month/day; write it as "
              "YYYY-MM-DD (the article is loaded with no date)")
        return pd.NaT, None
    stamp, precision = _parsed(raw)
    year = stamp.year if stamp is not None else int(raw[:4]) if raw[:4].isdigit() else None
    if year is not None and not _FIRST_YEAR <= year <= pd.Timestamp.now().year + 1:
        _warn(f"{where}: the date {raw!r} is not a plausible publication date (before "
              f"{_FIRST_YEAR} or after next year); fix it (the article is loaded with no date)")
        return pd.NaT, None
    if stamp is not None:
        return stamp, precision
    _warn(f"{where}: cannot read the date {raw!r}; write it as YYYY-MM-DD, YYYY-MM or YYYY "
          "(the article is loaded with no date)")
    return pd.NaT, None


def _parsed(raw: str) -> tuple[pd.Timestamp | None, str | None]:
    for pattern, fmt, precision in _DATE_FORMATS:
        if pattern.match(raw):
            try:
                return pd.to_datetime(raw, format=fmt), precision
            except (ValueError, OverflowError):
                return None, None
    try:
        stamp = pd.to_datetime(raw, format="mixed", dayfirst=False)
    except (ValueError, OverflowError):
        return None, None
    return (stamp.tz_localize(None) if stamp.tzinfo else stamp).normalize(), "day"


def _canonical_columns(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    renamed = {}
    for column in frame.columns:
        key = str(column).strip().lower()
        target = COLUMN_ALIASES.get(key, key)
        if target in renamed.values() or (target != key and target in frame.columns):
            continue
        renamed[column] = target
    frame = frame.rename(columns=renamed)
    dupes = frame.columns[frame.columns.duplicated()].tolist()
    if dupes:
        raise CorpusError(f"{name}: column(s) {dupes} appear twice; keep one of each")
    return frame


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or a CorpusError naming it when the system refuses to read it."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot be read ({err.strerror or err}); check its "
                          "permissions") from None


def _read_csv(path: Path) -> pd.DataFrame:
    data = _read_bytes(path)
    text, _ = decode_bytes(data, str(path))
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            on_bad_lines="error")
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty; it needs a header row") from None
    except (pd.errors.ParserError, csv.Error) as err:
        raise CorpusError(f"{path}: not a well-formed CSV ({err}); check quoting and the "
                          "number of commas on that line") from None
    return _canonical_columns(frame, str(path))


def _metadata_fields(record: dict, where: str) -> dict:
    """Turn one metadata record into article columns, warning about what is wrong in it."""
    out = {k: v for k, v in record.items() if k not in ("file", "text")}
    published, precision = parse_published(record.get("published"), f"{where}, column 'published'")
    given = str(record.get("published_precision") or "").strip().lower()
    if given and given not in PRECISIONS:
        _warn(f"{where}, column 'published_precision': {given!r} is not one of "
              f"{', '.join(PRECISIONS)}; using {precision or 'none'}")
    elif given and precision and PRECISIONS.index(given) > PRECISIONS.index(precision):
        precision = given  # e.g. published 2014-01-01 with precision 'month'
    out["published"], out["published_precision"] = published, precision
    out["outlet"] = str(record.get("outlet") or "").strip() or "unknown"
    return out


def _load_folder_metadata(folder: Path, txt_names: set[str]) -> dict[str, dict]:
    """Map file name -> metadata fields from ``articles.csv`` beside the articles, if any."""
    meta_path = folder / METADATA_FILE
    if not meta_path.exists():
        if txt_names:
            _warn(f"{folder}: no {METADATA_FILE}, so outlets and publication dates are unknown "
                  "and relative dates ('on Monday') stay unresolved; add one (article_id,file,"
                  "outlet,published)")
        return {}
    frame = _read_csv(meta_path)
    if "file" not in frame.columns and "article_id" not in frame.columns:
        raise CorpusError(f"{meta_path}: needs a 'file' or an 'article_id' column to match "
                          "rows to article files")
    if "published" not in frame.columns:
        _warn(_NO_PUBLISHED.format(where=meta_path))
    by_file: dict[str, dict] = {}
    for i, record in enumerate(frame.to_dict("records"), start=2):
        where = f"{meta_path} row {i}"
        name = str(record.get("file") or "").strip() or f"{record.get('article_id', '').strip()}.txt"
        if name == ".txt":
            _warn(f"{where}: no 'file' and no 'article_id'; fill one in (row ignored)")
            continue
        if name in by_file:
            raise CorpusError(f"{where}: a second row for {name!r}; keep one row per article")
        if name not in txt_names:
            _warn(f"{where}: the file {name!r} is not in {folder}; fix the 'file' column or "
                  "add the file (row ignored)")
            continue
        by_file[name] = _metadata_fields(record, where)
    return by_file


# --------------------------------------------------------------------------- sources


def _article(text: str, encoding: str, path: str, article_id: str, meta: dict) -> dict:
    row = {"published": pd.NaT, "published_precision": None, "published_basis": "",
           "headline": "", "outlet": "unknown", **meta}
    row.update(article_id=article_id, text=unicodedata.normalize("NFC", text), path=path,
               encoding=encoding)
    return row


def _from_text_file(path: Path, meta: dict | None, found: _Collected) -> None:
    try:
        data = path.read_bytes()
    except OSError as err:  # one unreadable article does not stop the rest
        found.skip(str(path), f"cannot be read ({err.strerror or err}); check its permissions")
        return
    text, encoding = decode_bytes(data, str(path))
    if not text.strip():
        found.skip(str(path), "the file is empty")
        return
    if meta is None:
        meta = {}
        metadata_file = path.parent / METADATA_FILE
        if metadata_file.exists():
            _warn(f"{path}: no row in {metadata_file}; add one (article_id,file,outlet,"
                  "published,...) so its outlet and date are known")
    article_id = str(meta.pop("article_id", "") or path.stem).strip()
    found.rows.append(_article(text, encoding, str(path), article_id, meta))


def _from_folder(folder: Path, found: _Collected, recursive: bool) -> None:
    entries = sorted(folder.iterdir())
    for sub in (p for p in entries if p.is_dir() and not p.name.startswith(".")):
        if recursive:
            _from_folder(sub, found, recursive)
        elif any(sub.rglob("*.txt")):
            found.skip(str(sub), "a subfolder, not read (load_articles(..., recursive=True) "
                       "reads subfolders)")
    files = [p for p in entries if p.is_file()]
    txt = [p for p in files if p.suffix.lower() == ".txt"]
    for other in files:
        if other.suffix.lower() == ".txt" or other.name == METADATA_FILE:
            continue
        found.skip(str(other), "not a .txt article", quiet=other.name.startswith("."))
    metadata = _load_folder_metadata(folder, {p.name for p in txt}) if txt else {}
    for path in txt:
        _from_text_file(path, metadata.get(path.name), found)


def _export_records(path: Path) -> Iterable[tuple[str, dict]]:
    if path.suffix.lower() == ".csv":
        frame = _read_csv(path)
        yield from ((f"{path}#row{i}", r) for i, r in enumerate(frame.to_dict("records"), 2))
        return
    text, _ = decode_bytes(_read_bytes(path), str(path))
    # only "\n" ends a JSON line: U+2028 and other separators may sit inside a string
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(f"{path} line {i}: not valid JSON ({err.msg}); each line must "
                              "be one JSON object") from None
        if not isinstance(record, dict):
            raise CorpusError(f"{path} line {i}: expected a JSON object, got "
                              f"{type(record).__name__}")
        record = {COLUMN_ALIASES.get(k.strip().lower(), k.strip().lower()): v
                  for k, v in record.items()}
        yield f"{path}#line{i}", record


def _from_export(path: Path, found: _Collected) -> None:
    records = list(_export_records(path))
    if records and "text" not in records[0][1]:
        raise CorpusError(f"{path}: no text column; name the column with the article text "
                          f"'text' (or one of {sorted(k for k, v in COLUMN_ALIASES.items() if v == 'text')})")
    if records and not any(r.get("published") not in (None, "") for _, r in records):
        _warn(_NO_PUBLISHED.format(where=path))
    for where, record in records:
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            found.skip(where, "the text is empty")
            continue
        meta = _metadata_fields(record, where)
        given = meta.pop("article_id", None)
        raw_id = "" if given is None or pd.isna(given) else str(given).strip()
        article_id = raw_id or f"{path.stem}_{where.rsplit('#', 1)[1]}"
        found.rows.append(_article(text, "utf-8", where, article_id, meta))


# --------------------------------------------------------------------------- public API


def load_articles(source: str | Path, recursive: bool = False) -> pd.DataFrame:
    """Load articles from a folder of ``.txt`` files, one file, or a ``.csv``/``.jsonl`` export.

    A folder may hold an ``articles.csv`` (``article_id, file, outlet, published,
    published_precision, published_basis, headline``); a single ``.txt`` file uses the
    ``articles.csv`` beside it. Exports need a ``text`` column (or ``body``/``content``).
    With ``recursive``, a folder's subfolders are read too, each with its own ``articles.csv``.

    >>> articles = load_articles("seeds")
    >>> articles[["article_id", "outlet", "published", "n_words"]]  # doctest: +SKIP
    """
    path = Path(source)
    return _finish(collect(path, recursive), str(path))


def collect(path: Path, recursive: bool = False) -> _Collected:
    """The articles' rows and the skipped files of a folder, a ``.txt`` file or an export, as
    read from disk (nothing per article computed yet); warns and raises as
    :func:`load_articles` does.

    >>> len(collect(Path("seeds")).rows)  # doctest: +SKIP
    3
    """
    found = _Collected()
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_dir():
        _from_folder(path, found, recursive)
    elif path.suffix.lower() == ".txt":
        neighbours = {p.name for p in path.parent.glob("*.txt")}
        _from_text_file(path, _load_folder_metadata(path.parent, neighbours).get(path.name), found)
    elif path.suffix.lower() in (".csv", ".jsonl"):
        _from_export(path, found)
    else:
        raise CorpusError(f"{path}: unknown kind of file {path.suffix!r}; give a folder of .txt "
                          "files, a .txt file, or a .csv/.jsonl export with a text column")
    return found


def _finish(found: _Collected, source: str) -> pd.DataFrame:
    if not found.rows:
        _warn(f"{source}: no articles loaded")
    frame = pd.DataFrame(found.rows)
    found.rows.clear()  # the texts are in the frame now: one copy of them, not two
    for column in ARTICLE_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype=object)
    ids = frame["article_id"]
    if ids.duplicated().any():
        twice = frame[ids.duplicated(keep=False)].groupby("article_id")["path"].apply(list)
        raise CorpusError(f"{source}: article_id used twice: "
                          + "; ".join(f"{i} ({', '.join(paths)})" for i, paths in twice.items())
                          + "; give each article its own id (rename a file or fill article_id)")
    texts = frame["text"].astype(str)
    frame["n_chars"] = texts.str.len().astype("int64")
    frame["n_words"] = texts.map(lambda t: len(_WORD.findall(t))).astype("int64")
    frame["sha256"] = texts.map(lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())
    frame["published"] = pd.to_datetime(frame["published"])
    frame["language"] = _languages(frame)
    frame["duplicate_of"] = _duplicates(frame)
    copies, stories = near_duplicate_groups(frame["article_id"], texts)
    frame["near_duplicate_of"] = [c if not d else "" for c, d in zip(copies,
                                                                      frame["duplicate_of"])]
    frame["story_id"] = stories
    extra = [c for c in frame.columns if c not in ARTICLE_COLUMNS]
    frame = frame[ARTICLE_COLUMNS + extra].reset_index(drop=True)
    frame.attrs["skipped"] = found.skipped
    return frame


def _languages(frame: pd.DataFrame) -> pd.Series:
    """Each article's language; a warning for those the rules cannot read."""
    expected = profile().language
    found = frame["text"].astype(str).map(detect_language)
    for article_id, path, language in zip(frame["article_id"], frame["path"], found):
        if language not in (expected, UNKNOWN):
            _warn(f"{path}: article {article_id} looks written in {language!r}, but carlib's "
                  f"rules read {expected!r} only: expect few or no places, figures and "
                  "incidents (see the 'language' column)")
    return found.astype(object)


def text_key(text: str) -> str:
    """A digest of ``text`` as the duplicate check compares texts (spacing and case folded):
    a corpus's keys take 64 characters an article, not a copy of its text.

    >>> text_key("Gunmen  killed ten.") == text_key("gunmen killed ten.")
    True
    """
    return hashlib.sha256(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()


def _duplicates(frame: pd.DataFrame) -> pd.Series:
    first_seen: dict[str, str] = {}
    marks = []
    for article_id, text in zip(frame["article_id"], frame["text"]):
        original = first_seen.setdefault(text_key(str(text)), article_id)
        marks.append("" if original == article_id else original)
        if original != article_id:
            _warn(f"{article_id}: same text as {original}; flagged in 'duplicate_of' "
                  "(drop it with articles[articles.duplicate_of == ''])")
    return pd.Series(marks, index=frame.index, dtype=object)


def skipped_files(articles: pd.DataFrame) -> pd.DataFrame:
    """What ``load_articles`` did not load, with the reason: columns ``path, reason``.

    >>> skipped_files(load_articles("seeds"))  # doctest: +SKIP
    Empty DataFrame
    """
    return pd.DataFrame(articles.attrs.get("skipped", []), columns=["path", "reason"])


def check_articles(articles: pd.DataFrame, step: str) -> None:
    """Raise :class:`CorpusError` when ``articles`` lacks what every step needs: an
    ``article_id`` and a ``text`` column, ids unique, texts strings.

    >>> check_articles(pd.DataFrame({"text": ["x"]}), "tagging")  # doctest: +SKIP
    CorpusError: tagging: the articles table has no 'article_id' column ...
    """
    if not isinstance(articles, pd.DataFrame):
        raise CorpusError(f"{step}: expected the articles table (a DataFrame from "
                          f"carlib.load_articles), got {type(articles).__name__}")
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise CorpusError(f"{step}: the articles table has no {', '.join(map(repr, missing))} "
                          "column; build it with carlib.load_articles or add the column")
    if articles["article_id"].duplicated().any():
        twice = sorted(set(articles["article_id"][articles["article_id"].duplicated()]))
        raise CorpusError(f"{step}: article_id used twice: {twice}")
    bad = [i for i, t in zip(articles["article_id"], articles["text"]) if not isinstance(t, str)]
    if bad:
        raise CorpusError(f"{step}: the text of {bad[:5]} is not a string; fill or drop it")
