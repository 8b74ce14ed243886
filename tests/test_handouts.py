"""Handouts: a one-page sheet per role and a teacher sheet, in Markdown and printable HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.classroom import make_code
from game.content.compiled import Content, text
from game.handouts import handouts_html, handouts_markdown
from tests.authoring.test_cli import run


def test_the_html_has_a_teacher_sheet_and_one_section_per_role(shipped_content: Content) -> None:
    html = handouts_html(shipped_content, "ABCDE-M-FGHIJ", paper="letter")
    assert html.count('<section class="sheet role"') == len(shipped_content.roles)
    assert html.count('<section class="sheet teacher"') == 1
    for role in shipped_content.roles:
        assert f'id="role-{role}"' in html
    assert "@page { size: letter;" in html and "page-break-after: always" in html
    assert html.count("ABCDE-M-FGHIJ") == len(shipped_content.roles) + 1
    assert "agencies_hold_the_leash" in html  # a card to push, on the teacher sheet


def test_the_markdown_has_every_roles_objective_and_sources(shipped_content: Content) -> None:
    md = handouts_markdown(shipped_content)
    for rule in shipped_content.roles.values():
        m = rule.model
        assert f"# {text(m.name)}" in md
        assert " ".join(text(m.objective.goal).split()) in md
        for src in m.sources:
            assert " ".join(src.quote.split()) in md
    assert "Lesson timing" in md and "Cards to push" in md


def test_the_handouts_command_checks_the_class_code_and_writes_a_file(tmp_path: Path,
                                                                      shipped_content: Content) -> None:
    code = make_code(shipped_content, 12345)
    result = run("handouts", "--class", code, "--format", "md", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert code in (tmp_path / "handouts.md").read_text(encoding="utf-8")
    bad = run("handouts", "--class", "ZZZZZ-M-ZZZZZ", "--format", "md")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


@pytest.mark.skipif(shutil.which("chromium") is None and not Path("/usr/bin/chromium").exists(),
                    reason="needs Chromium to print")
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_each_sheet_prints_on_one_page(tmp_path: Path, shipped_content: Content, paper: str) -> None:
    page = tmp_path / "handouts.html"
    page.write_text(handouts_html(shipped_content, paper=paper), encoding="utf-8")
    pdf = tmp_path / "handouts.pdf"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=120, check=False)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages == len(shipped_content.roles) + 1  # the teacher sheet, then one page per role
