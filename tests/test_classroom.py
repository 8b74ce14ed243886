"""Classroom: a class code gives every student the same game; rewind replays and branches."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom import ClassCodeError, make_code, read_code
from game.content import load_content
from game.content.compiled import Content
from game.engine import Game
from game.engine.replay import replay, rewind
from game.sim import play_one
from tests.conftest import FIXTURE


def _months_and_cards(game: Game) -> list[tuple[int, str]]:
    return [(e["turn"], c) for e in game.state.history if e["kind"] == "draw" for c in e["cards"]]


def test_two_students_with_the_same_code_get_the_same_cards_in_the_same_months(shipped_content: Content) -> None:
    code = make_code(shipped_content, 4242, "full")
    seed, preview = read_code(shipped_content, code.lower())  # typed in lower case by a student
    assert preview == "full"
    a = Game.new(shipped_content, seed=seed)
    b = Game.new(shipped_content, seed=read_code(shipped_content, code)[0])
    for game in (a, b):
        for _ in range(6):
            while game.talks() is not None:
                game.talk("walk_away")
            while game.current_card() is not None:
                game.choose(0)
                while game.talks() is not None:
                    game.talk("walk_away")
            game.end_month()
    assert _months_and_cards(a) == _months_and_cards(b)


def test_a_code_made_with_other_decks_is_refused(shipped_content: Content, tmp_path: Path) -> None:
    fixture = load_content(FIXTURE)
    with pytest.raises(ClassCodeError, match="made with other decks"):
        read_code(fixture, make_code(shipped_content, 7))
    with pytest.raises(ClassCodeError, match="is not a class code"):
        read_code(shipped_content, "hello")


def test_replaying_the_log_rebuilds_the_same_game(shipped_content: Content) -> None:
    game = play_one(shipped_content, 8, "random")
    again = replay(shipped_content, game.state.seed, game.state.options, game.state.log)
    assert again.state.to_dict() == game.state.to_dict()


def test_rewind_to_month_n_branches_with_the_same_past(shipped_content: Content) -> None:
    game = play_one(shipped_content, 8, "balanced")
    branch = rewind(game, 10)
    assert branch.turn == 10 and not branch.is_over
    assert branch.state.options["branched_from"]["turn"] == 10
    past = [e for e in game.state.log if e["turn"] < 10]
    assert branch.state.log == past
    assert branch.state.timeline == game.state.timeline[:10]
