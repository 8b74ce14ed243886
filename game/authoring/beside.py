"""Run one piece of a one-shot command on the machine's second core, in a forked copy of the process.

`validate` of a large deck spends about a second on author checks that do not depend on each other: the
history checks can run in a child while the process itself does the rest. The child is a fork, so it
starts with the content already loaded and sends back only its result (pickled through a pipe).
Wherever a fork is not safe or not possible (no `os.fork`, other threads running, one core, the child
failing for any reason) the work runs in the process itself instead, with the same result.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a fork is safe and useful here: Linux, this thread alone, a second core that is free, not turned
    off. On a machine already busy a child only competes with the process, and costs the time it takes to
    send its result back."""
    cores = os.cpu_count() or 1
    return (hasattr(os, "fork") and sys.platform.startswith("linux") and threading.active_count() == 1
            and cores > 1 and not os.environ.get("FRIENDSHIP_PASS_NO_FORK") and running() < cores)


def running() -> int:
    """Threads running or ready to run on the machine right now, this one included (Linux: /proc/loadavg's
    fourth field; the load average itself lags by a minute, and counts our own last run)."""
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            return int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return 1


def start(work: Callable[[], bytes]) -> tuple[int, int] | None:
    """Fork a child that runs `work` and sends back the bytes it makes: (the child's pid, the pipe's reading end), or
    None when no child could be started. The child leaves without running the parent's exit handlers."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:
        code = 1
        try:
            os.close(read)
            data = work()
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return pid, read


def collect(child: tuple[int, int]) -> bytes | None:
    """What a child from `start` sent, once it has ended; None if it failed."""
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    return data if os.waitstatus_to_exitcode(status) == 0 and data else None


class Beside(Generic[T]):
    """`work` started beside the caller; `result()` waits for it (or runs it here if the child failed)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._child = start(lambda: pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)) if can_fork() else None

    def result(self) -> T:
        child, self._child = self._child, None
        data = collect(child) if child is not None else None
        if data is not None:
            try:
                return pickle.loads(data)  # from our own child
            except Exception:  # noqa: BLE001  (a damaged result is worked out again here)
                pass
        return self._work()
