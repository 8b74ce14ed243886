"""Golden games: speed work must not change a single game.

For 100 seeds (60 on the test scenario) and every simulator strategy, the fixture `golden_games.json` holds each game's ending
and a digest of its final `core_json()` (everything that decides the game: values, flags, cards drawn,
actions, talks, timeline, RNG state, warnings). Every game is replayed on the lean path (`record=False`)
and on the recorded path, and must match; on the recorded path the history (records) must match too.

The digest leaves out the content's fingerprint, so a change to texts only (a translation, an English
fix) keeps the fixture valid; a change to the rules of the shipped content does not. To record the
fixture again after an intended change of the games:

    GOLDEN_UPDATE=1 python -m pytest tests/engine/test_golden_games.py
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from game.content import load_content
from game.content.compiled import Content
from game.engine.game import Game
from game.sim import STRATEGIES, play_one
from tests.conftest import FIXTURE, REPO

GOLDEN = Path(__file__).with_name("golden_games.json")
SEEDS = {"shipped": 100, "fixture": 60}
UPDATE = bool(os.environ.get("GOLDEN_UPDATE"))


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]


def core_digest(game: Game) -> str:
    core = game.core_json()
    core.pop("fingerprint")
    return _digest(core)


def records_digest(game: Game) -> str:
    return _digest([r.to_json() for r in game.records])


def play(content: Content, strategy: str, seeds: int, record: bool) -> list[list[str]]:
    out = []
    for seed in range(seeds):
        game = play_one(content, seed, strategy, record=record)
        row = [game.ending_id or "unfinished", core_digest(game)]
        if record:
            row.append(records_digest(game))
        out.append(row)
    return out


_CONTENT: dict[str, Content] = {}


def _content(name: str) -> Content:
    if name not in _CONTENT:
        _CONTENT[name] = load_content(REPO / "content" if name == "shipped" else FIXTURE)
    return _CONTENT[name]


def _load() -> dict[str, Any]:
    return json.loads(GOLDEN.read_text()) if GOLDEN.exists() else {}


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
@pytest.mark.parametrize("which", sorted(SEEDS))
def test_every_golden_game_is_played_exactly_as_recorded(which: str, strategy: str) -> None:
    content = _content(which)
    seeds = SEEDS[which]
    full = play(content, strategy, seeds, record=True)
    lean = play(content, strategy, seeds, record=False)
    if UPDATE:
        golden = _load()
        golden.setdefault(which, {})[strategy] = full
        golden.setdefault("fingerprints", {})[which] = content.fingerprint
        GOLDEN.write_text(json.dumps(golden, indent=0, sort_keys=True) + "\n")
    golden = _load()
    assert which in golden and strategy in golden[which], f"no golden games for {which}/{strategy}: record them " \
        "with GOLDEN_UPDATE=1"
    expected = golden[which][strategy]
    note = "" if golden["fingerprints"][which] == content.fingerprint else (
        f" (the {which} content changed since the golden games were recorded: if its rules changed on purpose, "
        "record them again with GOLDEN_UPDATE=1)")
    for seed, (want, got_full, got_lean) in enumerate(zip(expected, full, lean, strict=True)):
        assert got_full == want, f"{which}/{strategy} seed {seed}: the recorded path changed the game{note}"
        assert got_lean == want[:2], f"{which}/{strategy} seed {seed}: the lean path changed the game{note}"
