"""Same seed + same choices = same game, byte for byte; saving mid-game changes nothing."""

from __future__ import annotations

import json

from game.content.compiled import Content
from game.engine import Game
from game.saves import SaveStore
from game.sim import STRATEGIES, play_one


def _state_bytes(game: Game) -> bytes:
    return json.dumps(game.state.to_dict(), sort_keys=True).encode()


def test_two_games_with_the_same_seed_and_choices_are_identical(shipped_content: Content) -> None:
    a = play_one(shipped_content, 42, STRATEGIES["random"])
    b = play_one(shipped_content, 42, STRATEGIES["random"])
    assert _state_bytes(a) == _state_bytes(b)


def test_different_seeds_give_different_cards(shipped_content: Content) -> None:
    games = [Game.new(shipped_content, seed=s) for s in range(6)]
    for game in games:
        _play_months(game, 3)
    assert len({tuple(g.state.drawn) for g in games}) > 1


def test_text_seeds_work_and_are_stable(shipped_content: Content) -> None:
    assert Game.new(shipped_content, seed="class-4B").state.hand == Game.new(shipped_content, seed="class-4B").state.hand


def _play_months(game: Game, months: int) -> None:
    target = game.turn + months
    while not game.is_over and game.turn < target:
        if game.talks() is not None:
            game.talk(next(m.id for m in game.talk_moves() if m.available))
        elif game.current_card():
            game.choose(next(c.index for c in game.choices() if c.available))
        else:
            game.end_month()


def test_save_at_month_n_load_and_continue_equals_the_uninterrupted_game(shipped_content: Content,
                                                                           store: SaveStore) -> None:
    straight = Game.new(shipped_content, seed=5)
    _play_months(straight, 40)

    first = Game.new(shipped_content, seed=5)
    _play_months(first, 9)

    store.save(first, "mid game")
    resumed = store.load(shipped_content, "mid game")
    _play_months(resumed, 40)
    assert straight.is_over and resumed.is_over
    assert _state_bytes(resumed) == _state_bytes(straight)
