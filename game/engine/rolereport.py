"""Each role's view of a game: its brief, its secret objective scored, what it won and conceded, and where
the student holding it went against the AI's suggestion or the role's brief. Read from the state and the
records only, so a finished game, a replayed save and a game in progress all answer the same way.

A moment is *won* when the stakes the role file names (`stakes: {meter: higher, flag: higher, ...}`) moved
the role's way more often than against it, on a card the role opens or acts on, or at the end of talks the
role answers in; *conceded* when the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.content.compiled import RoleRule, text
from game.engine.effects import finite
from game.engine.records import Kind, Record
from game.engine.roles import BY_PLAYER, held_roles, holds, opening_label
from game.engine.views import (
    RoleBriefView,
    RoleDeparture,
    RoleMoment,
    RoleOutcomeView,
    RoleReportView,
    SourceView,
)

if TYPE_CHECKING:
    from game.engine.game import Game

GRADES = ("met", "partly", "not")


def brief(game: Game, rule: RoleRule) -> RoleBriefView:
    """The role as its player reads it (the role sheet)."""
    m, content = rule.model, game.content
    obj = m.objective
    grades = (("met", obj.met.at_least, game._t(obj.met.text)), ("partly", obj.partly.at_least,
              game._t(obj.partly.text)), ("not", None, game._t(obj.not_.text)))
    talks = tuple((n, game._t(content.negotiations[n].model.title)) for n in rule.negotiations)
    own = tuple((c, _title(game, c)) for c in rule.acts_on)
    other = tuple((c, _title(game, c)) for c in rule.cards if c not in rule.acts_on)
    sources = tuple(SourceView(s.id, s.where, s.quote, content.sources[s.id].citation if s.id in content.sources
                               else s.id) for s in m.sources)
    person = content.characters.get(m.character or "")
    character = f"{game._t(person.name)}, {game._t(person.role)}" if person is not None else ""
    return RoleBriefView(m.role, game._t(m.name), m.composite, m.player, game._t(m.who), game._t(m.wants),
                         game._t(m.fears), game._t(obj.goal), grades, game._t(obj.unit),
                         tuple(game._t(d) for d in m.decides), talks, own, other, sources,
                         tuple(game._t(q) for q in m.discussion), character)


def outcome(game: Game, rule: RoleRule) -> RoleOutcomeView:
    """The role's secret objective scored on the state now (the final state once the game is over)."""
    obj = rule.model.objective
    score = round(finite(rule.score.fn(game._state)), 1)
    met_at = float(obj.met.at_least if obj.met.at_least is not None else 0)
    partly_at = float(obj.partly.at_least if obj.partly.at_least is not None else met_at)
    grade = "met" if score >= met_at else "partly" if score >= partly_at else "not"
    words = {"met": obj.met.text, "partly": obj.partly.text, "not": obj.not_.text}[grade]
    return RoleOutcomeView(rule.id, game._t(rule.model.name), game._t(obj.goal), score, game._t(obj.unit), grade,
                           game._t(words), met_at, partly_at, game.is_over)


def report(game: Game, rule: RoleRule) -> RoleReportView:
    """The role's view of the game for the debrief."""
    state = game._state
    won, conceded = [], []
    for rec in state.records:
        moment = _moment(game, rule, rec)
        if moment is not None and moment.net > 0:
            won.append(moment)
        elif moment is not None and moment.net < 0:
            conceded.append(moment)
    departures = []
    acts = []
    for act in state.role_acts:
        if act.role != rule.id:
            continue
        title = _title(game, act.card)
        chose = opening_label(game, act.card, act.opening)
        acts.append((act.turn, title, chose, act.by, act.line))
        event = game.content.events.get(act.card)
        opening = next((o for o in event.openings if o.id == act.opening), None) if event else None
        against = bool(opening is not None and opening.model.against_brief)
        if act.by == BY_PLAYER and (act.opening != act.ai or against):
            departures.append(RoleDeparture(act.turn, game.month_label(act.turn), "opening", title, chose,
                                            opening_label(game, act.card, act.ai), against))
    for summary in state.talks_log:
        if summary.id not in rule.negotiations or not summary.hotseat:
            continue
        title = game._t(game.content.negotiations[summary.id].model.title)
        for chose, ai in summary.against_ai:
            departures.append(RoleDeparture(summary.turn, game.month_label(summary.turn), "talks", title,
                                            reply_words(game, summary.id, chose), reply_words(game, summary.id, ai),
                                            False))
    departures.sort(key=lambda d: d.turn)
    return RoleReportView(outcome(game, rule), holds(held_roles(state), rule.id), tuple(won), tuple(conceded),
                          tuple(departures), tuple(acts), tuple(game._t(q) for q in rule.model.discussion))


def _moment(game: Game, rule: RoleRule, rec: Record) -> RoleMoment | None:
    content = game.content
    if rec.kind is Kind.CHOICE and rec.cause in rule.cards:
        event = content.events[rec.cause]
        what, kind = game._render(event.title, event), "card"
        detail = game.describe(rec)
    elif rec.kind is Kind.TALKS_END and rec.cause in rule.negotiations:
        what, kind = game._t(content.negotiations[rec.cause].model.title), "talks"
        detail = game.describe(rec).split(" — ", 1)[-1]
    else:
        return None
    stakes = rule.model.stakes
    moved: list[tuple[str, int]] = []
    net = 0
    for target, before, after in rec.changes:
        if target in stakes and isinstance(before, int) and isinstance(after, int) and after != before:
            moved.append((target, after - before))
            net += 1 if (after > before) == (stakes[target] == "higher") else -1
    for flag in rec.flags:
        name = flag[1:]
        if name in stakes:
            moved.append((flag, 0))
            net += 1 if (flag[0] == "+") == (stakes[name] == "higher") else -1
    return RoleMoment(rec.turn, game.month_label(rec.turn), kind, what, detail, tuple(moved), net)


def reply_words(game: Game, nid: str, reply: str) -> str:
    """A counterpart's reply as recorded ('accept', 'hold', 'end', 'counter:rung+concession…') in words."""
    rule = game.content.negotiations.get(nid)
    if not reply.startswith("counter:") or rule is None:
        words = {"accept": game._("Accept their proposal"), "hold": game._("Hold: ask them for more"),
                 "end": game._("End the talks")}
        return words.get(reply, reply)
    position, *concessions = reply[len("counter:"):].split("+")
    label = next((game._t(p.model.label) for p in rule.positions if p.id == position), position)
    by_id = {c.id: game._t(c.model.label) for c in rule.concessions}
    if concessions:
        label = game._("{position}, if {concessions}").format(
            position=label, concessions=game._("; ").join(by_id.get(c, c) for c in concessions))
    return game._("Counter-offer: {package}").format(package=label)


def _title(game: Game, card: str) -> str:
    event = game.content.events.get(card)
    return game._render(event.title, event) if event is not None else card


def english_name(rule: RoleRule) -> str:
    return text(rule.model.name)
