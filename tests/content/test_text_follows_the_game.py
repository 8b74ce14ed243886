"""Cards never assert what the game has changed: after 90-day permits are won, no card speaks of 30-day
renewals; texts show live values."""

from __future__ import annotations

import random
import re

from game.content.compiled import Content
from game.engine.actions import Choose, EndMonth, Reflect, SetPolicy, SetValue, WalkAway
from game.engine.game import Game

THIRTY = re.compile(r"\b(30-day|30 days|thirty days|thirty-day|every 30 days|monthly renewals?)\b", re.I)


def everything_shown(game: Game) -> list[str]:
    """Every text a player reads on the card in front of them."""
    card = game.current_card()
    if card is None:
        return []
    out = [card.title, card.text, card.actor]
    for c in game.choices():
        out += [c.label, c.reason]
    return out


def test_after_ninety_day_permits_no_card_speaks_of_thirty_day_renewals(shipped_content: Content) -> None:
    offenders: set[str] = set()
    for seed in range(40):
        game = Game.new(shipped_content, seed=seed, options={"dev": True})
        game.apply(SetValue("permit_days", "90"))
        rng = random.Random(seed)
        while not game.is_over:
            for words in everything_shown(game):
                if THIRTY.search(words):
                    offenders.add(f"{game.current_card().id}: {words[:80]}")  # type: ignore[union-attr]
            legal = [a for a in game.legal_actions() if not isinstance(a, (Reflect, SetPolicy))]
            choose = [a for a in legal if isinstance(a, Choose)]
            if choose:
                result = game.apply(rng.choice(choose))
                if result is not None and result.outcome and THIRTY.search(result.outcome):
                    offenders.add(f"{result.card} (outcome): {result.outcome[:80]}")
            elif EndMonth() in legal:
                game.apply(EndMonth())
            else:
                game.apply(WalkAway() if WalkAway() in legal else legal[0])
    assert sorted(offenders) == []


def test_fees_on_cards_are_the_fees_the_game_shows(shipped_content: Content) -> None:
    game = Game.new(shipped_content, seed=4, options={"dev": True})
    game.apply(SetValue("worker_fees", "333"))
    texts = []
    for event in shipped_content.events.values():
        view = game.card(event.id)
        texts += [view.text, view.title]
    assert any("RMB 333" in t for t in texts)  # live values are rendered
    assert not any(re.search(r"RMB ?140 a month", t) for t in texts)
