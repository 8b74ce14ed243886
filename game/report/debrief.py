"""Debrief data: everything a report shows about one game, read from a replayed `Game`.

`gather(game)` uses only the engine's public face: `timeline`, `records` with `describe`, `decisions()`,
`talks_log` with `talks_result`, `reflections()`, `ending()`, `card()`, `options`. The one thing the
engine does not keep is the outcome text a choice showed; `choice_outcomes` gets it by applying the
game's actions again to a fresh game and reading what each `Choose` returned.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.compiled import text
from game.engine.actions import Choose
from game.engine.game import Game
from game.engine.records import Kind, Record
from game.engine.views import ChoiceResult, RoleReportView
from game.i18n import _, language
from game.present import frame_label
from game.report.common import ChangeLine, change_lines, end_mark, month_label, now_mark, words
from game.report.roles import gather_roles, player_role
from game.report.talks import TalksRecord, talks_records


def our_translation(source: object, lang: str) -> str:
    """Our translation of a source's quote into `lang` ('' when there is none, or `lang` is English)."""
    found = getattr(source, "translation", None) or {}
    return "" if lang == "en" else words(str(found.get(lang, "")))


@dataclass(frozen=True)
class Citation:
    source_id: str
    where: str
    quote: str
    citation: str
    translation: str = ""  # our translation of the quote into the report's language


@dataclass(frozen=True)
class EndingInfo:
    id: str
    kind: str  # "immediate" (a loss the moment a meter hit its bound) or "final" (the January 2020 evaluation)
    title: str
    text: str
    epilogue: str
    source: Citation
    turn: int
    month: str
    when: str  # "final evaluation", "lost in month 12 of 30", "lost in the final month"
    historical: bool = False  # the ending closest to what actually happened
    cause: str = ""  # for a loss: the change that took the meter to its bound


@dataclass(frozen=True)
class MeterPath:
    id: str
    name: str
    primary: bool
    values: tuple[int, ...]  # one per point of `Debrief.points`
    unit: str = ""
    low: int = 0
    high: int = 100


@dataclass(frozen=True)
class Decision:
    turn: int
    month: str
    kind: str  # "card", "policy" or "author" (an author tool in a --dev game)
    card_id: str  # "" unless a card
    card_title: str
    deck_title: str
    choice: int  # 1-based; 0 unless a card
    label: str
    outcome: str
    changes: tuple[ChangeLine, ...]
    negotiation: str = ""  # title of the talks this choice opened
    historical: bool = False  # the choice Pingxiang actually made
    frame: str = ""  # composite / analogy / counterfactual ("" for a card that records events)


@dataclass(frozen=True)
class SourceUse:
    what: str  # "card", "negotiation", "ending"
    title: str
    month: str
    where: str
    quote: str
    frame: str = ""  # composite / analogy / counterfactual for cards that are not a record of events
    translation: str = ""  # our translation of the quote into the report's language


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
    turns: int
    month: str
    over: bool
    ending: EndingInfo | None
    points: tuple[str, ...]  # labels of the snapshots: "Start", then the month each one closes
    meters: tuple[MeterPath, ...]
    counters: tuple[MeterPath, ...]  # the shown counters at the same points
    decisions: tuple[Decision, ...]
    talks: tuple[TalksRecord, ...]
    sources: tuple[SourceGroup, ...]
    frames: tuple[tuple[str, str], ...]  # (label, what it means) for each frame among the cards met
    reflections: tuple[ReflectionAnswer, ...]
    discussion: tuple[str, ...]
    branched: str  # "" unless this game was rewound from another
    notes: tuple[str, ...] = ()
    lang: str = "en"  # the language the report is written in
    roles: tuple[RoleReportView, ...] = ()  # each role's objective and outcome (content with roles)
    player_role: str = ""  # the role of the game's own player (the bureau)

    @property
    def status(self) -> str:
        return self.ending.title if self.ending else _("In progress, month {turn} ({month})").format(
            turn=self.turn, month=self.month)


_PLAIN_UNITS = (None, "", "workers", "permits", "agencies", "firms", "cities")  # already in the name


def snapshot_points(game: Game) -> tuple[list[str], list[dict[str, int]]]:
    """Meters and counters at the start and after each month (one point per month). A month cut short by
    a loss, or a month still being played, adds the values as they stand ("(end)" / "(now)")."""
    content = game.content
    timeline = [dict(s) for s in game.timeline]
    labels = [_("Start")] + [month_label(content, i, short=True) for i in range(1, len(timeline))]
    if len(timeline) <= game.turn:
        current = {name: game.value(name) for name in content.bounds}
        if game.is_over or not timeline or current != timeline[-1]:
            labels.append(month_label(content, game.turn, short=True) + (end_mark() if game.is_over else now_mark()))
            timeline.append(current)
    return labels, timeline


def choice_outcomes(game: Game) -> list[str]:
    """The outcome text each card choice showed, in order, by applying the game's actions to a new game."""
    shadow = Game.new(game.content, seed=game.seed, options=game.options)
    out = []
    for action in game.actions:
        result = shadow.apply(action)
        if isinstance(action, Choose) and isinstance(result, ChoiceResult):
            out.append(words(result.outcome))
    return out


def _decisions(game: Game, outcomes: list[str] | None) -> list[Decision]:
    content = game.content
    listed = iter(game.decisions())
    outcome_iter = iter(outcomes or [])
    out = []
    for rec in game.records:
        month = month_label(content, rec.turn)
        if rec.kind is Kind.CHOICE and rec.cause in content.events:
            turn, card_id, title, label, historical = next(listed)
            card = game.card(card_id)
            rule = content.events[card_id].choices[int(rec.detail) - 1]
            talks = content.negotiations.get(rule.negotiate or "")
            out.append(Decision(turn, month, "card", card_id, words(title), card.deck_title, int(rec.detail),
                                words(label), next(outcome_iter, ""), change_lines(game, rec.changes),
                                text(talks.model.title, game.lang) if talks else (rule.negotiate or ""), historical,
                                frame_label(card.frame)))
        elif rec.kind is Kind.POLICY_SWITCH:
            policy = content.policies.get(rec.cause)
            option = policy.options.get(rec.detail) if policy is not None else None
            label = (_("{policy}: {option}").format(policy=text(policy.model.name, game.lang),
                                                    option=text(option.model.label, game.lang))
                     if policy is not None and option is not None else game.describe(rec))
            out.append(Decision(rec.turn, month, "policy", "", _("Standing policy"), "", 0, words(label),
                                "", change_lines(game, rec.changes)))
        elif rec.kind is Kind.DEV:
            out.append(Decision(rec.turn, month, "author", "", _("Author tool"), "", 0, words(game.describe(rec)), "",
                                change_lines(game, rec.changes)))
    return out


def _loss_cause(game: Game) -> str:
    """For an immediate loss: the change that took the meter to its bound, in words."""
    content = game.content
    meter = next((m for m in content.scenario.meters if m.ending == game.ending_id and m.lose_at), None)
    if meter is None:
        return ""
    bound = meter.min if meter.lose_at == "min" else meter.max
    last: Record | None = None
    for rec in game.records:
        if any(t == meter.id and after == bound for t, _b, after in rec.changes):
            last = rec
    if last is None:
        return ""
    before, after = next((b, a) for t, b, a in reversed(last.changes) if t == meter.id)
    what = words(game.describe(last))
    if last.kind is Kind.CHOICE and last.cause in content.events:
        what = _("{card}: “{choice}”").format(card=words(game.card(last.cause).title), choice=what)
    return _("{meter} fell from {before} to {after} in {month} — {what}.").format(
        meter=text(meter.name, game.lang), before=before, after=after, month=month_label(content, last.turn), what=what)


def _ending(game: Game) -> EndingInfo | None:
    e = game.ending()
    if e is None:
        return None
    content = game.content
    if e.kind == "final":
        when = _("final evaluation")
    elif e.turn >= content.turns:
        when = _("lost in the final month")
    else:
        when = _("lost in month {turn} of {turns}").format(turn=e.turn, turns=content.turns)
    rule = content.endings.get(e.id)
    translation = our_translation(rule.model.source, game.lang) if rule else ""
    return EndingInfo(e.id, e.kind, e.title, words(e.text), words(e.epilogue),
                      Citation(e.source_id, e.source_where, e.source_quote, words(e.source_citation), translation),
                      e.turn,
                      month_label(content, e.turn), when, e.historical,
                      _loss_cause(game) if e.kind == "immediate" else "")


def _sources(game: Game, talks: list[TalksRecord]) -> tuple[list[SourceGroup], list[tuple[str, str]]]:
    content = game.content
    uses: dict[str, list[SourceUse]] = {}
    frames: dict[str, str] = {}
    met: set[str] = set()
    for rec in game.records:
        for card_id in rec.cards if rec.kind is Kind.DRAW else ():
            if card_id in met or card_id not in content.events:
                continue
            met.add(card_id)
            card = game.card(card_id)
            frame = frame_label(card.frame)
            if frame:
                frames.setdefault(frame, words(card.frame_note))
            uses.setdefault(card.source_id, []).append(SourceUse(
                "card", words(card.title), month_label(content, rec.turn), card.source_where, words(card.source_quote),
                frame, our_translation(content.events[card_id].model.source, game.lang)))
    done: set[str] = set()
    for t in talks:
        rule = content.negotiations.get(t.id)
        if rule is not None and rule.model.source is not None and t.id not in done:
            done.add(t.id)
            s = rule.model.source
            uses.setdefault(s.id, []).append(SourceUse("negotiation", t.title, t.month, s.where, words(s.quote), "",
                                                       our_translation(s, game.lang)))
    ending = game.ending()
    if ending is not None:
        end_rule = content.endings.get(ending.id)
        uses.setdefault(ending.source_id, []).append(SourceUse(
            "ending", ending.title, month_label(content, ending.turn), ending.source_where, words(ending.source_quote),
            "", our_translation(end_rule.model.source, game.lang) if end_rule else ""))
    order = list(content.sources) + sorted(set(uses) - set(content.sources))
    groups = []
    for sid in order:
        if sid in uses:
            entry = content.sources.get(sid)
            groups.append(SourceGroup(sid, entry.short if entry else sid, words(entry.citation) if entry else sid,
                                      tuple(uses[sid])))
    return groups, sorted(frames.items())


def _branched(game: Game) -> str:
    branch = game.options.get("branched_from")
    if not isinstance(branch, dict):
        return ""
    content = game.content
    turn = int(branch.get("turn", 0) or 0)
    month = str(branch.get("month") or month_label(content, turn))
    original = branch.get("original_ending")
    rule = content.endings.get(str(original or ""))
    if rule or original:
        how = _("The original game ended “{ending}”.").format(
            ending=text(rule.model.title, game.lang) if rule else original)
    else:
        how = _("The original game had not ended when it was rewound.")
    return _("This game is a branch: it was rewound to the start of {month} (month {turn}) and played differently "
             "from there. Months before {month} are the same as in the original game.").format(month=month, turn=turn) \
        + " " + how


def hotseat_text(game: Game) -> str:
    hotseat = game.options.get("hotseat") or []
    if hotseat == "all":
        return _("all negotiations")
    if not isinstance(hotseat, list):
        return ""
    negs = game.content.negotiations
    return _(", ").join(text(negs[h].model.title, game.lang) if h in negs else str(h) for h in hotseat)


def gather(game: Game, name: str = "game", notes: tuple[str, ...] = (), outcomes: bool = True,
           ai_replies: frozenset[int] = frozenset()) -> Debrief:
    """Collect everything the debrief shows for one game. `outcomes=False` skips the choices' outcome
    texts (the class summary does not show them, and they cost a second replay). `ai_replies`: where in the
    action log the AI replied in talks for a classmate whose time ran out (ClassDB.ai_replies)."""
    content = game.content
    labels, snaps = snapshot_points(game)
    meters = tuple(MeterPath(m.id, text(m.name, game.lang), m.primary, tuple(int(s[m.id]) for s in snaps), "", m.min,
                             m.max) for m in content.scenario.meters)
    counters = tuple(MeterPath(c.id, text(c.name, game.lang), False, tuple(int(s[c.id]) for s in snaps),
                               "" if text(c.unit) in _PLAIN_UNITS else text(c.unit, game.lang), c.min, c.max or 0)
                     for c in content.scenario.counters if c.shown)
    talks = talks_records(game, ai_replies)
    sources, frames = _sources(game, talks)
    reflections = tuple(ReflectionAnswer(rid, turn, month_label(content, turn), words(prompt), answer.strip())
                        for rid, turn, prompt, answer in sorted(game.reflections(), key=lambda r: r[1]))
    options = game.options
    return Debrief(
        name=name, scenario_title=text(content.scenario.title, game.lang), seed=str(game.seed),
        class_code=str(options.get("class_code") or ""), hotseat=hotseat_text(game), turn=game.turn,
        turns=content.turns, month=month_label(content, game.turn), over=game.is_over, ending=_ending(game),
        points=tuple(labels), meters=meters, counters=counters,
        decisions=tuple(_decisions(game, choice_outcomes(game) if outcomes else None)), talks=tuple(talks),
        sources=tuple(sources), frames=tuple(frames), reflections=reflections,
        discussion=tuple(words(text(q, game.lang)) for q in content.scenario.discussion), branched=_branched(game),
        notes=notes, lang=language(), roles=gather_roles(game), player_role=player_role(game))
