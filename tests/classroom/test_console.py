"""The teacher console (its data, checks and exports, and its routes on the server, in process) and the
reports read from the class database: students are never merged, whatever they chose."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from game.classdb import ClassDB, db_path
from game.classroom import make_code
from game.content.compiled import Content
from game.engine.replay import rewind
from game.report.classdb_source import is_class_db, load_class_db
from game.report.commands import run_class_report
from game.server.console import Console, ConsoleError
from game.server.student import ClassLink
from game.server.web import ClassServer, ServeConfig
from tests.helpers import play_months


def class_of(folder: Path, content: Content, code: str, names: list[str], months: int = 2) -> ClassDB:
    """A class whose students each played `months` months the same way (the same choices)."""
    for name in names:
        link = ClassLink(db_path(folder), content, folder, code)
        game, _ = link.join(name)
        play_months(game, months)
        link.sync(game)
        link.close()
    return ClassDB(db_path(folder))


def test_the_roster_the_csv_and_a_name_that_looks_like_a_formula(folder: Path, fixture_content: Content,
                                                                 code: str) -> None:
    db = class_of(folder, fixture_content, code, ["Ana", "=HYPERLINK(\"http://x\")", "Ben"])
    console = Console(db, fixture_content, code)
    state = console.state(None)
    assert [s["name"] for s in state["students"]] == ["Ana", "=HYPERLINK(\"http://x\")", "Ben"]
    assert all(s["turn"] == 3 and s["game_id"] for s in state["students"])
    rows = list(csv.reader(io.StringIO(console.csv(None))))
    assert rows[0][:6] == ["student", "ending", "month reached", "month", "decisions", "reflections answered"]
    assert [r[0] for r in rows[1:]] == ["Ana", "'=HYPERLINK(\"http://x\")", "Ben"]
    assert {r[2] for r in rows[1:]} == {"3"} and {r[1] for r in rows[1:]} == {"in progress"}


def test_the_teachers_actions_are_checked(folder: Path, fixture_content: Content, code: str) -> None:
    db = class_of(folder, fixture_content, code, ["Ana"])
    console = Console(db, fixture_content, code)
    with pytest.raises(ConsoleError, match="from 1 to 6"):
        console.hold(None, 99)
    with pytest.raises(ConsoleError, match="from 1 to 6"):
        console.hold(None, "three")
    assert "held at month 3" in console.hold(None, "3")
    assert console.state(None)["class"]["hold"] == 3
    console.release(None)
    with pytest.raises(ConsoleError, match="choose a card"):
        console.push(None, "no_such_card", None)
    with pytest.raises(ConsoleError, match="not in this class"):
        console.push(None, "fight", 999)
    with pytest.raises(ConsoleError, match="write the message"):
        console.notice(None, "t", "   ", None)
    ana = console.state(None)["students"][0]["id"]
    console.push(None, "fight", ana)
    console.notice(None, "News\x1b]0;x\x07", "Stop\nand think", "")
    events = console.state(None)["events"]
    assert [(e["kind"], e["to"]) for e in events] == [("push", "Ana"), ("notice", "everyone")]
    assert "\x1b" not in db.events(code)[1][0].title  # no escape sequence reaches a student's terminal
    assert "ended" in console.end(None)
    assert console.state(None)["class"]["ended"]


def test_a_console_without_a_class_code_lists_the_classes(folder: Path, fixture_content: Content) -> None:
    one, two = make_code(fixture_content, 11), make_code(fixture_content, 22)
    class_of(folder, fixture_content, one, ["Ana"])
    db = class_of(folder, fixture_content, two, ["Ben"])
    console = Console(db, fixture_content, None)
    assert console.state(None)["message"] == "choose a class"
    assert sorted(console.state(None)["classes"]) == sorted([one, two])
    assert [s["name"] for s in console.state(two.lower())["students"]] == ["Ben"]
    with pytest.raises(ConsoleError, match="no student has joined"):
        console.hold("ZZZZZ-M-ZZZZZ", 2)


def test_students_who_chose_alike_are_two_games_in_the_report(folder: Path, fixture_content: Content, code: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    class_of(folder, fixture_content, code, ["Ana", "Dung"], months=3)
    link = ClassLink(db_path(folder), fixture_content, folder, code)
    slow, _ = link.join("Chen")  # a slow student: the beginning of the others' games
    play_months(slow, 1)
    link.sync(slow)
    assert is_class_db(folder) and is_class_db(db_path(folder)) and not is_class_db(folder / "nothing")
    games, problems, found = load_class_db(fixture_content, db_path(folder))
    assert found == code and not problems
    assert [g.name for g in games] == ["Ana", "Dung", "Chen"]
    assert run_class_report(fixture_content, [folder], "md", None) == 0
    out = capsys.readouterr().out
    assert "**3** games read, one per student's game in the class database" in out


def test_a_branch_is_listed_beside_its_original(folder: Path, fixture_content: Content, code: str) -> None:
    link = ClassLink(db_path(folder), fixture_content, folder, code)
    game, _ = link.join("Ana")
    play_months(game, 4)
    link.sync(game)
    branch = rewind(game, 2)
    play_months(branch, 1)
    link.sync(branch)
    games, _, _ = load_class_db(fixture_content, folder)
    assert [g.name for g in games] == ["Ana", "Ana (game 2)"]
    from game.report.summary import summarise

    rows = summarise(fixture_content, games).games
    assert rows[1].branch.startswith("rewound to month 2") and rows[1].branch.endswith("of Ana")


async def test_the_console_routes_need_the_key_and_the_servers_own_pages(folder: Path, fixture_content: Content,
                                                                         code: str) -> None:
    class_of(folder, fixture_content, code, ["Ana", "Ben"])
    db = ClassDB(db_path(folder), threads=True)
    config = ServeConfig("127.0.0.1", 8000, "true", str(db_path(folder)), code, token="k",
                         allowed_hosts=frozenset({"127.0.0.1", "localhost"}))
    server = ClassServer(config, fixture_content, db)
    async with TestClient(TestServer(await server._make_app())) as client:
        assert (await client.get("/teacher/nope")).status == 404
        assert (await client.get("/teacher/nope/state")).status == 404
        page = await client.get("/teacher/k")
        assert page.status == 200 and page.headers["Cache-Control"] == "no-store"
        assert page.headers["Referrer-Policy"] == "no-referrer"
        html = await page.text()
        assert code in html and '<option value="fight">' in html
        state = await (await client.get("/teacher/k/state")).json()
        assert [s["name"] for s in state["students"]] == ["Ana", "Ben"]
        assert state["tabs"] == {"live": 0, "max": 60, "turned_away": 0}
        origin = {"Origin": f"http://{client.host}:{client.port}"}
        r = await client.post("/teacher/k/hold", json={"month": 2}, headers=origin)
        assert r.status == 200 and "month 2" in (await r.json())["message"]
        r = await client.post("/teacher/k/hold", json={"month": 2}, headers={"Origin": "http://evil.example"})
        assert r.status == 403
        r = await client.post("/teacher/k/push", data="not json", headers=origin)
        assert r.status == 400
        r = await client.post("/teacher/k/push", json={"card": "nope"}, headers=origin)
        assert r.status == 400 and "Choose a card" in (await r.json())["message"]
        csv_text = await (await client.get("/teacher/k/export.csv")).text()
        assert len(list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))) == 3
        game_id = state["students"][0]["game_id"]
        debrief = await client.get(f"/teacher/k/debrief/{game_id}.html")
        assert debrief.status == 200 and "Ana" in await debrief.text()
        save = await client.get(f"/teacher/k/save/{game_id}.json")
        assert save.status == 200 and json.loads(await save.read())["format"] == "friendship-pass-save"
        assert (await client.get("/teacher/k/save/99999.json")).status == 404
        full = await client.get("/", headers={"Host": "elsewhere.example"})
        assert full.status == 421
        index = await client.get("/?fontsize=99999")
        assert index.status == 200 and 'data-font-size="48"' in await index.text()
        assert "fonts.googleapis.com" not in await index.text()  # nothing outside the room is needed
    db.close()


def test_the_console_speaks_the_servers_language(folder: Path, fixture_content: Content, code: str) -> None:
    """`serve --lang zh`: the page, its script's words, the teacher's messages and the CSV are in Chinese."""
    from game.i18n import use_language
    from game.server.console import page, script_words

    db = class_of(folder, fixture_content, code, ["Ana"])
    console = Console(db, fixture_content, code)
    with use_language("zh"):
        html = page("/teacher/key", code, ["http://127.0.0.1:8000"], [], 6, 30)
        assert '<html lang="zh-Hans">' in html and "教师控制台" in html and "结束本节课" in html
        words = json.loads(html.split('<script type="application/json" id="words">')[1].split("</script>")[0])
        assert words == script_words() and words["everyone"] == "所有人"
        assert "{n}" in words["students"] and "{online}" in words["students"]
        assert console.hold(None, 2) == "全班停在第 2 个月：在你放行之前，谁都不能结束第 2 个月。"
        assert console.csv(None).startswith("学生,")
        with pytest.raises(ConsoleError, match="请先写消息内容"):
            console.notice(None, "", "", None)
    with use_language("vi"):
        assert "bảng điều khiển giáo viên" in page("/teacher/key", code, ["http://x"], [], 6, 30)
