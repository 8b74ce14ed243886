"""Six typical mistakes in one deck, each reported on its own line, at its place, with a fix, in one run."""

from __future__ import annotations

from pathlib import Path

from tests.authoring.test_guide import run
from tests.authoring.test_sources import TEXT

DECK = """\
deck: six_mistakes
title: Six mistakes
events:
  - id: sm_made_up
    title: A made-up quote
    actor: Someone
    voice: pingxiang_officials
    text: Something happens.
    source: {id: study2020, where: "§6b", quote: "the workers loved the new permits very much"}
    choices:
      - label: Register them
        effects: {security: 1, development: -1}
      - label: Wave them through
        effects: {development: 1, security: -1}
  - id: sm_wrong_section
    title: A wrong section
    actor: Someone
    voice: pingxiang_officials
    text: Something happens.
    source: {id: study2020, where: "§9z", quote: "refused to issue the half-year work permits"}
    choices:
      - label: Register them
        effects: {security: 1, development: -1}
      - label: Wave them through
        when: "turn >= 3"
        effects: {development: 1, security: -1}
  - id: sm_late
    title: [Draft] A late follow-up
    actor: Someone
    voice: pingxiang_officials
    text: Something happens.
    at: 2020-01
    weight: 0
    source: {id: study2020, where: "§6a", quote: "The permits were renewed every thirty days"}
    choices:
      - label: Register them
        effects: {security: 1, development: -1}
        follow_ups: [{event: sm_made_up, after: 2}]
      - label: "Wave them through
        effects: {development: 1, security: -1}
"""


def test_six_mistakes_are_six_located_lines_with_a_fix_in_one_run(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "study.md").write_text(TEXT, encoding="utf-8")
    (pack / "sources.yaml").write_text("sources:\n  - {id: study2020, short: Study, citation: A study., "
                                       "file: study.md}\n", encoding="utf-8")
    (pack / "six.yaml").write_text(DECK, encoding="utf-8")
    result = run("validate", "--deck", str(pack))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line.split("six.yaml:", 1)[1] for line in result.stderr.splitlines() if "six.yaml:" in line]
    expected = [
        ("9:50: quote not found in study2020", "copy it word for word"),
        ("20:36: '§9z' is not a section of study2020", "(the quote is in §6b)"),
        ("25:15: warning: choice 2 of 'sm_wrong_section' can be locked but has no `locked:` text",
         "add `locked:`"),
        ("28:12: this value starts with `[`, which YAML reads as a list", ('put it all in quotes: '
                                                                          '"[Draft] A late follow-up"')),
        ("38:21: warning: follow-up 'sm_made_up' always falls after the last month (January 2020)", "it is lost"),
        ("39:16: the \" that opens this value is never closed on its line", "add the closing \""),
    ]
    assert len(lines) == len(expected), result.stderr
    for line, (start, fix) in zip(lines, expected):
        assert line.startswith(start) and fix in line, line
    under_strict = run("validate", "--strict", "--deck", str(pack)).stderr
    assert "six.yaml:25:15: choice 2 of 'sm_wrong_section' can be locked" in under_strict  # an error, no "warning:"
