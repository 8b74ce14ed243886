"""A small, safe, typed expression language for `when`, weights, effects, monthly rules and texts.

Numbers, months (`2018-06`), "strings", names of meters, counters, flags and policies, `turn`,
`month`, `month_of_year` (1-12), `year`, `+ - * / %` (also `×` `÷`), comparisons, `and or not`,
parentheses and the functions min, max, clamp, abs, round and (in monthly rules only)
random(lo, hi).

Text is parsed once into one typed tree (`Node`), which is used three ways: compiled into a Python
function (`game.content.codegen`, where content only ever becomes constants), described in words
for locked choices, and read by the authoring checks (bounds, dated facts). Every expression is
type-checked at load: a condition must be true/false, arithmetic needs numbers, a month compares
with a month, a policy with a quoted option. Sizes are bounded so that no input can exhaust the
parser, the compiler or the game: numbers up to 10^12, 256 tokens, nesting depth 32.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from game.errors import ExpressionError

# Kinds of names (what a name in the scenario is)
NUMBER, FLAG, POLICY, MONTH = "number", "flag", "policy", "month"
# Types of expressions
NUM, BOOL, MON, TEXT = "number", "true/false", "month", "text"

MAX_NUMBER = 10**12
MAX_TOKENS = 256
MAX_DEPTH = 32
MAX_LENGTH = 2000

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<date>\d{4}-\d{1,2})(?![\d.])
      | (?P<num>\d+(?:\.\d+)?)
      | (?P<str>"[^"]*"|'[^']*')
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<op><=|>=|==|!=|[-+*/%<>(),×÷])
    )""",
    re.VERBOSE,
)
FUNCS: dict[str, tuple[int, int]] = {  # name -> (min args, max args)
    "min": (2, 8), "max": (2, 8), "clamp": (3, 3), "abs": (1, 1), "round": (1, 1), "random": (2, 2),
}
KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
DERIVED = {"month_of_year": NUMBER, "year": NUMBER}  # computed from `month`
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]


class Scope(Protocol):
    """What a compiled expression reads: values by name, the set of flags, an RNG."""

    values: Mapping[str, Any]
    flags: set[str] | frozenset[str]

    def random(self) -> float: ...


Fn = Callable[[Any], Any]


def month_number(text: str) -> int:
    """`2018-06` -> a month count that compares in calendar order."""
    year, month = int(text[:4]), int(text[5:])
    if not 1 <= month <= 12:
        raise ExpressionError(f"'{text}' is not a month (use YYYY-MM with MM from 01 to 12)")
    return year * 12 + month - 1


def month_text(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def month_words(number: int) -> str:
    """A month number as 'June 2018'."""
    return f"{_MONTHS[number % 12]} {number // 12}"


@dataclass(frozen=True)
class Names:
    """Every name an expression may use, with its kind; policies carry their option ids."""

    kinds: Mapping[str, str]
    policy_options: Mapping[str, frozenset[str]]
    display: Mapping[str, str]

    def kind(self, name: str) -> str | None:
        return self.kinds.get(name) or DERIVED.get(name)

    def suggest(self, name: str) -> str:
        """' (did you mean ...?)' for an unknown name, or ''. Each look compares the name with every known
        name (a deck's flags too: thousands in a generated deck), so it is worked out once per unknown name,
        and only while the comparisons of this load stay within `SUGGEST_BUDGET`: a deck loaded into
        another role's game names the same unknown meter on every card, and a deck with thousands of
        unknown flags would otherwise spend minutes on hints."""
        looks = self._looks
        said = looks.said.get(name)
        if said is None:
            pool = [*self.kinds, *DERIVED, *FUNCS]
            said = ""
            if looks.spent + len(pool) <= SUGGEST_BUDGET:
                looks.spent += len(pool)
                close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
                said = f" (did you mean '{close[0]}'?)" if close else ""
            looks.said[name] = said
        return said

    @cached_property
    def _looks(self) -> _Looks:
        return _Looks()


SUGGEST_BUDGET = 30_000  # names compared for hints in one load: ~1 s at worst (all alike), 150 looks at 200 names


@dataclass
class _Looks:
    said: dict[str, str] = field(default_factory=dict)  # unknown name -> its hint
    spent: int = 0  # names compared so far


# -- the tree -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Node:
    """One node of an expression: `op` says what it is, `typ` what it yields, `col` where it starts.

    op: num, month, str, bool, name (args: ()), flag, neg, not, and, or, arith (+ - * / %),
    cmp (< <= > >= == !=), call (func in `value`).
    """

    op: str
    typ: str
    col: int
    value: Any = None
    args: tuple[Node, ...] = ()

    def names(self) -> set[str]:
        out = {self.value} if self.op in ("name", "flag") else set()
        for a in self.args:
            out |= a.names()
        return out

    def walk(self) -> list[Node]:
        out = [self]
        for a in self.args:
            out.extend(a.walk())
        return out


@dataclass(frozen=True)
class Expr:
    """A compiled expression: its text, its tree, the Python function, and the names it reads."""

    source: str
    tree: Node
    reads: frozenset[str]
    flags_read: frozenset[str]
    constant: float | bool | None = None
    uses_random: bool = False

    @cached_property
    def fn(self) -> Fn:
        """The Python function, built when the expression is first run: validate runs almost none, and a
        game only those it meets (building one is most of the cost of loading an expression)."""
        from game.content.codegen import compile_tree

        return compile_tree(self.tree)[0]

    def __call__(self, scope: Any) -> Any:
        return self.fn(scope)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (the compiled-content cache) without its function: `fn` builds it again when first run.
        return _unpickled, (self.source, self.tree, self.reads, self.flags_read, self.constant, self.uses_random)

    @property
    def typ(self) -> str:
        return self.tree.typ


def _unpickled(source: str, tree: Node, reads: frozenset[str], flags_read: frozenset[str],
               constant: float | bool | None, uses_random: bool) -> Expr:
    expr = Expr(source, tree, reads, flags_read, constant, uses_random)
    if constant is not None:
        expr.__dict__["fn"] = _constant_fn(constant)  # as compile_expr leaves it
    return expr


# -- reading ----------------------------------------------------------------------------------------------
# The same tokens as `_TOKEN` in one `findall`: (spaces, token) pairs; a token's kind follows from its first
# character (a digit starts a number, or a month when there is a '-' in it).
_SCAN = re.compile(r"""(\s*)(\d{4}-\d{1,2}(?![\d.])|\d+(?:\.\d+)?|"[^"]*"|'[^']*'|[A-Za-z_][A-Za-z0-9_]*"""
                   r"""|<=|>=|==|!=|[-+*/%<>(),×÷])""")
_KINDS = {**dict.fromkeys("0123456789", "num"), '"': "str", "'": "str",
          **dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_", "name"),
          **dict.fromkeys("<>=!-+*/%(),×÷", "op")}


def tokenize(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, column) of each token, then ("end", "", length)."""
    text = text.rstrip()
    out: list[tuple[str, str, int]] = []
    pos = 0
    for space, token in _SCAN.findall(text):
        pos += len(space)
        kind = _KINDS.get(token[0]) or "num"  # only a digit outside ASCII (\d) is not in _KINDS
        if kind == "num" and "-" in token:
            kind = "date"
        out.append((kind, token, pos))
        pos += len(token)
    if pos != len(text) or len(out) > MAX_TOKENS:  # a character no token starts with, or too many tokens
        return _tokenize_stepwise(text)  # raises the error, located
    out.append(("end", "", pos))
    return out


def _tokenize_stepwise(text: str) -> list[tuple[str, str, int]]:
    """Token by token, stopping at the first character that starts none or the token past MAX_TOKENS."""
    out: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            col = len(text) - len(text[pos:].lstrip())
            bad = text[col:col + 1]
            raise ExpressionError(f"unexpected character '{bad}' in expression '{_short(text)}'", col)
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind), m.start(kind)))
        if len(out) > MAX_TOKENS:
            raise ExpressionError(f"the expression is too long (more than {MAX_TOKENS} parts); split it "
                                  "into simpler conditions or monthly rules", m.start(kind))
        pos = m.end()
    out.append(("end", "", len(text)))
    return out


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def _type_word(typ: str) -> str:
    return {NUM: "a number", BOOL: "true/false", MON: "a month", TEXT: "a quoted text"}[typ]


_COMPARE = frozenset(("<", "<=", ">", ">=", "==", "!="))
_TIMES = {"*": "*", "/": "/", "%": "%", "×": "*", "÷": "/"}  # the operators of a product, as the tree has them
_TYPE_OF = {NUMBER: NUM, MONTH: MON, POLICY: TEXT}


class _Parser:
    """Recursive descent over the tokens, each level of the grammar as a loop where that is enough: every
    operand of `and`/`or` goes through `not_`, every operand of `+ - * / %` through `unary`."""

    def __init__(self, text: str, names: Names, allow_random: bool) -> None:
        self.text, self.names, self.allow_random = text, names, allow_random
        self.tokens, self.i, self.depth = tokenize(text), 0, 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, message: str, col: int | None = None) -> ExpressionError:
        return ExpressionError(f"{message} in expression '{_short(self.text)}'", self.peek()[2] if col is None else col)

    def accept(self, *values: str) -> str | None:
        kind, value, _ = self.tokens[self.i]
        if kind in ("op", "name") and value in values:
            self.i += 1
            return value
        return None

    def deeper(self, col: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"the expression is nested too deeply (more than {MAX_DEPTH} levels)", col)

    # -- grammar: or > and > not > comparison > sum > product > unary > primary ----------------------
    def parse(self) -> Node:
        node = self.or_()
        if self.peek()[0] != "end":
            kind, value, col = self.peek()
            if kind == "name" or kind == "num":
                raise self.error(f"unexpected '{value}' (is an operator such as 'and' or '+' missing before it?)",
                                 col)
            raise self.error(f"unexpected '{value}'", col)
        return node

    def _logic(self, node: Node, word: str) -> Node:
        if node.typ != BOOL:
            raise self.error(f"'{word}' joins conditions, but this side is {_type_word(node.typ)}", node.col)
        return node

    def or_(self) -> Node:
        """`a and b or c and d`: the `and`s first, left to right, then the `or`s."""
        tokens = self.tokens
        left = self.not_()
        while True:
            kind, word, _ = tokens[self.i]
            if kind != "name" or word not in ("and", "or"):
                return left
            self.i += 1
            right = self.not_()
            if word == "or":  # its right side is every `and` that follows
                while tokens[self.i][0] == "name" and tokens[self.i][1] == "and":
                    self.i += 1
                    more = self.not_()
                    right = Node("and", BOOL, right.col, None, (self._logic(right, "and"), self._logic(more, "and")))
            left = Node(word, BOOL, left.col, None, (self._logic(left, word), self._logic(right, word)))

    def not_(self) -> Node:
        kind, value, col = self.tokens[self.i]
        if kind == "name" and value == "not":
            self.i += 1
            self.deeper(col)
            inner = self.not_()
            self.depth -= 1
            return Node("not", BOOL, col, None, (self._logic(inner, "not"),))
        return self.comparison()

    def comparison(self) -> Node:
        left = self.sum_()
        kind, op, col = self.tokens[self.i]
        if kind != "op" or op not in _COMPARE:
            return left
        self.i += 1
        kind, value, _ = self.peek()
        if kind == "end" or (kind == "name" and value in ("and", "or")) or value == ")":
            raise self.error(f"nothing to compare with after '{op}' (a number or a name is missing)", col)
        right = self.sum_()
        lt, rt = left.typ, right.typ
        if TEXT in (lt, rt):
            if lt != rt:
                raise self.error("a policy can only be compared with a quoted option name, e.g. "
                                 "enforcement == \"strict\"", col)
            if op not in ("==", "!="):
                raise self.error(f"policies compare only with == or !=, not '{op}'", col)
            self._check_option(left, right)
        elif MON in (lt, rt) and lt != rt:
            other = right if lt == MON else left
            hint = " (write months as YYYY-MM, e.g. 2018-06)" if other.op == "num" else ""
            raise self.error(f"a month can only be compared with a month{hint}", col)
        if self.peek()[1] in _COMPARE:
            raise self.error("comparisons cannot be chained; join them with 'and'", self.peek()[2])
        return Node("cmp", BOOL, left.col, op, (left, right))

    def _check_option(self, left: Node, right: Node) -> None:
        policy, option = (left, right) if left.op == "name" else (right, left)
        if policy.op != "name" or option.op != "str":
            raise self.error("compare a policy with one of its options, e.g. enforcement == \"strict\"", option.col)
        options = self.names.policy_options.get(policy.value, frozenset())
        if option.value not in options:
            raise self.error(f"policy '{policy.value}' has no option \"{option.value}\" "
                             f"(options: {', '.join(sorted(options))})", option.col)

    def _arith(self, op: str, left: Node, right: Node, col: int) -> Node:
        lt, rt = left.typ, right.typ
        if TEXT in (lt, rt):
            raise self.error("policies and quoted texts cannot be used in arithmetic", col)
        if MON in (lt, rt):
            if op == "-" and lt == rt == MON:
                return Node("arith", NUM, left.col, op, (left, right))
            if op in ("+", "-") and lt == MON and rt != MON:
                return Node("arith", MON, left.col, op, (left, right))
            if op == "+" and rt == MON and lt != MON:
                return Node("arith", MON, left.col, op, (left, right))
            raise self.error(f"months can only be added to or subtracted from, not used with '{op}'", col)
        return Node("arith", NUM, left.col, op, (left, right))

    def sum_(self) -> Node:
        """Products joined by + and -, left to right; a product is unaries joined by * / % × ÷."""
        tokens = self.tokens
        left = self.unary()
        while True:
            kind, op, col = tokens[self.i]
            if kind != "op":
                return left
            if op in _TIMES:  # still in the first product
                self.i += 1
                left = self._arith(_TIMES[op], left, self.unary(), col)
            elif op == "+" or op == "-":
                self.i += 1
                right = self.unary()
                while True:  # the product on the right
                    kind, times, at = tokens[self.i]
                    if kind != "op" or times not in _TIMES:
                        break
                    self.i += 1
                    right = self._arith(_TIMES[times], right, self.unary(), at)
                left = self._arith(op, left, right, col)
            else:
                return left

    def unary(self) -> Node:
        kind, value, col = self.tokens[self.i]
        if kind == "op" and value == "-":
            self.i += 1
            self.deeper(col)
            inner = self.unary()
            self.depth -= 1
            if inner.typ not in (NUM, BOOL):
                raise self.error(f"'-' needs a number, not {_type_word(inner.typ)}", col)
            if inner.op == "num":
                return Node("num", NUM, col, -inner.value)
            return Node("neg", NUM, col, None, (inner,))
        if kind == "op" and value == "+":
            self.i += 1
            return self.unary()
        return self.primary()

    def primary(self) -> Node:
        kind, value, col = self.take()
        if kind == "name":
            return self.name(value, col)
        if kind == "num":
            if len(value.split(".")[0]) > 13 or float(value) > MAX_NUMBER:
                raise self.error(f"the number {value[:20]}{'...' if len(value) > 20 else ''} is too large "
                                 f"(numbers go up to {MAX_NUMBER:,})", col)
            return Node("num", NUM, col, float(value))
        if kind == "date":
            if len(value) == 6:
                raise self.error(f"write the month with two digits: {value[:5]}0{value[5]}", col)
            try:
                return Node("month", MON, col, month_number(value))
            except ExpressionError as exc:
                raise self.error(str(exc), col) from None
        if kind == "str":
            return Node("str", TEXT, col, value[1:-1])
        if kind == "op" and value == "(":
            self.deeper(col)
            inner = self.or_()
            self.depth -= 1
            if not self.accept(")"):
                raise self.error("missing ')'")
            return inner
        if kind == "end":
            raise self.error("the expression ends too soon", col)
        raise self.error(f"unexpected '{value}'", col)

    def name(self, value: str, col: int) -> Node:
        if value in ("true", "false"):
            return Node("bool", BOOL, col, value == "true")
        if value in KEYWORDS:
            raise self.error(f"'{value}' needs a condition before it", col) if value != "not" else \
                self.error("'not' is misplaced", col)
        if value in FUNCS and self.peek()[1] == "(":
            return self.call(value, col)
        kind = self.names.kind(value)
        if kind is None:
            if value in FUNCS:
                raise self.error(f"{value} is a function: write {value}(...)", col)
            raise self.error(f"unknown name '{value}'{self.names.suggest(value)}", col)
        if kind == FLAG:
            return Node("flag", BOOL, col, value)
        return Node("name", _TYPE_OF[kind], col, value)

    def call(self, func: str, col: int) -> Node:
        if func == "random" and not self.allow_random:
            raise self.error("random() is only allowed in monthly rules", col)
        self.take()  # "("
        self.deeper(col)
        args: list[Node] = []
        if self.peek()[1] != ")":
            while True:
                arg = self.or_()
                if arg.typ not in (NUM, BOOL):
                    raise self.error(f"{func}() needs numbers, not {_type_word(arg.typ)}", arg.col)
                args.append(arg)
                if not self.accept(","):
                    break
        if not self.accept(")"):
            raise self.error(f"missing ')' after the arguments of {func}()")
        self.depth -= 1
        low, high = FUNCS[func]
        if not low <= len(args) <= high:
            want = str(low) if low == high else f"{low} to {high}"
            raise self.error(f"{func}() takes {want} arguments, not {len(args)}", col)
        return Node("call", NUM, col, func, tuple(args))


def parse(source: str, names: Names, allow_random: bool = False) -> Node:
    """Parse and type-check an expression; raises ExpressionError with a column."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"the expression is too long ({len(source):,} characters; at most {MAX_LENGTH:,})")
    return _Parser(source, names, allow_random).parse()


def _check_number(value: float) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ExpressionError(f"{value} is not a usable number (use a finite number up to {MAX_NUMBER:,})")
    if abs(value) > MAX_NUMBER:
        text = str(value)
        raise ExpressionError(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is too large "
                              f"(numbers go up to {MAX_NUMBER:,})")


def compile_expr(source: str | int | float | bool, names: Names, allow_random: bool = False,
                 expect: str | None = None) -> Expr:
    """Parse, type-check and compile an expression. `expect` is BOOL for conditions and NUM for
    numbers (true/false counts as 1/0 in a number); numbers and booleans are taken as constants."""
    from game.content.codegen import compile_tree

    if isinstance(source, bool):
        tree = Node("bool", BOOL, 0, source)
        text = str(source).lower()
    elif isinstance(source, (int, float)):
        _check_number(source)
        tree = Node("num", NUM, 0, float(source))
        text = str(source)
    else:
        text = str(source).strip()
        if not text:
            raise ExpressionError("the expression is empty")
        tree = parse(text, names, allow_random)
    if expect == BOOL and tree.typ != BOOL:
        raise ExpressionError(f"a condition must be true or false, but '{_short(text)}' is {_type_word(tree.typ)}"
                              + (" (did you mean to compare it, e.g. '> 0'?)" if tree.typ == NUM else ""))
    if expect == NUM and tree.typ not in (NUM, BOOL):
        raise ExpressionError(f"a number is needed here, but '{_short(text)}' is {_type_word(tree.typ)}")
    nodes = tree.walk()
    reads = frozenset(n.value for n in nodes if n.op in ("name", "flag"))
    uses_random = any(n.op == "call" and n.value == "random" for n in nodes)
    fn: Fn | None = None
    constant: float | bool | None = None
    if tree.op in ("num", "bool"):  # a plain number or true/false: its own value
        constant = tree.value
        fn = _constant_fn(constant)
    elif not reads and not uses_random:  # reads nothing: worked out now, for its constant
        fn, constant = compile_tree(tree)
    expr = Expr(text, tree, reads, frozenset(n.value for n in nodes if n.op == "flag"), constant, uses_random)
    if fn is not None:
        expr.__dict__["fn"] = fn  # the `fn` property's cached value
    return expr


def _constant_fn(value: float | bool) -> Fn:
    return lambda s: value


# -- describing ------------------------------------------------------------------------------------------
_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}
_SYMBOL = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "=", "*": "×", "/": "÷"}


def describe(expr: Expr | Node, names: Names, lang: str = "en", name_of: Callable[[str], str] | None = None) -> str:
    """The expression in readable words, for 'why is this choice locked?' (`name_of` gives names in `lang`)."""
    from game.i18n import gettext_in

    def word(w: str) -> str:
        return gettext_in(lang, w)

    return _words(expr.tree if isinstance(expr, Expr) else expr, names, 0, lang, word, name_of)


def _prec(node: Node) -> int:
    if node.op == "arith":
        return _PRECEDENCE[node.value]
    return _PRECEDENCE.get(node.op, 9)


def _words(node: Node, names: Names, outer: int, lang: str = "en", word: Callable[[str], str] = str,
           name_of: Callable[[str], str] | None = None) -> str:
    from game.i18n import month_words as month_in
    from game.i18n import number

    def sub(n: Node, o: int) -> str:
        return _words(n, names, o, lang, word, name_of)

    op = node.op
    if op == "num":
        v = node.value
        out = number(int(v), lang) if float(v).is_integer() else f"{v:g}"
    elif op == "month":
        out = month_in(node.value, lang)
    elif op == "str":
        out = f"“{node.value}”"
    elif op == "bool":
        out = word("true") if node.value else word("false")
    elif op in ("name", "flag"):
        named = name_of(node.value) if name_of is not None and op == "name" else None
        out = named if named and named != node.value else names.display.get(
            node.value, node.value.replace("_", " ") if op == "flag" else node.value)
    elif op == "neg":
        out = "−" + sub(node.args[0], 9)
    elif op == "not":
        out = word("not") + " " + sub(node.args[0], 3)
    elif op in ("and", "or"):
        me = _PRECEDENCE[op]
        out = f"{sub(node.args[0], me)} {word(op)} {sub(node.args[1], me)}"
    elif op == "cmp":
        out = f"{sub(node.args[0], 5)} {_SYMBOL.get(node.value, node.value)} {sub(node.args[1], 5)}"
    elif op == "arith":
        me = _PRECEDENCE[node.value]
        out = f"{sub(node.args[0], me)} {_SYMBOL.get(node.value, node.value)} {sub(node.args[1], me + 1)}"
    else:  # call
        out = f"{node.value}({', '.join(sub(a, 0) for a in node.args)})"
    return f"({out})" if _prec(node) < outer else out
