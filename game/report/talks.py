"""Negotiations for the reports: transcripts, what the deal and the moves cost and gained, and where a
hot-seat counterpart answered against the AI's suggestion.

Read from `Game.talks_log` and `Game.talks_result(i)`, with the costs taken from the records between each
TALKS_OPEN and its TALKS_END (so the same talks twice in one month are still told apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.content.compiled import Content, text
from game.engine.game import Game
from game.engine.records import Kind
from game.report.common import ChangeLine, change_lines, month_label, summed_changes, words


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
    outcome: str  # the position agreed or the no-deal outcome id
    outcome_label: str
    deal: bool
    hotseat: bool
    lines: tuple[tuple[str, str], ...]  # (speaker, line)
    deal_changes: tuple[ChangeLine, ...] = ()  # what the deal (or no deal) changed
    move_changes: tuple[ChangeLine, ...] = ()  # what the moves made during the talks cost or gained, summed
    against_ai: tuple[tuple[str, str], ...] = ()  # hot seat: (what the classmate answered, what the AI suggested)
    status: str = "done"  # "done", "in progress" (a game still being played) or "cut short" (the game ended)


def reply_words(content: Content, talks_id: str, reply: str) -> str:
    """'counter:half_year+fee_cap' (as the engine logs a reply) in words."""
    kind, _, package = reply.partition(":")
    if kind != "counter":
        return {"accept": "accept the proposal", "hold": "hold and ask for more",
                "end": "end the talks"}.get(kind, kind)
    rule = content.negotiations.get(talks_id)
    position, *concessions = package.split("+")
    if rule is None:
        return "counter-offer: " + " + ".join([position, *concessions])
    positions = {p.id: text(p.model.label) for p in rule.positions}
    offered = {c.id: text(c.model.label) for c in rule.concessions}
    out = "counter-offer: " + positions.get(position, position)
    if concessions:
        out += ", with " + "; ".join(offered.get(c, c) for c in concessions)
    return out


def talks_records(game: Game) -> list[TalksRecord]:
    """Every negotiation of the game in order: finished ones, then one still open or cut short by the ending."""
    content = game.content
    segments: list[tuple[list[Any], list[Any]]] = []  # per TALKS_END: (move changes, deal changes)
    moves: list[Any] = []
    open_card = ""
    open_turn = 0
    open_id = ""
    for rec in game.records:
        if rec.kind is Kind.TALKS_OPEN:
            moves, open_id, open_card, open_turn = [], rec.cause, rec.detail, rec.turn
        elif rec.kind is Kind.TALKS_MOVE:
            moves.extend(rec.changes)
        elif rec.kind is Kind.TALKS_END:
            segments.append((moves, list(rec.changes)))
            moves, open_id = [], ""
    out = []
    for i, s in enumerate(game.talks_log):
        result = game.talks_result(i)
        rule = content.negotiations.get(s.id)
        title = result.title if result else (text(rule.model.title) if rule else s.id)
        counterpart = words(result.counterpart) if result else "Counterpart"
        move_changes, deal_changes = segments[i] if i < len(segments) else ([], [])
        who = {"you": "You", "them": counterpart, "result": "Outcome"}
        out.append(TalksRecord(
            i + 1, s.id, title, counterpart, s.turn, month_label(content, s.turn),
            words(game.card(s.card).title) if s.card in content.events else s.card, s.rounds, s.outcome,
            result.outcome if result else s.outcome, s.deal, s.hotseat,
            tuple((who.get(speaker, speaker), words(line)) for speaker, line in s.transcript),
            change_lines(game, deal_changes), summed_changes(game, move_changes),
            tuple((reply_words(content, s.id, chose), reply_words(content, s.id, ai)) for chose, ai in s.against_ai)))
    if open_id:
        view = game.talks()
        rule = content.negotiations.get(open_id)
        title = view.title if view else (text(rule.model.title) if rule else open_id)
        counterpart = words(view.counterpart) if view else "Counterpart"
        who = {"you": "You", "them": counterpart, "result": "Outcome"}
        lines = tuple((who.get(sp, sp), words(line)) for sp, line in view.transcript) if view else ()
        status = "in progress" if view is not None and not game.is_over else "cut short"
        out.append(TalksRecord(
            len(out) + 1, open_id, title, counterpart, open_turn, month_label(content, open_turn),
            words(game.card(open_card).title) if open_card in content.events else open_card,
            view.round if view else 0, "", "still under way" if status == "in progress" else "ended with the game",
            False, bool(view.hotseat) if view else False, lines, (), summed_changes(game, moves), (), status))
    return out
