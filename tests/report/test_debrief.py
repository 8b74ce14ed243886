"""The debrief of one game: Markdown and HTML hold the ending, chart, decisions, talks, sources."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from game.cli import main
from game.content import load_content
from game.content.compiled import Content, text
from game.engine.game import Game
from game.engine.replay import rewind
from game.report import debrief_html, debrief_markdown, gather
from game.saves import SaveStore
from tests.conftest import REPO


def test_markdown_holds_everything(shipped_content: Content, finished: Game) -> None:
    d = gather(shipped_content, finished.state, "alice")
    md = debrief_markdown(d)
    assert finished.ending() is not None and finished.ending().title in md
    assert "## Meters over the months" in md and any(ch in md for ch in "▁▂▃▄▅▆▇█")
    for entry in finished.state.history:
        if entry["kind"] == "choice":
            assert text(shipped_content.events[entry["card"]].model.title) in md
    for talk in finished.state.talks_log:
        assert talk["label"] in md
        for _who, line in talk["transcript"]:
            assert " ".join(line.split()) in md
    for card in finished.state.drawn:
        assert shipped_content.events[card].model.source.quote in md
    for question in shipped_content.scenario.discussion:
        assert " ".join(text(question).split()) in md


def test_html_holds_everything(shipped_content: Content, finished: Game) -> None:
    page = debrief_html(gather(shipped_content, finished.state, "alice"))
    assert page.startswith("<!DOCTYPE html>")
    assert html.escape(finished.ending().title) in page
    assert "<svg" in page and "stroke-dasharray" in page and "@media print" in page
    assert "<script" not in page and "<link" not in page and "@import" not in page  # self-contained
    for entry in finished.state.history:
        if entry["kind"] == "choice":
            assert html.escape(text(shipped_content.events[entry["card"]].model.title)) in page
            assert html.escape(entry["reason"]) in page
    for talk in finished.state.talks_log:
        for _who, line in talk["transcript"]:
            assert html.escape(" ".join(line.split())) in page
    for card in finished.state.drawn:
        assert html.escape(shipped_content.events[card].model.source.quote) in page
    for meter in shipped_content.scenario.meters:
        assert f">{html.escape(meter.name)} " in page  # each line is labelled in the chart


def test_every_decision_is_listed_with_its_effects(shipped_content: Content, finished: Game) -> None:
    d = gather(shipped_content, finished.state, "alice")
    choices = [e for e in finished.state.history if e["kind"] == "choice"]
    cards = [x for x in d.decisions if x.kind == "card"]
    assert [(c.turn, c.card_id, c.choice - 1) for c in cards] == [(e["turn"], e["card"], e["choice"]) for e in choices]
    assert [len(c.changes) for c in cards] == [len(e["changes"]) for e in choices]
    assert len(d.points) == len(d.meters[0].values) == len(finished.state.timeline)


MARKUP_DECK = """\
deck: markup_html
title: "Deck <i>italic</i> & co"
events:
  - id: markup_html_card
    title: "<script>alert('title')</script> & <b>bold</b>"
    actor: "<em>clerk</em>"
    text: "Text with <img src=x onerror=alert(1)> in it."
    at: 2017-08
    once: true
    weight: 0
    source: {id: huang2024, where: "§<1>", quote: "a <quote> & more"}
    choices:
      - label: "Choose <u>this</u>"
        outcome: "Outcome </li></ul><h1>broken</h1>"
        effects: {development: 1}
      - label: "Or that"
        effects: {security: 1}
"""


def test_markup_like_text_is_escaped(tmp_path: Path) -> None:
    deck = tmp_path / "markup_html.yaml"
    deck.write_text(MARKUP_DECK, encoding="utf-8")
    content = load_content(REPO / "content", [deck])
    game = Game.new(content, seed=1)
    while game.current_card() is not None and game.current_card().id != "markup_html_card":
        game.choose(0)
    game.choose(0)
    game.reflect("first_runaway_crisis", "<script>alert('answer')</script> fees & <b>permits</b>")
    page = debrief_html(gather(content, game.state, "<b>eve</b>"))
    for raw in ("<script>alert", "<b>bold</b>", "<u>this</u>", "<h1>broken</h1>", "<img", "<b>eve</b>",
                "<quote>", "<i>italic</i>", "<b>permits</b>"):
        assert raw not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;u&gt;this&lt;/u&gt;" in page and "a &lt;quote&gt; &amp; more" in page
    assert "fees &amp; &lt;b&gt;permits&lt;/b&gt;" in page
    md = debrief_markdown(gather(content, game.state, "eve"))
    assert "<script>" not in md and "&lt;u&gt;this&lt;/u&gt;" in md


def test_unfinished_save_reports_in_progress(shipped_content: Content, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    game = Game.new(shipped_content, seed=7)
    for _ in range(3):
        while game.choices():
            game.choose(next(c.index for c in game.choices() if c.available))
            while game.talks() is not None:
                game.talk(next(m.id for m in game.talk_moves() if m.available))
        game.advance_month()
    game.choose(next(c.index for c in game.choices() if c.available))  # part of month 4
    store = SaveStore(tmp_path)
    store.save(game, "halfway")
    assert main(["report", "halfway", "--saves", str(tmp_path)]) == 0
    md = capsys.readouterr().out
    assert "In progress, month 4" in md
    assert "## Decisions, month by month" in md and "November 2017 (month 4)" in md
    out = tmp_path / "halfway.html"
    assert main(["report", str(tmp_path / "halfway.json"), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "In progress, month 4" in page and "<svg" in page


def test_reflections_and_branch_are_reported(shipped_content: Content, finished: Game) -> None:
    finished_copy = Game(shipped_content, type(finished.state).from_dict(json.loads(json.dumps(
        finished.state.to_dict()))))
    finished_copy.state.reflections["the_last_month"] = {"turn": 30, "prompt": "What did you trade?",
                                                         "answer": "Development, for Beijing's trust."}
    branch = rewind(finished_copy, 5)
    d = gather(shipped_content, finished_copy.state, "alice")
    assert d.reflections[0].answer == "Development, for Beijing's trust."
    assert "Development, for Beijing" in debrief_markdown(d)
    b = gather(shipped_content, branch.state, "alice-branch")
    assert "month 5" in b.branched and "December 2017" in b.branched
    assert finished.ending().title in b.branched
    assert "Branch." in debrief_markdown(b) and "Branch." in debrief_html(b)


def test_missing_save_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "nobody", "--saves", str(tmp_path)]) == 2
    assert "no save called nobody" in capsys.readouterr().err
