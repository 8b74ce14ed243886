"""The class report's section on roles: each role's objective and how often it was met, when the class played
roles; nothing when it did not."""

from __future__ import annotations

from pathlib import Path

from game.content.compiled import Content, text
from game.report import class_html, class_markdown, class_summary
from game.saves import SaveStore
from tests.report.conftest import first, last, play


def test_a_class_that_played_roles_gets_a_section_per_role(shipped_content: Content, tmp_path: Path) -> None:
    for name, seed, pick in (("ana", 1, first), ("ben", 2, last), ("chen", 3, first)):
        SaveStore(tmp_path).save(play(shipped_content, seed, {"roles": "all"}, pick), name)
    s = class_summary(shipped_content, [tmp_path])
    md, html = class_markdown(s), class_html(s)
    assert "## Roles" in md and '<section class="roles">' in html
    for rule in shipped_content.roles.values():
        row = next(line for line in md.splitlines() if line.startswith(f"| {text(rule.model.name)} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[2] == "3 / 3"  # held by a student in every game
        assert sum(int(c) for c in cells[3:6]) == 3  # met + partly + not = the finished games


def test_a_class_that_played_no_roles_has_no_roles_section(shipped_content: Content, tmp_path: Path) -> None:
    SaveStore(tmp_path).save(play(shipped_content, 1, {}, first), "ana")
    s = class_summary(shipped_content, [tmp_path])
    assert "## Roles\n" not in class_markdown(s) and 'class="roles"' not in class_html(s)
