"""Each broken deck in the corpus is refused with one exact, located message (loaded over the shipped content)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_content
from game.errors import ContentError
from tests.conftest import REPO

BROKEN = REPO / "tests" / "fixtures" / "broken_decks"


def _shipped_line(deck: str, card: str) -> int:
    lines = (REPO / "content" / "decks" / deck).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip() == f"- id: {card}")


# file -> "line:column: message" exactly as `validate` prints it after the file name
EXPECTED = {
    "syntax_error": "12:18: the `{` here is never closed: add `}` at the end of the value",
    "wrong_type": "9:11: once: input should be a valid boolean, unable to interpret input",
    "unknown_meter": "12:19: unknown meter or counter 'securty' (did you mean 'security'?)",
    "unknown_flag_in_when": "9:26: unknown name 'agency_fined' (did you mean 'agency_fee'?) "
                            "in expression 'turn >= 3 and agency_fined'",
    "duplicate_id": "5:9: event id 'nia_refuses_half_year_permits' is already used at "
                    "content/decks/central_pressure.yaml:{line} (a pack cannot replace a shipped card; give yours an "
                    "id of its own)",
    "bad_date": "9:9: at: '2019-13' is not a month; write YYYY-MM, e.g. 2019-01",
    "missing_source": "5:5: missing field 'source'",
    "unknown_source": "9:18: unknown source 'smith2021' (add it to sources.yaml, or to a sources file in your "
                      "pack)",
    "alias_anchor": "12:18: anchors and aliases (& and *) are not allowed; write the value out",
    "merge_key": "12:9: merge keys (<<) are not allowed; write the keys out",
    "one_choice": "10:5: choices: a card needs 2 to 4 choices, this one has 1",
    "unknown_field": "12:9: unknown field 'efects' (did you mean 'effects'?)",
    "bad_expression": "9:21: unexpected character '=' in expression 'security = 50'",
    "unknown_policy_option": "12:32: unknown option of tracking_app 'always'",
}


def test_every_broken_deck_in_the_corpus_has_an_expected_message() -> None:
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_broken_deck_is_refused_with_one_located_message(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # paths in messages are relative to the working folder
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(ContentError) as info:
        load_content(None, [path])
    problems = info.value.problems
    line = _shipped_line("central_pressure.yaml", "nia_refuses_half_year_permits")
    expected = EXPECTED[name].replace("{line}", str(line))
    assert [str(p) for p in problems] == [f"tests/fixtures/broken_decks/{name}.yaml:{expected}"]


def test_the_line_named_in_the_message_is_the_line_with_the_mistake(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    with pytest.raises(ContentError) as info:
        load_content(None, [BROKEN / "unknown_meter.yaml"])
    problem = info.value.problems[0]
    line = (BROKEN / "unknown_meter.yaml").read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert line[problem.column - 1:].startswith("securty")


def test_all_broken_decks_together_are_all_reported_in_one_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    with pytest.raises(ContentError) as info:
        load_content(None, sorted(Path(BROKEN).glob("*.yaml")))
    files = {p.path for p in info.value.problems}
    assert len(files) == len(EXPECTED)
