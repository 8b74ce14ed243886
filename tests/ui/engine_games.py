"""Games brought to a given point through the engine API, so UI tests can start there without
pressing a few hundred keys (the app's factory takes a game, as `play --continue` does)."""

from __future__ import annotations

from game.content.compiled import Content
from game.engine.game import Game

REFLECTION = "Pay attention to the agencies"


def _first_move(game: Game) -> str:
    return next(m.id for m in game.talk_moves() if m.available)


def game_in_talks(content: Content, seed: int, limit: int = 200) -> Game | None:
    """A game with talks open (asking Beijing when the petition card allows it), or None."""
    game = Game.new(content, seed=seed, options={"preview": "meters"})
    for _ in range(limit):
        if game.is_over:
            return None
        if game.talks() is not None:
            return game
        if game.current_card() is not None:
            choices = [c for c in game.choices() if c.available]
            pick = next((c for c in choices if c.label == "Ask Beijing"), choices[0])
            game.choose(pick.index)
        else:
            game.end_month()
            due = game.pending_reflection() if not game.is_over else None
            if due is not None:
                game.reflect(due[0], REFLECTION)
    return None


def month_done(content: Content, seed: int) -> Game:
    """A new game whose first month's cards (and any talks) are answered: ready to end the month."""
    game = Game.new(content, seed=seed, options={"preview": "meters"})
    while not game.is_over and (game.talks() is not None or game.current_card() is not None):
        if game.talks() is not None:
            game.talk(_first_move(game))
        else:
            game.choose(next(c.index for c in game.choices() if c.available))
    return game


def finished_game(content: Content, seed: int) -> Game:
    """A whole game (first available choice and move, every reflection answered)."""
    game = Game.new(content, seed=seed, options={"preview": "meters"})
    while not game.is_over:
        if game.talks() is not None:
            game.talk(_first_move(game))
        elif game.current_card() is not None:
            game.choose(next(c.index for c in game.choices() if c.available))
        else:
            game.end_month()
            due = game.pending_reflection() if not game.is_over else None
            if due is not None:
                game.reflect(due[0], REFLECTION)
    return game
