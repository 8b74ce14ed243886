"""The shipped content: valid, cited word for word, editor-ready, and the size the scenario promises."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from game.content.compiled import Content
from game.content.schema import SCHEMAS, schema_text
from tests.conftest import REPO

SOURCES_DIR = REPO.parent / "shared" / "sources"
CONTENT = REPO / "content"


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def _source_texts(content: Content) -> dict[str, str]:
    return {sid: _norm((SOURCES_DIR / entry.file).read_text(encoding="utf-8"))
            for sid, entry in content.sources.items() if entry.file and (SOURCES_DIR / entry.file).exists()}


def _citations(content: Content) -> list[tuple[str, object]]:
    cited: list[tuple[str, object]] = [(f"event {e.id}", e.model.source) for e in content.events.values()]
    cited += [(f"ending {e.model.id}", e.model.source) for e in content.endings.values()]
    cited += [(f"negotiation {n.model.negotiation}", n.model.source) for n in content.negotiations.values()
              if n.model.source]
    cited += [(f"term {t.id}", t.source) for t in content.glossary if t.source]
    return cited


@pytest.mark.skipif(not SOURCES_DIR.is_dir(), reason="the source texts live in ../shared/sources")
def test_every_quote_appears_word_for_word_in_its_source(shipped_content: Content) -> None:
    texts = _source_texts(shipped_content)
    assert set(texts) == set(shipped_content.sources)
    missing = [f"{who}: {src.quote!r}" for who, src in _citations(shipped_content)
               if _norm(src.quote) not in texts[src.id]]
    assert missing == []


def test_quotes_are_short(shipped_content: Content) -> None:
    long = [who for who, src in _citations(shipped_content) if len(src.quote.split()) > 25]
    assert long == []


def test_every_stream_has_its_cards(shipped_content: Content) -> None:
    per_deck = Counter(e.deck for e in shipped_content.events.values())
    assert per_deck["central_pressure"] >= 15 and per_deck["runaways"] >= 15
    assert per_deck["agency_lobbying"] >= 15 and per_deck["employers"] >= 10
    assert per_deck["workers_and_locals"] >= 10 and per_deck["ngos_and_internal_migration"] >= 8
    assert sum(per_deck.values()) >= 80


def test_every_card_has_an_actor_a_voice_and_fits_the_screen(shipped_content: Content) -> None:
    for event in shipped_content.events.values():
        assert event.actor.english().strip(), event.id
        assert event.voice, event.id
        assert all(len(t) <= 600 for t in event.text.all_strings()), event.id
        assert all(len(t) <= 80 for c in event.choices for t in c.label.all_strings()), event.id


def test_at_least_a_quarter_of_the_cards_carry_vietnamese_voices(shipped_content: Content) -> None:
    from game.authoring.checks import voice_counts

    counts = voice_counts(shipped_content)
    assert len(shipped_content.events) >= 180
    assert counts["vietnamese"] >= len(shipped_content.events) / 4


def test_the_glossary_has_the_terms_a_class_needs(shipped_content: Content) -> None:
    assert len(shipped_content.glossary) >= 25


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_shipped_schemas_match_what_the_schema_command_writes(name: str) -> None:
    shipped = CONTENT / "schemas" / f"{name}.schema.json"
    assert shipped.read_text(encoding="utf-8") == schema_text(name), "run: friendship-pass schema"


def test_every_content_file_names_its_schema_for_editors() -> None:
    for path in sorted(CONTENT.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=")[1]).resolve()
        assert schema.exists(), f"{path}: {schema}"


def test_scheduled_milestones_fall_in_their_real_months(shipped_content: Content) -> None:
    scheduled = {e.model.at for e in shipped_content.events.values() if e.model.at}
    for month in ("2017-08", "2018-06", "2019-01", "2019-12", "2020-01"):
        assert month in scheduled, month
