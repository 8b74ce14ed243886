"""Debrief data: everything a report shows about one game, gathered from its state and the content.

`gather` reads only the recorded state (history, timeline, talks_log, reflections, options) and
looks names up in the content; it is tolerant of ids the content no longer has (they show as ids),
so a save made with slightly different decks still gives a readable report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.content.compiled import Content, text
from game.engine.game import MONTHS
from game.engine.state import GameState


@dataclass(frozen=True)
class Citation:
    source_id: str
    where: str
    quote: str
    citation: str


@dataclass(frozen=True)
class EndingInfo:
    id: str
    kind: str
    title: str
    text: str
    epilogue: str
    source: Citation
    turn: int
    month: str


@dataclass(frozen=True)
class MeterPath:
    id: str
    name: str
    primary: bool
    values: tuple[int, ...]  # one per point of `Debrief.points`
    unit: str = ""


@dataclass(frozen=True)
class ChangeLine:
    target: str
    name: str
    before: Any
    after: Any

    @property
    def delta(self) -> int | None:
        """The numeric change, or None for a policy switch."""
        if isinstance(self.before, int) and isinstance(self.after, int):
            return self.after - self.before
        return None


@dataclass(frozen=True)
class Decision:
    turn: int
    month: str
    kind: str  # "card" or "policy"
    card_id: str  # "" for a policy change
    card_title: str
    deck_title: str
    choice: int  # 1-based; 0 for a policy change
    label: str
    outcome: str
    changes: tuple[ChangeLine, ...]
    negotiation: str = ""  # title of the talks this choice opened
    historical: bool = False  # the choice Pingxiang actually made


@dataclass(frozen=True)
class TalksRecord:
    number: int  # T1, T2 … in the chart
    id: str
    title: str
    counterpart: str
    turn: int
    month: str
    card_title: str
    rounds: int
    outcome: str
    outcome_label: str
    deal: bool
    hotseat: bool
    lines: tuple[tuple[str, str], ...]  # (speaker, line)


@dataclass(frozen=True)
class SourceUse:
    what: str  # "card", "negotiation", "ending"
    title: str
    month: str
    where: str
    quote: str


@dataclass(frozen=True)
class SourceGroup:
    id: str
    short: str
    citation: str
    uses: tuple[SourceUse, ...]


@dataclass(frozen=True)
class ReflectionAnswer:
    id: str
    turn: int
    month: str
    prompt: str
    answer: str


@dataclass(frozen=True)
class Debrief:
    """One game, ready to render."""

    name: str
    scenario_title: str
    seed: str
    class_code: str
    hotseat: str
    turn: int
    month: str
    over: bool
    ending: EndingInfo | None
    points: tuple[str, ...]  # labels of the meter snapshots: "Start", then the month each one closes
    meters: tuple[MeterPath, ...]
    counters: tuple[MeterPath, ...]  # the shown counters at the same points, rebuilt from the history
    decisions: tuple[Decision, ...]
    talks: tuple[TalksRecord, ...]
    sources: tuple[SourceGroup, ...]
    reflections: tuple[ReflectionAnswer, ...]
    discussion: tuple[str, ...]
    branched: str  # "" unless this game was rewound from another
    notes: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return self.ending.title if self.ending else f"In progress, month {self.turn} ({self.month})"


_PLAIN_UNITS = (None, "workers", "permits", "agencies", "firms", "cities")  # already in the name


def month_label(content: Content, turn: int, short: bool = False) -> str:
    """'August 2017' for turn 1 of the shipped scenario ('Aug 2017' when short)."""
    number = content.start_month + turn - 1
    name = MONTHS[number % 12]
    return f"{name[:3] if short else name} {number // 12}"


def meter_points(content: Content, state: GameState) -> tuple[list[str], dict[str, list[int]]]:
    """Meter values at the start and after each month; a month cut short (an immediate ending, or
    a game still in progress) adds the values as they stand."""
    timeline = [snap for snap in state.timeline if isinstance(snap, dict)]
    labels = ["Start"] + [month_label(content, i, short=True) for i in range(1, len(timeline))]
    paths = {m: [int(snap.get(m, 0)) for snap in timeline] for m in content.meters}
    current = {m: state.values.get(m) for m in content.meters}
    if len(timeline) <= state.turn and all(isinstance(v, int) for v in current.values()):
        last = {m: p[-1] for m, p in paths.items() if p}
        if not timeline or current != last or state.phase == "over":
            suffix = " (end)" if state.phase == "over" else " (now)"
            labels.append(month_label(content, state.turn, short=True) + suffix)
            for m, values in paths.items():
                values.append(int(current[m]))  # type: ignore[arg-type]
    return labels, paths


def counter_points(content: Content, state: GameState, n_points: int) -> dict[str, list[int]]:
    """Counter values at the same points as `meter_points`, replayed from the recorded changes."""
    values = {c.id: c.start for c in content.scenario.counters}
    completed = max(0, len([s for s in state.timeline if isinstance(s, dict)]) - 1)
    snaps = [dict(values)]
    for entry in state.history:
        turn = int(entry.get("turn", 0))
        while len(snaps) <= min(turn - 1, completed):
            snaps.append(dict(values))
        for target, _before, after in entry.get("changes", []):
            if target in values and isinstance(after, int):
                values[target] = after
    while len(snaps) <= completed:
        snaps.append(dict(values))
    current = {c: state.values.get(c, values[c]) for c in values}
    while len(snaps) < n_points:
        snaps.append(current)
    return {c: [int(snap[c]) for snap in snaps[:n_points]] for c in values}


def target_name(content: Content, target: str) -> str:
    if target in content.meters:
        return text(content.meters[target].name)
    if target in content.counters:
        return text(content.counters[target].name)
    if target in content.policies:
        return text(content.policies[target].model.name)
    return content.names.display.get(target, target.replace("_", " "))


def _value_text(content: Content, target: str, value: Any) -> Any:
    rule = content.policies.get(target)
    if rule is not None and value in rule.options:
        return text(rule.options[value].model.label)
    return value


def _changes(content: Content, raw: list[Any]) -> tuple[ChangeLine, ...]:
    out = []
    for target, before, after in raw:
        out.append(ChangeLine(target, target_name(content, target), _value_text(content, target, before),
                              _value_text(content, target, after)))
    return tuple(out)


def _card_title(content: Content, card_id: str) -> tuple[str, str]:
    event = content.events.get(card_id)
    if event is None:
        return card_id, ""
    deck = content.decks.get(event.deck)
    return text(event.model.title), text(deck.model.title) if deck else event.deck


def _decisions(content: Content, state: GameState) -> list[Decision]:
    out = []
    for entry in state.history:
        turn = int(entry.get("turn", 0))
        if entry.get("kind") == "choice":
            card_id, index = str(entry.get("card", "")), int(entry.get("choice", 0))
            title, deck = _card_title(content, card_id)
            event = content.events.get(card_id)
            rule = event.choices[index] if event is not None and 0 <= index < len(event.choices) else None
            negotiate = rule.model.negotiate if rule else None
            talks = content.negotiations.get(negotiate) if negotiate else None
            out.append(Decision(turn, month_label(content, turn), "card", card_id, title, deck, index + 1,
                                str(entry.get("reason", "")), text(rule.model.outcome) if rule else "",
                                _changes(content, entry.get("changes", [])),
                                text(talks.model.title) if talks else (negotiate or ""),
                                bool(rule and rule.model.historical)))
        elif entry.get("kind") == "policy":
            pid = str(entry.get("cause", "")).partition(":")[2]
            if any(change[0] == pid for change in entry.get("changes", [])):  # a switch, not monthly effects
                out.append(Decision(turn, month_label(content, turn), "policy", "", "Standing policy", "", 0,
                                    str(entry.get("reason", "")), "", _changes(content, entry["changes"])))
    return out


def _talks(content: Content, state: GameState) -> list[TalksRecord]:
    out = []
    for number, log in enumerate(state.talks_log, 1):
        rule = content.negotiations.get(log.get("id", ""))
        title = text(rule.model.title) if rule else str(log.get("id"))
        counterpart = text(rule.model.counterpart) if rule else "Counterpart"
        who = {"you": "You", "them": counterpart, "result": "Outcome"}
        lines = tuple((who.get(speaker, speaker), " ".join(str(line).split()))
                      for speaker, line in log.get("transcript", []))
        turn = int(log.get("turn", 0))
        out.append(TalksRecord(number, str(log.get("id")), title, counterpart, turn, month_label(content, turn),
                               _card_title(content, str(log.get("card", "")))[0], int(log.get("rounds", 0)),
                               str(log.get("outcome", "")), str(log.get("label", "")), bool(log.get("deal")),
                               bool(log.get("hotseat")), lines))
    return out


def _ending(content: Content, state: GameState) -> EndingInfo | None:
    if state.ending is None:
        return None
    rule = content.endings.get(state.ending)
    month = month_label(content, state.turn)
    if rule is None:
        return EndingInfo(state.ending, "", state.ending, "", "", Citation("", "", "", ""), state.turn, month)
    e = rule.model
    src = content.sources.get(e.source.id)
    return EndingInfo(e.id, e.kind, text(e.title), " ".join(text(e.text).split()), " ".join(text(e.epilogue).split()),
                      Citation(e.source.id, e.source.where, e.source.quote, src.citation if src else e.source.id),
                      state.turn, month)


def _sources(content: Content, state: GameState, talks: list[TalksRecord]) -> list[SourceGroup]:
    uses: dict[str, list[SourceUse]] = {}
    seen: set[str] = set()
    for entry in state.history:
        if entry.get("kind") != "draw":
            continue
        for card_id in entry.get("cards", []):
            event = content.events.get(card_id)
            if event is None or card_id in seen:
                continue
            seen.add(card_id)
            s = event.model.source
            uses.setdefault(s.id, []).append(SourceUse("card", text(event.model.title),
                                                       month_label(content, int(entry["turn"])), s.where, s.quote))
    for t in talks:
        rule = content.negotiations.get(t.id)
        if rule is not None and rule.model.source is not None and f"talks:{t.id}" not in seen:
            seen.add(f"talks:{t.id}")
            s = rule.model.source
            uses.setdefault(s.id, []).append(SourceUse("negotiation", t.title, t.month, s.where, s.quote))
    rule_end = content.endings.get(state.ending or "")
    if rule_end is not None:
        s = rule_end.model.source
        uses.setdefault(s.id, []).append(SourceUse("ending", text(rule_end.model.title),
                                                   month_label(content, state.turn), s.where, s.quote))
    order = list(content.sources) + sorted(set(uses) - set(content.sources))
    out = []
    for sid in order:
        if sid in uses:
            entry = content.sources.get(sid)
            out.append(SourceGroup(sid, entry.short if entry else sid, " ".join(entry.citation.split()) if entry
                                   else sid, tuple(uses[sid])))
    return out


def _branched(content: Content, state: GameState) -> str:
    branch = state.options.get("branched_from")
    if not isinstance(branch, dict):
        return ""
    turn = int(branch.get("turn", 0) or 0)
    month = branch.get("month") or month_label(content, turn)
    original = branch.get("original_ending")
    rule = content.endings.get(original or "")
    how = f"ended “{text(rule.model.title)}”" if rule else ("ended “" + original + "”" if original
                                                          else "had not ended yet")
    return (f"This game is a branch: it was rewound to the start of {month} (month {turn}) and played "
            f"differently from there. Months before {month} are the same as in the original game, which {how}.")


def gather(content: Content, state: GameState, name: str = "game", notes: tuple[str, ...] = ()) -> Debrief:
    """Collect everything the debrief shows for one game."""
    labels, paths = meter_points(content, state)
    meters = tuple(MeterPath(m.id, text(m.name), m.primary, tuple(paths[m.id])) for m in content.scenario.meters)
    counts = counter_points(content, state, len(labels))
    counters = tuple(MeterPath(c.id, text(c.name), False, tuple(counts[c.id]),
                               "" if c.unit in _PLAIN_UNITS else str(c.unit))
                     for c in content.scenario.counters if c.shown)
    talks = _talks(content, state)
    hotseat = state.options.get("hotseat") or []
    hotseat_text = "all negotiations" if hotseat == "all" else ", ".join(
        text(content.negotiations[h].model.title) if h in content.negotiations else str(h) for h in hotseat)
    reflections = tuple(
        ReflectionAnswer(rid, int(r.get("turn", 0)), month_label(content, int(r.get("turn", 0))),
                         str(r.get("prompt", "")).strip(), str(r.get("answer", "")).strip())
        for rid, r in sorted(state.reflections.items(), key=lambda kv: int(kv[1].get("turn", 0))))
    return Debrief(
        name=name, scenario_title=text(content.scenario.title), seed=str(state.seed),
        class_code=str(state.options.get("class_code") or ""), hotseat=hotseat_text, turn=state.turn,
        month=month_label(content, state.turn), over=state.phase == "over", ending=_ending(content, state),
        points=tuple(labels), meters=meters, counters=counters, decisions=tuple(_decisions(content, state)),
        talks=tuple(talks),
        sources=tuple(_sources(content, state, talks)), reflections=reflections,
        discussion=tuple(" ".join(text(q).split()) for q in content.scenario.discussion),
        branched=_branched(content, state), notes=notes)
