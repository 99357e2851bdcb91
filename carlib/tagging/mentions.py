"""Who is in the news: actors (armed groups, forces, organisations, media) and named people.

``extract_mentions(articles)`` returns one row per mention:

============  ==============================================================================
provenance    ``article_id, sentence_id, start, end, quote`` (the name as written; a
              possessive ``'s`` is left out)
kind          ``actor`` or ``person``
label         an actor's canonical name from the lexicon, or a person's full name (a later
              ``said Mariner`` is labelled ``Joanne Mariner``)
type          the actor's type from the lexicon (``armed_group``, ``state_force``,
              ``foreign_force``, ``peacekeepers``, ``international_org``, ``ngo``, ``court``,
              ``government``, ``media``), or ``person``
role          a person's role as the text gives it (``senior crisis adviser``); empty if none
organisation  a person's organisation: the actor's label when it is in the lexicon
              (``Amnesty's ...``, ``... at Human Rights Watch``), else as written
              (``... at Oxford University``); for an actor, its affiliation from the lexicon
method        the rule that found it: ``lexicon``; for people ``role_name``
              (``interim president Catherine Samba-Panza``), ``appositive_role``
              (``Joanne Mariner, senior crisis response adviser at Amnesty International``),
              ``said_name`` (``said X``, ``according to X``), ``name_said`` (``X told``),
              ``nltk_ne`` (NLTK's chunker, only when its data is installed), ``known_name`` (the
              full name again) and ``surname`` (``Mariner told IPS``, after the full name)
============  ==============================================================================

Actors come from ``carlib/lexicons/actors.csv`` (or your own CSV with the columns
``label, aliases, type, affiliation``): one regex, longest alias first, tolerant of hyphens,
spaces and accents (``anti-balaka`` = ``anti Balaka`` = ``antibalaka``); acronyms (``ICC``,
``UN``) are case-sensitive and also match dotted (``U.N.``, ``U. N.``); a capitalised word
must keep its capital (``Amnesty``, not ``amnesty``). Capitalised words that are never part
of a person's name (places, weekdays, organisation words) are listed in
``carlib/lexicons/not_names.csv``; rows of type ``not_a_name`` in your own lexicon add to them.

A person is a run of 2-4 capitalised words (``Samba-Panza``, ``Ki-moon``, ``Karikari-apau``,
particles ``de``/``van``/``bin``) that is not an actor, holds no such word, and stands where
news copy puts a name: after a role (``carlib/lexicons/roles.csv``, with its modifiers), an
actor's possessive, after ``said``, before ``said``/``told``/``warned`` (also ``X of Amnesty
International said``), or before an appositive role.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd

from ..lexicon import Phrases, cues, read_lexicon
from .spans import PROVENANCE, Sentence, frame, iter_sentences

__all__ = ["extract_mentions", "tag", "mention_counts", "MENTION_COLUMNS", "GENERIC_TYPES"]

MENTION_COLUMNS = PROVENANCE + ["kind", "label", "type", "role", "organisation", "method"]
# actor types that name a kind of actor, not an actor ("gunmen", "villagers", "soldiers"): their
# labels are resolved where the context is known (carlib.incidents.participants)
GENERIC_TYPES = frozenset({"unidentified", "civilians", "people", "rioters", "protesters",
                           "state_force_generic", "police_generic", "peacekeepers_generic"})
NOT_A_NAME = "not_a_name"

_SP = r"[^\S\r\n]+"

_LATIN = [chr(c) for c in range(0xC0, 0x250)]
_UP = "A-Z" + "".join(c for c in _LATIN if c.isupper())
_LO = "a-z" + "".join(c for c in _LATIN if c.islower())
# a name word: "Samba-Panza", "McDonald", "O'Brien", with a hyphened prefix ("al-") from the lexicon
_NAME_WORD = (rf"(?:(?:{{prefix}})-|[{_UP}]['’])?[{_UP}][{_LO}]+(?:[{_UP}][{_LO}]+)?"
              rf"(?:-[{_UP}{_LO}][{_LO}]+)*")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\s,;:()\[\]\"“”‘!?]+")
_ALPHA_WORD = re.compile(r"[^\W\d_]+(?:[-'’.]+[^\W\d_]+)*\.?")  # "U.S.", "Samba-Panza"
_NLTK_RESOURCES = ("taggers/averaged_perceptron_tagger_eng/", "chunkers/maxent_ne_chunker_tab/",
                   "corpora/words")
_MAX_MODIFIERS = 4
_WINDOW = 80  # characters looked at around a name for its role


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class _Actor:
    label: str
    type: str
    affiliation: str


@dataclass(frozen=True)
class _Lexicon:
    actors: Phrases  # every label and alias; its value is the actor
    not_names: frozenset[str]  # casefolded words never part of a name


def _rows(lexicon: str) -> list[dict]:
    table = read_lexicon(lexicon, ("label", "aliases", "type"))
    if "affiliation" not in table:
        table["affiliation"] = ""
    return table.to_dict("records")


@lru_cache(maxsize=8)
def _lexicon(lexicon: str) -> _Lexicon:
    aliases: dict[str, _Actor] = {}
    not_names = {word.casefold() for words in read_lexicon("not_names", ("words",))["words"]
                 for word in words.split("|") if word}
    for row in _rows(lexicon):
        names = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        if row["type"] == NOT_A_NAME:
            not_names.update(a.casefold() for a in names)
            continue
        actor = _Actor(row["label"], row["type"], row["affiliation"])
        for alias in [row["label"], *names]:
            if any(c.isalnum() for c in alias):  # an empty alias would match everywhere
                aliases.setdefault(alias, actor)
    actors = Phrases(list(aliases), values=aliases, case="as_written", loose=True)
    return _Lexicon(actors, frozenset(not_names))


@dataclass(frozen=True)
class _Grammar:
    """The patterns of where news copy puts a name, built from the cue words once."""

    core: re.Pattern  # one name word
    run: re.Pattern  # two or more capitalised words, with initials and particles between
    speech_before: re.Pattern  # "said " / "according to " right before a name
    speech_after: re.Pattern  # ", also said" right after a name
    appositive: re.Pattern  # ", the " after a name, before its role
    preposition: re.Pattern  # " at the " between a role and its organisation
    list_join: re.Pattern  # ", and " between two names
    actor_to_name: re.Pattern  # "'s " or ", " between an actor and a name
    possessive: re.Pattern  # "'s" in a word: "the country's interim president"
    participle_suffixes: tuple[str, ...]  # "ed": "ousted" president ends the modifiers


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    speech = cues("speech_verb").regex
    particles = cues("name_particle", case="exact").regex
    the = cues("determiner").regex
    possessive = cues("possessive", case="exact").regex
    name_word = _NAME_WORD.format(prefix=cues("name_prefix", case="exact").regex)
    return _Grammar(
        core=re.compile(name_word),
        run=re.compile(rf"(?<![\w'’-]){name_word}(?:{_SP}(?:(?:[{_UP}]\.|{particles}){_SP})*"
                       rf"{name_word})+(?!\w)"),
        speech_before=re.compile(rf"(?<!\w)(?:{speech}|{cues('attribution').regex}){_SP}\Z"),
        speech_after=re.compile(rf",?{_SP}(?:(?:{cues('speech_adverb').regex}){_SP}){{0,2}}"
                                rf"(?:{speech})(?!\w)"),
        appositive=re.compile(rf",{_SP}(?:(?:{the}){_SP})?"),
        preposition=re.compile(rf"{_SP}(?:{cues('affiliation_preposition').regex}){_SP}"
                               rf"(?:(?:{the}){_SP})?"),
        list_join=re.compile(rf",?{_SP}(?:{cues('conjunction').regex}){_SP}|,{_SP}"),
        actor_to_name=re.compile(rf"(?:{possessive})?{_SP}|,{_SP}"),
        possessive=re.compile(possessive),
        participle_suffixes=tuple(cues("participle_suffix", case="exact").phrases))


@dataclass(frozen=True)
class _Roles:
    anywhere: re.Pattern  # a role phrase
    tail: re.Pattern  # a role phrase right before a name ("interim president ")
    of_tail: re.Pattern  # "chief prosecutor of the ICC, " before a name
    heads: frozenset[str]  # role nouns, casefolded ("president", "secretary-general")


@lru_cache(maxsize=1)
def _roles() -> _Roles:
    phrases = read_lexicon("roles", ("role",))["role"].str.lower().tolist()
    body = Phrases(phrases, case="as_written", loose=True).regex
    plural = cues("plural_suffix").regex
    role = rf"(?<!\w)(?P<role>{body})(?P<plural>{plural})?(?!\w)\.?"
    of = cues("affiliation_preposition").regex
    return _Roles(re.compile(role, re.I), re.compile(rf"{role}{_SP}\Z", re.I),
                  re.compile(rf"{role}{_SP}(?:{of}){_SP}[^,;:()\"“”]{{1,50}}?,{_SP}\Z", re.I),
                  frozenset(p.split()[-1] for p in phrases))


# --------------------------------------------------------------------------- one sentence


_WORD_AFTER = re.compile(r"\s*([\w'’-]+)\s*")  # the next word, and the space after it


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    actor: _Actor


@dataclass
class _Person:
    start: int
    end: int
    label: str
    role: str
    organisation: str
    method: str
    plural: bool = False  # "Presidents X and Y": the role also covers the next name


@dataclass(frozen=True)
class _Description:
    role: str
    organisation: str
    plural: bool = False


@dataclass
class _Context:
    """One sentence's text, its actors and the people found in it so far."""

    text: str
    lexicon: _Lexicon
    actors: list[_Span] = field(init=False)
    people: list[_Person] = field(default_factory=list)

    def __post_init__(self) -> None:
        found = ((m, self.lexicon.actors.value(m.group()))
                 for m in self.lexicon.actors.finditer(self.text))
        self.actors = [self._before_role(_Span(m.start(), m.end(), actor))
                       for m, actor in found if actor]

    def _before_role(self, span: _Span) -> _Span:
        """An alias that starts with a word of the past (``former_word``: ``former Seleka``)
        before a role noun modifies the role (``the former Seleka leader``: a former leader
        of Seleka), so it names the group of the rest of it (``Seleka``), when that is an
        alias too."""
        after = _WORD_AFTER.match(self.text, span.end)
        first = _WORD_AFTER.match(self.text, span.start)
        if not after or after.group(1).lower() not in _roles().heads or \
                first.group(1) not in cues("former_word") or first.end() >= span.end:
            return span
        rest = self.lexicon.actors.value(self.text[first.end():span.end])
        return _Span(first.end(), span.end, rest) if rest else span

    def actor_at(self, position: int) -> _Span | None:
        return next((a for a in self.actors if a.start <= position < a.end), None)

    def person_at(self, position: int) -> _Person | None:
        return next((p for p in self.people if p.start <= position < p.end), None)

    def taken(self, start: int, end: int) -> bool:
        return any(s.start < end and start < s.end for s in [*self.actors, *self.people])


def _blocks(ctx: _Context, token: re.Match, last: bool, in_role: bool) -> bool:
    """Whether this word of a capitalised run cannot be part of a person's name."""
    if in_role or ctx.actor_at(token.start()) or ctx.actor_at(token.end() - 1):
        return True
    if not _grammar().core.fullmatch(token.group()):
        return False  # a particle or an initial, kept only between two name words
    word = token.group().casefold()
    heads = _roles().heads
    return (word in cues("function_word")
            or any(part in ctx.lexicon.not_names for part in word.split("-"))
            or (not last and (word in heads or _plural_of(word) in heads)))  # not John "Major"


def _plural_of(word: str) -> str | None:
    """The singular of a plural ending in a ``plural_suffix`` (``presidents``), else None."""
    for suffix in _plural_suffixes():
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[:-len(suffix)]
    return None


@lru_cache(maxsize=1)
def _plural_suffixes() -> tuple[str, ...]:
    return tuple(p.casefold() for p in cues("plural_suffix").phrases)


def _name_spans(ctx: _Context) -> Iterator[tuple[int, int]]:
    """Spans of 2-4 capitalised words that could be a person's name."""
    for run in _grammar().run.finditer(ctx.text):
        tokens = list(_TOKEN.finditer(ctx.text, run.start(), run.end()))
        phrases = [r.span() for r in _roles().anywhere.finditer(ctx.text, run.start(), run.end())
                   if len(r.group("role").split()) > 1]  # "Prime Minister", "High Commissioner"
        piece: list[re.Match] = []
        for i, token in enumerate([*tokens, None]):
            if token is not None and not _blocks(ctx, token, i == len(tokens) - 1, any(
                    a <= token.start() < b for a, b in phrases)):
                piece.append(token)
                continue
            cores = [t for t in piece if _grammar().core.fullmatch(t.group())]
            if 2 <= len(cores) <= 4:
                yield cores[0].start(), cores[-1].end()
            piece = []


def _modifiers(ctx: _Context, start: int) -> tuple[list[str], str]:
    """The words before a role that belong to it, and the actor that leads them.

    ``Amnesty's senior crisis`` adviser -> (``senior crisis``, Amnesty International). Place
    words and capitalised words next to the role are modifiers (``French`` Ambassador); a
    past participle ends them (``ousted`` President); a lower-case word right after a name or
    a pronoun is a verb, not a modifier (Kiir ``met`` rebel leader Riek Machar).
    """
    text, words = ctx.text, []
    for word in reversed(list(_WORD.finditer(text, max(0, start - _WINDOW), start))):
        bare = word.group().rstrip(".")
        if text[word.end():start].strip() or len(words) >= _MAX_MODIFIERS:
            break
        actor = ctx.actor_at(word.start())
        if actor:
            return words, actor.actor.label
        if _grammar().possessive.search(bare) or not _ALPHA_WORD.fullmatch(bare):
            break  # "the country's interim president"
        lower_before = bool(words) and words[0][:1].islower()
        name_like = bare[:1].isupper() and bare.casefold() not in ctx.lexicon.not_names
        if ctx.person_at(word.start()) or bare in cues("pronoun") or (
                name_like and lower_before):
            return words[lower_before:], ""
        if (bare in cues("function_word") or bare in cues("speech_verb")):
            break
        words.insert(0, word.group() if "." in bare else bare)  # "U.S." ambassador
        start = word.start()
        if bare.endswith(_grammar().participle_suffixes):
            break
    return words, ""


def _described(ctx: _Context, role: re.Match, organisation: str = "") -> _Description:
    """A role phrase with its modifiers (``Amnesty's senior crisis adviser``)."""
    modifiers, inner = _modifiers(ctx, role.start())
    return _Description(" ".join([*modifiers, *role.group("role").split()]),
                        organisation or inner, bool(role.group("plural")))


def _organisation_after(ctx: _Context, position: int) -> str:
    """``at Amnesty International`` / ``of Oxford University`` right after a role."""
    prep = _grammar().preposition.match(ctx.text, position)
    if not prep:
        return ""
    actor = ctx.actor_at(prep.end())
    run = _grammar().run.match(ctx.text, prep.end())
    if actor:
        return actor.actor.label
    if run and not any(w in cues("function_word") for w in run.group().split()):
        return run.group()
    return ""


def _role_before(ctx: _Context, start: int) -> _Description | None:
    """What the words right before a name say about the person, if anything."""
    lo = max(0, start - _WINDOW)
    role = _roles().tail.search(ctx.text, lo, start)
    if role:  # "Amnesty's senior crisis adviser Joanne Mariner"
        return _described(ctx, role)
    actor = next((a for a in ctx.actors if _grammar().actor_to_name.fullmatch(ctx.text, a.end, start)), None)
    if actor and "," not in ctx.text[actor.end:start]:  # "CNN's Nana Karikari-apau"
        # "U. N.  High Commissioner for Human Rights Navi Pillay"
        inner = _roles().anywhere.search(ctx.text, actor.start, actor.end)
        return _Description(" ".join(ctx.text[inner.start():actor.end].split()) if inner else "",
                            actor.actor.label)
    role = _roles().of_tail.search(ctx.text, lo, start)  # "chief prosecutor of the ICC, X"
    return _described(ctx, role, actor.actor.label if actor else "") if role else None


def _appositive(ctx: _Context, end: int) -> _Description | None:
    """What ``X, senior legal advisor at Human Rights Watch,`` says about X."""
    text = ctx.text
    lead = _grammar().appositive.match(text, end)
    if not lead:
        return None
    stop = lead.end()
    for word in _WORD.finditer(text, lead.end(), min(len(text), lead.end() + _WINDOW)):
        bare = word.group().rstrip(".")
        if text[stop:word.start()].strip() or (not ctx.actor_at(word.start()) and (
                bare in cues("function_word") or not _ALPHA_WORD.fullmatch(bare))):
            break
        stop = word.end()
    roles = [r for r in _roles().anywhere.finditer(text, lead.end(), min(len(text), stop + 30))
             if r.start() < stop]
    if not roles:
        return None
    description = _described(ctx, roles[-1])
    return description if description.organisation else _Description(
        description.role, _organisation_after(ctx, roles[-1].end()))


def _find_people(ctx: _Context) -> None:
    """Add to ``ctx.people`` every name that stands where news copy puts a person."""
    chunked = _nltk_people(ctx.text)
    for start, end in _name_spans(ctx):
        before = _role_before(ctx, start)
        previous = ctx.people[-1] if ctx.people else None
        if before is None and previous and previous.plural and _grammar().list_join.fullmatch(
                ctx.text, previous.end, start):
            before = _Description(previous.role, previous.organisation, True)
        after = _appositive(ctx, end)
        of = _grammar().preposition.match(ctx.text, end)
        of_actor = ctx.actor_at(of.end()) if of else None  # "X of Amnesty International said"
        rules = {"role_name": before, "appositive_role": after,
                 "said_name": _grammar().speech_before.search(ctx.text, max(0, start - 30), start),
                 "name_said": _grammar().speech_after.match(ctx.text, of_actor.end if of_actor else end),
                 "nltk_ne": any(a <= start and end <= b for a, b in chunked)}
        method = next((name for name, found in rules.items() if found), None)
        if method:
            told = [d for d in (before, after) if d]
            organisation = of_actor.actor.label if of_actor else ""
            ctx.people.append(_Person(
                start, end, " ".join(ctx.text[start:end].split()),
                next((d.role for d in told if d.role), ""),
                next((d.organisation for d in told if d.organisation), organisation),
                method, bool(before and before.plural)))


# --------------------------------------------------------------------------- NLTK, if present


@lru_cache(maxsize=1)
def _nltk_chunker() -> Callable[[list[str]], list[tuple[str, str, str]]] | None:
    """NLTK's POS tagger + NE chunker when their data is installed; never downloads."""
    import nltk

    try:
        for resource in _NLTK_RESOURCES:
            nltk.data.find(resource)
    except LookupError:
        return None
    from nltk.chunk import ne_chunker, tree2conlltags
    from nltk.tag.perceptron import PerceptronTagger

    tagger, chunker = PerceptronTagger(), ne_chunker()
    return lambda tokens: tree2conlltags(chunker.parse(tagger.tag(tokens)))


def _nltk_people(text: str) -> list[tuple[int, int]]:
    """Spans NLTK's chunker calls PERSON (none when its data is not installed)."""
    chunk = _nltk_chunker()
    if chunk is None:
        return []
    tokens = list(re.finditer(r"\w+(?:[-'’]\w+)*|[^\w\s]", text))
    spans: list[tuple[int, int]] = []
    inside = False
    for token, (_, _, iob) in zip(tokens, chunk([t.group() for t in tokens])):
        if iob == "I-PERSON" and inside:
            spans[-1] = (spans[-1][0], token.end())
        elif iob == "B-PERSON" or iob == "I-PERSON":
            spans.append((token.start(), token.end()))
        inside = iob.endswith("-PERSON")
    return spans


# --------------------------------------------------------------------------- one article


def _later_mentions(found: list[tuple[Sentence, _Context]]) -> None:
    """Add ``known_name`` / ``surname`` mentions of the people this article has named."""
    first: dict[str, tuple[int, int]] = {}
    described: dict[str, _Person] = {}
    for sentence, ctx in found:
        for person in ctx.people:
            first.setdefault(person.label, (sentence.sentence_id, person.start))
            if person.role or person.organisation:
                described.setdefault(person.label, person)
    if not first:
        return
    surnames: dict[str, str] = {}
    for label in first:
        surnames[label.split()[-1]] = label if label.split()[-1] not in surnames else ""
    names = {**{s: l for s, l in surnames.items() if l}, **{label: label for label in first}}
    for sentence, ctx in found:
        for start, end, name in _occurrences(ctx.text, names):
            label = names[name]
            if ctx.taken(start, end) or (
                    name != label and (sentence.sentence_id, start) < first[label]):
                continue
            known = described.get(label, _Person(0, 0, label, "", "", ""))
            ctx.people.append(_Person(start, end, label, known.role, known.organisation,
                                      "known_name" if name == label else "surname"))


def _occurrences(text: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Whole-word occurrences of ``names`` in ``text``, longest name first, not overlapping
    (``str.find``: an article's few names do not pay for compiling a regex)."""
    found: list[tuple[int, int, str]] = []
    for name in sorted(names, key=len, reverse=True):
        at = text.find(name)
        while at != -1:
            end = at + len(name)
            free = (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_'’-")) and (
                end == len(text) or not (text[end].isalnum() or text[end] in "_-"))
            if free and not any(a < end and at < b for a, b, _ in found):
                found.append((at, end, name))
            at = text.find(name, at + 1)
    return sorted(found)


def _rows_of(found: list[tuple[Sentence, _Context]]) -> Iterator[dict]:
    for sentence, ctx in found:
        mentions = [(a.start, a.end, {"kind": "actor", "label": a.actor.label, "type": a.actor.type,
                                      "role": "", "organisation": a.actor.affiliation,
                                      "method": "lexicon"}) for a in ctx.actors]
        mentions += [(p.start, p.end, {"kind": "person", "label": p.label, "type": "person",
                                       "role": p.role, "organisation": p.organisation,
                                       "method": p.method}) for p in ctx.people]
        for start, end, fields in sorted(mentions, key=lambda m: m[0]):
            yield {**sentence.provenance(start, end), **fields}


def extract_mentions(articles: pd.DataFrame, sents: pd.DataFrame | None = None,
                     lexicon: str | Path = "actors") -> pd.DataFrame:
    """Tag actors (from ``lexicon``) and named people in every sentence of ``articles``.

    ``sents`` is the sentences table when already computed; ``lexicon`` a shipped lexicon's
    name or the path to your own CSV (``label, aliases, type, affiliation``).

    >>> mentions = extract_mentions(load_articles("seeds"))  # doctest: +SKIP
    >>> people = mentions[mentions.kind == "person"]  # doctest: +SKIP
    >>> people[["quote", "label", "role", "organisation"]].head(2)  # doctest: +SKIP
                quote             label                   role           organisation
    0  Christian Mukosa  Christian Mukosa  Central African expert  Amnesty International
    1    Joanne Mariner    Joanne Mariner  senior crisis adviser  Amnesty International
    """
    lex = _lexicon(str(lexicon))
    rows: list[dict] = []
    for _, group in groupby(iter_sentences(articles, sents), key=attrgetter("article_id")):
        found = []
        for sentence in group:
            ctx = _Context(sentence.text, lex)
            _find_people(ctx)
            found.append((sentence, ctx))
        _later_mentions(found)
        rows.extend(_rows_of(found))
    return frame(rows, MENTION_COLUMNS)


def tag(articles: pd.DataFrame, sents: pd.DataFrame | None = None,
        lexicon: str | Path = "actors") -> pd.DataFrame:
    """Deprecated: the old name of :func:`extract_mentions` (same arguments, same table)."""
    warnings.warn("carlib.tag is deprecated; use carlib.extract_mentions", DeprecationWarning,
                  stacklevel=2)
    return extract_mentions(articles, sents, lexicon)


def mention_counts(mentions: pd.DataFrame, kind: str = "actor") -> pd.DataFrame:
    """How often each named actor (or person) is mentioned, per article and in all, most first
    (generic mentions such as ``gunmen`` or ``villagers`` are left out).

    >>> mention_counts(extract_mentions(load_articles("seeds"))).head(3)  # doctest: +SKIP
    """
    chosen = mentions[(mentions["kind"] == kind) & ~mentions["type"].isin(GENERIC_TYPES)]
    counts = pd.crosstab([chosen["label"], chosen["type"]], chosen["article_id"])
    counts["all"] = counts.sum(axis=1)
    return counts.sort_values("all", ascending=False)
