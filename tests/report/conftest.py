"""Games for report tests, built by applying actions: simulated games, hand-driven ones, a class folder."""

from __future__ import annotations

import random
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.content import load_content
from game.content.compiled import Content
from game.engine.actions import Choose, EndMonth, Reflect
from game.engine.game import Game
from game.saves import SaveStore
from game.sim import play_one, talk_action
from tests.conftest import REPO

Pick = Callable[[Game, list[Choose]], Choose]


def first(_game: Game, choices: list[Choose]) -> Choose:
    return choices[0]


def last(_game: Game, choices: list[Choose]) -> Choose:
    return choices[-1]


def play(content: Content, seed: int | str = 1, options: dict | None = None, pick: Pick = first,
         until: int | None = None, answer: str = "", against_ai: bool = False) -> Game:
    """Drive a game through `apply`: `pick` chooses on cards, talks are played at random, reflections are
    answered with `answer` (skipped when ''), and in hot seat the counterpart follows the AI's suggestion
    (or, with `against_ai`, answers something else whenever it can). Stops at the start of month `until`."""
    game = Game.new(content, seed=seed, options=options or {})
    rng = random.Random(str(seed))
    while not game.is_over and (until is None or game.turn < until):
        due = game.pending_reflection()
        if due is not None:
            game.apply(Reflect(due[0], answer))
        elif game.phase == "talks":
            game.apply(talk_action("random", game, rng))
        elif game.phase == "counterpart":
            ai = game.suggested_reply()
            replies = game.reply_options()
            other = [r for r in replies if ai is None or (r.reply, r.position) != (ai.reply, ai.position)]
            game.apply(other[0] if against_ai and other else ai if ai in replies else replies[0])
        elif game.phase == "role":  # a role held in this game opens the card: the last opening it may take
            game.apply(game.role_options()[-1])
        elif game.phase == "cards":
            game.apply(pick(game, game.choice_actions()))
        else:
            game.apply(EndMonth())
    return game


VOID = {"meta", "br", "hr", "img", "circle", "rect", "path", "line", "polyline"}


class _Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> at {self.getpos()} closes <{self.open[-1] if self.open else '?'}>")
        else:
            self.open.pop()


def assert_well_formed(page: str) -> None:
    """Every element the page opens is closed, in order (a broken tag would swallow the rest of a report)."""
    parser = _Nesting()
    parser.feed(page)
    assert parser.errors == [] and parser.open == []


def finished_with_talks(content: Content) -> Game:
    """The first simulated game (random strategy) that runs to its final month and holds talks."""
    for seed in range(200):
        game = play_one(content, seed, "random", record=True)
        if game.talks_log and game.is_over and game.turn == content.turns:
            return game
    raise AssertionError("no simulated game held talks")


@pytest.fixture(scope="session")
def finished(shipped_content: Content) -> Game:
    return finished_with_talks(shipped_content)


@pytest.fixture(scope="session")
def hotseat_game(shipped_content: Content) -> Game:
    """A full hot-seat game in which the classmate playing the counterpart keeps overruling the AI."""
    for seed in range(50):
        game = play(shipped_content, seed, {"hotseat": "all"}, pick=last, against_ai=True)
        if any(t.against_ai for t in game.talks_log):
            return game
    raise AssertionError("no hot-seat game went against the AI")


FRAME_DECK = """\
deck: framed_test
title: Framed
events:
  - id: framed_composite_card
    title: A worker who is several workers
    actor: Composite worker
    text: Put together from what officials and agencies report.
    frame: composite
    at: 2017-08
    once: true
    weight: 0
    source: {id: huang2024, where: "Concluding Thoughts", quote: "a quote from the composite card"}
    choices:
      - label: Listen
        effects: {worker_welfare: 1}
        historical: true
      - label: Do not
        effects: {security: 1}
"""


@pytest.fixture(scope="session")
def framed_content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """The shipped content plus a composite card dealt in the first month."""
    deck = tmp_path_factory.mktemp("decks") / "framed_test.yaml"
    deck.write_text(FRAME_DECK, encoding="utf-8")
    return load_content(REPO / "content", [deck])


@pytest.fixture(scope="session")
def class_folder(shipped_content: Content, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 simulated games on different seeds, saved as student00 … student11."""
    folder = tmp_path_factory.mktemp("class")
    store = SaveStore(folder)
    for i in range(12):
        store.save(play_one(shipped_content, 500 + i, "random", record=True), f"student{i:02d}")
    return folder
