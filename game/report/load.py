"""Reading saves for reports: one save by slot or path, or every save under several paths.

A save holds the action log, not the state, so a report replays it through `game.saves.game_from_save`
(which checks its shape and that it reaches the saved game). Identity is the file: two different files
are two games, whatever their choices; only byte-identical copies are reported as duplicates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from game.content.compiled import Content
from game.engine.game import Game
from game.errors import FriendshipPassError, SaveError
from game.i18n import LANGUAGES, N_, _, language, use_language
from game.saves import AUTOSAVE, SaveStore, game_from_save, read_save_file
from game.textsafe import clean_line


@dataclass(frozen=True)
class LoadedGame:
    """One save, replayed."""

    name: str  # what the reports call it (the file's stem, or folder/stem when stems repeat)
    path: Path
    game: Game
    notes: tuple[str, ...] = ()  # things a reader should know about this save (changed content, author tools)
    tags: tuple[str, ...] = ()  # the same in a few words, for the class roster
    sha256: str = ""
    ai_replies: frozenset[int] = frozenset()  # live talks: actions where the AI replied for a holder (classdb)


@dataclass(frozen=True)
class Duplicate:
    """A file byte-for-byte identical to another one already read (the same save handed in twice)."""

    path: Path
    name: str
    same_as: Path
    same_as_name: str


def resolve(store: SaveStore, save: str) -> Path:
    """A slot name in the store's folder, or a path to a .json file."""
    candidate = Path(save)
    if save.endswith(".json") or candidate.exists() or "/" in save or "\\" in save:
        return candidate
    return store.path(save)


def _same_as_saved(doc: dict, game: Game) -> bool:
    """Whether the replayed game ends where the save's summary says the player was (month, ending, meters)."""
    summary = doc.get("summary") or {}
    return (summary.get("turn") == game.turn and summary.get("over") == game.is_over
            and summary.get("ending") == game.ending_id
            and summary.get("meters") == {m.id: m.value for m in game.meters()})


SAME_GAME = (N_("other deck version"),
             N_("This save was made with another version of the decks. Replayed on the decks loaded now it reaches "
                "the same month, meters and ending, but the wording of cards may have changed."))
CHANGED = (N_("replayed on changed content"),
           N_("This save was made with other decks or another version of the scenario and was replayed on the "
              "content loaded now: the same choices led to a somewhat different game, so numbers and cards may not "
              "match what the player saw."))
AUTHOR_TOOLS = (N_("author tools used"),
                N_("This game was played with author tools (--dev): cards may have been forced or values set by "
                   "hand; they are listed among the decisions."))


def _notes(content: Content, doc: dict, game: Game) -> list[tuple[str, str]]:
    """(a few words for the class roster, a sentence for the debrief) for each thing a reader should know."""
    notes = []
    if doc.get("content") != content.fingerprint or game.content_changed:
        notes.append(SAME_GAME if _same_as_saved(doc, game) else CHANGED)
    if game.options.get("dev"):
        notes.append(AUTHOR_TOOLS)
    return notes


def load_game(content: Content, path: Path, name: str | None = None, raw: bytes | None = None,
              lang: str | None = None) -> LoadedGame:
    """Read and replay one save for a report, in `lang` (None: the language it was played in; the replay
    reaches the same game in any language). Raises SaveError with one clear line if it cannot be used."""
    doc = read_save_file(path)
    if lang is not None:
        doc = {**doc, "options": {**(doc.get("options") or {}), "lang": lang}}
    try:
        game = game_from_save(content, doc, str(path))
    except FriendshipPassError:
        raise
    except Exception as exc:  # noqa: BLE001 - a save that breaks the replay is reported, never a traceback
        raise SaveError(_("{path} is damaged or was edited by hand: it could not be replayed ({error})").format(
            path=path, error=type(exc).__name__)) from None
    digest = hashlib.sha256(raw).hexdigest() if raw is not None else ""
    if game.lang not in LANGUAGES:  # a save edited by hand: English, as for any missing translation
        game.use_language("en")
    with use_language(game.lang):
        notes = [(_(tag), _(sentence)) for tag, sentence in _notes(content, doc, game)]
    ai_replies = frozenset(doc.get("ai_replies") or ())  # its shape was checked with the rest of the save
    return LoadedGame(name or path.stem, path, game, tuple(n for _, n in notes), tuple(t for t, _ in notes), digest,
                      ai_replies)


def one_line(message: object) -> str:
    """An error message as one terminal-safe line."""
    return clean_line(" ".join(str(message).split()))


def reason(path: Path, message: object) -> str:
    """Why a file was skipped, as one line that does not repeat its name ('it is not a Friendship Pass save')."""
    text = str(message)
    if language() != "en":  # "it" does not fit every sentence in every language: the path stays
        return one_line(text)
    return one_line("it" + text[len(str(path)):] if text.startswith(str(path) + " ") else text)


def find_saves(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every .json file in `paths` (folders are searched recursively), and problems with paths.
    The same file named twice (or through a symlink) is read once."""
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file() and not p.name.startswith("."))
            if not found:
                problems.append((str(path), _("no .json save files in this folder")))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append((str(path), _("no such file or folder")))
    unique: list[Path] = []
    seen: set[Path] = set()
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def display_names(files: list[Path]) -> dict[Path, str]:
    """Short, distinct names for a class list: the file's stem, with as many parent folders as it takes
    to tell it apart from the others (`ana`, `session-…-fb8815/autosave`)."""
    names: dict[Path, str] = {}
    depth = {f: 0 for f in files}
    while True:
        names = {}
        for f in files:
            parents = f.parent.parts[len(f.parent.parts) - depth[f]:] if depth[f] else ()
            names[f] = "/".join((*parents, f.stem))
        counts: dict[str, int] = {}
        for n in names.values():
            counts[n] = counts.get(n, 0) + 1
        clash = [f for f in files if counts[names[f]] > 1 and depth[f] < len(f.parent.parts)]
        if not clash:
            return names
        for f in clash:
            depth[f] += 1


def load_class(content: Content, paths: list[Path], lang: str | None = None
               ) -> tuple[list[LoadedGame], list[Duplicate], list[tuple[str, str]]]:
    """Every save under `paths`: the games read (one per file, each replayed in `lang`; None: in its own), the
    byte-identical copies (listed, and counted once: the copy with the shortest path is kept), and the files
    that could not be used (path, one line on why). A bad file never stops the others."""
    files, problems = find_saves(paths)
    names = display_names(files)
    raw: dict[Path, bytes] = {}
    for f in files:
        try:
            raw[f] = f.read_bytes()
        except OSError as exc:
            problems.append((str(f), reason(f, _("could not read it: {error}").format(error=exc.strerror or exc))))
    digests = {f: hashlib.sha256(data).hexdigest() for f, data in raw.items()}
    keeper: dict[str, Path] = {}
    for f in sorted(raw, key=lambda p: (len(p.parts), len(str(p)), str(p))):
        keeper.setdefault(digests[f], f)
    games: list[LoadedGame] = []
    duplicates: list[Duplicate] = []
    for f in files:
        if f not in raw:
            continue
        kept = keeper[digests[f]]
        if kept != f:
            duplicates.append(Duplicate(f, names[f], kept, names[kept]))
            continue
        try:
            games.append(load_game(content, f, names[f], raw[f], lang))
        except FriendshipPassError as exc:
            problems.append((str(f), reason(f, exc)))
    games, earlier = _latest_of_each_game(games)
    problems += earlier
    return games, duplicates, problems


def _latest_of_each_game(games: list[LoadedGame]) -> tuple[list[LoadedGame], list[tuple[str, str]]]:
    """A folder's autosave is its player's: with a named save of the same game beside it (same seed and options,
    one's actions the start of the other's), the two are one game, counted once at its latest point. Other files
    are each a game of their own, even when their choices match (a teacher's folder of collected saves)."""
    def key(g: LoadedGame) -> tuple[str, str, str]:
        options = {k: v for k, v in g.game.options.items() if k != "lang"}
        return str(g.path.parent), repr(g.game.seed), repr(sorted(options.items()))

    logs = {id(g): [a.to_json() for a in g.game.actions] for g in games}
    kept: list[LoadedGame] = []
    earlier: list[tuple[str, str]] = []
    for g in games:
        mine = logs[id(g)]
        later = next((o for o in games if o is not g and key(o) == key(g) and AUTOSAVE in (o.path.stem, g.path.stem)
                      and len(logs[id(o)]) >= len(mine)
                      and logs[id(o)][:len(mine)] == mine and (len(logs[id(o)]) > len(mine) or o.name < g.name)),
                     None)
        if later is None:
            kept.append(g)
        else:
            earlier.append((str(g.path), _("an earlier point of the same game as {name}, counted once").format(
                name=later.name)))
    return kept, earlier
