"""The debrief of one game, as a teacher reads it: ending with its citation, a chart with one point per month on
a fixed scale, every decision (historical ones tagged), talks with what the deal cost and gained, hot-seat
answers against the AI, sources with their frame, reflections, and notes on branches and changed content."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.content import load_content
from game.content.compiled import Content, text
from game.engine.game import Game
from game.engine.records import Kind
from game.engine.replay import rewind
from game.report import debrief_html, debrief_markdown, gather
from game.report.markdown import cite
from game.saves import SaveStore
from game.sim import play_one
from tests.conftest import REPO
from tests.report.conftest import assert_well_formed, last, play


def one_line(s: str) -> str:
    return " ".join(s.split())


def test_markdown_holds_what_the_game_holds(finished: Game) -> None:
    md = debrief_markdown(gather(finished, "alice"))
    ending = finished.ending()
    assert ending is not None
    for piece in (ending.title, one_line(ending.epilogue), one_line(ending.source_quote), ending.source_where):
        assert piece in md
    for _turn, _card, title, label, _hist in finished.decisions():
        assert f"**{one_line(title)}**" in md and f"“{one_line(label)}”" in md
    historical = sum(h for *_, h in finished.decisions())
    assert md.count("*(what Pingxiang actually did)*") == historical
    for i, talk in enumerate(finished.talks_log):
        result = finished.talks_result(i)
        assert result is not None and result.outcome in md
        for _who, line in talk.transcript:
            assert one_line(line) in md
    for card in finished.drawn:
        assert one_line(finished.card(card).source_quote) in md
    for question in finished.content.scenario.discussion:
        assert one_line(text(question)) in md


def test_html_is_self_contained_and_holds_everything(finished: Game) -> None:
    page = debrief_html(gather(finished, "alice"))
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert_well_formed(page)
    assert html.escape(finished.ending().title) in page  # type: ignore[union-attr]
    for _turn, _card, title, label, _hist in finished.decisions():
        assert html.escape(one_line(title)) in page and html.escape(one_line(label)) in page
    for talk in finished.talks_log:
        for _who, line in talk.transcript:
            assert html.escape(one_line(line)) in page
    for card in finished.drawn:
        assert html.escape(one_line(finished.card(card).source_quote)) in page
    for meter in finished.meters():
        assert f">{html.escape(meter.name)} {meter.value}<" in page  # each line is labelled at its end


def test_chart_has_one_point_per_month_on_a_fixed_scale(finished: Game) -> None:
    d = gather(finished, "alice")
    assert finished.is_over and len(d.points) == finished.turn + 1 == len(finished.timeline)
    assert d.points[0] == "Start" and d.points[1] == "Aug 2017" and d.points[-1] == "Jan 2020"
    for m in d.meters:
        assert list(m.values) == [snap[m.id] for snap in finished.timeline] and (m.low, m.high) == (0, 100)
    for c in d.counters:
        assert list(c.values) == [snap[c.id] for snap in finished.timeline]
    md = debrief_markdown(d)
    sparks = re.findall(r"`([▁▂▃▄▅▆▇█]+)`", md)
    assert len(sparks) == len(d.meters) and all(len(s) == len(d.points) for s in sparks)
    assert "▁ = 0 … █ = 100" in md
    # the same value gets the same mark on every meter: Security and Development both start at 55 -> the same mark
    assert d.meters[0].values[0] == d.meters[1].values[0] == 55 and sparks[0][0] == sparks[1][0] == "▅"
    page = debrief_html(d)
    assert '>0</text>' in page and '>100</text>' in page


def test_a_loss_mid_month_adds_its_last_point_and_says_what_ended_it(shipped_content: Content) -> None:
    game = next(g for g in (play_one(shipped_content, s, "random", record=True) for s in range(100, 160))
                if g.ending() is not None and g.ending().kind == "immediate"  # type: ignore[union-attr]
                and len(g.timeline) == g.turn)
    d = gather(game, "bob")
    assert d.points[-1].endswith("(end)") and len(d.points) == game.turn + 1
    assert d.ending is not None and d.ending.when in (f"lost in month {game.turn} of 30", "lost in the final month")
    assert "fell from" in d.ending.cause and "to 0" in d.ending.cause
    md, page = debrief_markdown(d), debrief_html(d)
    assert "lost early" not in md + page and d.ending.when in md and d.ending.when in page
    assert "**What ended it:**" in md


def test_every_decision_is_listed_with_its_effects_and_outcome(finished: Game) -> None:
    d = gather(finished, "alice")
    cards = [x for x in d.decisions if x.kind == "card"]
    assert [(x.turn, x.card_id, x.label) for x in cards] == [(t, c, one_line(lab))
                                                            for t, c, _ti, lab, _h in finished.decisions()]
    choices = [r for r in finished.records if r.kind is Kind.CHOICE]
    assert [len(x.changes) for x in cards] == [len(r.changes) for r in choices]
    assert all(x.outcome for x in cards[:5])  # the shipped cards say what happened next
    switches = [r for r in finished.records if r.kind is Kind.POLICY_SWITCH]
    assert len([x for x in d.decisions if x.kind == "policy"]) == len(switches)
    md = debrief_markdown(d)
    assert cards[0].outcome in md and md.count("**Policy change:**") == len(switches)


def test_talks_show_what_the_deal_cost_and_gained(finished: Game) -> None:
    d = gather(finished, "alice")
    ends = [r for r in finished.records if r.kind is Kind.TALKS_END]
    assert len(d.talks) == len(finished.talks_log) == len(ends)
    for t, rec in zip(d.talks, ends, strict=True):
        assert [(c.target, c.before, c.after) for c in t.deal_changes] == [tuple(c) for c in rec.changes]
    md = debrief_markdown(d)
    assert md.count("- What the deal changed:") + md.count("- What the outcome changed:") == len(d.talks)
    assert "T1." in md and "T1" in debrief_html(d)  # the chart marks the month of each talks


def test_hot_seat_answers_against_the_ai_are_shown(hotseat_game: Game) -> None:
    d = gather(hotseat_game, "pair")
    against = [t for t in d.talks if t.against_ai]
    assert against and all(t.hotseat for t in d.talks)
    assert [len(t.against_ai) for t in d.talks] == [len(s.against_ai) for s in hotseat_game.talks_log]
    md, page = debrief_markdown(d), debrief_html(d)
    assert_well_formed(page)
    t = against[0]
    n = len(t.against_ai)
    assert f"went against the AI's suggestion {n} time{'s' if n != 1 else ''}:" in md
    chose, ai = t.against_ai[0]
    assert f"answered “{chose}” where the AI suggested “{ai}”" in md
    assert html.escape(f"answered “{chose}” where the AI suggested “{ai}”") in page
    assert all("counter:" not in x and "_" not in x for pair in t.against_ai for x in pair)  # words, not ids
    assert "hot-seat talks: all negotiations" in md


def test_sources_show_the_frame_of_cards_that_are_not_a_record(framed_content: Content) -> None:
    game = play(framed_content, 3, until=3)
    d = gather(game, "carla")
    use = next(u for g in d.sources for u in g.uses if u.title == "A worker who is several workers")
    assert use.frame == "composite" and use.quote == "a quote from the composite card"
    note = one_line(text(framed_content.scenario.frames["composite"]))
    assert ("composite", note) in d.frames
    md, page = debrief_markdown(d), debrief_html(d)
    assert "*A worker who is several workers* (August 2017) **[composite]**" in md and note in md
    assert '<span class="frame">composite</span>' in page
    decision = next(x for x in d.decisions if x.card_id == "framed_composite_card")
    assert decision.frame == "composite" and decision.historical


def test_reflections_and_branch_are_reported(shipped_content: Content) -> None:
    game = play(shipped_content, 11, pick=last, answer="Development, for Beijing's trust.")
    assert game.is_over and game.reflections()
    d = gather(game, "alice")
    assert {r.answer for r in d.reflections} == {"Development, for Beijing's trust."}
    assert "> Development, for Beijing's trust." in debrief_markdown(d)
    branch = rewind(game, 5)
    b = gather(branch, "alice-branch")
    assert "month 5" in b.branched and "December 2017" in b.branched and game.ending().title in b.branched  # type: ignore[union-attr]
    assert "**Branch.**" in debrief_markdown(b) and "<strong>Branch.</strong>" in debrief_html(b)


def test_unfinished_save_reports_in_progress(shipped_content: Content, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    game = play(shipped_content, 7, until=4)
    game.apply(game.choice_actions()[0])  # part of month 4
    SaveStore(tmp_path).save(game, "halfway")
    assert main(["report", "halfway", "--saves", str(tmp_path)]) == 0
    md = capsys.readouterr().out
    assert "In progress, month 4" in md and "November 2017 (month 4)" in md and "Nov 2017 (now)" in md
    out = tmp_path / "halfway.html"
    assert main(["report", str(tmp_path / "halfway.json"), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "In progress, month 4" in page and "<svg" in page


def test_a_save_replayed_on_changed_content_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "decks" / "tweak.yaml"
    deck.parent.mkdir()
    card = ("deck: tweak\ntitle: Tweak\nevents:\n  - id: tweak_card\n    title: A tweak\n    actor: Clerk\n"
            "    text: Text.\n    at: 2017-08\n    once: true\n    weight: 0\n"
            "    source: {id: huang2024, where: Concluding Thoughts, quote: a quote}\n    choices:\n"
            "      - label: Fine\n        effects: {development: %d}\n"
            "      - label: Not\n        effects: {security: 1}\n")
    deck.write_text(card % 2, encoding="utf-8")
    made_with = load_content(REPO / "content", [deck])
    SaveStore(tmp_path).save(play(made_with, 5, until=3), "old")
    deck.write_text(card % 5, encoding="utf-8")  # the author changed the card since
    assert main(["report", str(tmp_path / "old.json"), "--deck", str(deck)]) == 0
    md = capsys.readouterr().out
    assert "replayed on the content loaded now" in md
    deck.write_text(card % 2 + "\n# a comment changes the fingerprint, not the game\n", encoding="utf-8")
    assert main(["report", str(tmp_path / "old.json"), "--deck", str(deck)]) == 0
    md = capsys.readouterr().out
    assert "reaches the same month, meters and ending" in md and "replayed on the content loaded now" not in md


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


def test_markup_and_control_characters_are_made_harmless(tmp_path: Path) -> None:
    deck = tmp_path / "markup_html.yaml"
    deck.write_text(MARKUP_DECK, encoding="utf-8")
    content = load_content(REPO / "content", [deck])
    answer = "<script>alert('answer')</script> fees & <b>permits</b>\x1b]0;pwned\x07 \x1b[2J"
    game = play(content, 1, answer=answer)
    assert game.reflections()
    page = debrief_html(gather(game, "<b>eve</b>\x1b[31m"))
    for raw in ("<script>alert", "<b>bold</b>", "<u>this</u>", "<h1>broken</h1>", "<img", "<b>eve</b>",
                "<quote>", "<i>italic</i>", "<b>permits</b>", "\x1b", "\x07"):
        assert raw not in page
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "&lt;u&gt;this&lt;/u&gt;" in page and "a &lt;quote&gt; &amp; more" in page
    md = debrief_markdown(gather(game, "eve\x1b[31m"))
    assert "<script>" not in md and "&lt;u&gt;this&lt;/u&gt;" in md
    assert "\x1b" not in md and "\x07" not in md and "\\x1b]0;pwned\\x07" in md and "eve\\x1b[31m" in md


def test_citations_have_one_full_stop() -> None:
    assert cite("Huang. 2024. Made in China Journal (essay written December 2023).", "Concluding Thoughts") == (
        "Huang. 2024. Made in China Journal (essay written December 2023), Concluding Thoughts.")
    assert cite("Speelman 2022.", "") == "Speelman 2022."


def test_missing_damaged_and_foreign_saves_give_one_clear_line(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "nobody", "--saves", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no save called nobody" in err and err.count("\n") == 1
    (tmp_path / "broken\x1b[2J.json").write_text("{ not json", encoding="utf-8")
    (tmp_path / "foreign.json").write_text(json.dumps({"format": "other-game"}), encoding="utf-8")
    for name, why in (("broken\x1b[2J.json", "not valid JSON"), ("foreign.json", "not a Friendship Pass save")):
        assert main(["report", str(tmp_path / name)]) == 2
        captured = capsys.readouterr()
        assert why in captured.err and captured.err.count("\n") == 1 and "Traceback" not in captured.err
        assert "\x1b" not in captured.err and captured.out == ""


def test_an_edited_action_log_is_refused(shipped_content: Content, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    SaveStore(tmp_path).save(play(shipped_content, 2, until=3), "edited")
    doc = json.loads((tmp_path / "edited.json").read_text(encoding="utf-8"))
    doc["actions"][0] = {"kind": "choose", "card": "no_such_card", "choice": 0}
    (tmp_path / "edited.json").write_text(json.dumps(doc), encoding="utf-8")
    assert main(["report", str(tmp_path / "edited.json")]) == 2
    err = capsys.readouterr().err
    assert "damaged or was edited by hand" in err and err.count("\n") == 1
