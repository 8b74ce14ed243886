"""Change programs compiled when first run, from data that pickles (for the compiled-content cache).

`validate` never runs a program and a game only those it meets, so a choice's, a deal's or the month's
program is built on its first call; the pieces it is built from are plain content, so content that holds
them can be cached and read back without the loader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from game.content.programs import Builder


class Deferred:
    """A program compiled when first called. On that call it puts the compiled function in its place
    (`owner.name`), so later calls go straight to it."""

    __slots__ = ("make", "name", "owner")

    def __init__(self, owner: Any, name: str, make: Callable[[], Any]) -> None:
        self.owner, self.name, self.make = owner, name, make

    def __call__(self, *args: Any) -> Any:
        run = self.make()
        object.__setattr__(self.owner, self.name, run)
        return run(*args)


def does_program(bounds: Mapping[str, tuple[int, int]], *parts: Any) -> Any:
    """A choice's (a deal's, a move's) changes: see `Builder.does`."""
    return Builder(bounds).does(*parts)


def lean_does_program(bounds: Mapping[str, tuple[int, int]], *parts: Any) -> Any:
    """The same changes for the simulator's lean path, compiled: see `Builder.lean_does`."""
    return Builder(bounds).lean_does(*parts)


def month_program(bounds: Mapping[str, tuple[int, int]], record: bool, *parts: Any) -> Any:
    """The month's policies and rules: see `Builder.month` (record=False: the simulator's lean month)."""
    return Builder(bounds, record=record).month(*parts)
