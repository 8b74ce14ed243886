"""Content: YAML files loaded safely, validated, compiled into immutable models.

The names below are loaded on first use, so importing one submodule (say, the models) does not load
the whole loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.content.compiled import Content, text
    from game.content.loader import default_content_dir, load_content

__all__ = ["Content", "default_content_dir", "load_content", "text"]


def __getattr__(name: str) -> Any:
    if name in ("Content", "text"):
        from game.content import compiled

        return getattr(compiled, name)
    if name in ("default_content_dir", "load_content"):
        from game.content import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'game.content' has no attribute {name!r}")
