"""Which cards a month brings: follow-ups due, scheduled events, then a weighted draw."""

from __future__ import annotations

from game.content.compiled import Content, EventRule
from game.engine.rng import weighted_index
from game.engine.state import GameState


def _eligible(content: Content, state: GameState, event: EventRule, hand: list[str]) -> bool:
    if event.id in hand:
        return False
    last = state.drawn.get(event.id)
    if last is not None:
        if event.model.once:
            return False
        cooldown = event.model.cooldown if event.model.cooldown is not None else content.scenario.draw.cooldown
        if state.turn - last <= cooldown:
            return False
    return event.when is None or bool(event.when(state))


def draw_month(content: Content, state: GameState) -> list[str]:
    """Draw this month's hand and mark each card as drawn; consumes RNG only for the weighted part."""
    hand: list[str] = []
    month = state.values["month"]
    still_pending = []
    for due, event_id, cause in state.pending:
        if due > state.turn:
            still_pending.append([due, event_id, cause])
            continue
        event = content.events.get(event_id)
        if event is not None and (event.when is None or event.when(state)) and event_id not in hand:
            hand.append(event_id)
    state.pending = still_pending
    for event_id in content.scheduled.get(month, ()):
        event = content.events[event_id]
        if _eligible(content, state, event, hand):
            hand.append(event_id)

    draw = content.scenario.draw
    wanted = max(draw.min, min(draw.max, int(round(content.cards(state)))))
    deck_weights = {d: max(0.0, float(rule.weight(state))) for d, rule in content.decks.items()}
    pool: list[str] = []
    weights: list[float] = []
    for deck_id, deck in content.decks.items():
        dw = deck_weights[deck_id]
        if dw <= 0:
            continue
        for event_id in deck.events:
            event = content.events[event_id]
            if event.at is not None and event.weight.constant == 0:
                continue
            w = float(event.weight(state)) * dw
            if w > 0 and _eligible(content, state, event, hand):
                pool.append(event_id)
                weights.append(w)
    while len(hand) < wanted and pool:
        i = weighted_index(state.random(), weights)
        hand.append(pool.pop(i))
        weights.pop(i)
    for event_id in hand:
        state.drawn[event_id] = state.turn
    return hand
