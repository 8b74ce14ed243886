"""Property tests: for any seed and any sequence of legal actions, the rules hold."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiled import Content
from game.engine.actions import Reflect, SetPolicy
from game.engine.game import Game
from game.engine.replay import replay
from game.saves import SaveStore, game_from_save, to_json
from tests.helpers import state_bytes

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def drive(game: Game, picks: list[int], stop_after: int | None = None) -> int:
    """Play with `picks` choosing among the legal actions at every step; returns the steps taken."""
    steps = 0
    while not game.is_over and (stop_after is None or steps < stop_after):
        pick = picks[steps % len(picks)]
        legal = [a for a in game.legal_actions() if not isinstance(a, Reflect)]
        if pick % 7 and any(not isinstance(a, SetPolicy) for a in legal):  # policies now and then
            legal = [a for a in legal if not isinstance(a, SetPolicy)]
        game.apply(legal[pick % len(legal)])
        steps += 1
    return steps


seeds = st.integers(min_value=0, max_value=2**40)
pick_lists = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=40)


@SETTINGS
@given(seed=seeds, picks=pick_lists)
def test_meters_stay_in_bounds_and_the_game_ends_in_time(shipped_content: Content, seed: int,
                                                         picks: list[int]) -> None:
    game = Game.new(shipped_content, seed=seed)
    drive(game, picks)
    assert game.is_over and game.turn <= shipped_content.turns
    for name, (low, high) in shipped_content.bounds.items():
        assert all(low <= snap[name] <= high for snap in game.timeline)


@SETTINGS
@given(seed=seeds, picks=pick_lists)
def test_the_same_actions_give_the_same_game_byte_for_byte(shipped_content: Content, seed: int,
                                                           picks: list[int]) -> None:
    a = Game.new(shipped_content, seed=seed)
    drive(a, picks)
    b = replay(shipped_content, seed, {}, a.actions)
    assert state_bytes(a) == state_bytes(b)


@SETTINGS
@given(seed=seeds, picks=pick_lists, stop=st.integers(min_value=0, max_value=120))
def test_save_load_continue_equals_no_save(shipped_content: Content, seed: int, picks: list[int],
                                           stop: int) -> None:
    straight = Game.new(shipped_content, seed=seed)
    drive(straight, picks)
    first = Game.new(shipped_content, seed=seed)
    done = drive(first, picks, stop_after=stop)
    resumed = game_from_save(shipped_content, json.loads(to_json(first, "p")))
    rest = picks[done % len(picks):] + picks[: done % len(picks)]
    drive(resumed, rest)
    assert state_bytes(resumed) == state_bytes(straight)


@SETTINGS
@given(seed=seeds, picks=pick_lists)
def test_the_lean_path_plays_the_same_game(shipped_content: Content, seed: int, picks: list[int]) -> None:
    full = Game.new(shipped_content, seed=seed)
    drive(full, picks)
    lean = replay(shipped_content, seed, {}, full.actions, record=False)
    assert lean.ending_id == full.ending_id and lean.timeline == full.timeline and lean.flags == full.flags
    assert lean.drawn == full.drawn


def test_store_round_trip_keeps_every_field(shipped_content: Content, store: SaveStore) -> None:
    game = Game.new(shipped_content, seed=99)
    drive(game, [3, 1, 4, 1, 5], stop_after=40)
    store.save(game, "x")
    assert state_bytes(store.load(shipped_content, "x")) == state_bytes(game)
