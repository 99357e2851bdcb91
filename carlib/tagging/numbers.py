"""Numbers as news writes them: ``1,000``, ``2.5 millions``, ``twenty-two``, ``nearly half a
million``, ``tens of thousands``, ``a quarter of the population``, ``between 50 and 100``.

``find_numbers(text)`` yields :class:`NumberMatch` objects with the span, the parsed value and
the qualifier; the words come from ``carlib/lexicons/numbers.csv`` (an editable lexicon).
Deciding whether a number is about people is :mod:`carlib.tagging.figures`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ..lexicon import read_lexicon

# 1,000 / 100 000 (a space or a narrow space between groups, as the UN writes) / 2.5
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:\.\d+)?"


@dataclass(frozen=True)
class NumberMatch:
    """One number expression: ``text[start:end]`` with its reading.

    ``value`` is None for vague amounts, shares and ranges; ``low``/``high`` bound the reading
    (``low`` is the conservative count of a vague amount); ``share`` is set for
    ``a quarter of the population``.
    """

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    share: float | None = None
    bare_word: bool = False  # a lone small number word ("one", "two"): needs a people noun


@dataclass(frozen=True)
class _Words:
    numbers: dict[str, float]
    fractions: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, float]
    qualifiers: dict[str, str]
    units: frozenset[str]
    pattern: re.Pattern  # matches lower-cased text (several times faster than IGNORECASE)
    pattern_any_case: re.Pattern  # for the rare text whose length changes when lower-cased
    anchor: re.Pattern  # a digit or a number word: sentences without one are skipped


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def words() -> _Words:
    """The number lexicon and the compiled pattern (built once)."""
    lex = read_lexicon("numbers", ("word", "kind", "value"))
    by_kind = {kind: dict(zip(group["word"].str.lower(), group["value"]))
               for kind, group in lex.groupby("kind")}
    numbers = {w: float(v) for w, v in by_kind["number"].items()}
    fractions = {w: float(v) for w, v in by_kind["fraction"].items()}
    scales = {w: float(v) for w, v in {**by_kind["scale"],
                                       **by_kind.get("scale_suffix", {})}.items()}
    vague = {w: float(v) for w, v in by_kind["vague"].items()}
    qualifiers = dict(by_kind["qualifier"])
    units = frozenset(by_kind["unit"])
    word_numbers = [w for w in numbers if w != "a"]
    tens = [w for w, v in numbers.items() if v >= 20]
    units_1_9 = [w for w, v in numbers.items() if 1 <= v <= 9 and w != "a"]
    word_num = rf"(?:(?:{_alternation(tens)})(?:[-\s](?:{_alternation(units_1_9)}))?|{_alternation(word_numbers)})"
    scale = _alternation(scales)
    fraction = _alternation(fractions)
    suffix = _alternation(by_kind.get("scale_suffix", {}))
    amount = (rf"(?:(?:{DIGITS})(?:{suffix})?(?![\w])|{word_num})(?:(?:\s+|-)(?:{scale}))*"
              rf"(?:(?<=hundred)\s+and\s+{word_num})?"
              rf"|a\s+(?:{scale})(?:\s+(?:{scale}))*"
              rf"|(?:a|one)\s+(?:{fraction})\s+(?:of\s+)?a\s+(?:{scale})"
              rf"|(?:{fraction})\s+a\s+(?:{scale})")
    share = (rf"(?:(?:a|one)\s+)?(?:{fraction})\s+(?:of\s+)?(?:the|its|their)\s+"
             rf"(?:[\w-]+\s+){{0,2}}?population"
             rf"|(?:{DIGITS})\s*(?:%|per\s*cent|percent)\s+of\s+(?:the|its|their)\s+"
             rf"(?:[\w-]+\s+){{0,2}}?(?:population|residents|inhabitants)")
    pattern = re.compile(
        rf"(?<![\w$€£.,-])(?:(?P<qual>{_alternation(qualifiers)})\s+)?"
        rf"(?:(?P<share>{share})"
        rf"|(?P<between>between\s+)?(?P<lo>{amount})\s*(?:-|–|to|(?(between)and|(?!)))\s*"
        rf"(?P<hi>{amount})(?=\W|$)"
        rf"|(?P<vague>{_alternation(vague)})"
        rf"|(?P<amount>{amount}))(?![\w])")
    anchor_words = (set(numbers) | set(fractions) | set(scales) | set(vague)) - {"a"}
    anchor = re.compile(rf"\d|\b(?:{_alternation(anchor_words)})")
    return _Words(numbers, fractions, scales, vague, qualifiers, units, pattern,
                  re.compile(pattern.pattern, re.IGNORECASE), anchor)


def parse_amount(text: str) -> float | None:
    """The value of an amount such as ``2,000``, ``2.5 millions``, ``twenty-two``, ``half a
    million``; None if it is not one.

    >>> parse_amount("nearly half a million".split(" ", 1)[1])
    500000.0
    """
    w = words()
    total, current, seen = 0.0, 0.0, False
    grouped = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))", "", text.lower())
    for token in re.findall(r"\d[\d,.]*|[a-z]+(?:-[a-z]+)?", grouped):
        if token[0].isdigit():
            current, seen = float(token.rstrip(".,").replace(",", "")), True
        elif token in w.fractions:
            current, seen = (current or 1.0) * w.fractions[token], True
        elif token in w.scales:
            current = (current or 1.0) * w.scales[token]
            if w.scales[token] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif token == "a":
            current, seen = (current if seen else 1.0), True
        elif token in w.numbers:
            current, seen = current + w.numbers[token], True
        elif "-" in token and all(p in w.numbers for p in token.split("-")):
            current, seen = current + sum(w.numbers[p] for p in token.split("-")), True
        elif token not in ("of", "and"):
            return None
    return total + current if seen else None


def _bounds(qualifier: str, value: float) -> tuple[float | None, float | None]:
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier in ("almost", "up_to", "fewer_than"):
        return None, value
    return None, None


def _is_range(lo: str, hi: str) -> bool:
    low, high = parse_amount(lo), parse_amount(hi)
    return low is not None and high is not None and low < high


def find_numbers(text: str) -> Iterator[NumberMatch]:
    """Every number expression in ``text``, left to right.

    >>> [(m.value, m.qualifier) for m in find_numbers("almost 1,000 people and dozens more")]
    [(1000.0, 'almost'), (None, 'vague')]
    """
    w = words()
    lowered = text.lower()
    same_length = len(lowered) == len(text)
    if same_length and not w.anchor.search(lowered):
        return
    matches = (w.pattern.finditer(lowered) if same_length
               else w.pattern_any_case.finditer(text))
    for m in matches:
        qual_word = (m.group("qual") or "").lower()
        qualifier = w.qualifiers.get(" ".join(qual_word.split()), "exact")
        if m.group("share"):
            phrase = m.group("share").lower()
            fraction = next((v for k, v in w.fractions.items() if k in phrase.split()), None)
            digits = re.match(DIGITS, phrase)
            share = fraction if fraction is not None else (
                float(digits.group().replace(",", "")) / 100 if digits else None)
            yield NumberMatch(m.start(), m.end(), None, None, None, qualifier, share)
        elif m.group("vague"):
            low = w.vague[" ".join(m.group("vague").lower().split())]
            yield NumberMatch(m.start(), m.end(), None, low, None, "vague")
        elif m.group("lo") and _is_range(m.group("lo"), m.group("hi")):
            lo, hi = parse_amount(m.group("lo")), parse_amount(m.group("hi"))
            yield NumberMatch(m.start(), m.end(), None, lo, hi, "range")
        else:  # an amount, or a "range" that is really one number: "twenty-two"
            amount = m.group("amount") or text[m.start("lo"):m.end("hi")]
            if m.group("lo") and parse_amount(amount) is None:
                continue
            value = parse_amount(amount)
            if value is None:
                continue
            bare = not any(ch.isdigit() for ch in amount) and value < 11
            low, high = _bounds(qualifier, value)
            yield NumberMatch(m.start(), m.end(), value, low, high, qualifier, None, bare)
