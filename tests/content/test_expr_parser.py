"""The expression parser's trees and errors, exactly: which operator binds tighter, which column each node and
each error points at, and the one-pass tokenizer agreeing with the token-by-token one on any input."""

from __future__ import annotations

import random

import pytest

from game.content.expr import (
    _TOKEN,
    FLAG,
    MAX_TOKENS,
    MONTH,
    NUMBER,
    POLICY,
    Names,
    Node,
    _tokenize_stepwise,
    parse,
    tokenize,
)
from game.errors import ExpressionError

NAMES = Names(
    {"security": NUMBER, "development": NUMBER, "turn": NUMBER, "month": MONTH, "renewal_office": FLAG,
     "enforcement": POLICY},
    {"enforcement": frozenset({"strict", "selective", "lax"})},
    {},
)


def shape(node: Node) -> str:
    """The tree as `(op@col ...)`, with each node's type initial: enough to see grouping and columns."""
    head = f"{node.op}{'' if node.value is None else ':' + str(node.value)}@{node.col}/{node.typ[0]}"
    return head if not node.args else "(" + " ".join([head, *(shape(a) for a in node.args)]) + ")"


@pytest.mark.parametrize("source, tree", [
    ("security", "name:security@0/n"),
    ("1 + 2 * 3", "(arith:+@0/n num:1.0@0/n (arith:*@4/n num:2.0@4/n num:3.0@8/n))"),
    ("1 * 2 + 3", "(arith:+@0/n (arith:*@0/n num:1.0@0/n num:2.0@4/n) num:3.0@8/n)"),
    ("1 - 2 - 3", "(arith:-@0/n (arith:-@0/n num:1.0@0/n num:2.0@4/n) num:3.0@8/n)"),
    ("8 ÷ 2 × 3 % 5", "(arith:%@0/n (arith:*@0/n (arith:/@0/n num:8.0@0/n num:2.0@4/n) num:3.0@8/n) num:5.0@12/n)"),
    ("1 + 2 * 3 - 4 / 5", "(arith:-@0/n (arith:+@0/n num:1.0@0/n (arith:*@4/n num:2.0@4/n num:3.0@8/n)) "
                          "(arith:/@12/n num:4.0@12/n num:5.0@16/n))"),
    ("-security * -2", "(arith:*@0/n (neg@0/n name:security@1/n) num:-2.0@12/n)"),
    ("+ - + 3", "num:-3.0@2/n"),
    ("not renewal_office", "(not@0/t flag:renewal_office@4/t)"),
    ("not not true", "(not@0/t (not@4/t bool:True@8/t))"),
    ("true and false or true and not false",
     "(or@0/t (and@0/t bool:True@0/t bool:False@9/t) (and@18/t bool:True@18/t (not@27/t bool:False@31/t)))"),
    ("true or false or true", "(or@0/t (or@0/t bool:True@0/t bool:False@8/t) bool:True@17/t)"),
    ("true or false and true", "(or@0/t bool:True@0/t (and@8/t bool:False@8/t bool:True@18/t))"),
    ("not security > 3", "(not@0/t (cmp:>@4/t name:security@4/n num:3.0@15/n))"),
    ("security + 1 >= development * 2",
     "(cmp:>=@0/t (arith:+@0/n name:security@0/n num:1.0@11/n) (arith:*@16/n name:development@16/n num:2.0@30/n))"),
    ("month >= 2018-06 + 2", "(cmp:>=@0/t name:month@0/m (arith:+@9/m month:24221@9/m num:2.0@19/n))"),
    ("month - 2018-01", "(arith:-@0/n name:month@0/m month:24216@8/m)"),
    ('enforcement == "strict"', "(cmp:==@0/t name:enforcement@0/t str:strict@15/t)"),
    ("'lax' != enforcement", "(cmp:!=@0/t str:lax@0/t name:enforcement@9/t)"),
    ("(1 + 2) * 3", "(arith:*@1/n (arith:+@1/n num:1.0@1/n num:2.0@5/n) num:3.0@10/n)"),
    ("min(1, max(2, 3), abs(-4)) + clamp(security, 0, 9)",
     "(arith:+@0/n (call:min@0/n num:1.0@4/n (call:max@7/n num:2.0@11/n num:3.0@14/n) (call:abs@18/n num:-4.0@22/n)) "
     "(call:clamp@29/n name:security@35/n num:0.0@45/n num:9.0@48/n))"),
    ("(true) + (1 > 2)", "(arith:+@1/n bool:True@1/t (cmp:>@10/t num:1.0@10/n num:2.0@14/n))"),
    ("year * month_of_year", "(arith:*@0/n name:year@0/n name:month_of_year@7/n)"),
    ("  security\t>\n3  ", "(cmp:>@2/t name:security@2/n num:3.0@13/n)"),
])
def test_trees_group_and_locate_as_the_grammar_says(source: str, tree: str) -> None:
    assert shape(parse(source, NAMES)) == tree


@pytest.mark.parametrize("source, message, column", [
    ("security $ 2", "unexpected character '$'", 9),
    ("1 +", "the expression ends too soon", 3),
    ("1 )", "unexpected ')'", 2),
    ("security 3", "unexpected '3' (is an operator such as 'and' or '+' missing before it?)", 9),
    ("1 < 2 < 3", "comparisons cannot be chained; join them with 'and'", 6),
    ("security >= and development", "nothing to compare with after '>=' (a number or a name is missing)", 9),
    ("security > 3 and 2", "'and' joins conditions, but this side is a number", 17),
    ("2 or security > 3", "'or' joins conditions, but this side is a number", 0),
    ("true and 1 or true", "'and' joins conditions, but this side is a number", 9),
    ("not 3", "'not' joins conditions, but this side is a number", 4),
    ("1 + enforcement", "policies and quoted texts cannot be used in arithmetic", 2),
    ("month * 2", "months can only be added to or subtracted from, not used with '*'", 6),
    ("1 - month", "months can only be added to or subtracted from, not used with '-'", 2),
    ("month > 5", "a month can only be compared with a month (write months as YYYY-MM, e.g. 2018-06)", 6),
    ("enforcement > 'lax'", "policies compare only with == or !=, not '>'", 12),
    ("enforcement == 'strct'", "policy 'enforcement' has no option \"strct\" (options: lax, selective, strict)", 15),
    ("enforcement == 1", "a policy can only be compared with a quoted option name, e.g. enforcement == \"strict\"", 12),
    ("-enforcement", "'-' needs a number, not a quoted text", 0),
    ("month >= 2018-6", "write the month with two digits: 2018-06", 9),
    ("month >= 2018-13", "'2018-13' is not a month (use YYYY-MM with MM from 01 to 12)", 9),
    ("99999999999999", "the number 99999999999999 is too large (numbers go up to 1,000,000,000,000)", 0),
    ("(security > 2", "missing ')'", 13),
    ("min(1, 2", "missing ')' after the arguments of min()", 8),
    ("min(1)", "min() takes 2 to 8 arguments, not 1", 0),
    ("abs(enforcement)", "abs() needs numbers, not a quoted text", 4),
    ("random(1, 2)", "random() is only allowed in monthly rules", 0),
    ("min + 1", "min is a function: write min(...)", 0),
    ("securty", "unknown name 'securty' (did you mean 'security'?)", 0),
    ("true and or", "'or' needs a condition before it", 9),
    ("1 + not true", "'not' is misplaced", 4),
    ("(" * 33 + "1" + ")" * 33, "the expression is nested too deeply (more than 32 levels)", 32),
    ("not " * 33 + "true", "the expression is nested too deeply (more than 32 levels)", 128),
    ("-" * 33 + "1", "the expression is nested too deeply (more than 32 levels)", 32),
    ("+".join(["1"] * 200), "the expression is too long (more than 256 parts); split it into simpler conditions "
                            "or monthly rules", 256),
    ("+".join(["1"] * 200) + " $", "the expression is too long (more than 256 parts)", 256),
    ("1 $ " + "+".join(["1"] * 200), "unexpected character '$'", 2),
])
def test_errors_say_what_is_wrong_and_where(source: str, message: str, column: int) -> None:
    with pytest.raises(ExpressionError) as info:
        parse(source, NAMES)
    assert message in str(info.value)
    assert "too long" in message or f"in expression '{source[:77]}" in str(info.value)
    assert info.value.column == column


def test_the_one_pass_tokenizer_agrees_with_the_stepwise_one() -> None:
    pieces = ["security", "x_1", "_y", "1", "2.5", "10.", ".5", "2018-06", "2018-6", "2018-061", "2018-06.5", "٣",
              '"a b"', "'c'", '"', "'", "<=", ">=", "==", "!=", "<", ">", "=", "!", "+", "-", "*", "/", "%", "×", "÷",
              "(", ")", ",", "$", "é", "\u00a0", "\t", "\n", " ", "  ", ""]
    rng = random.Random(11)
    texts = ["", " ", "1 " * MAX_TOKENS, "1 " * (MAX_TOKENS + 1), "1 " * (MAX_TOKENS + 1) + "$"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    for text in texts:
        try:
            expected: object = _tokenize_stepwise(text.rstrip())
        except ExpressionError as exc:
            expected = (str(exc), exc.column)
        try:
            got: object = tokenize(text)
        except ExpressionError as exc:
            got = (str(exc), exc.column)
        assert got == expected, text
    assert _TOKEN.pattern  # the stepwise tokenizer's pattern, which the one-pass pattern repeats
