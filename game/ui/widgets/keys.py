"""A footer for the secondary screens: the keys that work there, drawn once (no per-key rebuild)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from game.ui.widgets.text import key, line


class KeyFooter(Static):
    """A fixed list of (key, what it does)."""

    DEFAULT_CSS = "KeyFooter { dock: bottom; height: 1; width: 100%; background: $panel; }"

    def __init__(self, keys: tuple[tuple[str, str], ...], **kwargs: object) -> None:
        super().__init__(self._words(keys), markup=False, **kwargs)  # type: ignore[arg-type]

    @staticmethod
    def _words(keys: tuple[tuple[str, str], ...]) -> Content:
        return Content(" ").join(line(key(k), " ", label) for k, label in keys)

    def set_keys(self, keys: tuple[tuple[str, str], ...]) -> None:
        """Other keys, or the same in another language."""
        self.update(self._words(keys))
