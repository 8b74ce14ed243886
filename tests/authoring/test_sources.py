"""Checks that know the sources: quotes verbatim after normalising, `where` a real section of the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.sources import check_quotes, normalise, read_source, source_dirs
from game.content import load_content
from game.content.yamlsafe import YamlDoc
from tests.authoring.conftest import CARD
from tests.conftest import REPO

TEXT = """\
# A study of border labour

Opening words of the study, before any heading.

## 1. Introduction

Workers cross the border every morning.<sup>3</sup> Officials call it “cross-border employment
cooperation” – a phrase from the 2017 plan.

## 6. Implementing the trial

### ***a. Early months***

The permits were renewed every thirty days, and the queues grew long.

### ***b. Securitizing the trial***

The national authorities refused to issue the half-year work permits that had been promised.

Concluding Thoughts

In the end the border closed.

---

3 Interview with an official, 2019.
"""


def _pack(tmp_path: Path, where: str, quote: str) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "study.md").write_text(TEXT, encoding="utf-8")
    (pack / "sources.yaml").write_text("sources:\n  - {id: study2020, short: Study, citation: A study., "
                                       "file: study.md}\n", encoding="utf-8")
    card = CARD.format(id="c1").replace('{id: src, where: "§1", quote: "a quote"}',
                                        f"{{id: study2020, where: \"{where}\", quote: \"{quote}\"}}")
    (pack / "deck.yaml").write_text("deck: d\ntitle: D\nevents:\n" + card, encoding="utf-8")
    return pack


def _check(tiny: Path, pack: Path) -> list[str]:
    docs: dict[str, YamlDoc] = {}
    load_content(tiny, [pack], docs)
    problems, _ = check_quotes(docs, [])
    return [f"{p.line}:{p.column}: {p.severity}: {p.message}" for p in problems]


def test_normalising_forgives_what_copying_changes() -> None:
    assert normalise("“Cross-border”  employment\n– a phrase") == normalise('"cross - border" Employment - a phrase')
    assert normalise("It’s<sup>72</sup> here") == "it's here"


def test_sections_come_from_numbered_and_plain_headings_and_footnotes(tmp_path: Path) -> None:
    path = tmp_path / "study.md"
    path.write_text(TEXT, encoding="utf-8")
    src = read_source("study2020", path)
    for place in ("§1", "§6", "§6a", "§6b", "Concluding Thoughts", "securitizing the trial", "fn 3", "note 3",
                  "introduction", "§6, note 3"):
        assert src.place(place, None) is None, place
    assert src.place("§9z", None) == "§9z"
    at = src.find("refused to issue the half-year work permits")
    assert at is not None and "§6b" in src.sections_at(at) and "§6a" not in src.sections_at(at)


@pytest.mark.parametrize(("where", "quote", "expected"), [
    ("§6b", "refused to issue the half-year work permits", []),
    ("§1", "\\u201ccross-border employment cooperation\\u201d - a phrase", []),  # curly quotes, dash, line break
    ("§6a", "The permits were renewed … the queues grew long", []),  # an ellipsis skips words
    ("§6b", "the workers loved the new permits", ["8:50: error: quote not found in study2020 (study.md)"]),
    ("§9z", "refused to issue the half-year work permits",
     ["8:36: error: '§9z' is not a section of study2020 (the quote is in §6b)"]),
    ("§6a", "refused to issue the half-year work permits",
     ["8:36: warning: the quote is not in §6a of study2020; it is in §6b"]),
])
def test_quotes_and_places_are_checked_against_a_packs_own_text(tiny: Path, tmp_path: Path, where: str, quote: str,
                                                                 expected: list[str]) -> None:
    found = _check(tiny, _pack(tmp_path, where, quote))
    assert [f[: len(e)] for f, e in zip(found, expected)] == expected and len(found) == len(expected), found


def test_source_folders_come_from_the_flag_the_environment_and_beside_the_project(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    given, env, shared = tmp_path / "given", tmp_path / "env", tmp_path / "shared" / "sources"
    for d in (given, env, shared):
        d.mkdir(parents=True)
    (tmp_path / "repo" / "content").mkdir(parents=True)
    monkeypatch.setenv("FRIENDSHIP_PASS_SOURCES", str(env))
    assert source_dirs(tmp_path / "repo" / "content", [given])[:2] == [given, env]
    assert shared in source_dirs(tmp_path / "repo" / "content", [])


def test_every_shipped_quote_is_in_its_source_when_the_texts_are_here() -> None:
    dirs = source_dirs(REPO / "content", [])
    if not dirs:
        pytest.skip("the source texts are not beside this clone (shared/sources)")
    docs: dict[str, YamlDoc] = {}
    load_content(REPO / "content", [], docs)
    problems, stats = check_quotes(docs, dirs)
    assert stats["sources"] == 5 and stats["quotes"] > 200
    assert [str(p) for p in problems if p.severity == "error"] == []
