"""Content: YAML files loaded safely, validated, compiled into immutable models."""

from game.content.compiled import Content, text
from game.content.loader import default_content_dir, load_content

__all__ = ["Content", "default_content_dir", "load_content", "text"]
