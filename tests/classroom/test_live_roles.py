"""Live role play across tabs (issue #14): a card a role opens, in a bureau student's game, waits for the
student holding that role in the class; the holder's tab (their role's desk) shows it and answers; the
bureau's game applies the answer as an `Act` in its log, or the AI's pick once the class's time limit has
passed. Two ClassLinks on one temporary class database stand in for two browser tabs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from game.classdb import ClassDB, db_path
from game.content.compiled import Content
from game.engine.actions import Act, Force, Respond, action_from_json
from game.engine.game import Game
from game.engine.records import Kind
from game.engine.replay import replay
from game.report import debrief_markdown, gather
from game.report.commands import run_report
from game.saves import to_json
from game.server.console import Console, ConsoleError
from game.server.student import ClassLink, StudentSaves
from game.ui_controller import Answer, Confirm, Controller, Number, Offer, Open

CARD = "agencies_hold_the_leash"


def tab(folder: Path, content: Content) -> Controller:
    link = ClassLink(db_path(folder), content, folder)
    return Controller(content, StudentSaves(link), classroom=link)


def joined(ctl: Controller, name: str, code: str) -> Game:
    assert ctl.classroom is not None
    game, _resumed = ctl.classroom.join(name, code)
    ctl.start(game)
    ctl.poll()
    return game


def at_the_card(ctl: Controller) -> Game:
    """The bureau student's class game, moved on to a card the agency owner opens (a dev game, so Force)."""
    assert ctl.game is not None
    game = Game.new(ctl.content, seed=ctl.game.seed, options={**ctl.game.options, "dev": True})
    game.apply(Force(CARD, now=True))
    ctl.start(game)
    assert ctl.autosave() == ""
    return game


@pytest.fixture
def db(folder: Path, shipped_content: Content, shipped_code: str) -> ClassDB:
    found = ClassDB(db_path(folder))
    found.ensure_class(shipped_code, 4242, "meters", shipped_content.fingerprint)
    return found


# -- the class database ---------------------------------------------------------------------------------

def test_a_role_has_at_most_one_holder_and_a_student_at_most_one_role(db: ClassDB, shipped_code: str) -> None:
    ana, ben = db.join(shipped_code, "Ana"), db.join(shipped_code, "Ben")
    assert db.assign_role(shipped_code, ana.id, "nia_liaison") is None
    assert db.assign_role(shipped_code, ben.id, "nia_liaison") == ana.id  # the role moves to Ben
    assert db.role_holders(shipped_code) == {"nia_liaison": ben.id} and db.role_of(ana.id) is None
    db.assign_role(shipped_code, ben.id, "agency_owner")  # Ben holds another role instead
    assert db.role_holders(shipped_code) == {"agency_owner": ben.id}
    db.assign_role(shipped_code, ben.id, None)
    assert db.role_holders(shipped_code) == {}


def test_a_request_is_answered_once_and_a_late_answer_is_refused(db: ClassDB, shipped_code: str,
                                                                 shipped_content: Content) -> None:
    ana, ben = db.join(shipped_code, "Ana"), db.join(shipped_code, "Ben")
    game = Game.new(shipped_content, seed=1)
    from game.server.student import progress_of

    gid = db.new_game(ana.id, None, 1, {}, "f", progress_of(game))
    first = db.ask_role(shipped_code, gid, ana.id, "agency_owner", 1, CARD, ["a", "b"])
    again = db.ask_role(shipped_code, gid, ana.id, "agency_owner", 1, CARD, ["a", "b"])  # a reload asks again
    assert again.id == first.id and first.status == "open" and first.openings == ["a", "b"]
    assert first.deadline == pytest.approx(first.created_at + 90)
    assert [r.id for r in db.open_requests(shipped_code, "agency_owner")] == [first.id]
    assert db.answer_request(first.id, ben.id, "b", "  a   line " + "x" * 400)
    assert not db.answer_request(first.id, ben.id, "a")  # answered once
    assert not db.time_out_request(first.id)
    got = db.role_request(first.id)
    assert got is not None and got.status == "answered" and got.opening == "b" and len(got.line) == 200
    late = db.ask_role(shipped_code, gid, ana.id, "agency_owner", 2, CARD, ["a"])
    assert db.time_out_request(late.id) and not db.answer_request(late.id, ben.id, "a")
    assert db.open_requests(shipped_code) == []
    db.set_role_seconds(shipped_code, 30)
    info = db.class_info(shipped_code)
    assert info is not None and info.role_seconds == 30


# -- two tabs: the bureau student and the role's holder ---------------------------------------------------

def test_the_holder_answers_in_their_tab_and_the_bureaus_game_shows_it(
        folder: Path, shipped_content: Content, shipped_code: str) -> None:
    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    ben.classroom.db.assign_role(shipped_code, ben.classroom.student.id, "agency_owner")
    ben.poll()
    snap = ben.snapshot()
    assert snap.mode == "desk" and snap.desk is not None and snap.desk.sheet is None  # waiting for a request
    assert ben.handle(Open("policies")) is not None and ben.snapshot().mode == "desk"

    ana = tab(folder, shipped_content)
    joined(ana, "Ana", shipped_code)
    assert ana.game is not None and ana.game.options["roles"] == ["agency_owner"]
    game = at_the_card(ana)
    assert ana.snapshot().mode == "role_wait"
    ana.poll()
    snap = ana.snapshot()
    assert snap.wait is not None and snap.wait[1] == "Ben" and 85 <= snap.wait[2] <= 90

    ben.poll()
    snap = ben.snapshot()
    assert snap.mode == "desk" and snap.desk is not None and snap.desk.sheet is not None
    assert snap.desk.who == "Ana" and snap.desk.sheet.view.card == CARD
    assert any(line.marked for line in snap.desk.sheet.lines)  # the AI's suggestion
    ben.handle(Number(2))  # a floor on fees; the card takes a line
    assert ben.snapshot().mode == "desk_line"
    ben.handle(Answer("We   only ask for a fair floor."))
    snap = ben.snapshot()
    assert snap.mode == "desk" and snap.desk is not None and snap.desk.sheet is None
    assert "Sent to Ana" in snap.status

    ana.poll()
    snap = ana.snapshot()
    assert snap.mode == "card" and snap.card is not None
    assert snap.card.role_line == "We only ask for a fair floor." and snap.card.opened_by == "player"
    act = game.role_acts[-1]
    assert (act[3], act[5], act[6]) == ("leash_rate", "player", "We only ask for a fair floor.")
    assert "Ben (" in snap.status
    assert ana.autosave() == ""

    # the class database replays the bureau's game to the same act (saves and the class report do so)
    link = ana.classroom
    assert link is not None and link.game_id is not None
    stored = link.db.game(link.game_id)
    assert stored is not None
    again = replay(shipped_content, stored.seed, stored.options,
                   [action_from_json(a) for a in link.db.actions(stored.id)])
    assert again.role_acts[-1] == act
    assert isinstance(again.actions[-1], Act)
    for ctl in (ana, ben):
        assert ctl.classroom is not None
        ctl.classroom.close()


def test_no_answer_in_time_hands_the_card_to_the_ai(folder: Path, shipped_content: Content,
                                                     shipped_code: str) -> None:
    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    db = ben.classroom.db
    db.assign_role(shipped_code, ben.classroom.student.id, "agency_owner")
    ana = tab(folder, shipped_content)
    joined(ana, "Ana", shipped_code)
    game = at_the_card(ana)
    ana.poll()  # asked
    ben.poll()
    assert ben.snapshot().desk is not None and ben.snapshot().desk.sheet is not None  # type: ignore[union-attr]
    db.set_role_seconds(shipped_code, 0)  # the teacher shortens the limit: the time is up
    ana.poll()
    assert ana.snapshot().mode == "card" and "did not answer in time" in ana.snapshot().status
    act = game.role_acts[-1]
    assert act[5] == "timeout" and act[3] == act[4]
    ben.handle(Number(1))
    ben.handle(Answer(""))
    assert "Too late" in ben.snapshot().status
    debrief = debrief_markdown(gather(game))  # the teacher reads who really opened the card
    assert "*held by a student, but time ran out each time and the AI answered.*" in debrief
    acted = [game.describe(r) for r in game.records if r.kind is Kind.ROLE_ACT]
    assert acted[-1].endswith(" (the AI: time ran out)")  # the month's ledger says so too
    for ctl in (ana, ben):
        assert ctl.classroom is not None
        ctl.classroom.close()


def test_a_card_whose_role_nobody_holds_any_more_goes_to_the_ai_at_once(
        folder: Path, shipped_content: Content, shipped_code: str) -> None:
    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    db = ben.classroom.db
    db.assign_role(shipped_code, ben.classroom.student.id, "agency_owner")
    ana = tab(folder, shipped_content)
    joined(ana, "Ana", shipped_code)
    game = at_the_card(ana)
    db.assign_role(shipped_code, ben.classroom.student.id, None)
    ana.poll()
    assert ana.snapshot().mode == "card" and game.role_acts[-1][5] == "timeout"
    ben.poll()
    assert ben.snapshot().mode != "desk"


def test_the_console_assigns_roles_sets_the_limit_and_shows_who_waits_on_whom(
        folder: Path, shipped_content: Content, shipped_code: str) -> None:
    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    console = Console(ben.classroom.db, shipped_content, shipped_code)
    bid = ben.classroom.student.id
    assert "Ben holds the role" in console.assign(None, bid, "agency_owner")
    with pytest.raises(ConsoleError):
        console.assign(None, bid, "bureau")  # everyone's own role, not one to hold
    with pytest.raises(ConsoleError):
        console.role_limit(None, 5)
    assert "45 s" in console.role_limit(None, "45")
    ana = tab(folder, shipped_content)
    joined(ana, "Ana", shipped_code)
    at_the_card(ana)
    ana.poll()
    state = console.state(None)
    assert state["class"]["role_seconds"] == 45
    assert "agency_owner" in [rid for rid, _name in state["roles"]] and "bureau" not in dict(state["roles"])
    rows = {s["name"]: s for s in state["students"]}
    assert rows["Ben"]["role"] == "agency_owner" and rows["Ana"]["role"] == ""
    assert rows["Ana"]["waits"].startswith("waits for Ben (") and "s left" in rows["Ana"]["waits"]
    for ctl in (ana, ben):
        assert ctl.classroom is not None
        ctl.classroom.close()



def test_a_role_holder_is_listed_as_a_role_holder_not_as_an_unplayed_bureau_game(
        folder: Path, shipped_content: Content, shipped_code: str, capsys: pytest.CaptureFixture[str]) -> None:
    from game.report.classdb_source import load_class_db
    from game.report.commands import run_class_report
    from tests.helpers import play_months

    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)  # joins as the bureau, then the teacher gives him a role
    assert ben.classroom is not None and ben.classroom.student is not None
    db = ben.classroom.db
    console = Console(db, shipped_content, shipped_code)
    console.assign(None, ben.classroom.student.id, "agency_owner")
    dao_id = db.join(shipped_code, "Dao").id
    console.assign(None, dao_id, "nia_liaison")  # holds a role before his tab joins
    dao = tab(folder, shipped_content)
    joined(dao, "Dao", shipped_code)
    ben.poll()
    dao.poll()
    assert ben.snapshot().mode == "desk" and dao.snapshot().mode == "desk"
    assert ben.autosave() == "" and dao.autosave() == ""
    assert db.current_game(dao_id) is None  # the desk stores no bureau game
    ana = tab(folder, shipped_content)
    game = joined(ana, "Ana", shipped_code)
    play_months(game, 1)
    assert ana.autosave() == ""

    rows = {s["name"]: s for s in console.state(None)["students"]}
    assert rows["Ana"]["game_id"] and rows["Ana"]["games"] == 1
    for holder in ("Ben", "Dao"):
        assert rows[holder]["role"] and rows[holder]["game_id"] is None and rows[holder]["games"] == 0
    roster = {r[0]: r for r in csv.reader(io.StringIO(console.csv(None)))}
    assert roster["Ben"][1] == "holds the role “The agencies' association (an agency owner)”; no bureau game"
    assert roster["Ana"][1] == "in progress"
    games, problems, _code = load_class_db(shipped_content, folder)
    assert [g.name for g in games] == ["Ana"] and problems == []
    assert run_class_report(shipped_content, [folder], "md", None) == 0
    report = capsys.readouterr().out
    assert "Ana" in report and "Ben" not in report and "Dao" not in report

    # the teacher takes Dao's role back: he plays the bureau, and his game is stored with its first action
    console.assign(None, dao_id, None)
    dao.poll()
    assert dao.game is not None and dao.snapshot().mode != "desk"
    play_months(dao.game, 1)
    assert dao.autosave() == ""
    stored = db.current_game(dao_id)
    assert stored is not None and stored.n_actions == len(dao.game.actions)
    assert {s["name"]: s["game_id"] for s in console.state(None)["students"]}["Dao"] == stored.id
    for ctl in (ana, ben, dao):
        assert ctl.classroom is not None
        ctl.classroom.close()

async def test_the_desk_in_the_holders_tab_shows_the_brief_and_the_card_and_takes_a_line(
        folder: Path, shipped_content: Content, shipped_code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import Input

    from tests.classroom.test_student_tui import class_app, join, to_play
    from tests.ui.conftest import mode, press, screen_text, until

    monkeypatch.setattr(Input, "cursor_blink", False)
    app = class_app(folder, shipped_content, shipped_code)
    async with app.run_test(size=(100, 40)) as pilot:
        await join(pilot, "Ben")
        await to_play(pilot)
        link = app.controller.classroom
        assert link is not None and link.student is not None
        link.db.assign_role(shipped_code, link.student.id, "agency_owner")
        app._class_tick()
        await until(pilot, lambda: mode(app) == "desk", "the desk")
        assert "Your role:" in screen_text(app) and "Waiting for the next request" in screen_text(app)
        assert "Your secret objective:" in screen_text(app)

        ana = tab(folder, shipped_content)
        joined(ana, "Ana", shipped_code)
        game = at_the_card(ana)
        ana.poll()
        app._class_tick()
        await until(pilot, lambda: "Ana waits for you" in screen_text(app), "the request")
        assert "★" in screen_text(app)
        await press(pilot, "2")
        await until(pilot, lambda: mode(app) == "desk_line", "the line to type")
        await pilot.press(*"A fair floor, no more.")
        await press(pilot, "enter")
        await until(pilot, lambda: "Sent to Ana" in screen_text(app), "the answer sent")
        assert mode(app) == "desk"
        ana.poll()
        assert game.role_acts[-1][3] == "leash_rate" and game.role_acts[-1][6] == "A fair floor, no more."
        assert ana.classroom is not None
        ana.classroom.close()



async def test_a_card_the_ai_opened_when_time_ran_out_says_so_on_the_bureaus_page(
        folder: Path, shipped_content: Content, shipped_code: str) -> None:
    from tests.classroom.test_student_tui import class_app, join, to_play
    from tests.ui.conftest import mode, screen_text, until

    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    db = ben.classroom.db
    db.assign_role(shipped_code, ben.classroom.student.id, "agency_owner")
    app = class_app(folder, shipped_content, shipped_code)
    async with app.run_test(size=(100, 40)) as pilot:
        await join(pilot, "Ana")
        await to_play(pilot)
        db.set_role_seconds(shipped_code, 0)  # Ben does not answer in time
        at_the_card(app.controller)
        app._class_tick()
        await until(pilot, lambda: mode(app) == "card" and "opened it:" in screen_text(app), "the card, opened")
        assert "(the AI: time ran out) opened it:" in " ".join(screen_text(app).split())
    assert ben.classroom is not None
    ben.classroom.close()

def test_two_bureau_students_waiting_on_one_holder_are_answered_in_turn(
        folder: Path, shipped_content: Content, shipped_code: str) -> None:
    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    ben.classroom.db.assign_role(shipped_code, ben.classroom.student.id, "agency_owner")
    bureaus = {}
    for name in ("Ana", "Chen"):
        ctl = tab(folder, shipped_content)
        joined(ctl, name, shipped_code)
        bureaus[name] = (ctl, at_the_card(ctl))
        ctl.poll()
    ben.poll()
    for name, opening, n in (("Ana", "leash_monopoly", 1), ("Chen", "leash_free", 3)):
        desk = ben.snapshot().desk
        assert desk is not None and desk.sheet is not None and desk.who == name  # the oldest request first
        ben.handle(Number(n))
        ben.handle(Answer(""))
        ctl, game = bureaus[name]
        ctl.poll()
        assert game.role_acts[-1][3] == opening and game.role_acts[-1][5] == "player"
    assert ben.snapshot().desk.sheet is None  # type: ignore[union-attr]
    for ctl in (ben, *(c for c, _g in bureaus.values())):
        assert ctl.classroom is not None
        ctl.classroom.close()


# -- talks whose counterpart a student holds --------------------------------------------------------------

TALKS_CARD, TALKS_CHOICE = "renewal_day_costs_a_worker", 3  # "Press Beijing once more": the permit talks


def proposing(ctl: Controller) -> Game:
    """The bureau student's class game, in the permit talks with the NIA (a dev game, so Force), having proposed
    the lowest position above today's: the proposal waits for the NIA's holder."""
    assert ctl.game is not None
    game = Game.new(ctl.content, seed=ctl.game.seed, options={**ctl.game.options, "dev": True})
    game.apply(Force(TALKS_CARD, now=True))
    ctl.start(game)
    ctl.handle(Number(TALKS_CHOICE))
    ctl.handle(Confirm())
    propose(ctl)
    return game


def propose(ctl: Controller) -> None:
    assert ctl.snapshot().mode == "talks"
    ctl.handle(Offer())
    ctl.handle(Confirm())
    assert ctl.snapshot().mode == "role_wait" and ctl.game is not None and ctl.game.phase == "counterpart"
    assert ctl.autosave() == ""


def test_the_nia_holder_answers_the_bureaus_proposal_from_their_tab(
        folder: Path, shipped_content: Content, shipped_code: str) -> None:
    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    db = ben.classroom.db
    db.assign_role(shipped_code, ben.classroom.student.id, "nia_liaison")
    ana = tab(folder, shipped_content)
    joined(ana, "Ana", shipped_code)
    assert ana.game is not None and ana.game.options["live_talks"] is True
    game = proposing(ana)
    ana.poll()
    snap = ana.snapshot()
    assert snap.wait is not None and snap.wait[1] == "Ben" and snap.wait[3] and "answers your proposal" in snap.where
    request = db.open_requests(shipped_code, "nia_liaison")[0]
    assert request.kind == "talks" and request.card.startswith("permit_length@")

    def desk() -> tuple[tuple[str, str], ...]:
        """Ben's desk shows the talks waiting for him: the brief, the table, the replies; what it shows said."""
        ben.poll()
        snap = ben.snapshot()
        assert snap.mode == "desk" and snap.talks is not None and snap.talks.pane == "counterpart"
        assert snap.talks.notes[0].startswith("Ana waits for your answer")
        assert any(n.startswith("Your brief: ") for n in snap.talks.notes)
        assert sum(line.marked for line in snap.talks.lines) == 1  # the AI's suggestion
        assert [line.label for line in snap.talks.lines] == ["Hold: ask them for more", "End the talks"]
        return snap.talks.transcript

    def said(g: Game) -> tuple[str, ...]:
        view = g.talks()
        return tuple(view.transcript) if view is not None else tuple(g.talks_log[-1].transcript)

    # Ben holds out (the AI's choice too, but his): Ana's talks go on with his answer.
    shown = desk()
    ben.handle(Number(1))
    assert "Sent to Ana: Hold" in ben.snapshot().status and ben.snapshot().talks is None
    ana.poll()
    snap = ana.snapshot()
    assert snap.mode == "talks" and "Ben (" in snap.status and "answered" in snap.status
    assert game.actions[-1] == Respond("hold")  # an ordinary action in the bureau's log
    assert snap.talks is not None and snap.talks.transcript[:len(shown)] == shown
    assert len(snap.talks.transcript) > len(shown)  # and the NIA's answer follows what the desk showed

    # A second proposal, no answer in time: the AI replies, and the request says so.
    propose(ana)
    ana.poll()
    desk()
    db.set_role_seconds(shipped_code, 0)
    ai = game.suggested_reply()
    ana.poll()
    assert "did not answer in time: the AI answered" in ana.snapshot().status
    assert game.actions[-1] == ai and db.open_requests(shipped_code) == []
    ben.poll()
    assert ben.snapshot().talks is None and "Too late" in ben.snapshot().status

    # A third, with time again: Ben ends the talks, against the AI's advice.
    db.set_role_seconds(shipped_code, 90)
    propose(ana)
    ana.poll()
    shown = desk()
    ben.handle(Number(2))
    ana.poll()
    assert ana.snapshot().mode == "talks_outcome" and game.actions[-1] == Respond("end")
    assert game.talks_log[-1].against_ai  # the debrief names where the role went against the AI
    outcome = ana.snapshot().outcome
    assert outcome is not None and outcome.transcript[:len(shown)] == shown and len(outcome.transcript) > len(shown)

    # the class database replays the bureau's game to the same talks (saves and the class report do so)
    assert ana.autosave() == ""
    link = ana.classroom
    assert link is not None and link.game_id is not None
    stored = link.db.game(link.game_id)
    assert stored is not None
    again = replay(shipped_content, stored.seed, stored.options,
                   [action_from_json(a) for a in link.db.actions(stored.id)])
    assert said(again) == said(game) and again.actions == game.actions
    assert [db.role_request(n).status for n in (1, 2, 3)] == ["answered", "timeout", "answered"]  # type: ignore[union-attr]
    said = debriefs(folder, shipped_content, "Ana")["en"]  # Ben answered twice, and once the AI did for him
    assert "a classmate answered for the counterpart and went against the AI's suggestion 1 time:" in said
    assert "the AI answered 1 time in their place, when their time ran out." in said
    exported = folder / "ana.json"  # the game as the console's "save" exports it, then a report on the file
    exported.write_bytes(to_json(game, "ana", db.ai_replies(link.game_id)))
    run_report(shipped_content, str(exported), None, "md", folder / "ana.md")
    assert "the AI answered 1 time in their place, when their time ran out." in (folder / "ana.md").read_text("utf-8")
    for ctl in (ana, ben):
        assert ctl.classroom is not None
        ctl.classroom.close()



def debriefs(folder: Path, content: Content, name: str) -> dict[str, str]:
    """The debrief of `name`'s latest game (the dev game `proposing` started) as the console and the class report
    read it from the class database, in Markdown and HTML (its apostrophes unescaped), in each language."""
    import html

    from game.i18n import use_language
    from game.report.classdb_source import load_class_db
    from game.report.debrief import gather
    from game.report.html import debrief_html
    from game.report.markdown import debrief_markdown

    games, _problems, _code = load_class_db(content, folder)
    loaded = [g for g in games if g.name.startswith(name)][-1]
    out = {}
    for lang in ("en", "zh", "vi"):
        with use_language(lang):
            d = gather(loaded.game, loaded.name, ai_replies=loaded.ai_replies)
            out[lang] = debrief_markdown(d) + html.unescape(debrief_html(d))
    return out


def test_when_the_holders_time_runs_out_the_debrief_says_the_ai_answered_not_a_classmate(
        folder: Path, shipped_content: Content, shipped_code: str) -> None:
    from game.report.classdb_source import load_class_db
    from game.report.summary import summarise

    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    db = ben.classroom.db
    db.assign_role(shipped_code, ben.classroom.student.id, "nia_liaison")
    ana = tab(folder, shipped_content)
    joined(ana, "Ana", shipped_code)
    db.set_role_seconds(shipped_code, 0)  # Ben never answers in time
    game = proposing(ana)
    ana.poll()
    while ana.snapshot().mode == "talks":
        propose(ana)
        ana.poll()
    assert ana.snapshot().mode == "talks_outcome" and game.talks_log[-1].hotseat
    assert ana.autosave() == ""

    said = debriefs(folder, shipped_content, "Ana")
    expected = {"en": "the classmate holding the counterpart's role did not answer in time: the AI answered in their "
                      "place",
                "zh": "扮演谈判对手的同学没有及时作答：由电脑代为回应",
                "vi": "bạn cùng lớp giữ vai đối tác đàm phán không trả lời kịp: máy đã trả lời thay"}
    wrong = {"en": "a classmate answered", "zh": "一位同学代表谈判对手作答", "vi": "một bạn cùng lớp trả lời thay"}
    for lang, text in said.items():
        assert text.count(expected[lang]) == 2, (lang, text)  # in the Markdown and in the HTML
        assert wrong[lang] not in text, lang
    games, _problems, _code = load_class_db(shipped_content, folder)
    row = summarise(shipped_content, games).games[-1]
    assert row.name == "Ana (game 2)" and row.hotseat_talks == 0  # the class report counts no talks a classmate answered
    assert ana.classroom is not None and ana.classroom.ai_replies(game)  # the student's own debrief knows it too
    for ctl in (ana, ben):
        assert ctl.classroom is not None
        ctl.classroom.close()

def test_a_proposal_whose_counterpart_nobody_holds_any_more_gets_the_ais_reply(
        folder: Path, shipped_content: Content, shipped_code: str) -> None:
    ben = tab(folder, shipped_content)
    joined(ben, "Ben", shipped_code)
    assert ben.classroom is not None and ben.classroom.student is not None
    db = ben.classroom.db
    db.assign_role(shipped_code, ben.classroom.student.id, "nia_liaison")
    ana = tab(folder, shipped_content)
    joined(ana, "Ana", shipped_code)
    game = proposing(ana)
    ai = game.suggested_reply()
    db.assign_role(shipped_code, ben.classroom.student.id, None)
    ana.poll()
    assert game.actions[-1] == ai and "the AI answered" in ana.snapshot().status
    assert ana.snapshot().mode != "role_wait"
    for ctl in (ana, ben):
        assert ctl.classroom is not None
        ctl.classroom.close()
