"""Deterministic replay of a recorded game: the same seed and inputs rebuild the same state.
Used to rewind a finished game to month N and choose differently from there."""

from __future__ import annotations

from typing import Any

from game.content.compiled import Content
from game.engine.game import Game
from game.errors import RulesError


class ReplayError(RulesError):
    """A recorded input no longer fits the game (the content changed, or the log was edited)."""


def replay(content: Content, seed: int | str, options: dict[str, Any], log: list[dict[str, Any]],
           until_turn: int | None = None) -> Game:
    """Replay `log` from a new game; stop at the start of month `until_turn` (None = replay everything)."""
    game = Game.new(content, seed=seed, options=options)
    for step in log:
        if until_turn is not None and step["turn"] >= until_turn:
            break
        if game.turn != step["turn"]:
            raise ReplayError(f"the record says month {step['turn']} but the replay is in month {game.turn}")
        if "card" in step:
            card = game.current_card()
            if card is None or card.id != step["card"]:
                raise ReplayError(f"the record expects card '{step['card']}' in month {step['turn']}, "
                                  f"but the replay shows '{card.id if card else 'no card'}'")
            game.choose(step["choice"])
        elif "policy" in step:
            game.set_policy(step["policy"], step["option"])
        elif "move" in step:
            game.talk(step["move"])
        elif "reply" in step:
            game.counterpart_reply(step["reply"])
        elif step.get("end_month"):
            game.advance_month()
    return game


def rewind(game: Game, turn: int) -> Game:
    """A new branch of `game` at the start of month `turn`, marked so the debrief notes the divergence."""
    if not 1 <= turn <= game.turn:
        raise RulesError(f"you can rewind to a month from 1 to {game.turn}")
    st = game.state
    options = {k: v for k, v in st.options.items() if k != "branched_from"}
    branch = replay(game.content, st.seed, options, st.log, until_turn=turn)
    branch.state.options["branched_from"] = {"turn": turn, "month": branch.month_label(),
                                             "original_ending": st.ending}
    branch.state.reflections = {k: v for k, v in st.reflections.items() if v["turn"] < turn}
    return branch
