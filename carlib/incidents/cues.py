"""The words of events, from ``incident_cues.csv`` and ``incident_types.csv``, compiled once.

``incident_cues.csv`` (``phrase, kind, act, label, source``): ``trigger`` words with the act
they name (``killed`` kill, ``ambush`` ambush, ``roadside bomb`` explode...), and the voice and
context markers the frame grammar reads: ``passive_aux``, ``agent_prep`` (``by``),
``patient_prep`` (``on``, ``against``), ``source_prep`` (``from``), ``attribution``
(``blamed on``, ``claimed by``: the agent, whose ``on`` is no target's), ``blame_verb``
(``blamed the attack on X``: X is the agent), ``between``,
``with_prep``, ``response`` (``returned fire``), ``hedge`` (``could``, ``fear``),
``background`` (``since``, ``in recent years``), ``summary_tense`` (``has killed``: background
only where the sentence gives no date and no town), ``peacekeeper_noun``, ``light_verb``
(``carried out``, ``staged``: its subject is the agent of the event noun), ``armed_site``
(``base``, ``patrol``, ``garrison``: an armed target named by its post) and ``context_clause``
(``plagued by``: an event word after it describes a place's past) and ``sequence``
(``follows``, ``came after``: the sentence moves to another event), ``town_noun`` (``town``,
``city``: an attack's object that makes the guess a battle), ``remains`` (``bodies``:
found, a partial count) and ``sound``
(``gunfire``, ``explosions``: with no target and no dead, only a restatement); the
morphology the grammar reads a trigger's part of speech by (``nominal_ending``, ``event_noun``,
``participle_ending``, ``gerund_ending``), ``source_intro`` (``came under attack from X``) and
the marks of a photo caption: ``caption`` (``file photo``) and ``credit_word`` (``photo``,
only beside a credit's punctuation: ``(Photo: AP)``); ``no_dead`` (``no casualties``: the
event's toll is 0); ``natural_cause`` (``malaria``, ``hunger``: a death with no attacker told
beside one is no event); ``consequence`` (``sparking``, ``triggering``: the event after it came
of the one before and neither caused it nor was done by its subject); ``modified_noun``
(``helicopter``, ``aircraft``: an event word right before one names a kind of thing, ``a
combat helicopter``, not an event); ``list_verb`` (``include``: a list of acts is a pattern,
not an event, unless the act has a date of its own); ``gerund_patient_prep`` (``of``: after an
``-ing`` event noun it names the victim, ``the shooting of one worker``).

``incident_types.csv`` (``act, agent, patient, event_type, sub_event_type``) maps an act, the
class of its agent (``state``, ``rioters`` or ``any``) and of its patient (``armed``,
``civilian``, ``town`` — no patient, but a town or city attacked — or ``any``) to ACLED's event
type; the first matching row wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import LexiconError
from ..lexicon import Phrases, read_lexicon

__all__ = ["IncidentCues", "incident_cues", "event_type"]

_KINDS = ("hedge", "background", "summary_tense", "passive_aux", "agent_prep", "patient_prep",
          "source_prep", "attribution", "between", "with_prep", "response", "peacekeeper_noun",
          "light_verb", "armed_site", "context_clause", "sequence", "sound", "town_noun",
          "remains", "nominal_ending", "event_noun", "participle_ending", "gerund_ending",
          "source_intro", "caption", "credit_word", "no_dead", "blame_verb", "natural_cause",
          "consequence", "modified_noun", "list_verb", "gerund_patient_prep")


@dataclass(frozen=True)
class IncidentCues:
    """The compiled event words: triggers (value: their lexicon row) and the markers."""

    triggers: Phrases
    markers: dict[str, Phrases]
    types: tuple[tuple[str, str, str, str, str], ...]

    def ends(self, word: str, kind: str) -> bool:
        """Whether ``word`` ends with one of the endings of ``kind``.

        >>> incident_cues().ends("killed", "participle_ending")
        True
        """
        return word.lower().endswith(tuple(self.markers[kind].phrases))

    def starts(self, word: str, kind: str) -> bool:
        """Whether ``word`` starts with one of the words of ``kind`` (``raids``: ``raid``)."""
        return word.lower().startswith(tuple(self.markers[kind].phrases))

    def __getattr__(self, kind: str) -> Phrases:
        try:
            return self.markers[kind]
        except KeyError:
            raise AttributeError(kind) from None


@lru_cache(maxsize=1)
def incident_cues() -> IncidentCues:
    """Read the two lexicons (once)."""
    table = read_lexicon("incident_cues", ("phrase", "kind", "act", "label"))
    triggers = table[table["kind"] == "trigger"].to_dict("records")
    markers = {}
    for kind in _KINDS:
        rows = table[table["kind"] == kind]
        if rows.empty:
            raise LexiconError(f"incident_cues.csv: no row of kind {kind!r}")
        markers[kind] = Phrases(rows["phrase"])
    types = read_lexicon("incident_types", ("act", "agent", "patient", "event_type",
                                            "sub_event_type"))
    return IncidentCues(Phrases([r["phrase"] for r in triggers],
                                values={r["phrase"]: r for r in triggers}),
                        markers,
                        tuple(zip(types["act"], types["agent"], types["patient"],
                                  types["event_type"], types["sub_event_type"])))


def event_type(act: str, agent: str, patient: str) -> tuple[str, str]:
    """ACLED's (event type, sub-event type) of an act by an agent class on a patient class.

    >>> event_type("kill", "any", "armed")
    ('Battles', 'Armed clash')
    >>> event_type("kill", "any", "civilian")
    ('Violence against civilians', 'Attack')
    """
    for row_act, row_agent, row_patient, kind, sub in incident_cues().types:
        if row_act == act and row_agent in ("any", agent) and row_patient in ("any", patient):
            return kind, sub
    raise LexiconError(f"incident_types.csv: no row for act {act!r}")
