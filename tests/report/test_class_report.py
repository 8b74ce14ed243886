"""The class summary: its numbers equal what the saves say, and bad files are listed, never fatal."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from game.cli import main
from game.content.compiled import Content, text
from game.report import class_html, class_markdown, class_summary
from game.report.summary import evenness


def _states(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8"))["state"] for p in sorted(folder.glob("*.json"))]


def test_endings_and_counts_match_the_saves(shipped_content: Content, class_folder: Path) -> None:
    s = class_summary(shipped_content, [class_folder])
    states = _states(class_folder)
    assert len(s.games) == len(states) == 20 and s.problems == []
    assert {eid: n for eid, _title, n in s.endings} == dict(Counter(st["ending"] for st in states))


def test_card_splits_match_the_saves(shipped_content: Content, class_folder: Path) -> None:
    s = class_summary(shipped_content, [class_folder])
    states = _states(class_folder)
    drawn = Counter(card for st in states for card in {c for e in st["history"] if e["kind"] == "draw"
                                                       for c in e["cards"]})
    assert {sp.card_id for sp in s.splits} == {card for card, n in drawn.items() if n >= 2}
    for sp in s.splits:
        taken = Counter(e["choice"] for st in states for e in st["history"]
                        if e["kind"] == "choice" and e["card"] == sp.card_id)
        event = shipped_content.events[sp.card_id]
        assert sp.games == drawn[sp.card_id]
        assert sp.counts == tuple((text(c.model.label), taken.get(i, 0)) for i, c in enumerate(event.choices))
    # the scheduled January 2019 card reaches every game that lasts that long
    jan = next(sp for sp in s.splits if sp.card_id == "pingxiang_2019_agency_ratings")
    assert jan.games == sum(1 for st in states if st["turn"] >= 18) and jan.decisions == sum(
        1 for st in states for e in st["history"] if e["kind"] == "choice" and e["card"] == jan.card_id)


def test_most_split_needs_three_players_and_favours_even_splits(shipped_content: Content,
                                                                 class_folder: Path) -> None:
    s = class_summary(shipped_content, [class_folder])
    top = s.most_split
    assert top and all(sp.players >= 3 for sp in top)
    assert [round(sp.evenness, 2) for sp in top] == sorted((round(sp.evenness, 2) for sp in top), reverse=True)
    assert evenness([5, 5]) == 1.0 and evenness([10, 0]) == 0.0 and 0 < evenness([3, 1, 0]) < 1


def test_average_paths_negotiations_and_outliers(shipped_content: Content, class_folder: Path) -> None:
    s = class_summary(shipped_content, [class_folder])
    states = _states(class_folder)
    for m in shipped_content.scenario.meters:
        assert s.mean_paths[m.id][0] == m.start
        finals = [st["values"][m.id] for st in states]
        assert s.final_means[m.id] == round(sum(finals) / len(finals), 1)
    assert s.still_playing[0] == 20
    held = Counter(t["id"] for st in states for t in st["talks_log"])
    assert {t.id: t.held for t in s.talks} == dict(held)
    deals = Counter(t["id"] for st in states for t in st["talks_log"] if t["deal"])
    assert {t.id: t.deals for t in s.talks if t.deals} == dict(deals)
    for o in s.outliers:
        assert all(abs(z) >= 2 for _name, _value, z in o.far)


def test_renders(shipped_content: Content, class_folder: Path) -> None:
    s = class_summary(shipped_content, [class_folder])
    md, page = class_markdown(s), class_html(s)
    assert "**20 games** read" in md and "| Month | Games |" in md
    assert "<svg" in page and "@media print" in page and "<script" not in page
    for _eid, title, n in s.endings:
        assert f"| {title} | {n} |" in md


def test_broken_files_are_listed_and_skipped(shipped_content: Content, class_folder: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "collected"
    shutil.copytree(class_folder, folder)
    (folder / "broken.json").write_text("{ not json", encoding="utf-8")
    (folder / "foreign.json").write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    sub = folder / "bob"
    sub.mkdir()
    from game.saves import SaveStore
    from game.sim import play_one

    SaveStore(sub).save(play_one(shipped_content, 999, "random"), "autosave")  # another student's game
    half = json.loads((class_folder / "student01.json").read_text(encoding="utf-8"))
    half["state"]["values"] = "garbage"
    (folder / "edited.json").write_text(json.dumps(half), encoding="utf-8")
    s = class_summary(shipped_content, [folder, tmp_path / "missing"])
    assert len(s.games) == 21  # 20 + bob's autosave, found in a sub-folder
    problems = dict(s.problems)
    assert set(problems) == {str(folder / "broken.json"), str(folder / "foreign.json"),
                             str(folder / "edited.json"), str(tmp_path / "missing")}
    assert "not valid JSON" in problems[str(folder / "broken.json")]
    assert "not a Friendship Pass save" in problems[str(folder / "foreign.json")]
    out = tmp_path / "class.html"
    assert main(["class-report", str(folder), "--out", str(out)]) == 0
    assert "broken.json" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert "Files skipped" in page and "broken.json" in page


def test_no_readable_games(shipped_content: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    assert main(["class-report", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "**0 games** read" in captured.out and "x.json" in captured.err


def test_reports_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = "import sys, game.report, game.report.commands; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_students_autosave_and_named_saves_of_one_game_count_once(shipped_content: Content, tmp_path: Path) -> None:
    from game.engine import Game
    from game.saves import SaveStore
    from game.sim import play_one

    store = SaveStore(tmp_path / "student")
    early = Game.new(shipped_content, seed=77)
    while early.turn < 5:
        if early.talks() is not None:
            early.talk("walk_away")
        elif early.current_card() is not None:
            early.choose(next(c.index for c in early.choices() if c.available))
        else:
            early.end_month()
    store.save(early, "before the regulation")
    store.save(early, "same moment")
    store.save(play_one(shipped_content, 78, "random"), "autosave")  # a different game
    summary = class_summary(shipped_content, [tmp_path])
    assert len(summary.games) == 2
    assert any("skipped: an earlier save of the same game" in why for _, why in summary.problems)
