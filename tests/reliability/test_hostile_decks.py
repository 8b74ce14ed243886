"""Decks written as a hostile (or very unlucky) author would: each is either refused by `validate` with
located lines and exit 2, or plays 100 simulated games and a piped plain-mode game without a traceback,
within seconds and 500 MB."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

CARD = """  - id: {id}
    title: A hostile card
    actor: Someone
    voice: bureau
    text: {text}
    weight: {weight}
    source: {{id: speelman2022, where: "§6b", quote: "Intermediary companies could be given one of four statuses"}}
    when: {when}
    choices:
      - label: One
        effects: {{security: {effect}, development: -1}}
{extra}      - label: Two
        effects: {{development: 1, security: -1}}
"""


def deck(*, text: str = "Something happens.", weight: str = "5", when: str = "true", effect: str = "1",
         extra: str = "", head: str = "", cards: int = 1) -> str:
    body = "".join(CARD.format(id=f"hostile_{i}", text=text, weight=weight, when=when, effect=effect, extra=extra)
                   for i in range(cards))
    return f"deck: hostile\ntitle: Hostile\n{head}events:\n{body}"


REFUSED = {
    "nan effect": deck(effect=".nan"),
    "inf effect": deck(effect=".inf"),
    "huge float": deck(effect="1.0e+999"),
    "400-digit weight": deck(weight="1" + "0" * 400),
    "5000-digit integer": deck(effect="9" * 5000),
    "text plus number": deck(when='"1 + \\"abc\\" > 0"'),
    "string times number weight": deck(weight='"3 * \\"a\\""'),
    "string repetition under not": deck(when='"not (100000000 * \\"x\\")"'),
    "5000-term sum": deck(weight='"' + "+".join(["1"] * 5000) + '"'),
    "10000 nested parentheses": deck(weight='"' + "(" * 10000 + "1" + ")" * 10000 + '"'),
    "month written 2018-6": deck(when='"month >= 2018-6"'),
    "unknown tag": deck(effect="!foo 3"),
    "python tag": deck(effect="!!python/name:os.system 3"),
    "bad int tag": deck(effect="!!int abc"),
    "unbalanced brace in text": deck(text='"Pay RMB {worker_fees a month"'),
    "unknown name in text": deck(text='"Pay RMB {wrker_fees} a month"'),
    "times_seen outside a card's text": deck(when='"times_seen > 1"'),
    "number as a condition": deck(when='"security"'),
    "deep YAML nesting": "deck: hostile\ntitle: Hostile\nevents: " + "[" * 200 + "]" * 200 + "\n",
    "anchors and aliases": "deck: hostile\ntitle: Hostile\nx: &a [1, 2]\ny: *a\nevents: []\n",
    "merge key bomb": "deck: hostile\ntitle: Hostile\na: &a {x: 1}\nb: {<<: [*a, *a, *a]}\nevents: []\n",
    "not text at all": "\x00\x01\x02\xff\xfe garbage",
}

PLAYS = {
    "a counter that cubes itself": deck(extra="        assign: {agencies_active: \"agencies_active * agencies_active * "
                                              "agencies_active\"}\n", weight="50"),
    "overflow to infinity": deck(effect='"1000000000000 * 1000000000000 * 1000000000000 * 1000000000000"'),
    "infinity minus infinity": deck(effect='"(1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000) - (1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000 * 1000000000000 * 1000000000000 * '
                                           '1000000000000 * 1000000000000)"'),
    "division by zero": deck(weight='"1 / (security - security)"', effect='"5 / 0"'),
    "negative weight": deck(weight="-5"),
    "escape sequences in text": deck(text='"\\e]0;owned\\a\\e[2J Workers arrive."'),
    "a scalar reused a thousand times": "deck: hostile\ntitle: Hostile\nevents:\n" + "".join(
        CARD.format(id=f"hostile_{i}", text="'" + "word " * 600 + "'", weight="5", when="true", effect="1", extra="")
        for i in range(40)),
}


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (500 * 1024 * 1024, 500 * 1024 * 1024))


def run(*args: str, stdin: str = "", timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=REPO, input=stdin, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=_limit)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_deck_is_refused_with_located_lines(name: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    data = REFUSED[name]
    path.write_bytes(data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data)
    result = run("validate", "--deck", str(path))
    assert result.returncode == 2, (name, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    located = [line for line in lines[:-1] if line.startswith(str(path.name)) or "hostile.yaml:" in line]
    assert located and all(":" in line.split(" ")[0] for line in located), result.stderr
    assert lines[-1].endswith("nothing was loaded.")


@pytest.mark.parametrize("name", sorted(PLAYS))
def test_a_hostile_deck_that_loads_plays_without_a_traceback(name: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(PLAYS[name], encoding="utf-8")
    checked = run("validate", "--deck", str(path))
    assert checked.returncode == 0, checked.stderr
    sim = run("simulate", "--runs", "100", "--deck", str(path), "--json")
    assert sim.returncode == 0 and "Traceback" not in sim.stderr, sim.stderr
    report = json.loads(sim.stdout)
    assert report["runs"] == 100
    plain = run("play", "--plain", "--seed", "3", "--deck", str(path), "--saves", str(tmp_path / "saves"),
                stdin="1\n1\n1\n\n" * 40)
    assert plain.returncode == 0 and "Traceback" not in plain.stderr, plain.stderr
    assert "\x1b" not in plain.stdout
    save = tmp_path / "saves" / "autosave.json"
    assert save.exists() and save.stat().st_size < 200_000
