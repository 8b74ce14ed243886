"""Hot reload for authors: between months, pick up edited decks without losing the game in progress.

A changed file is reloaded in full; if it has errors they are reported and the game goes on with
the content it had. The state carries over when every card it refers to still exists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from game.content import load_content
from game.content.compiled import Content
from game.content.loader import deck_files, default_content_dir
from game.engine.game import Game
from game.errors import ContentError, RulesError


class DeckWatcher:
    """Watches the content folder and extra decks by modification time."""

    def __init__(self, root: Path | None, decks: Sequence[Path]) -> None:
        self.root = Path(root) if root is not None else default_content_dir()
        self.decks = [Path(d) for d in decks]
        self.stamps = self._stamps()

    def _files(self) -> list[Path]:
        files = [self.root / "scenario.yaml", self.root / "sources.yaml", self.root / "glossary.yaml"]
        for folder in ("decks", "negotiations", "characters"):
            if (self.root / folder).is_dir():
                files += deck_files([self.root / folder])
        return files + deck_files(self.decks)

    def _stamps(self) -> dict[Path, float]:
        out = {}
        for path in self._files():
            try:
                out[path] = path.stat().st_mtime
            except OSError:
                out[path] = -1.0
        return out

    def changed(self) -> bool:
        return self._stamps() != self.stamps

    def reload(self, game: Game, report: Callable[[str], None]) -> Game:
        """The game on freshly loaded content if anything changed and loads cleanly; else `game` as is."""
        if not self.changed():
            return game
        self.stamps = self._stamps()
        try:
            content: Content = load_content(self.root, self.decks)
        except ContentError as exc:
            report(f"Decks changed but have errors; playing on with the previous version:\n{exc}")
            return game
        try:
            moved = game.reloaded(content)
        except RulesError as exc:
            report(f"Decks reloaded, but this game cannot move to them ({exc}); playing on unchanged.")
            return game
        report(f"Decks reloaded: {len(content.events)} cards.")
        return moved

