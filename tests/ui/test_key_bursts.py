"""Keys that arrive faster than the screens change (key repeat, a held Enter, a paste).

A key is handled in hops (app → screen → focused widget → messages it posts), so a second Enter can
already be queued for a dialog when the first one closes it. Textual's `dismiss` pops whatever screen
is on top, so a dialog that closes twice also closes the screen under it."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import SEED, screen_name
from tests.ui.engine_games import finished_game
from tests.ui.test_fuzz import _key_event


async def burst(pilot: Pilot, *keys: str) -> None:
    """Send every key before the app handles the first, then let it catch up."""
    for key in keys:
        pilot.app._driver.send_message(_key_event(key))
    await pilot.pause()
    await pilot.pause()


def stack(app) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack[1:]]


async def test_held_enter_on_the_rewind_prompt_rewinds_once(new_app, ui_content):
    app = new_app(game=finished_game(ui_content, int(SEED)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "2")
        await pilot.pause()
        await burst(pilot, "enter", "enter", "enter")
        assert stack(app) == ["MainScreen"]
        assert app.game.turn == 2


async def test_close_keys_together_close_only_the_reflections(new_app, ui_content):
    app = new_app(game=finished_game(ui_content, int(SEED)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert screen_name(app) == "ReflectionsScreen"
        await burst(pilot, "enter", "space", "enter")
        assert stack(app) == ["EndingScreen"]


async def test_held_enter_on_new_game_starts_one_game(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await burst(pilot, "enter", "enter")
        assert stack(app) in (["BriefingScreen"], ["MainScreen"])  # the second Enter may begin the game


async def test_escape_from_a_new_game_opened_on_the_ending_goes_to_the_title(new_app, ui_content):
    app = new_app(game=finished_game(ui_content, int(SEED)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert stack(app) == ["NewGameScreen"]
        await pilot.press("escape")
        await pilot.pause()
        assert stack(app) == ["TitleScreen"]


async def test_held_enter_on_the_save_dialog_saves_once(new_app):
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "enter", "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert screen_name(app) == "SaveScreen"
        await burst(pilot, "enter", "enter", "enter")
        assert stack(app) == ["MainScreen"]
