"""Event frames: for each event word, who did what to whom, where and when, read from its clause.

A frame starts at a trigger (``incident_cues.csv``, kind ``trigger``: ``killed``, ``attack``,
``clashes``, ``roadside bomb``...) that no hedge (``could``, ``fear``) nor description of a
place's past (``context_clause``: ``plagued by``) precedes in its clause and whose sentence is
not background (``since`` long ago, ``in recent years``, a date more than
``BACKGROUND_DAYS`` before publication, the perfect of ``the violence has killed thousands``
in a sentence with no date and no town: ``summary_tense``; nor a sentence with no date of its
own in a paragraph that opens with a date long ago: ``The country has faced fighting since 2013
... Untold thousands were killed``). Its parts, each with its words and offsets:

- **agent and patient** by voice and preposition: active ``X killed Y``; passive ``Y were
  killed (by X)``, also ``12 people killed in ...``; nominal ``an attack by X on Y``, ``X's
  attack``, ``X carried out an attack`` (a ``light_verb``), ``Y came under attack from X``;
  ``clashes between X and Y``, ``X clashed with Y``. The participants are the sentence's
  actors and armed posts (``a base``, ``a patrol``: :mod:`carlib.incidents.participants`); with no
  agent, a named armed actor of the two sentences before, else ``Unidentified Armed Group``
  for violent acts. When the attacked side fights back (``returned fire, killing five of the
  attackers``), the attackers stay the agent of the clash.
- **type** from the act, the agent's class and the patient's class (``incident_types.csv``):
  an armed patient makes a battle, unarmed people violence against civilians.
- **place** from the geo step's mentions of the clause, then of the sentence, that are where
  things happened (relation ``at``, ``near`` or none; never a destination, an origin, a
  speaker's location or a dateline), then of the two sentences before in the paragraph, then
  the story's town (the first sentences' town if an event happened there, else the town of the
  first event its own sentence places: not a caption's), then the article's focus country
  (precision 3). ``near`` a place is precision 2.
- **time** from the clause's date, else the sentence's, else the publication date
  (time_precision 3); a date after publication is a plan, not an event.
- **deaths**: each figure of the ``killed`` category goes to the nearest violent trigger of its
  sentence; a list of the dead that names some one by one (``a soldier and a civilian``,
  ``a civilian along with two customs officials``) is one row counting each of those as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..geo.geoparse import WHERE_KINDS
from ..lexicon import Phrases, cues
from ..tagging.figures import listed, people_noun, total_cues
from ..tagging.spans import rows_by_sentence
from .cues import event_type, incident_cues
from .participants import Participant, participants

__all__ = ["Frame", "frames_of", "BACKGROUND_DAYS"]

BACKGROUND_DAYS = 120  # an event dated further back than this before publication is context
VIOLENT = {"kill", "massacre", "wound", "attack", "ambush", "clash", "explode", "suicide",
            "airstrike", "shell", "grenade", "abduct", "rape", "capture"}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_BETWEEN_REACH = 25  # characters after a trigger where its "between" may stand
_NOMINAL_REACH = 25  # characters before a nominal trigger where its agent may stand
_TARGET_REACH = 80  # characters after a nominal trigger where its "on"/"against" may stand
_BLAME_REACH = 30  # characters before an event noun where a verb that lays it on someone may stand
_PARTICIPLE_CLAUSE = re.compile(r",\s*\Z")  # ", killing five": the same agent as before
_HEDGE_AFTER = 25  # "attacks ... may constitute a war crime": a hedge just after counts too
_ADJECTIVAL = {"loot", "burn", "destroy", "wound"}
PROPERTY = {"loot", "burn", "destroy"}
EXPULSION = {"expel"}  # people forced out of a place
INITIATING = {"attack", "ambush", "massacre", "capture"}  # acts whose agent started the event
ANSWERING = {"retake"}  # acts whose agent answered an event another side started
UNDONE = {"capture"}  # acts an answering act undoes: a town's recapture is another event
OUTCOMES = {"kill", "wound"}  # what an act did, not the act itself
_DEATH = "kill"  # the outcome whose one patient is one dead ("injuring a worker" is none)
_LOOKBACK = 2
_AREAS = {"country", "admin1", "admin2", "region"}
LEDE = 3  # the first sentences (headline, lede): they sum up the story
STORY = 2  # Frame.lowered of a frame placed at the story's town
LAST_RESORT = 3  # Frame.lowered of a frame placed at the focus country, nothing nearer named
_PREVIOUS_WORD = re.compile(r"[^\W\d_]+\s+\Z")  # the word right before a position
_POSSESSIVE = re.compile(r"['’]s?\b")  # "Friday's attacks": what follows belongs to it


@dataclass
class Part:
    """One part of a frame: its words and where they are in the article (-1: absent)."""

    quote: str = ""
    start: int = -1
    end: int = -1

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Part":
        return cls(text[start:end], start, end)


@dataclass
class Frame:
    """An event mention with its parts; ``place`` is a row of the places table."""

    article_id: str
    sentence_id: int
    paragraph_id: int
    sentence: tuple[int, int]  # the sentence's offsets
    act: str
    label: str
    trigger: Part
    agent: Participant | None
    patient: Participant | None
    place: dict
    place_part: Part
    lowered: int  # how far the place was looked for (0: its sentence; STORY, LAST_RESORT)
    event_date: pd.Timestamp
    time_precision: int
    time_part: Part
    share: int = 1  # how many places the trigger's sentence spread it over
    anaphoric: bool = False  # "the attack": a mention of an event already reported
    sequel: bool = False  # after a sequence cue ("days after 30 others died"): another event
    single_victim: bool = False  # "a peacekeeper was killed": one dead
    answer: bool = False  # "the patrol returned fire and killed three": the attacked fought back
    no_dead: bool = False  # "the attack caused no casualties": none dead
    deaths: list[dict] = field(default_factory=list)  # the figures rows of its dead
    object_class: str = "any"  # with no patient: "town" when a town or a city was attacked

    @property
    def event_type(self) -> tuple[str, str]:
        return event_type(self.act, self.agent.side if self.agent else "any",
                          self.patient.target if self.patient else self.object_class)

    @property
    def sound_only(self) -> bool:
        """Whether it names only the sound of violence (``gunfire rang out``): no target, no
        dead; it may restate an event but does not report one."""
        return self.patient is None and not self.deaths and self.trigger.quote.lower() in \
            incident_cues().sound

    @property
    def possible_types(self) -> set[str]:
        """The event types the frame may have: its own, or, where the act's type depends on
        a patient the frame has not got (``an attack in Djibo``, ``four people died``), each
        a patient would give; bodies found are only their own (``40 bodies were recovered``
        beside clashes is no restatement of the clashes).

        >>> sorted(frame.possible_types)  # doctest: +SKIP
        ['Battles', 'Violence against civilians']
        """
        if (self.patient is not None and self.patient.target != "any") or \
                self.trigger.quote.lower() in incident_cues().remains:
            return {self.event_type[0]}  # bodies found: killings of civilians (ACLED), unless
            # the dead are soldiers or fighters
        side = self.agent.side if self.agent else "any"
        return {event_type(self.act, side, target)[0] for target in ("any", "armed", "civilian")}

    @property
    def provisional(self) -> bool:
        """Whether its type is a guess (:attr:`possible_types`), so another report of the
        event may say it."""
        return len(self.possible_types) > 1


def _attributive(text: str, start: int) -> bool:
    """A participle used as an adjective or as a noun of people: an article, a possessive or
    an ``of`` before it (``his burned hut``, ``the looted shops``, ``hundreds of wounded``)."""
    return any(cues(kind).before(text, start, 12) for kind in ("before_adjective",
                                                                "before_participle"))


def _anaphoric(text: str, start: int, word: str) -> bool:
    """An event noun after a definite or demonstrative determiner, one word between allowed
    (``the attack``, ``these killings``, ``the deadly attack``): it refers back. A verb's
    participle is not a noun (``the rebels attacked Bangassou``)."""
    return not incident_cues().ends(word, "participle_ending") and _marked(
        text, start, "anaphoric")


def _marked(text: str, start: int, kind: str) -> bool:
    """Whether a word of ``context_cues.csv`` kind ``kind`` stands right before ``start``
    or one word before it (``the attack``, ``another deadly attack``)."""
    words = cues(kind)
    if words.before(text, start, 12):
        return True
    word = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    return bool(word and words.before(text, word.start(), 12))


def _clause(text: str, start: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause around ``start`` within ``lo..hi``: cut at ; : dashes and at the clause words
    (``which``, ``while``, ``but`` ...)."""
    cut = re.compile(rf"[;:]|\s[-–—]{{1,2}}\s|\b(?:{cues('clause_end').regex})\b")
    before = [m.end() for m in cut.finditer(text, lo, start)]
    after = cut.search(text, start, hi)
    return (before[-1] if before else lo), (after.start() if after else hi)


def _when(dates: list, published: pd.Timestamp, precision: object
          ) -> tuple[pd.Timestamp, int, object]:
    """The event's date, ACLED time precision and the date row used: the first resolved date
    of ``dates`` (nearest the trigger first) not after the publication period (a span of days
    is precision 2), else the publication date (3)."""
    published = pd.to_datetime(published, errors="coerce")
    last_day = published
    if pd.notna(published) and precision in ("month", "year"):
        last_day = published + (pd.offsets.MonthEnd(0) if precision == "month"
                                else pd.offsets.YearEnd(0))
    for row in (d for d in dates if d.resolved and d.relation in ("on", "since")):
        start, end = row.date_start, row.date_end
        day = start if pd.notna(start) else end
        time_precision = _TIME_PRECISION[row.precision]
        if pd.isna(start):  # "in recent days": only the end is known
            time_precision = max(time_precision, 2)
        elif time_precision == 1 and pd.notna(end) and end > start:
            time_precision = 2  # "between 1 and 5 March"
        if pd.isna(last_day) or day <= last_day:
            return day, time_precision, row
    return published, 3, None


def _as_written(place: dict) -> dict:
    """A near miss (``Bamenyam``, nearest known ``Bamenda``) places an event under the name the
    text gives, with no point: the nearest spelling is a suggestion, not the place."""
    return {**place, "name": place["quote"], "lat": float("nan"), "lon": float("nan"),
            "geonameid": None, "admin1": "", "admin2": "", "geo_precision": 2}


def _usable_places(places: list[dict], lo: int, hi: int) -> list[dict]:
    """The mentions in ``lo..hi`` that say where something happened: not a destination, an
    origin, a speaker's place or a dateline, a country only where the text says ``in`` it;
    a place ``near`` which it happened only when no place ``at`` which it happened is named."""
    found = [_as_written(p) if p["method"] == "fuzzy" else p for p in places
             if lo <= p["start"] < hi and p["relation"] in ("at", "near", "")
             and p["kind"] in WHERE_KINDS and not (
                 p["needs_review"] and p["method"] not in ("unresolved", "offset", "site",
                                                           "fuzzy"))
             and (p["feature"] != "country" or p["relation"] in ("at", "near"))]
    at = [p for p in found if p["relation"] != "near"]
    near_towns = [p for p in found if p["relation"] == "near" and p["feature"] not in _AREAS]
    if near_towns and all(p["feature"] in _AREAS for p in at):
        return near_towns  # "near Kaga-Bandoro ..., in the Central African Republic"
    return at or found


def _most_specific(found: list[dict], trigger: int, text: str) -> list[dict]:
    """Sites before towns before regions before the country; the ones nearest the trigger,
    every town of a list (``in A, B and C``) but not the one that holds the town before it
    (``a patrol near Nzacko in Bria``: Nzacko), each name once."""
    if not found:
        return []
    rank = {"country": 3, "admin1": 2, "region": 2, "admin2": 1, "site": -1}
    best = min(rank.get(p["feature"], 0) for p in found)
    if best == 2 and any(p["method"] == "direction" for p in found):  # "north of the capital"
        named = [p for p in found if p["method"] != "direction"]
        best = min((rank.get(p["feature"], 0) for p in named), default=best)
    chosen = [p for p in found if rank.get(p["feature"], 0) == best]
    held = {id(b) for a in chosen for b in chosen if a["end"] <= b["start"]
            and _holder().fullmatch(text, a["end"], b["start"])}
    if len(held) < len(chosen):
        chosen = [p for p in chosen if id(p) not in held]
    chosen.sort(key=lambda p: abs(p["start"] - trigger))
    first, out = chosen[0], {}
    for p in chosen:
        if p is first or abs(p["start"] - first["start"]) < 80:
            out.setdefault(p["name"], p)
    return list(out.values())


@lru_cache(maxsize=1)
def _credit() -> re.Pattern:
    """A caption's credit: its word after a dash, slash, bar or bracket, or before a colon
    (``– Photo Today``, ``(Photo: AP)``, ``FILE PHOTO:``)."""
    word = incident_cues().credit_word.regex
    return re.compile(rf"[–—/|(]\s*(?:{word})\b|(?<![\w'’-])(?:{word})\s*:")


def _caption(text: str, lo: int, hi: int) -> bool:
    """Whether the sentence at ``lo..hi`` is a photo caption, not the story: its town is not
    the lede's and its events are not the article's.

    >>> _caption("This file photo taken in Bangui shows a patrol.", 0, 47)
    True
    """
    return bool(incident_cues().caption.search(text, lo, hi) or _credit().search(text, lo, hi))


@lru_cache(maxsize=1)
def _conjunction() -> re.Pattern:
    """A coordinator and at most one word before a verb (``and briefly``, ``and``)."""
    return re.compile(rf"(?<![\w'’-])(?:{cues('conjunction').regex})\s+"
                      rf"(?:(?P<word>[\w'’-]+)\s+)?\Z")


def _shares_subject(text: str, before: Frame, start: int, parts: list[Participant]) -> bool:
    """Whether the trigger at ``start`` is a verb coordinated with the frame before it in
    its clause, so that it shares its subject (``militants killed 12 soldiers and briefly
    captured a base``): a coordinator right before it, no new subject or auxiliary between
    (not ``and soldiers killed``, ``and were killed``), no clause break since that frame."""
    m = _conjunction().search(text, before.trigger.end, start)
    if m is None or any(ch in text[before.trigger.end:m.start()] for ch in ",;.:"):
        return False
    word = m["word"]
    return not (word and (incident_cues().passive_aux.match(word) or any(
        m.start("word") <= p.start < start for p in parts)))


@lru_cache(maxsize=1)
def _saying() -> re.Pattern:
    """A reporting verb and up to two words right before a date (``told AFP on``, ``said``)."""
    return re.compile(rf"(?<![\w'’-])(?:{cues('speech_verb').regex})\s+"
                      rf"(?:[\w'’.-]+\s+){{0,2}}\Z")


def _said_on(text: str, start: int, end: int) -> bool:
    """Whether the date at ``start..end`` is when something was said (``security sources
    told AFP on Tuesday``, ``officials said Thursday``), not when it happened: it only says
    the event came before; a date that owns a noun (``condemned Friday's attacks``) is the
    event's.

    >>> _said_on("Djibo was attacked, sources told AFP on Tuesday.", 37, 47)
    True
    """
    return bool(_saying().search(text, max(0, start - 40), start)) and \
        _POSSESSIVE.match(text, end) is None


@lru_cache(maxsize=1)
def _holder() -> re.Pattern:
    """What stands between a place and the place that holds it: `` in ``, `` in the ``."""
    return re.compile(rf"\s+(?:{cues('container_preposition').regex})\s+"
                      rf"(?:(?:{cues('determiner').regex})\s+)?")


def _nearest(parts: list[Participant], lo: int, hi: int, before: bool, prefer_armed: bool
             ) -> Participant | None:
    """The participant nearest ``lo`` or ``hi`` in ``lo..hi``; ``prefer_armed``: an agent,
    so only an armed side (not a post), a crowd or protesters."""
    found = [p for p in parts if lo <= p.start and p.end <= hi]
    if prefer_armed:
        found = [p for p in found if p.can_act]
    if not found:
        return None
    return max(found, key=lambda p: p.end) if before else min(found, key=lambda p: p.start)


def _after_marker(text: str, parts: list[Participant], marker, lo: int, hi: int
                  ) -> Participant | None:
    """The participant right after one of ``marker``'s words (``by X``, ``on Y``), not inside
    an aside opened after ``lo`` (``the mission (known by its acronym MINUSCA)``)."""
    for m in marker.finditer(text, lo, hi):
        if text.count("(", lo, m.start()) > text.count(")", lo, m.start()):
            continue
        after = [p for p in parts if m.end() <= p.start <= m.end() + 25 and p.end <= hi]
        if after:
            return min(after, key=lambda p: p.start)
    return None


def _roles(text: str, trigger: re.Match, parts: list[Participant], people: list[tuple[int, int]],
           clause: tuple[int, int], voice: str = ""
           ) -> tuple[Participant | None, Participant | None]:
    """(agent, patient) of one trigger, by voice and preposition."""
    c = incident_cues()
    word = trigger.group().lower()
    lo, hi = clause
    a, b = trigger.start(), trigger.end()
    between = c.between.search(text, b, min(hi, b + _BETWEEN_REACH))
    if between and re.search(r"[,;:()]", text[b:between.start()]):
        between = None
    if between:  # "clashes between X and Y", "fighting on Tuesday between X and Y"
        sides = [p for p in parts if between.end() <= p.start and p.end <= hi]
        if len(sides) >= 2:
            return sides[0], sides[1]
    attributed = _after_marker(text, parts, c.attribution, b, hi) or (  # "blamed on X"
        _after_marker(text, parts, c.patient_prep, b, hi)
        if c.blame_verb.search(text, max(lo, a - _BLAME_REACH), a) else None)  # "blamed the
    # attack on X": the on names who did it
    if voice in ("intransitive", "passive"):  # "five people died", "X came under attack from Y"
        by = _after_marker(text, parts, c.agent_prep, b, hi) or _after_marker(
            text, parts, c.source_prep, b, hi) or attributed or _inside(parts, a, b)
        return by, _subject(text, parts, lo, a)
    passive = bool(c.passive_aux.before(text, a, 16)) or bool(
        c.agent_prep.search(text, b, min(hi, b + 4)))
    participle = c.ends(word, "participle_ending")
    reduced = participle and _prepositional(text, b) and not any(
        b <= start <= b + 14 for start, _ in people)  # "12 killed in Bria", not "killed at least 12"
    if not passive and reduced:
        passive = any(0 <= a - end <= 24 for _, end in [(p.start, p.end) for p in parts]
                      + people)
    gerund = c.ends(word, "gerund_ending")
    nominal = not passive and not participle and (
        ((c.ends(word, "nominal_ending") or c.starts(word, "event_noun")) and not gerund)
        or bool(c.consequence.before(text, a, 12))  # "escorted them out, triggering looting":
        # the object of the verb of consequence, not a verb of the clause's subject
        or (gerund and bool(cues("before_adjective").before(text, a, 12)))  # "the killing of"
        or (gerund and bool(cues("before_participle").before(text, a, 12)) and _object(
            text, parts, b, hi) is None and not any(b <= start <= b + 14 and _direct(text, b, start)
                                                    for start, _ in people)))
    # "48 hours of fighting": a gerund after "of" with no object is a noun ("accused of
    # killing civilians" is a verb)
    by = _after_marker(text, parts, c.agent_prep, b, hi) or (
        _after_marker(text, parts, c.source_prep, b, hi) if c.source_intro.before(text, a, 12)
        else None) or attributed  # "came under attack from X", not "attacks on ... from"
    if passive:
        return by or _inside(parts, a, b), _subject(text, parts, lo, a)
    if nominal:
        if by is not None and by is not attributed and (
                (c.passive_aux.search(text, b, by.start)
                 and not c.light_verb.search(text, b, by.start))
                or _by_of_another_participle(text, b, by.start)):
            by = None  # "the attack was repelled by peacekeepers": the verb's agent, not the
            # event's (but the attack "was carried out by", "was attributed to" its agent)
        near_end = min(hi, b + _TARGET_REACH)
        target = _after_marker(text, parts, c.patient_prep, b, near_end) or _after_marker(
            text, parts, c.with_prep, b, near_end) or (
            _after_marker(text, parts, c.gerund_patient_prep, b, near_end) if gerund else None)
        # "the shooting in June of one worker": the of of an -ing noun names its victim
        near = _nearest(parts, max(lo, a - _NOMINAL_REACH), a, before=True, prefer_armed=True)
        if near is not None and not _modifies(text[near.end:a]):
            near = None  # "peacekeepers ... failed to halt the attack": not its agent
        agent = by or near or _light_verb_subject(text, parts, lo, a)
        return agent, target if target is not agent and target is not attributed else None
    agent = _nearest(parts, lo, a, before=True, prefer_armed=True) or _inside(parts, a, b)
    patient = _object(text, parts, b, hi) or _after_marker(text, parts, c.with_prep, b, hi)
    first = _coordinated(text, parts, agent)
    if first is not None:  # "Seleka and anti-balaka fighters clashed": the first is actor1
        agent, patient = first, patient or agent
    return agent, patient if patient is not agent else None


def _inside(parts: list[Participant], start: int, end: int) -> Participant | None:
    """An armed side named inside the event words themselves (``hit by army aircraft``):
    their agent."""
    return next((p for p in parts if start <= p.start and p.end <= end and p.can_act), None)


def _coordinated(text: str, parts: list[Participant], second: Participant | None
                 ) -> Participant | None:
    """The armed side joined to ``second`` by a conjunction right before it (``the former
    Seleka and anti-Balaka militiamen``), if any."""
    if second is None:
        return None
    before = [p for p in parts if p.end <= second.start and p.can_act]
    if not before:
        return None
    first = max(before, key=lambda p: p.end)
    words = text[first.end:second.start].split()
    return first if len(words) == 1 and words[0] in cues("conjunction") else None


def _by_of_another_participle(text: str, trigger_end: int, agent_start: int) -> bool:
    """Whether the ``by`` before an event noun's would-be agent belongs to a participle of
    another noun (``the attack hit a position manned by peacekeepers``, ``an attack on a
    village controlled by the army``), not to the event (``an attack carried out by`` or
    ``claimed by`` the group right after it)."""
    c = incident_cues()
    marks = list(c.agent_prep.finditer(text, trigger_end, agent_start))
    if not marks:
        return False
    word = _PREVIOUS_WORD.search(text, max(trigger_end, marks[-1].start() - 30),
                                 marks[-1].start())
    if word is None or not c.ends(word.group().strip(), "participle_ending") or \
            c.light_verb.search(text, trigger_end, marks[-1].start()):
        return False
    return bool(re.search(r"\w", text[trigger_end:word.start()]))


def _light_verb_subject(text: str, parts: list[Participant], lo: int, noun: int
                        ) -> Participant | None:
    """The agent of an event noun that is a light verb's object: the armed side before the
    verb (``Jihadists carried out a major attack``, ``the rebels staged their closest
    attack``)."""
    for verb in incident_cues().light_verb.finditer(text, lo, noun):
        if _modifies(text[verb.end():noun]):
            return _nearest(parts, lo, verb.start(), before=True, prefer_armed=True)
    return None


def _subject(text: str, parts: list[Participant], lo: int, hi: int) -> Participant | None:
    """The first participant of a clause before its verb that no preposition governs and
    no other event word comes before: the subject (``A peacekeeper from the UN mission
    (MINUSCA) was killed``; in ``an attack by gunmen ... 260 civilians were killed``, the
    civilians; in ``gunmen attacked the base and a peacekeeper was killed``, the
    peacekeeper), unless one stands right before the auxiliary of a passive (``In an attack
    on a base of the UN mission ... a Tanzanian peacekeeper was killed``: the peacekeeper)."""
    c = incident_cues()
    lo = max([lo] + [m.end() for m in c.triggers.finditer(text, lo, hi)])
    found = [p for p in parts if lo <= p.start and p.end <= hi and not _governed(text, p)]
    aux = c.passive_aux.before(text, hi, 16)
    adjacent = [p for p in found if aux and not text[p.end:aux.start()].strip()]
    return adjacent[-1] if adjacent else min(found, key=lambda p: p.start) if found else None


def _governed(text: str, part: Participant) -> bool:
    """Whether a preposition of the frame grammar (``by``, ``from``, ``on``, ``with``) stands
    right before a participant (an article between allowed)."""
    c = incident_cues()
    article = cues("determiner").before(text, part.start, 12)
    at = article.start() if article else part.start
    return any(marker.before(text, at, 12) for marker in (c.agent_prep, c.source_prep,
                                                          c.patient_prep, c.with_prep))


def _modifies(gap: str) -> bool:
    """Whether an actor before a noun is its owner (``ADF attack``, ``the rebels' deadly
    assault``): only an article, a possessive or adjectives between, no clause words."""
    if re.search(r"[,;:]", gap):
        return False
    words = [w.strip("'’") for w in gap.split()]
    return all(not w or w == "s" or w in cues("determiner") or w not in cues("function_word")
               for w in words) and len(words) <= 3


def _prepositional(text: str, end: int) -> bool:
    """What follows a word is a preposition, punctuation or the end: ``killed in Bria``,
    ``peacekeepers killed.``"""
    m = re.match(r"\s*(\w+|\W|$)", text[end:end + 30])
    word = m.group(1) if m else ""
    return not word or not word[0].isalnum() or word in cues("after_participle")


def _object(text: str, parts: list[Participant], end: int, hi: int) -> Participant | None:
    """The direct object of a verb: the participant right after it (a number, an article or
    an adjective or two between), not one inside a prepositional phrase."""
    for p in sorted((p for p in parts if end <= p.start and p.end <= hi), key=lambda p: p.start):
        return p if _direct(text, end, p.start) else None
    return None


def _direct(text: str, end: int, start: int) -> bool:
    """Whether what starts at ``start`` is the object of the verb ending at ``end``: a few
    words between and no preposition (``killed at least 12``, not ``fighting to nine``)."""
    gap = text[end:start].split()
    return len(gap) <= 4 and not any(w in cues("place_preposition") or
                                     w in incident_cues().agent_prep for w in gap)


def _earlier_agent(known: list[Participant], patient: Participant | None, before: int,
                   recent: list[Frame]) -> Participant | None:
    """A named non-state armed group of this or the sentences before, not the patient itself:
    the attacker an article leaves implicit (a state force or a mission that attacks is
    named where it does); of those, one that was not the other side of a ``recent`` frame
    (``clashes between the former Seleka and anti-Balaka militiamen ... Some also fled from
    intense fighting``: the former Seleka), if any."""
    candidates = [p for p in known if p.named and p.armed and p.side != "state"
                  and p.start < before and (patient is None or p.label != patient.label)]
    attacked = {f.patient.label for f in recent if f.agent is not None and f.patient is not None
                and f.agent.label != f.patient.label}
    candidates = [p for p in candidates if p.label not in attacked] or candidates
    return candidates[-1] if candidates else None


@lru_cache(maxsize=1)
def _pronoun_before() -> re.Pattern:
    """A plural pronoun, then up to two lower-case words, right before a verb."""
    return re.compile(rf"\b(?:{cues('group_pronoun').regex})\s+(?:[a-z]+\s+){{0,2}}\Z",
                      re.IGNORECASE)


def _pronoun_subject(text: str, lo: int, start: int) -> bool:
    """Whether the subject of the verb at ``start`` is a pronoun of its clause (``they opened
    fire``, ``they then attacked``), not a passive's (``they were attacked``)."""
    return bool(_pronoun_before().search(text, max(lo, start - 30), start)) and not \
        incident_cues().passive_aux.before(text, start, 16)


def _last_agent(found: list[Frame], sentence_id: int) -> Participant | None:
    """The agent of the last frame of this sentence or the one before that names one: whom
    ``they`` stands for."""
    return next((f.agent for f in reversed(found) if f.agent is not None
                 and f.sentence_id >= sentence_id - 1), None)


def _object_class(text: str, end: int, hi: int, places: list[dict], dates: list) -> str:
    """``town`` when right after an act stands a town or a city, only a preposition of the
    target, an article or the words of a date between: a ``town_noun`` (``attacked the
    city``, ``an assault Saturday on the town of Damara``) or a place the gazetteer calls one
    (``attacked Bangassou``); else ``any`` (``an attack near Bambari``)."""
    c = incident_cues()
    towns = [p["start"] for p in places if end <= p["start"] < hi
             and p["feature"] in ("city", "town")]
    towns += [m.start() for m in c.town_noun.finditer(text, end, min(hi, end + 40))]
    if not towns:
        return "any"
    start = min(towns)
    gap = "".join(" " if any(d.start <= i < d.end for d in dates) else text[i]
                  for i in range(end, start))
    words = gap.split()
    return "town" if len(words) <= 4 and all(
        w in c.patient_prep or w in cues("determiner") for w in words) else "any"


def _background(text: str, clause: tuple[int, int], segment: tuple[int, int], date_row,
                published: pd.Timestamp, places: list[dict]) -> bool:
    """A clause that sums up a period (``since 2013``, ``in recent years``, ``a wave of
    killings``: not the clause beside it, ``they had taken control of the town, where they
    are accused of a wave of killings``); a sentence in the perfect of ``the violence has
    killed thousands`` that gives no date and no town; a date long before publication."""
    c = incident_cues()
    for m in c.background.finditer(text, *clause):
        if date_row is not None and date_row.precision in ("day", "week") and \
                date_row.start <= m.start() < date_row.end:
            continue  # "the previous morning", "over the past two days": a day or a few,
            # not "previous attacks", "over the past years"
        if m.group().lower() != "since" or date_row is None:
            return True
    if date_row is None and c.summary_tense.search(text, *segment) and all(
            p["feature"] in _AREAS for p in _usable_places(places, *segment)):
        return True
    return date_row is not None and _long_ago(date_row, published)


def _long_ago(date_row, published: pd.Timestamp) -> bool:
    """Whether a date row is more than ``BACKGROUND_DAYS`` before publication."""
    day = date_row.date_start if pd.notna(date_row.date_start) else date_row.date_end
    return pd.notna(published) and pd.notna(day) and \
        (pd.Timestamp(published) - day).days > BACKGROUND_DAYS


def _in_background(text: str, start: int, lo: int, hi: int) -> bool:
    """Whether a background word stands before ``start`` in its clause (``since Seleka rebels
    took over the city``): a group named there is history, not the actor of the news."""
    return bool(incident_cues().background.search(text, _clause(text, start, lo, hi)[0], start))


def _natural_death(text: str, sentence, before, trigger: re.Match, after_one: bool) -> bool:
    """Whether a death with no attacker, and no other event word in its sentence, is told
    beside a cause that is no violence (``natural_cause``: ``malaria``, ``hunger``) from the
    sentence ``before`` (two before, if any) to its own, or follows such a death
    (``after_one``): ``he fell sick with malaria ... Her son died ... "He died because I am a
    refugee"``; not ``two died of their wounds after the attack``."""
    c = incident_cues()
    if any(m.start() != trigger.start() for m in c.triggers.finditer(
            text, sentence.start, sentence.end)):
        return False
    lo = before.start if before is not None else sentence.start
    return after_one or bool(c.natural_cause.search(text, lo, sentence.end))


def _hedged(text: str, clause: tuple[int, int], trigger_end: int, dates: list) -> bool:
    """Whether a hedge (``could``, ``may``, ``fear``) stands in the clause before the trigger
    or just after it, outside the dates of the sentence (``In May 2023, armed men looted``),
    or a verb of a list (``abuses include killings``) with no date in the clause (not
    ``which include the shooting in June of one worker``)."""
    c = incident_cues()
    hi = min(clause[1], trigger_end + _HEDGE_AFTER)
    if any(not any(d.start <= m.start() < d.end for d in dates)
           for m in c.hedge.finditer(text, clause[0], hi)):
        return True
    return bool(c.list_verb.search(text, clause[0], hi)) and not any(
        clause[0] <= d.start < clause[1] for d in dates)


def frames_of(article: dict, sentences: list, rows: dict[str, dict], focus: str,
              country_place: dict | None) -> list[Frame]:
    """The event frames of one article.

    ``rows``: for each table (``mentions``, ``dates``, ``figures``, ``places``) its rows by
    (article_id, sentence_id); ``country_place``: the focus country's place row, the place of
    last resort.
    """
    text, c = article["text"], incident_cues()
    published = pd.to_datetime(article.get("published"), errors="coerce")
    out: list[Frame] = []
    sentences = [s for s in sentences if not _caption(text, s.start, s.end)]
    by_id = {s.sentence_id: s for s in sentences}
    lede = next((p for s in sentences[:LEDE] for p in _usable_places(
        [q._asdict() for q in rows["places"].get((s.article_id, s.sentence_id), [])],
        s.start, s.end) if p["feature"] not in ("country", "admin1", "region")), None)
    named_before: list[Participant] = []
    history = -1  # the paragraph that opened with a date long before publication
    natural = -10  # the last sentence that told a death of no violence
    paragraph = -1  # the paragraph of the sentence before
    for s in sentences:
        opens, paragraph = s.paragraph_id != paragraph, s.paragraph_id
        key = (s.article_id, s.sentence_id)
        mentions = [m._asdict() for m in rows["mentions"].get(key, [])]
        parts = participants(mentions, text, focus, published, (s.start, s.end))
        people = [(f.start, f.end) for f in rows["figures"].get(key, [])]
        places = [p._asdict() for p in rows["places"].get(key, [])]
        dates = rows["dates"].get(key, [])
        dated = [d for d in dates if not s.dateline_start <= d.start - s.start < s.dateline_end]
        if dated:
            history = s.paragraph_id if opens and _long_ago(dated[-1], published) else -1
        elif s.paragraph_id == history:
            continue  # "The country has faced fighting since 2013 ... Untold thousands were
            # killed": a paragraph of history goes on until a sentence gives a date of its own
        sentence = (s.start, s.end)
        for lo, hi in _segments(text, s.start, s.end):  # "the attack follows the killing
            # of 37 civilians on Monday": two events, each with its own dates, places, dead
            found: list[Frame] = []
            fresh = False  # a trigger marked as a new event came before in the segment
            for trigger in c.triggers.finditer(text, lo, hi):
                clause = _clause(text, trigger.start(), lo, hi)
                if _hedged(text, clause, trigger.end(), dates) \
                        or c.context_clause.search(text, clause[0], trigger.start()):
                    continue  # "could attack", "a region plagued by fighting"
                row = c.triggers.value(trigger.group())
                if row["act"] in _ADJECTIVAL and _attributive(text, trigger.start()):
                    continue  # "his burned hut", "a destroyed car": a state, not an act
                if c.ends(trigger.group(), "participle_ending") and c.triggers.match(
                        text, trigger.end() + 1) and text[trigger.end():trigger.end() + 1] == " ":
                    continue  # "targeted killings": a modifier of the event noun after it
                if text[trigger.end():trigger.end() + 1] == " " and c.modified_noun.match(
                        text, trigger.end() + 1):
                    continue  # "a combat helicopter", "attack aircraft": a kind of thing
                agent, patient = _roles(text, trigger, parts, people, clause, row["voice"])
                if row["voice"] == "intransitive" and agent is None and _natural_death(
                        text, s, by_id.get(s.sentence_id - 2, by_id.get(s.sentence_id - 1)),
                        trigger, s.sentence_id - natural <= 2):
                    natural = s.sentence_id
                    continue  # "he fell sick with malaria ... Her son died": no violence
                if trigger.group() in c.response:  # "the attack was repelled by
                    agent, patient = None, agent  # peacekeepers": they are the attacked side
                if found and (_PARTICIPLE_CLAUSE.search(
                        text, max(lo, trigger.start() - 3), trigger.start())
                        or _shares_subject(text, found[-1], trigger.start(), parts)):
                    agent = found[-1].agent  # "gunmen attacked the village, killing ten",
                    # "militants killed 12 soldiers and briefly captured a base"
                in_clause = [d for d in dated if clause[0] <= d.start < clause[1]] or [
                    d for d in dated if lo <= d.start < hi]
                in_clause.sort(key=lambda d: (_said_on(text, d.start, d.end), min(
                    abs(d.start - trigger.start()), abs(d.end - trigger.start()))))
                day, precision, used = _when(in_clause, published, article.get(
                    "published_precision"))
                if used is not None and (_said_on(text, used.start, used.end) or (
                        used.start < clause[0] and cues("earlier_clause").before(
                            text, clause[0], 12))):
                    precision = max(precision, 2)  # "told AFP on Tuesday", "started fleeing
                    # on Saturday after a deadly attack": by that day
                if _background(text, clause, (lo, hi), used, published, places):
                    continue
                where, lowered = _place_of(text, places, clause, (lo, hi), trigger.start(), s,
                                           by_id, rows["places"], lede, country_place)
                if not where:
                    continue
                fresh = fresh or _marked(text, trigger.start(), "new_event")
                if agent is None and row["act"] in VIOLENT and not fresh and \
                        trigger.group().lower() not in c.remains:  # not after "in a separate
                    # attack": a new event, whose attacker is not the one before; nor bodies
                    # found, whose killers only the text can name
                    agent = (_pronoun_subject(text, clause[0], trigger.start())
                             and _last_agent(out + found, s.sentence_id)) or _earlier_agent(
                        named_before + parts, patient, trigger.start(),
                        [f for f in out + found if f.sentence_id >= s.sentence_id - 1])
                time = Part.of(text, used.start, used.end) if used is not None else Part()
                for place in where:
                    found.append(Frame(
                        s.article_id, s.sentence_id, s.paragraph_id, sentence, row["act"],
                        row["label"], Part.of(text, trigger.start(), trigger.end()), agent, patient,
                        place, Part.of(text, place["start"], place["end"])
                        if place is not country_place else Part(), lowered, day, precision, time,
                        len(where), anaphoric=_anaphoric(text, trigger.start(), trigger.group()),
                        sequel=lo > s.start,
                        object_class=_object_class(text, trigger.end(), clause[1], places,
                                                   dates)))
            if any(f.act in VIOLENT for f in found):  # "killed 37 ... and razed the camp",
                # "killing dozens of residents and driving out hundreds": one act
                found = [f for f in found if f.act not in PROPERTY | EXPULSION]
            _assign_deaths(text, found,
                           [f for f in rows["figures"].get(key, []) if lo <= f.start < hi])
            for f in found:  # "killing six of the soldiers": the dead are the patient
                if f.patient is None and f.deaths:
                    fig = f.deaths[0]
                    f.patient = next((p for p in parts if fig["start"] <= p.start
                                      and p.end <= fig["end"] + 1), None)
            for f in found:
                _listed_dead(text, f, (lo, hi))
                f.single_victim = f.act == _DEATH and f.patient is not None and f.patient.single
                f.no_dead = bool(c.no_dead.search(text, *_clause(text, f.trigger.start, lo, hi)))
            found = _outcomes_to_causes(text, found)
            for f in found:  # the attacked fought back ("returned fire"): the attackers initiated
                clause = _clause(text, f.trigger.start, lo, hi)
                f.answer = bool(c.response.search(text, clause[0], f.trigger.end))
                if f.agent and f.patient and f.patient.armed and f.answer:
                    f.agent, f.patient = f.patient, f.agent
                if f.answer and f.lowered >= STORY:
                    _where_answered(f, out)
            out.extend(found)
        named_before = (named_before + [p for p in parts if p.named and p.armed and not
                                        _in_background(text, p.start, s.start, s.end)])[-4:]
    _at_story_town(out, lede, focus)
    return out


def _where_answered(answer: Frame, before: list[Frame]) -> None:
    """An answer no sentence of its own places (``UN troops hit back, killing 12 of the
    assailants``) happened where and when the last event its sentences placed did (``30
    people died when militia fighters attacked civilians in Kaga-Bandoro``)."""
    answered = next((f for f in reversed(before) if f.lowered < STORY), None)
    if answered is None:
        return
    answer.place, answer.place_part = answered.place, answered.place_part
    answer.lowered = 1  # from the sentences before, as _place_of's look back: the story's
    # town no longer stands in for it (_at_story_town)
    if answer.time_part.start < 0:
        answer.event_date, answer.time_precision = answered.event_date, answered.time_precision


def _at_story_town(found: list[Frame], lede: dict | None, focus: str = "") -> None:
    """The story's town stands in for a frame's place that its sentences do not give: the
    town of the first sentences when an event its sentences place happened there, else
    where the first event placed by its own sentence in the focus country happened (a
    caption's ``Voters queue in Bangui`` before ``Rebels capture ... Bangassou``); the frames
    placed at the lede's town move there, and so do those nothing places or dates (``two
    security guards were wounded in a gunbattle``, not ``in early December, ex-Seleka
    killed hundreds``)."""
    story = next((f for f in found if f.lowered == 0
                  and f.place["feature"] not in _AREAS | {"site"}
                  and f.place["country_code"] in (focus, "")), None)
    if story is None:
        return
    from_lede = lede is not None and not any(
        f.lowered < STORY and f.place["name"] == lede["name"] for f in found)
    for f in found:
        if (from_lede and f.lowered == STORY) or (
                f.lowered == LAST_RESORT and f.time_part.start < 0 and not f.sequel):
            f.place, f.place_part = story.place, story.place_part


def _place_of(text: str, places: list[dict], clause: tuple[int, int],
              segment: tuple[int, int], trigger: int, s, by_id: dict, place_rows: dict,
              lede: dict | None, country_place: dict | None) -> tuple[list[dict], int]:
    """Where a trigger's event happened and how far it was looked for (0: its sentence):
    its clause's places, else its segment's, else the two sentences before in the paragraph,
    else the lede's town (also for a country or region the lede's town lies in), else the
    focus country."""
    where = _most_specific(_usable_places(places, *clause), trigger, text) or \
        _most_specific(_usable_places(places, *segment), trigger, text)
    lowered = 0
    for back in range(1, _LOOKBACK + 1):
        earlier = by_id.get(s.sentence_id - back)
        if where or earlier is None or earlier.paragraph_id != s.paragraph_id:
            break
        found = [p._asdict() for p in place_rows.get((s.article_id, earlier.sentence_id), [])]
        nearest = _most_specific(_usable_places(found, earlier.start, earlier.end),
                                 earlier.end, text)[:1]
        where = [p for p in nearest if p["relation"] in ("at", "near")]
        lowered = 1
    if lede is not None and (not where or (
            len(where) == 1 and where[0]["feature"] in ("country", "admin1")
            and where[0]["country_code"] == lede["country_code"] and where[0]["kind"] != "same")):
        return [lede], STORY  # "in the Central African Republic": the story's town, not in
        # "a village in the same region", which is another place of the region
    if not where and country_place is not None:
        return [country_place], LAST_RESORT
    return where, lowered


def _segments(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """A sentence cut where it moves to another event (``incident_cues.csv`` kind
    ``sequence``: ``follows``, ``came after``)."""
    cuts = list(incident_cues().sequence.finditer(text, lo, hi))
    starts = [lo] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [hi]
    return list(zip(starts, ends))


def _outcomes_to_causes(text: str, found: list[Frame]) -> list[Frame]:
    """``attacked the village, killing ten``, ``25 killed in clashes``, ``13 killed when a car
    bomb exploded``: a death or a wound belongs to the act that caused it in the same sentence
    (the nearest one before it, else after, but not one a consequence cue puts after it: in
    ``the driver was killed, sparking clashes`` the death stays an event of its own), which
    takes its dead and, if it has none, its patient (and its agent, unless that is the patient
    it took or stands inside the cause's own phrase)."""
    causes = [f for f in found if f.act in VIOLENT and f.act not in OUTCOMES]
    if not causes:
        return found
    consequence = incident_cues().consequence
    kept = []
    for f in found:
        if f.act not in OUTCOMES:
            kept.append(f)
            continue
        before = [c for c in causes if c.trigger.start < f.trigger.start]
        after = [c for c in causes if c.trigger.start > f.trigger.start and not consequence.search(
            text, f.trigger.end, c.trigger.start)]
        if not before and not after:
            kept.append(f)
            continue
        chosen = before[-1] if before else min(after, key=lambda c: c.trigger.start)
        for cause in (c for c in causes if c.trigger.start == chosen.trigger.start):
            cause.deaths.extend(d for d in f.deaths if d not in cause.deaths)  # every place
            cause.single_victim = cause.single_victim or f.single_victim
            cause.no_dead = cause.no_dead or f.no_dead  # "no one was killed"
            if cause.patient is None or (f.patient is not None and f.patient.armed and (
                    not cause.patient.armed or _more_specific(f.patient, cause))):
                cause.patient = f.patient if f.patient is not None else cause.patient
            if cause.agent is None and f.agent is not None and not _same(
                    f.agent, cause.patient) and not (
                    cause.trigger.end <= f.agent.start < f.trigger.start):
                cause.agent = f.agent  # not the dead of "killed three peacekeepers and left
                # another two wounded", whom the second verb finds before it, nor a part of
                # the event noun's phrase ("an ambush on a convoy escorted by FACA soldiers
                # killed"): there the event is the subject
    return kept


def count(fig: dict) -> float:
    """How many a figure row counts: its value, else its low bound, else its high one."""
    return next((float(v) for v in (fig["value"], fig["low"], fig["high"]) if pd.notna(v)),
                0.0)


@lru_cache(maxsize=1)
def _person_opening() -> re.Pattern:
    """A determiner that may open the phrase of one person (``a``, ``another``, ``the``)."""
    words = Phrases(list(cues("singular_determiner").phrases) + list(cues("determiner").phrases))
    return re.compile(rf"(?<![\w'’-])(?:{words.regex})\s+")


def _persons(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The phrases of one person in ``lo..hi``: a determiner, up to two words, a singular
    people noun of the figures lexicon (``a civilian``, ``the driver``, ``a Cameroonian
    soldier``)."""
    out = []
    for m in _person_opening().finditer(text, lo, hi):
        after = text[m.end():min(hi, m.end() + 40)]
        for word in list(re.finditer(r"[\w'’-]+|[^\w\s]", after))[:3]:
            noun = word.group()
            if not noun[0].isalnum():
                break
            if people_noun(noun) and not noun.lower().endswith("s"):
                out.append((m.start(), m.end() + word.end()))
                break
    return out


def _listed_dead(text: str, frame: Frame, segment: tuple[int, int]) -> None:
    """A list of the dead that names some of them one by one is one death row counting each
    person so named as one: ``killed a soldier and a civilian`` (2), ``the life of a civilian
    along with two customs officials, two forestry agents and the soldier`` (6), ``A Chadian
    soldier, as well as 20 Boko Haram members, were killed`` (21). The list must hold one of
    the frame's dead or its patient, not its agent; its items are joined as the figures step
    joins counts (:func:`~carlib.tagging.figures.listed`)."""
    held = [(d["start"], d["end"]) for d in frame.deaths]
    if frame.patient is not None:
        held.append((frame.patient.start, frame.patient.end))
    if not held:
        return
    taken = held[:len(frame.deaths)] + ([(frame.agent.start, frame.agent.end)]
                                        if frame.agent is not None else [])
    people = [(a, b, None) for a, b in _persons(text, *segment) if not _touches(a, b, taken)]
    items = sorted(people + [(d["start"], d["end"], d) for d in frame.deaths],
                   key=lambda item: item[:2])
    chains: list[list[tuple]] = []
    for item in items:
        if chains and listed(text, chains[-1][-1][1], item[0]):
            chains[-1].append(item)
        else:
            chains.append([item])
    for chain in chains:
        figs = [d for _, _, d in chain if d is not None]
        singles = len(chain) - len(figs)
        if len(chain) < 2 or not singles or not any(_touches(a, b, held) for a, b, _ in chain):
            continue
        start, end = chain[0][0], chain[-1][1]
        row = {**(figs[0] if figs else {}), "start": start, "end": end,
               "quote": text[start:end], "value": sum(map(count, figs)) + singles,
               "low": float("nan"), "high": float("nan"), "category": "killed",
               "qualifier": next((d["qualifier"] for d in figs if d["qualifier"] != "exact"),
                                 "exact"), "aside": any(d.get("aside") for d in figs)}
        frame.deaths = [d for d in frame.deaths if all(d is not f for f in figs)] + [row]


def _touches(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``start..end`` overlaps one of ``spans``."""
    return any(a < end and start < b for a, b in spans)


def _same(a: Participant | None, b: Participant | None) -> bool:
    """Whether two parts are the same words of the text."""
    return a is not None and b is not None and (a.start, a.end) == (b.start, b.end)


def _more_specific(dead: Participant, cause: Frame) -> bool:
    """``a Burundian peacekeeper was killed when rebels attacked a patrol``: the dead say whose
    the unnamed armed unit was, unless they are the attackers themselves."""
    attackers = cause.agent.label if cause.agent is not None else None
    return not cause.patient.named and dead.label != attackers and (
        dead.named or dead.type != cause.patient.type)


def _assign_deaths(text: str, found: list[Frame], figures: list) -> None:
    """Each figure of the dead goes to the nearest violent frame of its sentence, the figures
    of one list together (``the life of a civilian along with two customs officials, two
    forestry agents and the soldier``: all to the frame nearest the list's first); a running
    total (``bringing the death toll to nine``) only when the sentence counts no dead of its
    own (``a peacekeeper was killed``, ``two soldiers died``)."""
    violent = [f for f in found if f.act in VIOLENT]
    dead = [f for f in figures if f.category == "killed"]
    own = [f for f in dead if f.cue not in total_cues()]
    if own or any(f.patient is not None and f.patient.single for f in violent):
        dead = own
    if not violent:
        return
    head = None  # the first figure of the list the figure stands in
    for before, fig in zip([None] + dead[:-1], dead):
        if before is None or not listed(text, before.end, fig.start):
            head = fig
        nearest = min(violent, key=lambda f: abs(f.trigger.start - head.start))
        for frame in (f for f in violent if f.trigger.start == nearest.trigger.start):
            frame.deaths.append(fig._asdict())


def sentence_rows(tags, places: pd.DataFrame) -> dict[str, dict]:
    """Every table's rows by (article_id, sentence_id), for :func:`frames_of`."""
    return {"mentions": rows_by_sentence(tags.mentions), "dates": rows_by_sentence(tags.dates),
            "figures": rows_by_sentence(tags.figures), "places": rows_by_sentence(places)}
