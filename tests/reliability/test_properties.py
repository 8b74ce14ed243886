"""Property tests: for any seed and any sequence of legal inputs, the rules hold."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.compiled import Content
from game.engine import Game
from game.saves import SaveStore, game_from_save, to_json

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def drive(game: Game, picks: list[int], stop_after: int | None = None) -> None:
    """Play with `picks` choosing among the legal options at every step (cards, moves, policies)."""
    i = 0
    steps = 0
    while not game.is_over and (stop_after is None or steps < stop_after):
        pick = picks[i % len(picks)]
        i += 1
        steps += 1
        if game.talks() is not None:
            moves = [m.id for m in game.talk_moves() if m.available]
            game.talk(moves[pick % len(moves)])
        elif game.current_card() is not None:
            options = [c.index for c in game.choices() if c.available]
            game.choose(options[pick % len(options)])
        else:
            if pick % 5 == 0 and game.policy_changes_left:
                policy = game.policies()[pick % len(game.policies())]
                options = [o.id for o in policy.options if o.available]
                game.set_policy(policy.id, options[pick % len(options)])
            game.end_month()


def _bytes(game: Game) -> str:
    return json.dumps(game.state.to_dict(), sort_keys=True)


seeds = st.integers(min_value=0, max_value=2**40)
pick_lists = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=40)


@SETTINGS
@given(seed=seeds, picks=pick_lists)
def test_meters_stay_in_bounds_and_the_game_ends_in_time(shipped_content: Content, seed: int,
                                                         picks: list[int]) -> None:
    game = Game.new(shipped_content, seed=seed)
    drive(game, picks)
    assert game.is_over and game.turn <= shipped_content.turns
    for meter in shipped_content.meters.values():
        assert all(meter.min <= snap[meter.id] <= meter.max for snap in game.state.timeline)
    for counter in shipped_content.counters.values():
        assert game.value(counter.id) >= counter.min


@SETTINGS
@given(seed=seeds, picks=pick_lists)
def test_the_same_inputs_give_the_same_game(shipped_content: Content, seed: int, picks: list[int]) -> None:
    a, b = Game.new(shipped_content, seed=seed), Game.new(shipped_content, seed=seed)
    drive(a, picks)
    drive(b, picks)
    assert _bytes(a) == _bytes(b)


@SETTINGS
@given(seed=seeds, picks=pick_lists, stop=st.integers(min_value=0, max_value=120))
def test_save_load_continue_equals_no_save(shipped_content: Content, seed: int, picks: list[int],
                                           stop: int) -> None:
    straight = Game.new(shipped_content, seed=seed)
    drive(straight, picks)
    first = Game.new(shipped_content, seed=seed)
    drive(first, picks, stop_after=stop)
    resumed = game_from_save(shipped_content, json.loads(to_json(first, "p")))
    consumed = stop  # continue with the picks where the first half left off
    rest = picks[consumed % len(picks):] + picks[: consumed % len(picks)]
    drive(resumed, rest)
    assert _bytes(resumed) == _bytes(straight)


def test_store_round_trip_keeps_every_field(shipped_content: Content, store: SaveStore) -> None:
    game = Game.new(shipped_content, seed=99)
    drive(game, [3, 1, 4, 1, 5], stop_after=40)
    store.save(game, "x")
    assert _bytes(store.load(shipped_content, "x")) == _bytes(game)
