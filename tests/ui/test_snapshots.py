"""Snapshot tests of every kind of screen on the fixture content, at 80×24 and 120×40.

Deterministic: fixed seed, saves in tmp_path, no clock, no cursor blink. Update the baselines with
`pytest --snapshot-update tests/ui/test_snapshots.py` and look at them before committing."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import app_of, mode, new_game, play_month, press, screen_name, until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _to(pilot: Pilot[Any], wanted: str) -> None:
    """Play on (first choice, first move) until the main screen shows `wanted`."""
    app = app_of(pilot)
    await until(pilot, lambda: mode(app) != "", "the game")
    for _ in range(40):
        if mode(app) == wanted:
            return
        await press(pilot, "1" if mode(app) in ("card", "talks") else "enter")
    raise AssertionError(f"never reached {wanted}")


@pytest.mark.parametrize("size", SIZES)
class TestSnapshots:
    def test_title(self, snap_compare, new_app, size):
        """The title menu with no autosave."""
        app = new_app()

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: app.ready and screen_name(app) == "TitleScreen", "the title")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_card(self, snap_compare, new_app, ui_content, size):
        """The first card: meters with this month's changes, the card, numbered choices with previews."""
        app = new_app(game=new_game(ui_content))

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "card")
            await press(pilot, "1", "enter", "w")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_result(self, snap_compare, new_app, ui_content, size):
        """What a choice did, over the main screen."""
        app = new_app(game=new_game(ui_content))

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "card")
            await press(pilot, "1")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_ledger(self, snap_compare, new_app, ui_content, size):
        """The ledger of the first month."""
        app = new_app(game=new_game(ui_content))

        async def run_before(pilot: Pilot[Any]) -> None:
            await _to(pilot, "ledger")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_talks(self, snap_compare, new_app, talks_content, size):
        """The table pinned on top (ladder, offer, need, standing, rounds), the moves below."""
        app = new_app(talks_content, game=new_game(talks_content, preview="full"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "card")
            await press(pilot, "1", "enter", "2")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_offer(self, snap_compare, new_app, talks_content, size):
        """Making an offer: a position, concessions with their costs, the deal's whole effect."""
        app = new_app(talks_content, game=new_game(talks_content, preview="full"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "card")
            await press(pilot, "1", "enter", "o", "2", "3")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_hot_seat(self, snap_compare, new_app, talks_content, size):
        """The second player's turn: brief, the most they may grant, replies with the AI's marked."""
        app = new_app(talks_content, game=new_game(talks_content, hotseat="all"))

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "card")
            await press(pilot, "1", "enter", "o", "enter")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_talks_outcome(self, snap_compare, new_app, talks_content, size):
        """Talks ended: the outcome, every cost and gain, what was said."""
        app = new_app(talks_content, game=new_game(talks_content))

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "card")
            await press(pilot, "1", "enter", "l", "l")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_ending(self, snap_compare, new_app, ui_content, size):
        """The ending: text, one bar per month on a fixed scale, talks, epilogue and source."""
        app = new_app(game=new_game(ui_content))

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) != "")
            while screen_name(app) == "PlayScreen":
                await play_month(pilot)
            await until(pilot, lambda: screen_name(app) == "EndingScreen", "the ending")

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    def test_help(self, snap_compare, new_app, talks_content, size):
        """Help over the talks: the talks keys first."""
        app = new_app(talks_content, game=new_game(talks_content))

        async def run_before(pilot: Pilot[Any]) -> None:
            await until(pilot, lambda: mode(app) == "card")
            await press(pilot, "1", "enter", "question_mark")
            await until(pilot, lambda: screen_name(app) == "HelpScreen", "help")

        assert snap_compare(app, terminal_size=size, run_before=run_before)
