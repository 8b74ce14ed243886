"""Loading content: every problem in every file reported at once, as file:line:col lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.content import load_content
from game.errors import ContentError
from tests.conftest import FIXTURE, REPO

GOOD_EVENT = """\
  - id: {id}
    title: A card
    actor: Someone
    text: Something happens.
    source: {{id: testsrc, where: "§1", quote: "a quote"}}
    choices:
      - label: One
        effects: {{security: 1}}
      - label: Two
        effects: {{development: 1}}
"""


def deck(tmp_path: Path, body: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def problems(tmp_path: Path, body: str) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(FIXTURE, [deck(tmp_path, body)])
    return [f"{p.line}:{p.column}: {p.message}" for p in info.value.problems]


def test_the_fixture_and_the_shipped_content_load(fixture_content, shipped_content) -> None:
    assert "launch" in fixture_content.events
    assert len(shipped_content.events) >= 80


def test_a_typo_a_syntax_error_and_a_missing_source_are_reported_together(tmp_path: Path) -> None:
    typo = deck(tmp_path, "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace(
        "security: 1", "securty: 1"), "a.yaml")
    broken = deck(tmp_path, "deck: b\ntitle: B\nevents: [\n  - id: oops\n", "b.yaml")
    nosource = deck(tmp_path, "deck: c\ntitle: C\nevents:\n" + GOOD_EVENT.format(id="c1").replace(
        "id: testsrc", "id: nobody2020"), "c.yaml")
    with pytest.raises(ContentError) as info:
        load_content(FIXTURE, [typo, broken, nosource])
    lines = str(info.value).splitlines()
    assert lines[0].endswith("a.yaml:11:19: unknown meter or counter 'securty' (did you mean 'security'?)")
    assert "b.yaml:3:9: the `[` at the end of this line opens an inline list that is never closed" in lines[1]
    # the syntax error is mended for the rest of the check: the card in b.yaml is checked too
    assert any("b.yaml:4:5: missing field 'title'" in line for line in lines)
    assert lines[-1].endswith("c.yaml:8:18: unknown source 'nobody2020' (add it to sources.yaml, or to a sources "
                              "file in your pack)")


def test_unknown_field_suggests_the_right_one(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace("effects: {security",
                                                                             "efects: {security")
    assert problems(tmp_path, body) == ["11:9: unknown field 'efects' (did you mean 'effects'?)"]


def test_wrong_types_and_missing_fields_are_located(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace(
        "    text: Something happens.\n", "    weight: [1, 2]\n")
    found = problems(tmp_path, body)
    assert "4:5: missing field 'text'" in found
    assert any(p.startswith("7:13: weight: wrong type (a list)") for p in found), found


def test_a_card_needs_two_to_four_choices(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").split("      - label: Two")[0]
    assert problems(tmp_path, body) == ["9:5: choices: a card needs 2 to 4 choices, this one has 1"]


def test_bad_expression_points_inside_the_string(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace(
        "text: Something happens.", 'text: Something happens.\n    when: "turn > 2 and securty < 40"')
    assert problems(tmp_path, body) == [
        "8:25: unknown name 'securty' (did you mean 'security'?) in expression 'turn > 2 and securty < 40'"]


def test_cross_references_are_checked(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="launch") + GOOD_EVENT.format(id="a2").replace(
        "effects: {security: 1}", "effects: {security: 1}\n        follow_ups: [{event: nowhere, after: 2}]\n"
        "        negotiate: permit_lenght").replace("text: Something happens.", "text: x\n    at: 2021-03")
    found = problems(tmp_path, body)
    assert any("event id 'launch' is already used at" in p and "a pack cannot replace a shipped card" in p
               for p in found)
    assert any("unknown event 'nowhere'" in p for p in found)
    assert any("unknown negotiation 'permit_lenght' (did you mean 'permit_length'?)" in p for p in found)
    assert any("scheduled month 2021-03 is outside the calendar (2017-08 to 2018-01)" in p for p in found)


def test_bad_month_format_is_explained(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace(
        "text: Something happens.", "text: x\n    at: 2019-13")
    assert problems(tmp_path, body) == ["8:9: at: '2019-13' is not a month; write YYYY-MM, e.g. 2019-01"]


def test_choice_can_switch_a_policy_but_only_to_a_real_option(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace(
        "effects: {security: 1}", "policy: {enforcement: strickt}")
    assert problems(tmp_path, body) == ["11:31: unknown option of enforcement 'strickt' (did you mean 'strict'?)"]


def test_an_empty_folder_pack_adds_nothing_and_a_good_pack_adds_cards(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    assert len(load_content(FIXTURE, [pack]).events) == len(load_content(FIXTURE).events)
    deck(pack, "deck: extra\ntitle: Extra\nevents:\n" + GOOD_EVENT.format(id="extra_card"), "extra.yaml")
    assert "extra_card" in load_content(FIXTURE, [pack]).events


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], check=False, capture_output=True, text=True, cwd=REPO,
                          timeout=120)


def test_validate_passes_on_the_shipped_content() -> None:
    result = _cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")


def test_validate_on_a_broken_pack_exits_2_with_one_line_per_error_and_no_traceback(tmp_path: Path) -> None:
    bad = deck(tmp_path, "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="x1").replace(
        "security: 1", "securty: 1").replace("testsrc", "speelman2022"))
    result = _cli("validate", "--no-sources", "--deck", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert any(line.endswith("pack.yaml:11:19: unknown meter or counter 'securty' (did you mean 'security'?)")
               for line in result.stderr.splitlines())
    assert result.stderr.splitlines()[-1].startswith("1 error(s)")


def test_a_schema_error_does_not_hide_a_misspelt_name_in_the_same_file(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace("    text: Something happens.\n",
                                                                             "    text: Something happens.\n"
                                                                             "    once: sometimes\n") \
        + GOOD_EVENT.format(id="a2").replace("security: 1", "securty: 1")
    found = problems(tmp_path, body)
    assert any(p.startswith("8:11: once: input should be a valid boolean") for p in found), found
    assert any("unknown meter or counter 'securty'" in p for p in found), found


def test_yaml_words_read_as_true_or_false_say_put_it_in_quotes(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace(
        "label: One", "label: No").replace("effects: {security: 1}", "policy: {enforcement: on}")
    found = problems(tmp_path, body)
    # the likely cause comes first, not pydantic's list of the types it tried
    assert any(p.endswith('label: YAML reads `No` as false; put it in quotes: "No"; here it should be text')
               for p in found), found
    assert any('YAML reads `on` as true; put it in quotes: "on"' in p for p in found), found


def test_a_text_over_the_limit_is_an_error(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace("Something happens.", "x" * 5000)
    assert problems(tmp_path, body) == [("7:11: this text is 5,000 characters; the limit is 4,000 (a screen shows "
                                        "about 600): shorten or split it")]


def test_content_loads_the_same_with_change_programs_compiled_on_first_use(fixture_content) -> None:
    from game.engine.game import Game
    from game.sim import play_one

    first = play_one(fixture_content, 7, "random", record=True)
    again = play_one(fixture_content, 7, "random", record=True)  # programs now compiled: the same game
    assert first.timeline == again.timeline and first.ending_id == again.ending_id
    assert isinstance(Game.new(fixture_content, seed=1), Game)


def test_a_policy_option_written_as_a_name_says_to_quote_it(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace(
        "text: Something happens.", 'text: Something happens.\n    when: "enforcement == strict"')
    assert problems(tmp_path, body) == ["8:27: unknown name 'strict' in expression 'enforcement == strict' (an option "
                                        "is text: write enforcement == \"strict\")"]


def test_an_unclosed_bracket_is_one_problem_not_three(tmp_path: Path) -> None:
    body = "deck: a\ntitle: A\nevents:\n" + GOOD_EVENT.format(id="a1").replace("title: A card", "title: [oops")
    found = problems(tmp_path, body)
    on_the_line = [p for p in found if p.startswith("5:")]
    assert on_the_line == ["5:12: the `[` here is never closed: add `]` at the end of the value"], found


def test_the_same_words_are_checked_again_where_other_names_apply() -> None:
    """`times_seen` is a name on cards only: a role's score or a monthly rule with a card's very words is still
    refused (the loader compiles a text once per set of names, not once)."""
    from game.content.expr import NUMBER, Names
    from game.content.loader import _Build
    from game.content.yamlsafe import parse_yaml

    build, doc = _Build(), parse_yaml("score: times_seen + 1\n", "role.yaml")
    on_cards = Names({"times_seen": NUMBER, "security": NUMBER}, {}, {})
    elsewhere = Names({"security": NUMBER}, {}, {})
    assert build.expr(doc, ("score",), "times_seen + 1", on_cards) is not None
    assert build.expr(doc, ("score",), "times_seen + 1", elsewhere) is None
    assert "unknown name 'times_seen'" in build.problems[-1].message


def test_a_role_staking_a_name_the_game_does_not_have_is_told_with_a_hint(tmp_path: Path) -> None:
    import shutil

    from game.content.loader import load_partial

    root = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", root, ignore=shutil.ignore_patterns("locale"))
    role = root / "roles" / "agency_owner.yaml"
    role.write_text(role.read_text(encoding="utf-8").replace("agency_fee: higher", "agency_fe: higher, turn: higher",
                                                             1), encoding="utf-8")
    _, problems = load_partial(root)
    said = [p.message for p in problems if p.path.endswith("agency_owner.yaml")]
    assert "unknown meter, counter or flag 'agency_fe' (did you mean 'agency_fee'?)" in said
    assert "unknown meter, counter or flag 'turn'" in said  # the month is not a stake
