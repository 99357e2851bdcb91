"""Which language an article is written in, from the function words it uses.

Each language of ``lexicons/language_words.csv`` (``language, word, source``) scores the share
of an article's words that are its function words; the best wins if it covers enough of the
text and clearly beats the runner-up, else the language is ``unknown``. Add a language by adding
its rows. The kit's rules read English; the corpus step warns about articles in any other.

>>> detect_language("Le gouvernement a dit que les rebelles sont dans la ville, selon un "
...                 "responsable qui a demandé que son nom ne soit pas publié par les médias.")
'fr'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from .lexicon import LEXICON_DIR, read_lexicon

__all__ = ["detect_language", "LANGUAGE_WORDS", "UNKNOWN"]

LANGUAGE_WORDS = LEXICON_DIR / "language_words.csv"
UNKNOWN = "unknown"
_MIN_WORDS = 20  # shorter texts say too little
_MIN_SHARE = 0.12  # of the words, the winner's function words
_MARGIN = 1.5  # the winner over the runner-up
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4)
def _words(path: Path) -> dict[str, frozenset[str]]:
    table = read_lexicon(path, ("language", "word"))
    return {lang: frozenset(group["word"].str.casefold())
            for lang, group in table.groupby("language")}


def detect_language(text: str, words: Path = LANGUAGE_WORDS) -> str:
    """The ISO 639-1 code of the language ``text`` is written in, or ``unknown``.

    >>> detect_language("The rebels said that they were in the town on Monday, and the army "
    ...                 "was on its way from the capital with the mission, which had left.")
    'en'
    """
    tokens = [t.casefold() for t in _WORD.findall(text[:20_000])]
    if len(tokens) < _MIN_WORDS:
        return UNKNOWN
    counts = Counter(tokens)
    scores = sorted(((sum(counts[w] for w in vocabulary) / len(tokens), lang)
                     for lang, vocabulary in _words(words).items()), reverse=True)
    (best, lang), (second, _) = scores[0], scores[1]
    return lang if best >= _MIN_SHARE and best >= _MARGIN * second else UNKNOWN
