"""The author commands as a user runs them: exit codes, where messages go, --json for CI, new-deck."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.authoring.conftest import CARD, write_deck
from tests.conftest import REPO

HEAD = "deck: pack\ntitle: Pack\nevents:\n"
NOISY = HEAD + CARD.format(id="a").replace("effects: {security: 1, development: -1}",
                                           "effects: {security: 1, development: -1}\n        set: [promised_houses]")
BROKEN = HEAD + CARD.format(id="a").replace("security: 1", "securty: 1")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], check=False, cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def test_a_clean_deck_validates_with_exit_0_and_an_ok_line(tiny: Path) -> None:
    deck = write_deck(tiny.parent, HEAD + CARD.format(id="a"))
    result = run("validate", "--content", str(tiny), "--deck", str(deck))
    assert result.returncode == 0
    assert result.stdout.startswith("OK: 2 cards in 2 decks")
    assert result.stderr == ""


def test_warnings_go_to_stderr_and_do_not_fail_the_run(tiny: Path) -> None:
    deck = write_deck(tiny.parent, NOISY)
    result = run("validate", "--content", str(tiny), "--deck", str(deck))
    assert result.returncode == 0
    assert result.stdout.startswith("OK: ") and result.stdout.rstrip().endswith("1 warning(s)")
    assert result.stderr.rstrip().endswith(":12:15: warning: flag 'promised_houses' is set here but nothing "
                                           "reads it (no `when`, weight or effect mentions it)")


def test_strict_turns_warnings_into_exit_1(tiny: Path) -> None:
    deck = write_deck(tiny.parent, NOISY)
    assert run("validate", "--strict", "--content", str(tiny), "--deck", str(deck)).returncode == 1
    clean = write_deck(tiny.parent, HEAD + CARD.format(id="a"), "clean.yaml")
    assert run("validate", "--strict", "--content", str(tiny), "--deck", str(clean)).returncode == 0


def test_errors_exit_2_with_located_lines_on_stderr(tiny: Path) -> None:
    deck = write_deck(tiny.parent, BROKEN)
    result = run("validate", "--content", str(tiny), "--deck", str(deck))
    assert result.returncode == 2
    assert "pack.yaml:11:19: unknown meter or counter 'securty' (did you mean 'security'?)" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_lists_warnings_with_path_line_column_message(tiny: Path) -> None:
    deck = write_deck(tiny.parent, NOISY)
    result = run("validate", "--json", "--content", str(tiny), "--deck", str(deck))
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert report["errors"] == []
    [warning] = report["warnings"]
    assert warning["path"].endswith("pack.yaml")
    assert (warning["line"], warning["column"]) == (12, 15)
    assert warning["message"].startswith("flag 'promised_houses' is set here")


def test_json_lists_errors_and_exits_2(tiny: Path) -> None:
    deck = write_deck(tiny.parent, BROKEN)
    result = run("validate", "--json", "--content", str(tiny), "--deck", str(deck))
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["warnings"] == []
    assert [(e["line"], e["column"], e["message"]) for e in report["errors"]] == [
        (11, 19, "unknown meter or counter 'securty' (did you mean 'security'?)")]


def test_json_with_strict_exits_1_on_warnings(tiny: Path) -> None:
    deck = write_deck(tiny.parent, NOISY)
    assert run("validate", "--json", "--strict", "--content", str(tiny), "--deck", str(deck)).returncode == 1


def test_with_deck_only_the_added_decks_warnings_are_shown(tiny: Path) -> None:
    noisy_base = NOISY.replace("deck: pack", "deck: base").replace("id: a", "id: base_card")
    (tiny / "decks" / "base.yaml").write_text(noisy_base, encoding="utf-8")
    deck = write_deck(tiny.parent, HEAD + CARD.format(id="a"))
    result = run("validate", "--content", str(tiny), "--deck", str(deck))
    assert "warning:" not in result.stderr
    assert "(1 more in the rest of the content: run validate without --deck to see them)" in result.stdout
    assert "warning: flag 'promised_houses'" in run("validate", "--content", str(tiny)).stderr


def test_new_deck_writes_a_starter_that_validates_without_warnings(tmp_path: Path) -> None:
    result = run("new-deck", "border_clinic", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "border_clinic.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    schema = text.splitlines()[0].split("$schema=", 1)[1]
    assert (tmp_path / schema).resolve() == (REPO / "content" / "schemas" / "deck.schema.json").resolve()
    checked = run("validate", "--strict", "--deck", str(path))
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""


def test_new_deck_cites_a_quote_found_word_for_word_in_the_shipped_decks(tmp_path: Path) -> None:
    run("new-deck", "border_clinic", "--out", str(tmp_path))
    shipped = "".join(p.read_text(encoding="utf-8") for p in (REPO / "content" / "decks").glob("*.yaml"))
    quotes = [line.split('quote: "', 1)[1].rsplit('"', 1)[0]
              for line in (tmp_path / "border_clinic.yaml").read_text(encoding="utf-8").splitlines()
              if "quote:" in line]
    assert quotes and all(f'quote: "{q}"' in shipped for q in quotes)


def test_new_deck_has_a_conditional_card_with_a_follow_up(tmp_path: Path) -> None:
    run("new-deck", "border_clinic", "--out", str(tmp_path))
    text = (tmp_path / "border_clinic.yaml").read_text(encoding="utf-8")
    assert "\n    when: " in text and "follow_ups: [{event: border_clinic_clerks_report" in text


def test_new_deck_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "border_clinic.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = run("new-deck", "border_clinic", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "already exists; nothing was written" in result.stderr
    assert path.read_text(encoding="utf-8") == "mine\n"


def test_new_deck_refuses_a_name_that_is_not_an_id_or_is_taken(tmp_path: Path) -> None:
    bad = run("new-deck", "Border-Clinic", "--out", str(tmp_path))
    assert bad.returncode == 2 and "'Border-Clinic' is not a valid deck name" in bad.stderr
    taken = run("new-deck", "runaways", "--out", str(tmp_path))
    assert taken.returncode == 2 and "a deck called 'runaways' already exists" in taken.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_card_missing_a_middle_choice_is_reported_not_a_traceback(tiny: Path) -> None:
    """The choice after it keeps its place in the file (3), so the checks must find choices by that, not by
    their position among the choices that loaded (this used to end in an IndexError)."""
    card = CARD.format(id="a").replace("      - label: Two\n", "      - outcome: No label\n      - label: Two\n"
                                       "        when: \"security > 1\"\n")
    result = run("validate", "--content", str(tiny), "--deck", str(write_deck(tiny.parent, HEAD + card)))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert ":12:9: missing field 'label'" in result.stderr
