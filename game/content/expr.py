"""A small, safe expression language for `when`, weights, effects and monthly rules.

Numbers, dates (`2018-06`), "strings", names of meters, counters, flags and policies, `turn`,
`month`, `+ - * /` (also `×` `÷`), comparisons, `and or not`, parentheses and the functions
min, max, clamp, abs, round and (in monthly rules only) random(lo, hi). Text is parsed once into
a tree and compiled into Python closures; nothing from content is ever passed to eval or exec.
Division by zero gives 0 rather than stopping the game.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from game.errors import ExpressionError

NUMBER, FLAG, POLICY, MONTH = "number", "flag", "policy", "month"

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<date>\d{4}-\d{2})(?![\d.])
      | (?P<num>\d+(?:\.\d+)?)
      | (?P<str>"[^"]*"|'[^']*')
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<op><=|>=|==|!=|[-+*/%<>(),×÷])
    )""",
    re.VERBOSE,
)
_FUNCS: dict[str, tuple[int, int]] = {  # name -> (min args, max args)
    "min": (2, 8), "max": (2, 8), "clamp": (3, 3), "abs": (1, 1), "round": (1, 1), "random": (2, 2),
}
_KEYWORDS = {"and", "or", "not", "true", "false"}


class Scope(Protocol):
    """What a compiled expression reads: values by name, the set of flags, an RNG."""

    values: Mapping[str, Any]
    flags: set[str] | frozenset[str]

    def random(self) -> float: ...


Fn = Callable[[Scope], Any]


def month_number(text: str) -> int:
    """`2018-06` -> a month count that compares in calendar order."""
    year, month = int(text[:4]), int(text[5:7])
    if not 1 <= month <= 12:
        raise ExpressionError(f"'{text}' is not a month (use YYYY-MM with MM from 01 to 12)")
    return year * 12 + month - 1


def month_text(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


@dataclass(frozen=True)
class Names:
    """Every name an expression may use, with its kind; policies carry their option ids."""

    kinds: Mapping[str, str]
    policy_options: Mapping[str, frozenset[str]]
    display: Mapping[str, str]

    def suggest(self, name: str) -> str:
        close = difflib.get_close_matches(name, list(self.kinds) + list(_FUNCS), n=1, cutoff=0.6)
        return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass(frozen=True)
class Expr:
    """A compiled expression: its source text, the closure, and the names it reads."""

    source: str
    fn: Fn
    reads: frozenset[str]
    flags_read: frozenset[str]
    constant: float | None = None

    def __call__(self, scope: Scope) -> Any:
        return self.fn(scope)


def tokenize(text: str) -> list[tuple[str, str, int]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            bad = text[pos:].lstrip()[:1]
            col = len(text) - len(text[pos:].lstrip())
            raise ExpressionError(f"unexpected character '{bad}' in expression '{text}'", col)
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind), m.start(kind)))
        pos = m.end()
    out.append(("end", "", len(text)))
    return out


class _Parser:
    def __init__(self, text: str, names: Names, allow_random: bool) -> None:
        self.text, self.names, self.allow_random = text, names, allow_random
        self.tokens, self.i = tokenize(text), 0
        self.reads: set[str] = set()
        self.flags: set[str] = set()

    # -- helpers -------------------------------------------------------------------------
    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, message: str, col: int | None = None) -> ExpressionError:
        return ExpressionError(f"{message} in expression '{self.text}'", self.peek()[2] if col is None else col)

    def accept(self, *values: str) -> str | None:
        kind, value, _ = self.peek()
        if kind in ("op", "name") and value in values:
            self.i += 1
            return value
        return None

    # -- grammar ---------------------------------------------------------------------------
    def parse(self) -> tuple[Fn, str]:
        fn, typ = self.or_()
        if self.peek()[0] != "end":
            raise self.error(f"unexpected '{self.peek()[1]}'")
        return fn, typ

    def or_(self) -> tuple[Fn, str]:
        left, typ = self.and_()
        while self.accept("or"):
            right, _ = self.and_()
            left, typ = (lambda s, a=left, b=right: bool(a(s) or b(s))), "bool"
        return left, typ

    def and_(self) -> tuple[Fn, str]:
        left, typ = self.not_()
        while self.accept("and"):
            right, _ = self.not_()
            left, typ = (lambda s, a=left, b=right: bool(a(s) and b(s))), "bool"
        return left, typ

    def not_(self) -> tuple[Fn, str]:
        if self.accept("not"):
            inner, _ = self.not_()
            return (lambda s, a=inner: not a(s)), "bool"
        return self.comparison()

    def comparison(self) -> tuple[Fn, str]:
        left, ltyp = self.sum_()
        ops = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
               ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b}
        op = self.accept(*ops)
        if not op:
            return left, ltyp
        col = self.tokens[self.i - 1][2]
        right, rtyp = self.sum_()
        if (ltyp == "str") != (rtyp == "str"):
            raise self.error("a policy can only be compared with a quoted option name", col)
        if ltyp == "str" and op not in ("==", "!="):
            raise self.error(f"policies compare only with == or !=, not '{op}'", col)
        f = ops[op]
        return (lambda s, a=left, b=right: f(a(s), b(s))), "bool"

    def sum_(self) -> tuple[Fn, str]:
        left, typ = self.product()
        while op := self.accept("+", "-"):
            right, _ = self.product()
            self._numeric(typ)
            left = (lambda s, a=left, b=right: a(s) + b(s)) if op == "+" else (lambda s, a=left, b=right: a(s) - b(s))
            typ = "num"
        return left, typ

    def product(self) -> tuple[Fn, str]:
        left, typ = self.unary()
        while op := self.accept("*", "/", "%", "×", "÷"):
            right, _ = self.unary()
            self._numeric(typ)
            if op in ("*", "×"):
                left = lambda s, a=left, b=right: a(s) * b(s)  # noqa: E731
            elif op == "%":
                left = lambda s, a=left, b=right: _mod(a(s), b(s))  # noqa: E731
            else:
                left = lambda s, a=left, b=right: _div(a(s), b(s))  # noqa: E731
            typ = "num"
        return left, typ

    def unary(self) -> tuple[Fn, str]:
        if self.accept("-"):
            inner, typ = self.unary()
            self._numeric(typ)
            return (lambda s, a=inner: -a(s)), "num"
        if self.accept("+"):
            return self.unary()
        return self.primary()

    def primary(self) -> tuple[Fn, str]:
        kind, value, col = self.take()
        if kind == "num":
            number = float(value) if "." in value else int(value)
            return (lambda s: number), "num"
        if kind == "date":
            try:
                number = month_number(value)
            except ExpressionError as exc:
                raise self.error(str(exc), col) from None
            return (lambda s: number), "num"
        if kind == "str":
            return (lambda s, v=value[1:-1]: v), "str"
        if kind == "op" and value == "(":
            inner = self.or_()
            if not self.accept(")"):
                raise self.error("missing ')'")
            return inner
        if kind == "name":
            return self.name(value, col)
        if kind == "end":
            raise self.error("the expression ends too soon", col)
        raise self.error(f"unexpected '{value}'", col)

    def name(self, value: str, col: int) -> tuple[Fn, str]:
        if value in ("true", "false"):
            return (lambda s, v=value == "true": v), "bool"
        if value in _FUNCS and self.peek()[1] == "(":
            return self.call(value, col)
        kind = self.names.kinds.get(value)
        if kind is None:
            raise self.error(f"unknown name '{value}'{self.names.suggest(value)}", col)
        self.reads.add(value)
        if kind == FLAG:
            self.flags.add(value)
            return (lambda s: value in s.flags), "bool"
        if kind == POLICY and self.peek()[1] in ("==", "!="):
            self._check_option(value)
        return (lambda s: s.values[value]), ("str" if kind == POLICY else "num")

    def _check_option(self, policy: str) -> None:
        after = self.tokens[self.i + 1]
        if after[0] == "str" and after[1][1:-1] not in self.names.policy_options[policy]:
            options = ", ".join(sorted(self.names.policy_options[policy]))
            raise self.error(f"policy '{policy}' has no option {after[1]} (options: {options})", after[2])

    def call(self, func: str, col: int) -> tuple[Fn, str]:
        if func == "random" and not self.allow_random:
            raise self.error("random() is only allowed in monthly rules", col)
        self.take()  # "("
        args: list[Fn] = []
        if self.peek()[1] != ")":
            while True:
                arg, typ = self.or_()
                self._numeric(typ)
                args.append(arg)
                if not self.accept(","):
                    break
        if not self.accept(")"):
            raise self.error(f"missing ')' after the arguments of {func}()")
        low, high = _FUNCS[func]
        if not low <= len(args) <= high:
            want = str(low) if low == high else f"{low} to {high}"
            raise self.error(f"{func}() takes {want} arguments, not {len(args)}", col)
        return _make_call(func, args), "num"

    def _numeric(self, typ: str) -> None:
        if typ == "str":
            raise self.error("policies and strings cannot be used in arithmetic")


def _div(a: float, b: float) -> float:
    return a / b if b else 0


def _mod(a: float, b: float) -> float:
    return a % b if b else 0


def _make_call(func: str, args: list[Fn]) -> Fn:
    if func == "min":
        return lambda s: min(a(s) for a in args)
    if func == "max":
        return lambda s: max(a(s) for a in args)
    if func == "abs":
        return lambda s: abs(args[0](s))
    if func == "round":
        return lambda s: round(args[0](s))
    if func == "random":
        lo, hi = args
        return lambda s: lo(s) + (hi(s) - lo(s)) * s.random()
    x, lo, hi = args
    return lambda s: max(lo(s), min(hi(s), x(s)))


def compile_expr(source: str | int | float | bool, names: Names, allow_random: bool = False) -> Expr:
    """Parse and compile an expression (numbers and booleans are taken as constants)."""
    if isinstance(source, bool):
        return Expr(str(source).lower(), lambda s, v=source: v, frozenset(), frozenset())
    if isinstance(source, (int, float)):
        return Expr(str(source), lambda s, v=source: v, frozenset(), frozenset(), constant=source)
    text = str(source).strip()
    if not text:
        raise ExpressionError("the expression is empty")
    parser = _Parser(text, names, allow_random)
    fn, _ = parser.parse()
    const = None
    if re.fullmatch(r"[-+]?\d+(\.\d+)?", text):
        const = float(text) if "." in text else int(text)
    return Expr(text, fn, frozenset(parser.reads), frozenset(parser.flags), const)


def describe(expr: Expr, names: Names) -> str:
    """The expression in readable words, for 'why is this choice locked?'."""
    words = []
    for kind, value, _ in tokenize(expr.source)[:-1]:
        if kind == "name" and value in names.display:
            words.append(names.display[value])
        elif kind == "op":
            words.append({"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}.get(value, value))
        else:
            words.append(value)
    return " ".join(words).replace("( ", "(").replace(" )", ")")


def known_names_hint(names: Mapping[str, str]) -> list[str]:
    return sorted(names)
