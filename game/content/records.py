"""Content records without pydantic: what the game reads of a checked model, and the texts in them.

The models in `game.content.models` check what authors write; once content is compiled and cached
(`game.content.cache`), the game reads the same fields from `ModelRecord`s, so starting a game needs
neither pydantic nor the YAML parser.
"""

from __future__ import annotations

from typing import Any


class ModelRecord:
    """The fields of a checked content model, as attributes, read-only like the model."""

    __slots__ = ("__dict__", "_model_name")  # a field never starts with "_"
    _model_name: str

    def __init__(self, kind: str, fields: dict[str, Any]) -> None:
        object.__setattr__(self, "_model_name", kind)
        self.__dict__.update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{self._model_name} from the content cache is read-only")

    def __repr__(self) -> str:
        return f"{self._model_name}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __reduce__(self) -> tuple[Any, ...]:
        return model_record, (self._model_name, dict(self.__dict__))


def model_record(kind: str, fields: dict[str, Any]) -> ModelRecord:
    return ModelRecord(kind, fields)


def text_in(value: str | dict[str, str] | None, lang: str = "en") -> str:
    """A static player-facing text in `lang`, falling back to English, then to any language."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def has_lang(value: str | dict[str, str] | None, lang: str) -> bool:
    """Whether a static text has its own `lang` version (English is in every text)."""
    return lang == "en" or value is None or (isinstance(value, dict) and bool(value.get(lang)))
