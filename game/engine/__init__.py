"""The pure rules engine: state, RNG, draw, effects, monthly model, endings. Never imports Textual."""

from game.engine.game import Game
from game.engine.state import GameState

__all__ = ["Game", "GameState"]
