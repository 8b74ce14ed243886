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
