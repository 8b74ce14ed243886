"""Which cards a month brings: follow-ups due, forced and scheduled cards, then a weighted draw.

The weighted draw picks a card with probability proportional to deck weight x card weight among
the cards that may come now. It samples from tables built once per content (cards with a fixed
weight in cumulative arrays per deck; cards whose weight is an expression are weighed each month)
and rejects cards that may not come (already in hand, once, cooling down, or `when` false): the
same distribution as filtering every card first, at a fraction of the checks. After many
rejections in a row it falls back to filtering, so a month with few eligible cards still ends.
With a class code, each month's order of cards is fixed by (seed, month) and the hand size by the
month alone, so students who choose differently still meet the same cards whenever those cards may
come for both.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from game.content.codegen import compile_tuple
from game.content.compiled import Content, EventRule
from game.engine.effects import finite
from game.engine.rng import next_u64, seed_state
from game.engine.state import GameState

MAX_TRIES = 48
_INF = float("inf")


@dataclass(frozen=True)
class DeckTable:
    events: tuple[EventRule, ...]  # cards with a fixed weight > 0
    cumulative: tuple[float, ...]
    total: float
    dynamic: tuple[EventRule, ...]  # cards whose weight is an expression


class DrawTables:
    """Per-content tables for the weighted draw, built once; `weigh(state)` evaluates every deck weight and
    every expression card weight in one compiled call."""

    def __init__(self, content: Content) -> None:
        self.decks: list[tuple[object, DeckTable]] = []
        for deck in content.decks.values():
            fixed, cumulative, dynamic, total = [], [], [], 0.0
            for event in deck.events_compiled:
                const = event.weight.constant
                if event.at is not None:
                    continue  # scheduled cards come in their month, not at random
                if const is None:
                    dynamic.append(event)
                elif const > 0:
                    total += float(const)
                    fixed.append(event)
                    cumulative.append(total)
            if fixed or dynamic:
                self.decks.append((deck.weight, DeckTable(tuple(fixed), tuple(cumulative), total, tuple(dynamic))))
        self.weights = [[float(e.weight.constant or 0) for e in t.events] for _, t in self.decks]
        exprs = []
        for weight, table in self.decks:
            exprs.append(weight)
            exprs.extend(e.weight for e in table.dynamic)
        self.weigh = compile_tuple(exprs)  # type: ignore[arg-type]


def _may_come(state: GameState, event: EventRule, hand: list[str]) -> bool:
    """Cheap checks first (already in hand, once, cooldown), then the event's condition."""
    if event.id in hand:
        return False
    last = state.drawn.get(event.id)
    if last is not None and (event.once or state.turn - last <= event.cooldown):
        return False
    return event.when is None or bool(event.when.fn(state))


class LiveTables:
    """One game's view of the draw tables: a card that can never come again (`once`, already drawn) has its
    weight set to 0 here, so the draw does not keep rejecting it. A function of the content and the cards
    drawn so far, so every replay of a game builds the same tables."""

    def __init__(self, tables: DrawTables, state: GameState) -> None:
        self.weights = [list(w) for w in tables.weights]  # per deck, per fixed card
        self.totals = [sum(w) for w in self.weights]
        self.dead: set[str] = set()  # cards with an expression weight that can never come again
        self.where = {e.id: (i, j) for i, (_, t) in enumerate(tables.decks) for j, e in enumerate(t.events)}
        self.once = {e.id for _, t in tables.decks for e in (*t.events, *t.dynamic) if e.once}
        self.died([e for e in state.drawn if e in self.once])

    def died(self, event_ids: list[str]) -> None:
        for event_id in event_ids:
            if event_id not in self.once:
                continue
            place = self.where.get(event_id)
            if place is None:
                self.dead.add(event_id)
                continue
            i, j = place
            w = self.weights[i][j]
            if w:
                self.weights[i][j] = 0.0
                self.totals[i] -= w


def draw_month(content: Content, tables: DrawTables, state: GameState, live: LiveTables | None = None) -> list[str]:
    """Draw this month's hand and mark each card as drawn."""
    hand: list[str] = []
    turn = state.turn
    if state.pending:
        still_pending = []
        for due, event_id, cause in state.pending:
            if due > turn:
                still_pending.append((due, event_id, cause))
                continue
            event = content.events.get(event_id)
            if event is not None and (event.when is None or event.when.fn(state)) and event_id not in hand:
                hand.append(event_id)
        state.pending = still_pending
    if state.forced:
        hand.extend(e for e in state.forced if e not in hand and e in content.events)
        state.forced = []
    for event_id in content.scheduled.get(state.values["month"], ()):
        if _may_come(state, content.events[event_id], hand):
            hand.append(event_id)
    draw = content.scenario.draw
    shared = bool(state.options.get("shared_hands"))
    scope = _ClassScope(content, state) if shared else state
    wanted = int(round(finite(content.cards.fn(scope), draw.min)))
    wanted = max(draw.min, min(draw.max, wanted))
    if len(hand) < wanted:
        if shared:
            _shared_draw(tables, state, scope, hand, wanted)
        else:
            live = live or LiveTables(tables, state)
            _weighted_draw(tables, live, state, hand, wanted)
    drawn, seen = state.drawn, state.seen
    for event_id in hand:
        drawn[event_id] = turn
        seen[event_id] = seen.get(event_id, 0) + 1
    if live is not None:
        live.died([e for e in hand if content.events[e].once])
    return hand


class _ClassScope:
    """What the draw reads in a class game: the scenario's starting values at this month, the same for
    every student, so that hand sizes and weights do not depend on anyone's choices."""

    def __init__(self, content: Content, state: GameState) -> None:
        self.values = {**content.start_values, "turn": state.turn, "month": state.values["month"]}
        self.flags: frozenset[str] = frozenset()

    def random(self) -> float:
        return 0.5


def _shared_draw(tables: DrawTables, state: GameState, scope: _ClassScope, hand: list[str], wanted: int) -> None:
    """Weighted sampling without replacement by random keys (Efraimidis and Spirakis): each card's key
    comes from (seed, month, card), so the month's order is the same for the whole class and each
    student takes the first cards in it that may come for them."""
    month = state.values["month"]
    keyed: list[tuple[float, EventRule]] = []
    for weight, table in tables.decks:
        dw = finite(weight.fn(scope))  # type: ignore[attr-defined]
        if dw <= 0:
            continue
        last = 0.0
        for event, cum in zip(table.events, table.cumulative):
            keyed.append((_key(state.seed, month, event.id, (cum - last) * dw), event))
            last = cum
        for event in table.dynamic:
            keyed.append((_key(state.seed, month, event.id, finite(event.weight.fn(scope)) * dw), event))
    keyed.sort(key=lambda k: (-k[0], k[1].id))
    for key, event in keyed:
        if len(hand) >= wanted or key <= 0:
            break
        if _may_come(state, event, hand):
            hand.append(event.id)


def _key(seed: int | str, month: int, card: str, weight: float) -> float:
    if weight <= 0:
        return 0.0
    _, bits = next_u64(seed_state(f"{seed}/{month}/{card}"))
    u = ((bits >> 11) + 0.5) * (1.0 / (1 << 53))
    return u ** (1.0 / weight)


def _weighted_draw(tables: DrawTables, live: LiveTables, state: GameState, hand: list[str], wanted: int) -> None:
    stream = state
    groups: list[tuple[float, int, EventRule | None]] = []  # (cumulative weight, deck, dynamic card or None)
    total = 0.0
    weights = tables.weigh(state)
    k = 0
    dead = live.dead
    totals = live.totals
    for d, (_, base) in enumerate(tables.decks):
        dw = weights[k]
        k += 1
        if not dw > 0 or dw == _INF:  # not a number, zero, negative or infinite: the deck sits out
            k += len(base.dynamic)
            continue
        if totals[d] > 1e-9:
            total += dw * totals[d]
            groups.append((total, d, None))
        for event in base.dynamic:
            w = weights[k] * dw
            k += 1
            if w > 0 and w != _INF and event.id not in dead:
                total += w
                groups.append((total, d, event))
    if total <= 0:
        return
    bounds = [g[0] for g in groups]
    rejected: set[str] = set()
    tries = 0
    while len(hand) < wanted:
        if tries >= MAX_TRIES:
            return _filtered_draw(tables, live, groups, state, hand, wanted, stream, rejected)
        tries += 1
        target = stream.random() * total
        i = min(bisect_right(bounds, target), len(groups) - 1)
        _, d, event = groups[i]
        if event is None:
            base = groups[i - 1][0] if i else 0.0
            within = (target - base) / (groups[i][0] - base) * totals[d]
            cards = tables.decks[d][1].events
            running = 0.0
            choice = len(cards) - 1
            for j, w in enumerate(live.weights[d]):
                running += w
                if within < running:
                    choice = j
                    break
            event = cards[choice]
        if event.id in rejected:
            continue
        if _may_come(state, event, hand):
            hand.append(event.id)
            tries = 0
        else:
            rejected.add(event.id)


def _filtered_draw(tables: DrawTables, live: LiveTables, groups: list[tuple[float, int, EventRule | None]],
                   state: GameState, hand: list[str], wanted: int, stream: GameState, rejected: set[str]) -> None:
    """The exact draw by filtering: every card's eligibility checked, then weighted picks."""
    pool: list[EventRule] = []
    weights: list[float] = []
    previous = 0.0
    for bound, d, event in groups:
        share = bound - previous
        previous = bound
        if event is None:
            scale = share / live.totals[d]
            for card, w in zip(tables.decks[d][1].events, live.weights[d]):
                if w > 0 and card.id not in rejected and _may_come(state, card, hand):
                    pool.append(card)
                    weights.append(w * scale)
        elif event.id not in rejected and _may_come(state, event, hand):
            pool.append(event)
            weights.append(share)
    while len(hand) < wanted and pool:
        total = sum(weights)
        target, running, pick = stream.random() * total, 0.0, len(weights) - 1
        for j, w in enumerate(weights):
            running += w
            if target < running:
                pick = j
                break
        hand.append(pool.pop(pick).id)
        weights.pop(pick)
