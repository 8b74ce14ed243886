"""`map` shows how cards chain: flags set and read, follow-ups, scheduled months, negotiations, policies."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.storymap import build, node_id, render
from game.content import load_content
from game.content.loader import shown
from tests.authoring.conftest import write_deck
from tests.conftest import REPO

STORY = """\
deck: story
title: Story
events:
  - id: opening
    title: The first workers cross
    actor: Mayor
    text: They come.
    source: {id: src, where: "§1", quote: "a quote"}
    choices:
      - label: Promise them dormitories
        set: [dorms_promised]
        follow_ups: [{event: end, after: 2}]
      - label: Switch on the tracking app
        policy: {tracking_app: "on"}
  - id: end
    title: Say "no" <now> [x] {{y}} | z
    actor: Inspector
    text: They count beds.
    weight: 0
    when: dorms_promised
    source: {id: src, where: "§1", quote: "a quote"}
    choices:
      - label: Show the beds
        effects: {security: 2}
      - label: Stall
        when: 'tracking_app == "on"'
        effects: {security: -2}
  - id: new_year
    title: New year
    actor: Clerk
    text: Fireworks.
    at: 2018-02
    source: {id: src, where: "§1", quote: "a quote"}
    choices:
      - label: Rest
        effects: {development: 1}
      - label: Work
        effects: {security: 1}
"""


@pytest.fixture
def story(tiny: Path) -> tuple[Path, Path]:
    return tiny, write_deck(tiny.parent, STORY, "story.yaml")


def _map(story: tuple[Path, Path], fmt: str, decks: set[str] | None = None) -> str:
    root, deck = story
    content = load_content(root, [deck])
    return render(build(content, shown(root / "scenario.yaml"), decks), fmt)


def test_text_map_shows_flag_follow_up_policy_and_schedule(story: tuple[Path, Path]) -> None:
    text = _map(story, "text", {"story"})
    assert "2018-02  new_year: New year" in text
    assert "→ follow-up end in 2 months" in text
    assert "→ sets flag dorms_promised; read by end" in text
    assert "→ switches policy tracking_app to on" in text
    assert "← its when reads flag dorms_promised" in text
    assert "dorms_promised: set by opening #1; read by end (when)" in text


def test_text_map_fits_a_terminal(story: tuple[Path, Path]) -> None:
    assert max(len(line) for line in _map(story, "text").splitlines()) <= 80


def test_text_map_lists_the_scenarios_reads_of_a_flag(story: tuple[Path, Path]) -> None:
    root, deck = story
    deck.write_text(STORY.replace("set: [dorms_promised]", "set: [dorms_promised, border_closed]"), encoding="utf-8")
    assert "border_closed: set by opening #1; read by monthly rule closure" in _map(story, "text")


def test_mermaid_ids_are_prefixed_so_reserved_words_and_clashes_cannot_break_it(story: tuple[Path, Path]) -> None:
    chart = _map(story, "mermaid")
    assert chart.startswith("flowchart LR\n")
    ids = re.findall(r"^\s+(\w+)[\[\(\{]", chart, re.M)
    assert "c_end" in ids and "end" not in ids
    assert all(re.fullmatch(r"[cfnmp]_[A-Za-z0-9_]+", i) for i in ids)


def test_mermaid_labels_escape_quotes_and_brackets(story: tuple[Path, Path]) -> None:
    chart = _map(story, "mermaid")
    line = next(line for line in chart.splitlines() if line.strip().startswith("c_end["))
    assert line.strip() == 'c_end["Say #quot;no#quot; #lt;now#gt; [x] {y} #124; z (end)"]'
    for line in chart.splitlines()[1:]:
        labels = re.findall(r'"([^"]*)"', line)
        assert labels, line  # every node and edge label is quoted, and no label holds a raw quote
        assert line.count('"') == 2 * len(labels)
    assert 'c_opening -->|"choice 1: follow-up in 2 months"| c_end' in chart
    assert 'f_dorms_promised -.->|"read by its when"| c_end' in chart


def test_dot_output_is_a_digraph_with_escaped_labels(story: tuple[Path, Path]) -> None:
    graph = _map(story, "dot")
    lines = graph.splitlines()
    assert lines[0] == "digraph story {" and lines[-1] == "}"
    assert '"c_end" [label="Say \\"no\\" <now> [x] {y} | z (end)", shape=box];' in graph
    assert '"m_2018_02" -> "c_new_year" [label="scheduled"];' in graph
    statement = re.compile(r'\s+"[\w]+"( -> "[\w]+")? \[label="([^"\\]|\\.)*"(, [a-z]+=[a-z]+)*\];')
    for line in lines[3:-1]:
        assert statement.fullmatch(line), line


def test_node_ids_replace_anything_but_letters_digits_and_underscores() -> None:
    assert node_id(("month", "2018-02")) == "m_2018_02"
    assert node_id(("card", 'a"b c')) == "c_a_b_c"


def test_map_command_with_deck_maps_only_the_added_deck(story: tuple[Path, Path]) -> None:
    root, deck = story
    result = subprocess.run([sys.executable, "-m", "game", "map", "--content", str(root), "--deck", str(deck)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Story map: 3 cards in 1 deck\n")
    assert "base_card" not in result.stdout


def test_map_command_rejects_an_unknown_deck_with_a_suggestion(story: tuple[Path, Path]) -> None:
    root, deck = story
    result = subprocess.run([sys.executable, "-m", "game", "map", "--content", str(root), "--deck", str(deck),
                             "--only", "stroy", "--format", "mermaid"], cwd=REPO, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert "no deck called 'stroy' (did you mean 'story'?)" in result.stderr
