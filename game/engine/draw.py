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
    pool: list[str] = []
    weights: list[float] = []
    if len(hand) < wanted:
        events = content.events
        for deck in content.decks.values():
            dw = float(deck.weight.fn(state))
            if dw <= 0:
                continue
            for event_id in deck.events:
                event = events[event_id]
                const = event.weight.constant
                if const == 0 or not _eligible(state, event, hand):
                    continue
                w = (const if const is not None else float(event.weight.fn(state))) * dw
                if w > 0:
                    pool.append(event_id)
                    weights.append(w)
    while len(hand) < wanted and pool:
        i = weighted_index(state.random(), weights)
        hand.append(pool.pop(i))
        weights.pop(i)
    for event_id in hand:
        state.drawn[event_id] = state.turn
    return hand
