"""Packs of anything: decks, negotiations, terms, sources and characters in a folder of their own, loaded and
checked with the shipped content, never replacing it, never half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_content
from game.errors import ContentError
from tests.authoring.conftest import CARD
from tests.authoring.test_guide import guide_block, run

TALKS = """\
negotiation: {id}
title: Talks
counterpart: A counterpart
interests:
  - {{id: trust, says: Trust, value: "(security - 50) / 10"}}
reservation: "1"
alternative: Nothing changes.
positions:
  - {{id: low, label: As now}}
  - {{id: high, label: More, cost: 1, effects: {{development: 2}}}}
no_deal:
  - {{id: none, label: No deal}}
replies:
  opening: [Hello.]
  warmer: [Good.]
  cooler: [Bad.]
  counter: [Counter.]
  accept: [Yes.]
  refuse: [No.]
  impatient: [Enough.]
  walkout: [Bye.]
"""
OPENER = CARD.replace("      - label: Two\n", "      - label: Two\n        negotiate: {talks}\n")


def _problems(root: Path, *packs: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(root, list(packs))
    return [str(p) for p in info.value.problems]


def test_a_negotiation_and_the_deck_that_opens_it_load_as_a_pack(tiny: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "talks.yaml").write_text(TALKS.format(id="side_talks"), encoding="utf-8")
    (pack / "opener.yaml").write_text("deck: opener\ntitle: O\nevents:\n" + OPENER.format(id="o1", talks="side_talks"),
                                      encoding="utf-8")
    content = load_content(tiny, [pack])
    assert "side_talks" in content.negotiations and "o1" in content.events
    assert content.events["o1"].choices[1].negotiate == "side_talks"


def test_every_kind_is_recognised_by_its_first_key(tiny: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "texts").mkdir(parents=True)
    (pack / "pack.yaml").write_text("pack: my_pack\ntitle: My pack\nauthor: A teacher\n", encoding="utf-8")
    (pack / "sources.yaml").write_text("sources:\n  - {id: mine2024, short: Mine, citation: Mine., file: mine.txt}\n",
                                       encoding="utf-8")
    (pack / "terms.yaml").write_text("terms:\n  - {id: cane, term: Cane, definition: Sugar cane.}\n", encoding="utf-8")
    (pack / "people.yaml").write_text("characters:\n  - {id: lan, name: Lan, role: a cutter}\n", encoding="utf-8")
    (pack / "only_events.yaml").write_text("events:\n" + CARD.format(id="e1").replace("id: src", "id: mine2024"),
                                           encoding="utf-8")
    content = load_content(tiny, [pack])
    assert "mine2024" in content.sources and "lan" in content.characters
    assert any(t.id == "cane" for t in content.glossary)
    assert content.events["e1"].deck == "only_events"  # `deck:` defaults to the file name


@pytest.mark.parametrize(("name", "body", "expected"), [
    ("negotiation", TALKS.format(id="base_talks"), "negotiation id 'base_talks' is already used at"),
    ("terms", "terms:\n  - {id: shipped_term, term: T, definition: D.}\n", ("glossary term id 'shipped_term' is "
                                                                            "already used at")),
    ("sources", "sources:\n  - {id: src, short: S, citation: C.}\n", "source id 'src' is already used at"),
])
def test_a_pack_cannot_replace_shipped_ids(tiny: Path, tmp_path: Path, name: str, body: str, expected: str) -> None:
    (tiny / "negotiations").mkdir()
    (tiny / "negotiations" / "base_talks.yaml").write_text(TALKS.format(id="base_talks"), encoding="utf-8")
    (tiny / "glossary.yaml").write_text("terms:\n  - {id: shipped_term, term: T, definition: D.}\n", encoding="utf-8")
    path = tmp_path / f"{name}.yaml"
    path.write_text(body, encoding="utf-8")
    found = _problems(tiny, path)
    assert len(found) == 1 and expected in found[0] and "a pack cannot replace a shipped" in found[0], found


def test_the_same_id_twice_in_packs_says_where_the_other_is_without_blaming_the_shipped_content(
        tiny: Path, tmp_path: Path) -> None:
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("deck: a\ntitle: A\nevents:\n" + CARD.format(id="twin"), encoding="utf-8")
    b.write_text("deck: b\ntitle: B\nevents:\n" + CARD.format(id="twin"), encoding="utf-8")
    found = _problems(tiny, a, b)
    assert len(found) == 1 and "event id 'twin' is used twice: also at" in found[0] and "a.yaml:4" in found[0]


@pytest.mark.parametrize(("body", "expected"), [
    ("title: x\ncalendar: {start: 2018-01, turns: 3}\n", "a pack cannot bring a scenario"),
    ("negotiaton: x\ntitle: y\n", "did you mean `negotiation:`?"),
    ("- a\n- b\n", "a content file starts with `deck:`, `negotiation:`"),
])
def test_a_file_that_is_no_kind_of_content_says_what_the_kinds_are(tiny: Path, tmp_path: Path, body: str,
                                                                    expected: str) -> None:
    path = tmp_path / "odd.yaml"
    path.write_text(body, encoding="utf-8")
    found = _problems(tiny, path)
    assert len(found) == 1 and expected in found[0], found


def test_a_broken_pack_is_refused_whole_with_every_problem(tiny: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "talks.yaml").write_text(TALKS.format(id="t").replace("value:", "valeu:"), encoding="utf-8")
    (pack / "deck.yaml").write_text("deck: d\ntitle: D\nevents:\n" + OPENER.format(id="d1", talks="t").replace(
        "security: 1", "securty: 1"), encoding="utf-8")
    found = _problems(tiny, pack)
    assert any("talks.yaml" in p and "unknown field 'valeu'" in p for p in found), found
    assert any("deck.yaml" in p and "unknown meter or counter 'securty'" in p for p in found), found
    assert not any("unknown negotiation 't'" in p for p in found)  # the broken talks still count as existing


def test_pack_needs_a_manifest_and_migrate_rewrites_old_files_with_a_backup(tmp_path: Path) -> None:
    from tests.conftest import REPO

    pack = tmp_path / "pack"
    pack.mkdir()
    old = (REPO / "tests" / "fixtures" / "old_format" / "permit_length_v1.yaml").read_text(encoding="utf-8")
    (pack / "old_talks.yaml").write_text(old.replace("negotiation: permit_length", "negotiation: old_talks"),
                                         encoding="utf-8")
    refused = run("validate", "--pack", str(pack))
    assert refused.returncode == 2 and "has no pack.yaml" in refused.stderr
    (pack / "pack.yaml").write_text("pack: old_pack\ntitle: Old pack\nformat: 1\n", encoding="utf-8")
    assert run("validate", "--no-sources", "--pack", str(pack)).returncode == 0  # earlier formats load as they are
    migrated = run("migrate", str(pack))
    assert migrated.returncode == 0, migrated.stderr
    assert (pack / "old_talks.yaml.bak").read_text(encoding="utf-8") == old.replace(
        "negotiation: permit_length", "negotiation: old_talks")
    assert "patience" not in (pack / "old_talks.yaml").read_text(encoding="utf-8")
    assert "format: 2" in (pack / "pack.yaml").read_text(encoding="utf-8")
    assert run("validate", "--no-sources", "--pack", str(pack)).returncode == 0
    assert "already in the current format" in run("migrate", str(pack / "old_talks.yaml")).stdout


def test_the_guides_negotiation_example_is_a_pack_that_validates_and_plays(tmp_path: Path) -> None:
    pack = tmp_path / "cane_pack"
    pack.mkdir()
    (pack / "cane_contract.yaml").write_text(guide_block("example-negotiation:"), encoding="utf-8")
    (pack / "cane_season.yaml").write_text(guide_block("example-negotiation-deck"), encoding="utf-8")
    checked = run("validate", "--strict", "--deck", str(pack))
    assert checked.returncode == 0, checked.stderr
    turns = "".join("1\n1\n1\n\n" for _ in range(4))
    played = run("play", "--plain", "--dev", "--deck", str(pack), "--force", "cane_mill_calls", "--seed", "3",
                 "--saves", str(tmp_path / "saves"), stdin=turns)
    assert played.returncode == 0, played.stderr
    assert "The sugar mill calls" in played.stdout
    assert "The cane is ripe." in played.stdout  # the talks opened


def test_a_role_added_as_a_pack_validates_and_is_played(tmp_path: Path) -> None:
    """A teacher's own role in a folder of its own (no copy of content/): validated, then held at the keyboard."""
    from tests.conftest import REPO

    pack = tmp_path / "scholar"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack: scholar\ntitle: A visiting scholar\nauthor: A teacher\n", encoding="utf-8")
    inspector = (REPO / "content" / "roles" / "inspector.yaml").read_text(encoding="utf-8")
    (pack / "scholar.yaml").write_text(inspector.replace("role: inspector", "role: visiting_scholar").replace(
        "name: The inspector from Nanning and Beijing (a composite)", "name: A visiting scholar (a composite)"),
        encoding="utf-8")
    checked = run("validate", "--pack", str(pack))
    assert checked.returncode == 0, checked.stderr
    assert "7 roles" in checked.stdout
    content = load_content(REPO / "content", [pack])
    assert "visiting_scholar" in content.roles and "inspector" in content.roles
    played = run("play", "--plain", "--pack", str(pack), "--roles", "visiting_scholar", "--seed", "3",
                 "--saves", str(tmp_path / "saves"), stdin="1\n\n1\n\n")
    assert played.returncode == 0, played.stderr
    assert (tmp_path / "saves" / "autosave.json").exists()
