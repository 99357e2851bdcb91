"""Reports: the frames of one article that speak of the same event become one report.

Two frames of an article are one event when they have the same event type, compatible places
(the same place, or one is only the country or a region the other lies in: the headline's
``killed in Central African Republic`` and the body's town; a named site with no point of its
own and a town of its country: ``the Jazeera Palace hotel`` and ``Mogadishu``) and overlapping
dates. A frame whose type is a guess (:attr:`Frame.provisional`: ``an attack in Djibo`` with
no target, ``four people died``) joins a report of another type of the same event if no report
of its own type takes it: the report that names the target says the type. The report
keeps the most specific place, the most precise date, a named perpetrator over an unnamed
one, and for the dead: the figures of different sides add up (``four peacekeepers`` and
``eight militants``), a figure repeated in another sentence does not (the headline's toll and
the body's), the largest of those is kept.
"""

from __future__ import annotations

import pandas as pd

from ..geo.gazetteer import fold
from .cues import incident_cues
from .frames import (ANSWERING, EXPULSION, LEDE, OUTCOMES, PROPERTY, STORY, UNDONE, VIOLENT, Frame,
                     Part, count)

__all__ = ["article_reports", "REPORT_PARTS"]

REPORT_PARTS = ("trigger", "agent", "patient", "place", "time", "deaths")
_SPREAD = {1: pd.Timedelta(days=1), 2: pd.Timedelta(days=7), 3: pd.Timedelta(days=31)}
_AREAS = {"country", "admin1", "admin2", "region"}
_QUARTERS = {"neighbourhood", "camp", "site"}  # the parts of a town a report may name
_FLOORS = {"more_than", "at_least"}  # qualifiers of a count that only says how many at least


def span(day: pd.Timestamp, precision: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days an event date of a time precision may stand for."""
    if pd.isna(day):
        return pd.Timestamp.min, pd.Timestamp.max
    if precision == 3:
        start = day.replace(day=1)
        return start, start + pd.offsets.MonthEnd(0)
    return day - _SPREAD[precision], day + _SPREAD[precision]


def _compatible_places(a: dict, b: dict) -> bool:
    if fold(a["name"]) == fold(b["name"]):
        return True
    if a["country_code"] != b["country_code"]:
        return False
    area_a, area_b = a["feature"] in _AREAS, b["feature"] in _AREAS
    if not area_a and not area_b and _unplaced_site(a) != _unplaced_site(b):
        return True  # "the Jazeera Palace hotel" and "Mogadishu"
    if area_a and not area_b:
        return _contains(a, b)
    if area_b and not area_a:
        return _contains(b, a)
    return _quarter_of(a, b) or _quarter_of(b, a)


def _quarter_of(part: dict, town: dict) -> bool:
    """Whether a neighbourhood, camp or site lies in a town the gazetteer files it under
    (``PK5``, admin1 ``Bangui``, is a part of the city of Bangui) or the text puts it in
    (``Beni's Beu district``: at Beni's point)."""
    return part["feature"] in _QUARTERS and town["feature"] in ("city", "town") and (
        town["name"] in (part.get("admin1"), part.get("admin2"))
        or (part["lat"], part["lon"]) == (town["lat"], town["lon"]))


def _contains(area: dict, town: dict) -> bool:
    """Whether a town may lie in an area: the country, a part of it told by a direction
    (``in the south-east of the country``), or its admin1 or admin2."""
    return area["feature"] == "country" or area["method"] == "direction" or area["name"] in (
        town.get("admin1"), town.get("admin2"))


def _unplaced_site(place: dict) -> bool:
    """A named site (a hotel, a mosque, a mine) the gazetteer has no point for."""
    return place["feature"] == "site" and place["lat"] != place["lat"]


class _Report:
    """The frames of one event in one article, with what :meth:`takes` asks kept up to date
    as frames are added (so a long article is linear)."""

    def __init__(self, frame: Frame, focus: str = "") -> None:
        self.focus = focus  # the article's focus country, whose places come first
        self.frames: list[Frame] = []
        self.towns: list[Frame] = []  # at a town or a site
        self.dated: list[Frame] = []  # dated by their own words
        self.violent = self.guessed = 0
        self.shared: set[int] = set()  # sentences whose toll also counts another report's
        self.sharing: tuple[int, int] = (0, 1)  # (its place, how many): the reports of one
        # attack's sub-events that divide the toll told once for it (_share_told_once)
        self.shared_toll: _Report | None = None  # the report whose toll it shares
        self.first_sentence = self.last_sentence = frame.sentence_id
        self._kind: tuple[tuple[bool, bool], Frame] | None = None
        self.add(frame)

    def add(self, frame: Frame) -> None:
        self.frames.append(frame)
        guessed = frame.provisional
        rank = (frame.act not in VIOLENT, guessed)
        if self._kind is None or rank < self._kind[0]:
            self._kind = (rank, frame)
        if frame.place["feature"] not in _AREAS:
            self.towns.append(frame)
        if frame.time_part.start >= 0:
            self.dated.append(frame)
        self.violent += frame.act in VIOLENT
        self.guessed += guessed
        self.first_sentence = min(self.first_sentence, frame.sentence_id)
        self.last_sentence = max(self.last_sentence, frame.sentence_id)

    @property
    def kind(self) -> tuple[str, str]:
        """The event type of its first violent frame whose type is not a guess, else of its
        first violent frame (the looting beside an attack is part of the attack), else of its
        first frame whose type is not a guess, else of its first."""
        return self._kind[1].event_type

    @property
    def provisional(self) -> bool:
        return self.guessed == len(self.frames)

    def takes(self, frame: Frame, loosely: bool = False) -> bool:
        """Whether ``frame`` is this report's event; ``loosely``: of another type, when one
        of the two types is a guess."""
        if frame.event_type[0] != self.kind[0] and not (loosely and self._restates(frame)):
            return False
        towns = self.towns
        if frame.place["feature"] in _AREAS or not towns:
            towns = self.frames  # a region or the country may be any of its towns
        if not any(_compatible_places(frame.place, f.place) for f in towns) \
                and not self._same_toll_in_lede(frame):
            return False  # a town only joins a report of the same town (or site)
        return self.overlaps(frame) and not self._other_victims(frame) \
            and not self.told_apart(frame)

    def _same_toll_in_lede(self, frame: Frame) -> bool:
        """Whether the lede and the body count the same dead of one event at places the
        gazetteer cannot relate (``Six people were killed ... on an island in Lake Chad`` and
        ``the killings, which cost the life of a civilian along with two customs officials,
        two forestry agents and the soldier, occurred ... in Gabalami``)."""
        if frame.sentence_id >= LEDE and self.first_sentence >= LEDE:
            return False
        tolls = {count(d) for d in frame.deaths}
        return bool(tolls - {0}) and any(
            f.sentence_id != frame.sentence_id and tolls & {count(d) for d in f.deaths}
            for f in self.frames)

    def told_apart(self, frame: Frame) -> bool:
        """Whether the text tells the frame's event apart from the report's: its sentence
        tells its dead apart from those of one of the report's frames, one being the event
        the other follows (``eleven were shot dead on Saturday, days after 30 others were
        killed``); or one undoes the other, as the recapture of a town undoes its capture
        (``UN troops recapture CAR city``, ``a town they captured on January 3``); or the
        two are of other sub-event types on other days (:func:`_other_day`)."""
        acts = {f.act for f in self.frames}
        if (frame.act in ANSWERING and acts & UNDONE) or (frame.act in UNDONE
                                                          and acts & ANSWERING):
            return True
        if any(_other_day(frame, f) for f in self.dated):
            return True
        return bool(frame.deaths) and any(
            f.sentence_id == frame.sentence_id and f.sequel != frame.sequel and f.deaths
            for f in self.frames)

    def _other_victims(self, frame: Frame) -> bool:
        """Whether the frame tells dead of its own, on a date of its own, among victims none
        of the report's frames so told (``two French soldiers were killed earlier this
        month`` and ``two police officers were killed on Friday``): another event."""
        own = [f for f in self.dated if f.patient is not None and f.deaths]
        if not own or frame.patient is None or not frame.deaths or frame.time_part.start < 0:
            return False
        return all(f.patient.label != frame.patient.label and f.sentence_id != frame.sentence_id
                   for f in own)

    def overlaps(self, frame: Frame) -> bool:
        """Whether the frame's date may be one of the report's: of those its words date, if
        any (an undated mention, at the publication month, does not widen it)."""
        if frame.time_part.start < 0 and self.dated and _placed(frame):
            return True  # its date is only the publication's: any of the report's at its town
        a0, a1 = span(frame.event_date, frame.time_precision)
        return any(a0 <= b1 and b0 <= a1 for b0, b1 in
                   (span(f.event_date, f.time_precision) for f in self.dated or self.frames))

    def _restates(self, frame: Frame) -> bool:
        """Whether the frame is a part of the report's event: looting or burning beside a
        violent event (ACLED codes them as that event), and so people forced out in a sentence
        that names no place of its own (``the village, which has been emptied of its
        population``), and the dead or wounded of no act and no sides of their own that no
        sentence of theirs places join the story the lede told (``Three of the injured later
        died``, not ``UN troops hit back, killing 12 of the assailants``); or the frame or the
        report, whichever has a guessed type, restates the other: both violent, and it comes
        after it (``four people died``) or stands in the headline or lede."""
        if self.violent and (frame.act in PROPERTY
                             or (frame.act in EXPULSION and frame.lowered > 0)):
            return True  # "they burned houses": part of the attack (ACLED codebook)
        if self.violent and frame.act in OUTCOMES and frame.lowered >= STORY \
                and self.first_sentence < LEDE and _no_sides_of_its_own(frame):
            return True  # "38 people wounded ... Three of the injured later died", placed by
            # no sentence of theirs: the dead and wounded of the violence told
        if frame.act not in VIOLENT or self.violent < len(self.frames):
            return False  # a killing is not the looting told beside it
        if frame.provisional:
            return frame.sentence_id < LEDE or self.first_sentence < frame.sentence_id
        return self.provisional and (self.first_sentence < LEDE
                                     or self.last_sentence > frame.sentence_id)

    def best_place(self) -> Frame:
        """The frame with the most specific place, one in the article's focus country over
        one abroad (``the Khartoum accord`` beside ``Paoua``), the first named, but of those the
        gazetteer does not know the last, as the body tells what the headline sums up (``an
        island in Lake Chad``, then ``Gabalami``)."""
        rank = {"country": 3, "admin1": 2, "region": 2, "admin2": 1, "site": -1,
                "neighbourhood": -1, "camp": -1}
        focus = self.focus

        def unknown(f: Frame) -> bool:
            return f.place["lat"] != f.place["lat"]

        return min(self.frames, key=lambda f: (bool(focus) and f.place["country_code"] != focus,
                                               rank.get(f.place["feature"], 0), f.lowered,
                                               unknown(f),
                                               -f.sentence_id if unknown(f) else f.sentence_id))

    def best_time(self) -> Frame:
        return min(self.frames, key=lambda f: (f.time_precision, f.time_part.start < 0,
                                               f.sentence_id))

    def perpetrator(self) -> Frame:
        """The frame whose agent is actor1: a named agent over an unnamed one, the first in
        the text, but not one who answered the event (the force that ``took back control`` of
        the town the gunmen ``raided``), nor the agent of the earlier event a motive names,
        while another is named."""
        named = [f for f in self.frames if f.agent is not None and f.agent.named]
        named.sort(key=lambda f: (f.act in ANSWERING, f.sequel))  # stable: text order within
        # each ("in retaliation for the killing of a Muslim man by the anti-Balaka")
        some = [f for f in self.frames if f.agent is not None]
        return (named or some or self.frames)[0]

    def initiator_swapped(self, initiators: set[str]) -> bool:
        """A battle read as ``peacekeepers killed 12 Seleka`` where the article says elsewhere
        that Seleka attacked: Seleka initiated it, so it is actor1 (ACLED's initiator)."""
        who, whom = self.perpetrator(), self.target()
        return (self.kind[0] == "Battles" and who.agent is not None and whom.patient is not None
                and who.agent.side == "state" and whom.patient.armed
                and whom.patient.side != "state" and whom.patient.label in initiators)

    def target(self) -> Frame:
        return next((f for f in self.frames if f.patient is not None), self.frames[0])

    def totals(self) -> list[tuple[bool, bool, int, float, dict]]:
        """Per sentence with dead: (only bodies found, vague, sentence id, total, first
        figure row); the figures of different frames (sides) add up, a figure inside an aside
        of another does not (``22 people, including 15 chiefs``)."""
        remains = incident_cues().remains
        per_sentence: dict[int, list[tuple[dict, int]]] = {}
        found: set[int] = set()  # sentences whose dead are only bodies found
        for f in sorted(self.frames, key=lambda f: f.sentence_id):
            for fig in f.deaths:
                rows = per_sentence.setdefault(f.sentence_id, [])
                if all(fig["start"] != r["start"] for r, _ in rows):
                    rows.append((fig, f.share))
            if f.deaths and f.trigger.quote.lower() in remains:
                found.add(f.sentence_id)
        out = []
        for sentence_id, figs in per_sentence.items():
            counted = [(r, share) for r, share in figs if not r.get("aside")] or figs
            total = sum(count(r) // share if share > 1 else count(r) for r, share in counted)
            vague = all(r["qualifier"] == "vague" for r, _ in counted)
            out.append((sentence_id in found, vague, sentence_id, total, counted[0][0]))
        return out

    def deaths(self) -> tuple[float, str, dict | None]:
        """:meth:`toll`, divided evenly between the reports of one attack's sub-events when
        the toll was told once for the whole attack (ACLED: a total for several events is
        divided between them, the remainder to the first): ``killed 12 soldiers and briefly
        captured a base`` beside ``a suicide bomber detonated at the base before gunmen
        stormed in``, 6 each."""
        total, qualifier, fig = (self.shared_toll or self).toll()
        place, among = self.sharing
        if among > 1 and pd.notna(total):
            total = total // among + (total % among if place == 0 else 0)
        return total, qualifier, fig

    def share_note(self) -> str:
        """Why its toll is a share (``an even share of 12 told for 2 events``), or ``""``."""
        place, among = self.sharing
        total = (self.shared_toll or self).toll()[0]
        if among < 2 or pd.isna(total):
            return ""
        return f" (an even share of {int(total)} told for {among} events)"

    def toll(self) -> tuple[float, str, dict | None]:
        """(count, qualifier, figure row) of the dead: of the sentences (:meth:`totals`) but
        those whose toll also counts another report's (:func:`_split_totals`), the first with
        an exact count (the lede's toll), else the first with a vague one, but of two or more
        tolls in the headline and lede the most conservative (``as many as 90 dead`` and
        ``between 60 and 90 killed``: 60; the body's partial counts are not totals) of those a
        higher one does not imply
        (``more than a dozen`` is not another estimate beside ``at least 16``), a count of
        bodies found only where no one counted the killed (``37 bodies were recovered``
        beside ``at least 115 people have been killed``); with no figure, a single victim
        (``a peacekeeper was killed``) is one, and ``no casualties`` none. The dead a sentence
        of its own gives for the attacked side's answer (``the patrol returned fire and
        killed three of the assailants``) add to those (ACLED: the dead of all sides)."""
        totals = [t for t in self.totals() if t[2] not in self.shared]
        answers = {f.sentence_id for f in self.frames if f.deaths and f.answer} - {
            f.sentence_id for f in self.frames if f.deaths and not f.answer}
        answered = [t for t in totals if t[2] in answers]
        totals = [t for t in totals if t[2] not in answers]
        if answered:  # "killing a peacekeeper. The patrol returned fire and killed three of
            # the assailants": the attackers' dead add to those of the attack
            total, qualifier, fig = self._attack_deaths(totals)
            extra = sum(t[3] for t in answered)
            if pd.isna(total):
                return extra, answered[0][4]["qualifier"], answered[0][4]
            return total + extra, qualifier, fig or answered[0][4]
        return self._attack_deaths(totals)

    def _attack_deaths(self, totals: list) -> tuple[float, str, dict | None]:
        """:meth:`deaths` of ``totals``, the sentences' tolls but the answer's."""
        if totals:
            lede = [t for t in totals if t[2] < LEDE]
            if len(lede) > 1:
                implied = [t for t in lede if t[4]["qualifier"] not in _FLOORS
                           or not any(o[3] > t[3] for o in lede)] or lede
                *_, total, fig = min(implied, key=lambda t: (t[0], t[1], t[3]))
            else:
                *_, total, fig = min(totals, key=lambda t: (t[0], t[1], t[2]))
            return total, fig["qualifier"], fig
        if any(f.single_victim for f in self.frames):
            return 1.0, "exact", None
        if any(f.no_dead for f in self.frames):
            return 0.0, "exact", None
        return float("nan"), "unknown", None


def _no_sides_of_its_own(frame: Frame) -> bool:
    """Whether a frame's sentence names neither its agent (it has none, or took it from a
    sentence before) nor victims of a side (``people``, not ``civilians`` or ``soldiers``)."""
    own_agent = frame.agent is not None and \
        frame.sentence[0] <= frame.agent.start < frame.sentence[1]
    return not own_agent and (frame.patient is None or frame.patient.target == "any")


def _other_day(a: Frame, b: Frame) -> bool:
    """Two frames of other sub-event types, each on a day its words give, not the same day
    (``the rebels attacked Bangassou at dawn on Saturday``, ``captured the city on Sunday``):
    two events."""
    return a.event_type != b.event_type and a.time_part.start >= 0 and a.time_precision == 1 \
        and b.time_precision == 1 and a.event_date != b.event_date


def _placed(frame: Frame) -> bool:
    """A frame whose own sentence named the place (not a guess from around it)."""
    return frame.lowered == 0 and frame.place["feature"] not in ("country", "admin1")


def _referred(reports: list[_Report], frame: Frame) -> _Report | None:
    """The report an anaphoric mention (``the attack``) refers back to: of those of its event
    type (any it may have, when its type is a guess: ``this second attack caused no
    casualties``) with a frame earlier in the text, the one mentioned last; none when the mention
    names a town of its own that the report's places do not allow, or a date of its own that
    its dates do not (``the killing on Monday of 37 civilians``)."""
    earlier = [(max(f.trigger.start for f in r.frames if f.trigger.start < frame.trigger.start),
                r) for r in reports if r.kind[0] in frame.possible_types
               and any(f.trigger.start < frame.trigger.start for f in r.frames)]
    if not earlier:
        return None
    report = max(earlier, key=lambda e: e[0])[1]
    if _placed(frame) and not any(_compatible_places(frame.place, f.place)
                                  for f in report.frames):
        return None
    if frame.time_part.start >= 0 and not report.overlaps(frame):
        return None
    return report


def article_reports(frames: list[Frame], focus: str = "") -> list[_Report]:
    """The frames of one article grouped into one report per event (in text order): first
    the frames whose sentence names a town, then the others (placed from the sentences around,
    the story's lede or the country), which join a report of the same type if there is one
    and its dates allow a date the frame's own words give;
    last the anaphoric mentions (``the attack``), which join the report they refer back to
    (:func:`_referred`), else are grouped as the others are. A frame of only the sound of
    violence (:attr:`Frame.sound_only`) joins a report but never starts one. ``focus``: the
    article's focus country, whose places a report prefers."""
    reports: list[_Report] = []
    for frame in sorted(frames, key=lambda f: (f.anaphoric, not _placed(f), f.sentence_id)):
        home = _referred(reports, frame) if frame.anaphoric else None
        home = home or next((r for r in reports if r.takes(frame)), None) or next(
            (r for r in reports if r.takes(frame, loosely=True)), None)
        if home is None and not _placed(frame):
            home = next((r for r in reports if r.kind[0] == frame.event_type[0] and (
                frame.time_part.start < 0 or r.overlaps(frame)) and not r.told_apart(frame)),
                None)
        if home is not None:
            home.add(frame)
        elif not frame.sound_only:  # "gunfire rang out" alone reports nothing
            reports.append(_Report(frame, focus))
    _fold_property(reports)
    _split_totals(reports)
    _share_told_once(reports)
    return sorted(reports, key=lambda r: min(f.trigger.start for f in r.frames))


def _fold_property(reports: list[_Report]) -> None:
    """A report of only burning or looting told before the violent report that takes each of
    its frames is part of it (ACLED codes them as the attack): ``Seleka forces burned at
    least 435 huts in the camp`` before ``Seleka rebels killed at least 37 civilians``."""
    for report in [r for r in reports if not r.violent]:
        home = next((r for r in reports if r.violent and all(
            r.takes(f, loosely=True) for f in report.frames)), None)
        if home is not None:
            for frame in report.frames:
                home.add(frame)
            reports.remove(report)


def _share_told_once(reports: list[_Report]) -> None:
    """A toll the headline or lede tells for one report is shared with the violent reports
    of another type and no toll whose frames stand in another sentence with it at its place,
    not in the toll's own: the sub-events of one attack (:meth:`_Report.deaths`), not an
    arrest that followed it, nor the clash the toll's own sentence gave to the attack
    (``nine people died when gunmen attacked civilians and clashed with soldiers``)."""
    tolls = {id(r): r.toll() for r in reports}
    for report in reports:
        total, _, fig = tolls[id(report)]
        told = next((f.sentence_id for f in report.frames
                     if fig is not None and any(d["start"] == fig["start"] for d in f.deaths)),
                    LEDE)
        if pd.isna(total) or told >= LEDE:
            continue
        sentences = {f.sentence_id for f in report.frames}
        names = {f.place["name"] for f in report.frames}
        parts = [other for other in reports if other is not report and other.violent
                 and other.kind[0] != report.kind[0] and pd.isna(tolls[id(other)][0])
                 and any(f.sentence_id in sentences and f.place["name"] in names
                         for f in other.frames)
                 and all(f.sentence_id != told for f in other.frames)]
        for place, member in enumerate([report] + parts if parts else []):
            member.sharing = (place, len(parts) + 1)
            member.shared_toll = report if member is not report else None


def _split_totals(reports: list[_Report]) -> None:
    """A toll that another sentence splits between this report and another (``At least 21
    people were killed during attacks on an outpost and a village`` and ``attacked the
    checkpoints, killing one person, before attacking the villagers, killing about 20``) is
    the two events' total: each report keeps its own share, not the sum."""
    totals = {id(r): {t[2]: t[3] for t in r.totals()} for r in reports}
    for report in reports:
        own = totals[id(report)]
        for other in reports:
            if other is report:
                continue
            for sentence_id in own.keys() & totals[id(other)].keys():
                mine, theirs = own[sentence_id], totals[id(other)][sentence_id]
                if mine > 0 and theirs > 0:
                    report.shared.update(k for k, v in own.items() if k != sentence_id
                                         and v == mine + theirs)


def parts_of(report: _Report) -> dict:
    """The frame columns of a report: each part's words and offsets."""
    where, when = report.best_place(), report.best_time()
    who, whom = report.perpetrator(), report.target()
    _, _, fig = report.deaths()
    trigger = who.trigger
    agent = Part(who.agent.quote, who.agent.start, who.agent.end) if who.agent else Part()
    patient = Part(whom.patient.quote, whom.patient.start, whom.patient.end) \
        if whom.patient else Part()
    deaths = Part(fig["quote"], fig["start"], fig["end"]) if fig else Part()
    out = {}
    for name, part in zip(REPORT_PARTS, (trigger, agent, patient, where.place_part,
                                         when.time_part, deaths)):
        out.update({f"{name}_quote": part.quote, f"{name}_start": part.start,
                    f"{name}_end": part.end})
    return out
