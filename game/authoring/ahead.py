"""Parse the decks `validate --deck` names on the machine's second core while the process starts up.

Parsing a 10,000-card deck takes about 0.6 s; the process spends about as long importing the models and
reading the shipped content before it comes to the deck. So as `validate` starts, a forked child parses the
files named after `--deck` and sends back plain values (marshal: data, positions, lines, problems), and the
loader takes them instead of parsing the file itself. A file is taken only if its bytes are the ones the child
parsed; anything else (a folder, a file changed in between, a child that failed, no second core) is parsed in
the process as before, with the same result.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

from game.authoring.beside import can_fork
from game.content.yamlsafe import MAX_FILE_BYTES, YamlDoc, parse_bytes
from game.errors import Problem


def deck_paths(argv: list[str]) -> list[Path]:
    """The files named after `--deck` on a command line (folders are left to the process)."""
    found = []
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--deck" and i + 1 < len(argv) else arg[7:] if arg.startswith("--deck=") else ""
        if value and Path(value).is_file():
            found.append(Path(value))
    return found


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _parsed(path: Path) -> tuple[bytes, tuple[Any, ...]] | None:
    """A file parsed as `read_yaml` would parse it, as marshal-able values: (digest, result)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        return None
    raw = path.read_bytes()
    done = parse_bytes(raw, "")
    if isinstance(done, Problem):
        return _digest(raw), ("problem", done.line, done.column, done.message, done.severity)
    problems = [(p.line, p.column, p.message, p.severity) for p in done.problems]
    return _digest(raw), ("doc", done.data, done.root, done.lines, problems)


class ReadAhead:
    """Files parsed in a forked child; `take` (see `ReadElsewhere`) waits for the child the first time."""

    def __init__(self, paths: list[Path]) -> None:
        self._keys = {_key(p) for p in paths}
        self._pid, self._read = 0, -1
        self._results: dict[str, tuple[bytes, tuple[Any, ...]]] | None = None
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            self._results = {}
            return
        if pid == 0:  # the child: parse, send, and leave without running the parent's exit handlers
            code = 1
            try:
                os.close(read)
                results = {}
                for path in paths:
                    found = _parsed(path)
                    if found is not None:
                        results[_key(path)] = found
                data = marshal.dumps(results)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    def _wait(self) -> dict[str, tuple[bytes, tuple[Any, ...]]]:
        if self._results is None:
            self._results = {}
            with os.fdopen(self._read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(self._pid, 0)
            if os.waitstatus_to_exitcode(status) == 0 and data:
                try:
                    self._results = marshal.loads(data)  # from our own child
                except (ValueError, EOFError, TypeError):  # a damaged result: the files are parsed here
                    pass
        return self._results

    def take(self, path: Path, raw: bytes, name: str) -> YamlDoc | Problem | None:
        key = _key(path)
        if key not in self._keys:
            return None
        found = self._wait().get(key)
        if found is None or found[0] != _digest(raw):
            return None
        result = found[1]
        if result[0] == "problem":
            return Problem(name, *result[1:])
        _, data, root, lines, problems = result
        return YamlDoc(name, data, root, lines, [Problem(name, *p) for p in problems])


def read_ahead(argv: list[str]) -> ReadAhead | None:
    """Start parsing the decks a `validate` command line names, where a second core can do it."""
    paths = deck_paths(argv)
    return ReadAhead(paths) if paths and can_fork() else None
