"""End to end in a real browser: live role play across two tabs (issue #14). Ben joins first and the
teacher, in the console, gives him the agency owner's role (his tab becomes the role's desk); Ana joins and
plays the bureau. The teacher deals Ana a card the agency owner opens: Ana's game waits, the console says
she waits for Ben, Ben's desk shows the card and he answers with a number and a line of his own; Ana's game
goes on with his answer (an `act` in her game's log, with his line, as the request row holds it). Then the
teacher shortens the time limit and deals another such card: Ben does not answer, and the AI opens it.

The terminal is a canvas, so the test reads state where it lives (the class database, the console's DOM)
and keeps screenshots. Every wait is bounded. Skipped without Chromium or playwright, failed when `CI` is set.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from game.classroom import make_code
from game.content.compiled import Content
from tests.e2e.support import CHROMIUM, CHROMIUM_ARGS, Clock, serving
from tests.e2e.test_browser import Student, _missing

TIME_LIMIT = 240.0
SEED = 2025
FIRST, SECOND = "agencies_hold_the_leash", "association_to_stop_undercutting"  # both opened by the agency owner
LINE = "A floor on fees, and we sign."


def test_a_role_played_live_from_a_second_tab(tmp_path: Path, shipped_content: Content) -> None:
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is missing: pip install -e '.[test]'")
    for card in (FIRST, SECOND):
        assert shipped_content.events[card].acted_by == "agency_owner"
    code = make_code(shipped_content, SEED)
    clock = Clock(TIME_LIMIT)
    with serving(tmp_path / "class", "--class", code, "--max-sessions", "6") as served:
        def request(card: str) -> tuple[Any, ...] | None:
            rows = served.query("SELECT status, opening, line, shown_at, holder_id FROM role_requests WHERE card = ?",
                                card)
            return rows[0] if rows else None

        def acts(name: str) -> list[dict[str, Any]]:
            return [json.loads(r[0]) for r in served.query(
                "SELECT a.body FROM actions a JOIN games g ON g.id = a.game_id JOIN students s ON s.id = g.student_id "
                "WHERE s.name = ? AND a.kind = 'act' ORDER BY g.id, a.seq", name)]

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=30_000)
            try:
                context = browser.new_context()
                tabs = {}
                for name in ("Ben", "Ana"):
                    page = context.new_page()
                    page.set_viewport_size({"width": 1280, "height": 800})
                    page.set_default_timeout(20_000)
                    tabs[name] = Student(served, clock, name, page, "1", tmp_path)
                ben, ana = tabs["Ben"], tabs["Ana"]
                ben.open(served.url + "/")
                ben.press("Enter")  # the briefing closes

                # The teacher gives Ben the agency owner's role, in his row of the console.
                teacher = context.new_page()
                teacher.set_viewport_size({"width": 1500, "height": 900})
                teacher.goto(served.teacher, wait_until="load")
                teacher.wait_for_function("document.querySelectorAll('#rows select.role').length === 1",
                                          timeout=20_000)
                teacher.select_option("#rows select.role", "agency_owner")
                clock.wait_for("Ben holding the role", lambda: served.one(
                    "SELECT s.name FROM role_holders r JOIN students s ON s.id = r.student_id "
                    "WHERE r.role = 'agency_owner'") == "Ben", timeout=20)

                ana.open(served.url + "/")
                ana.press("Enter")
                clock.wait_for("Ana at her first card", lambda: (ana.row() or ())[2:3] == ("cards",), timeout=30)
                options = json.loads(served.one("SELECT g.options FROM games g JOIN students s ON "
                                                "s.id = g.student_id WHERE s.name = 'Ana'"))
                assert options["roles"] == ["agency_owner"] and options["live_roles"] is True

                # The teacher deals Ana a card the agency owner opens: her game waits for Ben.
                ana_id = str(served.one("SELECT id FROM students WHERE name = 'Ana'"))
                teacher.select_option("#card", FIRST)
                teacher.select_option("#push-to", ana_id)
                teacher.click("#push")
                clock.wait_for("the request to Ben", lambda: request(FIRST), timeout=30)
                clock.wait_for("Ana's game waiting", lambda: (ana.row() or ())[2:3] == ("role",), timeout=10)
                teacher.wait_for_function("document.querySelector('#rows').textContent.includes('waits for Ben')",
                                          timeout=10_000)
                teacher.screenshot(path=str(tmp_path / "teacher_waits.png"))
                clock.wait_for("the card at Ben's desk", lambda: (request(FIRST) or (0, 0, 0, None))[3], timeout=15)
                ana.shot("waiting")
                ben.shot("desk")

                # Ben answers: the second opening, and a line of his own.
                ben.press("2")
                time.sleep(0.5)  # the line's field takes the focus after the redraw
                ben.page.keyboard.type(LINE, delay=20)
                ben.shot("line")
                ben.press("Enter")
                clock.wait_for("Ben's answer", lambda: (request(FIRST) or ("",))[0] == "answered", timeout=15)
                clock.wait_for("the act in Ana's game", lambda: acts("Ana"), timeout=15)
                _status, opening, line, _shown, holder = request(FIRST)  # type: ignore[misc]
                first = acts("Ana")[0]
                assert (first["role"], first["opening"], first["line"]) == ("agency_owner", opening, LINE) == \
                    ("agency_owner", "leash_rate", line)
                assert holder == served.one("SELECT id FROM students WHERE name = 'Ben'")
                clock.wait_for("Ana's card, opened", lambda: (ana.row() or ())[2:3] == ("cards",), timeout=10)
                ana.shot("opened")

                # A shorter limit, another card, no answer: the AI opens it.
                teacher.fill("#limit", "10")
                teacher.click("#setlimit")
                clock.wait_for("the new limit", lambda: served.one("SELECT role_seconds FROM classes") == 10,
                               timeout=10)
                teacher.select_option("#card", SECOND)
                teacher.select_option("#push-to", ana_id)
                teacher.click("#push")
                clock.wait_for("the second request", lambda: request(SECOND), timeout=30)
                clock.wait_for("the time limit to pass", lambda: (request(SECOND) or ("",))[0] == "timeout",
                               timeout=40)
                clock.wait_for("the AI's act in Ana's game", lambda: len(acts("Ana")) == 2, timeout=15)
                second = acts("Ana")[1]
                assert (second["role"], second["opening"]) == ("agency_owner", "")
                clock.wait_for("Ana's game going on", lambda: (ana.row() or ())[2:3] == ("cards",), timeout=10)
                ana.shot("timed_out")
                ben.shot("after")
            finally:
                browser.close()


TALKS_CARD = "renewal_day_costs_a_worker"  # its third choice ("Press Beijing once more") opens the permit talks


def test_the_nia_answers_the_permit_talks_live_from_a_second_tab(tmp_path: Path, shipped_content: Content) -> None:
    """Ben holds the NIA's liaison; Ana, the bureau, is dealt a card that opens the permit-length talks and
    proposes: her page waits, Ben's desk shows the talks (the brief, the table, the replies) and he answers;
    Ana's talks go on with his reply (a `respond` in her game's log, the request answered by him), and the
    transcript her stored game replays to begins with what his desk showed. Then a ten-second limit and a
    second proposal with no answer: the AI replies."""
    if not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is missing: pip install -e '.[test]'")
    from game.engine.actions import action_from_json
    from game.engine.replay import replay

    assert shipped_content.talks_role["permit_length"] == "nia_liaison"
    code = make_code(shipped_content, SEED)
    clock = Clock(TIME_LIMIT)
    with serving(tmp_path / "class", "--class", code, "--max-sessions", "6") as served:
        def requests() -> list[tuple[Any, ...]]:
            return served.query("SELECT status, opening, card, shown_at, holder_id FROM role_requests "
                                "WHERE kind = 'talks' ORDER BY id")

        def actions(name: str) -> list[dict[str, Any]]:
            return [json.loads(r[0]) for r in served.query(
                "SELECT a.body FROM actions a JOIN games g ON g.id = a.game_id JOIN students s ON s.id = g.student_id "
                "WHERE s.name = ? ORDER BY g.id, a.seq", name)]

        def replies(name: str) -> list[dict[str, Any]]:
            return [a for a in actions(name) if a["kind"] == "respond"]

        def ana_game(upto: int | None = None) -> Any:
            seed, options = served.query("SELECT g.seed, g.options FROM games g JOIN students s ON "
                                         "s.id = g.student_id WHERE s.name = 'Ana' ORDER BY g.id DESC LIMIT 1")[0]
            done = [action_from_json(a) for a in actions("Ana")]
            return replay(shipped_content, int(seed) if str(seed).lstrip("-").isdigit() else seed, json.loads(options),
                          done[:upto] if upto is not None else done)

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, timeout=30_000)
            try:
                context = browser.new_context()
                tabs = {}
                for name in ("Ben", "Ana"):
                    page = context.new_page()
                    page.set_viewport_size({"width": 1280, "height": 800})
                    page.set_default_timeout(20_000)
                    tabs[name] = Student(served, clock, name, page, "1", tmp_path)
                ben, ana = tabs["Ben"], tabs["Ana"]
                ben.open(served.url + "/")
                ben.press("Enter")

                teacher = context.new_page()
                teacher.set_viewport_size({"width": 1500, "height": 900})
                teacher.goto(served.teacher, wait_until="load")
                teacher.wait_for_function("document.querySelectorAll('#rows select.role').length === 1",
                                          timeout=20_000)
                teacher.select_option("#rows select.role", "nia_liaison")
                clock.wait_for("Ben holding the NIA's role", lambda: served.one(
                    "SELECT s.name FROM role_holders r JOIN students s ON s.id = r.student_id "
                    "WHERE r.role = 'nia_liaison'") == "Ben", timeout=20)

                ana.open(served.url + "/")
                ana.press("Enter")
                clock.wait_for("Ana at her first card", lambda: (ana.row() or ())[2:3] == ("cards",), timeout=30)
                options = json.loads(served.one("SELECT g.options FROM games g JOIN students s ON "
                                                "s.id = g.student_id WHERE s.name = 'Ana'"))
                assert options["roles"] == ["nia_liaison"] and options["live_talks"] is True

                # The teacher deals Ana the card; she takes the permit talks and proposes.
                ana_id = str(served.one("SELECT id FROM students WHERE name = 'Ana'"))
                teacher.select_option("#card", TALKS_CARD)
                teacher.select_option("#push-to", ana_id)
                teacher.click("#push")
                clock.wait_for("the card in Ana's game", lambda: any(a["kind"] == "push" for a in actions("Ana")),
                               timeout=30)
                ana.press("3", "Enter")
                clock.wait_for("Ana in the permit talks", lambda: (ana.row() or ())[2:3] == ("talks",), timeout=15)
                ana.press("o", "Enter")
                clock.wait_for("the proposal waiting for Ben", lambda: len(requests()) == 1, timeout=20)
                clock.wait_for("Ana's game waiting", lambda: (ana.row() or ())[2:3] == ("counterpart",), timeout=10)
                teacher.wait_for_function("document.querySelector('#rows').textContent.includes('waits for Ben')",
                                          timeout=10_000)
                clock.wait_for("the talks at Ben's desk", lambda: requests()[0][3], timeout=15)
                time.sleep(1.0)  # the desk's redraw reaches the canvas
                ana.shot("talks_waiting")
                ben.shot("talks_desk")

                # What the desk showed: Ana's game as stored when she proposed, at the NIA's reply.
                asked = int(str(requests()[0][2]).rsplit("@", 1)[1])
                shown = ana_game(asked)
                view = shown.talks()
                assert view is not None and view.awaiting == "counterpart" and view.brief.strip()
                assert shown.reply_options() and shown.suggested_reply() in shown.reply_options()

                # Ben answers with the first reply.
                ben.press("1")
                clock.wait_for("Ben's reply", lambda: requests()[0][0] == "answered", timeout=15)
                clock.wait_for("the reply in Ana's game", lambda: len(replies("Ana")) == 1, timeout=15)
                _status, opening, _card, _shown, holder = requests()[0]
                assert holder == served.one("SELECT id FROM students WHERE name = 'Ben'")
                first = replies("Ana")[0]
                assert json.loads(opening) == first == shown.reply_options()[0].to_json()
                clock.wait_for("Ana's talks going on", lambda: (ana.row() or ())[2:3] in (("talks",), ("cards",),
                                                                                           ("month_end",)), timeout=10)
                after = ana_game()
                said = after.talks().transcript if after.talks() is not None else after.talks_log[-1].transcript
                assert tuple(said[:len(view.transcript)]) == tuple(view.transcript)  # both transcripts match
                assert len(said) > len(view.transcript)  # and go on with the NIA's reply
                time.sleep(1.0)
                ana.shot("talks_answered")
                ben.shot("talks_sent")

                # A ten-second limit, a second proposal, no answer: the AI replies.
                assert after.phase == "talks", "the first reply ended the talks"
                teacher.fill("#limit", "10")
                teacher.click("#setlimit")
                clock.wait_for("the new limit", lambda: served.one("SELECT role_seconds FROM classes") == 10,
                               timeout=10)
                ana.press("o", "Enter")
                clock.wait_for("the second proposal", lambda: len(requests()) == 2, timeout=20)
                ai = ana_game().suggested_reply()
                clock.wait_for("the time limit to pass", lambda: requests()[1][0] == "timeout", timeout=40)
                clock.wait_for("the AI's reply in Ana's game", lambda: len(replies("Ana")) == 2, timeout=15)
                assert ai is not None and replies("Ana")[1] == ai.to_json()
                clock.wait_for("Ana's game going on", lambda: (ana.row() or ())[2:3] != ("counterpart",),
                               timeout=10)
                time.sleep(1.0)
                ana.shot("talks_timed_out")
            finally:
                browser.close()
