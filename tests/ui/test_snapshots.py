"""Snapshot tests of the main screens on the fixture content, at 80×24 and 120×40.

Deterministic: fixed seed, an empty save folder in tmp_path, no clock shown. Update baselines with
`pytest --snapshot-update tests/ui` and look at them before committing."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.ui.conftest import play_month, play_talks, start_new_game

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def _answer_cards(pilot: Pilot) -> None:
    game = pilot.app.game
    while game.current_card() is not None:
        index = next(c.index for c in game.choices() if c.available)
        await pilot.press(str(index + 1), "enter")
        await pilot.pause()
        if game.talks() is not None:
            await play_talks(pilot)


@pytest.mark.parametrize("size", SIZES)
class TestSnapshots:
    def test_title(self, snap_compare, new_app, size):
        """The title menu with no autosave."""
        assert snap_compare(new_app(), terminal_size=size)

    def test_main(self, snap_compare, new_app, size):
        """The first card of a new game with meters, counters and choices."""
        async def run_before(pilot: Pilot) -> None:
            await start_new_game(pilot)

        assert snap_compare(new_app(), terminal_size=size, run_before=run_before)

    def test_ledger(self, snap_compare, new_app, size):
        """The ledger of the first month."""
        async def run_before(pilot: Pilot) -> None:
            await start_new_game(pilot)
            await _answer_cards(pilot)
            await pilot.press("enter")
            await pilot.pause()

        assert snap_compare(new_app(), terminal_size=size, run_before=run_before)

    def test_codex(self, snap_compare, new_app, size):
        """The codex with every term and source."""
        async def run_before(pilot: Pilot) -> None:
            await pilot.press("x")
            await pilot.pause()
            pilot.app.screen.query_one("#codex-search").cursor_blink = False

        assert snap_compare(new_app(), terminal_size=size, run_before=run_before)

    def test_ending(self, snap_compare, new_app, size):
        """The ending after a full game: text, meter sparklines, epilogue and source."""
        async def run_before(pilot: Pilot) -> None:
            await start_new_game(pilot)
            while not pilot.app.game.is_over:
                await play_month(pilot)
            await pilot.pause()

        assert snap_compare(new_app(), terminal_size=size, run_before=run_before)
