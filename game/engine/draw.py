"""Which cards a month brings: follow-ups due, scheduled events, then a weighted draw."""

from __future__ import annotations

from game.content.compiled import Content, EventRule
from game.engine.rng import weighted_index
from game.engine.state import GameState


def _eligible(state: GameState, event: EventRule, hand: list[str]) -> bool:
    """Cheap checks first (already in hand, once, cooldown), then the event's condition."""
    if event.id in hand:
        return False
    last = state.drawn.get(event.id)
    if last is not None and (event.once or state.turn - last <= event.cooldown):
        return False
    return event.when is None or bool(event.when.fn(state))


def draw_month(content: Content, state: GameState) -> list[str]:
    """Draw this month's hand and mark each card as drawn; consumes RNG only for the weighted part."""
    hand: list[str] = []
    still_pending = []
    for due, event_id, cause in state.pending:
        if due > state.turn:
            still_pending.append([due, event_id, cause])
            continue
        event = content.events.get(event_id)
        if event is not None and (event.when is None or event.when.fn(state)) and event_id not in hand:
            hand.append(event_id)
    state.pending = still_pending
    for event_id in content.scheduled.get(state.values["month"], ()):
        if _eligible(state, content.events[event_id], hand):
            hand.append(event_id)

    draw = content.scenario.draw
    wanted = max(draw.min, min(draw.max, int(round(content.cards.fn(state)))))
    if len(hand) < wanted:
        _weighted_draw(content, state, hand, wanted)
    for event_id in hand:
        state.drawn[event_id] = state.turn
    return hand


def _weighted_draw(content: Content, state: GameState, hand: list[str], wanted: int) -> None:
    """Draw by deck weight x card weight among eligible cards. Conditions are checked lazily on the
    cards that come up (rejection sampling): the same distribution as filtering first, far fewer checks."""
    pool: list[EventRule] = []
    weights: list[float] = []
    drawn, turn = state.drawn, state.turn
    for deck in content.decks.values():
        dw = float(deck.weight.fn(state))
        if dw <= 0:
            continue
        for event in deck.events_compiled:
            const = event.weight.constant
            if const == 0 or event.id in hand:
                continue
            last = drawn.get(event.id)
            if last is not None and (event.once or turn - last <= event.cooldown):
                continue
            w = (const if const is not None else float(event.weight.fn(state))) * dw
            if w > 0:
                pool.append(event)
                weights.append(w)
    while len(hand) < wanted and pool:
        i = weighted_index(state.random(), weights)
        event = pool.pop(i)
        weights.pop(i)
        if event.when is None or event.when.fn(state):
            hand.append(event.id)
