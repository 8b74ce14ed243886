"""Shared fixtures: the small test scenario, the shipped content, and a throwaway save folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import load_content
from game.content.compiled import Content
from game.saves import SaveStore

FIXTURE = Path(__file__).parent / "fixtures" / "content"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def fixture_content() -> Content:
    return load_content(FIXTURE)


@pytest.fixture(scope="session")
def shipped_content() -> Content:
    return load_content(REPO / "content")


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")
