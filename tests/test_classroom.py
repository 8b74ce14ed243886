"""Classroom: a class code gives every student the same game; rewind replays and branches."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom import ClassCodeError, make_code, read_code
from game.content import load_content
from game.content.compiled import Content
from game.engine.actions import EndMonth
from game.engine.game import Game
from game.engine.replay import replay, rewind
from game.sim import play_one
from tests.conftest import FIXTURE
from tests.helpers import play_months, state_bytes


def test_two_students_with_the_same_code_get_the_same_cards_in_the_same_months(shipped_content: Content) -> None:
    code = make_code(shipped_content, 4242, "full")
    seed, preview = read_code(shipped_content, code.lower())  # typed in lower case by a student
    assert preview == "full"
    a = Game.new(shipped_content, seed=seed)
    b = Game.new(shipped_content, seed=read_code(shipped_content, code)[0])
    play_months(a, 6)
    play_months(b, 6)
    assert a.drawn == b.drawn and state_bytes(a) == state_bytes(b)


def test_a_one_character_typo_in_a_class_code_is_caught(shipped_content: Content) -> None:
    from game.classroom import _ALPHABET

    code = make_code(shipped_content, 4242, "meters")
    for i, ch in enumerate(code):
        if ch == "-":
            continue
        for other in _ALPHABET:
            if other != ch:
                with pytest.raises(ClassCodeError, match="typo"):
                    read_code(shipped_content, code[:i] + other + code[i + 1:])


def test_five_strategies_with_one_class_code_meet_the_same_hands(shipped_content: Content) -> None:
    import random

    from game.sim import STRATEGIES, talk_action

    seed, _ = read_code(shipped_content, make_code(shipped_content, 4242))
    hands: list[dict[int, tuple[str, ...]]] = []
    for name in ("random", "balanced", "careful", "historical", "security-first"):
        game = Game.new(shipped_content, seed=seed, options={"shared_hands": True})
        rng, seen = random.Random(1), {}
        while not game.is_over:
            seen.setdefault(game.turn, game.hand)
            offered = game.choice_actions()
            if offered:
                game.apply(STRATEGIES[name](game, offered, rng))
            elif game.phase == "talks":
                game.apply(talk_action(name, game, rng))
            else:
                game.apply(EndMonth())
        hands.append(seen)
    pairs = [(a[m], b[m]) for i, a in enumerate(hands) for b in hands[i + 1:] for m in a if m in b]
    assert sum(x == y for x, y in pairs) / len(pairs) >= 0.8


def test_a_code_made_with_other_decks_is_refused(shipped_content: Content, tmp_path: Path) -> None:
    fixture = load_content(FIXTURE)
    with pytest.raises(ClassCodeError, match="made with other decks"):
        read_code(fixture, make_code(shipped_content, 7))
    with pytest.raises(ClassCodeError, match="is not a class code"):
        read_code(shipped_content, "hello")


def test_replaying_the_actions_rebuilds_the_same_game(shipped_content: Content) -> None:
    game = play_one(shipped_content, 8, "random", record=True)
    again = replay(shipped_content, game.seed, game.options, game.actions)
    assert state_bytes(again) == state_bytes(game)


def test_rewind_to_month_n_branches_with_the_same_past(shipped_content: Content) -> None:
    game = play_one(shipped_content, 8, "balanced", record=True)
    branch = rewind(game, 10)
    assert branch.turn == 10 and not branch.is_over and branch.phase in ("cards", "month_end")
    assert branch.options["branched_from"]["turn"] == 10
    months = 1
    past = []
    for action in game.actions:
        if months >= 10:
            break
        past.append(action)
        months += isinstance(action, EndMonth)
    assert branch.actions == tuple(past)
    assert branch.timeline == game.timeline[:10]


def test_a_teacher_can_push_a_card_to_a_class_game_only(shipped_content: Content) -> None:
    from game.engine.actions import Push
    from game.errors import RulesError

    code = make_code(shipped_content, 11)
    game = Game.new(shipped_content, seed=11, options={"class_code": code, "shared_hands": True})
    game.apply(Push("covid_closes_the_pass"))
    assert game.current_card().id == "covid_closes_the_pass"  # type: ignore[union-attr]
    again = replay(shipped_content, 11, game.options, game.actions)
    assert again.current_card().id == "covid_closes_the_pass"  # type: ignore[union-attr]
    solo = Game.new(shipped_content, seed=11)
    with pytest.raises(RulesError, match="only a class game"):
        solo.apply(Push("covid_closes_the_pass"))
