"""Conditions that can never hold, given the bounds of meters, counters, `turn` and `month`.

Reads the expression tree the loader already built (there is one parser): comparisons of one name
with a constant become ranges; `and` intersects them, `or` needs every branch impossible, `not`
flips always/never. Anything with arithmetic is treated as "maybe". `month_window` gives the
months a condition allows, for the timing checks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from game.content.compiled import Content
from game.content.expr import Expr, Node, month_text

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

    def hull(self, other: Range) -> Range:
        """The smallest interval holding both."""
        if self.empty():
            return other
        if other.empty():
            return self
        return Range(min(self.lo, other.lo), max(self.hi, other.hi))

    def within(self, other: Range) -> bool:
        lo_ok = self.lo > other.lo or (self.lo == other.lo and (self.lo_open or not other.lo_open))
        hi_ok = self.hi < other.hi or (self.hi == other.hi and (self.hi_open or not other.hi_open))
        return lo_ok and hi_ok


def _constraint(op: str, c: float) -> Range | None:
    inf = math.inf
    if op == "<":
        return Range(-inf, c, hi_open=True)
    if op == "<=":
        return Range(-inf, c)
    if op == ">":
        return Range(c, inf, lo_open=True)
    if op == ">=":
        return Range(c, inf)
    return Range(c, c) if op == "==" else None


def name_ranges(content: Content) -> dict[str, Range]:
    """The range each meter, counter, `turn` and `month` can take."""
    out = {name: Range(lo, hi) for name, (lo, hi) in content.bounds.items()}
    out["turn"] = Range(1, content.turns)
    out["month"] = Range(content.start_month, content.end_month)
    out["month_of_year"] = Range(1, 12)
    return out


def _show(name: str, value: float) -> str:
    if name == "month" and math.isfinite(value):
        return month_text(int(value))
    return str(int(value)) if value == int(value) else str(value)


def source_of(node: Node) -> str:
    """A node written back as an author would write it (for messages)."""
    op = node.op
    if op == "num":
        v = node.value
        return str(int(v)) if float(v).is_integer() else str(v)
    if op == "month":
        return month_text(int(node.value))
    if op == "str":
        return f'"{node.value}"'
    if op == "bool":
        return "true" if node.value else "false"
    if op in ("name", "flag"):
        return str(node.value)
    if op == "neg":
        return "-" + source_of(node.args[0])
    if op == "not":
        return "not " + source_of(node.args[0])
    if op in ("and", "or", "cmp", "arith"):
        word = op if op in ("and", "or") else node.value
        return f"{source_of(node.args[0])} {word} {source_of(node.args[1])}"
    return f"{node.value}({', '.join(source_of(a) for a in node.args)})"


@dataclass(frozen=True)
class Verdict:
    kind: str  # NEVER, ALWAYS or MAYBE
    culprit: Node | None = None
    why: str = ""


def _cmp(node: Node, ranges: Mapping[str, Range]) -> tuple[str, Range] | None:
    """(name, range the comparison allows) for `name OP constant` or `constant OP name`."""
    left, right = node.args
    op = node.value
    if left.op in ("num", "month") and right.op == "name":
        left, right, op = right, left, _FLIP[op]
    if left.op == "name" and right.op in ("num", "month") and left.value in ranges:
        allowed = _constraint(op, float(right.value))
        return (str(left.value), allowed) if allowed is not None else None
    return None


def _flatten(node: Node, op: str) -> list[Node]:
    if node.op == op:
        return [p for a in node.args for p in _flatten(a, op)]
    return [node]


_MAYBE = Verdict(MAYBE)


def _span(name: str, bound: Range) -> str:
    return (f"{name} is never below {_show(name, bound.lo)}" if math.isinf(bound.hi)
            else f"{name} stays within {_show(name, bound.lo)}..{_show(name, bound.hi)}")


def judge(node: Node, ranges: Mapping[str, Range]) -> Verdict:
    """Whether a condition is never, always or maybe true."""
    if node.op == "bool":
        return Verdict(ALWAYS if node.value else NEVER, node, "it is the constant false")
    if node.op == "not":
        inner = judge(node.args[0], ranges)
        flipped = {NEVER: ALWAYS, ALWAYS: NEVER, MAYBE: MAYBE}[inner.kind]
        return Verdict(flipped, node if flipped == NEVER else inner.culprit, inner.why)
    if node.op == "cmp":
        found = _cmp(node, ranges)
        if found is None:
            return Verdict(MAYBE)
        name, allowed = found
        bound = ranges[name]
        if bound.meet(allowed).empty():
            return Verdict(NEVER, node, f"{_span(name, bound)}, so '{source_of(node)}' never holds")
        if bound.within(allowed):
            return Verdict(ALWAYS, node, f"{_span(name, bound)}, so '{source_of(node)}' always holds")
        return _MAYBE
    if node.op == "or":
        verdicts = [judge(p, ranges) for p in _flatten(node, "or")]
        if all(v.kind == NEVER for v in verdicts):
            return Verdict(NEVER, node, "; ".join(v.why for v in verdicts if v.why))
        return Verdict(ALWAYS if any(v.kind == ALWAYS for v in verdicts) else MAYBE)
    if node.op == "and":
        parts = _flatten(node, "and")
        verdicts = [judge(p, ranges) for p in parts]
        never = next((v for v in verdicts if v.kind == NEVER), None)
        if never is not None:
            return never
        meets: dict[str, tuple[Range, list[Node]]] = {}
        for part in parts:
            found = _cmp(part, ranges) if part.op == "cmp" else None
            if found:
                name, allowed = found
                now, nodes = meets.get(name, (ranges[name], []))
                meets[name] = (now.meet(allowed), nodes + [part])
        for now, nodes in meets.values():
            if now.empty():
                clauses = " and ".join(f"'{source_of(n)}'" for n in nodes)
                return Verdict(NEVER, nodes[0], f"{clauses} cannot both hold")
        return Verdict(ALWAYS if all(v.kind == ALWAYS for v in verdicts) else MAYBE)
    return Verdict(MAYBE)


def never_true(expr: Expr | None, ranges: Mapping[str, Range]) -> tuple[int, str] | None:
    """If a condition can never hold: (column of the culprit in its text, why); otherwise None."""
    if expr is None:
        return None
    verdict = judge(expr.tree, ranges)
    if verdict.kind != NEVER:
        return None
    return (verdict.culprit.col if verdict.culprit else 0), verdict.why


def month_window(node: Node | None, first: int, last: int) -> Range:
    """The calendar months (month numbers) in which a condition can hold, from its `month` and `turn`
    comparisons; everything else is taken as 'maybe'."""
    full = Range(first, last)
    if node is None:
        return full
    if node.op == "cmp":
        found = _cmp(node, {"month": Range(first, last), "turn": Range(1, last - first + 1)})
        if found is None:
            return full
        name, allowed = found
        if name == "turn":
            allowed = Range(allowed.lo + first - 1, allowed.hi + first - 1, allowed.lo_open, allowed.hi_open)
        got = full.meet(allowed)
        lo = math.floor(got.lo) + (1 if got.lo_open and got.lo == math.floor(got.lo) else 0)
        hi = math.ceil(got.hi) - (1 if got.hi_open and got.hi == math.ceil(got.hi) else 0)
        return Range(max(lo, first), min(hi, last)) if lo <= hi else Range(1, 0)
    if node.op == "and":
        out = full
        for part in _flatten(node, "and"):
            out = out.meet(month_window(part, first, last))
        return out
    if node.op == "or":
        out = Range(1, 0)
        for part in _flatten(node, "or"):
            out = out.hull(month_window(part, first, last))
        return out
    if node.op == "bool" and node.value is False:
        return Range(1, 0)
    return full


def required_flags(node: Node | None) -> set[str]:
    """Flags a condition needs set (mentioned positively at the top level of an `and`)."""
    if node is None:
        return set()
    if node.op == "flag":
        return {str(node.value)}
    if node.op == "and":
        return {f for part in _flatten(node, "and") for f in required_flags(part)}
    return set()
