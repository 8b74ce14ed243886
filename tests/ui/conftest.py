"""UI test helpers: an app on the fixture content with saves in tmp_path, and a Pilot "player"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.content import load_content
from game.content.compiled import Content
from game.saves import SaveStore
from game.ui.app import FriendshipPassApp, make_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED = "123456"


@pytest.fixture(scope="session")
def ui_content() -> Content:
    return load_content(FIXTURES / "content")


@pytest.fixture(scope="session")
def markup_content() -> Content:
    return load_content(FIXTURES / "content", [FIXTURES / "markup_deck.yaml"])


@pytest.fixture
def ui_store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


@pytest.fixture
def new_app(ui_content: Content, ui_store: SaveStore):
    def build(**kw) -> FriendshipPassApp:
        kw.setdefault("seed", SEED)
        return make_app(ui_content, ui_store, **kw)
    return build


def screen_name(app: FriendshipPassApp) -> str:
    return type(app.screen).__name__


def screen_text(app: FriendshipPassApp) -> str:
    """Everything visible on screen (modals included), one line per row, as a player would read it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def start_new_game(pilot: Pilot, preview_keys: tuple[str, ...] = ()) -> None:
    """Title → new game (default seed and preview) → briefing → main screen."""
    await pilot.press("n")
    await pilot.pause()
    for key in preview_keys:
        await pilot.press(key)
    await pilot.press("enter")  # Start button has focus
    await pilot.pause()
    assert screen_name(pilot.app) == "BriefingScreen"
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(pilot.app) == "MainScreen"


async def play_month(pilot: Pilot) -> None:
    """Answer every card of the month with the first available choice, end it, read the ledger."""
    app = pilot.app
    game = app.game
    assert game is not None
    while game.current_card() is not None and not game.is_over:
        index = next(c.index for c in game.choices() if c.available)
        await pilot.press(str(index + 1))
        await pilot.pause()
        assert screen_name(app) == "ResultScreen"
        await pilot.press("enter")
        await pilot.pause()
        if game.talks() is not None:
            await play_talks(pilot)
    if game.is_over:
        return
    assert screen_name(app) == "MainScreen"
    await pilot.press("enter")
    await pilot.pause()
    assert screen_name(app) == "LedgerScreen"
    await pilot.press("enter")
    await pilot.pause()
    if screen_name(app) == "ReflectionScreen":  # a reflection prompt due this month: answer it
        await pilot.press(*"Pay attention to the agencies", "enter")
        await pilot.pause()


async def play_talks(pilot: Pilot) -> None:
    """Make the first available move each round until the talks end, then go back to the month."""
    app = pilot.app
    game = app.game
    await pilot.pause()
    assert screen_name(app) == "TalksScreen"
    rounds = 0
    while game.talks() is not None and not game.is_over:
        index = next(i for i, m in enumerate(game.talk_moves()) if m.available)
        await pilot.press(str(index + 1))
        await pilot.pause()
        rounds += 1
        assert rounds < 30
    if not game.is_over:
        assert "Talks ended" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
