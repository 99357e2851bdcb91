"""Editable lexicons (CSV files with a ``source`` column) and the one matcher for word lists.

The kit's lexicons live in ``carlib/lexicons/<language>/`` (``en`` for now): a French corpus
needs a ``fr/`` folder of the same files, not code. A researcher can pass a path to their own
file (same columns) wherever a function takes ``lexicon=``.

:class:`Phrases` turns any word list into one compiled, whole-word matcher, longest phrase first,
factored as a trie so that hundreds of phrases cost one pass. Every step uses it (actors, cues,
numbers, dates, places); the grammar of how cues combine stays in the step's code, the words here.
``cues(kind)`` is the matcher of one kind of ``context_cues.csv`` (``place_noun``, ``direction``,
``speech_verb``...).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import pandas as pd

from .errors import LexiconError
from .locations import package_path
from .profile import profile

__all__ = ["LEXICON_DIR", "LexiconError", "Phrases", "read_lexicon", "lexicon_path", "cues",
           "language"]

LEXICON_DIR = package_path("lexicons")
CASES = ("any", "forms", "names", "exact", "as_written")
_LATIN = [chr(c) for c in range(0xC0, 0x250)]
_SEPARATORS = r"[\s\-‐‑]"


def language() -> str:
    """The language whose lexicon folder is read: the current profile's (``en``).

    >>> language()
    'en'
    """
    return _checked(profile().language)


@lru_cache(maxsize=8)
def _checked(code: str) -> str:
    if not (LEXICON_DIR / code).is_dir():
        raise LexiconError(f"{LEXICON_DIR / code}: no lexicons for language {code!r}")
    return code


def lexicon_path(name_or_path: str | Path) -> Path:
    """The file of a shipped lexicon (``"actors"``) in the current language, or a given path."""
    path = Path(name_or_path)
    if path.suffix.lower() != ".csv":
        path = LEXICON_DIR / language() / f"{name_or_path}.csv"
    return path.resolve()


def read_lexicon(name_or_path: str | Path, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a lexicon CSV (all columns as text, blanks as ``""``), checking its columns.

    ``name_or_path`` is a shipped lexicon's name (``"actors"``) or a path to a CSV file.

    >>> read_lexicon("abbreviations", required=("abbreviation",)).columns[0]
    'abbreviation'
    """
    return _read(lexicon_path(name_or_path), required).copy()


@lru_cache(maxsize=64)
def _read(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        raise LexiconError(f"{path}: no such lexicon file")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, comment=None)
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: not a readable UTF-8 CSV ({err})") from None
    frame.columns = [c.strip() for c in frame.columns]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise LexiconError(f"{path}: missing column(s) {missing}; it has {list(frame.columns)}")
    return frame.apply(lambda column: column.str.strip())


# --------------------------------------------------------------------------- the matcher


def _fold(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text)
    return "".join(c for c in bare if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def _letter(char: str, any_case: bool, loose: bool) -> str:
    """A regex for one character: its other case (``any_case``), its accented forms (``loose``)."""
    if char in "'’":
        return "['’]"
    forms = {char, char.swapcase()} if any_case and char.isalpha() else {char}
    if loose:
        forms |= {c for c in _LATIN if unicodedata.normalize("NFD", c)[0] in forms}
    return f"[{''.join(sorted(forms))}]" if len(forms) > 1 else re.escape(char)


def _word_atoms(word: str, case: str, loose: bool) -> list[str]:
    """One regex per character of a phrase word, by the phrase list's case rule."""
    if word == "*":
        return [r"[\w'’-]+"]
    if case != "as_written":
        return [_letter(c, False, loose) for c in word]
    if re.fullmatch(r"(?:[A-Z]\.){2,}", word):  # "U.N." is written "UN"
        word = word.replace(".", "")
    if re.fullmatch(r"[A-Z0-9]*[A-Z][A-Z0-9]*", word) and len(word) > 1:  # acronym: exact case
        if word.isalpha() and len(word) <= 4:  # also "U.N.", "U. N."
            dot = r"\.\s?"
            return [word[0], f"(?:{word[1:]}|{dot}{dot.join(word[1:])}\\.)"]
        return [re.escape(c) for c in word]
    # "Amnesty" keeps its capital (never "amnesty"); a lower-case word matches any case
    return [_letter(word[0], word[0].islower(), loose),
            *(_letter(c, True, loose) for c in word[1:])]


def _atoms(phrase: str, case: str, loose: bool) -> list[str]:
    """A phrase as a list of regexes; with ``loose``, ``anti-balaka`` = ``anti Balaka``."""
    out: list[str] = []
    for part in re.split(r"(\s+|-)", phrase.strip()):
        if part == "-":
            out.append(f"{_SEPARATORS}*" if loose else r"-")
        elif part.isspace():
            out.append(f"{_SEPARATORS}+" if loose else r"\s+")
        elif part:
            out.extend(_word_atoms(part, case, loose))
    return out


def _trie(phrases: list[list[str]]) -> str:
    """One regex for many phrases, factored by shared prefixes, longest phrase tried first."""
    root: dict = {}
    for atoms in phrases:
        node = root
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}

    def build(node: dict) -> tuple[str, int]:
        branches = sorted(((atom + sub, depth + 1) for atom, (sub, depth) in
                           ((a, build(child)) for a, child in node.items() if a)),
                          key=lambda b: -b[1])
        if not branches:
            return "", 0
        body = "(?:" + "|".join(b[0] for b in branches) + ")"
        return (body + "?" if "" in node else body), branches[0][1]

    return build(root)[0] or "(?!)"


def _forms(phrase: str, case: str) -> list[str]:
    if case == "forms":
        return sorted({phrase, phrase.capitalize(), phrase.upper()})
    if case == "names":
        return sorted({phrase.capitalize(), phrase.upper()})
    return [phrase]


class Phrases:
    """A word list compiled once into a whole-word matcher, longest phrase first.

    ``case``: ``any`` (the default), ``forms`` (lower, Capitalised or UPPER, as a phrase starts
    a sentence or a headline), ``names`` (Capitalised or UPPER: months, weekdays), ``exact``,
    or ``as_written`` (acronyms exact, also dotted; a capitalised word keeps its capital; a
    lower-case word in any case: the actors lexicon). ``loose`` also matches other accents and
    hyphens or spaces between words (``Séléka`` = ``seleka``, ``anti-balaka`` = ``anti
    Balaka``). A ``*`` in a phrase stands for any one word. ``values`` maps each phrase to what
    :meth:`value` returns for it.

    >>> towns = Phrases(["town", "village of", "in * need"])
    >>> [m.group() for m in towns.finditer("The Village of Bria, in desperate need")]
    ['Village of', 'in desperate need']
    >>> towns.value("in  dire need") is None, "town" in towns
    (False, True)
    """

    def __init__(self, phrases: Iterable[str], *, values: Mapping[str, Any] | None = None,
                 case: str = "any", loose: bool = False, boundary: str = r"\w") -> None:
        if case not in CASES:
            raise LexiconError(f"case must be one of {CASES}, not {case!r}")
        self.case, self.loose = case, loose
        self.phrases = sorted({p.strip() for p in phrases if p and p.strip()}, key=len,
                              reverse=True)
        given = dict(values or {})
        self._values: dict[str, Any] = {}
        self._wild: list[tuple[re.Pattern, Any]] = []
        for phrase in self.phrases:
            value = given.get(phrase, phrase)
            if "*" in phrase.split():
                self._wild.append((re.compile(self._body([phrase]) + r"\Z",
                                              0 if case == "exact" else re.I), value))
            else:
                self._values.setdefault(self.key(phrase), value)
        body = self._body(self.phrases)
        self.regex = f"(?i:{body})" if case == "any" else body
        self.pattern = re.compile(rf"(?<!{boundary})(?:{self.regex})(?!{boundary})")
        self._before = re.compile(rf"(?<!{boundary})(?:{self.regex})\s*\Z")

    def _body(self, phrases: list[str]) -> str:
        return _trie([_atoms(form, self.case, self.loose)
                      for phrase in phrases for form in _forms(phrase, self.case)])

    @classmethod
    def from_lexicon(cls, name: str | Path, column: str = "phrase", *, kind: str | None = None,
                     **options: Any) -> "Phrases":
        """The phrases of one column of a lexicon (only its rows of ``kind``, if given); each
        phrase's value is its row as a dict.

        >>> Phrases.from_lexicon("context_cues", kind="direction").value("north")["kind"]
        'direction'
        """
        table = read_lexicon(name, (column,) + (("kind",) if kind else ()))
        rows = table[table["kind"] == kind] if kind else table
        if kind and rows.empty:
            raise LexiconError(f"{lexicon_path(name)}: no row of kind {kind!r}")
        records = rows.to_dict("records")
        return cls([r[column] for r in records], values={r[column]: r for r in records},
                   **options)

    def key(self, text: str) -> str:
        """What two spellings of one phrase share (case, spacing; with ``loose``, accents,
        hyphens and dots: ``U. N.`` = ``UN``)."""
        if self.loose:
            return "".join(c for c in _fold(text).casefold() if c.isalnum())
        words = " ".join(text.split())
        return words if self.case == "exact" else words.casefold()

    def value(self, text: str) -> Any:
        """The value of the phrase ``text`` spells (``None`` if it spells none)."""
        found = self._values.get(self.key(text))
        if found is not None or not self._wild:
            return found
        words = " ".join(text.split())
        return next((v for pattern, v in self._wild if pattern.match(words)), None)

    def __contains__(self, text: str) -> bool:
        return self.value(text) is not None

    def __len__(self) -> int:
        return len(self.phrases)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """Every phrase in ``text[pos:endpos]``, left to right, not overlapping."""
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first phrase in ``text[pos:endpos]``."""
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0) -> re.Match | None:
        """A phrase starting exactly at ``pos``."""
        return self.pattern.match(text, pos)

    def before(self, text: str, pos: int, reach: int = 60) -> re.Match | None:
        """A phrase that ends right before ``pos`` (white space between allowed).

        >>> Phrases(["north of"]).before("30 km north of  Bria", 16).group()
        'north of'
        """
        return self._before.search(text, max(0, pos - reach), pos)


@lru_cache(maxsize=None)
def _cues(lang: str, kind: str, case: str) -> Phrases:
    return Phrases.from_lexicon("context_cues", kind=kind, case=case)


def cues(kind: str, case: str = "any") -> Phrases:
    """The matcher of one kind of ``context_cues.csv`` in the current language.

    >>> "said" in cues("speech_verb")
    True
    """
    return _cues(language(), kind, case)
