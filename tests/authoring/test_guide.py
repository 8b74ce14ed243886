"""The author guide's worked example is a real deck: it validates without warnings and can be played."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

GUIDE = REPO / "docs" / "authoring.md"


def guide_block(marker: str) -> str:
    """The first YAML block after `<!-- marker` in the guide."""
    text = GUIDE.read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker}", 1)[1].split("```yaml\n", 1)[1]
    return block.split("```", 1)[0]


def example_deck() -> str:
    return guide_block("example-deck")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], check=False, cwd=REPO, input=stdin,
                          capture_output=True,
                          text=True, timeout=120)


def test_the_guides_example_deck_validates_without_warnings(tmp_path: Path) -> None:
    deck = tmp_path / "border_clinic.yaml"
    deck.write_text(example_deck(), encoding="utf-8")
    result = run("validate", "--strict", "--deck", str(deck))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_guides_example_deck_can_be_played_in_plain_mode(tmp_path: Path) -> None:
    deck = tmp_path / "border_clinic.yaml"
    deck.write_text(example_deck(), encoding="utf-8")
    result = run("play", "--plain", "--deck", str(deck), "--saves", str(tmp_path / "saves"), stdin="1\n1\n\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_the_guide_names_every_field_of_a_card_and_a_choice() -> None:
    from game.content.models import Choice, Deck, Event

    text = GUIDE.read_text(encoding="utf-8")
    for model in (Deck, Event, Choice):
        for field in model.model_fields:
            assert f"`{field}`" in text, f"{model.__name__}.{field} is not explained in the guide"


def test_the_guide_lists_every_name_a_deck_can_use(shipped_content) -> None:
    c = shipped_content
    text = GUIDE.read_text(encoding="utf-8")
    names = [*c.meters, *c.counters, *c.policies, *c.scenario.flags, *c.negotiations, *c.sources]
    assert [n for n in names if f"`{n}`" not in text] == []
