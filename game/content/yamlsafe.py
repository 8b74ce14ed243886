"""Read one YAML file safely: no aliases, no merge keys, a size cap, and a line:column for every value.

PyYAML's safe loader builds no objects, but aliases still allow "billion laughs" and merge keys an
exponential load. We read libyaml's parse events (fast) and build plain Python values from them directly,
refusing any collection reached twice (an alias) and any merge key, while recording each value's position
in a compact tree of its own (see `Pos`), so validation errors can point at `file:line:col`. PyYAML's node
tree (four objects a value) is never built: a 10,000-card deck parses in ~0.62 s instead of ~0.79 s.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml

from game.content.yamlhelp import explain_syntax
from game.errors import Problem

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40
MAX_REPAIRS = 20

_ScalarLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]

# Where each value is, kept apart from the data as small tuples (a 10,000-card deck has ~400,000 values, and
# PyYAML's node tree is four objects for each): (line, column, flow, inner) for a value, and (key line, key
# column, line, column, flow, inner) for a value in a mapping, so `pos[-4:]` is always the value's part.
# `inner` is a dict of entries (a mapping), a list of values (a list), or, for a scalar, its text as written
# when unquoted (None when quoted or a block). Lines and columns are 1-based.
Pos = tuple[Any, ...]


@dataclass
class YamlDoc:
    """A parsed file: its data, and where any value or key starts (`root`: see `Pos`)."""

    path: str
    data: Any
    root: Pos | None = None
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # syntax errors found, reported and mended
    anchored: bool = False  # whether the file names an anchor (`&`): a scalar's, as collections' are refused

    def node(self, loc: Loc) -> tuple[Pos | None, Pos | None, bool]:
        """(value, mapping entry, found all the way) at `loc`; short of it, the deepest part that exists."""
        node, entry = self.root, None
        for part in loc:
            inner = node[-1] if node is not None else None
            if isinstance(inner, dict):
                found = inner.get(str(part))
                if found is None:
                    return node, None, False
                node = entry = found
            elif isinstance(inner, list) and isinstance(part, int) and 0 <= part < len(inner):
                node, entry = inner[part], None
            else:
                return node, None, False
        return node, entry, True

    def where(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """The position of the value (or, with key=True, the key) at `loc`; if the path does not
        exist all the way, the position of the deepest part that does."""
        node, entry, _ = self.node(loc)
        if key and entry is not None:
            return entry[0], entry[1]
        return (node[-4], node[-3]) if node is not None else (1, 1)

    def plain(self, loc: Loc) -> str | None:
        """The text of an unquoted scalar exactly as written at `loc` (None if it is quoted or not a scalar)."""
        node, _, found = self.node(loc)
        return node[-1] if found and node is not None and isinstance(node[-1], str) else None

    def flow(self, loc: Loc) -> str | None:
        """'[' or '{' when the value at `loc` is written as a flow list or mapping on one line."""
        node, _, found = self.node(loc)
        if found and node is not None and node[-2]:
            return "[" if isinstance(node[-1], list) else "{"
        return None

    def problem(self, loc: Loc, message: str, key: bool = False, severity: str = "error") -> Problem:
        line, col = self.where(loc, key)
        return Problem(self.path, line, col, message, severity)


class YamlProblem(Exception):
    """Raised inside this module; turned into a Problem by `read_yaml`."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def _pos(node: yaml.Node | yaml.Event) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_Parser: type = yaml.cyaml.CParser if yaml.__with_libyaml__ else yaml.BaseLoader  # libyaml is ~6x faster
_SCALAR_EVENT, _ALIAS, _SEQ_START, _SEQ_END, _MAP_END = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent,
                                                         yaml.SequenceEndEvent, yaml.MappingEndEvent)
_STREAM_END, _DOCUMENT_START = yaml.StreamEndEvent, yaml.DocumentStartEvent
_NODE_START = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


class _Builder:
    """Builds values straight from the parser's events, as the composer's node tree would give them, with
    the composer's own errors (undefined or duplicate anchors, a second document) and none of its nodes.

    A value we refuse (see `YamlProblem`) is reported only once the rest of the file has parsed, so that a
    syntax error anywhere comes first, as when the whole tree was composed before anything was built."""

    def __init__(self, text: str) -> None:
        self.next = _Parser(text).get_event
        self.anchors: dict[str, Any] = {}  # anchor -> the event that starts the anchored node
        self.scalars = _ScalarLoader("")  # constructs explicitly tagged scalars (!!int "3" and the like)

    def document(self) -> tuple[Any, Pos, bool] | None:
        """The file's one document and whether it names an anchor (None for an empty file)."""
        next_event = self.next
        next_event()  # the stream's start
        if type(next_event()) is _STREAM_END:
            return None
        first = next_event()  # the document has started: its root
        try:
            built = self.build(first, 0)
            next_event()  # the document's end
        except YamlProblem as problem:
            self.drain(first.start_mark)
            raise problem from None
        after = next_event()
        if type(after) is not _STREAM_END:
            raise yaml.composer.ComposerError("expected a single document in the stream", first.start_mark,
                                              "but found another document", after.start_mark)
        return (*built, bool(self.anchors))

    def anchor(self, event: Any) -> None:
        """Remember an anchored node; the composer refuses a name used twice."""
        name = event.anchor
        if name in self.anchors:
            raise yaml.composer.ComposerError("found duplicate anchor; first occurrence",
                                              self.anchors[name].start_mark, "second occurrence", event.start_mark)
        self.anchors[name] = event

    def alias(self, event: Any) -> Any:
        """The event that started the node an alias names."""
        found = self.anchors.get(event.anchor)
        if found is None:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        return found

    def drain(self, root_mark: yaml.Mark) -> None:
        """Parse the rest of the file after a refused value, for the syntax and composer errors that come first."""
        next_event = self.next
        while True:
            event = next_event()
            kind = type(event)
            if kind is _STREAM_END:
                return
            if kind is _ALIAS:
                self.alias(event)
            elif kind is _DOCUMENT_START:
                raise yaml.composer.ComposerError("expected a single document in the stream", root_mark,
                                                  "but found another document", event.start_mark)
            elif kind in _NODE_START and event.anchor is not None:
                self.anchor(event)

    def odd_key(self, event: Any) -> Any:
        """A key that is an alias, has an anchor or is not a scalar: the scalar it stands for, or refused."""
        if type(event) is _ALIAS:
            event = self.alias(event)
        elif event.anchor is not None:
            self.anchor(event)
        if type(event) is not _SCALAR_EVENT:
            raise YamlProblem("keys must be plain words", *_pos(event))
        return event

    def build(self, event: Any, depth: int) -> tuple[Any, Pos]:
        """The value of the node `event` starts, and where it and everything in it is (see `Pos`)."""
        kind = type(event)
        if kind is _ALIAS:
            event = self.alias(event)
            kind = type(event)
            # Only collections can be reused to blow up a file ("billion laughs"); scalars are harmless.
            if kind is not _SCALAR_EVENT:
                raise YamlProblem("anchors and aliases (& and *) are not allowed; write the value out",
                                  *_pos(event))
        elif event.anchor is not None:
            self.anchor(event)
        mark = event.start_mark
        if kind is _SCALAR_EVENT:
            return self.scalar(event), (mark.line + 1, mark.column + 1, False, None if event.style else event.value)
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", *_pos(event))
        flow = bool(event.flow_style)
        next_event, build = self.next, self.build
        if kind is _SEQ_START:
            items, places = [], []
            event = next_event()
            while type(event) is not _SEQ_END:
                value, place = build(event, depth + 1)
                items.append(value)
                places.append(place)
                event = next_event()
            return items, (mark.line + 1, mark.column + 1, flow, places)
        out: dict[Any, Any] = {}
        entries: dict[str, Pos] = {}
        scalar = self.scalar
        key_event = next_event()
        while type(key_event) is not _MAP_END:
            if key_event.anchor is not None or type(key_event) is not _SCALAR_EVENT:
                key_event = self.odd_key(key_event)
            key = key_event.value  # a key is always text: `on:` and `no:` stay words, `2019:` stays '2019'
            if key_event.tag is not None or key == "<<" or not key or key in out:
                _check_key(key_event, out)
            at = key_event.start_mark
            value_event = next_event()
            if type(value_event) is _SCALAR_EVENT and value_event.anchor is None:  # the usual value, here
                vm, text = value_event.start_mark, value_event.value
                if value_event.style:  # quoted or a block: text as it is
                    out[key] = text
                    entries[key] = (at.line + 1, at.column + 1, vm.line + 1, vm.column + 1, False, None)
                else:  # plain: words need no resolving (see `scalar`)
                    out[key] = (scalar(value_event) if value_event.tag is not None or len(text) <= 5
                                or text[0] in _NUMBER_START else text)
                    entries[key] = (at.line + 1, at.column + 1, vm.line + 1, vm.column + 1, False, text)
            else:  # a collection, or an alias or anchor: `build` says what it is
                out[key], place = build(value_event, depth + 1)
                entries[key] = (at.line + 1, at.column + 1, *place)
            key_event = next_event()
        return out, (mark.line + 1, mark.column + 1, flow, entries)

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        """Resolve a scalar the way YAML 1.1 would for the types we use; dates stay as text.
        Quoted scalars are always strings."""
        text = event.value
        if event.style:  # quoted or block scalar: always text ('' or None means plain)
            return text
        if event.tag is not None and _tag(event) != _STR:  # an explicit tag such as !!int
            return self.tagged(event)
        if text[:1] in _NUMBER_START:
            if _INT.fullmatch(text):
                if len(text) > 16:
                    raise YamlProblem(f"the number {text[:20]}... is too large (numbers go up to "
                                      "1,000,000,000,000)", *_pos(event))
                return int(text.replace("_", ""))
            if _FLOAT.fullmatch(text):
                return float(text.replace("_", ""))
        if len(text) <= 5:  # the longest of true/false/yes/no/on/off/y/n/null/~
            low = text.lower()
            if low in _BOOLS:
                return _BOOLS[low]
            if low in ("null", "~", ""):
                return None
        return text

    def tagged(self, event: yaml.ScalarEvent) -> Any:
        node = yaml.ScalarNode(event.tag, event.value, event.start_mark, event.end_mark, event.style)
        if node.tag not in _SAFE_TAGS:
            raise YamlProblem(f"the tag '{node.tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; "
                              "write plain values (put text in quotes)", *_pos(node))
        try:
            value = self.scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            raise YamlProblem(f"'{node.value[:40]}' is not a valid {node.tag.rsplit(':', 1)[-1]}: "
                              f"{str(exc).splitlines()[0][:80]}", *_pos(node)) from None
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**12:
            raise YamlProblem("the number is too large (numbers go up to 1,000,000,000,000)", *_pos(node))
        return value


_NUMBER_START = frozenset("0123456789+-.")
_STR = "tag:yaml.org,2002:str"


def _tag(event: yaml.ScalarEvent) -> str:
    """A scalar's tag as the composer gives it: untagged (or tagged only `!`) is text."""
    return _STR if event.tag is None or event.tag == "!" else event.tag


def _check_key(key_node: yaml.ScalarEvent, out: dict[Any, Any]) -> None:
    """Raise for a key that is not a plain word, or is empty, or is there twice (a quoted "<<" is a word)."""
    tag = _tag(key_node)
    if tag == "tag:yaml.org,2002:merge" or (key_node.value == "<<" and not key_node.style):
        raise YamlProblem("merge keys (<<) are not allowed; write the keys out", *_pos(key_node))
    if tag != _STR:
        raise YamlProblem("keys must be plain words", *_pos(key_node))
    if not key_node.value:
        raise YamlProblem("a key is empty; write a name before the colon", *_pos(key_node))
    if key_node.value in out:
        raise YamlProblem(f"key '{key_node.value}' appears twice in the same mapping", *_pos(key_node))
_SAFE_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null", "str")}
_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)")
_FLOAT = re.compile(r"[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+][0-9]+)?")
_BOOLS = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False, "y": True, "n": False}
BOOL_WORDS = frozenset(_BOOLS)


def parse_yaml(text: str, path: str) -> YamlDoc:
    """Parse YAML text; raises YamlProblem with a position on anything unsafe or malformed."""
    with gc_paused():
        return _parse(text, path)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading builds many small objects and no cycles,
    and collections during a large load cost more than the load itself. Afterwards what was built goes
    straight to the oldest generation: left in the youngest, the first collection would go through
    all of it at once (~0.5 s for a 10,000-card deck), then again in the middle one. It is still
    collected, in the next full collection. (Not while objects are frozen: the UI freezes its
    content for good, and unfreezing would undo that.)"""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _parse(text: str, path: str) -> YamlDoc:
    """Compose and build; a syntax error that `explain_syntax` can mend is reported and mended, and
    parsing goes on, so one run shows every mistake (the doc then carries `problems`)."""
    lines = text.splitlines()
    problems: list[Problem] = []
    built = None
    for _ in range(MAX_REPAIRS + 1):
        try:
            built = _Builder(text if not problems else "\n".join(lines) + "\n").document()
            break
        except yaml.MarkedYAMLError as exc:
            line, col, message, mended = explain_syntax(lines, exc)
            if any(p.line == line for p in problems):  # the mend did not help: stop here
                break
            problems.append(Problem(path, line, col, message))
            if mended is None:
                break
            lines = mended
        except yaml.reader.ReaderError as exc:
            source = "\n".join(lines) if problems else text
            line = source.count("\n", 0, exc.position) + 1
            col = exc.position - (source.rfind("\n", 0, exc.position) + 1) + 1
            problems.append(Problem(path, line, col, f"the character U+{exc.character:04X} is not allowed in a "
                                    "YAML file (a control character); remove it"))
            break
        except yaml.YAMLError as exc:
            problems.append(Problem(path, 1, 1, "YAML syntax: " + " ".join(str(exc).split())))
            break
    if built is None and not problems:
        raise YamlProblem("the file is empty")
    if built is None:
        if len(problems) == 1:
            raise YamlProblem(problems[0].message, problems[0].line, problems[0].column)
        return YamlDoc(path, None, lines=lines, problems=problems)
    data, root, anchored = built
    return YamlDoc(path, data, root, lines, problems, anchored)


class ReadElsewhere(Protocol):
    """Files already parsed elsewhere (see `game.authoring.ahead`): `take` gives the result for a file whose
    bytes are `raw`, or None to parse it here."""

    def take(self, path: Path, raw: bytes, name: str) -> YamlDoc | Problem | None: ...


def read_yaml(path: Path, shown_as: str | None = None, elsewhere: ReadElsewhere | None = None) -> YamlDoc | Problem:
    """Read and parse a file; return a located Problem instead of raising."""
    name = shown_as or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(name, 1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        return Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")
    if elsewhere is not None:
        done = elsewhere.take(path, raw, name)
        if done is not None:
            return done
    return parse_bytes(raw, name)


def parse_bytes(raw: bytes, name: str) -> YamlDoc | Problem:
    """Decode and parse a file's bytes (`name`: the file as problems name it)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Problem(name, line, col, "file is not UTF-8 text; save it as UTF-8")
    try:
        return parse_yaml(text, name)
    except YamlProblem as exc:
        return Problem(name, exc.line, exc.column, str(exc))
