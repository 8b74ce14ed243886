"""The class summary as a teacher reads it: one game per save file (students whose choices match are never
merged), byte-identical copies listed and counted once, bad files listed in one line each, and numbers that
equal what the games say."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from game.classroom import make_code, read_code
from game.cli import main
from game.content.compiled import Content
from game.engine.game import Game
from game.engine.records import Kind
from game.engine.replay import rewind
from game.report import class_html, class_markdown, class_summary
from game.report.load import load_class
from game.report.summary import ClassSummary, evenness
from game.saves import SaveStore
from tests.report.conftest import assert_well_formed, first, last, play


@pytest.fixture(scope="module")
def classroom(shipped_content: Content, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The classroom trial's situation with one class code: Ben and Dung (browser tabs, both autosave.json)
    chose exactly alike and stopped in month 7, a prefix of Ana's finished game; Eve's month-2 save is a prefix
    of Ana's too; Ana's file was handed in twice; one file is broken; Chen played differently."""
    code = make_code(shipped_content, 2025)
    seed, preview = read_code(shipped_content, code)
    options = {"preview": preview, "hotseat": [], "class_code": code}
    root = tmp_path_factory.mktemp("collected")
    SaveStore(root).save(play(shipped_content, seed, options, first, answer="Ana: control first."), "ana")
    SaveStore(root).save(play(shipped_content, seed, options, last, answer="Chen: the firms."), "chen")
    SaveStore(root).save(play(shipped_content, seed, options, first, until=3), "eve-early")
    SaveStore(root).save(play(shipped_content, seed, options, first, until=7), "eve")
    for tab in ("session-114617-fb8815", "session-114626-a0d044"):
        SaveStore(root / tab).save(play(shipped_content, seed, options, first, until=7), "autosave")
    ben, dung = (root / t / "autosave.json" for t in ("session-114617-fb8815", "session-114626-a0d044"))
    assert ben.read_bytes() != dung.read_bytes()  # two students: two files that differ (at least in saved_at)
    shutil.copy(root / "ana.json", root / "ana (copy).json")
    (root / "broken.json").write_text("{ not json", encoding="utf-8")
    return root


def test_every_file_is_a_game_even_when_choices_match(shipped_content: Content, classroom: Path) -> None:
    s = class_summary(shipped_content, [classroom])
    names = [g.name for g in s.games]
    assert sorted(names) == ["ana", "chen", "eve", "eve-early", "session-114617-fb8815/autosave",
                             "session-114626-a0d044/autosave"]
    assert [(d.name, d.same_as_name) for d in s.duplicates] == [("ana (copy)", "ana")]
    assert [Path(p).name for p, _ in s.problems] == ["broken.json"]
    rows = {g.name: g for g in s.games}
    assert rows["eve-early"].turn == 3 and rows["eve"].turn == 7 and rows["ana"].over
    assert rows["session-114617-fb8815/autosave"].choices == rows["session-114626-a0d044/autosave"].choices
    assert {g.seed_key for g in s.games} == {f"class code {make_code(shipped_content, 2025)}"}
    md = class_markdown(s)
    assert "**6** games read, one per save file; 1 identical copy listed once; 1 file skipped." in md
    for name in names:
        assert f"| {name} | month " in md
    assert "`" + str(classroom / "ana (copy).json") + "` is a byte-for-byte copy of" in md
    assert "earlier save" not in md and "skipped: an" not in md
    page = class_html(s)
    assert "session-114626-a0d044/autosave" in page and "Identical copies (counted once)" in page


@pytest.fixture(scope="module")
def summary(shipped_content: Content, class_folder: Path) -> ClassSummary:
    return class_summary(shipped_content, [class_folder])


def test_endings_splits_and_means_equal_what_the_games_say(shipped_content: Content, class_folder: Path,
                                                           summary: ClassSummary) -> None:
    s = summary
    games, _, _ = load_class(shipped_content, [class_folder])
    assert len(s.games) == len(games) == 12 and s.problems == [] and s.duplicates == []
    assert {eid: n for eid, _title, n in s.endings} == dict(Counter(g.game.ending_id for g in games))
    drawn = Counter(c for g in games for c in {c for r in g.game.records if r.kind is Kind.DRAW for c in r.cards})
    assert {sp.card_id for sp in s.splits} == {card for card, n in drawn.items() if n >= 2}
    for sp in s.splits:
        taken = Counter(int(r.detail) - 1 for g in games for r in g.game.records
                        if r.kind is Kind.CHOICE and r.cause == sp.card_id)
        assert sp.games == drawn[sp.card_id]
        assert [c.count for c in sp.counts] == [taken.get(i, 0) for i in range(len(sp.counts))]
        assert [c.historical for c in sp.counts] == [c.historical for c in shipped_content.events[sp.card_id].choices]
        assert sum(len(c.who) for c in sp.counts) >= sp.players
    for m in shipped_content.scenario.meters:
        assert s.mean_paths[m.id][0] == m.start
        finals = [g.game.value(m.id) for g in games]
        assert s.final_means[m.id] == round(sum(finals) / len(finals), 1)
    assert s.still_playing[0] == 12
    assert {t.id: t.held for t in s.talks} == dict(Counter(t.id for g in games for t in g.game.talks_log))
    for o in s.outliers:
        assert all(abs(z) >= 2 for _name, _value, z in o.far)


def test_most_split_needs_three_players_and_favours_even_splits(summary: ClassSummary) -> None:
    top = summary.most_split
    assert top and all(sp.players >= 3 for sp in top)
    assert [round(sp.evenness, 2) for sp in top] == sorted((round(sp.evenness, 2) for sp in top), reverse=True)
    assert evenness([5, 5]) == 1.0 and evenness([10, 0]) == 0.0 and 0 < evenness([3, 1, 0]) < 1


def test_renders_mark_the_historical_choice_and_who_chose_what(shipped_content: Content, classroom: Path) -> None:
    s = class_summary(shipped_content, [classroom])
    md, page = class_markdown(s), class_html(s)
    assert "| Month | Games |" in md and "<svg" in page and "@media print" in page and "<script" not in page
    assert_well_formed(page)
    for eid, title, n in s.endings:
        hist = " *(closest to what actually happened)*" if eid in s.historical_endings else ""
        assert f"| {title}{hist} | {n} |" in md
    sp = next(sp for sp in s.splits if any(c.historical for c in sp.counts) and sp.decisions)
    marked = next(c for c in sp.counts if c.historical)
    assert f"| {marked.label} *(what Pingxiang actually did)* | {marked.count} |" in md
    assert '<span class="tag">what Pingxiang actually did</span>' in page
    chosen = next(c for c in sp.counts if c.count)
    assert f"| {chosen.count} | {', '.join(chosen.who)} |" in md
    assert "**Ana: control first.**" not in md and "- *ana:* Ana: control first." in md


def test_hot_seat_answers_against_the_ai_and_branches_are_on_the_roster(shipped_content: Content, hotseat_game: Game,
                                                                        tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    store.save(hotseat_game, "pair")
    original = play(shipped_content, 21, pick=last)
    store.save(original, "ana")
    store.save(play(shipped_content, 22, pick=last), "ben")
    branch = rewind(original, 12)
    while not branch.is_over:  # play on from July 2018 with other choices
        branch.apply(branch.choice_actions()[0] if branch.phase == "cards" else branch.legal_actions()[-1])
    store.save(branch, "ana-branch")
    s = class_summary(shipped_content, [tmp_path])
    rows = {g.name: g for g in s.games}
    against = sum(len(t.against_ai) for t in hotseat_game.talks_log)
    assert rows["pair"].hotseat_talks == len(hotseat_game.talks_log) and rows["pair"].against_ai == against > 0
    assert rows["ana-branch"].branch == "rewound to month 12 (July 2018) of ana" and not rows["ana"].branch
    md = class_markdown(s)
    assert f"| {len(hotseat_game.talks_log)} ({against} against the AI) |" in md
    assert "branch: rewound to month 12 (July 2018) of ana" in md and "1 of these games is a branch" in md
    assert sum(t.against_ai for t in s.talks) == against


def test_bad_files_get_one_line_each_and_the_rest_is_reported(
        shipped_content: Content, class_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "collected"
    shutil.copytree(class_folder, folder)
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    (folder / "foreign.json").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    (folder / "evil\x1b]0;pwned\x07.json").write_text("[]", encoding="utf-8")
    edited = json.loads((class_folder / "student01.json").read_text(encoding="utf-8"))
    edited["actions"][3] = {"kind": "choose", "card": "no_such_card", "choice": 0}
    (folder / "edited.json").write_text(json.dumps(edited), encoding="utf-8")
    SaveStore(folder / "bob").save(play(shipped_content, 999, until=4), "autosave")  # found in a sub-folder
    s = class_summary(shipped_content, [folder, tmp_path / "missing"])
    assert len(s.games) == 13
    problems = dict(s.problems)
    assert set(problems) == {str(folder / n) for n in ("broken.json", "foreign.json", "edited.json",
                                                        "evil\x1b]0;pwned\x07.json")} | {str(tmp_path / "missing")}
    assert "not valid JSON" in problems[str(folder / "broken.json")]
    assert "not a Friendship Pass save" in problems[str(folder / "foreign.json")]
    assert "edited by hand" in problems[str(folder / "edited.json")]
    assert all("\n" not in why and "\x1b" not in why for why in problems.values())
    out = tmp_path / "class.html"
    assert main(["class-report", str(folder), "--out", str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len([line for line in err if line.startswith("skipped ")]) == 4 and "\x1b" not in "".join(err)
    page = out.read_text(encoding="utf-8")
    assert "Files skipped" in page and "broken.json" in page and "\x1b" not in page
    assert main(["class-report", str(folder)]) == 0
    md = capsys.readouterr().out
    assert "**13** games read" in md and "\x1b" not in md and "evil\\x1b]0;pwned\\x07.json" in md


def test_no_readable_games(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    assert main(["class-report", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "**0** games read" in captured.out and "x.json" in captured.err


def test_reports_do_not_import_textual() -> None:
    code = "import sys, game.report, game.report.commands; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_players_autosave_and_named_save_of_one_game_count_once(shipped_content: Content, tmp_path: Path) -> None:
    store = SaveStore(tmp_path / "lab-pc-3")
    store.save(play(shipped_content, 5, {}, first, until=3))  # the autosave at the end of month 3
    store.save(play(shipped_content, 5, {}, first, until=4), "trial one")  # a named save a month later
    other = play(shipped_content, 6, {}, last, until=2)
    SaveStore(tmp_path / "lab-pc-4").save(other, "mine")
    s = class_summary(shipped_content, [tmp_path])
    assert sorted(g.name for g in s.games) == ["mine", "trial one"]
    assert [(Path(p).name, why) for p, why in s.problems] == [
        ("autosave.json", "an earlier point of the same game as trial one, counted once")]
