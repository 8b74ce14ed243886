"""Test helpers that drive a game only through its public actions, as every host does."""

from __future__ import annotations

import json
from typing import Any

from game.content.compiled import Content
from game.engine.actions import Choose, EndMonth, Force, SetValue, WalkAway
from game.engine.game import Game


def state_bytes(game: Game) -> bytes:
    return json.dumps(game.state_json(), sort_keys=True, default=str).encode()


def first_available(game: Game) -> Choose:
    return next(c for c in game.choice_actions())


def choose(game: Game, index: int) -> Any:
    """Take choice `index` on the card in front of you."""
    card = game.current_card()
    assert card is not None, f"no card in front of you (phase {game.phase})"
    return game.apply(Choose(card.id, index))


def dev_game(content: Content, seed: int | str = 1, **values: Any) -> Game:
    """A game started as an author would (--dev), with values set (--set name=value)."""
    game = Game.new(content, seed=seed, options={"dev": True})
    for name, value in values.items():
        game.apply(SetValue(name, str(value)))
    return game


def with_card(content: Content, card: str, seed: int = 1, **values: Any) -> Game:
    """A dev game with `card` in front of you now."""
    game = dev_game(content, seed, **values)
    game.apply(Force(card, now=True))
    return game


def play_months(game: Game, months: int, pick: int = 0) -> None:
    """Play on for `months` months: the `pick`-th available choice, walking away from talks."""
    target = game.turn + months
    while not game.is_over and game.turn < target:
        phase = game.phase
        if phase == "talks":
            game.apply(WalkAway())
        elif phase == "counterpart":
            game.apply(game.reply_options()[-1])
        elif phase == "cards":
            options = game.choice_actions()
            game.apply(options[min(pick, len(options) - 1)])
        else:
            game.apply(EndMonth())
