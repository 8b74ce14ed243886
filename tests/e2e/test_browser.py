"""End to end in a real browser: `friendship-pass serve` + Debian's Chromium driven by Playwright.

Starts the server on a free port with a temporary saves folder, opens the page in headless
Chromium (/usr/bin/chromium, never a downloaded browser), plays the first month with the
keyboard and checks the game advanced through what it saved in the tab's own session folder.
Also measures the memory of the game process the server started for the tab.

If Chromium or playwright is missing the test is skipped, but it fails when `CI` is set.
Results (memory, screenshots) are printed and written to the test's tmp folder; set
FRIENDSHIP_PASS_E2E_OUT=DIR to keep them somewhere else too (e.g. for benchmarks/).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIME_LIMIT = 150.0  # seconds for the whole test; every wait below is bounded by it


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so the browser test may not be skipped)", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    """Every descendant of pid, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        found += kids
        todo += kids
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _kib(pid: int, field: str) -> int:
    """VmRSS / VmHWM of a process in KiB (0 if it is gone)."""
    try:
        for row in Path(f"/proc/{pid}/status").read_text().splitlines():
            if row.startswith(field + ":"):
                return int(row.split()[1])
    except OSError:
        pass
    return 0


def _game_processes(server_pid: int) -> list[int]:
    """The game processes (python … play --session-saves …) the server started, one per tab."""
    return [p for p in _children(server_pid)
            if "--session-saves" in _cmdline(p) and "python" in _cmdline(p).split(" ", 1)[0]]


class Clock:
    def __init__(self, limit: float) -> None:
        self.start = time.monotonic()
        self.limit = limit

    def left(self) -> float:
        return self.limit - (time.monotonic() - self.start)

    def wait_for(self, what: str, check, timeout: float, step: float = 0.2):
        end = time.monotonic() + min(timeout, max(self.left(), 0))
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() >= end:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(step)


def test_a_class_plays_in_the_browser(tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is missing: pip install -e '.[test]'")

    clock = Clock(TIME_LIMIT)
    saves = tmp_path / "saves"
    port = _free_port()
    log_path = tmp_path / "server.log"
    results: dict[str, object] = {}
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--host", "127.0.0.1", "--port", str(port), "--saves", str(saves)],
            cwd=REPO, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: the finally below ends it and every game process
        )
    try:
        def up() -> bool:
            if server.poll() is not None:
                raise AssertionError(f"the server exited ({server.returncode}):\n{log_path.read_text()}")
            return _port_answers(port)

        clock.wait_for("the server's port", up, timeout=30)
        assert f"http://127.0.0.1:{port}" in log_path.read_text(), "serve should print the URL to open"

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                                         timeout=30_000)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.set_default_timeout(20_000)
                page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
                page.wait_for_selector("#terminal canvas", state="attached", timeout=30_000)

                # The tab's own game process and its own, new session folder.
                game_pids = clock.wait_for("the tab's game process", lambda: _game_processes(server.pid), 30)
                assert len(game_pids) == 1, [_cmdline(p) for p in game_pids]
                game_pid = game_pids[0]
                sessions = clock.wait_for("the session folder",
                                          lambda: sorted(saves.glob("session-*")), timeout=30)
                assert len(sessions) == 1, sessions
                session = sessions[0]
                assert session.name.startswith("session-") and len(session.name.split("-")) == 4

                time.sleep(3)  # the title screen draws; no DOM text to wait for (the terminal is a canvas)
                page.screenshot(path=str(tmp_path / "title.png"))
                results["rss_title_kib"] = _kib(game_pid, "VmRSS")

                def press(key: str, pause: float = 0.6) -> None:
                    page.keyboard.press(key)
                    time.sleep(pause)

                page.locator("#terminal").click()  # keyboard focus on the terminal
                time.sleep(0.3)
                press("n", 1.5)      # title → new game
                press("Enter", 1.5)  # Start (the focused button) → briefing
                press("Enter", 1.5)  # Begin → the first month
                page.screenshot(path=str(tmp_path / "month1.png"))

                # Answer the month's cards (1 or 2, whichever is open; talks take the same keys) and
                # end it; the autosave in the session folder proves the browser drove the game.
                autosave = session / "autosave.json"
                keys = ["1", "Enter", "2", "Enter"]
                presses = 0
                while not autosave.exists():
                    assert clock.left() > 20 and presses < 200, \
                        f"no autosave after {presses} key presses; see {tmp_path}/stuck.png"
                    if presses % 20 == 0:
                        page.screenshot(path=str(tmp_path / "stuck.png"))
                    press(keys[presses % len(keys)], 0.4)
                    presses += 1
                results["key_presses_to_end_month_1"] = presses
                saved = json.loads(autosave.read_text(encoding="utf-8"))
                assert saved["format"] == "friendship-pass-save", list(saved)
                assert saved["summary"]["turn"] == 2, "month 1 should have ended"
                assert any(a["kind"] == "choose" for a in saved["actions"]), "a choice should be recorded"
                time.sleep(1)
                page.screenshot(path=str(tmp_path / "ledger.png"))

                # A named save with the game's own key: ledger → next month, s, Enter (default name).
                press("Enter", 1.5)
                press("Escape", 1.0)  # skips a reflection prompt if one came up; nothing on the main screen
                press("s", 1.0)
                press("Enter", 1.0)
                named = clock.wait_for("a named save", lambda: [p for p in session.glob("*.json")
                                                                 if p.name != "autosave.json"], timeout=15)
                results["named_save"] = named[0].name
                assert json.loads(named[0].read_text(encoding="utf-8"))["summary"]["turn"] == 2
                page.screenshot(path=str(tmp_path / "saved.png"))

                results["rss_after_month_kib"] = _kib(game_pid, "VmRSS")
                results["peak_rss_kib"] = _kib(game_pid, "VmHWM")
                results["server_rss_kib"] = _kib(server.pid, "VmRSS")

                # A second tab (another student): its own process and its own, empty session folder.
                other = browser.new_page(viewport={"width": 1280, "height": 800})
                other.goto(f"http://127.0.0.1:{port}/", wait_until="load")
                other.wait_for_selector("#terminal canvas", state="attached", timeout=30_000)
                two = clock.wait_for("a second session folder", lambda: len(list(saves.glob("session-*"))) == 2, 30)
                assert two
                second = next(f for f in saves.glob("session-*") if f != session)
                assert not list(second.glob("*.json")), "a new tab must not see another tab's saves"
                pids = clock.wait_for("a second game process", lambda: len(_game_processes(server.pid)) == 2
                                      and _game_processes(server.pid), 30)
                assert game_pid in pids
                other.close()
            finally:
                browser.close()

        # Closing the tab should end its game process (else a class leaks ~one process per reload).
        gone = time.monotonic()
        try:
            clock.wait_for("the game process to end after the tab closed",
                           lambda: not _game_processes(server.pid), timeout=15)
            results["game_process_ended_after_close_s"] = round(time.monotonic() - gone, 1)
        except AssertionError:
            results["game_process_ended_after_close_s"] = None
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(server.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            server.wait(timeout=10)

    results["test_seconds"] = round(time.monotonic() - clock.start, 1)
    rss = int(results["rss_after_month_kib"])  # type: ignore[call-overload]
    assert 5_000 < rss < 1_000_000, f"implausible RSS for one session: {rss} KiB"  # sanity bound only
    out = tmp_path / "browser_session.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    keep = os.environ.get("FRIENDSHIP_PASS_E2E_OUT")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for f in [out, *tmp_path.glob("*.png")]:
            shutil.copy(f, Path(keep) / f.name)
    print(f"\nbrowser session: {json.dumps(results)}\n(results and screenshots in {tmp_path})")
    assert results["game_process_ended_after_close_s"] is not None, \
        "the game process outlived its browser tab"
