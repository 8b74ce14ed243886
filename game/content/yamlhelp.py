"""YAML syntax errors said for people, and mended so that parsing can go on to the next mistake.

The YAML reader's own words ("did not find expected key") name a symptom, often lines after the
cause. `explain_syntax` looks at the lines for the usual causes and says what to do:

- a quoted value with no closing quote (pointed at the opening quote, not where the reader gave up);
- a `{` or `[` that is never closed on its line;
- a value that starts with `[` or `{` but is text (`text: [Draft] traders …`): put it in quotes;
- a `: ` inside a plain value (`title: Note: …`): put it in quotes;
- a key that is not lined up with the keys around it (names the key and the one it should line up with);
- a tab in the indentation.

Each explanation comes with the lines mended (the same number of lines, so every later position
stays right), or None when there is no safe guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_KEY = re.compile(r"^(\s*)(-\s+)?([^\s#'\"\[\]{},][^:#]*?):(\s|$)")
_BLOCK = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$|^\s*-\s+[|>][-+0-9]*\s*(#.*)?$")

Mended = list[str] | None


@dataclass(frozen=True)
class _Line:
    """One structural line: its number (0-based), indentation, and its key (if it is `key:`) and key column."""

    number: int
    indent: int
    key: str | None
    key_col: int
    dash: bool


def _structure(lines: list[str], upto: int) -> list[_Line]:
    """Lines that carry structure up to `upto` (exclusive): no blanks, comments or block-scalar text."""
    out: list[_Line] = []
    block_indent: int | None = None
    for n in range(min(upto, len(lines))):
        text = lines[n]
        stripped = text.lstrip(" ")
        indent = len(text) - len(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        if block_indent is not None:
            if indent > block_indent:
                continue
            block_indent = None
        m = _KEY.match(text)
        dash = stripped.startswith("- ") or stripped == "-"
        if m:
            out.append(_Line(n, indent, m.group(3).strip(), len(m.group(1)) + len(m.group(2) or ""), dash))
        else:
            out.append(_Line(n, indent, None, indent + (2 if dash else 0), dash))
        if _BLOCK.search(text):
            block_indent = indent
    return out


def _value_start(text: str, i: int) -> bool:
    """Whether a quote at `i` opens a quoted scalar (it starts a value) rather than sitting inside plain text."""
    j = i - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j < 0:
        return True
    if text[j] in "[{,":
        return True
    return text[j] in ":-?" and j < i - 1


def unclosed_quote(text: str) -> int | None:
    """The column (0-based) of a quote that opens a value and is not closed on this line, if any."""
    state, start, i, n = "", -1, 0, len(text)
    while i < n:
        c = text[i]
        if not state:
            if c in "\"'" and _value_start(text, i):
                state, start = c, i
            elif c == "#" and (i == 0 or text[i - 1] in " \t"):
                break
        elif state == '"':
            if c == "\\":
                i += 1
            elif c == '"':
                state = ""
        elif c == "'":
            if i + 1 < n and text[i + 1] == "'":
                i += 1
            else:
                state = ""
        i += 1
    return start if state else None


def _closing(text: str, start: int) -> int | None:
    """The index of the bracket that closes the one at `start` on the same line (quotes respected)."""
    depth, i, quote = 0, start, ""
    pairs = {"[": "]", "{": "}"}
    while i < len(text):
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'" and _value_start(text, i):
            quote = c
        elif c in pairs:
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _value_at(text: str) -> int | None:
    """Where the value of a `key: value` or `- value` line starts (0-based), if it has one."""
    m = _KEY.match(text)
    if m:
        rest = m.end()
        while rest < len(text) and text[rest] == " ":
            rest += 1
        return rest if rest < len(text) else None
    stripped = text.lstrip(" ")
    if stripped.startswith("- "):
        i = len(text) - len(stripped) + 2
        while i < len(text) and text[i] == " ":
            i += 1
        return i if i < len(text) else None
    return None


def _quoted(value: str) -> str:
    value = value.rstrip()
    if '"' in value:
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\") + '"'


def _replace(lines: list[str], n: int, text: str) -> list[str]:
    return lines[:n] + [text] + lines[n + 1:]


def _key_name(line: _Line, lines: list[str]) -> str:
    if line.key is not None:
        return f"`{'- ' if line.dash else ''}{line.key}:`"
    return f"`{lines[line.number].strip()[:30]}`"


def _indentation(lines: list[str], n: int) -> tuple[int, int, str, Mended] | None:
    """A key or item on line `n` that does not line up with the structure above it."""
    if n >= len(lines) or not lines[n].strip():
        return None
    here = _structure(lines, n + 1)
    if not here or here[-1].number != n:
        return None
    line, above = here[-1], here[:-1]
    if not above:
        return None
    candidates: list[tuple[int, _Line]] = []  # (column a key or item could start at, the line that offers it)
    limit = 10**9
    for prev in reversed(above):
        if prev.indent >= limit:
            continue
        if line.dash:
            candidates.append((prev.indent, prev))
        elif prev.key is not None or prev.dash:
            candidates.append((prev.key_col, prev))
        limit = prev.indent
        if prev.indent == 0:
            break
    if not candidates:
        return None
    column = line.indent
    if any(c == column for c, _ in candidates):
        return None  # lined up with something: the problem is elsewhere
    target, partner = min(candidates, key=lambda c: (abs(c[0] - column), -c[0]))
    what = "item" if line.dash else "key"
    message = (f"{_key_name(line, lines)} is not lined up: it starts in column {column + 1}, but "
               f"{_key_name(partner, lines)} on line {partner.number + 1}, the {what} it seems to go with, starts "
               f"in column {target + 1}; line them up (indent with spaces)")
    shift = target - column
    mended = list(lines)
    for k in range(n, len(lines)):
        text = lines[k]
        indent = len(text) - len(text.lstrip(" "))
        if k > n and text.strip() and indent <= max(column, target):
            break
        if text.strip():
            mended[k] = " " * max(0, indent + shift) + text.lstrip(" ")
    return n + 1, column + 1, message, mended


def explain_syntax(lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, int, str, Mended]:
    """(line, column, message, mended lines or None) for a YAML syntax error. The explanation is a best
    guess; if guessing fails, the reader's own words, located, are the answer."""
    try:
        return _explain(lines, exc)
    except (IndexError, ValueError, AttributeError, TypeError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return line, col, "YAML syntax: " + " ".join(str(exc.problem or exc.context).split()), None


def _explain(lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, int, str, Mended]:
    mark = exc.problem_mark or exc.context_mark
    n, col = (mark.line, mark.column) if mark is not None else (0, 0)
    problem, context = exc.problem or "", exc.context or ""

    # 1. a quoted value that never closes: the reader only notices lines later
    opened = [k for k in range(min(n, len(lines) - 1), -1, -1) if unclosed_quote(lines[k]) is not None]
    if "quoted scalar" in context and exc.context_mark is not None:
        opened = [exc.context_mark.line]
    if opened:
        k = opened[0]
        q = unclosed_quote(lines[k]) if k < len(lines) else None
        if q is not None:
            ch = lines[k][q]
            return (k + 1, q + 1, f"the {ch} that opens this value is never closed on its line: add the closing {ch} "
                    f"at the end of the value (YAML otherwise reads on to the next {ch}"
                    + (f", on line {n + 1})" if n != k else ")"), _replace(lines, k, lines[k].rstrip() + ch))

    # 2. a value that starts with [ or { but is text
    for k in dict.fromkeys((n, exc.context_mark.line if exc.context_mark else n)):
        if k >= len(lines):
            continue
        start = _value_at(lines[k])
        if start is None or lines[k][start] not in "[{":
            continue
        end = _closing(lines[k], start)
        rest = lines[k][end + 1:].strip() if end is not None else ""
        if end is not None and rest and not rest.startswith("#"):
            opener = lines[k][start]
            reads = "a list" if opener == "[" else "a mapping"
            value = lines[k][start:]
            return (k + 1, start + 1, (f"this value starts with `{opener}`, which YAML reads as {reads}; if it is "
                    f"text, put it all in quotes: {_quoted(value)}"),
                    _replace(lines, k, lines[k][:start] + _quoted(value)))

    # 3. a { or [ with no closing partner on its line
    if "flow" in context or "expected ',' or" in problem:
        for k in range(min(n, len(lines) - 1), max(-1, n - 30), -1):
            c = _value_at(lines[k])
            if c is not None and lines[k][c] in "[{" and _closing(lines[k], c) is None:
                opener = lines[k][c]
                closer = "}" if opener == "{" else "]"
                if not lines[k][c + 1:].strip():
                    return (k + 1, c + 1, (f"the `{opener}` at the end of this line opens an inline "
                            f"{'list' if opener == '[' else 'mapping'} that is never closed: remove it (indented lines "
                            f"below need no brackets) or close it with `{closer}`"), _replace(lines, k, lines[k][:c]))
                return (k + 1, c + 1, f"the `{opener}` here is never closed: add `{closer}` at the end of the value",
                        _replace(lines, k, lines[k].rstrip() + closer))

    # 4. a tab
    if n < len(lines):
        indent = lines[n][: len(lines[n]) - len(lines[n].lstrip(" \t"))]
        if "\t" in indent:
            return (n + 1, indent.index("\t") + 1, ("a tab character in the indentation; YAML needs spaces (set "
                    "your editor to indent with spaces)"),
                    _replace(lines, n, indent.replace("\t", "  ") + lines[n].lstrip(" \t")))

    # 5. a value that starts with a character YAML reserves, or text after a closing quote
    if n < len(lines):
        start = _value_at(lines[n])
        value = lines[n][start:] if start is not None else ""
        if value[:1] in ("@", "`") and "cannot start any token" in problem:
            return (n + 1, start + 1 if start is not None else 1, (f"a value cannot start with `{value[0]}`; put it "
                    f"in quotes: {_quoted(value)}"), _replace(lines, n, lines[n][: start or 0] + _quoted(value)))
        if value[:1] in ('"', "'") and "expected key" in problem and unclosed_quote(lines[n]) is None:
            close = value.find(value[0], 1)
            if 0 < close < len(value.rstrip()) - 1 and not value[close + 1:].lstrip().startswith("#"):
                return (n + 1, (start or 0) + close + 2, (f"text after the closing {value[0]}: put the whole value "
                        f"in quotes: {_quoted(value)}"), _replace(lines, n, lines[n][: start or 0] + _quoted(value)))

    # 6. ': ' inside a plain value
    if "mapping values are not allowed" in problem and n < len(lines):
        start = _value_at(lines[n])
        if start is not None and start < col and lines[n][start] not in "\"'[{":
            value = lines[n][start:]
            return (n + 1, col + 1, f"a `: ` inside a value; put the whole value in quotes: {_quoted(value)}",
                    _replace(lines, n, lines[n][:start] + _quoted(value)))

    # 7. indentation
    if any(p in problem for p in ("expected key", "expected '-' indicator", "mapping values are not allowed",
                                  "expected <block end>")):
        found = _indentation(lines, n)
        if found is not None:
            return found

    hint = ""
    if n < len(lines) and ('"' in lines[n] or "'" in lines[n]) and "expected ',' or" in problem:
        hint = " (a quote inside a quoted value ends it early: check the quotes on this line)"
    elif any(p in problem for p in ("expected key", "expected <block end>", "expected '-' indicator")):
        hint = (" (the indentation of this line or the one above does not match its block: line up each key with "
                "the keys beside it, and each `- ` item with the other items of its list)")
    return n + 1, col + 1, f"YAML syntax: {problem or context}{hint}", None
