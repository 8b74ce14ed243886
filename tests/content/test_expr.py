"""The expression language: what authors can write, and the errors they get when they slip."""

from __future__ import annotations

import pytest

from game.content.expr import FLAG, MONTH, NUMBER, POLICY, Names, compile_expr, describe, month_number
from game.errors import ExpressionError

NAMES = Names(
    {"security": NUMBER, "development": NUMBER, "turn": NUMBER, "month": MONTH, "renewal_office": FLAG,
     "enforcement": POLICY},
    {"enforcement": frozenset({"strict", "selective", "lax"})},
    {"security": "Security"},
)


class Scope:
    def __init__(self, **values: object) -> None:
        self.values = {"security": 40, "development": 60, "turn": 3, "month": month_number("2018-06"),
                       "enforcement": "strict", **values}
        self.flags = {"renewal_office"}

    def random(self) -> float:
        return 0.5


@pytest.mark.parametrize("source, expected", [
    ("1 + security / 10", 5.0),
    ("turn >= 3 and not renewal_office", False),
    ("month >= 2018-06 and month < 2019-01", True),
    ('enforcement == "strict"', True),
    ("clamp(security * 2, 0, 50)", 50),
    ("min(security, development, 10)", 10),
    ("max(security, development)", 60),
    ("-security + 2 * 3", -34),
    ("(security > 30) + (development > 70)", 1),
    ("security / 0", 0),
    ("abs(-4) × 2 ÷ 4", 2.0),
    ("true or false", True),
])
def test_expressions_evaluate_like_arithmetic_and_logic(source: str, expected: object) -> None:
    assert compile_expr(source, NAMES)(Scope()) == expected


@pytest.mark.parametrize("source, message", [
    ("securty > 3", "unknown name 'securty' (did you mean 'security'?)"),
    ('enforcement == "strct"', "policy 'enforcement' has no option \"strct\""),
    ("1 +", "the expression ends too soon"),
    ("min(1)", "min() takes 2 to 8 arguments, not 1"),
    ("random(1, 2)", "random() is only allowed in monthly rules"),
    ("security $ 2", "unexpected character '$'"),
    ("enforcement + 1", "cannot be used in arithmetic"),
    ("(security > 2", "missing ')'"),
    ("month > 2018-13", "is not a month"),
])
def test_bad_expressions_say_what_is_wrong(source: str, message: str) -> None:
    with pytest.raises(ExpressionError) as info:
        compile_expr(source, NAMES)
    assert message in str(info.value)


def test_python_code_in_an_expression_is_rejected_not_run() -> None:
    for attack in ("__import__('os').system('true')", "security.__class__", "[x for x in ()]", "lambda: 1"):
        with pytest.raises(ExpressionError):
            compile_expr(attack, NAMES)


def test_random_in_monthly_rules_uses_the_scope_rng() -> None:
    assert compile_expr("random(10, 20)", NAMES, allow_random=True)(Scope()) == 15


def test_locked_choice_reason_reads_as_words() -> None:
    assert describe(compile_expr("security >= 60 and renewal_office", NAMES), NAMES) == \
        "Security ≥ 60 and renewal_office"
