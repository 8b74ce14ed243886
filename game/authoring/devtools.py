"""Author tools in play: `play --dev --force CARD` and `--set NAME=VALUE`.

Both are engine actions (`Force`, `SetValue`), so they are in the game's action log: the save replays
them and says the game was played with author tools. The engine accepts them only in a game started
with `--dev`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from game.engine.actions import Force, SetValue
from game.engine.game import Game
from game.errors import FriendshipPassError, RulesError

_ON = {"on", "true", "yes", "1"}
_OFF = {"off", "false", "no", "0"}


def _unknown(kind: str, name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"there is no {kind} '{name}'" + (f" (did you mean '{close[0]}'?)" if close else "")


def parse_set(content_names: dict[str, str], text: str) -> tuple[str, str]:
    """`name=value` checked against the content: (name, value as the engine takes it)."""
    name, sep, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name or not value:
        raise FriendshipPassError(f"--set {text}: write NAME=VALUE, e.g. --set security=30 or --set clinic_open=on")
    kind = content_names.get(name)
    if kind is None:
        raise FriendshipPassError(f"--set {text}: " + _unknown("meter, counter, flag or policy", name, content_names))
    if kind == "flag":
        if value.lower() not in _ON | _OFF:
            raise FriendshipPassError(f"--set {text}: a flag is on or off")
        value = "on" if value.lower() in _ON else "off"
    elif kind == "number":
        try:
            float(value)
        except ValueError:
            raise FriendshipPassError(f"--set {text}: {name} takes a number") from None
    return name, value


def apply_dev(game: Game, forces: list[str], sets: list[str]) -> list[str]:
    """Apply --set (at once) and --force (next month) to a game started with --dev; lines to tell the author."""
    content = game.content
    names = {**{n: "number" for n in content.bounds}, **{p: "policy" for p in content.policies},
             **{f: "flag" for f in content.flags}}
    out = []
    try:
        for text in sets:
            name, value = parse_set(names, text)
            game.apply(SetValue(name, value))
            out.append(f"Author tools: {name} set to {value}.")
        for card in forces:
            if card not in content.events:
                raise FriendshipPassError(f"--force {card}: " + _unknown("card", card, content.events))
            game.apply(Force(card))
            out.append(f"Author tools: '{card}' will be dealt next month.")
    except RulesError as exc:
        raise FriendshipPassError(str(exc)) from None
    return out
