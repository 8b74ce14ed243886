"""End to end in a real browser: a lesson on `friendship-pass serve --class CODE`, in Debian's Chromium driven by
Playwright (/usr/bin/chromium, never a downloaded browser).

Three named students join with the class code and play; one reloads and resumes the same game; the teacher
console shows all three and their months; the teacher holds the class at month 3 and pushes a card that all
three are dealt; the CSV export has three rows and the class report lists three distinct games; the lesson
ends and a student downloads their debrief.

The terminal is a canvas, so the test reads state where it lives: the class database (the same rows the
teacher console reads), the console's DOM, downloads, and screenshots (kept in the test's tmp folder, and in
FRIENDSHIP_PASS_E2E_OUT=DIR if set). Every wait is bounded. If Chromium or playwright is missing the test is
skipped, but it fails when `CI` is set.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from game.classroom import make_code
from game.content.compiled import Content, text
from tests.e2e.support import CHROMIUM, CHROMIUM_ARGS, REPO, Clock, Served, cmdline, kib, serving

TIME_LIMIT = 300.0  # seconds for the whole lesson; every wait below is bounded by it
SEED = 2025
PUSHED = "lang_son_wants_the_lists"  # a card with no talks and no fixed month
STUDENTS = {  # name -> (viewport, query, the choice they press)
    "Ana Lima": ({"width": 1280, "height": 800}, "", "1"),
    "Ben": ({"width": 1024, "height": 600}, "", "2"),
    "Chen Wei": ({"width": 1600, "height": 900}, "?fontsize=20", "1"),
}


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so the browser test may not be skipped)", pytrace=False)
    pytest.skip(message)


class Student:
    """One browser tab and the student typing in it."""

    def __init__(self, served: Served, clock: Clock, name: str, page: Any, choice: str, shots: Path) -> None:
        self.served, self.clock, self.name, self.page = served, clock, name, page
        self.choice, self.shots = choice, shots

    def row(self) -> tuple[Any, ...] | None:
        """(game id, turn, phase, over, decisions, now) of the student's latest game."""
        rows = self.served.query(
            "SELECT g.id, g.turn, g.phase, g.over, g.decisions, g.now FROM games g JOIN students s ON s.id = "
            "g.student_id WHERE s.name = ? ORDER BY g.id DESC LIMIT 1", self.name)
        return rows[0] if rows else None

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)
            time.sleep(0.25)

    def open(self, url: str) -> None:
        waiting = self._fresh_sessions()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_selector("#terminal canvas", state="attached", timeout=30_000)
        self.join(waiting)

    def _fresh_sessions(self) -> int:
        return int(self.served.one("SELECT count(*) FROM sessions WHERE student_id IS NULL AND ended_at IS NULL")
                   or 0)

    def join(self, before: int) -> None:
        """Type the name once the tab's game process is up (its session row exists), then Enter."""
        self.clock.wait_for(f"{self.name}'s game process", lambda: self._fresh_sessions() > before, timeout=60)
        self.page.locator("#terminal").click()
        time.sleep(0.3)
        self.page.keyboard.type(self.name, delay=30)
        self.page.keyboard.press("Enter")
        self.clock.wait_for(f"{self.name} in the class", lambda: self.row() is not None, timeout=30)

    def step(self) -> None:
        """A few keys that move the game on from wherever it is, read from the database's phase: choose and
        close the result on a card, leave talks, end the month and close the ledger (a reflection gets the
        digit as its answer; the briefing and a teacher's message close on Enter)."""
        row = self.row()
        phase = row[2] if row else "cards"
        if phase == "cards":
            self.press(self.choice, "Enter")
        elif phase in ("talks", "counterpart"):
            self.press("l", "l", "Enter")
        elif phase == "month_end":
            self.press("Enter", "Enter")

    def shot(self, label: str) -> None:
        self.page.screenshot(path=str(self.shots / f"{self.name.split()[0].lower()}_{label}.png"))


def play_until(clock: Clock, students: list[Student], done: Any, what: str, timeout: float) -> None:
    """Step every student (round robin) until `done(student)` holds for all of them."""
    end = time.monotonic() + min(timeout, clock.left())
    while True:
        waiting = [s for s in students if not done(s)]
        if not waiting:
            return
        if time.monotonic() > end:
            for s in waiting:
                s.shot("stuck")
            raise AssertionError(f"timed out waiting for {what}: " + ", ".join(f"{s.name} {s.row()}" for s in waiting))
        for s in waiting:
            s.step()
        time.sleep(0.2)


def test_a_browser_class_lesson(tmp_path: Path, shipped_content: Content) -> None:
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is missing: pip install -e '.[test]'")

    assert PUSHED in shipped_content.events
    code = make_code(shipped_content, SEED)
    clock = Clock(TIME_LIMIT)
    results: dict[str, object] = {}
    folder = tmp_path / "class"
    with serving(folder, "--class", code, "--max-sessions", "10") as served:
        printed = served.log.read_text()
        assert served.url in printed and f"/teacher/{served.token}" in printed, printed
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=30_000)
            try:
                context = browser.new_context(accept_downloads=True)
                students = []
                for name, (viewport, query, choice) in STUDENTS.items():
                    page = context.new_page()
                    page.set_viewport_size(viewport)
                    page.set_default_timeout(20_000)
                    student = Student(served, clock, name, page, choice, tmp_path)
                    student.open(served.url + "/" + query)
                    students.append(student)
                assert len(served.games()) == 3
                assert all(cmdline(p).count("--class-db") == 1 for p in served.games())
                results["rss_joined_kib"] = [kib(p, "VmRSS") for p in served.games()]

                # Everyone plays the first month (the briefing closes on the first Enter).
                play_until(clock, students, lambda s: (s.row() or (0, 0))[1] >= 2, "everyone in month 2", 90)
                for s in students:
                    s.shot("month2")

                # Ben reloads the page: a new game process, the same name, the same game.
                ben = students[1]
                before = ben.row()
                assert before is not None
                waiting = ben._fresh_sessions()
                ben.page.reload(wait_until="load")
                ben.page.wait_for_selector("#terminal canvas", state="attached", timeout=30_000)
                ben.join(waiting)
                clock.wait_for("Ben's new tab to hold his game", lambda: served.one(
                    "SELECT g.session_id = (SELECT max(id) FROM sessions WHERE student_id = g.student_id) FROM games g "
                    "WHERE g.id = ?", before[0]) == 1, timeout=30)
                after = ben.row()
                assert after is not None and after[0] == before[0] and after[1] == before[1], (before, after)
                assert served.one("SELECT count(*) FROM games") == 3
                time.sleep(1)
                ben.shot("resumed")

                # The teacher console: all three students and their months.
                teacher = context.new_page()
                teacher.set_viewport_size({"width": 1400, "height": 900})
                teacher.goto(served.teacher, wait_until="load")
                teacher.wait_for_function("document.querySelectorAll('#rows tr').length === 3", timeout=20_000)
                table = teacher.inner_text("#rows")
                for s in students:
                    assert s.name in table
                    assert f"{s.row()[1]} · " in table  # type: ignore[index]
                teacher.screenshot(path=str(tmp_path / "teacher.png"))

                # Hold at month 3: everyone plays on to the end of month 3 and stops there.
                teacher.fill("#month", "3")
                teacher.click("#hold")
                clock.wait_for("the hold", lambda: served.one("SELECT hold_month FROM classes") == 3, timeout=30)

                def held(s: Student) -> bool:
                    row = s.row()
                    return row is not None and row[1] == 3 and row[2] == "month_end"

                play_until(clock, students, held, "everyone held at the end of month 3", 120)
                for s in students:
                    s.press("Enter")  # refused: the class is held
                    assert held(s)
                    s.shot("held")
                teacher.wait_for_function("document.querySelectorAll('#rows tr.held').length === 3", timeout=10_000)

                # Push a card to everyone: each tab deals it at once (they are at the month's end).
                teacher.select_option("#card", PUSHED)
                teacher.click("#push")
                title = text(shipped_content.events[PUSHED].model.title, "en")
                clock.wait_for("the pushed card in all three games", lambda: served.one(
                    "SELECT count(*) FROM deliveries") == 3, timeout=30)
                clock.wait_for("the card in front of everyone", lambda: all(
                    (s.row() or ())[2:3] == ("cards",) and s.row()[5] == title for s in students),  # type: ignore[index]
                    timeout=60)
                assert served.one("SELECT count(*) FROM actions WHERE kind = 'push'") == 3
                time.sleep(1)
                for s in students:
                    s.shot("pushed")
                decided = {s.name: s.row()[4] for s in students}  # type: ignore[index]
                play_until(clock, students, lambda s: s.row()[4] > decided[s.name], "the pushed card answered", 30)  # type: ignore[index]
                teacher.wait_for_function("[...document.querySelectorAll('#events li')]"
                                          ".some(li => li.textContent.includes('reached 3 of 3'))", timeout=10_000)

                # Exports: the CSV has three rows; the class report lists three distinct games.
                exported = teacher.request.get(served.teacher + "/export.csv")
                assert exported.ok
                rows = list(csv.reader(io.StringIO(exported.text().lstrip("\ufeff"))))
                assert rows[0][:6] == ["student", "ending", "month reached", "month", "decisions",
                                       "reflections answered"]
                assert sorted(r[0] for r in rows[1:]) == sorted(STUDENTS)
                assert all(r[2] == "3" for r in rows[1:])
                report = teacher.request.get(served.teacher + "/report.html", timeout=120_000)
                assert report.ok
                html = report.text()
                assert "<strong>3</strong> games read" in html
                assert served.one("SELECT count(DISTINCT student_id) FROM games") == 3
                for name in STUDENTS:
                    assert f"<td>{name}</td>" in html
                (tmp_path / "class-report.html").write_text(html, encoding="utf-8")

                # The lesson ends: play stops; a student downloads their debrief from the browser.
                teacher.once("dialog", lambda dialog: dialog.accept())
                teacher.click("#end")
                clock.wait_for("the end of the lesson", lambda: served.one(
                    "SELECT ended_at IS NOT NULL FROM classes") == 1, timeout=30)
                ana = students[0]
                downloads: list[Any] = []
                context.on("page", lambda p: p.on("download", lambda d: downloads.append(d)))
                ana.page.on("download", lambda d: downloads.append(d))  # Chromium reports it on the opener
                ana.page.bring_to_front()  # the student's own tab, in front (a popup from a tab behind is blocked)
                for _ in range(10):  # d works once the tab has read that the lesson ended (it reads every 2 s)
                    ana.press("d")
                    try:
                        clock.wait_for("the debrief download", lambda: downloads, timeout=3)
                        break
                    except AssertionError:
                        continue
                ana.shot("ended")
                assert downloads, f"the debrief was not downloaded (see {tmp_path}/ana_ended.png)"
                debrief = Path(downloads[0].path()).read_text(encoding="utf-8")
                assert downloads[0].suggested_filename.startswith("debrief-Ana-Lima")
                assert "Ana Lima" in debrief and "<html" in debrief.lower()
            finally:
                browser.close()
    results["test_seconds"] = round(time.monotonic() - clock.start, 1)
    out = tmp_path / "browser_class.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    keep = os.environ.get("FRIENDSHIP_PASS_E2E_OUT")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for f in [out, *tmp_path.glob("*.png"), *tmp_path.glob("*.html")]:
            shutil.copy(f, Path(keep) / f.name)
    print(f"\nbrowser class: {json.dumps(results)}\n(results and screenshots in {tmp_path})")

    # The class report from the command line reads the same database: three games, one per student.
    done = subprocess.run([sys.executable, "-m", "game", "class-report", str(folder / "class.db"), "--format", "md"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "**3** games read, one per student's game in the class database" in done.stdout
