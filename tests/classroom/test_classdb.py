"""The class database: schema and migrations, students by name, games stored as action logs and resumed by
replay, branches kept beside their original, one tab writing a game at a time, the teacher's events, and
clear messages (never a traceback) for a read-only or full class folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from game.classdb import SCHEMA_VERSION, ClassDB, ClassDBError, GameTakenOver, StudentNameError, db_path, normalise_name
from game.content.compiled import Content
from game.engine.actions import EndMonth
from game.engine.replay import rewind
from game.saves import digest
from game.server.student import ClassLink
from tests.helpers import play_months


def link(folder: Path, content: Content, code: str | None = None) -> ClassLink:
    return ClassLink(db_path(folder), content, folder, code)


def test_the_schema_is_made_once_and_versioned(folder: Path) -> None:
    db = ClassDB(db_path(folder))
    assert db.schema_version() == SCHEMA_VERSION
    db.close()
    again = ClassDB(db_path(folder))  # opening again migrates nothing and keeps the data
    assert again.schema_version() == SCHEMA_VERSION
    mode = sqlite3.connect(db_path(folder)).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_a_database_from_a_newer_game_is_refused_in_words(folder: Path) -> None:
    ClassDB(db_path(folder)).close()
    conn = sqlite3.connect(db_path(folder))
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(ClassDBError, match="newer version of the game"):
        ClassDB(db_path(folder))


def test_a_file_that_is_not_a_database_is_named(folder: Path) -> None:
    folder.mkdir(parents=True)
    db_path(folder).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ClassDBError, match="damaged or is not a class database"):
        ClassDB(db_path(folder))


def test_names_are_normalised_into_one_identity() -> None:
    assert normalise_name("  Ana   Lima ")[1] == normalise_name("ana lima")[1]
    assert normalise_name("Ｂｅｎ")[0] == "Ben"  # full-width letters typed with a Chinese IME
    assert normalise_name("Dung\x1b[31m")[0] == "Dung[31m"  # no control characters reach a terminal
    for bad in ("", "   ", "\x07", "x" * 41):
        with pytest.raises(StudentNameError):
            normalise_name(bad)


def test_a_student_resumes_their_game_by_name(folder: Path, fixture_content: Content, code: str) -> None:
    first = link(folder, fixture_content, code)
    game, resumed = first.join("Ana")
    assert not resumed and game.options["class_code"] == code and game.options["shared_hands"]
    play_months(game, 2)
    first.sync(game)
    first.close()

    again = link(folder, fixture_content, code)
    back, resumed = again.join("  ANA ")
    assert resumed and back.turn == game.turn and digest(back) == digest(game)
    assert again.game_id == first.game_id

    other = link(folder, fixture_content, code)
    ben, resumed = other.join("Ben")
    assert not resumed and other.game_id != first.game_id and ben.turn == 1


def test_the_class_code_comes_from_the_student_when_the_server_has_none(folder: Path, fixture_content: Content,
                                                                        code: str) -> None:
    tab = link(folder, fixture_content)
    from game.classroom import ClassCodeError

    with pytest.raises(ClassCodeError, match="typo"):
        tab.join("Ana", code[:-1] + ("2" if code[-1] != "2" else "3"))
    game, _ = tab.join("Ana", code.lower())
    assert game.options["class_code"] == code


def test_a_second_tab_takes_the_game_over_and_the_first_stops(folder: Path, fixture_content: Content,
                                                              code: str) -> None:
    one = link(folder, fixture_content, code)
    game, _ = one.join("Ana")
    two = link(folder, fixture_content, code)
    game2, resumed = two.join("ana")
    assert resumed
    play_months(game, 1)
    with pytest.raises(GameTakenOver, match="another tab"):
        one.sync(game)
    assert one.poll().taken_over
    play_months(game2, 1)
    two.sync(game2)  # the new tab goes on
    assert not two.poll().taken_over


def test_a_rewind_is_a_new_game_and_the_original_is_kept(folder: Path, fixture_content: Content, code: str) -> None:
    tab = link(folder, fixture_content, code)
    game, _ = tab.join("Ana")
    play_months(game, 3)
    tab.sync(game)
    original = tab.game_id
    branch = rewind(game, 2)
    tab.sync(branch)
    assert tab.game_id != original
    stored = tab.db.game(tab.game_id)  # type: ignore[arg-type]
    assert stored is not None and stored.parent_id == original and stored.branch_turn == 2
    assert tab.db.game(original).turn == game.turn  # type: ignore[union-attr]
    again = link(folder, fixture_content, code)
    resumed, _ = again.join("Ana")
    assert resumed.turn == 2 and again.game_id == tab.game_id  # the branch is the one to go on with


def test_actions_are_stored_with_their_month(folder: Path, fixture_content: Content, code: str) -> None:
    tab = link(folder, fixture_content, code)
    game, _ = tab.join("Ana")
    play_months(game, 2)
    tab.sync(game)
    rows = tab.db._all("SELECT seq, kind, turn FROM actions WHERE game_id = ? ORDER BY seq", tab.game_id)
    assert [r[0] for r in rows] == list(range(len(game.actions)))
    ends = [r for r in rows if r[1] == EndMonth.kind]
    assert [r[2] for r in ends] == [1, 2]
    roster = tab.db.roster(code)
    assert [(r.name, r.turn, r.online) for r in roster] == [("Ana", 3, True)]


def test_events_reach_students_who_had_joined(folder: Path, fixture_content: Content, code: str) -> None:
    ana = link(folder, fixture_content, code)
    ana.join("Ana")
    db = ana.db
    everyone = db.post_event(code, "notice", title="Listen", body="Stop at month 3")
    ben = link(folder, fixture_content, code)
    ben.join("Ben")
    assert [e.id for e in ana.poll().events] == [everyone]
    assert ben.poll().events == []  # joined after it was posted
    only_ben = db.post_event(code, "push", student_id=ben.student.id, card="x")  # type: ignore[union-attr]
    assert [e.id for e in ben.poll().events] == [only_ben]
    assert [e.id for e in ana.poll().events] == [everyone]
    ana.delivered(ana.poll().events[0], ana.game)
    assert ana.poll().events == []
    reached = {e.id: (n, meant) for e, _, n, meant in db.events(code)}
    assert reached == {everyone: (1, 1), only_ben: (0, 1)}


def test_hold_and_end_are_read_by_every_tab(folder: Path, fixture_content: Content, code: str) -> None:
    tab = link(folder, fixture_content, code)
    tab.join("Ana")
    tab.db.set_hold(code, 3)
    assert tab.poll().hold_month == 3
    tab.db.set_hold(code, None)
    tab.db.end_lesson(code)
    news = tab.poll()
    assert news.hold_month is None and news.ended


def test_sessions_without_a_game_leave_no_row(folder: Path, fixture_content: Content, code: str) -> None:
    idle = link(folder, fixture_content, code)
    player = link(folder, fixture_content, code)
    player.join("Ana")
    db = ClassDB(db_path(folder))
    assert db._one("SELECT count(*) FROM sessions")[0] == 2  # type: ignore[index]
    idle.close()
    player.close()
    rows = db._all("SELECT student_id, ended_at FROM sessions")
    assert len(rows) == 1 and rows[0][0] is not None and rows[0][1] is not None
    stale = db.open_session("elsewhere", 1)
    db._all("UPDATE sessions SET last_seen = 0 WHERE id = ?", stale)
    assert db.prune_sessions() == 1
    assert db._one("SELECT count(*) FROM sessions")[0] == 1  # type: ignore[index]


def test_a_full_disk_is_a_sentence(folder: Path, fixture_content: Content, code: str) -> None:
    tab = link(folder, fixture_content, code)
    game, _ = tab.join("Ana")
    pages = tab.db._one("PRAGMA page_count")[0]  # type: ignore[index]
    tab.db._all(f"PRAGMA max_page_count = {pages}")  # as if the disk were full now
    with pytest.raises(ClassDBError, match="is full"):
        for _ in range(200):
            play_months(game, 3)
            tab.sync(game)
            game = rewind(game, 1)


def test_a_pruned_session_comes_back_with_the_next_heartbeat(folder: Path, fixture_content: Content,
                                                             code: str) -> None:
    import time

    tab = link(folder, fixture_content, code)
    tab.join("Ana")
    tab.db._all("DELETE FROM sessions")  # as if the server had pruned it (the laptop slept for minutes)
    assert tab.db.roster(code)[0].online is False
    tab._last_seen = time.monotonic() - 60
    tab.poll()
    assert tab.db.roster(code)[0].online is True
    assert tab.db.game_owner(tab.game_id) == tab.session_id  # type: ignore[arg-type]
    game = tab.game
    assert game is not None
    play_months(game, 1)
    tab.sync(game)  # still this tab's game


def test_a_rewinds_branch_keeps_the_ai_replies_from_before_it_branched(folder: Path, fixture_content: Content,
                                                                       code: str) -> None:
    tab = link(folder, fixture_content, code)
    game, _ = tab.join("Ana")
    play_months(game, 3)
    tab.sync(game)
    original = tab.game_id
    assert original is not None and tab.student is not None
    branch = rewind(game, 2)
    shared = len(branch.actions)
    for n in (shared - 1, shared + 1):  # the AI replied for a late classmate: before the branch point, and after
        asked = tab.db.ask_role(code, original, tab.student.id, "nia_liaison", 1, f"talks@{n}", ["accept"], kind="talks")
        assert tab.db.time_out_request(asked.id)
    tab.sync(branch)
    assert tab.game_id != original and tab.game_id is not None
    assert tab.db.ai_replies(original) == {shared - 1, shared + 1}
    assert tab.db.ai_replies(tab.game_id) == {shared - 1}  # the branch's debrief counts only the shared one
