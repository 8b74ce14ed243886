"""Reading YAML from strangers: aliases, merge keys, bad bytes and huge files are refused quickly."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.yamlsafe import MAX_FILE_BYTES, YamlDoc, read_yaml
from game.errors import Problem

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
MERGE_BOMB = "a0: &a0 {x: 1}\n" + "".join(
    f"a{i}: &a{i}\n  <<: [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n  k{i}: 1\n" for i in range(1, 25))


def _read(tmp_path: Path, text: str | bytes) -> YamlDoc | Problem:
    path = tmp_path / "deck.yaml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return read_yaml(path, "deck.yaml")


def test_every_value_knows_its_line_and_column(tmp_path: Path) -> None:
    doc = _read(tmp_path, "deck: x\nevents:\n  - id: one\n    title: First\n")
    assert not isinstance(doc, Problem)
    assert doc.where(("events", 0, "title")) == (4, 12)
    assert doc.where(("events", 0, "title"), key=True) == (4, 5)


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    result = _read(tmp_path, BILLION_LAUGHS)
    assert isinstance(result, Problem)
    assert "aliases" in result.message and result.line == 1  # points at the anchor that is reused


def test_merge_key_bomb_is_refused_at_once(tmp_path: Path) -> None:
    result = _read(tmp_path, MERGE_BOMB)
    assert isinstance(result, Problem)
    assert "not allowed" in result.message


def test_a_single_harmless_merge_key_is_still_refused(tmp_path: Path) -> None:
    result = _read(tmp_path, "base: {a: 1}\nother:\n  <<: {a: 2}\n")
    assert isinstance(result, Problem) and "merge keys" in result.message and result.line == 3


def test_non_utf8_bytes_point_at_the_bad_line(tmp_path: Path) -> None:
    result = _read(tmp_path, b"deck: x\ntitle: caf\xe9\n")
    assert isinstance(result, Problem)
    assert (result.line, result.message) == (2, "file is not UTF-8 text; save it as UTF-8")


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    result = read_yaml(path, "big.yaml")
    assert isinstance(result, Problem) and "limit" in result.message


def test_syntax_error_is_located(tmp_path: Path) -> None:
    result = _read(tmp_path, "deck: x\n- a\n")
    assert isinstance(result, Problem) and result.message.startswith("YAML syntax")


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    result = _read(tmp_path, "a: " + "[" * 200 + "]" * 200 + "\n")
    assert isinstance(result, Problem) and "nesting" in result.message


def test_duplicate_keys_are_reported(tmp_path: Path) -> None:
    result = _read(tmp_path, "deck: x\ndeck: y\n")
    assert isinstance(result, Problem) and "appears twice" in result.message and result.line == 2


@pytest.mark.parametrize(("text", "line", "column", "words"), [
    ('deck: a\nevents:\n  - id: x\n    when: "turn >= 2\n    weight: 2\n    title: A\n    text: "hello"\n',
     4, 11, 'the " that opens this value is never closed on its line'),
    ('events:\n  - id: x\n    choices:\n      - label: A\n        when: x\n      effects: {a: 1}\n      - label: B\n',
     6, 7, "`effects:` is not lined up: it starts in column 7, but `when:` on line 5"),
    ('events:\n  - id: x\n    title: y\n      text: z\n', 4, 7, "`text:` is not lined up"),
    ("deck: a\nevents:\n  - id: x\n    text: [Draft] traders carry fruit\n", 4, 11,
     'which YAML reads as a list; if it is text, put it all in quotes: "[Draft] traders carry fruit"'),
    ("deck: a\ntitle: {Draft} traders\n", 2, 8, "which YAML reads as a mapping"),
    ("deck: a\ntitle: Note: this is it\n", 2, 12, 'put the whole value in quotes: "Note: this is it"'),
    ("deck: a\nevents:\n\t- id: x\n", 3, 1, "a tab character in the indentation; YAML needs spaces"),
    ("deck: a\neffects: {security: 1\nnext: 2\n", 2, 10, "the `{` here is never closed: add `}`"),
])
def test_yaml_mistakes_are_said_for_people_where_they_are(tmp_path: Path, text: str, line: int, column: int,
                                                          words: str) -> None:
    doc = _read(tmp_path, text)
    problems = [doc] if isinstance(doc, Problem) else doc.problems
    assert (problems[0].line, problems[0].column) == (line, column), problems
    assert words in problems[0].message


def test_a_mended_syntax_error_lets_the_rest_of_the_file_be_read(tmp_path: Path) -> None:
    doc = _read(tmp_path, 'a: "one\nb: [two] three\nc: 3\n')
    assert not isinstance(doc, Problem)
    assert [p.line for p in doc.problems] == [1, 2]
    assert doc.data == {"a": "one", "b": "[two] three", "c": 3}


def test_keys_are_words_even_when_yaml_would_read_them_as_true_or_false(tmp_path: Path) -> None:
    doc = _read(tmp_path, "on: 1\nno: 2\n2019: 3\n")
    assert not isinstance(doc, Problem) and doc.data == {"on": 1, "no": 2, "2019": 3}


@pytest.mark.parametrize("text, line, column, says", [
    ("a: *x\n", 1, 4, "found undefined alias"),
    ("a: &x 1\nb: &x 2\n", 2, 4, "second occurrence"),  # an anchor named twice
    ("a: 1\n---\nb: 2\n", 2, 1, "but found another document"),
    ("a: &x [1, *x]\n", 1, 4, "anchors and aliases"),  # a list that holds itself
    ("{a: 1}: 3\n", 1, 1, "keys must be plain words"),
    ("a: !foo 3\n", 1, 4, "the tag '!foo' is not allowed"),
    # a refused value comes second to a syntax error or an alias problem anywhere later in the file
    ("a: 1\na: 2\nc: *u\n", 3, 4, "found undefined alias"),
    ("a: 99999999999999999\n---\nb: 1\n", 2, 1, "but found another document"),
])
def test_yaml_the_composer_would_refuse_is_refused_where_it_is(tmp_path: Path, text: str, line: int, column: int,
                                                               says: str) -> None:
    result = _read(tmp_path, text)
    assert isinstance(result, Problem), result
    assert (result.line, result.column) == (line, column) and says in result.message, result


def test_a_reused_word_or_number_is_allowed_where_it_was_written(tmp_path: Path) -> None:
    doc = _read(tmp_path, "&k key: &v 3\nother: *v\n")
    assert not isinstance(doc, Problem) and doc.data == {"key": 3, "other": 3}
    again = _read(tmp_path, "&k key: 3\n*k : 4\n")  # the same key twice, through an alias
    assert isinstance(again, Problem) and "appears twice" in again.message
    doc2 = _read(tmp_path, "- &s hi\n- *s\n")
    assert not isinstance(doc2, Problem) and doc2.data == ["hi", "hi"]
    assert doc2.where((1,)) == (1, 3)  # a repeated value points at the value it repeats
