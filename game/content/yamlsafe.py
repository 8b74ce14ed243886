"""Read one YAML file safely: no aliases, no merge keys, a size cap, and a line:column for every value.

PyYAML's safe loader builds no objects, but aliases still allow "billion laughs" and merge keys an
exponential load. We compose the node tree with libyaml (fast), refuse any node reached twice
(an alias) and any merge key, then build plain Python values ourselves while recording each
value's position, so validation errors can point at `file:line:col`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.errors import Problem

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40

try:  # libyaml is ~6x faster; fall back to pure Python where it is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the platform build
    _Loader = yaml.SafeLoader

Loc = tuple[str | int, ...]


@dataclass
class YamlDoc:
    """A parsed file: its data, and where each value and key starts (1-based)."""

    path: str
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def where(self, loc: Loc, key: bool = False) -> tuple[int, int]:
        """The position of the value (or key) at `loc`, or of its nearest located parent."""
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc:
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, loc: Loc, message: str, key: bool = False, severity: str = "error") -> Problem:
        line, col = self.where(loc, key)
        return Problem(self.path, line, col, message, severity)


class YamlProblem(Exception):
    """Raised inside this module; turned into a Problem by `read_yaml`."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, doc: YamlDoc) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.scalars = _Loader("")  # only used to construct scalar values

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        if id(node) in self.seen:
            raise YamlProblem("anchors and aliases (& and *) are not allowed; write the value out", *_pos(node))
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", *_pos(node))
        self.doc.marks[loc] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise YamlProblem("merge keys (<<) are not allowed; write the keys out", *_pos(key_node))
                key = self.build(key_node, loc + ("<key>",), depth + 1)
                if not isinstance(key, (str, int)):
                    raise YamlProblem("keys must be plain words", *_pos(key_node))
                key = str(key)
                if key in out:
                    raise YamlProblem(f"key '{key}' appears twice in the same mapping", *_pos(key_node))
                self.doc.key_marks[loc + (key,)] = _pos(key_node)
                out[key] = self.build(value_node, loc + (key,), depth + 1)
            self.doc.marks.pop(loc + ("<key>",), None)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        value = self.scalars.construct_object(node)
        if hasattr(value, "isoformat"):  # dates: keep as text like the author wrote them
            return node.value
        return value


def parse_yaml(text: str, path: str) -> YamlDoc:
    """Parse YAML text; raises YamlProblem with a position on anything unsafe or malformed."""
    doc = YamlDoc(path, None, lines=text.splitlines())
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(f"YAML syntax: {exc.problem or exc.context}", line, col) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"YAML syntax: {exc}") from None
    except RecursionError:
        raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels") from None
    if root is None:
        raise YamlProblem("the file is empty")
    doc.data = _Builder(doc).build(root, ())
    return doc


def read_yaml(path: Path, shown_as: str | None = None) -> YamlDoc | Problem:
    """Read and parse a file; return a located Problem instead of raising."""
    name = shown_as or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Problem(name, 1, 1, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        return Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}")
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
