"""Saves (named slots, load, a damaged file, a full disk), text that must not reach the terminal raw,
unexpected errors, signals and hot reload."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pytest

from game.content import load_content
from game.engine.actions import Choose
from game.engine.replay import replay
from game.errors import SaveError
from game.hotreload import DeckWatcher
from game.saves import AUTOSAVE, SaveStore
from game.ui.app import make_app
from tests.ui.conftest import (
    FIXTURES,
    SEED,
    mode,
    new_game,
    play_month,
    press,
    screen_name,
    screen_text,
    start_new_game,
    until,
)

REPO = Path(__file__).resolve().parents[2]


async def test_save_at_month_3_load_and_continue(new_app, ui_content) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_new_game(pilot)
        await play_month(pilot)
        await play_month(pilot)
        assert app.controller.game.turn == 3
        await press(pilot, "s")
        await until(pilot, lambda: screen_name(app) == "SaveScreen", "the save dialog")
        slot = app.screen.query_one("#slot")
        slot.value = "../escape"  # refused by the save store: the message is shown, nothing crashes
        await press(pilot, "enter")
        await until(pilot, lambda: "✗ Could not save:" in screen_text(app), "the refusal")
        slot.value = "month three"
        await press(pilot, "enter")
        await until(pilot, lambda: screen_name(app) == "PlayScreen", "back to play")
        actions = app.controller.game.actions
        await play_month(pilot)
        assert app.controller.game.turn == 4
        await press(pilot, "l")
        await until(pilot, lambda: screen_name(app) == "LoadScreen", "the load screen")
        text = screen_text(app)
        assert "month three" in text and "October 2017, month 3" in text
        await press(pilot, *["down"] * [i.slot for i in app.screen.infos].index("month three"), "enter")
        await until(pilot, lambda: screen_name(app) == "PlayScreen", "the loaded game")
        assert app.controller.game.turn == 3 and app.controller.game.actions == actions
        while not app.controller.game.is_over:
            await play_month(pilot)
        again = replay(ui_content, int(SEED), {"preview": "meters"}, app.controller.game.actions)
        assert again.state_json() == app.controller.game.state_json()


async def test_broken_save_shows_error_and_app_keeps_running(new_app, ui_store) -> None:
    ui_store.folder.mkdir(parents=True)
    (ui_store.folder / "broken.json").write_text("{ this is not json", encoding="utf-8")
    (ui_store.folder / f"{AUTOSAVE}.json").write_text("[1, 2", encoding="utf-8")
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: screen_name(app) == "TitleScreen")
        assert "no autosave yet" in screen_text(app)  # a damaged autosave is not offered
        await press(pilot, "c")  # continue anyway: an error, not a crash
        await until(pilot, lambda: screen_name(app) == "ErrorScreen", "the error")
        assert "not valid JSON" in screen_text(app)
        await press(pilot, "enter", "l")
        await until(pilot, lambda: screen_name(app) == "LoadScreen", "the load screen")
        text = screen_text(app)
        assert "broken" in text and "cannot be used" in text
        await press(pilot, "enter")
        await until(pilot, lambda: screen_name(app) == "ErrorScreen", "the error")
        assert "not valid JSON" in screen_text(app)
        await press(pilot, "enter", "escape")
        await until(pilot, lambda: screen_name(app) == "TitleScreen", "the title")
        await start_new_game(pilot)  # and the game still plays
        assert app.controller.game is not None and app.is_running


async def test_could_not_save_is_never_followed_by_saved(new_app, ui_content, ui_store, monkeypatch) -> None:
    def refuse(game, slot=AUTOSAVE):
        raise SaveError("could not write saves/autosave.json: No space left on device")

    app = new_app(game=new_game(ui_content))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        await press(pilot, "1")
        monkeypatch.setattr(ui_store, "save", refuse)
        await press(pilot, "q")
        await until(pilot, lambda: screen_name(app) == "ConfirmQuitScreen", "the question")
        await press(pilot, "s")
        await until(pilot, lambda: screen_name(app) == "ErrorScreen", "the error")
        text = " ".join(screen_text(app).replace("┃", " ").split())
        assert "Could not save" in text and "No space left on device" in text
        assert "is saved" not in text and "saved (" not in text
        assert app.is_running and app.exit_message == ""
    assert "saved" not in app.exit_message


async def test_unsafe_deck_text_is_shown_as_visible_text(new_app, unsafe_content) -> None:
    app = new_app(unsafe_content, game=new_game(unsafe_content))
    async with app.run_test(size=(160, 50)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        while app.snapshot.card.id != "unsafe_card":
            await press(pilot, "1", "enter")
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        assert r"\x1b]0;x\x07\x1b[2J" in text  # the title, as visible escapes
        assert r"[bold]Not bold[/bold] clerk \x1b[31mred" in text
        assert "Read [bold]this[/italic] and [docs] then oops [/] here, see x [/a/path] y. Bell\\x07 end." in text
        assert "Choose [red]red[/red] \\x1b[2J" in text and "Or [/] this" in text
        assert r"Unsafe \x1b]0;x\x07\x1b[2J deck" in text
        strips = app.screen._compositor.render_update(full=True).render_segments(app.console)
        assert "\x1b]0;" not in strips and "\x07" not in strips and "\x1b[2J" not in strips
        await press(pilot, "w")
        text = screen_text(app)
        assert "§[1]" in text and r"a [/quote] with \x1b]52;c;aGk=\x07 clipboard" in text
        await press(pilot, "1")
        await until(pilot, lambda: mode(app) == "result")
        assert r"Outcome [/] with [link=x]no link[/link] \x1b]0;pwned\x07." in screen_text(app)


async def test_an_unexpected_error_is_logged_and_told_in_one_sentence(new_app, ui_content, ui_store) -> None:
    app = new_app(game=new_game(ui_content))

    def broken(intent):
        raise RuntimeError("a bug in the controller")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: mode(app) == "card")
            await press(pilot, "1")
            app.controller.handle = broken
            await pilot.press("enter")
            await until(pilot, lambda: not app.is_running or app.return_code == 1, "the app to stop")
    log = ui_store.folder / "friendship-pass-errors.log"
    assert "RuntimeError: a bug in the controller" in log.read_text(encoding="utf-8")
    assert app.exit_message.endswith(".") and ". " not in app.exit_message and str(log) in app.exit_message
    assert "your game was saved" in app.exit_message
    assert isinstance(ui_store.load(ui_content, AUTOSAVE).actions[0], Choose)


def _read_until(fd: int, words: str, seen: list[bytes], deadline: float) -> None:
    """Read the terminal until `words` appear in its text (escape sequences removed)."""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen.append(os.read(fd, 65536))
            except OSError:
                break
            plain = re.sub(rb"\x1b\[[0-9;?<>=]*[A-Za-z~]|\x1b\][^\x07]*\x07|\x1b[()][A-Z0-9]", b"", b"".join(seen))
            if words.encode() in plain:
                return
    raise AssertionError(f"never saw {words!r}")


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX terminal")
def test_sigterm_mid_month_saves_the_months_choices(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    pid, fd = pty.fork()
    if pid == 0:  # the game, in a real (pseudo) terminal
        os.environ.update({"TERM": "xterm-256color", "PYTHONPATH": str(REPO)})
        os.chdir(REPO)
        os.execv(sys.executable, [sys.executable, "-m", "game", "play", "--content", str(FIXTURES / "content"),
                                  "--seed", SEED, "--saves", str(saves)])
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        seen: list[bytes] = []
        deadline = time.monotonic() + 30
        _read_until(fd, "The trial opens", seen, deadline)
        os.write(fd, b"1")
        _read_until(fd, "You chose", seen, deadline)
        os.write(fd, b"\r")
        _read_until(fd, "Longer permits?", seen, deadline)
        os.kill(pid, signal.SIGTERM)
        _, status = os.waitpid(pid, 0)
        pid = 0
        assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGTERM
    finally:
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    content = load_content(FIXTURES / "content")
    game = SaveStore(saves).load(content, AUTOSAVE)
    assert game.turn == 1 and list(game.actions) == [Choose("launch", 0)]  # the month's earlier choice is kept


async def test_dev_reload_picks_up_an_edited_deck_between_months(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", root)
    content = load_content(root)
    watcher = DeckWatcher(root, [])
    app = make_app(content, SaveStore(tmp_path / "saves"), game=new_game(content), watcher=watcher)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: mode(app) == "card")
        deck = root / "decks" / "test_deck.yaml"
        deck.write_text(deck.read_text(encoding="utf-8").replace("title: A quiet week", "title: A very quiet week"),
                        encoding="utf-8")
        os.utime(deck, (time.time() + 5, time.time() + 5))
        for _ in range(10):
            if mode(app) == "ledger":
                break
            await press(pilot, "1" if mode(app) in ("card", "talks") else "enter")
        await press(pilot, "enter")
        await until(pilot, lambda: "Decks reloaded" in screen_text(app), "the reload message")
        game = app.controller.game
        assert game is not None and game.options.get("dev_reloaded")
