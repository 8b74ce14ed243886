"""Negotiations for the reports: transcripts, what the deal and the moves cost and gained, and where a
hot-seat counterpart answered against the AI's suggestion.

Read from `Game.talks_log` and `Game.talks_result(i)`, with the costs taken from the records between each
TALKS_OPEN and its TALKS_END (so the same talks twice in one month are still told apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.content.compiled import Content, text
from game.engine.actions import Respond
from game.engine.game import Game
from game.engine.records import Kind
from game.i18n import _
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
    replies: int = 0  # hot seat: the counterpart's replies to the bureau's proposals
    ai_replies: int = 0  # of those, the ones the AI gave because the classmate's time ran out (live roles)

    @property
    def by_classmate(self) -> bool:
        """Hot-seat talks where a classmate answered at least once (not the AI every time in their place)."""
        return self.hotseat and not (self.replies and self.ai_replies >= self.replies)


def reply_words(content: Content, talks_id: str, reply: str, lang: str = "en") -> str:
    """'counter:half_year+fee_cap' (as the engine logs a reply) in words."""
    kind, _sep, package = reply.partition(":")
    if kind != "counter":
        return {"accept": _("accept the proposal"), "hold": _("hold and ask for more"),
                "end": _("end the talks")}.get(kind, kind)
    rule = content.negotiations.get(talks_id)
    position, *concessions = package.split("+")
    if rule is None:
        return _("counter-offer: {package}").format(package=" + ".join([position, *concessions]))
    positions = {p.id: text(p.model.label, lang) for p in rule.positions}
    offered = {c.id: text(c.model.label, lang) for c in rule.concessions}
    if concessions:
        asks = _("; ").join(offered.get(c, c) for c in concessions)
        return _("counter-offer: {position}, with {concessions}").format(position=positions.get(position, position),
                                                                         concessions=asks)
    return _("counter-offer: {package}").format(package=positions.get(position, position))


def speakers(counterpart: str) -> dict[str, str]:
    """Who says each line of a transcript, by the engine's speaker key."""
    return {"you": _("You"), "them": counterpart, "result": outcome_speaker(), "propose": _("You propose"),
            "offer": _("{counterpart} offers").format(counterpart=counterpart)}


def outcome_speaker() -> str:
    """Who says the last line of a transcript: the outcome (the HTML report sets it apart)."""
    return _("Outcome")


def reply_counts(game: Game, ai_replies: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """(the counterpart's replies, how many of them the AI gave for a classmate whose time ran out) for each talks
    of the game in order, finished ones then one still open. In hot seat every proposal gets one reply (a
    `Respond` in the action log); `ai_replies` are action numbers at or before such a reply (ClassDB.ai_replies)."""
    replies = [i for i, a in enumerate(game.actions) if isinstance(a, Respond)]
    by_ai = {next((r for r in replies if r >= n), -1) for n in ai_replies}
    out, start = [], 0
    for s in game.talks_log:
        n = sum(1 for m in s.moves if m.startswith("propose:")) if s.hotseat else 0
        mine = replies[start:start + n]
        out.append((len(mine), sum(1 for r in mine if r in by_ai)))
        start += len(mine)
    rest = replies[start:]
    out.append((len(rest), sum(1 for r in rest if r in by_ai)))
    return out


def talks_records(game: Game, ai_replies: frozenset[int] = frozenset()) -> list[TalksRecord]:
    """Every negotiation of the game in order: finished ones, then one still open or cut short by the ending.
    `ai_replies`: where in the action log the AI replied in a classmate's place (see reply_counts)."""
    content = game.content
    counts = reply_counts(game, ai_replies)
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
        title = result.title if result else (text(rule.model.title, game.lang) if rule else s.id)
        counterpart = words(result.counterpart) if result else _("Counterpart")
        move_changes, deal_changes = segments[i] if i < len(segments) else ([], [])
        who = speakers(counterpart)
        out.append(TalksRecord(
            i + 1, s.id, title, counterpart, s.turn, month_label(content, s.turn),
            words(game.card(s.card).title) if s.card in content.events else s.card, s.rounds, s.outcome,
            result.outcome if result else s.outcome, s.deal, s.hotseat,
            tuple((who.get(speaker, speaker), words(line)) for speaker, line in s.transcript),
            change_lines(game, deal_changes), summed_changes(game, move_changes),
            tuple((reply_words(content, s.id, chose, game.lang), reply_words(content, s.id, ai, game.lang))
                  for chose, ai in s.against_ai), replies=counts[i][0], ai_replies=counts[i][1]))
    if open_id:
        view = game.talks()
        rule = content.negotiations.get(open_id)
        title = view.title if view else (text(rule.model.title, game.lang) if rule else open_id)
        counterpart = words(view.counterpart) if view else _("Counterpart")
        who = speakers(counterpart)
        lines = tuple((who.get(sp, sp), words(line)) for sp, line in view.transcript) if view else ()
        status = "in progress" if view is not None and not game.is_over else "cut short"
        out.append(TalksRecord(
            len(out) + 1, open_id, title, counterpart, open_turn, month_label(content, open_turn),
            words(game.card(open_card).title) if open_card in content.events else open_card,
            view.round if view else 0, "",
            _("still under way") if status == "in progress" else _("ended with the game"),
            False, bool(view.hotseat) if view else False, lines, (), summed_changes(game, moves), (), status,
            counts[-1][0], counts[-1][1]))
    return out
