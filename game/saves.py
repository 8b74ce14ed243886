"""Atomic, versioned save files: an autosave slot plus named slots in a folder.

A save is JSON: a format tag, a version and the oldest version that can read it, the content's
fingerprint, the seed, the options and the actions taken (ids, never copies of content text), a
digest of the resulting state, and a summary for the load screen. Loading replays the actions and
checks the digest. Writes go to a temp file in the same folder, are fsynced and then renamed over
the old file, so a save is never half-written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.content.compiled import Content
from game.engine.actions import action_from_json
from game.engine.game import Game
from game.engine.replay import replay
from game.errors import RulesError, SaveError

FORMAT = "friendship-pass-save"
VERSION = 2
MIN_VERSION = 2
AUTOSAVE = "autosave"
MAX_SAVE_BYTES = 4 * 1024 * 1024
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
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:  # some filesystems refuse to fsync a folder; the rename is still atomic
        pass


def to_json(game: Game, slot: str, ai_replies: frozenset[int] = frozenset()) -> bytes:
    """A save file. `ai_replies` (a class game's, from its class database): where in the action log the AI
    replied in talks for a classmate whose time ran out, so that a report on the file can say so."""
    doc: dict[str, Any] = {
        "format": FORMAT, "version": VERSION, "min_version": MIN_VERSION, "content": game.content.fingerprint,
        "slot": slot, "saved_at": time.time(), "seed": game.seed, "options": game.options,
        "actions": [a.to_json() for a in game.actions], "digest": digest(game),
        "summary": {"month": game.month_label(), "turn": game.turn, "over": game.is_over,
                    "meters": {m.id: m.value for m in game.meters()}, "ending": game.ending_id},
    }
    if ai_replies:
        doc["ai_replies"] = sorted(ai_replies)
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")


def _same_game(doc: dict[str, Any], game: Game) -> bool:
    """Whether a save's game is `game` at an earlier or later point: same seed and options, and one action log
    a prefix of the other (a rewound branch is another game)."""
    def rules(options: Any) -> Any:  # the language can change mid-game; it is still the same game
        return {k: v for k, v in options.items() if k != "lang"} if isinstance(options, dict) else options

    if doc.get("seed") != game.seed or rules(doc.get("options")) != rules(json.loads(json.dumps(game.options))):
        return False
    saved = doc.get("actions")
    if not isinstance(saved, list):
        return False
    ours = [a.to_json() for a in game.actions]
    shorter = min(len(saved), len(ours))
    return json.dumps(saved[:shorter], sort_keys=True) == json.dumps(ours[:shorter], sort_keys=True)


def digest(game: Game) -> str:
    """A fingerprint of the whole state: a replayed save must reach exactly this."""
    data = json.dumps(game.core_json(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


class SaveStore:
    """The saves in one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_save_dir()

    def path(self, slot: str) -> Path:
        return self.folder / f"{check_slot(slot)}.json"

    def save(self, game: Game, slot: str = AUTOSAVE) -> Path:
        """Write `game` to `slot`, whole or not at all. The autosave of another unfinished game (a new game
        started, or a rewound branch) is first kept under a name of its own, never overwritten; see `kept`."""
        path = self.path(slot)
        data = to_json(game, slot)
        try:
            if slot == AUTOSAVE and self._autosaved is not game:  # the same game again: nothing to read or keep
                self._keep_other_game(path, game)
            _write_atomic(path, data)
        except OSError as exc:
            raise SaveError(f"could not write {path}: {exc.strerror or exc}") from None
        if slot == AUTOSAVE:
            self._autosaved = game
        return path

    _autosaved: Game | None = None  # the game this store last wrote to the autosave (its own, so not read back)

    kept: str | None = None  # the slot an earlier game's autosave was last moved to, for hosts to mention

    def _keep_other_game(self, path: Path, game: Game) -> None:
        try:
            doc = read_save_file(path)
        except SaveError:  # no autosave yet, or one that cannot be used anyway
            return
        if doc.get("summary", {}).get("over") or _same_game(doc, game):
            return
        n = 1
        while self.path(f"earlier-autosave-{n}").exists():
            n += 1
        self.kept = f"earlier-autosave-{n}"
        os.replace(path, self.path(self.kept))

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
    """Read a save and check its shape; raises SaveError with a clear message."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise SaveError(f"{name} is too large to be a save file (a save is a few kilobytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"there is no save called {path.stem} in {path.parent}") from None
    except OSError as exc:
        raise SaveError(f"could not read {name}: {exc.strerror or exc}") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SaveError(f"{name} is damaged or not a Friendship Pass save (it is not valid JSON); "
                        "your other saves are untouched") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SaveError(f"{name} is not a Friendship Pass save")
    version = doc.get("min_version")
    if not isinstance(version, int) or version > VERSION:
        raise SaveError(f"{name} was made by a newer version of the game (save format {str(doc.get('version'))[:10]}); "
                        "update the game to load it")
    if isinstance(doc.get("version"), int) and doc["version"] < MIN_VERSION:
        raise SaveError(f"{name} was made by an earlier version of the game (save format {doc['version']}) that "
                        "this one cannot continue; start a new game (your other saves are untouched)")
    from game.save_schema import shape_problem  # pydantic only when a save is loaded, not on every start

    problem = shape_problem(doc)
    if problem:
        raise SaveError(f"{name} is damaged or was edited by hand ({problem})")
    return doc


def game_from_save(content: Content, doc: dict[str, Any], name: str = "save") -> Game:
    """Rebuild a game by replaying a save's actions, and check it reaches the saved state."""
    try:
        actions = [action_from_json(a) for a in doc["actions"]]
    except RulesError as exc:
        raise SaveError(f"{name} is damaged or was edited by hand: {exc}") from None
    same_content = doc.get("content") == content.fingerprint
    try:
        game = replay(content, doc["seed"], dict(doc.get("options") or {}), actions)
    except RulesError as exc:
        if same_content:
            raise SaveError(f"{name} is damaged or was edited by hand: {exc}") from None
        raise SaveError(f"{name} was made with different content (decks or scenario changed since) and does not "
                        "replay with these decks; load it with the decks it was made with") from None
    if digest(game) != doc["digest"]:
        if same_content and not doc.get("options", {}).get("dev"):
            raise SaveError(f"{name} is damaged or was edited by hand: it does not replay to the saved game")
        game.content_changed = True
    return game
