"""Plain mode, hot seat by role: the role's player reads the brief and the AI's suggestion and opens the card."""

from __future__ import annotations

from game.content.compiled import Content
from game.engine.actions import Force
from game.engine.game import Game
from game.saves import SaveStore
from tests.authoring.test_cli import run
from tests.test_plain import run_plain


def _game(content: Content, roles: object) -> Game:
    game = Game.new(content, seed=3, options={"dev": True, "roles": roles})
    game.apply(Force("agencies_hold_the_leash", now=True))
    return game


def test_the_role_holder_chooses_an_opening_and_adds_a_line(shipped_content: Content, store: SaveStore) -> None:
    game, out = run_plain(shipped_content, store, ["2", "We sign for them all."],
                          game=_game(shipped_content, ["agency_owner"]))
    flat = " ".join(out.split())
    assert "pass the keyboard; this card waits for you" in flat
    assert "You want:" in flat and "Your secret objective:" in flat
    assert "(the AI would choose this)" in flat
    assert "opened it: Ask for a floor on what agencies charge employers" in flat
    assert "“We sign for them all.”" in flat and "RMB 300" in flat
    assert game.role_acts[-1][3:] == ("leash_rate", game.role_acts[-1][4], "player", "We sign for them all.")


def test_enter_takes_the_ais_opening(shipped_content: Content, store: SaveStore) -> None:
    start = _game(shipped_content, "all")
    ai = start.suggested_opening()
    game, _out = run_plain(shipped_content, store, ["", ""], game=start)
    assert game.role_acts[-1][3] == ai.opening  # type: ignore[union-attr]


def test_an_unknown_role_on_the_command_line_is_refused(tmp_path) -> None:
    result = run("play", "--plain", "--roles", "smuggler", "--saves", str(tmp_path))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "no role 'smuggler'" in result.stderr and "agency_owner" in result.stderr


def test_the_ending_shows_each_roles_objective_when_roles_were_held(shipped_content: Content,
                                                                     store: SaveStore) -> None:
    start = Game.new(shipped_content, seed=6, options={"roles": ["agency_owner"]})
    game, out = run_plain(shipped_content, store, ["1", "", ""] * 120, game=start)
    assert game.is_over
    flat = " ".join(out.split())
    assert "The roles' secret objectives:" in flat
    outcome = game.role_outcome("agency_owner")
    grade = {"met": "met", "partly": "partly met", "not": "not met"}[outcome.grade]
    assert f"{outcome.name}: {grade}." in flat
