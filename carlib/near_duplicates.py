"""Near-duplicate articles: wire copies and re-publications with a new headline or a trimmed
paragraph, found with MinHash and locality-sensitive hashing (``datasketch``).

Each article's text becomes the set of its five-word shingles (case and spacing folded);
two articles whose sets have an estimated Jaccard similarity of at least ``threshold`` tell
one story. Articles are taken in table order, so the first copy is the story's original.

>>> texts = ["Gunmen killed 12 people in Bria on Monday, the mission said in a statement.",
...          "Gunmen killed 12 people in Bria on Monday, the mission said in a statement today."]
>>> near_duplicate_groups(["a", "b"], texts, threshold=0.5)
(['', 'a'], ['a', 'a'])
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import LeanMinHash

__all__ = ["near_duplicate_groups", "signature", "THRESHOLD"]

THRESHOLD = 0.7  # estimated Jaccard similarity of five-word shingles
_PERMUTATIONS = 64
_SHINGLE = 5
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) <= _SHINGLE:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + _SHINGLE]).encode() for i in range(len(words) - _SHINGLE + 1)}


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


def signature(text: str) -> LeanMinHash:
    """The MinHash of ``text``'s shingles, as the copy search compares them (its values only,
    not the permutations that made them).

    >>> signature("Gunmen killed 12 in Bria.").jaccard(signature("GUNMEN  killed 12 in Bria"))
    1.0
    """
    from datasketch import LeanMinHash, MinHash

    found = MinHash(num_perm=_PERMUTATIONS, hashfunc=_crc32)
    found.update_batch(list(_shingles(text)))
    return LeanMinHash(found)


def near_duplicate_groups(ids: Iterable[str], texts: Iterable[str],
                          threshold: float = THRESHOLD) -> tuple[list[str], list[str]]:
    """For each article, the id of the earlier article it copies (``""`` if none) and its
    story's id (the first copy's id). ``texts`` is read one at a time (a Series of a corpus
    is never turned into a list).

    >>> near_duplicate_groups(["a"], ["One story only."])
    ([''], ['a'])
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
    signatures: dict[str, LeanMinHash] = {}
    story: dict[str, str] = {}
    order: dict[str, int] = {}
    copies, stories = [], []
    for article_id, text in zip(ids, texts):
        found = signature(text)
        earlier = [other for other in lsh.query(found)
                   if found.jaccard(signatures[other]) >= threshold]
        original = min(earlier, key=order.__getitem__) if earlier else ""
        copies.append(original)
        story[article_id] = story[original] if original else article_id
        stories.append(story[article_id])
        signatures[article_id], order[article_id] = found, len(order)
        lsh.insert(article_id, found)
    return copies, stories
