"""Compile a checked expression tree into a Python function.

The function is built as a Python syntax tree (`ast`) from our own `Node`s and compiled to a code
object; nothing an author wrote is ever parsed as Python. Content only becomes constants (numbers,
names used as dictionary keys, option names), so the generated code can only read `values`,
test `flags` and call the few helpers below. All arithmetic is done in floats: it cannot raise,
and a result that is not a finite number is dealt with where values are stored.
"""

from __future__ import annotations

import ast
import math
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any

from game.content.expr import Fn, Node

_ARITH = {"+": ast.Add, "-": ast.Sub, "*": ast.Mult}
_CMP = {"<": ast.Lt, "<=": ast.LtE, ">": ast.Gt, ">=": ast.GtE, "==": ast.Eq, "!=": ast.NotEq}


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _mod(a: float, b: float) -> float:
    if not b or not math.isfinite(a) or not math.isfinite(b):
        return 0.0
    return a % b


def _round(a: float) -> float:
    return float(round(a)) if math.isfinite(a) else a


def _clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def _random(scope: Any, lo: float, hi: float) -> float:
    return lo + (hi - lo) * scope.random()


_HELPERS: dict[str, Any] = {"__builtins__": {}, "_div": _div, "_mod": _mod, "_round": _round, "_clamp": _clamp,
                            "_random": _random, "_min": min, "_max": max, "_abs": abs}


def _name(id_: str) -> ast.Name:
    return ast.Name(id=id_, ctx=ast.Load())


def _call(func: str, *args: ast.expr) -> ast.Call:
    return ast.Call(func=_name(func), args=list(args), keywords=[])


def _pure(n: Node) -> bool:
    """True when evaluating `n` cannot draw a random number (so its order of evaluation does not matter)."""
    return not any(x.op == "call" and x.value == "random" for x in n.walk())


def _simple(e: ast.expr) -> bool:
    """A constant or a value read: cheap to evaluate twice and free of side effects."""
    return isinstance(e, ast.Constant) or (isinstance(e, ast.Subscript) and isinstance(e.value, ast.Name)
                                           and isinstance(e.slice, ast.Constant))


class ExprGen:
    """Python expressions from our expression trees. Two-argument min and max, `clamp` and `random` are written
    out inline (no call), keeping the builtins' exact results and the arguments' order of evaluation."""

    def __init__(self, draw: str | None = None) -> None:
        self.needs: set[str] = set()  # which locals the function body must set up: v (values), f (flags)
        self.temps = 0
        self.draw = draw  # a local holding the number `random` draws, drawn before (see `drawn_once`), else None

    def _temp(self, e: ast.expr) -> tuple[ast.expr, ast.expr]:
        """(the expression, once, for its first use; a cheap one for its second use)."""
        if _simple(e):
            return e, e
        self.temps += 1
        name = f"_t{self.temps}"
        return ast.NamedExpr(target=ast.Name(id=name, ctx=ast.Store()), value=e), _name(name)

    def _pick(self, a: ast.expr, b: ast.expr, keep_b: type[ast.cmpop]) -> ast.expr:
        """min(a, b) (keep_b=Gt: b when a > b) or max(a, b) (keep_b=Lt), as the builtins: `a` unless b beats it."""
        first, a2 = self._temp(a)
        second, b2 = self._temp(b)
        return ast.IfExp(test=ast.Compare(left=first, ops=[keep_b()], comparators=[second]), body=b2, orelse=a2)

    def value(self, key: str) -> ast.expr:
        self.needs.add("v")
        return ast.Subscript(value=_name("v"), slice=ast.Constant(key), ctx=ast.Load())

    def node(self, n: Node) -> ast.expr:
        op = n.op
        if op in ("num", "month"):
            return ast.Constant(float(n.value))
        if op in ("str", "bool"):
            return ast.Constant(n.value)
        if op == "flag":
            self.needs.add("f")
            return ast.Compare(left=ast.Constant(n.value), ops=[ast.In()], comparators=[_name("f")])
        if op == "name":
            if n.value == "month_of_year":  # month counts from year 0, January = 0
                return ast.BinOp(left=_call("_mod", self.value("month"), ast.Constant(12.0)), op=ast.Add(),
                                 right=ast.Constant(1.0))
            if n.value == "year":
                return _call("_round", ast.BinOp(left=ast.BinOp(left=self.value("month"), op=ast.Sub(),
                                                               right=_call("_mod", self.value("month"),
                                                                           ast.Constant(12.0))),
                                                  op=ast.Div(), right=ast.Constant(12.0)))
            return self.value(n.value)
        if op == "neg":
            return ast.UnaryOp(op=ast.USub(), operand=self.node(n.args[0]))
        if op == "not":
            return ast.UnaryOp(op=ast.Not(), operand=self.node(n.args[0]))
        if op in ("and", "or"):
            return ast.BoolOp(op=ast.And() if op == "and" else ast.Or(), values=[self.node(a) for a in n.args])
        if op == "cmp":
            return ast.Compare(left=self.node(n.args[0]), ops=[_CMP[n.value]()], comparators=[self.node(n.args[1])])
        if op == "arith":
            a, b = (self.node(x) for x in n.args)
            if n.value == "/":
                divisor = n.args[1]
                if divisor.op == "num" and divisor.value:
                    return ast.BinOp(left=a, op=ast.Div(), right=b)
                if divisor.op == "name":  # no side effects: test it, then divide
                    return ast.IfExp(test=b, body=ast.BinOp(left=a, op=ast.Div(), right=self.node(divisor)),
                                     orelse=ast.Constant(0.0))
                if _pure(n.args[0]):  # the divisor may be evaluated first: the dividend draws no number
                    first, b2 = self._temp(b)
                    return ast.IfExp(test=first, body=ast.BinOp(left=a, op=ast.Div(), right=b2),
                                     orelse=ast.Constant(0.0))
                return _call("_div", a, b)
            if n.value == "%":
                divisor = n.args[1]
                if divisor.op == "num" and divisor.value and math.isfinite(float(divisor.value)):
                    # _mod by a constant: a % b when a is finite (a - a is 0 only then), else 0
                    first, a2 = self._temp(a)
                    finite = ast.Compare(left=ast.BinOp(left=first, op=ast.Sub(), right=a2), ops=[ast.Eq()],
                                         comparators=[ast.Constant(0.0)])
                    return ast.IfExp(test=finite, body=ast.BinOp(left=a2, op=ast.Mod(), right=b),
                                     orelse=ast.Constant(0.0))
                return _call("_mod", a, b)
            return ast.BinOp(left=a, op=_ARITH[n.value](), right=b)
        if op == "call":
            args = [self.node(a) for a in n.args]
            if n.value == "random":  # lo + (hi - lo) * s.random(), as _random
                self.needs.add("s")
                lo, hi = args
                first, lo2 = self._temp(lo)
                draw: ast.expr = _name(self.draw) if self.draw else ast.Call(
                    func=ast.Attribute(value=_name("s"), attr="random", ctx=ast.Load()), args=[], keywords=[])
                return ast.BinOp(left=first, op=ast.Add(), right=ast.BinOp(
                    left=ast.BinOp(left=hi, op=ast.Sub(), right=lo2), op=ast.Mult(), right=draw))
            if n.value == "clamp":  # max(lo, min(hi, x))
                x, lo, hi = args
                return self._pick(lo, self._pick(hi, x, ast.Gt), ast.Lt)
            if n.value in ("min", "max") and len(args) == 2:
                return self._pick(args[0], args[1], ast.Gt if n.value == "min" else ast.Lt)
            return _call({"min": "_min", "max": "_max", "abs": "_abs", "round": "_round"}[n.value], *args)
        raise AssertionError(f"unknown node {op}")


def drawn_once(tree: Node) -> bool:
    """True when evaluating `tree` (as ExprGen writes it) surely draws exactly one random number: then the number
    may be drawn just before and the expression read it (nothing else in it has a side effect). A draw is not sure
    in the operands of `and` / `or` after the first, nor in a dividend divided by a value (tested for 0 first)."""
    if sum(1 for x in tree.walk() if x.op == "call" and x.value == "random") != 1:
        return False

    def sure(n: Node) -> bool:  # whether the one draw, if it is in `n`, is surely made when `n` is evaluated
        if n.op == "call" and n.value == "random":
            return True
        for i, a in enumerate(n.args):
            if not any(x.op == "call" and x.value == "random" for x in a.walk()):
                continue
            if n.op in ("and", "or") and i > 0:
                return False
            if n.op == "arith" and n.value == "/" and i == 0 and n.args[1].op == "name":
                return False
            return sure(a)
        return True
    return sure(tree)


# GameState.random, as statements: the state's SplitMix64 stream advanced once, its number in _r
DRAW = """
_z = (s.rng + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
s.rng = _z
_z = ((_z ^ (_z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
_z = ((_z ^ (_z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
_r = ((_z ^ (_z >> 31)) >> 11) * 1.1102230246251565e-16
"""


def _constant(tree: Node) -> float | bool | None:
    """The value of an expression that reads nothing, or None."""
    if any(n.op in ("name", "flag") or (n.op == "call" and n.value == "random") for n in tree.walk()):
        return None
    fn = _build(tree)
    value = fn(None)
    return value if isinstance(value, bool) or math.isfinite(value) else None


def _build(tree: Node) -> Fn:
    gen = ExprGen()
    body_expr = gen.node(tree)
    body: list[ast.stmt] = []
    if "v" in gen.needs:
        body.append(ast.Assign(targets=[ast.Name(id="v", ctx=ast.Store())],
                               value=ast.Attribute(value=_name("s"), attr="values", ctx=ast.Load())))
    if "f" in gen.needs:
        body.append(ast.Assign(targets=[ast.Name(id="f", ctx=ast.Store())],
                               value=ast.Attribute(value=_name("s"), attr="flags", ctx=ast.Load())))
    body.append(ast.Return(value=body_expr))
    extra: dict[str, Any] = {"type_params": []} if sys.version_info >= (3, 12) else {}
    func = ast.FunctionDef(name="expression", args=ast.arguments(posonlyargs=[], args=[ast.arg(arg="s")],
                                                                   kwonlyargs=[], kw_defaults=[], defaults=[]),
                           body=body, decorator_list=[], returns=None, **extra)
    module = ast.fix_missing_locations(ast.Module(body=[func], type_ignores=[]))
    code = compile(module, "<expression>", "exec")
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(fcode, _HELPERS, "expression")


def compile_tree(tree: Node) -> tuple[Fn, float | bool | None]:
    """A function of one scope (`.values`, `.flags`, `.random()`), and the constant value if it has one."""
    constant = _constant(tree)
    if constant is not None:
        return (lambda s, c=constant: c), constant
    return _build(tree), None


def compile_tuple(exprs: list[Any]) -> Fn:
    """One function returning the values of several expressions, as floats (a single call per draw)."""
    gen = ExprGen()
    items: list[ast.expr] = [ast.Call(func=_name("_float"), args=[gen.node(e.tree)], keywords=[]) for e in exprs]
    body: list[ast.stmt] = [
        ast.Assign(targets=[ast.Name(id="v", ctx=ast.Store())],
                   value=ast.Attribute(value=_name("s"), attr="values", ctx=ast.Load())),
        ast.Assign(targets=[ast.Name(id="f", ctx=ast.Store())],
                   value=ast.Attribute(value=_name("s"), attr="flags", ctx=ast.Load())),
        ast.Return(value=ast.Tuple(elts=items, ctx=ast.Load()))]
    extra: dict[str, Any] = {"type_params": []} if sys.version_info >= (3, 12) else {}
    func = ast.FunctionDef(name="weights", args=ast.arguments(posonlyargs=[], args=[ast.arg(arg="s")],
                                                                kwonlyargs=[], kw_defaults=[], defaults=[]),
                           body=body, decorator_list=[], returns=None, **extra)
    code = compile(ast.fix_missing_locations(ast.Module(body=[func], type_ignores=[])), "<weights>", "exec")
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(fcode, {**_HELPERS, "_float": float}, "weights")


Interval = tuple[float, float]
_LARGE = 1e100


def interval(n: Node, ranges: Mapping[str, Interval]) -> Interval | None:
    """Bounds on the value of `n` when each name in `ranges` lies in its range (flags and comparisons in [0, 1]),
    or None when this cannot tell (a name it has no range for, a division by what may be 0, a `%`...). Used only
    to leave out tests that cannot fail; the bounds are safe, not tight."""
    op = n.op
    if op in ("num", "month"):
        x = float(n.value)
        return (x, x)
    if op in ("bool", "flag", "cmp", "not"):
        return (0.0, 1.0)
    if op in ("and", "or"):
        return (0.0, 1.0) if all(a.op in ("bool", "flag", "cmp", "not") for a in n.args) else None
    if op == "name":
        return (1.0, 12.0) if n.value == "month_of_year" else ranges.get(n.value)
    args = [interval(a, ranges) for a in n.args]
    if any(a is None for a in args):
        return None
    spans: list[Interval] = [a for a in args if a is not None]
    if op == "neg":
        return (-spans[0][1], -spans[0][0])
    if op == "arith":
        (a0, a1), (b0, b1) = spans
        if n.value == "+":
            out = (a0 + b0, a1 + b1)
        elif n.value == "-":
            out = (a0 - b1, a1 - b0)
        elif n.value == "*":
            corners = (a0 * b0, a0 * b1, a1 * b0, a1 * b1)
            out = (min(corners), max(corners))
        elif n.value == "/" and (b0 > 0 or b1 < 0):
            corners = (a0 / b0, a0 / b1, a1 / b0, a1 / b1)
            out = (min(corners), max(corners))
        else:
            return None
    elif op == "call" and n.value == "random":
        (l0, l1), (h0, h1) = spans
        out = (min(l0, h0), max(l1, h1))
    elif op == "call" and n.value == "clamp":
        (x0, x1), (l0, l1), (h0, h1) = spans
        out = (max(l0, min(h0, x0)), max(l1, min(h1, x1)))
    elif op == "call" and n.value in ("min", "max"):
        pick = min if n.value == "min" else max
        out = (pick(a for a, _ in spans), pick(b for _, b in spans))
    else:
        return None
    if not -_LARGE < out[0] <= out[1] < _LARGE:  # also refuses NaN
        return None
    return out


def _positive(n: Node, ranges: Mapping[str, Interval]) -> bool:
    """True when `n` is surely a finite number above 0 (with room for rounding)."""
    span = interval(n, ranges)
    return span is not None and span[0] > 1e-6


# (0.0, not 0: a float weight compared with a float is the interpreter's quick case; the same test)
_GROUPS_DECK = """
dw = __DW__
if dw > 0.0 and dw != _inf:
    tt = totals[__I__]
    if tt > 1e-9:
        t += dw * tt
"""
_GROUPS_CARD = """
    w = __W__ * dw
    if w > 0.0 and w != _inf and __ID__ not in dead:
        t += w
"""
# the same for a weight that draws no random number: a card out of play is not weighed at all
_GROUPS_PURE_CARD = """
    if __ID__ not in dead:
        w = __W__ * dw
        if w > 0.0 and w != _inf:
            t += w
"""
# the same for a weight and a deck weight that are surely finite and above 0 (see `interval`): no test of w
_GROUPS_SURE_CARD = """
    w = __W__ * dw
    if __ID__ not in dead:
        t += w
"""
_GROUPS_SURE_PURE_CARD = """
    if __ID__ not in dead:
        t += __W__ * dw
"""


def compile_groups(decks: list[tuple[Any, list[tuple[str, Any, Any]]]], keys: frozenset[str] = frozenset(),
                   ranges: Mapping[str, Interval] | None = None) -> Callable[..., Any]:
    """fn(state, totals, dead) -> (total, bounds, refs): every deck's weight times its live total, and every
    card whose weight is an expression, as a cumulative list for the weighted draw, in one compiled call.
    `decks` is [(deck weight expr, [(card id, card weight expr, card)])]; refs are (deck index, card or None),
    the same tuple every call: one per deck and per such card, a group left out (weight 0, card out of play)
    with the bound before it (no share; a bisection never lands on it).
    The values named in `keys` (ones every state holds) are read once, into locals. With `ranges` (where each
    value named lies, for states that keep their values within bounds) a weight that is surely finite and above 0
    is not tested (its test could not fail)."""
    from game.content.programs import _Fill, _localized  # the same filler and locals as the change programs

    prologue: list[ast.stmt] = ast.parse("t = 0.0\nv = s.values\nf = s.flags\n").body
    body: list[ast.stmt] = []
    env: dict[str, Any] = {**_HELPERS, "_inf": float("inf")}
    refs: list[tuple[int, Any]] = []

    def bound() -> ast.Assign:  # the running total after the group just weighed (a group left out adds nothing)
        return ast.Assign(targets=[ast.Name(id=f"_b{len(refs) - 1}", ctx=ast.Store())],
                          value=ast.Name(id="t", ctx=ast.Load()))

    for i, (deck_weight, cards) in enumerate(decks):
        first = len(refs)
        refs.append((i, None))
        fills: dict[str, Any] = {"__DW__": ExprGen().node(deck_weight.tree), "__I__": ast.Constant(i)}
        block = [_Fill(fills).visit(st) for st in ast.parse(_GROUPS_DECK).body]
        guard = block[1]
        assert isinstance(guard, ast.If)
        guard.body.append(bound())
        sure_deck = ranges is not None and _positive(deck_weight.tree, ranges)
        for card_id, weight, card in cards:
            refs.append((i, card))
            card_fills = {"__W__": ExprGen().node(weight.tree), "__ID__": ast.Constant(card_id)}
            sure = sure_deck and ranges is not None and _positive(weight.tree, ranges)
            card_source = ((_GROUPS_SURE_PURE_CARD if sure else _GROUPS_PURE_CARD) if _pure(weight.tree)
                           else _GROUPS_SURE_CARD if sure else _GROUPS_CARD)
            guard.body += [_Fill(card_fills).visit(st) for st in ast.parse(card_source.replace("\n    ", "\n")).body]
            guard.body.append(bound())
        guard.orelse = [ast.Assign(targets=[ast.Name(id=f"_b{k}", ctx=ast.Store())],
                                   value=ast.Name(id="t", ctx=ast.Load())) for k in range(first, len(refs))]
        body += block[:1] + guard.body if sure_deck else block
    env["_refs"] = tuple(refs)
    body = prologue + _localized(body, set(keys))
    bounds = ast.List(elts=[ast.Name(id=f"_b{k}", ctx=ast.Load()) for k in range(len(refs))], ctx=ast.Load())
    body.append(ast.Return(value=ast.Tuple(elts=[ast.Name(id="t", ctx=ast.Load()), bounds,
                                                 ast.Name(id="_refs", ctx=ast.Load())], ctx=ast.Load())))
    extra: dict[str, Any] = {"type_params": []} if sys.version_info >= (3, 12) else {}
    func = ast.FunctionDef(name="groups", args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=a) for a in
                                                                                  ("s", "totals", "dead")],
                                                               kwonlyargs=[], kw_defaults=[], defaults=[]),
                           body=body, decorator_list=[], returns=None, **extra)
    code = compile(ast.fix_missing_locations(ast.Module(body=[func], type_ignores=[])), "<groups>", "exec")
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(fcode, env, "groups")


def compile_first(losses: list[tuple[str, int, str, Node | None]], conditions: list[tuple[str, Node]]) \
        -> Callable[[Any], str | None]:
    """fn(state) -> the first result whose test holds, else None: each loss (value name, bound, result, unless)
    holds when the value is at its bound and `unless` does not hold; then each (result, condition)."""
    gen = ExprGen()
    body: list[ast.stmt] = [
        ast.Assign(targets=[ast.Name(id="v", ctx=ast.Store())],
                   value=ast.Attribute(value=_name("s"), attr="values", ctx=ast.Load())),
        ast.Assign(targets=[ast.Name(id="f", ctx=ast.Store())],
                   value=ast.Attribute(value=_name("s"), attr="flags", ctx=ast.Load()))]
    tests: list[tuple[ast.expr, str]] = []
    for name, bound, result, unless in losses:
        test: ast.expr = ast.Compare(left=gen.value(name), ops=[ast.Eq()], comparators=[ast.Constant(bound)])
        if unless is not None:
            test = ast.BoolOp(op=ast.And(), values=[test, ast.UnaryOp(op=ast.Not(), operand=gen.node(unless))])
        tests.append((test, result))
    tests += [(gen.node(condition), result) for result, condition in conditions]
    body += [ast.If(test=test, body=[ast.Return(value=ast.Constant(result))], orelse=[]) for test, result in tests]
    body.append(ast.Return(value=ast.Constant(None)))
    extra: dict[str, Any] = {"type_params": []} if sys.version_info >= (3, 12) else {}
    func = ast.FunctionDef(name="first", args=ast.arguments(posonlyargs=[], args=[ast.arg(arg="s")], kwonlyargs=[],
                                                              kw_defaults=[], defaults=[]),
                           body=body, decorator_list=[], returns=None, **extra)
    code = compile(ast.fix_missing_locations(ast.Module(body=[func], type_ignores=[])), "<first>", "exec")
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(fcode, _HELPERS, "first")
