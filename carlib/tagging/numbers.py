"""Numbers as news writes them: ``1,000``, ``2.5 millions``, ``twenty-two``, ``three-thousand``,
``nearly half a million``, ``tens of thousands``, ``several hundred``, ``a quarter``, ``one in
five``, ``81 per cent``, ``between 50 and 100``, ``one hundred to several hundred``.

``find_numbers(text)`` yields :class:`NumberMatch` objects with the span, the parsed value and
the qualifier; every word comes from ``carlib/lexicons/<lang>/numbers.csv`` (an editable
lexicon), by ``kind``:

===================  ==========================================================================
number               cardinals (``one`` .. ``ninety``); ``value`` is the number
article              ``a``: one, before a scale word or a fraction (``a million``, ``a quarter``)
scale                ``hundred``, ``thousand``, ``million``, ``dozen`` ... (multiplies)
scale_suffix         written onto the digits: ``1.5m``, ``2bn``
fraction             ``half``, ``quarter``, ``third``, ``fifth``, ``thirds`` ... (a share, or a
                     part of a scale word: ``half a million``)
vague                ``dozens``, ``hundreds``, ``tens of thousands``; ``value`` is the
                     conservative floor (ACLED: dozens 12, hundreds 100, thousands 1000)
vague_modifier       ``several``, ``a few``, ``many``, ``untold``: before a scale or a vague word
                     it makes a vague amount whose floor is that word's (``several hundred``
                     = 100, ``several thousand`` = 1000, ``many hundreds`` = 100)
qualifier            before the number: ``more than``, ``at least``, ``nearly``, ``some``...;
                     ``value`` is the qualifier (``more_than``, ``at_least``, ``almost``...)
qualifier_after      after the number: ``22 minimum``, ``20 or more``
number_and           joins the parts of one number (``two hundred and fifty``)
number_of            joins a fraction to its scale (``a quarter of a million``)
share_per            ``one in five``, ``one out of ten``: a share
range_open           opens a range; ``value`` is the word that closes it (``between`` .. ``and``)
range_joiner         between the ends of a range (``30-40``, ``30 to 40``)
unit                 a word after the number that makes it a count of things, not of people
                     (read by :mod:`carlib.tagging.figures`)
===================  ==========================================================================

A percentage (``81 per cent``, ``75%``; the words are ``context_cues.csv``'s ``percent``) is a
share. Digits are read as written: ``1,000``, ``100 000``, ``(1, 497)`` (a stray space in a list
in brackets), ``2.500`` (a full stop between groups of three); a number plainly mistyped
(``30.0000``) has no value and the qualifier ``unreadable`` (it is never guessed).
Deciding whether a number is about people is :mod:`carlib.tagging.figures`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

from ..lexicon import Phrases, cues, read_lexicon

# 1,000 / 100 000 (a space or a narrow space between groups, as the UN writes) / 2.5; "(1, 497)"
# in a list in brackets; 2.500 (full stops between groups of three)
DIGITS = (r"(?<=\()\d{1,3},\s\d{3}(?=\))|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
          r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:\.\d+)?")
_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))|(?<=\d,)\s(?=\d{3}(?!\d))")
_DOTTED_GROUPS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_LONG_DECIMAL = re.compile(r"\d+\.\d{4,}")
_TOKEN = re.compile(r"\d[\d,.]*|[^\W\d_]+")
_PLAIN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


class NumberMatch(NamedTuple):
    """One number expression: ``text[start:end]`` with its reading.

    ``value`` is None for vague amounts, shares, ranges and unreadable numbers; ``low``/``high``
    bound the reading (``low`` is the conservative count of a vague amount); ``share`` is set
    for a share (``a quarter``, ``one in five``, ``81 per cent``).
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
    vague_modifiers: Phrases
    qualifiers: dict[str, str]
    units: frozenset[str]
    articles: frozenset[str]
    joiners: frozenset[str]  # words inside one number: "and", "of"
    pattern: re.Pattern  # matches lower-cased text (several times faster than IGNORECASE)
    pattern_any_case: re.Pattern  # for the rare text whose length changes when lower-cased


def _trie(words) -> str:
    """One regex for a word list (a trie, longest first; spaces match any white space)."""
    return Phrases(list(words), case="exact").regex


@lru_cache(maxsize=1)
def words() -> _Words:
    """The number lexicon and the compiled pattern (built once)."""
    lex = read_lexicon("numbers", ("word", "kind", "value"))
    by_kind = {kind: dict(zip(group["word"].str.lower(), group["value"]))
               for kind, group in lex.groupby("kind")}
    kind = lambda name: by_kind.get(name, {})  # noqa: E731
    numbers = {w: float(v) for w, v in kind("number").items()}
    articles = frozenset(kind("article"))
    fractions = {w: float(v) for w, v in kind("fraction").items()}
    scales = {w: float(v) for w, v in {**kind("scale"), **kind("scale_suffix")}.items()}
    vague = {w: float(v) for w, v in kind("vague").items()}
    qualifiers = {**kind("qualifier"), **kind("qualifier_after")}
    units = frozenset(kind("unit"))
    word_numbers = [w for w in numbers if w not in articles]
    tens = [w for w, v in numbers.items() if v >= 20 and w in word_numbers]
    units_1_9 = [w for w, v in numbers.items() if 1 <= v <= 9 and w in word_numbers]
    hundreds = [w for w, v in kind("scale").items() if float(v) == 100]
    after_hundred = "|".join(f"(?<={re.escape(h)})" for h in hundreds) or "(?!)"
    article, num_and, num_of = _trie(articles), _trie(kind("number_and")), _trie(kind("number_of"))
    word_num = rf"(?:(?:{_trie(tens)})(?:[-\s](?:{_trie(units_1_9)}))?|{_trie(word_numbers)})"
    scale, fraction = _trie(kind("scale")), _trie(fractions)
    suffix = _trie(kind("scale_suffix"))
    vague_mod = _trie(kind("vague_modifier"))
    percent = cues("percent", "exact").regex
    amount = (rf"(?:(?:{DIGITS})(?:{suffix})?(?![\w])|{word_num})(?:(?:\s+|-)(?:{scale}))*"
              rf"(?:(?:{after_hundred})\s+(?:{num_and})\s+{word_num})?"
              rf"|(?:{article})\s+(?:{scale})(?:\s+(?:{scale}))*")
    fraction_amount = (rf"(?:(?:{article}|{word_num})[\s-]+)?(?:{fraction})\s+(?:(?:{num_of})\s+)?"
                       rf"(?:{article})\s+(?:{scale})")
    share = (rf"(?:(?:{article}|{word_num}|\d+)[\s-]+)?(?:{fraction})"
             rf"|(?:{word_num}|\d+)\s+(?:{_trie(kind('share_per'))})\s+(?:\d{{1,3}}|{word_num})"
             rf"(?![\w,.]\d)"
             rf"|(?:{DIGITS})\s*(?:{percent})")
    vague_amount = (rf"(?:(?:{vague_mod})\s+)?(?:{_trie(vague)})"
                    rf"|(?:{vague_mod})\s+(?:{scale})(?:(?:\s+(?:{num_of}))?\s+(?:{scale}))*")
    open_words = kind("range_open")
    closers = _trie(set(open_words.values()) or {"(?!)"})
    joiner = _trie(kind("range_joiner"))
    qualifier = _trie(kind("qualifier"))
    # the first word of any number expression: positions that start no number fail at once
    # how a number expression can start: positions that start none fail at once (a common
    # word such as "a", "at", "some" passes only when a number could follow it)
    lead = rf"\d|(?:{_trie([*word_numbers, *fractions, *vague])})(?![^\W\d_])"
    lead = (rf"{lead}|(?:{article})\s+(?:{scale}|{fraction})|(?:{vague_mod})\s+(?:{scale}|"
            rf"{_trie(vague)})|(?:{_trie(open_words)})\s+(?:\d|{word_num})")
    first = rf"(?=(?:{qualifier})\s+(?:(?:{qualifier})\s+)?(?:{lead}|{scale})|{lead})"
    pattern = re.compile(
        rf"(?<![\w$€£.,-]){first}(?:(?P<qual>{qualifier})\s+(?:(?P<qual2>{qualifier})\s+)?)?"
        rf"(?:(?:(?P<open>{_trie(open_words)})\s+)?(?P<lo>{amount})\s*"
        rf"(?:(?(open)(?:{closers})|(?!))|(?:{joiner}))\s*(?P<hi>{amount}|{vague_amount})(?=\W|$)"
        rf"|(?P<fraction_amount>{fraction_amount})"
        rf"|(?P<share>{share})"
        rf"|(?P<vague>{vague_amount})"
        rf"|(?P<amount>{amount})"
        rf"|(?(qual)(?P<scale>{scale})|(?!)))"
        rf"(?:\s+(?P<post>{_trie(kind('qualifier_after'))}))?(?![\w])")
    joiners = frozenset(kind("number_and")) | frozenset(kind("number_of"))
    return _Words(numbers, fractions, scales, vague, Phrases(kind("vague_modifier"), case="exact"),
                  qualifiers, units, articles, joiners, pattern,
                  re.compile(pattern.pattern, re.IGNORECASE))


def parse_amount(text: str) -> float | None:
    """The value of an amount such as ``2,000``, ``2.5 millions``, ``twenty-two``,
    ``three-thousand``, ``half a million``; None if it is not one.

    >>> parse_amount("nearly half a million".split(" ", 1)[1])
    500000.0
    """
    w = words()
    total, current, seen = 0.0, 0.0, False
    grouped = _GROUPS.sub("", text.lower())
    for token in _TOKEN.findall(grouped):
        if token[0].isdigit():
            digits = token.rstrip(".,")
            if _DOTTED_GROUPS.fullmatch(digits):  # "2.500": groups of three
                digits = digits.replace(".", "")
            current, seen = float(digits.replace(",", "")), True
        elif token in w.fractions:
            current, seen = (current or 1.0) * w.fractions[token], True
        elif token in w.scales:
            current = (current or 1.0) * w.scales[token]
            if w.scales[token] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif token in w.articles:
            current, seen = (current if seen else 1.0), True
        elif token in w.numbers:
            current, seen = current + w.numbers[token], True
        elif token not in w.joiners:
            return None
    return total + current if seen else None


def _vague_floor(text: str) -> float | None:
    """The floor of a vague amount: ``dozens`` 12, ``several hundred`` 100, ``many hundreds``
    100, ``several hundred thousand`` 100000."""
    w = words()
    phrase = " ".join(text.lower().split())
    modifier = w.vague_modifiers.match(phrase)
    rest = phrase[modifier.end():].strip() if modifier else phrase
    if rest in w.vague:
        return w.vague[rest]
    floor = 1.0
    for token in _TOKEN.findall(rest):
        if token in w.scales:
            floor *= w.scales[token]
        elif token not in w.joiners:
            return None
    return floor if floor > 1 else None


def _share(text: str) -> float | None:
    """The share a phrase states: ``a quarter`` 0.25, ``two-thirds`` 0.667, ``one in five``
    0.2, ``81 per cent`` 0.81."""
    w = words()
    tokens = _TOKEN.findall(_GROUPS.sub("", text.lower()))
    values = []
    for token in tokens:
        if token[0].isdigit():
            values.append(float(token.rstrip(".,").replace(",", "")))
        elif token in w.fractions:
            return (values[-1] if values else 1.0) * w.fractions[token]
        elif token in w.numbers or token in w.articles:
            values.append(w.numbers.get(token, 1.0))
    if len(values) >= 2 and values[1]:  # one in five
        return values[0] / values[1]
    return values[0] / 100 if values else None  # 81 per cent


def _bounds(qualifier: str, value: float) -> tuple[float | None, float | None]:
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier in ("almost", "up_to", "fewer_than"):
        return None, value
    return None, None


def find_numbers(text: str) -> Iterator[NumberMatch]:
    """Every number expression in ``text``, left to right.

    >>> [(m.value, m.qualifier) for m in find_numbers("almost 1,000 people and dozens more")]
    [(1000.0, 'almost'), (None, 'vague')]
    """
    for reading in readings(text):
        yield NumberMatch(*reading)


def readings(text: str) -> Iterator[tuple]:
    """The fields of each :class:`NumberMatch` of ``text`` as a plain tuple (for callers that
    shift the offsets, such as :mod:`carlib.tagging.figures`)."""
    w = words()
    lowered = text.lower()
    matches = (w.pattern.finditer(lowered) if len(lowered) == len(text)
               else w.pattern_any_case.finditer(text))
    for m in matches:
        g = m.groupdict()
        start, end = m.span()
        qualifier = w.qualifiers.get(" ".join((g["post"] or g["qual2"] or g["qual"]
                                               or "").lower().split()), "exact")
        if g["share"]:
            share = _share(g["share"])
            if share is not None:
                yield start, end, None, None, None, qualifier, share, False
        elif g["vague"]:
            yield start, end, None, _vague_floor(g["vague"]), None, "vague", None, False
        elif g["lo"] is not None:
            low, high = parse_amount(g["lo"]), parse_amount(g["hi"])
            if low is not None and high is not None and low < high:
                yield start, end, None, low, high, "range", None, False
            elif low is not None and high is None and _vague_floor(g["hi"]):
                # "from one hundred to several hundred": at least the lower end
                yield start, end, low, low, None, "at_least", None, False
            else:  # a "range" that is really one number: "twenty-two", "three-thousand"
                value = parse_amount(text[m.start("lo"):m.end("hi")])
                if value is not None:
                    yield (start, end, value, *_bounds(qualifier, value), qualifier, None,
                           False)
        else:
            amount = g["fraction_amount"] or g["amount"] or g["scale"]
            if _PLAIN.fullmatch(amount):  # most numbers: "25", "1,000"
                value, bare = float(amount.replace(",", "")), False
            elif _LONG_DECIMAL.fullmatch(amount):  # "30.0000 people": plainly mistyped
                yield start, end, None, None, None, "unreadable", None, False
                continue
            else:
                value = parse_amount(amount)
                if value is None:
                    continue
                bare = value < 11 and not any(ch.isdigit() for ch in amount)
            yield start, end, value, *_bounds(qualifier, value), qualifier, None, bare
