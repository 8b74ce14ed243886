"""A tiny content folder for author-tool tests, independent of the shipped content's details."""

from __future__ import annotations

from pathlib import Path

import pytest

SCENARIO = """\
title: Tiny
calendar: {start: 2018-01, turns: 12}
meters:
  - {id: development, name: Development, start: 50, primary: true, lose_at: min, ending: collapse}
  - {id: security, name: Security, start: 50, primary: true, lose_at: min, ending: collapse}
counters:
  - {id: workers_present, name: Workers present, start: 1000}
  - {id: permit_days, name: Permit length, start: 30, min: 1, max: 365, figures: ["30-day", "30 days"]}
flags: [border_closed]
facts:
  - {id: nia, name: the National Immigration Administration, since: 2018-04, mentions: [NIA, National Immigration Administration], before: the exit-entry administration}
policies:
  - id: tracking_app
    name: Tracking app
    default: "off"
    options:
      - {id: "off", label: "Off"}
      - {id: "on", label: "On"}
monthly:
  - id: closure
    reason: The border closes
    when: border_closed
    effects: {development: -1}
endings:
  - id: collapse
    kind: immediate
    title: Collapse
    text: It fell apart.
    epilogue: It did not.
    source: {id: src, where: "§1", quote: "a quote"}
  - id: fine
    kind: final
    title: Fine
    text: All right.
    epilogue: As it was.
    source: {id: src, where: "§1", quote: "a quote"}
"""
SOURCES = ('sources:\n  - {id: src, short: Src 2024, citation: "Src, A. (2024). A source."}\n'
           '  - {id: old, short: Old 2006, citation: "Old, B. (2006). Elsewhere.", scope: background}\n')

CARD = """\
  - id: {id}
    title: A card
    actor: Someone
    text: Something happens.
    source: {{id: src, where: "§1", quote: "a quote"}}
    choices:
      - label: One
        effects: {{security: 1, development: -1}}
      - label: Two
        effects: {{development: 1, security: -1}}
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A content folder with two meters, two counters, one scenario flag, one policy and no decks."""
    root = tmp_path / "content"
    (root / "decks").mkdir(parents=True)
    (root / "scenario.yaml").write_text(SCENARIO, encoding="utf-8")
    (root / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (root / "glossary.yaml").write_text("terms: []\n", encoding="utf-8")
    (root / "decks" / "base.yaml").write_text("deck: base\ntitle: Base\nevents:\n" + CARD.format(id="base_card"),
                                              encoding="utf-8")
    return root


def write_deck(folder: Path, body: str, name: str = "pack.yaml") -> Path:
    """Write a deck file and return its path."""
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path
