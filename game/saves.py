"""Atomic, versioned save files: an autosave slot plus named slots in a folder.

A save is JSON: a format tag, a version and the oldest version that can read it, the content's
fingerprint, a summary for the load screen, and the whole game state. Writes go to a temp file in
the same folder, are fsynced and then renamed over the old file, so a save is never half-written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.content.compiled import Content
from game.engine.game import Game
from game.engine.state import GameState
from game.errors import SaveError

FORMAT = "friendship-pass-save"
VERSION = 1
MIN_VERSION = 1
AUTOSAVE = "autosave"
MAX_SAVE_BYTES = 32 * 1024 * 1024
_SLOT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "saves"


def default_save_dir() -> Path:
    """`$FRIENDSHIP_PASS_SAVES` if set, else saves/ beside the package."""
    return Path(os.environ.get("FRIENDSHIP_PASS_SAVES", DEFAULT_DIR))


def check_slot(name: str) -> str:
    """A slot name is letters, digits, space, _ and -, at most 64 characters; nothing that leaves the folder."""
    if not isinstance(name, str) or not _SLOT.fullmatch(name) or name.strip() != name:
        raise SaveError(f"'{name[:80]}' is not a usable save name: use up to 64 letters, digits, spaces, "
                        "- or _, starting with a letter or digit")
    return name


@dataclass(frozen=True)
class SaveInfo:
    """What the load screen shows about a save without loading the game."""

    slot: str
    path: Path
    saved_at: float
    month: str
    turn: int
    meters: dict[str, int]
    over: bool
    problem: str = ""  # non-empty when the file cannot be used


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:  # some filesystems refuse to fsync a folder; the rename is still atomic
        pass


def to_json(game: Game, slot: str) -> bytes:
    st = game.state
    doc = {
        "format": FORMAT, "version": VERSION, "min_version": MIN_VERSION, "content": game.content.fingerprint,
        "slot": slot, "saved_at": time.time(),
        "summary": {"month": game.month_label(), "turn": st.turn, "over": game.is_over,
                    "meters": {m: st.values[m] for m in game.content.meters}},
        "state": st.to_dict(),
    }
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


class SaveStore:
    """The saves in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_save_dir()

    def path(self, slot: str) -> Path:
        return self.folder / f"{check_slot(slot)}.json"

    def save(self, game: Game, slot: str = AUTOSAVE) -> Path:
        path = self.path(slot)
        try:
            _write_atomic(path, to_json(game, slot))
        except OSError as exc:
            raise SaveError(f"could not write {path}: {exc.strerror or exc}") from None
        return path

    def read(self, slot_or_path: str | Path) -> dict[str, Any]:
        """Read and check a save file's envelope; raises SaveError with a clear message."""
        path = Path(slot_or_path) if isinstance(slot_or_path, Path) else self.path(slot_or_path)
        return read_save_file(path)

    def load(self, content: Content, slot_or_path: str | Path) -> Game:
        return game_from_save(content, self.read(slot_or_path), str(slot_or_path))

    def list(self) -> list[SaveInfo]:
        """Every save in the folder, newest first; unusable files are listed with their problem."""
        if not self.folder.is_dir():
            return []
        out = []
        for path in self.folder.glob("*.json"):
            slot = path.stem
            try:
                doc = read_save_file(path)
                s = doc["summary"]
                out.append(SaveInfo(slot, path, float(doc.get("saved_at", 0)), str(s["month"]), int(s["turn"]),
                                    dict(s["meters"]), bool(s["over"])))
            except (SaveError, KeyError, TypeError, ValueError) as exc:
                out.append(SaveInfo(slot, path, path.stat().st_mtime, "?", 0, {}, False, str(exc)))
        return sorted(out, key=lambda i: i.saved_at, reverse=True)


def read_save_file(path: Path) -> dict[str, Any]:
    name = str(path)
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise SaveError(f"{name} is too large to be a save file")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"there is no save called {path.stem} in {path.parent}") from None
    except OSError as exc:
        raise SaveError(f"could not read {name}: {exc.strerror or exc}") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SaveError(f"{name} is damaged or not a Friendship Pass save (it is not valid JSON); "
                        "your other saves are untouched") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SaveError(f"{name} is not a Friendship Pass save")
    if not isinstance(doc.get("min_version"), int) or doc["min_version"] > VERSION:
        raise SaveError(f"{name} was made by a newer version of the game (save format {doc.get('version')}); "
                        "update the game to load it")
    if not isinstance(doc.get("state"), dict) or not isinstance(doc.get("summary"), dict):
        raise SaveError(f"{name} is damaged: its game state is missing")
    return doc


def game_from_save(content: Content, doc: dict[str, Any], name: str = "save") -> Game:
    """Rebuild a game from a save document, checking it against the loaded content."""
    if doc.get("content") != content.fingerprint:
        raise SaveError(f"{name} was made with different content (decks or scenario changed since); "
                        "it cannot be continued with these decks")
    try:
        state = GameState.from_dict(doc["state"])
    except TypeError as exc:
        raise SaveError(f"{name} is damaged: {exc}") from None
    problem = state_problem(content, state)
    if problem:
        raise SaveError(f"{name} is damaged or was edited by hand: {problem}")
    return Game(content, state)


def state_problem(content: Content, state: GameState) -> str:
    """Why a state cannot run on this content ('' when it can)."""
    for meter in content.meters.values():
        value = state.values.get(meter.id)
        if not isinstance(value, int) or not meter.min <= value <= meter.max:
            return f"meter '{meter.id}' is {value!r}, outside {meter.min}..{meter.max}"
    for counter in content.counters.values():
        if not isinstance(state.values.get(counter.id), int):
            return f"counter '{counter.id}' is missing or not a whole number"
    for pid, rule in content.policies.items():
        if state.values.get(pid) not in rule.options:
            return f"policy '{pid}' has an unknown setting {state.values.get(pid)!r}"
    for event_id in state.hand:
        if event_id not in content.events:
            return f"it refers to a card '{event_id}' that these decks do not have"
    if not isinstance(state.turn, int) or not 1 <= state.turn <= content.turns:
        return f"turn {state.turn!r} is outside 1..{content.turns}"
    if state.phase not in ("cards", "over") or not 0 <= state.hand_pos <= len(state.hand):
        return "its phase or card position makes no sense"
    if not isinstance(state.rng, int):
        return "its random-number state is missing"
    return ""
