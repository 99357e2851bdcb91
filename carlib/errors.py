"""Every error and warning carlib raises, on one base each (as geopy keeps its exceptions).

Catch :class:`CarlibError` to handle anything the kit refuses; each subclass also derives from
the built-in error it refines (``CorpusError`` is a ``ValueError``), so older ``except
ValueError`` code keeps working. Warnings derive from :class:`CarlibWarning`.

>>> issubclass(CorpusError, CarlibError) and issubclass(CorpusError, ValueError)
True
"""

from __future__ import annotations

__all__ = ["CarlibError", "CorpusError", "LexiconError", "GazetteerError", "ProfileError",
           "TableError", "ExportError", "NotebookFailed", "ReportError", "StoreError",
           "CarlibWarning", "CorpusWarning", "CacheWarning"]


class CarlibError(Exception):
    """The base of every error carlib raises on purpose."""


class CorpusError(CarlibError, ValueError):
    """The corpus cannot be read: the message names the file, the row or the column."""


class LexiconError(CarlibError, ValueError):
    """A lexicon file is missing, unreadable or lacks a column; the message names it."""


class GazetteerError(CarlibError, RuntimeError):
    """The gazetteer (index or supplement) cannot be built or read; the message names the file."""


class ProfileError(CarlibError, ValueError):
    """A project profile is missing or malformed; the message names the file and the key."""


class TableError(CarlibError, ValueError):
    """A table given to a carlib function lacks a column it needs; the message says which."""


class ExportError(CarlibError, ValueError):
    """An export was asked for something it cannot write (an unknown format, a table too big for
    its file type); the message names it and what would work."""


class NotebookFailed(CarlibError, RuntimeError):
    """A report notebook failed; the message names the notebook and the cell."""


class ReportError(CarlibError, OSError):
    """The report output folder cannot be used (a file stands where it should be, or it cannot
    be written); the message names it."""


class StoreError(CarlibError, ValueError):
    """Stored tables cannot be written or read back (unreadable, truncated, failing their
    checksum, or holding a value Parquet cannot keep); the message names the file or column."""


class CarlibWarning(UserWarning):
    """The base of carlib's warnings."""


class CorpusWarning(CarlibWarning):
    """Something in the corpus was skipped or guessed; the message names the file and row."""


class CacheWarning(CarlibWarning):
    """The cache folder could not be used (read-only, or a file in its place): the result was
    computed and returned uncached; the message names the folder."""
