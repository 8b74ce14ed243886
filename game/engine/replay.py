"""Replay: a game is its content, seed, options and actions, so applying the same actions again
rebuilds the same game. Used to load saves, to rewind a finished game to month N, and in tests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.content.compiled import Content
from game.engine.actions import Action, EndMonth
from game.engine.game import Game
from game.errors import ReplayError, RulesError

__all__ = ["ReplayError", "replay", "rewind"]


def replay(content: Content, seed: int | str, options: dict[str, Any], actions: Iterable[Action],
           until_turn: int | None = None, record: bool = True) -> Game:
    """Apply `actions` to a new game; stop at the start of month `until_turn` (None = all of them)."""
    game = Game.new(content, seed=seed, options=options, record=record)
    for i, action in enumerate(actions):
        if until_turn is not None and game.turn >= until_turn:
            break
        try:
            game.apply(action)
        except RulesError as exc:
            raise ReplayError(f"action {i + 1} ({action.kind}) in month {game.turn} no longer fits: {exc}") from None
    return game


def rewind(game: Game, turn: int) -> Game:
    """A new branch of `game` at the start of month `turn`, marked so the debrief notes the divergence."""
    if not 1 <= turn <= game.turn:
        raise RulesError(f"you can rewind to a month from 1 to {game.turn}")
    options = {k: v for k, v in game.options.items() if k not in ("branched_from",)}
    options["branched_from"] = {"turn": turn, "month": game.month_label(turn), "original_ending": game.ending_id,
                                "parent_seed": game.seed}
    kept = []
    month = 1
    for action in game.actions:
        if month >= turn:
            break
        kept.append(action)
        if isinstance(action, EndMonth):
            month += 1
    return replay(game.content, game.seed, options, kept, until_turn=turn)
