"""`validate` runs the history checks on a second core: the warnings are the same, and a child that fails
costs nothing but time."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from game.authoring import beside
from game.authoring.beside import Beside
from game.authoring.links import remembered
from game.authoring.lint import lint
from game.content.compiled import Content
from game.content.yamlsafe import YamlDoc

CARD = """\
  - id: gen_{i}
    title: Generated card {i}
    actor: Benchmark
    voice: bureau
    text: A card with a locked choice and no `locked:` text, and a flag nothing reads.
    when: "turn >= {i}"
    source: {{id: speelman2022, where: "§6b", quote: "Intermediary companies could be given one of four statuses"}}
    choices:
      - label: First option
        effects: {{security: +2, development: -1}}
        set: [gen_flag_{i}]
      - label: Second option
        effects: {{development: +2, security: -1}}
        when: "central_confidence > 40"
"""


def test_the_author_checks_on_a_second_core_give_the_same_warnings(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from game.content.loader import load_partial

    monkeypatch.setattr(beside, "can_fork", lambda: hasattr(os, "fork"))  # however busy the machine is

    deck = tmp_path / "gen.yaml"
    deck.write_text("deck: generated\ntitle: Generated\nevents:\n" + "".join(CARD.format(i=i) for i in range(40)),
                    encoding="utf-8")
    docs: dict[str, YamlDoc] = {}
    content, problems = load_partial(None, [deck], docs)
    assert isinstance(content, Content) and not [p for p in problems if p.severity == "error"]
    with remembered(docs):
        here = lint(content, "content/scenario.yaml")
        forked = lint(content, "content/scenario.yaml", fork=True)
    assert forked == here
    assert sum("`locked:`" in w.message for w in here) == 40  # a history check's warnings (run beside)
    assert sum("nothing reads it" in w.message for w in here) == 40  # and one run in the process


def test_work_that_fails_beside_is_done_again_in_the_process() -> None:
    parent = os.getpid()

    def work() -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return [1, 2, 3]

    assert Beside(work).result() == [1, 2, 3]


def test_the_result_of_the_work_beside_comes_back_whole() -> None:
    big = [("card_" + str(i), i, "x" * 50) for i in range(20_000)]  # larger than a pipe's buffer
    assert Beside(lambda: big).result() == big


def test_a_busy_machine_keeps_the_work_in_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRIENDSHIP_PASS_NO_FORK", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(beside, "running", lambda: 4)  # this process and three others: every core in use
    assert not beside.can_fork()
    monkeypatch.setattr(beside, "running", lambda: 2)
    assert beside.can_fork() == (hasattr(os, "fork") and sys.platform.startswith("linux"))


def test_the_threads_running_now_are_counted_on_linux() -> None:
    if not os.path.exists("/proc/loadavg"):
        pytest.skip("no /proc/loadavg")
    assert beside.running() >= 1  # this test's own thread is running
