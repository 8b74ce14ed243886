"""No input to `validate` prints a traceback: each hostile file gives located lines and exit 2."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from tests.authoring.conftest import CARD

LOCATED = re.compile(r"^.+:\d+:\d+: ")
DECK = "deck: h\ntitle: H\nevents:\n" + CARD.format(id="h1")

HOSTILE: dict[str, bytes] = {
    "unknown_tag": b"deck: !foo x\n",
    "python_tag": b"deck: !!python/object/apply:os.system ['echo hi']\n",
    "bad_int_tag": b"deck: h\ntitle: !!int abc\n",
    "huge_number": DECK.replace("security: 1", "security: " + "9" * 5000).encode(),
    "huge_float": DECK.replace("security: 1", "security: 1e999").encode(),
    "nan": DECK.replace("security: 1", "security: .nan").encode(),
    "deep_lists": b"deck: " + b"[" * 20000 + b"]" * 20000 + b"\n",
    "deep_maps": b"deck: " + b"{a: " * 5000 + b"1" + b"}" * 5000 + b"\n",
    "deep_blocks": "".join(" " * i + f"k{i}:\n" for i in range(300)).encode(),
    "deep_expression": DECK.replace("    text: Something happens.\n", "    text: Something happens.\n    when: \""
                                    + "(" * 10000 + "turn" + ")" * 10000 + "\"\n").encode(),
    "long_expression": DECK.replace("    text: Something happens.\n", "    text: Something happens.\n    when: \""
                                    + "1+" * 5000 + "1 > 0\"\n").encode(),
    "utf16": "\ufeff".encode("utf-16-le") + DECK.encode("utf-16-le"),
    "latin1": DECK.replace("A card", "Café").encode("latin-1"),
    "nul_bytes": b"deck: h\x00\ntitle: \x00\n",
    "binary": bytes(range(256)) * 4,
    "control_chars": DECK.replace("A card", "A \x1b]0;pwned\x07 card").encode(),
    "complex_key": b"? [a, b]\n: c\n",
    "null_key": b"~: 1\n",
    "alias_bomb": b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "merge_bomb": b"a: &a {x: 1}\nb:\n  <<: [*a, *a]\n",
    "duplicate_keys": b"deck: a\ndeck: b\n",
    "only_comment": b"# nothing\n",
    "scalar_document": b"just words\n",
    "two_documents": b"deck: a\n---\ndeck: b\n",
    "directive": b"%YAML 1.1\n%TAG ! tag:evil.com,2000:\n---\ndeck: !x y\n",
    "crlf_tabs": b"deck: a\r\n\ttitle: b\r\n",
    "long_text": DECK.replace("Something happens.", "x" * 200000).encode(),
}


def _validate(tiny: Path, path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", "--no-sources", "--content", str(tiny), "--deck", str(path)])
    return code, err.getvalue()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_gives_located_lines_and_exit_2(tiny: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    code, err = _validate(tiny, path)
    assert code == 2, err
    lines = err.splitlines()
    assert "Traceback" not in err
    assert lines and all(LOCATED.match(line) for line in lines[:-1]), err[:2000]
    assert lines[-1].endswith("nothing was loaded.")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode),
                 st.lists(st.sampled_from(DECK.splitlines(keepends=True) + ["[", "{", "'", '"', ": ", "- ", "\t",
                                                                            "&a ", "*a", "!!str ", "? "]),
                          max_size=40).map(lambda parts: "".join(parts).encode())))
def test_any_bytes_give_located_lines_never_a_traceback(tiny: Path, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(data)
    code, err = _validate(tiny, path)
    assert code in (0, 1, 2)
    if code == 2:
        lines = err.splitlines()
        assert all(LOCATED.match(line) for line in lines[:-1]), err[:2000]
