"""UI test helpers: apps on small fixture content with saves in tmp_path, and waiting for screen state.

Tests never sleep a fixed time: `until` lets the app process its messages (`pilot.pause()` with no
delay) until the screen shows what is expected, and fails with what it shows instead."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from textual.pilot import Pilot

from game.content import load_content
from game.content.compiled import Content
from game.engine.game import Game
from game.saves import SaveStore
from game.ui.app import FriendshipPassApp, make_app

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
UI_FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = "123456"
REFLECTION = "Pay attention to the agencies"


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Each test starts in English; a language a test picks stays inside the test."""
    from game.i18n import use_language

    with use_language("en"):
        yield


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make snapshots differ from run to run."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(scope="session")
def ui_content() -> Content:
    return load_content(FIXTURES / "content")


@pytest.fixture(scope="session")
def talks_content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """The fixture content plus a negotiation with concessions and a card that opens it in month 1."""
    root = tmp_path_factory.mktemp("talks") / "content"
    shutil.copytree(FIXTURES / "content", root)
    shutil.copy(UI_FIXTURES / "negotiations" / "agency_fees.yaml", root / "negotiations")
    shutil.copy(UI_FIXTURES / "decks" / "talks_deck.yaml", root / "decks")
    return load_content(root)


@pytest.fixture(scope="session")
def unsafe_content() -> Content:
    return load_content(FIXTURES / "content", [UI_FIXTURES / "unsafe_deck.yaml"])


@pytest.fixture
def ui_store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


@pytest.fixture
def new_app(ui_content: Content, ui_store: SaveStore) -> Callable[..., FriendshipPassApp]:
    def build(content: Content | None = None, **kw: Any) -> FriendshipPassApp:
        kw.setdefault("seed", SEED)
        return make_app(content or ui_content, ui_store, **kw)
    return build


def app_of(pilot: Pilot[Any]) -> FriendshipPassApp:
    return cast(FriendshipPassApp, pilot.app)


def new_game(content: Content, seed: int = int(SEED), **options: Any) -> Game:
    return Game.new(content, seed=seed, options={"preview": "meters", **options})


def screen_name(app: FriendshipPassApp) -> str:
    return type(app.screen).__name__


def screen_text(app: FriendshipPassApp) -> str:
    """Everything visible on screen (modals included), one line per row, as a player would read it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def mode(app: FriendshipPassApp) -> str:
    return app.snapshot.mode if app.ready and app.controller.game is not None else ""


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str = "", limit: int = 200) -> None:
    """Let the app work until `condition()` holds (no fixed pauses); fail saying what is on screen."""
    for _ in range(limit):
        if condition():
            await pilot.pause()  # and let the screen that shows it be laid out
            return
        await pilot.pause()
    raise AssertionError(f"waited for {what or condition}; the screen shows:\n{screen_text(app_of(pilot))}")


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys, letting the app handle each one before the next (as a quick player would)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def start_new_game(pilot: Pilot[Any]) -> None:
    """Title → new game (default seed and preview) → briefing → the first card."""
    app = app_of(pilot)
    await until(pilot, lambda: app.ready and screen_name(app) == "TitleScreen", "the title")
    await press(pilot, "n")
    await until(pilot, lambda: screen_name(app) == "NewGameScreen", "the new-game screen")
    await press(pilot, "enter")  # the Start button has focus
    await until(pilot, lambda: screen_name(app) == "BriefingScreen", "the briefing")
    await press(pilot, "enter")
    await until(pilot, lambda: screen_name(app) == "PlayScreen", "the main screen")


async def play_month(pilot: Pilot[Any]) -> None:
    """Answer the month's cards (first available choice; talks: first move until they end), end the
    month, read the ledger, answer a reflection if one is asked."""
    app = app_of(pilot)
    game = app.controller.game
    assert game is not None
    for _ in range(60):
        m = mode(app)
        if m in ("", "over") or (game.is_over and m not in ("result", "talks_outcome", "ledger")):
            return
        if m == "card":
            await press(pilot, str(next(i for i, c in enumerate(app.snapshot.choices) if c.available) + 1))
        elif m == "talks":
            sheet = app.snapshot.talks
            assert sheet is not None
            first = next(i for i, line in enumerate(sheet.lines) if line.available) + 1
            await press(pilot, str(first))
        elif m == "reflection":
            await pilot.press(*REFLECTION, "enter")
            await pilot.pause()
            return
        elif m == "ledger":
            await press(pilot, "enter")
            await until(pilot, lambda: mode(app) != "ledger", "the next month")
            if mode(app) != "reflection":
                return
        else:  # result, talks_outcome, month_end
            await press(pilot, "enter")
    raise AssertionError(f"the month did not end; the screen shows:\n{screen_text(app)}")
