"""Reading saves for reports: one save by slot or path, or every save under several paths.

Reports are read-only, so they are more forgiving than loading a game to continue it: a save made
with other decks is still reported (with a note); a damaged one raises SaveError with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.content.compiled import Content
from game.engine.state import GameState
from game.errors import SaveError
from game.saves import SaveStore, game_from_save, read_save_file


@dataclass(frozen=True)
class LoadedSave:
    name: str
    path: Path
    state: GameState
    notes: tuple[str, ...] = ()


def resolve(store: SaveStore, save: str) -> Path:
    """A slot name in the store's folder, or a path to a .json file."""
    candidate = Path(save)
    if save.endswith(".json") or candidate.exists() or "/" in save or "\\" in save:
        return candidate
    return store.path(save)


def load_save(content: Content, path: Path, name: str | None = None) -> LoadedSave:
    """Read one save for a report; raises SaveError (with the file's name) if it cannot be used."""
    doc = read_save_file(path)
    label = name or path.stem
    if doc.get("content") == content.fingerprint:
        return LoadedSave(label, path, game_from_save(content, doc, str(path)).state)
    try:
        state = GameState.from_dict(doc["state"])
    except (TypeError, KeyError, ValueError) as exc:
        raise SaveError(f"{path} is damaged: {exc}") from None
    if not isinstance(state.values, dict) or not isinstance(state.history, list) or not isinstance(state.turn, int):
        raise SaveError(f"{path} is damaged: its game state is incomplete")
    return LoadedSave(label, path, state, ("This save was made with other decks or another version of the "
                                           "scenario; cards it names that are not loaded now show as ids.",))


def find_saves(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every .json file in `paths` (folders are searched recursively), and problems with paths."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file() and not p.name.startswith("."))
            if not found:
                problems.append((str(path), "no .json save files in this folder"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append((str(path), "no such file or folder"))
    unique: list[Path] = []
    seen: set[Path] = set()
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def display_names(files: list[Path]) -> dict[Path, str]:
    """Short names for a class list: the file stem, or folder/stem when stems repeat (autosave.json)."""
    stems: dict[str, int] = {}
    for f in files:
        stems[f.stem] = stems.get(f.stem, 0) + 1
    return {f: f.stem if stems[f.stem] == 1 else f"{f.parent.name}/{f.stem}" for f in files}
