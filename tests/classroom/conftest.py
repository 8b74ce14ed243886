"""Class-server fixtures: a class code for the small fixture content and a class folder in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.classroom import make_code
from game.content.compiled import Content

SEED = 4242


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "class"


@pytest.fixture
def code(fixture_content: Content) -> str:
    return make_code(fixture_content, SEED, "meters")


@pytest.fixture
def shipped_code(shipped_content: Content) -> str:
    return make_code(shipped_content, SEED, "meters")
