"""The class database: students, games, their actions and reflections, and the teacher's events.

Every SQL statement the game runs is in this module, written in plain SQL that SQLite and PostgreSQL
both run (`?` placeholders are rewritten to `%s` for PostgreSQL; the only other difference is how an
id column is declared, see `_Dialect`). SQLite is the default and the only one tested.

    classes      code, seed, preview, the month the class is held at, when the lesson ended
    students     one per (class, normalised name): the identity a reload or a second tab resumes
    sessions     one per game process (browser tab); rows of processes that never started a game go
    games        a student's games (a rewind's branch is a new game whose parent is the original),
                 with a summary the teacher console reads (month, meters, the card or talks, ending)
    actions      each game's action log, in order (replaying it rebuilds the game)
    reflections  the answers students wrote
    events       what the teacher did: a pushed card, a one-off text card (to everyone or one student)
    deliveries   which student's game took which event (a pushed card applied, a notice read)
    role_holders which student of a class holds which role (at most one holder per role, one role per student)
    role_requests a card a role opens in a bureau student's game, waiting for the role's holder: the bureau's
                 process asks (open), the holder's process answers (answered) or the bureau's process hands it
                 to the AI when the class's time limit (`classes.role_seconds`) has passed (timeout); or
                 (kind 'talks') the counterpart's reply to the bureau's proposal in talks the role holds

Writers: each game process writes its own session, student and game rows (`join`, `save_progress`,
`delivered`...); the server writes the class and event rows. Every write is one short transaction
(`BEGIN IMMEDIATE` in SQLite, WAL mode, a 5-second busy timeout). A game is leased to one session
(`games.session_id`): when a second tab resumes it, the first tab's next write is refused
(`GameTakenOver`), so two tabs never interleave actions.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.errors import FriendshipPassError
from game.i18n import _

SCHEMA_VERSION = 3
DB_NAME = "class.db"
BUSY_MS = 5000
MAX_NAME = 40
ONLINE_SECONDS = 30.0  # a session seen this recently is "online"
STALE_SECONDS = 90.0  # a session not seen for this long belongs to a process that is gone
ROLE_SECONDS = 90  # how long a card waits for its role's holder before the AI opens it (the class can change it)
MAX_ROLE_SECONDS = 30 * 60
MAX_ROLE_LINE = 200  # a role holder's own line on a card


class ClassDBError(FriendshipPassError):
    """The class database cannot be opened, read or written (a message for the reader, never a traceback)."""


class GameTakenOver(ClassDBError):
    """The student's game was opened in another tab; this tab may no longer write it."""


class StudentNameError(ClassDBError, ValueError):
    """A student name that cannot be used."""


# A game is the bureau's game a student plays unless it is an empty one (no action yet) of a student who holds a
# role, or has answered for one: their tab is the role's desk, and the game made when they joined was never played.
_PLAYED = ("({g}.n_actions > 0 OR (NOT EXISTS (SELECT 1 FROM role_holders AS h WHERE h.student_id = {g}.student_id) "
           "AND NOT EXISTS (SELECT 1 FROM role_requests AS q WHERE q.holder_id = {g}.student_id)))")


# -- the schema and its migrations ---------------------------------------------------------------------

_V1 = [
    """CREATE TABLE classes (
        code TEXT PRIMARY KEY, seed BIGINT NOT NULL, preview TEXT NOT NULL, fingerprint TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL, hold_month INTEGER, ended_at DOUBLE PRECISION)""",
    """CREATE TABLE students (
        id {id}, class_code TEXT NOT NULL REFERENCES classes(code), name_key TEXT NOT NULL, name TEXT NOT NULL,
        joined_at DOUBLE PRECISION NOT NULL, first_event BIGINT NOT NULL, UNIQUE (class_code, name_key))""",
    """CREATE TABLE sessions (
        id {id}, student_id BIGINT REFERENCES students(id), host TEXT NOT NULL, pid INTEGER NOT NULL,
        started_at DOUBLE PRECISION NOT NULL, last_seen DOUBLE PRECISION NOT NULL, ended_at DOUBLE PRECISION)""",
    """CREATE TABLE games (
        id {id}, student_id BIGINT NOT NULL REFERENCES students(id), parent_id BIGINT REFERENCES games(id),
        branch_turn INTEGER, session_id BIGINT, seed TEXT NOT NULL, options TEXT NOT NULL, fingerprint TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL, n_actions INTEGER NOT NULL,
        turn INTEGER NOT NULL, month TEXT NOT NULL, phase TEXT NOT NULL, over INTEGER NOT NULL, ending_id TEXT,
        ending_title TEXT, meters TEXT NOT NULL, now TEXT NOT NULL, decisions INTEGER NOT NULL,
        reflections INTEGER NOT NULL, digest TEXT NOT NULL)""",
    """CREATE TABLE actions (
        game_id BIGINT NOT NULL REFERENCES games(id), seq INTEGER NOT NULL, kind TEXT NOT NULL,
        turn INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (game_id, seq))""",
    """CREATE TABLE reflections (
        game_id BIGINT NOT NULL REFERENCES games(id), reflection TEXT NOT NULL, turn INTEGER NOT NULL,
        answer TEXT NOT NULL, PRIMARY KEY (game_id, reflection))""",
    """CREATE TABLE events (
        id {id}, class_code TEXT NOT NULL REFERENCES classes(code), kind TEXT NOT NULL,
        student_id BIGINT REFERENCES students(id), card TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL)""",
    """CREATE TABLE deliveries (
        event_id BIGINT NOT NULL REFERENCES events(id), student_id BIGINT NOT NULL REFERENCES students(id),
        game_id BIGINT, turn INTEGER NOT NULL, delivered_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (event_id, student_id))""",
    "CREATE INDEX games_by_student ON games (student_id, id)",
    "CREATE INDEX sessions_by_student ON sessions (student_id)",
    "CREATE INDEX events_by_class ON events (class_code, id)",
]
_V2 = [
    "ALTER TABLE classes ADD COLUMN role_seconds INTEGER NOT NULL DEFAULT 90",
    """CREATE TABLE role_holders (
        class_code TEXT NOT NULL REFERENCES classes(code), role TEXT NOT NULL,
        student_id BIGINT NOT NULL REFERENCES students(id), assigned_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (class_code, role), UNIQUE (class_code, student_id))""",
    """CREATE TABLE role_requests (
        id {id}, class_code TEXT NOT NULL REFERENCES classes(code), game_id BIGINT NOT NULL REFERENCES games(id),
        student_id BIGINT NOT NULL REFERENCES students(id), role TEXT NOT NULL, turn INTEGER NOT NULL,
        card TEXT NOT NULL, openings TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL, status TEXT NOT NULL,
        holder_id BIGINT, opening TEXT, line TEXT, answered_at DOUBLE PRECISION, shown_at DOUBLE PRECISION,
        UNIQUE (game_id, turn, card))""",
    "CREATE INDEX role_requests_open ON role_requests (class_code, role, status, id)",
]
# A request is for a card a role opens (kind 'card'), or for the counterpart's reply in talks (kind 'talks':
# `card` is the negotiation and the game's action count, `openings` the legal replies, `opening` the one taken).
_V3 = ["ALTER TABLE role_requests ADD COLUMN kind TEXT NOT NULL DEFAULT 'card'"]
MIGRATIONS: list[list[str]] = [_V1, _V2, _V3]  # MIGRATIONS[n] takes the schema from version n to n + 1
assert len(MIGRATIONS) == SCHEMA_VERSION


@dataclass(frozen=True)
class _Dialect:
    name: str
    param: str  # the placeholder
    id: str  # how an auto-numbered primary key is declared
    begin: str  # a transaction that writes
    migrating: str  # run first in the migration's transaction, so two servers starting at once take turns


SQLITE = _Dialect("sqlite", "?", "INTEGER PRIMARY KEY", "BEGIN IMMEDIATE", "SELECT 1")
POSTGRES = _Dialect("postgresql", "%s", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BEGIN",
                    "SELECT pg_advisory_xact_lock(201713)")


# -- what the queries return ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ClassInfo:
    code: str
    seed: int
    preview: str
    fingerprint: str
    hold_month: int | None
    ended_at: float | None
    role_seconds: int = ROLE_SECONDS


@dataclass(frozen=True)
class Student:
    id: int
    class_code: str
    name: str
    first_event: int


@dataclass(frozen=True)
class StoredGame:
    """A game as stored: enough to replay it (seed, options, actions) and what the roster shows."""

    id: int
    student_id: int
    parent_id: int | None
    branch_turn: int | None
    seed: int | str
    options: dict[str, Any]
    fingerprint: str
    n_actions: int
    turn: int
    over: bool
    digest: str


@dataclass(frozen=True)
class Event:
    id: int
    kind: str  # push | notice
    student_id: int | None  # None: everyone
    card: str
    title: str
    body: str
    created_at: float


@dataclass(frozen=True)
class RoleRequest:
    """A card in a bureau student's game that waits for the student holding its role."""

    id: int
    class_code: str
    game_id: int
    student_id: int  # the bureau student
    student_name: str
    role: str
    turn: int
    card: str
    openings: list[str]  # the openings open to the role when it was asked
    created_at: float
    status: str  # open | answered | timeout
    opening: str
    line: str
    deadline: float  # when the AI takes over (created_at + the class's time limit now)
    kind: str = "card"  # card | talks (then `card` is 'negotiation@actions' and the openings are replies)


@dataclass(frozen=True)
class Progress:
    """A game's summary after the actions just stored (what the teacher console shows)."""

    turn: int
    month: str
    phase: str
    over: bool
    ending_id: str | None
    ending_title: str | None
    meters: dict[str, int]
    now: str  # the card or talks in front of the student, in words
    decisions: int
    reflections: int
    digest: str


@dataclass(frozen=True)
class NewAction:
    kind: str
    turn: int
    body: dict[str, Any]


@dataclass(frozen=True)
class RosterRow:
    student_id: int
    name: str
    joined_at: float
    online: bool
    game_id: int | None
    games: int  # the student's games (branches included)
    turn: int
    month: str
    phase: str
    over: bool
    ending_id: str | None
    ending_title: str | None
    meters: dict[str, int]
    now: str
    decisions: int
    reflections: int
    updated_at: float | None


def normalise_name(name: str) -> tuple[str, str]:
    """(the name as shown, the key that identifies the student): NFKC, control characters dropped, spaces
    collapsed; the key is also case-folded, so 'Ana  Lima' and 'ana lima' are the same student."""
    if not isinstance(name, str):
        raise StudentNameError(_("type your name"))
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    shown = " ".join(text.split())
    if not shown:
        raise StudentNameError(_("type your name (the one your teacher knows you by)"))
    if len(shown) > MAX_NAME:
        raise StudentNameError(_("a name can be at most {n} characters long").format(n=MAX_NAME))
    return shown, shown.casefold()


def db_path(folder: Path) -> Path:
    return Path(folder) / DB_NAME


def _problem(exc: Exception, where: str) -> ClassDBError:
    """A database error as a sentence for the teacher or the student."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or "permission" in text:
        return ClassDBError(f"the class folder ({where}) is read-only: the class database cannot be written there; "
                            "serve from a folder you can write to (--saves DIR)")
    if "full" in text or "no space" in text:
        return ClassDBError(f"the disk holding the class folder ({where}) is full: free some space (the games "
                            "played so far are kept)")
    if "unable to open" in text:
        return ClassDBError(f"the class database ({where}) cannot be opened: check that the folder exists and "
                            "can be written")
    if "not a database" in text or "malformed" in text:
        return ClassDBError(f"{where} is damaged or is not a class database; move it away and start again")
    if "locked" in text or "busy" in text:
        return ClassDBError(f"the class database ({where}) is busy: another program has held it for more than "
                            f"{BUSY_MS // 1000} s; try again")
    return ClassDBError(f"the class database ({where}) failed: {str(exc)[:200]}")


class ClassDB:
    """One connection to the class database. `threads=True` lets several threads share it (the server)."""

    def __init__(self, target: str | Path, threads: bool = False, readonly: bool = False) -> None:
        self.where = str(target)
        self._lock = threading.RLock() if threads else None
        if self.where.startswith(("postgresql://", "postgres://")):
            self.dialect = POSTGRES
            self._conn = self._connect_postgres(self.where)
        elif readonly:
            self.dialect = SQLITE
            self._conn = self._open_readonly(Path(target))
        else:
            self.dialect = SQLITE
            self._conn = self._connect_sqlite(Path(target), threads)
        if readonly:
            version = self.schema_version()
            if version != SCHEMA_VERSION:
                raise ClassDBError(f"{self.where} was made by {'a newer' if version > SCHEMA_VERSION else 'an older'} "
                                   "version of the game; " + ("update the game to read it" if version > SCHEMA_VERSION
                                                               else "serve it once with this version to update it"))
        else:
            self._migrate()

    # -- connecting ------------------------------------------------------------------------------------
    def _connect_sqlite(self, path: Path, threads: bool) -> Any:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _problem(exc, str(path.parent)) from None
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_MS / 1000, isolation_level=None,
                                   check_same_thread=not threads)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
            if mode is None or str(mode[0]).lower() != "wal":  # e.g. a read-only folder: WAL needs a -wal file
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                conn.close()
                raise ClassDBError(f"the class folder ({path.parent}) is read-only: the class database cannot be "
                                   "written there; serve from a folder you can write to (--saves DIR)")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
                raise ClassDBError(f"the class folder ({path.parent}) is read-only: the class database cannot be "
                                   "written there; serve from a folder you can write to (--saves DIR)") from None
            raise _problem(exc, str(path)) from None
        return conn

    def _open_readonly(self, path: Path) -> Any:
        """For reports: nothing is written (not even the schema), so a copy on a read-only share can be read."""
        if not path.is_file():
            raise ClassDBError(f"there is no class database at {path}")
        try:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_MS / 1000,
                                   isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            raise _problem(exc, str(path)) from None
        return conn

    @staticmethod
    def _connect_postgres(url: str) -> Any:  # pragma: no cover - documented, not tested
        try:
            import psycopg  # type: ignore[import-not-found]
        except ImportError:
            raise ClassDBError("a PostgreSQL class database needs the psycopg package: pip install 'psycopg[binary]'"
                               ) from None
        try:
            return psycopg.connect(url, autocommit=True)
        except Exception as exc:  # noqa: BLE001 - any driver error becomes one sentence
            raise ClassDBError(f"cannot connect to the PostgreSQL class database: {str(exc)[:200]}") from None

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing a broken connection must not hide why it broke
            self._conn.close()

    # -- running statements ----------------------------------------------------------------------------
    def _sql(self, statement: str) -> str:
        return statement if self.dialect.param == "?" else statement.replace("?", self.dialect.param)

    @contextmanager
    def _guard(self) -> Iterator[None]:
        if self._lock is not None:
            self._lock.acquire()
        try:
            yield
        except ClassDBError:
            raise
        except (sqlite3.Error, OSError) as exc:
            raise _problem(exc, self.where) from None
        except Exception as exc:
            if self.dialect is POSTGRES:  # pragma: no cover - psycopg errors
                raise _problem(exc, self.where) from None
            raise
        finally:
            if self._lock is not None:
                self._lock.release()

    def _all(self, statement: str, *params: Any) -> list[tuple[Any, ...]]:
        with self._guard():
            cur = self._conn.execute(self._sql(statement), params)
            return list(cur.fetchall())

    def _one(self, statement: str, *params: Any) -> tuple[Any, ...] | None:
        rows = self._all(statement, *params)
        return rows[0] if rows else None

    @contextmanager
    def _write(self) -> Iterator[Any]:
        """One short write transaction; yields a function that runs a statement and returns its cursor."""
        with self._guard():
            conn = self._conn
            conn.execute(self.dialect.begin)
            try:
                yield lambda statement, *params: conn.execute(self._sql(statement), params)
            except BaseException:
                with contextlib.suppress(Exception):  # the first error is the one to report
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def _migrate(self) -> None:
        with self._write() as run:
            run(self.dialect.migrating)
            run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = run("SELECT max(version) FROM schema_version").fetchone()
            version = int(row[0]) if row and row[0] is not None else 0
            if version > SCHEMA_VERSION:
                raise ClassDBError(f"{self.where} was made by a newer version of the game (schema {version}); "
                                   "update the game to use it")
            for step in MIGRATIONS[version:]:
                for statement in step:
                    run(statement.replace("{id}", self.dialect.id))
            if version < SCHEMA_VERSION:
                run("DELETE FROM schema_version")
                run("INSERT INTO schema_version (version) VALUES (?)", SCHEMA_VERSION)

    def schema_version(self) -> int:
        try:
            row = self._one("SELECT max(version) FROM schema_version")
        except ClassDBError as exc:
            if "no such table" in str(exc):
                raise ClassDBError(f"{self.where} is not a class database") from None
            raise
        return int(row[0]) if row and row[0] is not None else 0

    # -- classes (the server and the first student of a class write these) ---------------------------------
    def ensure_class(self, code: str, seed: int, preview: str, fingerprint: str) -> None:
        with self._write() as run:
            run("INSERT INTO classes (code, seed, preview, fingerprint, created_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (code) DO NOTHING", code, seed, preview, fingerprint, time.time())

    def class_info(self, code: str) -> ClassInfo | None:
        row = self._one("SELECT code, seed, preview, fingerprint, hold_month, ended_at, role_seconds FROM classes "
                        "WHERE code = ?", code)
        return ClassInfo(*row) if row else None

    def classes(self) -> list[ClassInfo]:
        rows = self._all("SELECT code, seed, preview, fingerprint, hold_month, ended_at, role_seconds FROM classes "
                         "ORDER BY created_at")
        return [ClassInfo(*r) for r in rows]

    def set_hold(self, code: str, month: int | None) -> None:
        with self._write() as run:
            run("UPDATE classes SET hold_month = ? WHERE code = ?", month, code)

    def end_lesson(self, code: str, ended: bool = True) -> None:
        with self._write() as run:
            run("UPDATE classes SET ended_at = ? WHERE code = ?", time.time() if ended else None, code)

    def set_role_seconds(self, code: str, seconds: int) -> None:
        with self._write() as run:
            run("UPDATE classes SET role_seconds = ? WHERE code = ?", int(seconds), code)

    # -- roles held by students ---------------------------------------------------------------------------
    def assign_role(self, code: str, student_id: int, role: str | None) -> int | None:
        """`role` is held by the student from now on (None: the student holds none). A role has at most one
        holder: the student who held it before gives it up. Returns that student's id, if there was one."""
        with self._write() as run:
            run("DELETE FROM role_holders WHERE class_code = ? AND student_id = ?", code, student_id)
            if not role:
                return None
            before = run("SELECT student_id FROM role_holders WHERE class_code = ? AND role = ?", code,
                         role).fetchone()
            run("DELETE FROM role_holders WHERE class_code = ? AND role = ?", code, role)
            run("INSERT INTO role_holders (class_code, role, student_id, assigned_at) VALUES (?, ?, ?, ?)", code,
                role, student_id, time.time())
        return int(before[0]) if before else None

    def role_holders(self, code: str) -> dict[str, int]:
        """role -> the student holding it, in the class."""
        return {str(r[0]): int(r[1]) for r in self._all("SELECT role, student_id FROM role_holders WHERE "
                                                        "class_code = ? ORDER BY role", code)}

    def role_of(self, student_id: int) -> str | None:
        row = self._one("SELECT role FROM role_holders WHERE student_id = ?", student_id)
        return str(row[0]) if row else None

    # -- role requests: a bureau game's card waiting for a role's holder ------------------------------------
    _REQUEST = ("SELECT r.id, r.class_code, r.game_id, r.student_id, s.name, r.role, r.turn, r.card, r.openings, "
                "r.created_at, r.status, r.opening, r.line, r.created_at + c.role_seconds, r.kind "
                "FROM role_requests AS r JOIN students AS s ON s.id = r.student_id "
                "JOIN classes AS c ON c.code = r.class_code")

    @staticmethod
    def _request(row: tuple[Any, ...]) -> RoleRequest:
        return RoleRequest(int(row[0]), str(row[1]), int(row[2]), int(row[3]), str(row[4]), str(row[5]),
                           int(row[6]), str(row[7]), list(json.loads(row[8])), float(row[9]), str(row[10]),
                           str(row[11] or ""), str(row[12] or ""), float(row[13]), str(row[14]))

    def ask_role(self, code: str, game_id: int, student_id: int, role: str, turn: int, card: str,
                 openings: list[str], kind: str = "card") -> RoleRequest:
        """The request for (game, month, card): made now, or the one made before (a reload asks again)."""
        with self._write() as run:
            run("INSERT INTO role_requests (class_code, game_id, student_id, role, turn, card, openings, created_at, "
                "status, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT (game_id, turn, card) DO NOTHING",
                code, game_id, student_id, role, turn, card, json.dumps(openings), time.time(), kind)
        found = self._one(self._REQUEST + " WHERE r.game_id = ? AND r.turn = ? AND r.card = ?", game_id, turn, card)
        assert found is not None
        return self._request(found)

    def role_request(self, request_id: int) -> RoleRequest | None:
        row = self._one(self._REQUEST + " WHERE r.id = ?", request_id)
        return self._request(row) if row else None

    def open_requests(self, code: str, role: str | None = None) -> list[RoleRequest]:
        """The requests of the class still waiting (for one role, or all), oldest first."""
        if role is None:
            rows = self._all(self._REQUEST + " WHERE r.class_code = ? AND r.status = 'open' ORDER BY r.id", code)
        else:
            rows = self._all(self._REQUEST + " WHERE r.class_code = ? AND r.role = ? AND r.status = 'open' "
                             "ORDER BY r.id", code, role)
        return [self._request(r) for r in rows]

    def request_shown(self, request_id: int) -> None:
        """The holder's tab shows the request now (the first time is kept)."""
        with self._write() as run:
            run("UPDATE role_requests SET shown_at = ? WHERE id = ? AND shown_at IS NULL", time.time(), request_id)

    def answer_request(self, request_id: int, holder_id: int, opening: str, line: str = "") -> bool:
        """The holder's answer; False if the request was no longer open (the AI took it meanwhile)."""
        line = " ".join(line.split())[:MAX_ROLE_LINE]
        with self._write() as run:
            return run("UPDATE role_requests SET status = 'answered', holder_id = ?, opening = ?, line = ?, "
                       "answered_at = ? WHERE id = ? AND status = 'open'", holder_id, opening, line, time.time(),
                       request_id).rowcount == 1

    def time_out_request(self, request_id: int) -> bool:
        """The AI opens the card; False if the request was answered (or timed out) meanwhile."""
        with self._write() as run:
            return run("UPDATE role_requests SET status = 'timeout', answered_at = ? WHERE id = ? AND status = 'open'",
                       time.time(), request_id).rowcount == 1

    # -- sessions (one per game process) ------------------------------------------------------------------
    def ai_replies(self, game_id: int) -> frozenset[int]:
        """Where in the game's action log the AI replied in talks in the place of the student holding the
        counterpart's role (their time ran out, or nobody held the role): a talks request's `card` ends with the
        number of actions the game had when it asked, which is where the reply follows. A rewind's branch keeps
        those of the game it branched from that come before the branch point (its actions up to there are theirs)."""
        rows = self._all("SELECT card FROM role_requests WHERE game_id = ? AND kind = 'talks' AND status = 'timeout'",
                         game_id)
        found = (str(r[0]).rpartition("@")[2] for r in rows)
        out = {int(n) for n in found if n.isdigit()}
        stored = self.game(game_id)
        if stored is not None and stored.parent_id is not None:  # a rewind's branch: the ones before it branched
            ours, theirs = self.actions(game_id), self.actions(stored.parent_id)
            shared = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
                          min(len(ours), len(theirs)))
            out |= {n for n in self.ai_replies(stored.parent_id) if n < shared}
        return frozenset(out)

    def open_session(self, host: str, pid: int) -> int:
        now = time.time()
        with self._write() as run:
            row = run("INSERT INTO sessions (host, pid, started_at, last_seen) VALUES (?, ?, ?, ?) RETURNING id",
                      host, pid, now, now).fetchone()
        return int(row[0])

    def seen(self, session_id: int, student_id: int | None = None) -> bool:
        """The session's process is alive (and, once joined, whose it is); False if its row is gone."""
        with self._write() as run:
            if student_id is None:
                return bool(run("UPDATE sessions SET last_seen = ? WHERE id = ?", time.time(), session_id).rowcount)
            return bool(run("UPDATE sessions SET last_seen = ?, student_id = ? WHERE id = ?", time.time(), student_id,
                            session_id).rowcount)

    def close_session(self, session_id: int) -> None:
        """The process ends: its row goes if it never started a game, else it is marked ended."""
        with self._write() as run:
            run("DELETE FROM sessions WHERE id = ? AND (student_id IS NULL OR NOT EXISTS "
                "(SELECT 1 FROM games WHERE games.student_id = sessions.student_id))", session_id)
            run("UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", time.time(), session_id)

    def process_ended(self, host: str, pid: int) -> None:
        """A game process on `host` is gone (it may have been killed): its open session is closed like close_session."""
        with self._write() as run:
            run("DELETE FROM sessions WHERE host = ? AND pid = ? AND ended_at IS NULL AND (student_id IS NULL OR NOT "
                "EXISTS (SELECT 1 FROM games WHERE games.student_id = sessions.student_id))", host, pid)
            run("UPDATE sessions SET ended_at = ? WHERE host = ? AND pid = ? AND ended_at IS NULL", time.time(), host,
                pid)

    def prune_sessions(self, stale: float = STALE_SECONDS) -> int:
        """Sessions of processes that stopped without saying so: removed if they never started a game, else
        marked ended. Returns how many rows went."""
        cutoff = time.time() - stale
        with self._write() as run:
            gone = run("DELETE FROM sessions WHERE ended_at IS NULL AND last_seen < ? AND (student_id IS NULL OR "
                       "NOT EXISTS (SELECT 1 FROM games WHERE games.student_id = sessions.student_id))",
                       cutoff).rowcount
            run("UPDATE sessions SET ended_at = last_seen WHERE ended_at IS NULL AND last_seen < ?", cutoff)
            gone += run("DELETE FROM sessions WHERE ended_at IS NOT NULL AND (student_id IS NULL OR NOT EXISTS "
                        "(SELECT 1 FROM games WHERE games.student_id = sessions.student_id))").rowcount
        return int(gone)

    def live_sessions(self) -> int:
        row = self._one("SELECT count(*) FROM sessions WHERE ended_at IS NULL AND last_seen >= ?",
                        time.time() - ONLINE_SECONDS)
        return int(row[0]) if row else 0

    # -- students ---------------------------------------------------------------------------------------
    def join(self, code: str, name: str, session_id: int | None = None) -> Student:
        """The student called `name` in class `code` (created on first join); the session is theirs now."""
        shown, key = normalise_name(name)
        with self._write() as run:
            last = run("SELECT max(id) FROM events WHERE class_code = ?", code).fetchone()
            run("INSERT INTO students (class_code, name_key, name, joined_at, first_event) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (class_code, name_key) DO NOTHING", code, key, shown, time.time(),
                int(last[0]) if last and last[0] is not None else 0)
            row = run("SELECT id, class_code, name, first_event FROM students WHERE class_code = ? AND name_key = ?",
                      code, key).fetchone()
            if session_id is not None:
                run("UPDATE sessions SET student_id = ?, last_seen = ? WHERE id = ?", row[0], time.time(), session_id)
        return Student(int(row[0]), str(row[1]), str(row[2]), int(row[3]))

    def student(self, student_id: int) -> Student | None:
        row = self._one("SELECT id, class_code, name, first_event FROM students WHERE id = ?", student_id)
        return Student(int(row[0]), str(row[1]), str(row[2]), int(row[3])) if row else None

    def find_student(self, code: str, name: str) -> Student | None:
        _, key = normalise_name(name)
        row = self._one("SELECT id, class_code, name, first_event FROM students WHERE class_code = ? AND name_key = ?",
                        code, key)
        return Student(int(row[0]), str(row[1]), str(row[2]), int(row[3])) if row else None

    # -- games ------------------------------------------------------------------------------------------
    _GAME = ("SELECT id, student_id, parent_id, branch_turn, seed, options, fingerprint, n_actions, turn, over, digest "
             "FROM games")

    @staticmethod
    def _game(row: tuple[Any, ...]) -> StoredGame:
        seed: int | str = row[4]
        if isinstance(seed, str) and seed.lstrip("-").isdigit():
            seed = int(seed)
        return StoredGame(int(row[0]), int(row[1]), row[2], row[3], seed, json.loads(row[5]), str(row[6]),
                          int(row[7]), int(row[8]), bool(row[9]), str(row[10]))

    def current_game(self, student_id: int) -> StoredGame | None:
        """The student's latest game (a branch, once they rewind)."""
        row = self._one(self._GAME + " WHERE student_id = ? ORDER BY id DESC LIMIT 1", student_id)
        return self._game(row) if row else None

    def game(self, game_id: int) -> StoredGame | None:
        row = self._one(self._GAME + " WHERE id = ?", game_id)
        return self._game(row) if row else None

    def games_of_class(self, code: str) -> list[tuple[str, StoredGame]]:
        """(student name, game) for every game of the class, students in joining order, games in order (not the
        empty game of a student who plays a role, see _PLAYED)."""
        rows = self._all("SELECT students.name, games.id, games.student_id, games.parent_id, games.branch_turn, "
                         "games.seed, games.options, games.fingerprint, games.n_actions, games.turn, games.over, "
                         "games.digest FROM games JOIN students ON students.id = games.student_id "
                         f"WHERE students.class_code = ? AND {_PLAYED.format(g='games')} "
                         "ORDER BY students.joined_at, students.id, games.id", code)
        return [(str(r[0]), self._game(r[1:])) for r in rows]

    def actions(self, game_id: int) -> list[dict[str, Any]]:
        rows = self._all("SELECT body FROM actions WHERE game_id = ? ORDER BY seq", game_id)
        return [json.loads(r[0]) for r in rows]

    def new_game(self, student_id: int, session_id: int | None, seed: int | str, options: dict[str, Any],
                 fingerprint: str, progress: Progress, parent_id: int | None = None,
                 branch_turn: int | None = None) -> int:
        """A new game row for the student, leased to `session_id`; its actions follow with save_progress."""
        now = time.time()
        with self._write() as run:
            row = run("INSERT INTO games (student_id, parent_id, branch_turn, session_id, seed, options, fingerprint, "
                      "created_at, updated_at, n_actions, turn, month, phase, over, ending_id, ending_title, meters, "
                      "now, decisions, reflections, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, "
                      "?, ?, ?, ?, ?) RETURNING id",
                      student_id, parent_id, branch_turn, session_id, str(seed),
                      json.dumps(options, sort_keys=True, ensure_ascii=False), fingerprint, now, now,
                      progress.turn, progress.month, progress.phase, int(progress.over), progress.ending_id,
                      progress.ending_title, json.dumps(progress.meters), progress.now, progress.decisions,
                      progress.reflections, progress.digest).fetchone()
        return int(row[0])

    def game_owner(self, game_id: int) -> int | None:
        """The session that writes the game now (None: none yet)."""
        row = self._one("SELECT session_id FROM games WHERE id = ?", game_id)
        return int(row[0]) if row and row[0] is not None else None

    def claim_game(self, game_id: int, session_id: int) -> None:
        """The game is written by this session from now on (a reload or a second tab takes it over)."""
        with self._write() as run:
            run("UPDATE games SET session_id = ? WHERE id = ?", session_id, game_id)

    def save_progress(self, game_id: int, session_id: int | None, start: int, actions: list[NewAction],
                      reflections: list[tuple[str, int, str]], progress: Progress) -> None:
        """Store actions `start`.. of the game and its new summary, in one transaction. Raises GameTakenOver if
        another session has taken the game (or stored actions from `start` on meanwhile)."""
        with self._write() as run:
            claimed = run("UPDATE games SET n_actions = ?, updated_at = ?, turn = ?, month = ?, phase = ?, over = ?, "
                          "ending_id = ?, ending_title = ?, meters = ?, now = ?, decisions = ?, reflections = ?, "
                          "digest = ? WHERE id = ? AND n_actions = ? AND (session_id = ? OR session_id IS NULL)",
                          start + len(actions), time.time(), progress.turn, progress.month, progress.phase,
                          int(progress.over), progress.ending_id, progress.ending_title, json.dumps(progress.meters),
                          progress.now, progress.decisions, progress.reflections, progress.digest, game_id, start,
                          session_id).rowcount
            if claimed != 1:
                raise GameTakenOver("this game was opened in another tab or window, which goes on with it; this tab "
                                    "has stopped (close it)")
            for i, action in enumerate(actions):
                run("INSERT INTO actions (game_id, seq, kind, turn, body) VALUES (?, ?, ?, ?, ?)", game_id, start + i,
                    action.kind, action.turn, json.dumps(action.body, ensure_ascii=False, sort_keys=True))
            for reflection, turn, answer in reflections:
                run("INSERT INTO reflections (game_id, reflection, turn, answer) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (game_id, reflection) DO NOTHING", game_id, reflection, turn, answer)
            if session_id is not None:
                run("UPDATE sessions SET last_seen = ? WHERE id = ?", time.time(), session_id)

    # -- the teacher's events ------------------------------------------------------------------------------
    def post_event(self, code: str, kind: str, student_id: int | None = None, card: str = "", title: str = "",
                   body: str = "") -> int:
        if kind not in ("push", "notice"):
            raise ClassDBError(f"unknown class event '{kind}'")
        with self._write() as run:
            row = run("INSERT INTO events (class_code, kind, student_id, card, title, body, created_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id", code, kind, student_id, card, title, body,
                      time.time()).fetchone()
        return int(row[0])

    def pending_events(self, student: Student) -> list[Event]:
        """Events for this student (or everyone) posted since they joined, that their games have not taken."""
        rows = self._all("SELECT id, kind, student_id, card, title, body, created_at FROM events "
                         "WHERE class_code = ? AND id > ? AND (student_id IS NULL OR student_id = ?) AND NOT EXISTS "
                         "(SELECT 1 FROM deliveries WHERE deliveries.event_id = events.id AND "
                         "deliveries.student_id = ?) ORDER BY id", student.class_code, student.first_event, student.id,
                         student.id)
        return [Event(*r) for r in rows]

    def delivered(self, event_id: int, student_id: int, game_id: int | None, turn: int) -> None:
        with self._write() as run:
            run("INSERT INTO deliveries (event_id, student_id, game_id, turn, delivered_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (event_id, student_id) DO NOTHING", event_id, student_id, game_id, turn, time.time())

    def events(self, code: str) -> list[tuple[Event, str, int, int]]:
        """Every event of the class: (event, the student's name or '', students it reached, students meant)."""
        rows = self._all("SELECT events.id, events.kind, events.student_id, events.card, events.title, events.body, "
                         "events.created_at, students.name, (SELECT count(*) FROM deliveries WHERE "
                         "deliveries.event_id = events.id), CASE WHEN events.student_id IS NULL THEN (SELECT count(*) "
                         "FROM students AS s WHERE s.class_code = events.class_code AND s.first_event < events.id) "
                         "ELSE 1 END FROM events LEFT JOIN students ON students.id = events.student_id "
                         "WHERE events.class_code = ? ORDER BY events.id", code)
        return [(Event(*r[:7]), str(r[7] or ""), int(r[8]), int(r[9])) for r in rows]

    # -- what the teacher reads ------------------------------------------------------------------------------
    def roster(self, code: str) -> list[RosterRow]:
        """Every student of the class with their latest game's summary, in joining order (a student who plays a
        role and never played the bureau has no game)."""
        online_since = time.time() - ONLINE_SECONDS
        rows = self._all(
            "SELECT s.id, s.name, s.joined_at, (SELECT count(*) FROM sessions WHERE sessions.student_id = s.id AND "
            "sessions.ended_at IS NULL AND sessions.last_seen >= ?), g.id, (SELECT count(*) FROM games AS a WHERE "
            f"a.student_id = s.id AND {_PLAYED.format(g='a')}), g.turn, g.month, g.phase, g.over, g.ending_id, "
            "g.ending_title, g.meters, g.now, g.decisions, g.reflections, g.updated_at FROM students AS s LEFT JOIN "
            f"games AS g ON g.id = (SELECT max(b.id) FROM games AS b WHERE b.student_id = s.id AND "
            f"{_PLAYED.format(g='b')}) WHERE s.class_code = ? ORDER BY s.joined_at, s.id",
            online_since, code)
        out = []
        for r in rows:
            out.append(RosterRow(int(r[0]), str(r[1]), float(r[2]), bool(r[3]), r[4], int(r[5]), int(r[6] or 0),
                                 str(r[7] or ""), str(r[8] or "joining"), bool(r[9]), r[10], r[11],
                                 json.loads(r[12]) if r[12] else {}, str(r[13] or ""), int(r[14] or 0),
                                 int(r[15] or 0), r[16]))
        return out
