"""Author commands for the CLI: validate (and later new-deck, map). `register` adds them to the parser."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from game.content import load_content

Common = Callable[[argparse.ArgumentParser], None]


def cmd_validate(args: argparse.Namespace) -> int:
    content = load_content(args.content, [Path(p) for p in args.deck])
    print(f"OK: {len(content.events)} cards in {len(content.decks)} decks, {len(content.negotiations)} negotiations, "
          f"{len(content.glossary)} glossary terms ({len(content.files)} files checked)")
    return 0


def register(sub: argparse._SubParsersAction, common: Common) -> None:
    """Add the author commands to the main parser's subcommands."""
    val = sub.add_parser("validate", help="check the content (and any --deck) and report every problem")
    common(val)
    val.set_defaults(func=cmd_validate)
