"""`validate` warns about decks that load but probably do not do what their author meant."""

from __future__ import annotations

from pathlib import Path

from game.authoring.lint import lint
from game.content import load_content
from game.content.loader import shown
from tests.authoring.conftest import CARD, write_deck

HEAD = "deck: pack\ntitle: Pack\nevents:\n"


def warnings(tiny: Path, body: str) -> list[str]:
    """Warnings in the added deck, as `line:col: message`."""
    path = write_deck(tiny.parent, HEAD + body)
    content = load_content(tiny, [path])
    found = lint(content, shown(tiny / "scenario.yaml"), only={shown(path)})
    assert all(w.severity == "warning" for w in found)
    return [f"{w.line}:{w.column}: {w.message}" for w in found]


def test_a_clean_deck_has_no_warnings(tiny: Path) -> None:
    assert warnings(tiny, CARD.format(id="a")) == []


def test_a_flag_that_is_set_but_never_read_is_pointed_out(tiny: Path) -> None:
    body = CARD.format(id="a").replace("effects: {security: 1, development: -1}",
                                       "effects: {security: 1, development: -1}\n        set: [promised_houses]")
    assert warnings(tiny, body) == [
        "12:15: flag 'promised_houses' is set here but nothing reads it (no `when`, weight or effect mentions it)"]


def test_a_flag_that_is_read_but_only_ever_cleared_is_always_false(tiny: Path) -> None:
    body = (CARD.format(id="a").replace("    choices:", '    when: "houses_built"\n    choices:')
            .replace("effects: {development: 1, security: -1}",
                     "effects: {development: 1, security: -1}\n        clear: [houses_built]"))
    assert warnings(tiny, body) == [
        "9:11: flag 'houses_built' is read here but nothing sets it, so it is always false "
        "(add it to a choice's `set:`)"]


def test_a_scenario_flag_may_be_read_without_a_card_setting_it(tiny: Path) -> None:
    body = CARD.format(id="a").replace("    choices:", "    when: border_closed\n    choices:")
    assert warnings(tiny, body) == []


def test_a_condition_beyond_a_meters_bounds_can_never_be_true(tiny: Path) -> None:
    body = CARD.format(id="a").replace("    choices:", '    when: "turn >= 2 and security > 100"\n    choices:')
    assert warnings(tiny, body) == [
        "9:26: card 'a': `when` can never be true: security stays within 0..100, so 'security > 100' never holds"]


def test_contradicting_comparisons_and_out_of_calendar_months_are_impossible(tiny: Path) -> None:
    body = (CARD.format(id="a").replace("    choices:", "    when: security > 80 and security < 20\n    choices:")
            .replace("      - label: Two\n", "      - label: Two\n        when: month >= 2021-01\n        locked: Not yet.\n"))
    assert warnings(tiny, body) == [
        "9:11: card 'a': `when` can never be true: 'security > 80' and 'security < 20' cannot both hold",
        "14:15: choice 2 of 'a': `when` can never be true: month stays within 2018-01..2018-12, "
        "so 'month >= 2021-01' never holds"]


def test_conditions_that_can_hold_are_not_flagged(tiny: Path) -> None:
    body = CARD.format(id="a").replace(
        "    choices:", '    when: "security >= 100 or permit_days > 200 or security + 60 > 150"\n    choices:')
    assert warnings(tiny, body) == []


def test_a_choice_that_changes_nothing_is_pointed_out(tiny: Path) -> None:
    body = CARD.format(id="a").replace("        effects: {security: 1, development: -1}\n", "        outcome: You wait.\n")
    assert warnings(tiny, body) == [
        "10:9: choice 1 of 'a' does nothing: no effects, assign, set, clear, follow_ups, negotiate or policy"]


def test_a_choice_that_only_switches_a_policy_does_something(tiny: Path) -> None:
    body = CARD.format(id="a").replace("effects: {security: 1, development: -1}",
                                       "effects: {development: -1}\n        policy: {tracking_app: \"on\"}")
    assert warnings(tiny, body) == []


def test_texts_too_long_for_an_80_by_24_screen_are_pointed_out(tiny: Path) -> None:
    body = (CARD.format(id="a").replace("title: A card", "title: " + "A very long title " * 4)
            .replace("text: Something happens.", "text: " + "word " * 130)
            .replace("label: One", "label: " + "Do this and that " * 5))
    assert warnings(tiny, body) == [
        "5:12: title is 71 characters; more than 60 will not fit an 80x24 screen without scrolling",
        "7:11: card text is 649 characters; more than 600 will not fit an 80x24 screen without scrolling",
        "10:16: choice 1 label is 84 characters; more than 70 will not fit an 80x24 screen without scrolling"]


def test_a_card_with_weight_zero_that_nothing_leads_to_is_never_drawn(tiny: Path) -> None:
    lonely = CARD.format(id="lonely").replace("    choices:", "    weight: 0\n    choices:")
    followed = CARD.format(id="later").replace("    choices:", "    weight: 0\n    choices:")
    start = CARD.format(id="start").replace("effects: {security: 1, development: -1}",
                                            "effects: {security: 1, development: -1}\n"
                                            "        follow_ups: [{event: later, after: 1}]")
    assert warnings(tiny, lonely + followed + start) == [
        "9:13: card 'lonely' can never be drawn: weight 0, no `at:` month and no choice has it as a follow-up"]


def test_a_card_naming_a_body_before_it_existed_gets_the_dated_fact_warning(tiny: Path) -> None:
    early = (CARD.format(id="nia_visit").replace("text: Something happens.", "text: The NIA sends a team.")
             .replace("    choices:", "    at: 2018-02\n    weight: 0\n    choices:"))
    late = CARD.format(id="nia_later").replace("text: Something happens.", "text: The NIA sends a team.") \
        .replace("    choices:", '    when: "month >= 2018-04"\n    choices:')
    found = warnings(tiny, early + late)
    assert found == ["7:11: 'nia_visit' names the National Immigration Administration but can come in February "
                     "2018, before April 2018 when it began (add `month >= 2018-04` to `when`, or a variant; before "
                     "then call it the exit-entry administration)"]


def test_a_flag_that_only_comes_late_makes_its_readers_late_too(tiny: Path) -> None:
    setter = CARD.format(id="reform").replace("    choices:", "    at: 2018-06\n    weight: 0\n    choices:") \
        .replace("effects: {security: 1, development: -1}", "effects: {security: 1, development: -1}\n        set: [reformed]")
    reader = CARD.format(id="reader").replace("text: Something happens.", "text: The NIA approves.") \
        .replace("    choices:", "    when: reformed\n    choices:")
    assert warnings(tiny, setter + reader) == []


def test_a_text_stating_a_figure_the_game_can_change_is_pointed_out(tiny: Path) -> None:
    from tests.authoring.conftest import SCENARIO

    (tiny / "scenario.yaml").write_text(SCENARIO + "monthly2: x\n".replace("monthly2: x\n", ""), encoding="utf-8")
    card = CARD.format(id="renewals").replace("text: Something happens.", "text: Workers renew their 30-day permits.")
    changer = CARD.format(id="longer").replace("effects: {security: 1, development: -1}",
                                               "effects: {security: 1, development: -1}\n        assign: {permit_days: 90}")
    guarded = CARD.format(id="guarded").replace("text: Something happens.", "text: Still 30-day permits.") \
        .replace("    choices:", '    when: "permit_days <= 30"\n    choices:')
    live = CARD.format(id="live").replace("text: Something happens.", "text: Workers renew {permit_days}-day permits.")
    assert warnings(tiny, card + changer + guarded + live) == [
        "7:11: 'renewals' states \"30-day\", the starting permit length, but the card can come after it changed: "
        "show {permit_days} or add a variant with a condition on permit_days"]


def test_dominated_and_free_choices_are_pointed_out(tiny: Path) -> None:
    body = CARD.format(id="a").replace("effects: {development: 1, security: -1}", "effects: {development: 2, security: 1}")
    body += CARD.format(id="b").replace("effects: {development: 1, security: -1}", "effects: {development: 1, security: 2}")
    assert warnings(tiny, body) == [
        "10:9: choice 1 of 'a' is dominated by choice 2: that one is at least as good on every meter and better on one",
        "12:9: choice 2 of 'a' costs nothing: no meter or counter moves the wrong way (every dilemma should cost "
        "something)",
        "20:9: choice 1 of 'b' is dominated by choice 2: that one is at least as good on every meter and better on one",
        "22:9: choice 2 of 'b' costs nothing: no meter or counter moves the wrong way (every dilemma should cost "
        "something)"]


def test_locked_choices_need_player_words_and_late_follow_ups_are_lost(tiny: Path) -> None:
    body = (CARD.format(id="a").replace("      - label: Two\n", "      - label: Two\n        when: security > 60\n")
            .replace("    choices:", "    at: 2018-11\n    weight: 0\n    choices:")
            .replace("effects: {security: 1, development: -1}",
                     "effects: {security: 1, development: -1}\n        follow_ups: [{event: later, after: 3}]"))
    body += CARD.format(id="later").replace("    choices:", "    weight: 0\n    choices:")
    found = warnings(tiny, body)
    assert "16:15: choice 2 of 'a' can be locked but has no `locked:` text, so players would see the condition " \
        "itself; say why it is locked in their words" in found
    assert "14:21: follow-up 'later' always falls after the last month (December 2018): 'a' comes in November " \
        "2018 at the earliest and the follow-up is due 3 months later, so it is lost" in found


def test_background_material_must_not_pass_as_a_record_of_pingxiang(tiny: Path) -> None:
    body = CARD.format(id="a").replace('source: {id: src,', 'source: {id: old,')
    assert warnings(tiny, body) == [
        "8:13: card 'a' cites old, which is about another time or place, as a record of Pingxiang: set "
        "`frame: analogy` (or composite) and say so in the text"]
    assert warnings(tiny, body.replace("    choices:", "    frame: analogy\n    choices:")) == []
