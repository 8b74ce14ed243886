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
        "Security ≥ 60 and renewal office"
    assert describe(compile_expr("month >= 2018-04 or not (security < 3 + 2)", NAMES), NAMES) == \
        "month ≥ April 2018 or not Security < 3 + 2"


@pytest.mark.parametrize("source, expect, message", [
    ('1 + "abc"', None, "cannot be used in arithmetic"),
    ('3 * "a"', None, "cannot be used in arithmetic"),
    ("not (100000000 * \"x\")", None, "cannot be used in arithmetic"),
    ("security", "true/false", "a condition must be true or false"),
    ("security > 3", "number", None),
    ("month >= 2018-6", None, "write the month with two digits: 2018-06"),
    ("month >= 2018", None, "a month can only be compared with a month"),
    ("month + month", None, "months can only be added to"),
    ("1" + "0" * 400, None, "is too large"),
    ("9999999999999", None, "is too large"),
    ("+".join(["1"] * 5000), None, "too long"),
    ("(" * 10000 + "1" + ")" * 10000, None, "too long"),
    ("(" * 40 + "1" + ")" * 40, None, "nested too deeply"),
    ("security > 3 and 2", None, "'and' joins conditions"),
    ("1 < 2 < 3", None, "comparisons cannot be chained"),
    ("security >= and development", None, "nothing to compare with"),
    ("security 3", None, "is an operator such as 'and' or '+' missing"),
])
def test_hostile_and_mistyped_expressions_are_located_errors(source: str, expect: str | None,
                                                             message: str | None) -> None:
    if message is None:
        compile_expr(source, NAMES, expect=expect)
        return
    with pytest.raises(ExpressionError) as info:
        compile_expr(source, NAMES, expect=expect)
    assert message in str(info.value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 10**13, 1e300])
def test_numbers_that_are_not_usable_are_refused(value: float) -> None:
    with pytest.raises(ExpressionError, match=r"not a usable number|too large"):
        compile_expr(value, NAMES)


def test_month_of_year_and_year_follow_the_calendar() -> None:
    scope = Scope(month=month_number("2018-11"))
    assert compile_expr("month_of_year", NAMES)(scope) == 11
    assert compile_expr("year", NAMES)(scope) == 2018
    assert compile_expr("month_of_year >= 11 or month_of_year <= 3", NAMES, expect="true/false")(scope) is True


def test_arithmetic_that_overflows_gives_infinity_not_a_crash() -> None:
    big = " * ".join(["1000000000000"] * 30)
    assert compile_expr(big, NAMES)(Scope()) == float("inf")
    assert compile_expr(f"({big}) - ({big})", NAMES)(Scope()) != compile_expr("0", NAMES)(Scope())  # NaN


def test_constant_expressions_are_folded_once() -> None:
    assert compile_expr("2 * 3 + 1", NAMES).constant == 7
    assert compile_expr("security + 1", NAMES).constant is None


def test_hints_for_unknown_names_are_remembered_and_stop_when_a_deck_has_thousands() -> None:
    names = Names({**{f"gen_flag_{i}": FLAG for i in range(5000)}, "security": NUMBER}, {}, {})
    first = names.suggest("unset_flag_1")
    assert first == " (did you mean 'gen_flag_1'?)"
    later = [names.suggest(f"unset_flag_{i}") for i in range(2, 40)]
    assert later[0] == " (did you mean 'gen_flag_2'?)" and later[-1] == ""  # past the budget: no more looks
    assert names.suggest("unset_flag_1") == first  # a name seen before keeps its hint
    with pytest.raises(ExpressionError, match=r"unknown name 'unset_flag_3' \(did you mean 'gen_flag_3'\?\)"):
        compile_expr("unset_flag_3 or security > 40", names)
