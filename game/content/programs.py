"""Programs of what changes the game: the month's policies and rules compiled into one Python function, and
a choice's effects, a deal, a concession or a move as a loop over the same stores (not compiled: there are
hundreds, each run a few times).

Each function is assembled as a syntax tree from fixed templates written here, with content entering
only as constants (names of meters, bounds, option names) and as expression trees from
`game.content.codegen`; nothing an author wrote is parsed as Python. A stored value is clamped to
its bounds and rounded half away from zero; a value that is not a number changes nothing and leaves
a warning. Every change is appended to a list `ch` as (target, before, after), so the same function
serves the recorded game (the ledger) and the simulator's lean path.
"""

from __future__ import annotations

import ast
import sys
import types
from collections.abc import Callable, Mapping, Sequence
from math import floor as _floor
from typing import Any

from game.content.codegen import _HELPERS, DRAW, ExprGen, drawn_once
from game.content.expr import Expr

CEILING = 10**12
# Rounding half away from zero is int(x + 0.5) for x >= 0 (and -int(-x + 0.5) below); stores write floor(x + 0.5),
# the same int for a positive argument (as these always are), in one builtin call instead of a call of the int type.

# A value x (a float, or an int from ints) is compared with the bounds as floats (__HIF__, __LOF__: the same numbers,
# exactly) so that a float x is compared with a float, the interpreter's quick case; the bound stored is the int.
_STORE = """
if x == x:
    if x >= __HIF__:
        n = __HI__
        if __CEIL__ and x > __HIF__:
            _ceiling(s, __T__)
    elif x <= __LOF__:
        n = __LO__
    elif x >= 0.0:
        n = _floor(x + 0.5)
    else:
        n = -_floor(-x + 0.5)
    o = v[__T__]
    if n != o:
        v[__T__] = n
        ch.append((__T__, o, n))
else:
    _nan(s, __T__)
"""
def _as_effect(store: str) -> str:
    """A store template as an effect: the expression's value added to the target's, unless it is 0."""
    indented = "\n".join("    " + line for line in store.strip("\n").split("\n"))
    return "d = __EXPR__\nif d:\n    x = v[__T__] + d\n" + indented


_ASSIGN = "x = __EXPR__\n" + _STORE
_EFFECT = _as_effect(_STORE)


def _as_float(bound: int) -> float | int:
    """A bound as the float of the same number (any bound short of 2**53 is one), else as it is."""
    return float(bound) if float(bound) == bound else bound


def _lean_store(lo: int, hi: int, ceil: bool) -> str:
    """_STORE for the lean month, which lists no change: the new value is stored whether or not it differs (both
    are ints, so storing an equal one changes nothing), and the branches that cannot be taken are left out: the
    ceiling's warning below the ceiling, and rounding a negative number when the lower bound is not negative
    (x > lo >= 0 there)."""
    lines = ["if x == x:", "    if x >= __HIF__:", "        v[__T__] = __HI__"]
    if ceil:
        lines += ["        if x > __HIF__:", "            _ceiling(s, __T__)"]
    lines += ["    elif x <= __LOF__:", "        v[__T__] = __LO__"]
    if lo >= 0:
        lines += ["    else:", "        v[__T__] = _floor(x + 0.5)"]
    else:
        lines += ["    elif x >= 0.0:", "        v[__T__] = _floor(x + 0.5)",
                  "    else:", "        v[__T__] = -_floor(-x + 0.5)"]
    lines += ["else:", "    _nan(s, __T__)"]
    return "\n".join(lines) + "\n"
# The lean `does` program's stores (see Builder.lean_does): a whole number added, as `_plus`; a value stored, as `_put`.
_LEAN_PLUS = """
o = v[__T__]
n = o + __D__
if n >= __HI__:
    n = __HI__
elif n <= __LO__:
    n = __LO__
if n != o:
    v[__T__] = n
    c = True
"""
_LEAN_PUT = """
if x != x:
    _nan(s, __T__)
else:
    if x >= __HI__:
        n = __HI__
        if __CEIL__ and x > __HI__:
            _ceiling(s, __T__)
    elif x <= __LO__:
        n = __LO__
    elif x >= 0:
        n = _floor(x + 0.5)
    else:
        n = -_floor(-x + 0.5)
    if n != v[__T__]:
        v[__T__] = n
        c = True
"""
_LEAN_FACTORIES: dict[tuple[str, ...], Callable[..., Any]] = {}
# a lean `does` program's flags and policies, after its stores, as `_does` runs them
_LEAN_FLAGS = """
if sets or clears:
    for flag in sets:
        if flag not in f:
            f.add(flag)
            c = True
    for flag in clears:
        if flag in f:
            f.discard(flag)
            c = True
for pid, option in policies:
    if v[pid] != option:
        v[pid] = option
        c = True
return c
"""


def _lean_factory(stores: tuple[str, ...]) -> Callable[..., Any]:
    """make(sets, clears, policies, t0, d0, lo0, hi0, t1, ...) -> a lean `does` program with these stores in order:
    '+' a whole number d added, 'd0'/'d1' an expression's value added, 'a0'/'a1' one stored (1: a counter warned at
    the ceiling), `d` then being the expression's compiled function; then the flags set and cleared and the policies
    switched. Its code is our templates with parameter names in their places and nothing else (so it is compiled from
    that text, without building a syntax tree): the content's targets, numbers and flags are the factory's arguments."""
    params = ["sets", "clears", "policies"]
    lines = ["v = s.values", "f = s.flags", "c = False"]
    for i, kind in enumerate(stores):
        params += [f"t{i}", f"d{i}", f"lo{i}", f"hi{i}"]
        if kind == "+":
            store = _LEAN_PLUS.strip("\n").split("\n")
        else:
            store = _LEAN_PUT.strip("\n").split("\n")
            if kind[0] == "d":  # a delta of 0 (or false) changes nothing
                store = ["if x:", "    x = v[__T__] + x", *("    " + line for line in store)]
            store = ["x = __D__(s)", *store]
        for name, value in (("__T__", f"t{i}"), ("__D__", f"d{i}"), ("__LO__", f"lo{i}"), ("__HI__", f"hi{i}"),
                            ("__CEIL__", str(kind[1:] == "1"))):
            store = [line.replace(name, value) for line in store]
        lines += store
    lines += _LEAN_FLAGS.strip("\n").split("\n")
    source = "def make({}):\n    def lean_does(s):\n{}\n    return lean_does\n".format(
        ", ".join(params), "\n".join("        " + line for line in lines))
    code = compile(source, "<lean does>", "exec")
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(fcode, _GLOBALS, "make")


_BLOCK_END = "if out is not None and ch:\n    out.append((__KIND__, __CAUSE__, __DETAIL__, ch))\n"


def _template(source: str) -> list[ast.stmt]:
    """A fresh syntax tree of a template (parsing our own short source again is far cheaper than deepcopy)."""
    return ast.parse(source).body


class _Fill(ast.NodeTransformer):
    """Replace the template's placeholders (__T__, __EXPR__, …) with constants and expression trees."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        self.values = values

    def visit_Name(self, node: ast.Name) -> Any:
        if node.id in self.values:
            value = self.values[node.id]
            return value if isinstance(value, ast.AST) else ast.Constant(value)
        return node


def _fill(source: str, **values: Any) -> list[ast.stmt]:
    filler = _Fill({f"__{k}__": v for k, v in values.items()})
    return [filler.visit(stmt) for stmt in _template(source)]


class Builder:
    """Builds change programs for one content's bounds."""

    def __init__(self, bounds: Mapping[str, tuple[int, int]], record: bool = True) -> None:
        self.bounds = bounds
        self.record = record  # False: the lean month, which keeps no list of changes

    def _expr(self, expr: Expr) -> ast.expr:
        return ExprGen().node(expr.tree)

    def _drawn(self, expr: Expr) -> tuple[list[ast.stmt], ast.expr]:
        """(statements to run first, the expression): in the lean month (run on a GameState only), an expression that
        surely draws one random number has it drawn just before, inline, instead of calling `s.random()`."""
        if self.record or not drawn_once(expr.tree):
            return [], self._expr(expr)
        return _template(DRAW), ExprGen(draw="_r").node(expr.tree)

    def store(self, target: str, expr: Expr, delta: bool) -> list[ast.stmt]:
        lo, hi = self.bounds[target]
        const = expr.constant
        if delta and const is not None and not const:
            return []
        if delta and const is not None and float(const) == int(const) and hi < CEILING:
            return _add(target, int(const), lo, hi, self.record)
        if not self.record:
            store = _lean_store(lo, hi, hi >= CEILING)
            source = _as_effect(store) if delta else "x = __EXPR__\n" + store
            first, value = self._drawn(expr)
            return first + _fill(source, EXPR=value, T=target, LO=lo, HI=hi, LOF=_as_float(lo), HIF=_as_float(hi))
        return _fill(_EFFECT if delta else _ASSIGN, EXPR=self._expr(expr), T=target, LO=lo, HI=hi, CEIL=hi >= CEILING,
                     LOF=_as_float(lo), HIF=_as_float(hi))

    def changes(self, assign: Sequence[tuple[str, Expr]], effects: Sequence[tuple[str, Expr]]) -> list[ast.stmt]:
        """Assignments first, then deltas, each evaluated against the state as it stands."""
        out: list[ast.stmt] = []
        for target, expr in assign:
            out += self.store(target, expr, delta=False)
        for target, expr in effects:
            out += self.store(target, expr, delta=True)
        return out

    def _stores(self, assign: Sequence[tuple[str, Expr]],
                effects: Sequence[tuple[str, Expr]]) -> list[tuple[str, int, Expr | None, bool, int, int, bool]]:
        """A change program's stores in order: (target, whole number added or 0, expression or None, delta, lo, hi,
        ceiling warned); a whole number 0 added is left out."""
        stores: list[tuple[str, int, Expr | None, bool, int, int, bool]] = []
        for target, expr, delta in [*((t, e, False) for t, e in assign), *((t, e, True) for t, e in effects)]:
            lo, hi = self.bounds[target]
            const = expr.constant
            if delta and const is not None and float(const) == int(const) and hi < CEILING:
                if const:
                    stores.append((target, int(const), None, True, lo, hi, False))
                continue
            stores.append((target, 0, expr, delta, lo, hi, hi >= CEILING))
        return stores

    def does(self, assign: Sequence[tuple[str, Expr]], effects: Sequence[tuple[str, Expr]], set_: Sequence[str],
             clear: Sequence[str], policy: Sequence[tuple[str, str]]) -> Callable[..., bool]:
        """fn(state, changes, flags) -> whether anything changed: a choice's, deal's, concession's or move's
        consequences (with changes and flags None, the lean path's, they are not listed). Not compiled (hundreds
        of them, each run a few times): a loop over its stores, each a whole number added (as `_add`) or an
        expression's compiled function stored by `_put` (the same rule as the month's inline stores)."""
        stores = tuple((t, d, None if e is None else e.fn, delta, lo, hi, ceil)
                       for t, d, e, delta, lo, hi, ceil in self._stores(assign, effects))
        return _does(stores, tuple(set_), tuple(clear), tuple(policy))

    def lean_does(self, assign: Sequence[tuple[str, Expr]], effects: Sequence[tuple[str, Expr]], set_: Sequence[str],
                  clear: Sequence[str], policy: Sequence[tuple[str, str]]) -> Callable[[Any], bool]:
        """fn(state) -> whether anything changed: `does(...)(state, None, None)` with its stores as straight-line
        code, for the simulator's lean path, which runs the same choices thousands of times. Programs whose stores
        are of the same kinds share one compiled factory, made once per process; each program is the factory's
        function over its own targets, numbers, bounds, expressions and flags (see `_lean_factory`)."""
        stores = self._stores(assign, effects)
        shape = tuple("+" if e is None else f"{'d' if delta else 'a'}{int(ceil)}"
                      for _, _, e, delta, _, _, ceil in stores)
        factory = _LEAN_FACTORIES.get(shape)
        if factory is None:
            factory = _LEAN_FACTORIES[shape] = _lean_factory(shape)
        args: list[Any] = []
        for target, d, expr, _, lo, hi, _ in stores:
            args += [target, d if expr is None else expr.fn, lo, hi]
        return factory(tuple(set_), tuple(clear), tuple(policy), *args)

    def month(self, policies: Sequence[tuple[str, Sequence[tuple[str, Sequence[tuple[str, Expr]]]]]],
              rules: Sequence[tuple[str, Expr | None, Sequence[tuple[str, Expr]], Sequence[tuple[str, Expr]]]],
              policy_kind: Any, rule_kind: Any) -> Callable[[Any, list[Any] | None], None]:
        """fn(state, out): standing policies' monthly effects, then the monthly rules in order; with `out`,
        each block that changed something appends (kind, cause, detail, changes). The lean month (record=False)
        returns every meter's and counter's value after it, in the order of the bounds."""
        body: list[ast.stmt] = []
        for pid, options in policies:
            branches = [(oid, monthly) for oid, monthly in options if monthly]
            if not branches:
                continue
            chain: list[ast.stmt] = []
            for oid, monthly in reversed(branches):
                block = self._block(self.changes((), monthly), policy_kind, pid, oid)
                test = ast.Compare(left=_value(pid), ops=[ast.Eq()], comparators=[ast.Constant(oid)])
                chain = [ast.If(test=test, body=block, orelse=chain)]
            body += chain
        for rid, when, assign, effects in rules:
            block = self._block(self.changes(assign, effects), rule_kind, rid, "")
            if when is None:
                body += block
            else:
                first, condition = self._drawn(when)
                body += [*first, ast.If(test=condition, body=block, orelse=[])]
        always = {*self.bounds, "turn", "month", *(pid for pid, _ in policies)}  # every game's values hold these
        tail: list[ast.stmt] = []
        if not self.record:  # the lean month returns the timeline's snapshot: every meter and counter, in order
            tail.append(ast.Return(value=ast.Dict(keys=[_const(k) for k in self.bounds],
                                                  values=[_value(k) for k in self.bounds])))
        return _function("month", ["s", "out"], _localized(body, always, tail))

    def _block(self, changes: list[ast.stmt], kind: Any, cause: str, detail: str) -> list[ast.stmt]:
        if not self.record:
            return changes or [ast.Pass()]
        return _fill("ch = []\n") + changes + _fill(_BLOCK_END, KIND=kind, CAUSE=cause, DETAIL=detail)


def _value(key: str, ctx: ast.expr_context | None = None) -> ast.Subscript:
    return ast.Subscript(value=ast.Name(id="v", ctx=ast.Load()), slice=ast.Constant(key), ctx=ctx or ast.Load())


def _name(name: str, ctx: ast.expr_context | None = None) -> ast.Name:
    return ast.Name(id=name, ctx=ctx or ast.Load())


def _const(value: Any) -> ast.Constant:
    return ast.Constant(value)


def _let(name: str, value: ast.expr) -> ast.Assign:
    return ast.Assign(targets=[_name(name, ast.Store())], value=value)


def _cmp(name: str, op: ast.cmpop, right: ast.expr) -> ast.Compare:
    return ast.Compare(left=_name(name), ops=[op], comparators=[right])


def _add(target: str, d: int, lo: int, hi: int, record: bool) -> list[ast.stmt]:
    """`target += d` for a whole number d, built directly (no template): a stored value is always an int within
    its bounds, so int arithmetic gives the template's result. `o = v[T]; n = o + d`, clamped; stored if new."""
    clamp = ast.If(test=_cmp("n", ast.GtE(), _const(hi)), body=[_let("n", _const(hi))],
                   orelse=[ast.If(test=_cmp("n", ast.LtE(), _const(lo)), body=[_let("n", _const(lo))], orelse=[])])
    put: list[ast.stmt] = [ast.Assign(targets=[_value(target, ast.Store())], value=_name("n"))]
    if not record:  # the lean month lists no change: store the (int) value whether or not it differs
        return [_let("n", ast.BinOp(left=_value(target), op=ast.Add(), right=_const(d))), clamp, *put]
    change = ast.Tuple(elts=[_const(target), _name("o"), _name("n")], ctx=ast.Load())
    put.append(ast.Expr(value=ast.Call(func=ast.Attribute(value=_name("ch"), attr="append", ctx=ast.Load()),
                                       args=[change], keywords=[])))
    return [_let("o", _value(target)), _let("n", ast.BinOp(left=_name("o"), op=ast.Add(), right=_const(d))), clamp,
            ast.If(test=_cmp("n", ast.NotEq(), _name("o")), body=put, orelse=[])]


def _put(s: Any, v: Any, target: str, x: Any, delta: bool, lo: int, hi: int, ceil: bool,
         ch: list[Any] | None) -> bool:
    """Store a value as the month's inline template does (clamp, round half away from zero, NaN refused);
    whether it changed. The change is listed in `ch` unless it is None (the lean path)."""
    if delta:
        if not x:
            return False
        x = v[target] + x
    if x != x:
        _nan(s, target)
        return False
    if x >= hi:
        n = hi
        if ceil and x > hi:
            _ceiling(s, target)
    elif x <= lo:
        n = lo
    elif x >= 0:
        n = _floor(x + 0.5)
    else:
        n = -_floor(-x + 0.5)
    return _store(v, target, n, ch)


def _plus(v: Any, target: str, d: int, lo: int, hi: int, ch: list[Any] | None) -> bool:
    """A whole number added, as `_add` writes it inline: a stored value is an int within its bounds."""
    n = v[target] + d
    return _store(v, target, hi if n >= hi else lo if n <= lo else n, ch)


def _store(v: Any, target: str, n: int, ch: list[Any] | None) -> bool:
    o = v[target]
    if n == o:
        return False
    v[target] = n
    if ch is not None:
        ch.append((target, o, n))
    return True


def _does(stores: tuple[tuple[str, int, Any, bool, int, int, bool], ...], set_: tuple[str, ...],
          clear: tuple[str, ...], policy: tuple[tuple[str, str], ...]) -> Callable[..., bool]:
    def run(s: Any, ch: list[Any] | None, fl: list[str] | None) -> bool:
        """With `ch` and `fl` None nothing is listed (the lean path's rule; it runs `Builder.lean_does`'s program)."""
        v = s.values
        changed = False
        for t, d, fn, delta, lo, hi, ceil in stores:
            if fn is None:
                changed = _plus(v, t, d, lo, hi, ch) or changed
            else:
                changed = _put(s, v, t, fn(s), delta, lo, hi, ceil, ch) or changed
        f = s.flags
        for flag in set_:
            if flag not in f:
                f.add(flag)
                changed = True
                if fl is not None:
                    fl.append("+" + flag)
        for flag in clear:
            if flag in f:
                f.discard(flag)
                changed = True
                if fl is not None:
                    fl.append("-" + flag)
        for pid, option in policy:
            if v[pid] != option:
                if ch is not None:
                    ch.append((pid, v[pid], option))
                v[pid] = option
                changed = True
        return changed
    return run


def _nan(state: Any, target: str) -> None:
    _warn(state, f"'{target}' got no usable number in month {state.turn}; left unchanged")


def _ceiling(state: Any, target: str) -> None:
    _warn(state, f"counter '{target}' hit the ceiling of {CEILING:,} in month {state.turn}")


def _warn(state: Any, message: str) -> None:
    if message not in state.warnings and len(state.warnings) < 50:
        state.warnings.append(message)


_GLOBALS = {**_HELPERS, "_nan": _nan, "_ceiling": _ceiling, "_floor": _floor}


class _Localize(ast.NodeTransformer):
    """Read and write `v[key]` as a local variable `_v<n>` (the month reads the same values many times)."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = keys
        self.local: dict[str, str] = {}
        self.written: set[str] = set()

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        self.generic_visit(node)
        if (isinstance(node.value, ast.Name) and node.value.id == "v" and isinstance(node.slice, ast.Constant)
                and node.slice.value in self.keys):
            key = node.slice.value
            name = self.local.setdefault(key, f"_v{len(self.local)}")
            if isinstance(node.ctx, ast.Store):
                self.written.add(key)
            return ast.Name(id=name, ctx=node.ctx)
        return node


def _localized(body: list[ast.stmt], keys: set[str], tail: Sequence[ast.stmt] = ()) -> list[ast.stmt]:
    """The body with the values it reads in `keys` loaded into locals first, and those it writes stored back
    at the end (the body calls nothing that reads `s.values`); then `tail` (which writes none), reading locals too."""
    localize = _Localize(keys)
    body = [localize.visit(stmt) for stmt in body]
    after = [localize.visit(stmt) for stmt in tail]
    load = [_let(name, _value(key)) for key, name in localize.local.items()]
    store: list[ast.stmt] = [ast.Assign(targets=[_value(key, ast.Store())], value=_name(name))
                             for key, name in localize.local.items() if key in localize.written]
    return load + body + store + after


def _function(name: str, params: list[str], body: list[ast.stmt]) -> Any:
    prologue: list[ast.stmt] = [_let("v", ast.Attribute(value=_name("s"), attr="values", ctx=ast.Load())),
                                _let("f", ast.Attribute(value=_name("s"), attr="flags", ctx=ast.Load()))]
    extra: dict[str, Any] = {"type_params": []} if sys.version_info >= (3, 12) else {}
    func = ast.FunctionDef(name=name, args=ast.arguments(posonlyargs=[], args=[ast.arg(arg=p) for p in params],
                                                         kwonlyargs=[], kw_defaults=[], defaults=[]),
                           body=prologue + (body or [ast.Pass()]), decorator_list=[], returns=None, **extra)
    module = ast.fix_missing_locations(ast.Module(body=[func], type_ignores=[]))
    code = compile(module, f"<{name} program>", "exec")
    fcode = next(c for c in code.co_consts if isinstance(c, types.CodeType))
    return types.FunctionType(fcode, _GLOBALS, name)
