"""Who takes part in events: the actors of a sentence as ACLED names them.

The actors table of the tagging step gives named actors (``Boko Haram``, ``MINUSCA``) and, from
the same lexicon, the generic ones (types ``unidentified``: ``gunmen``; ``civilians``:
``villagers``; ``rioters``: ``a mob``; ``protesters``; ``state_force_generic``: ``soldiers``;
``police_generic``: ``police``). Here each becomes a :class:`Participant` with ACLED's label:
``soldiers`` are the ``Military Forces of`` the country an adjective names (``Chadian
soldiers``) or of the article's focus; peacekeepers are the mission active in the focus
country at publication (``MINUSCA``), with their country as ``assoc``; civilians are
``Civilians``, with their group as ``assoc`` (``Muslim civilians`` -> ``Muslim``); a named
actor followed by a generic noun is one participant (``Boko Haram militants``). An actor
followed by a speech verb (``MINUSCA said``) is a source, not a participant. An armed force's
post, unit or vehicle (``incident_cues.csv`` kind ``armed_site``: ``a base``, ``the town's
garrison``, ``an army patrol``) is an armed target: its owner's (``an advanced post of the Chad
army``, ``a MINUSCA base``), else the focus country's military; it is never an agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..geo.countries import country_name
from ..lexicon import cues, read_lexicon
from ..tagging.mentions import GENERIC_TYPES
from .cues import incident_cues

__all__ = ["Participant", "participants"]

_SITE = "armed_site"
_ARMED = {"armed_group", "state_force", "foreign_force", "peacekeepers", "unidentified",
          "state_force_generic", "police_generic", "peacekeepers_generic", _SITE}
_STATE = {"state_force", "foreign_force", "state_force_generic", "police_generic",
          "peacekeepers", "peacekeepers_generic"}
_GENERIC = GENERIC_TYPES | {_SITE}
_TAKE_PART = _ARMED | {"civilians", "people", "rioters", "protesters"}
_MILITARY = "Military Forces of {country}"


@dataclass(frozen=True)
class Participant:
    """One side of an event as a sentence names it (offsets into the article)."""

    start: int
    end: int
    quote: str
    label: str
    type: str
    assoc: str = ""

    single: bool = False  # "a peacekeeper", "another soldier": one person
    site: bool = False  # "a base", "a patrol": a target, never an agent

    @property
    def named(self) -> bool:
        return self.type not in _GENERIC

    @property
    def can_act(self) -> bool:
        """Whether it may be an event's agent: an armed side (not a post), a crowd or
        protesters."""
        return not self.site and (self.armed or self.type in ("rioters", "protesters"))

    @property
    def armed(self) -> bool:
        return self.type in _ARMED

    @property
    def side(self) -> str:
        """The agent class of ``incident_types.csv``: state, rioters or any."""
        return "state" if self.type in _STATE else "rioters" if self.type == "rioters" \
            else "any"

    @property
    def target(self) -> str:
        """The patient class of ``incident_types.csv``: armed, civilian or any."""
        return "armed" if self.armed else "civilian" if self.type == "civilians" else "any"


@lru_cache(maxsize=1)
def _actor_rows() -> pd.DataFrame:
    table = read_lexicon("actors", ("label", "type"))
    for column in ("country", "affiliation", "active"):
        if column not in table:
            table[column] = ""
    return table


@lru_cache(maxsize=None)
def _state_label(template: str, code: str) -> str:
    """``Military Forces of <country>``: the lexicon's state force of that country if it has
    one (``Military Forces of the Democratic Republic of Congo``), else the template filled."""
    rows = _actor_rows()
    kind = "Police" if template.startswith("Police") else "Military"
    known = rows[(rows["type"] == "state_force") & (rows["country"] == code)
                 & rows["label"].str.startswith(kind)]
    if len(known):
        return known["label"].iloc[0]
    name = country_name(code)
    the = "the " if any(w in cues("country_article_word", case="exact") for w in name.split()) \
        else ""
    return template.replace("{country}", the + name)


@lru_cache(maxsize=None)
def _missions(code: str) -> tuple[tuple[str, str], ...]:
    """The lexicon's peacekeeping missions in country ``code``: (label, active) pairs, those
    of the United Nations first (a peacekeeper the text does not name is the UN's when one
    is deployed beside another force: MINUSCA, not EUFOR RCA, in October 2014)."""
    rows = _actor_rows()
    missions = rows[(rows["type"] == "peacekeepers") & (rows["country"] == code)]
    missions = missions.assign(un=missions["affiliation"] != "United Nations").sort_values(
        "un", kind="stable")
    return tuple(zip(missions["label"], missions["active"]))


def _mission(code: str, published: pd.Timestamp) -> str:
    """The peacekeeping mission of a country active at ``published`` (``active`` column:
    ``from/to`` dates), else the generic label.

    >>> _mission("CF", pd.Timestamp("2014-10-09"))
    'MINUSCA'
    """
    for label, active in _missions(code):
        start, _, end = active.partition("/")
        if pd.isna(published) or ((not start or published >= pd.Timestamp(start))
                                  and (not end or published <= pd.Timestamp(end))):
            return label
    return "UN peacekeeping mission"


@lru_cache(maxsize=1)
def _adjective_countries() -> dict[str, str]:
    table = read_lexicon("country_words", ("word", "country_code", "kind"))
    return {w.lower(): c for w, c, k in zip(table["word"], table["country_code"], table["kind"])
            if k == "adjective"}


_QUOTE = "[‘“\"']"  # an opening or closing quotation mark


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    """The cue patterns participants are read with, compiled once."""
    return {
        "speaks": re.compile(rf"\s*(?:[\w'’-]+\s+){{0,2}}?(?:{cues('speech_verb').regex})\b"),
        "group": re.compile(rf"((?:{cues('group_adjective').regex}))\s+\Z"),
        # "a 'blue helmet'": a word or the name in quotes
        "single": re.compile(rf"\b(?:{cues('singular_determiner').regex})\s+"
                             rf"(?:{_QUOTE}?[\w'’-]+{_QUOTE}?\s+){{0,2}}{_QUOTE}?\Z"),
        "owner": re.compile(rf"\s+(?:{cues('genitive', case='exact').regex})\s+"
                            rf"(?:(?:{cues('determiner').regex})\s+)?"),
    }


def _speaks(text: str, end: int) -> bool:
    return bool(_patterns()["speaks"].match(text[end:end + 60]))


def _sites(text: str, span: tuple[int, int], actors: list[dict]) -> list[dict]:
    """The armed posts, units and vehicles of a sentence outside its actors' names, as
    actor mentions of type ``armed_site``."""
    taken = [(m["start"], m["end"]) for m in actors]
    return [{"kind": "actor", "type": _SITE, "label": _MILITARY, "start": m.start(),
             "end": m.end()} for m in incident_cues().armed_site.finditer(text, *span)
            if not any(a < m.end() and m.start() < b for a, b in taken)]


def _owned(out: list[Participant], text: str) -> list[Participant]:
    """A post followed by its owner (``a post of the Chad army``) takes the owner's side."""
    owned = []
    for site, owner in zip(out, out[1:] + [None]):
        if site.site and owner is not None and owner.armed and not owner.site and \
                _patterns()["owner"].fullmatch(text, site.end, owner.start):
            site = Participant(site.start, site.end, site.quote, owner.label, owner.type,
                               owner.assoc, site=True)
        owned.append(site)
    return owned


def participants(mentions: list[dict], text: str, focus: str, published: pd.Timestamp,
                 span: tuple[int, int] | None = None) -> list[Participant]:
    """The participants of one sentence's actor mentions (``text`` is the article), with the
    armed posts of ``span`` (the sentence's offsets) when given."""
    actors = [m for m in mentions if m["kind"] == "actor" and m["type"] in _TAKE_PART
              and not _speaks(text, m["end"])]
    actors = sorted(actors + (_sites(text, span, actors) if span else []),
                    key=lambda m: m["start"])
    out: list[Participant] = []
    peacekeeper = incident_cues().peacekeeper_noun
    for m in actors:
        start, end, kind, label, assoc = m["start"], m["end"], m["type"], m["label"], ""
        if out and out[-1].named and kind in _GENERIC and re.fullmatch(r"[\s'’s-]*",
                                                                       text[out[-1].end:start]):
            last = out.pop()  # "Boko Haram militants", "FACA soldiers": the named one
            out.append(Participant(last.start, end, text[last.start:end], last.label,
                                   last.type, last.assoc))
            continue
        if out and out[-1].type == "unidentified" and kind not in _GENERIC and \
                re.fullmatch(r"\s+", text[out[-1].end:start]):
            start = out.pop().start  # "the armed group Union pour la paix en Centrafrique":
            # the name the generic noun introduces
        before = re.search(r"([A-Z][\w-]+)\s+\Z", text[max(0, start - 30):start])
        adjective = _adjective_countries().get(before.group(1).lower()) if before else None
        if kind in ("state_force_generic", "police_generic", _SITE):
            code = adjective or focus
            label = _state_label(label, code) if code else label.replace(" of {country}", "")
            if adjective and adjective != focus and kind != _SITE:
                kind = "foreign_force"
            if adjective and kind != _SITE:
                start = start - len(before.group(0))
        elif kind == "civilians":
            label = "Civilians"
            group = _patterns()["group"].search(text[max(0, start - 30):start])
            assoc = group.group(1) if group else ""
        quote = text[start:end]
        single = bool(_patterns()["single"].search(text[max(0, start - 40):start])) \
            and not quote.lower().endswith("s")
        if kind == "peacekeepers_generic" or (peacekeeper.search(quote) and kind in (
                "foreign_force", "state_force_generic", "peacekeepers")):
            assoc = country_name(adjective) if adjective else (
                m.get("organisation") or "") if kind == "foreign_force" else assoc
            label = _mission(focus, published) if kind != "peacekeepers" or \
                label == "UN peacekeeping mission" else label
            kind = "peacekeepers"
        out.append(Participant(start, end, quote, label, kind, assoc, single, kind == _SITE))
    return _owned(out, text)
