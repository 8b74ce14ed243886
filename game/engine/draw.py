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
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from game.content.codegen import compile_groups, compile_tuple
from game.content.compiled import Content, EventRule
from game.content.expr import Expr, Node
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
        self.decks: list[tuple[Expr, DeckTable]] = []
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
        self.first, self.last = content.start_month, content.end_month
        exprs: list[Expr] = []
        for weight, table in self.decks:
            exprs.append(weight)
            exprs.extend(e.weight for e in table.dynamic)
        self.weigh = compile_tuple(exprs)
        groups = [(w, [(e.id, e.weight, e) for e in t.dynamic]) for w, t in self.decks]
        self.groups = compile_groups(groups, frozenset(content.start_values))
        # the same for a game whose meters and counters are within their bounds (any game that started so: a value
        # is clamped whenever it is stored), testing no weight that is surely above 0
        self.bounds = content.bounds
        ranges = {name: (float(lo), float(hi)) for name, (lo, hi) in content.bounds.items()}
        ranges.update(turn=(1.0, float(content.turns)), month=(float(self.first), float(self.last)))
        self.groups_in_bounds = compile_groups(groups, frozenset(content.start_values), ranges)
        # What every game's LiveTables needs and no game changes: where each fixed card sits, the once-cards,
        # each card's months (from its `when` bounds) and, by month, the windowed cards that come or go then.
        self.where = {e.id: (i, j) for i, (_, t) in enumerate(self.decks) for j, e in enumerate(t.events)}
        self.once = frozenset(e.id for _, t in self.decks for e in (*t.events, *t.dynamic) if e.once)
        self.window: dict[str, tuple[int, int]] = {}
        for _, t in self.decks:
            for e in (*t.events, *t.dynamic):
                bounds = month_bounds(e.when.tree if e.when else None, self.first, self.last)
                if bounds != (self.first, self.last):
                    self.window[e.id] = bounds
        self.changes: dict[int, list[str]] = {}
        # month -> (weights, totals, dead) of a game that has drawn nothing yet, filled by the first such game
        self.start: dict[int, tuple[list[list[float]], list[float], frozenset[str]]] = {}
        for card, (lo, hi) in self.window.items():
            self.changes.setdefault(lo, []).append(card)
            self.changes.setdefault(hi + 1, []).append(card)
        # Every windowed card as (card, deck, place in deck or -1 for an expression weight, its fixed weight, first
        # month, last month); and by month, the cards that come or go then, with whether they are in their months.
        self.windowed = tuple((card, *self.where.get(card, (-1, -1)), self._base(card), lo, hi)
                              for card, (lo, hi) in self.window.items())
        self._every: dict[int, tuple[tuple[str, int, int, float, bool], ...]] = {}
        self._cumulative: dict[tuple[int, int], list[float]] = {}
        self._jumps: dict[tuple[int, int], tuple[tuple[str, int, int, float, float, bool], ...]] = {}
        self.steps = {month: self._step(month, cards) for month, cards in self.changes.items()}

    def _step(self, month: int, cards: list[str]) -> tuple[tuple[str, int, int, float, float, bool], ...]:
        """What LiveTables.at does stepping from month - 1 to `month` to a card not yet gone (a gone card stays out):
        (card, deck, place, new weight, new weight - old weight, in its months), for each fixed-weight card whose
        weight changes and each card weighed by an expression. Before the step such a card's weight is its base
        weight if `month - 1` is in its months, else 0."""
        out = []
        weight: dict[str, float] = {}
        for card in cards:
            i, j = self.where.get(card, (-1, -1))
            lo, hi = self.window[card]
            on = lo <= month <= hi
            if j < 0:
                out.append((card, i, j, 0.0, 0.0, on))
                continue
            base = self.weights[i][j]
            old = weight.get(card, base if lo <= month - 1 <= hi else 0.0)
            new = base if on else 0.0
            if new != old:
                out.append((card, i, j, new, new - old, on))
                weight[card] = new
        return tuple(out)

    def cumulative(self, deck: int, month: int) -> list[float]:
        """A deck's running sums of weights at `month` in a game where none of its cards is gone (read only)."""
        found = self._cumulative.get((deck, month))
        if found is None:
            weights = []
            for e, w in zip(self.decks[deck][1].events, self.weights[deck], strict=True):
                lo, hi = self.window.get(e.id, (month, month))  # a card with no window is always in
                weights.append(w if lo <= month <= hi else 0.0)
            found = self._cumulative[(deck, month)] = list(accumulate(weights))
        return found

    def jump(self, previous: int, month: int) -> tuple[tuple[str, int, int, float, float, bool], ...]:
        """As `steps`, for LiveTables.at going from `previous` to `month` other than by one step: _set(card, _on(card))
        of every windowed card in turn, of which only a card whose weight changes (or weighed by an expression)
        does anything to a card not gone."""
        found = self._jumps.get((previous, month))
        if found is None:
            out = []
            for card, i, j, base, lo, hi in self.windowed:
                on = lo <= month <= hi
                if j < 0:
                    out.append((card, i, j, 0.0, 0.0, on))
                    continue
                old, new = base if lo <= previous <= hi else 0.0, base if on else 0.0
                if new != old:
                    out.append((card, i, j, new, new - old, on))
            found = self._jumps[(previous, month)] = tuple(out)
        return found

    def every(self, month: int) -> tuple[tuple[str, int, int, float, bool], ...]:
        """Every windowed card as in `steps`, for a month reached other than by one step."""
        found = self._every.get(month)
        if found is None:
            found = self._every[month] = tuple((card, i, j, w, lo <= month <= hi)
                                               for card, i, j, w, lo, hi in self.windowed)
        return found

    def _base(self, card: str) -> float:
        i, j = self.where.get(card, (-1, -1))
        return self.weights[i][j] if j >= 0 else 0.0


def _may_come(state: GameState, event: EventRule, hand: list[str]) -> bool:
    """Cheap checks first (already in hand, once, cooldown), then the event's condition."""
    if event.id in hand:
        return False
    last = state.drawn.get(event.id)
    if last is not None and (event.once or state.turn - last <= event.cooldown):
        return False
    return event.when is None or bool(event.when.fn(state))


def month_bounds(node: Node | None, first: int, last: int) -> tuple[int, int]:
    """The months a condition can hold in, read from `month` and `turn` comparisons joined by `and` at its top
    (anything else may hold any month): a safe bound, used to keep out-of-season cards out of the draw."""
    lo, hi = first, last
    if node is None:
        return lo, hi
    parts = [node]
    while parts:
        n = parts.pop()
        if n.op == "and":
            parts.extend(n.args)
            continue
        if n.op != "cmp" or len(n.args) != 2:
            continue
        left, right = n.args
        op = n.value
        if left.op in ("num", "month") and right.op == "name":
            left, right, op = right, left, {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}[op]
        if left.op != "name" or right.op not in ("num", "month") or left.value not in ("month", "turn"):
            continue
        c = float(right.value) + (first - 1 if left.value == "turn" else 0)
        if op in (">", ">="):
            lo = max(lo, int(c) + (1 if op == ">" or c != int(c) else 0))
        elif op in ("<", "<="):
            hi = min(hi, int(c) - (1 if op == "<" and c == int(c) else 0))
        elif op == "==":
            lo, hi = max(lo, int(c)), min(hi, int(c))
    return lo, hi


class LiveTables:
    """One game's view of the draw tables: a card that can never come again (`once`, already drawn) or that
    is out of its months (its `when` bounds `month` or `turn`) has its weight set to 0 here, so the draw does
    not keep rejecting it. A function of the content, the month and the cards drawn so far, so every replay
    of a game builds the same tables."""

    def __init__(self, tables: DrawTables, state: GameState) -> None:
        self.base = tables.weights  # per deck, per fixed card (read only)
        self.weights = [list(w) for w in tables.weights]
        self.totals = [sum(w) for w in self.weights]
        self.dead: set[str] = set()  # cards with an expression weight that cannot come now
        self.cumulative: list[list[float] | None] = [None] * len(self.weights)  # per deck, when worked out
        self.spoiled: set[int] = set()  # decks with a card gone
        self.tables = tables
        self.where, self.once, self.window, self.changes = tables.where, tables.once, tables.window, tables.changes
        self.gone: set[str] = set()  # once-cards already drawn
        self.month = -1
        values = state.values
        within = all(name in values and lo <= values[name] <= hi for name, (lo, hi) in tables.bounds.items())
        self.groups = tables.groups_in_bounds if within else tables.groups
        self.died([e for e in state.drawn if e in self.once])

    # `_set` and `_on` are the rule; `at` and `died` run it inlined, from changes worked out in DrawTables
    def _set(self, card: str, on: bool) -> None:
        place = self.where.get(card)
        if place is None:
            (self.dead.discard if on else self.dead.add)(card)
            return
        i, j = place
        w = self.base[i][j] if on else 0.0
        old = self.weights[i][j]
        if w != old:
            self.weights[i][j] = w
            self.totals[i] += w - old
            self.cumulative[i] = None

    def _on(self, card: str) -> bool:
        lo, hi = self.window.get(card, (self.month, self.month))
        return card not in self.gone and lo <= self.month <= hi

    def at(self, month: int) -> None:
        """Bring the tables to `month` (one step forward is cheap; anything else recomputes)."""
        if month == self.month:
            return
        fresh = self.month == -1 and not self.gone  # a new game: every game starts from the same tables
        start = self.tables.start.get(month) if fresh else None
        if start is not None:
            weights, totals, dead = start
            self.weights, self.totals, self.dead = [list(w) for w in weights], list(totals), set(dead)
            self.cumulative = [None] * len(weights)
            self.month = month
            return
        previous, self.month = self.month, month
        if previous >= 0:  # _set(card, _on(card)) of each card that comes or goes, worked out in DrawTables
            gone, weights, totals, cumulative = self.gone, self.weights, self.totals, self.cumulative
            changes = self.tables.steps.get(month, ()) if month == previous + 1 else self.tables.jump(previous, month)
            for card, i, j, w, diff, on in changes:
                if card in gone:
                    continue
                if j < 0:
                    (self.dead.discard if on else self.dead.add)(card)
                    continue
                weights[i][j] = w
                totals[i] += diff
                cumulative[i] = None
        else:  # _set(card, _on(card)) of every windowed card, inlined
            gone, weights, totals, cumulative = self.gone, self.weights, self.totals, self.cumulative
            for card, i, j, w, on in self.tables.every(month):
                if on and card in gone:
                    on = False
                if j < 0:
                    (self.dead.discard if on else self.dead.add)(card)
                    continue
                row = weights[i]
                if not on:
                    w = 0.0
                old = row[j]
                if w != old:
                    row[j] = w
                    totals[i] += w - old
                    cumulative[i] = None
        if fresh:
            self.tables.start[month] = ([list(w) for w in self.weights], list(self.totals), frozenset(self.dead))

    def deck_cumulative(self, deck: int) -> list[float]:
        """The running sums of a deck's fixed-weight cards' live weights, added in order (weights are >= 0, so the
        first sum, 0.0 + w, is w)."""
        found = self.cumulative[deck]
        if found is None:
            if deck in self.spoiled:
                found = list(accumulate(self.weights[deck]))
            else:  # no card of the deck gone: its weights are every game's at this month
                found = self.tables.cumulative(deck, self.month)
            self.cumulative[deck] = found
        return found

    def died(self, event_ids: list[str]) -> None:
        """Take out the once-cards among `event_ids` that are not yet gone (any other card is left as it is)."""
        for event_id in event_ids:
            if event_id in self.once and event_id not in self.gone:
                self.gone.add(event_id)
                place = self.where.get(event_id)
                if place is None:  # _set(event_id, False), inlined
                    self.dead.add(event_id)
                    continue
                i, j = place
                old = self.weights[i][j]
                if old != 0.0:
                    self.weights[i][j] = 0.0
                    self.totals[i] += 0.0 - old
                    self.cumulative[i] = None
                self.spoiled.add(i)


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
    scheduled = content.scheduled.get(state.values["month"])
    if scheduled:
        for event_id in scheduled:
            if _may_come(state, content.events[event_id], hand):
                hand.append(event_id)
    draw = content.scenario.draw
    shared = bool(state.options.get("shared_hands"))
    class_scope = _ClassScope(content, state) if shared else None
    wanted = round(finite(content.cards.fn(class_scope or state), draw.min))
    if wanted > draw.max:  # max(draw.min, min(draw.max, wanted)), without two calls
        wanted = draw.max
    if wanted < draw.min:
        wanted = draw.min
    if len(hand) < wanted:
        if class_scope is not None:
            _shared_draw(tables, state, class_scope, hand, wanted)
        else:
            live = live or LiveTables(tables, state)
            live.at(state.values["month"])
            _weighted_draw(tables, live, state, hand, wanted)
    drawn, seen = state.drawn, state.seen
    for event_id in hand:
        drawn[event_id] = turn
        seen[event_id] = seen.get(event_id, 0) + 1
    if live is not None:
        live.died(hand)  # the once-cards among them, not yet gone
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
        dw = finite(weight.fn(scope))
        if dw <= 0:
            continue
        last = 0.0
        for event, cum in zip(table.events, table.cumulative, strict=True):
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
    total, bounds, groups = live.groups(state, live.totals, live.dead)
    if total <= 0:
        return
    totals = live.totals
    rejected: set[str] = set()
    tries = 0
    last_group = len(groups) - 1
    while last_group > 0 and bounds[last_group] == bounds[last_group - 1]:
        last_group -= 1  # the last group with a share (groups left out have none)
    drawn, turn = state.drawn, state.turn
    decks, live_cumulative = tables.decks, live.cumulative
    while len(hand) < wanted:
        if tries >= MAX_TRIES:
            return _filtered_draw(tables, live, bounds, groups, state, hand, wanted, stream, rejected)
        tries += 1
        # stream.random(), inlined (SplitMix64 as in GameState.random)
        z = state.rng = (state.rng + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        target = (((z ^ (z >> 31)) >> 11) * 1.1102230246251565e-16) * total
        i = bisect_right(bounds, target)
        if i > last_group:
            i = last_group
        d, dynamic = groups[i]
        if dynamic is not None:
            event = dynamic
        else:
            start = bounds[i - 1] if i else 0.0
            within = (target - start) / (bounds[i] - start) * totals[d]
            cards = decks[d][1].events
            cumulative = live_cumulative[d]
            if cumulative is None:
                cumulative = live.deck_cumulative(d)
            # the first card whose running sum of weights passes `within` (the last card if none does)
            j = bisect_right(cumulative, within)
            event = cards[j] if j < len(cards) else cards[-1]
        eid = event.id
        if eid in rejected:
            continue
        # _may_come, inlined
        last = drawn.get(eid)
        if eid in hand or (last is not None and (event.once or turn - last <= event.cooldown)) or (
                event.when is not None and not event.when.fn(state)):
            rejected.add(eid)
        else:
            hand.append(eid)
            tries = 0


def _filtered_draw(tables: DrawTables, live: LiveTables, bounds: list[float],
                   groups: Sequence[tuple[int, EventRule | None]], state: GameState, hand: list[str], wanted: int,
                   stream: GameState, rejected: set[str]) -> None:
    """The exact draw by filtering: every card's eligibility checked, then weighted picks."""
    pool: list[EventRule] = []
    weights: list[float] = []
    previous = 0.0
    for bound, (d, event) in zip(bounds, groups, strict=True):
        share = bound - previous
        previous = bound
        if not share:
            continue  # a group left out
        if event is None:
            scale = share / live.totals[d]
            for card, w in zip(tables.decks[d][1].events, live.weights[d], strict=True):
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
