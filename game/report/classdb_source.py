"""Reports from the class database: each stored game replayed, named after its student.

Identity is the student, not the choices: two students are two games even when they chose alike. A
student's later games (a rewind's branch, a new game) are listed beside the first as 'NAME (game 2)';
the class summary marks a branch 'rewound to month N of NAME'.
"""

from __future__ import annotations

from pathlib import Path

from game.classdb import ClassDB, ClassDBError, StoredGame
from game.content.compiled import Content
from game.engine.actions import action_from_json
from game.engine.replay import replay
from game.errors import FriendshipPassError, SaveError
from game.report.load import AUTHOR_TOOLS, CHANGED, LoadedGame


def is_class_db(path: Path) -> bool:
    """A class database file (SQLite), or a class folder holding one."""
    if path.is_dir():
        return (path / "class.db").is_file()
    try:
        with path.open("rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _replayed(content: Content, db: ClassDB, stored: StoredGame, name: str, where: str) -> LoadedGame:
    try:
        actions = [action_from_json(a) for a in db.actions(stored.id)]
        game = replay(content, stored.seed, dict(stored.options), actions)
    except FriendshipPassError as exc:
        raise SaveError(f"{name}'s game does not replay on the decks loaded now ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - a damaged row must never stop a class report
        raise SaveError(f"{name}'s game could not be replayed ({type(exc).__name__})") from None
    notes = []
    if stored.fingerprint != content.fingerprint:
        notes.append(CHANGED)
    if game.options.get("dev"):
        notes.append(AUTHOR_TOOLS)
    return LoadedGame(name, Path(f"{where}#game-{stored.id}"), game, tuple(n for _, n in notes),
                      tuple(t for t, _ in notes), ai_replies=db.ai_replies(stored.id))


def _names(games: list[tuple[str, StoredGame]]) -> dict[int, str]:
    count: dict[int, int] = {}
    out = {}
    for name, g in games:
        count[g.student_id] = count.get(g.student_id, 0) + 1
        out[g.id] = name if count[g.student_id] == 1 else f"{name} (game {count[g.student_id]})"
    return out


def load_game(content: Content, db: ClassDB, code: str, game_id: int) -> LoadedGame:
    """One game of the class, replayed; SaveError if it is not in this class or does not replay."""
    games = db.games_of_class(code)
    names = _names(games)
    for _, stored in games:
        if stored.id == game_id:
            return _replayed(content, db, stored, names[stored.id], db.where)
    raise SaveError(f"there is no game {game_id} in class {code}")


def load_class_db(content: Content, target: Path | str, code: str | None = None
                  ) -> tuple[list[LoadedGame], list[tuple[str, str]], str]:
    """Every game of a class in the database at `target` (a file, a class folder or a postgresql:// URL):
    (the games, the ones that could not be used with why, the class code). With several classes in the
    database, `code` says which; SaveError otherwise."""
    where = str(target)
    if isinstance(target, Path) and target.is_dir():
        target = target / "class.db"
    try:
        db = ClassDB(target, readonly=isinstance(target, Path))
    except ClassDBError as exc:
        raise SaveError(str(exc)) from None
    try:
        known = [c.code for c in db.classes()]
        if code:
            code = code.strip().upper()
            if code not in known:
                also = f" (it has {', '.join(known)})" if known else ""
                raise SaveError(f"{where} has no class {code[:20]}{also}")
        elif len(known) == 1:
            code = known[0]
        else:
            raise SaveError(f"{where} holds {len(known)} classes ({', '.join(known)}): choose one with --class"
                            if known else f"{where} holds no class yet")
        games = db.games_of_class(code)
        names = _names(games)
        loaded: list[LoadedGame] = []
        problems: list[tuple[str, str]] = []
        for _, stored in games:
            try:
                loaded.append(_replayed(content, db, stored, names[stored.id], where))
            except SaveError as exc:
                problems.append((f"{where}#game-{stored.id}", str(exc)))
        return loaded, problems, code
    except ClassDBError as exc:
        raise SaveError(str(exc)) from None
    finally:
        db.close()
