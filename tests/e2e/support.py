"""Running `friendship-pass serve` for tests and benchmarks: a free port, the server in a process group of its
own (ended with every game process it started), its game processes from /proc, memory from /proc, the class
database read as the teacher console reads it, and bounded waits (never a fixed sleep where state can be read).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def children(pid: int) -> list[int]:
    """Every descendant of pid, from /proc (Linux)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        found += kids
        todo += kids
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def kib(pid: int, field: str) -> int:
    """VmRSS / VmHWM of a process in KiB (0 if it is gone)."""
    try:
        for row in Path(f"/proc/{pid}/status").read_text().splitlines():
            if row.startswith(field + ":"):
                return int(row.split()[1])
    except OSError:
        pass
    return 0


def environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    return dict(item.decode(errors="replace").split("=", 1) for item in raw.split(b"\0") if b"=" in item)


def game_processes(server_pid: int) -> list[int]:
    """The game processes (python … play --class-db …) the server started, one per tab."""
    return [p for p in children(server_pid)
            if "--class-db" in cmdline(p) and "python" in cmdline(p).split(" ", 1)[0]]


class Clock:
    """A time budget for a whole test; every wait is bounded by it and by its own timeout."""

    def __init__(self, limit: float) -> None:
        self.start = time.monotonic()
        self.limit = limit

    def left(self) -> float:
        return self.limit - (time.monotonic() - self.start)

    def wait_for(self, what: str, check: Callable[[], T], timeout: float, step: float = 0.1) -> T:
        end = time.monotonic() + min(timeout, max(self.left(), 0))
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() >= end:
                raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
            time.sleep(step)


class Served:
    """A running `serve` (the class folder, its database, the teacher's address)."""

    def __init__(self, proc: subprocess.Popen[bytes], port: int, folder: Path, token: str, log: Path) -> None:
        self.proc, self.port, self.folder, self.token, self.log = proc, port, folder, token, log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def teacher(self) -> str:
        return f"{self.url}/teacher/{self.token}"

    def games(self) -> list[int]:
        return game_processes(self.proc.pid)

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Read the class database as the teacher console does (a fresh read-only connection)."""
        path = self.folder / "class.db"
        if not path.exists():
            return []
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return list(conn.execute(sql, params).fetchall())
        except sqlite3.OperationalError:  # the schema is not there yet
            return []
        finally:
            conn.close()

    def one(self, sql: str, *params: Any) -> Any:
        rows = self.query(sql, *params)
        return rows[0][0] if rows else None


@contextlib.contextmanager
def serving(folder: Path, *args: str, token: str = "teacher-key", ready: float = 30) -> Iterator[Served]:
    """`friendship-pass serve` on a free port until the block ends; then it and every game process stop."""
    port = free_port()
    log = folder.parent / f"serve-{port}.log"
    folder.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--host", "127.0.0.1", "--port", str(port), "--saves", str(folder),
             "--token", token, *args],
            cwd=REPO, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)  # its own process group: the finally below ends it and every game process
    served = Served(proc, port, folder, token, log)
    try:
        end = time.monotonic() + ready
        while not port_answers(port):
            if proc.poll() is not None:
                raise AssertionError(f"serve exited ({proc.returncode}):\n{log.read_text()}")
            if time.monotonic() > end:
                raise AssertionError(f"serve did not listen within {ready:.0f} s:\n{log.read_text()}")
            time.sleep(0.1)
        yield served
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's group (the server stops its games), then SIGKILL to whatever is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
