"""Where the shipped content is: the folder beside the package, or `$FRIENDSHIP_PASS_CONTENT`."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_CONTENT = Path(__file__).resolve().parents[2] / "content"


def default_content_dir() -> Path:
    """`$FRIENDSHIP_PASS_CONTENT` if set, else the content/ folder beside the package."""
    return Path(os.environ.get("FRIENDSHIP_PASS_CONTENT", DEFAULT_CONTENT))
