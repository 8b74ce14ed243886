"""Author commands for the CLI: validate (with warnings), new-deck and map. `register` adds them to the parser."""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.content import load_content
from game.content.compiled import Content
from game.content.loader import DEFAULT_CONTENT, deck_files, default_content_dir, shown
from game.errors import ContentError, FriendshipPassError, Problem

Common = Callable[[argparse.ArgumentParser], None]


def _root(args: argparse.Namespace) -> Path:
    return Path(args.content) if args.content is not None else default_content_dir()


def _extra_files(args: argparse.Namespace) -> set[str]:
    """The added deck files as problems name them."""
    return {shown(p) for p in deck_files([Path(d) for d in args.deck])}


def _as_json(problem: Problem) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "column": problem.column, "message": problem.message}


def cmd_validate(args: argparse.Namespace) -> int:
    from game.authoring.lint import lint

    try:
        content = load_content(args.content, [Path(p) for p in args.deck])
    except ContentError as exc:
        if not args.json:
            raise
        errors = [p for p in exc.problems if p.severity == "error"]
        warnings = [p for p in exc.problems if p.severity != "error"]
        print(json.dumps({"errors": [_as_json(p) for p in errors], "warnings": [_as_json(p) for p in warnings]},
                         indent=2, ensure_ascii=False))
        return 2
    scenario = shown(_root(args) / "scenario.yaml")
    everything = lint(content, scenario)
    only = _extra_files(args) if args.deck else None
    warnings = [w for w in everything if only is None or w.path in only]
    hidden = len(everything) - len(warnings)
    if args.json:
        print(json.dumps({"errors": [], "warnings": [_as_json(w) for w in warnings]}, indent=2, ensure_ascii=False))
    else:
        for warning in warnings:
            print(warning, file=sys.stderr)
        if hidden:
            print(f"({hidden} more warning(s) in the rest of the content; run validate without --deck to see them)",
                  file=sys.stderr)
        tail = f", {len(warnings)} warning(s)" if warnings else ""
        print(f"OK: {len(content.events)} cards in {len(content.decks)} decks, {len(content.negotiations)} "
              f"negotiations, {len(content.glossary)} glossary terms ({len(content.files)} files checked){tail}")
        if args.stats:
            from game.authoring.checks import dilemma_warnings, voice_counts

            voices = voice_counts(content)
            total = sum(voices.values())
            print("Voices: " + ", ".join(f"{g} {n} ({n / total:.0%})" for g, n in voices.items()))
            _, free, choices = dilemma_warnings(content)
            print(f"Choices that cost nothing: {free} of {choices} ({free / max(choices, 1):.1%})")
    return 1 if args.strict and warnings else 0


def cmd_new_deck(args: argparse.Namespace) -> int:
    from game.authoring.starter import check_name, write_starter

    check_name(args.name)
    if (Path(args.out) / f"{args.name}.yaml").exists():
        raise FriendshipPassError(f"{Path(args.out) / f'{args.name}.yaml'} already exists; nothing was written "
                                  "(pick another name or --out)")
    root = _root(args)
    schema = root / "schemas" / "deck.schema.json"
    if not schema.exists():
        schema = DEFAULT_CONTENT / "schemas" / "deck.schema.json"
    content = load_content(args.content, [Path(p) for p in args.deck])
    path = write_starter(args.name, Path(args.out), schema, set(content.decks))
    print(f"wrote {path}")
    try:
        load_content(args.content, [*(Path(p) for p in args.deck), path])
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("The starter deck names meters or sources this content does not have; fix the lines above.",
              file=sys.stderr)
        return 2
    print("Next: edit it (docs/authoring.md explains every field), then\n"
          f"  friendship-pass validate --deck {path}\n"
          f"  friendship-pass play --deck {path}")
    return 0


def _map_decks(args: argparse.Namespace, content: Content) -> set[str] | None:
    if args.only:
        for deck in args.only:
            if deck not in content.decks:
                close = difflib.get_close_matches(deck, list(content.decks), n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise FriendshipPassError(f"no deck called '{deck}'{hint}; decks: {', '.join(content.decks)}")
        return set(args.only)
    if args.deck:
        extra = _extra_files(args)
        return {d.model.deck for d in content.decks.values() if d.origin in extra}
    return None


def cmd_map(args: argparse.Namespace) -> int:
    from game.authoring.storymap import build, render

    content = load_content(args.content, [Path(p) for p in args.deck])
    smap = build(content, shown(_root(args) / "scenario.yaml"), _map_decks(args, content))
    sys.stdout.write(render(smap, args.format))
    return 0


def register(sub: argparse._SubParsersAction, common: Common) -> None:
    """Add the author commands to the main parser's subcommands."""
    from game.authoring.storymap import FORMATS

    val = sub.add_parser("validate", help="check the content (and any --deck) and report every problem",
                         description="Check the content and any --deck. Errors (exit 2) stop the game from "
                         "loading; warnings point at content that loads but probably does not do what you meant. "
                         "With --deck, only warnings in the added decks are shown.")
    common(val)
    val.add_argument("--json", action="store_true",
                     help='print {"errors": [...], "warnings": [...]} with path, line, column, message (for CI)')
    val.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    val.add_argument("--stats", action="store_true", help="also count cards by voice and the choices that cost nothing")
    val.set_defaults(func=cmd_validate)

    new = sub.add_parser("new-deck", help="write a commented starter deck NAME.yaml that validates",
                         description="Write NAME.yaml: two linked, cited cards to edit into your own deck.")
    common(new)
    new.add_argument("name", metavar="NAME", help="deck id: lower-case letters, digits and _, e.g. border_clinic")
    new.add_argument("--out", default=".", metavar="DIR", help="folder to write into (default: here)")
    new.set_defaults(func=cmd_new_deck)

    smap = sub.add_parser("map", help="show how cards chain through flags, follow-ups, months and negotiations",
                          description="Print the story map. With --deck, maps the added decks (and the cards "
                                      "their links reach); --only DECK maps one deck.")
    common(smap)
    smap.add_argument("--format", choices=FORMATS, default="text",
                      help="text for a terminal; mermaid or dot (Graphviz) for a picture")
    smap.add_argument("--only", action="append", default=[], metavar="DECK", help="map only this deck (repeatable)")
    smap.set_defaults(func=cmd_map)
