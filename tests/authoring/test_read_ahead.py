"""`validate --deck` parses its decks on a second core while it starts up: what the loader gets is what it would
have parsed itself, and anything the child could not vouch for is parsed in the process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring import ahead as ahead_module
from game.authoring.ahead import ReadAhead, cut_at, deck_paths, joined, rest_of
from game.content.yamlsafe import YamlDoc, parse_bytes, read_yaml
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


def test_a_child_that_fails_costs_only_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(DECK, encoding="utf-8")
    parent, parse = os.getpid(), ahead_module.parse_bytes

    def failing_in_the_child(raw: bytes, name: str) -> YamlDoc | Problem:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return parse(raw, name)

    monkeypatch.setattr(ahead_module, "parse_bytes", failing_in_the_child)
    ahead = ReadAhead([deck])
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


TRICKY = [  # cards written every way YAML allows, each a line that starts an item may be cut before
    "  - id: plain_{i}\n    text: words that go on\n      over a second line\n",
    "  - id: block_{i}\n    text: |\n      kept\n\n      - not an item\n    outcome: >+\n      folded, kept\n\n\n",
    "  - id: strip_{i}\n    text: |-\n      stripped\n    # a comment inside the card\n",
    "# a comment at the left edge\n  - id: quoted_{i}\n    text: \"a quote that runs\n      over lines\"\n",
    "  - id: single_{i}\n    text: 'it''s\n\n      a paragraph'\n",
    "  - id: flow_{i}\n    effects: {{security: +1,\n      development: -1}}\n    set: [a_{i},\n      b_{i}]\n",
    "  -\n    id: dash_alone_{i}\n    choices:\n    - label: inner list at the same indent\n",
    "  - id: nested_{i}\n    choices:\n      - label: x\n        effects: {{security: 1}}\n\n\n",
    "  - {{id: flow_card_{i}, text: one line}}\n",
    "  - id: tagged_{i}\n    weight: !!int 3\n    when: !!str yes\n",
    "  - id: anchored_{i}\n    text: &t{i} shared\n    outcome: *t{i}\n",
    "  - id: odd_{i}\n    text: \"unclosed\n",
]


def _tricky(seed: int, cards: int = 14) -> bytes:
    import random

    rng = random.Random(seed)
    body = "".join(rng.choice(TRICKY).format(i=i) for i in range(cards))
    return ("deck: tricky\ntitle: Tricky\nevents:\n" + body + rng.choice(["", "# the end\n", "\n\n"])).encode()


@pytest.mark.parametrize("seed", range(40))
def test_a_deck_cut_between_any_two_cards_reads_as_the_whole_deck(seed: int) -> None:
    raw = _tricky(seed)
    whole = parse_bytes(raw, "t.yaml")
    starts = [m.start() for m in re.finditer(rb"^  -[ \n]", raw, re.M)][1:]
    assert starts
    joins = 0
    for cut in starts:
        both = joined(parse_bytes(raw[:cut], "t.yaml"), parse_bytes(rest_of(raw, cut), "t.yaml"))
        if both is not None:  # parts that parsed cleanly are the whole, data and positions
            joins += 1
            assert isinstance(whole, YamlDoc) and not whole.problems, (seed, cut)
            assert both == (whole.data, whole.root), (seed, cut)
    if isinstance(whole, YamlDoc) and not whole.problems and not whole.anchored:
        assert joins  # a clean deck can be cut somewhere (a cut inside a text cannot)


def test_the_shipped_decks_cut_anywhere_read_as_themselves() -> None:
    for path in sorted((REPO / "content" / "decks").glob("*.yaml")):
        raw = path.read_bytes()
        whole = parse_bytes(raw, path.name)
        assert isinstance(whole, YamlDoc)
        at = cut_at(raw)
        assert at is not None, path.name
        for cut in [at, *[m.start() for m in re.finditer(rb"^  - ", raw, re.M)][1:]]:
            assert joined(parse_bytes(raw[:cut], path.name), parse_bytes(rest_of(raw, cut), path.name)) == (
                whole.data, whole.root), (path.name, cut)


def test_a_large_deck_is_parsed_half_here_and_read_the_same(tmp_path: Path) -> None:
    deck = tmp_path / "big.yaml"
    deck.write_bytes(b"deck: big\ntitle: Big\nevents:\n" + b"".join(
        f"  - id: card_{i}\n    title: Card {i}\n    text: |\n      Words.\n".encode() for i in range(200)))
    raw = deck.read_bytes()
    assert cut_at(raw) is not None
    taken = ReadAhead([deck]).take(deck, raw, "big.yaml")
    here = read_yaml(deck, "big.yaml")
    assert isinstance(taken, YamlDoc) and isinstance(here, YamlDoc)
    assert (taken.path, taken.data, taken.root, taken.lines, taken.problems) == (
        here.path, here.data, here.root, here.lines, here.problems)
