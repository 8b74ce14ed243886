"""The browser game in Chinese, in Debian's Chromium: a class served with a class code that carries the
language (`K7Q2M-M-3A9CX-ZH`) opens its tabs in Chinese, the page names CJK fonts for the terminal, and a
screenshot of a student's game is kept in the test's tmp folder (and in FRIENDSHIP_PASS_E2E_OUT=DIR if set)
so a person can look at the characters. Skipped without Chromium or playwright, except when `CI` is set."""

from __future__ import annotations

import json
import os
import shutil
import time
import urllib.request
from pathlib import Path

from game.classroom import make_code
from game.content.compiled import Content
from tests.e2e.support import CHROMIUM, CHROMIUM_ARGS, Clock, serving
from tests.e2e.test_browser import _missing

NAME = "Chen Wei"


def test_the_browser_game_in_chinese(tmp_path: Path, shipped_content: Content) -> None:
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is missing: pip install -e '.[test]'")

    code = make_code(shipped_content, 2025, "meters", "zh")
    assert code.endswith("-ZH")
    clock = Clock(180)
    shots = tmp_path / "shots"
    shots.mkdir()
    with serving(tmp_path / "class", "--class", code, "--max-sessions", "4") as served:
        script = urllib.request.urlopen(f"{served.url}/terminal.js", timeout=10).read().decode()
        assert "Noto Sans CJK SC" in script and "WenQuanYi" in script and "monospace" in script
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=30_000)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(served.url, wait_until="load")
                assert page.evaluate("document.documentElement.lang") == "zh-Hans"
                fonts = page.evaluate("getComputedStyle(document.querySelector('.textual-terminal')).fontFamily")
                for font in ("Noto Sans CJK SC", "Noto Sans Mono CJK SC", "WenQuanYi", "Source Han Sans", "monospace"):
                    assert font in fonts, fonts
                page.wait_for_selector("#terminal canvas", state="attached", timeout=30_000)
                clock.wait_for("the tab's game process", lambda: served.one(
                    "SELECT count(*) FROM sessions WHERE ended_at IS NULL") or 0, timeout=60)
                time.sleep(1.0)  # the join screen's first frame (the terminal is a canvas: nothing to read)
                page.screenshot(path=str(shots / "join_zh.png"))
                page.locator("#terminal").click()
                page.keyboard.type(NAME, delay=30)
                page.keyboard.press("Enter")
                options = clock.wait_for("the student's game", lambda: served.one(
                    "SELECT g.options FROM games g JOIN students s ON s.id = g.student_id WHERE s.name = ?", NAME),
                    timeout=60)
                assert json.loads(options).get("lang") == "zh", options
                time.sleep(1.0)
                page.screenshot(path=str(shots / "briefing_zh.png"))
                page.keyboard.press("Enter")
                time.sleep(1.0)
                page.screenshot(path=str(shots / "card_zh.png"))
            finally:
                browser.close()
    out = os.environ.get("FRIENDSHIP_PASS_E2E_OUT")
    if out:
        shutil.copytree(shots, Path(out) / "chinese", dirs_exist_ok=True)
    assert all((shots / f"{n}_zh.png").stat().st_size > 10_000 for n in ("join", "briefing", "card"))
