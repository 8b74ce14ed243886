"""Parse the decks `validate --deck` names on the machine's second core while the process starts up.

Parsing a 10,000-card deck takes about 0.6 s, and the process spends about 0.4 s importing the models and
reading the shipped content before it comes to the deck. So as `validate` starts, a forked child parses the
files named after `--deck` and sends back plain values (marshal: data, positions, lines, problems), and the
loader takes them instead of parsing the file itself.

A deck whose cards are a plain `events:` list is cut in two between cards (see `cut_at`): the child parses
the larger part, and the process parses the first part itself when it comes to the file, so both cores work
on it. The two parts are joined only when each parsed cleanly on its own (no syntax error, no refused
value, no anchor): then the whole file reads the same as its parts, one card list after the other.

A file is taken only if its bytes are the ones the child parsed; anything else (a folder, a file changed in
between, parts that did not parse cleanly, a child that failed, no second core) is parsed in the process as
before, with the same result.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
from pathlib import Path
from typing import Any

from game.authoring.beside import can_fork, collect, start
from game.content.yamlsafe import MAX_FILE_BYTES, Pos, YamlDoc, parse_bytes
from game.errors import Problem

# The share of a deck the process parses itself. It comes to its part ~0.4 s after the child starts, and the
# child's part costs a fifth more (sending it back): on an idle machine a quarter would leave both done at
# about the same time, but where two processes run slower side by side (a shared machine) the child falls
# behind, and the process then waits; with two fifths neither waits long either way.
OWN_SHARE = 0.4

_EVENTS = re.compile(rb"^events:[ \t]*(?:#[^\n]*)?\n", re.M)
_SKIP = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\n)*")  # blank and comment lines
_FIRST_ITEM = re.compile(rb"( *)-[ \n]")
_OTHER_BREAKS = (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")  # YAML line breaks besides \n


def deck_paths(argv: list[str]) -> list[Path]:
    """The files named after `--deck` on a command line (folders are left to the process)."""
    found = []
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--deck" and i + 1 < len(argv) else arg[7:] if arg.startswith("--deck=") else ""
        if value and Path(value).is_file():
            found.append(Path(value))
    return found


def cut_at(raw: bytes, share: float = OWN_SHARE) -> int | None:
    """Where a deck can be cut between two cards: the start of the first line of the top-level `events:`
    list's items at or after `share` of the file (never its first item). None for a file with YAML
    directives (`%`), line breaks other than \\n before the cut, or no top-level block list of events."""
    if raw.startswith(b"%") or b"\n%" in raw:
        return None
    events = _EVENTS.search(raw)
    if events is None:
        return None
    blank = _SKIP.match(raw, events.end())  # always matches, if only nothing
    first = _FIRST_ITEM.match(raw, blank.end() if blank is not None else events.end())
    if first is None:
        return None
    item = re.compile(rb"^" + first.group(1) + rb"-[ \n]", re.M)
    cut = item.search(raw, max(first.end(), int(len(raw) * share)))
    if cut is None or any(b in raw[:cut.start()] for b in _OTHER_BREAKS):
        return None
    return cut.start()


def rest_of(raw: bytes, cut: int) -> bytes:
    """The part of a deck from `cut` on, as a file of its own whose lines and columns are the deck's: blank
    lines, then `events:` on the line before the cut."""
    return b"\n" * (raw.count(b"\n", 0, cut) - 1) + b"events:\n" + raw[cut:]


def joined(first: YamlDoc | Problem, rest: YamlDoc | Problem) -> tuple[Any, Pos] | None:
    """The data and positions of a deck from its two parts, or None unless both parsed cleanly as a deck's
    parts: the first ending in its card list, the rest only cards."""
    if not (isinstance(first, YamlDoc) and isinstance(rest, YamlDoc)) or first.problems or rest.problems \
            or first.anchored or rest.anchored:
        return None
    a, b = first.data, rest.data
    if not (isinstance(a, dict) and isinstance(b, dict) and list(b) == ["events"] and list(a)[-1:] == ["events"]
            and isinstance(a["events"], list) and isinstance(b["events"], list)):
        return None
    assert first.root is not None and rest.root is not None
    a_entry, b_entry = first.root[-1]["events"], rest.root[-1]["events"]
    if first.root[-2] or a_entry[-2] or b_entry[-2]:  # written as flow: `{...}` or `[...]`
        return None
    root = (*first.root[:-1], {**first.root[-1], "events": (*a_entry[:-1], a_entry[-1] + b_entry[-1])})
    return {**a, "events": a["events"] + b["events"]}, root


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _sendable(done: YamlDoc | Problem) -> tuple[Any, ...]:
    if isinstance(done, Problem):
        return ("problem", done.line, done.column, done.message, done.severity)
    problems = [(p.line, p.column, p.message, p.severity) for p in done.problems]
    return ("doc", done.data, done.root, done.lines, problems, done.anchored)


def _received(found: tuple[Any, ...], name: str) -> YamlDoc | Problem:
    if found[0] == "problem":
        return Problem(name, *found[1:])
    _, data, root, lines, problems, anchored = found
    return YamlDoc(name, data, root, lines, [Problem(name, *p) for p in problems], anchored)


class ReadAhead:
    """Files parsed in a forked child (and cut decks, in part); `take` (see `ReadElsewhere`) waits for the
    child the first time."""

    def __init__(self, paths: list[Path]) -> None:
        self._files: dict[str, tuple[bytes, int | None]] = {}  # key -> (digest, cut)
        work: list[tuple[str, bytes, int | None]] = []
        for path in paths:
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    continue
                raw = path.read_bytes()
            except OSError:
                continue
            cut = cut_at(raw)
            self._files[_key(path)] = (_digest(raw), cut)
            work.append((_key(path), raw, cut))
        self._results: dict[str, tuple[Any, ...]] | None = None

        def parse_all() -> bytes:  # in the child
            return marshal.dumps({key: _sendable(parse_bytes(raw if cut is None else rest_of(raw, cut), ""))
                                  for key, raw, cut in work})

        self._child = start(parse_all)
        if self._child is None:
            self._results = {}

    def _wait(self) -> dict[str, tuple[Any, ...]]:
        if self._results is None:
            self._results = {}
            data = collect(self._child) if self._child is not None else None
            if data is not None:
                try:
                    self._results = marshal.loads(data)  # from our own child
                except (ValueError, EOFError, TypeError):  # a damaged result: the files are parsed here
                    pass
        return self._results

    def take(self, path: Path, raw: bytes, name: str) -> YamlDoc | Problem | None:
        key = _key(path)
        known = self._files.get(key)
        if known is None or known[0] != _digest(raw):
            return None
        cut = known[1]
        if cut is None:
            found = self._wait().get(key)
            return None if found is None else _received(found, name)
        first = parse_bytes(raw[:cut], name)  # this process's part, while the child may still be on its own
        found = self._wait().get(key)
        both = None if found is None else joined(first, _received(found, name))
        if both is None:
            return None
        return YamlDoc(name, *both, raw.decode("utf-8").splitlines())


def read_ahead(argv: list[str]) -> ReadAhead | None:
    """Start parsing the decks a `validate` command line names, where a second core can do it."""
    paths = deck_paths(argv)
    return ReadAhead(paths) if paths and can_fork() else None
