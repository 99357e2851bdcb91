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
from typing import Sequence

__all__ = ["near_duplicate_groups", "THRESHOLD"]

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


def near_duplicate_groups(ids: Sequence[str], texts: Sequence[str],
                          threshold: float = THRESHOLD) -> tuple[list[str], list[str]]:
    """For each article, the id of the earlier article it copies (``""`` if none) and its
    story's id (the first copy's id).

    >>> near_duplicate_groups(["a"], ["One story only."])
    ([''], ['a'])
    """
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
    signatures: dict[str, MinHash] = {}
    story: dict[str, str] = {}
    order: dict[str, int] = {}
    copies, stories = [], []
    for article_id, text in zip(ids, texts):
        signature = MinHash(num_perm=_PERMUTATIONS, hashfunc=_crc32)
        signature.update_batch(list(_shingles(text)))
        earlier = [other for other in lsh.query(signature)
                   if signature.jaccard(signatures[other]) >= threshold]
        original = min(earlier, key=order.__getitem__) if earlier else ""
        copies.append(original)
        story[article_id] = story[original] if original else article_id
        stories.append(story[article_id])
        signatures[article_id], order[article_id] = signature, len(order)
        lsh.insert(article_id, signature)
    return copies, stories
