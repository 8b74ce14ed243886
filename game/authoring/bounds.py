"""Conditions that can never hold, given the bounds of meters, counters, `turn` and `month`.

A light second reading of an expression (it has already compiled): comparisons of one name with
a constant become ranges; `and` intersects them, `or` needs every branch impossible, `not`
flips always/never. Anything with arithmetic is treated as "maybe".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from game.content.compiled import Content
from game.content.expr import tokenize, month_number, month_text

NEVER, ALWAYS, MAYBE = "never", "always", "maybe"
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


@dataclass(frozen=True)
class Range:
    """An interval with open or closed ends."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open))

    def meet(self, other: Range) -> Range:
        """The intersection (an equal end is open if either end is open)."""
        if self.lo != other.lo:
            lo, lo_open = (self.lo, self.lo_open) if self.lo > other.lo else (other.lo, other.lo_open)
        else:
            lo, lo_open = self.lo, self.lo_open or other.lo_open
        if self.hi != other.hi:
            hi, hi_open = (self.hi, self.hi_open) if self.hi < other.hi else (other.hi, other.hi_open)
        else:
            hi, hi_open = self.hi, self.hi_open or other.hi_open
        return Range(lo, hi, lo_open, hi_open)

    def within(self, other: Range) -> bool:
        lo_ok = self.lo > other.lo or (self.lo == other.lo and (self.lo_open or not other.lo_open))
        hi_ok = self.hi < other.hi or (self.hi == other.hi and (self.hi_open or not other.hi_open))
        return lo_ok and hi_ok


def _constraint(op: str, c: float) -> Range | None:
    inf = math.inf
    return {"<": Range(-inf, c, hi_open=True), "<=": Range(-inf, c), ">": Range(c, inf, lo_open=True),
            ">=": Range(c, inf), "==": Range(c, c)}.get(op)


@dataclass(frozen=True)
class Node:
    kind: str  # cmp, and, or, not, bool, num, var, other
    start: int
    end: int
    parts: tuple[Node, ...] = ()
    op: str = ""
    value: float | str | bool | None = None


class _Reader:
    """Recursive descent over the expression tokens, keeping each node's column span."""

    def __init__(self, text: str) -> None:
        self.tokens, self.i = tokenize(text), 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def at(self, *values: str) -> bool:
        kind, value, _ = self.peek()
        return kind in ("op", "name") and value in values

    def end_col(self) -> int:
        kind, value, col = self.tokens[self.i - 1]
        return col + len(value)

    def chain(self, kind: str, word: str, inner: str) -> Node:
        first = getattr(self, inner)()
        parts = [first]
        while self.at(word):
            self.take()
            parts.append(getattr(self, inner)())
        return first if len(parts) == 1 else Node(kind, first.start, parts[-1].end, tuple(parts))

    def or_(self) -> Node:
        return self.chain("or", "or", "and_")

    def and_(self) -> Node:
        return self.chain("and", "and", "not_")

    def not_(self) -> Node:
        if self.at("not"):
            start = self.take()[2]
            inner = self.not_()
            return Node("not", start, inner.end, (inner,))
        return self.cmp()

    def cmp(self) -> Node:
        left = self.sum_()
        if self.at(*_FLIP):
            op = self.take()[1]
            right = self.sum_()
            return Node("cmp", left.start, right.end, (left, right), op)
        return left

    def sum_(self) -> Node:
        first = self.unary()
        if not self.at("+", "-", "*", "/", "%", "×", "÷"):
            return first
        while self.at("+", "-", "*", "/", "%", "×", "÷"):
            self.take()
            last = self.unary()
        return Node("other", first.start, last.end)

    def unary(self) -> Node:
        if self.at("-"):
            start = self.take()[2]
            inner = self.unary()
            if inner.kind == "num" and isinstance(inner.value, (int, float)):
                return Node("num", start, inner.end, value=-inner.value)
            return Node("other", start, inner.end)
        if self.at("+"):
            self.take()
        return self.primary()

    def primary(self) -> Node:
        kind, value, col = self.take()
        if kind == "num":
            return Node("num", col, col + len(value), value=float(value))
        if kind == "date":
            return Node("num", col, col + len(value), value=float(month_number(value)))
        if kind == "name" and value in ("true", "false"):
            return Node("bool", col, col + len(value), value=value == "true")
        if kind == "name" and self.at("("):
            depth = 0
            while True:
                k, v, _ = self.take()
                depth += v == "(" and k == "op"
                depth -= v == ")" and k == "op"
                if depth == 0 or k == "end":
                    break
            return Node("other", col, self.end_col())
        if kind == "name":
            return Node("var", col, col + len(value), value=value)
        if kind == "op" and value == "(":
            inner = self.or_()
            self.take()  # ")"
            return Node(inner.kind, col, self.end_col(), inner.parts, inner.op, inner.value)
        return Node("other", col, col + len(value))


def name_ranges(content: Content) -> dict[str, Range]:
    """The range each meter, counter, `turn` and `month` can take."""
    out = {m.id: Range(m.min, m.max) for m in content.meters.values()}
    for c in content.counters.values():
        out[c.id] = Range(c.min, math.inf if c.max is None else c.max)
    out["turn"] = Range(1, content.turns)
    out["month"] = Range(content.start_month, content.start_month + content.turns - 1)
    return out


def _show(name: str, value: float) -> str:
    if name == "month" and math.isfinite(value):
        return month_text(int(value))
    return str(int(value)) if value == int(value) else str(value)


@dataclass(frozen=True)
class Verdict:
    kind: str  # NEVER, ALWAYS or MAYBE
    culprit: Node | None = None
    why: str = ""


def _cmp(node: Node, ranges: Mapping[str, Range]) -> tuple[str, Range] | None:
    """(name, range the comparison allows) for `name OP constant` or `constant OP name`."""
    left, right = node.parts
    op = node.op
    if left.kind == "num" and right.kind == "var":
        left, right, op = right, left, _FLIP[op]
    if left.kind == "var" and right.kind == "num" and left.value in ranges:
        allowed = _constraint(op, float(right.value))  # type: ignore[arg-type]
        return (str(left.value), allowed) if allowed is not None else None
    return None


def judge(node: Node, ranges: Mapping[str, Range], text: str) -> Verdict:
    """Whether a condition is never, always or maybe true."""
    if node.kind == "bool":
        return Verdict(ALWAYS if node.value else NEVER, node, "it is the constant false")
    if node.kind == "not":
        inner = judge(node.parts[0], ranges, text)
        flipped = {NEVER: ALWAYS, ALWAYS: NEVER, MAYBE: MAYBE}[inner.kind]
        return Verdict(flipped, node if flipped == NEVER else inner.culprit, inner.why)
    if node.kind == "cmp":
        found = _cmp(node, ranges)
        if found is None:
            return Verdict(MAYBE)
        name, allowed = found
        bound = ranges[name]
        span = (f"{name} is never below {_show(name, bound.lo)}" if math.isinf(bound.hi)
                else f"{name} stays within {_show(name, bound.lo)}..{_show(name, bound.hi)}")
        clause = text[node.start:node.end]
        if bound.meet(allowed).empty():
            return Verdict(NEVER, node, f"{span}, so '{clause}' never holds")
        if bound.within(allowed):
            return Verdict(ALWAYS, node, f"{span}, so '{clause}' always holds")
        return Verdict(MAYBE)
    if node.kind == "or":
        verdicts = [judge(p, ranges, text) for p in node.parts]
        if all(v.kind == NEVER for v in verdicts):
            return Verdict(NEVER, node, "; ".join(v.why for v in verdicts if v.why))
        return Verdict(ALWAYS if any(v.kind == ALWAYS for v in verdicts) else MAYBE)
    if node.kind == "and":
        verdicts = [judge(p, ranges, text) for p in node.parts]
        never = next((v for v in verdicts if v.kind == NEVER), None)
        if never is not None:
            return never
        meets: dict[str, tuple[Range, list[Node]]] = {}
        for part in node.parts:
            found = _cmp(part, ranges) if part.kind == "cmp" else None
            if found:
                name, allowed = found
                now, nodes = meets.get(name, (ranges[name], []))
                meets[name] = (now.meet(allowed), nodes + [part])
        for name, (now, nodes) in meets.items():
            if now.empty():
                clauses = " and ".join(f"'{text[n.start:n.end]}'" for n in nodes)
                return Verdict(NEVER, nodes[0], f"{clauses} cannot both hold")
        return Verdict(ALWAYS if all(v.kind == ALWAYS for v in verdicts) else MAYBE)
    return Verdict(MAYBE)


def never_true(source: str, ranges: Mapping[str, Range]) -> tuple[int, str] | None:
    """If a condition can never hold: (column of the culprit in `source`, why); otherwise None."""
    text = source.strip()
    if text in ("false", "False"):
        return 0, "it is the constant false"
    try:
        reader = _Reader(text)
        verdict = judge(reader.or_(), ranges, text)
    except Exception:  # noqa: BLE001 - the loader already compiled it; stay quiet on anything odd
        return None
    if verdict.kind != NEVER:
        return None
    col = verdict.culprit.start if verdict.culprit else 0
    return col + (len(source) - len(source.lstrip())), verdict.why
