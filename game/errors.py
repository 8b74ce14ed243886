"""Our own error tree, with messages written for the person who reads them.

    FriendshipPassError          root: anything we raise on purpose
    ├── ContentError             one or more problems in content files (file:line:col each)
    ├── ExpressionError          an expression that does not parse, has the wrong type, or names something unknown
    ├── RulesError               an action the rules do not allow right now
    │   └── ReplayError          a recorded action that no longer fits the game
    ├── SaveError                a save that cannot be written, read or trusted
    └── ClassCodeError           a class code with a typo, or made with other decks
"""

from __future__ import annotations

from dataclasses import dataclass


class FriendshipPassError(Exception):
    """Root of every error the game raises on purpose."""


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a content file."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {tag}{self.message}"


def order(problem: Problem) -> tuple[str, int, int, str, str]:
    """The order problems sort in, as a key: sorting thousands by the dataclass's own comparisons is slow."""
    return problem.path, problem.line, problem.column, problem.message, problem.severity


class ContentError(FriendshipPassError, ValueError):
    """Content that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ExpressionError(FriendshipPassError, ValueError):
    """An expression that does not parse, or that names something the scenario lacks."""

    def __init__(self, message: str, column: int = 0) -> None:
        self.column = column
        super().__init__(message)


class RulesError(FriendshipPassError, RuntimeError):
    """A call the rules do not allow in the game's current phase."""


class SaveError(FriendshipPassError, OSError):
    """A save that cannot be written, read or trusted."""


class ReplayError(RulesError):
    """A recorded action no longer fits the game (the content changed, or the log was edited)."""


class ClassCodeError(FriendshipPassError, ValueError):
    """A class code that cannot be read, has a typo, or was made with other decks."""
