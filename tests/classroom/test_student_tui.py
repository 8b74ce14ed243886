"""The student's side in the TUI (headless, Pilot): join by name, resume after a reload, a class held at a
month, a card the teacher pushes, a teacher's message to read, the end of the lesson and the debrief
download. The class database is real; the browser is not (see tests/e2e for that)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from game.classdb import ClassDB, db_path
from game.content.compiled import Content
from game.server.student import ClassLink, StudentSaves
from game.ui.app import FriendshipPassApp, Session, make_class_app
from tests.ui.conftest import app_of, mode, play_month, press, screen_name, screen_text, until

pytestmark = pytest.mark.usefixtures("_no_blink")


@pytest.fixture(autouse=True)
def _no_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False)


def class_app(folder: Path, content: Content, code: str | None) -> FriendshipPassApp:
    link = ClassLink(db_path(folder), content, folder, code)
    return make_class_app(Session(content, StudentSaves(link), classroom=link), code=code)


async def join(pilot: Any, name: str, code: str = "") -> None:
    app = app_of(pilot)
    await until(pilot, lambda: screen_name(app) == "JoinScreen", "the join screen")
    await pilot.press(*name)
    if code:
        await pilot.press("tab", *code)
    await press(pilot, "enter")


async def to_play(pilot: Any) -> None:
    app = app_of(pilot)
    await until(pilot, lambda: screen_name(app) in ("BriefingScreen", "PlayScreen"), "the briefing or the game")
    if screen_name(app) == "BriefingScreen":
        await press(pilot, "enter")
    await until(pilot, lambda: screen_name(app) == "PlayScreen", "the main screen")


async def test_a_student_joins_by_name_and_resumes_after_a_reload(folder: Path, fixture_content: Content,
                                                                  code: str) -> None:
    app = class_app(folder, fixture_content, code)
    async with app.run_test(size=(110, 36)) as pilot:
        await join(pilot, "Ana Lima")
        await to_play(pilot)
        assert "Ana Lima · class " + code in screen_text(app)
        await play_month(pilot)
        await until(pilot, lambda: not app.controller.save_due, "the month stored")
    app.session.classroom.close()  # type: ignore[union-attr]
    roster = ClassDB(db_path(folder)).roster(code)
    assert [(r.name, r.turn) for r in roster] == [("Ana Lima", 2)]

    again = class_app(folder, fixture_content, code)  # the page reloaded: a new process, the same name
    async with again.run_test(size=(110, 36)) as pilot:
        await join(pilot, "ana lima")
        await until(pilot, lambda: screen_name(again) == "PlayScreen", "the game, resumed")
        assert again.controller.game is not None and again.controller.game.turn == 2
    assert len(ClassDB(db_path(folder)).roster(code)) == 1


async def test_the_join_screen_asks_for_the_code_and_says_what_is_wrong(folder: Path, fixture_content: Content,
                                                                        code: str) -> None:
    app = class_app(folder, fixture_content, None)
    async with app.run_test(size=(100, 36)) as pilot:
        await join(pilot, "Ben", code[:-1] + ("2" if code[-1] != "2" else "3"))
        await until(pilot, lambda: "typo" in screen_text(app), "the typo message")
        assert screen_name(app) == "JoinScreen"
        field = app.screen.query_one("#join-code")
        field.value = code.lower()  # type: ignore[attr-defined]
        await press(pilot, "enter")
        await to_play(pilot)
        assert app.controller.game is not None and app.controller.game.options["class_code"] == code


async def test_hold_push_message_and_end(folder: Path, fixture_content: Content, code: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    app = class_app(folder, fixture_content, code)
    teacher = ClassDB(db_path(folder))
    async with app.run_test(size=(110, 36)) as pilot:
        await join(pilot, "Chen")
        await to_play(pilot)
        teacher.set_hold(code, 1)
        app._class_tick()
        for _ in range(20):  # answer month 1's cards, up to its end
            if mode(app) == "month_end":
                break
            await press(pilot, "1" if mode(app) == "card" else "enter")
        assert mode(app) == "month_end"
        await press(pilot, "enter")
        assert mode(app) == "month_end" and "holding the class" in app.snapshot.status
        assert "holding the class" in screen_text(app)

        teacher.post_event(code, "push", card="fight")
        app._class_tick()
        await until(pilot, lambda: mode(app) == "card", "the pushed card")
        assert app.snapshot.card is not None and app.snapshot.card.id == "fight"
        assert "dealt by your teacher" in screen_text(app)
        await press(pilot, "1")
        await until(pilot, lambda: not app.controller.save_due, "the choice stored")
        actions = ClassDB(db_path(folder)).actions(app.controller.classroom.game_id)  # type: ignore[union-attr,arg-type]
        assert {"kind": "push", "card": "fight"} in actions

        teacher.post_event(code, "notice", title="Stop here", body="Discuss the fight with your neighbour.")
        await press(pilot, "enter")  # close the result: the message comes before anything else
        app._class_tick()
        await until(pilot, lambda: mode(app) == "notice", "the teacher's message")
        assert "Discuss the fight" in screen_text(app)
        await press(pilot, "1")
        assert mode(app) == "notice"
        await press(pilot, "enter")
        assert mode(app) == "month_end"
        assert all(n == meant for _, _, n, meant in teacher.events(code))

        teacher.set_hold(code, None)
        teacher.end_lesson(code)
        app._class_tick()
        await press(pilot, "enter")
        assert "ended the lesson" in app.snapshot.status and mode(app) == "month_end"
        delivered: dict[str, Any] = {}
        monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
        monkeypatch.setattr(app, "deliver_text", lambda f, **kw: delivered.update(kw, text=f.read()))
        await press(pilot, "d")
        assert delivered["save_filename"].startswith("debrief-Chen") and "<html" in delivered["text"].lower()
        assert delivered["open_method"] == "download"


async def test_a_second_tab_stops_the_first(folder: Path, fixture_content: Content, code: str) -> None:
    first = class_app(folder, fixture_content, code)
    async with first.run_test(size=(110, 36)) as pilot:
        await join(pilot, "Dung")
        await to_play(pilot)
        second = ClassLink(db_path(folder), fixture_content, folder, code)
        second.join("dung")
        first._class_tick()
        await press(pilot, "1")
        assert "This tab has stopped" in first.snapshot.status
        assert first.controller.game is not None and len(first.controller.game.actions) == 0


async def test_a_full_disk_mid_lesson_is_a_sentence_and_nothing_is_lost(folder: Path, fixture_content: Content,
                                                                        code: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from game.classdb import ClassDBError

    app = class_app(folder, fixture_content, code)
    async with app.run_test(size=(110, 36)) as pilot:
        await join(pilot, "Ana")
        await to_play(pilot)
        link = app.controller.classroom
        assert link is not None

        def full(*args: Any, **kw: Any) -> None:
            raise ClassDBError("the disk holding the class folder (x) is full: free some space")

        monkeypatch.setattr(link.db, "save_progress", full)
        await press(pilot, "1")
        await until(pilot, lambda: "Could not save to the class database" in app.snapshot.status, "the message")
        assert "is full" in screen_text(app) and mode(app) == "result"
        monkeypatch.undo()
        await press(pilot, "enter")
        await until(pilot, lambda: not app.controller.save_due, "the next save")
        game = app.controller.game
        assert game is not None
        assert len(ClassDB(db_path(folder)).actions(link.game_id)) == len(game.actions)  # type: ignore[arg-type]


def test_the_students_and_teachers_modules_need_no_terminal_ui() -> None:
    import subprocess
    import sys

    code = ("import sys\n"
            "import game.classdb, game.server.student, game.server.console, game.report.classdb_source\n"
            "print(sorted(m for m in ('textual', 'rich', 'aiohttp') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


async def test_a_student_picks_a_language_on_the_join_screen(folder: Path, fixture_content: Content,
                                                             code: str) -> None:
    from textual.widgets import RadioButton

    from game.i18n import language, use_language

    with use_language("en"):
        app = class_app(folder, fixture_content, code)
        async with app.run_test(size=(110, 36)) as pilot:
            await until(pilot, lambda: screen_name(app) == "JoinScreen", "the join screen")
            app.screen.query_one("#lang-vi", RadioButton).value = True
            await until(pilot, lambda: "Tên của bạn" in screen_text(app), "the join screen in Vietnamese")
            assert language() == "vi"
            await join(pilot, "Lan")
            await to_play(pilot)
            game = app.controller.game
            assert game is not None and game.lang == "vi"
            assert "Lan · lớp " + code in screen_text(app)
        app.session.classroom.close()  # type: ignore[union-attr]
        stored = ClassDB(db_path(folder)).current_game(ClassDB(db_path(folder)).roster(code)[0].student_id)
        assert stored is not None and stored.options.get("lang") == "vi"


async def test_a_class_code_with_a_language_turns_the_join_screen_to_it(folder: Path, fixture_content: Content,
                                                                        code: str) -> None:
    from game.i18n import language, use_language

    with use_language("en"):
        app = class_app(folder, fixture_content, None)
        async with app.run_test(size=(110, 36)) as pilot:
            await join(pilot, "Wei", code + "-ZH")
            await to_play(pilot)
            assert language() == "zh"
            game = app.controller.game
            assert game is not None and game.lang == "zh" and game.options.get("class_code") == code
        app.session.classroom.close()  # type: ignore[union-attr]
