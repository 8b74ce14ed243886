"""`validate --deck` parses its decks on a second core while it starts up: what the loader gets is what it would
have parsed itself, and anything the child could not vouch for is parsed in the process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring.ahead import ReadAhead, deck_paths
from game.content.yamlsafe import YamlDoc, read_yaml
from game.errors import Problem

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
REPO = Path(__file__).resolve().parents[2]

DECK = """\
deck: ahead
title: Ahead
events:
  - id: ahead_one
    title: Note: a colon in a title, mended and reported
    actor: Someone
    voice: bureau
    text: "A card"
    choices:
      - {label: Yes, effects: {security: +1}}
      - {label: No, effects: {security: -1}}
"""


def test_the_decks_named_on_the_command_line_are_found(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(DECK, encoding="utf-8")
    argv = ["validate", "--deck", str(deck), f"--deck={deck}", "--deck", str(tmp_path), "--deck", "missing.yaml"]
    assert deck_paths(argv) == [deck, deck]  # a folder and a missing file are left to the process


def test_a_deck_read_ahead_is_the_deck_read_here(tmp_path: Path) -> None:
    deck, broken = tmp_path / "d.yaml", tmp_path / "broken.yaml"
    deck.write_text(DECK, encoding="utf-8")
    broken.write_bytes(b"deck: x\ntitle: \xff\n")
    ahead = ReadAhead([deck, broken])
    for path in (deck, broken):
        here = read_yaml(path, "shown/name.yaml")
        there = ahead.take(path, path.read_bytes(), "shown/name.yaml")
        assert there == here if isinstance(here, Problem) else (
            isinstance(there, YamlDoc) and isinstance(here, YamlDoc)
            and (there.path, there.data, there.root, there.lines, there.problems)
            == (here.path, here.data, here.root, here.lines, here.problems))
    doc = read_yaml(deck, "d.yaml", ahead)
    assert isinstance(doc, YamlDoc) and [p.line for p in doc.problems] == [5]  # the mended colon, reported


def test_a_deck_changed_after_it_was_read_ahead_is_read_again(tmp_path: Path) -> None:
    deck, other = tmp_path / "d.yaml", tmp_path / "other.yaml"
    deck.write_text(DECK, encoding="utf-8")
    other.write_text(DECK, encoding="utf-8")
    ahead = ReadAhead([deck])
    changed = DECK.replace("A card", "A changed card")
    assert ahead.take(deck, changed.encode(), "d.yaml") is None
    assert ahead.take(other, other.read_bytes(), "other.yaml") is None  # not read ahead
    deck.write_text(changed, encoding="utf-8")
    doc = read_yaml(deck, "d.yaml", ahead)
    assert isinstance(doc, YamlDoc) and doc.data["events"][0]["text"] == "A changed card"


def test_a_child_that_fails_costs_only_time(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(DECK, encoding="utf-8")
    ahead = ReadAhead([tmp_path / "gone.yaml", deck])  # the child fails on the missing file
    assert ahead.take(deck, deck.read_bytes(), "d.yaml") is None
    assert isinstance(read_yaml(deck, "d.yaml", ahead), YamlDoc)


def test_validate_says_the_same_with_and_without_the_second_core(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(DECK + DECK.split("events:\n")[1].replace("ahead_one", "ahead_two"), encoding="utf-8")
    command = [sys.executable, "-m", "game", "validate", "--deck", str(deck), "--no-sources"]
    runs = [subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False,
                           env={**os.environ, **extra}) for extra in ({}, {"FRIENDSHIP_PASS_NO_FORK": "1"})]
    assert (runs[0].returncode, runs[0].stdout, runs[0].stderr) == (runs[1].returncode, runs[1].stdout,
                                                                     runs[1].stderr)
    assert runs[0].returncode == 2 and "inside a value" in runs[0].stderr
