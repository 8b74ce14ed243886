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
from game.content.i18n import LANGUAGES
from game.content.loader import deck_files, default_content_dir, load_partial, shown
from game.content.paths import DEFAULT_CONTENT
from game.content.yamlsafe import YamlDoc, gc_paused
from game.errors import ContentError, FriendshipPassError, Problem, order
from game.packs import solo_folder

Common = Callable[[argparse.ArgumentParser], None]


def _root(args: argparse.Namespace) -> Path:
    return Path(args.content) if args.content is not None else default_content_dir()


def _extra_files(args: argparse.Namespace) -> set[str]:
    """The added deck files as problems name them."""
    return {shown(p) for p in deck_files([Path(d) for d in args.deck])}


_KEPT_TO_THE_END: list[object] = []


def _as_json(problem: Problem) -> dict[str, Any]:
    return {"path": problem.path, "line": problem.line, "column": problem.column, "message": problem.message}


def cmd_validate(args: argparse.Namespace) -> int:
    """The bureau's game (or with --role, that role's solo game); without --role, --deck or --json, every solo
    game too, each with its own summary line."""
    from game.packs import solo_roles

    role = getattr(args, "role", None)
    with gc_paused():  # a one-shot command that builds many objects and no cycles
        code = _validate(args, role)
        if role is None and not args.deck and not args.json:
            for solo in solo_roles(_root(args)):
                print(f"Solo game of the role '{solo}' (play --role {solo}):", file=sys.stderr)
                code = max(code, _validate(args, solo))
        return code


def _validate(args: argparse.Namespace, solo: str | None = None) -> int:
    from game.authoring.checks import LOCKED_TEXT
    from game.authoring.links import remembered
    from game.authoring.lint import lint
    from game.authoring.sources import check_quotes, source_dirs

    docs: dict[str, YamlDoc] = {}
    content, problems = load_partial(args.content, [Path(p) for p in args.deck], docs, solo=solo,
                                     elsewhere=getattr(args, "elsewhere", None))
    if getattr(args, "one_shot", False):  # the process ends right after (see cli._exit_now): don't free it first
        _KEPT_TO_THE_END.append((content, docs))
    only = _extra_files(args) if args.deck else None
    scenario = _root(args) / "scenario.yaml" if solo is None else solo_folder(_root(args), solo) / "scenario.yaml"
    with remembered(docs):
        everything = lint(content, shown(scenario), fork=True) if content is not None else []
    quotes: dict[str, int] = {}
    if not args.no_sources:
        found, quotes = check_quotes(docs, source_dirs(_root(args), [Path(d) for d in args.sources]))
        everything += found
    if args.strict:  # players would see the condition itself: under --strict that is an error
        everything = [Problem(w.path, w.line, w.column, w.message) if LOCKED_TEXT in w.message else w
                      for w in everything]
    langs = ""
    lang_problems: set[Problem] = set()
    if args.lang and args.lang != "en":
        from game.authoring.translations import coverage

        covered = coverage(docs, args.lang, args.strict)
        lang_problems = {p for c in covered for p in c.missing}
        everything += [p for c in covered for p in c.missing]
        total, done = sum(c.total for c in covered), sum(c.done for c in covered)
        langs = f"; {args.lang}: {done:,} of {total:,} texts translated ({done / max(total, 1):.1%})"
        if args.stats:
            for c in covered:
                print(f"  {c.path}: {c.done}/{c.total} ({c.share:.0%}) {args.lang}", file=sys.stderr)
    shown_here = [w for w in everything if only is None or w.path in only or w.severity == "error"]
    hidden = len(everything) - len(shown_here)
    every = sorted(set(problems) | set(shown_here), key=order)
    errors = [p for p in every if p.severity == "error"]
    warnings = [p for p in every if p.severity != "error"]
    if args.json:
        print(json.dumps({"errors": [_as_json(p) for p in errors], "warnings": [_as_json(w) for w in warnings]},
                         indent=2, ensure_ascii=False))
    else:
        for problem in every:
            print(problem, file=sys.stderr)
        tail = (f", {len(warnings)} warning(s)" if warnings else "") + langs
        if hidden:
            tail += f" ({hidden} more in the rest of the content: run validate without --deck to see them)"
        if quotes.get("sources"):
            tail += f"; {quotes['quotes']} quotes checked against {quotes['sources']} source texts"
        elif quotes.get("missing"):
            tail += (f"; quotes not checked: {quotes['missing']} source text(s) not found (--sources DIR, or "
                     "$FRIENDSHIP_PASS_SOURCES)")
        if errors:
            untranslated = sum(1 for p in errors if p in lang_problems)
            if untranslated == len(errors):
                print(f"{len(errors)} error(s){tail}: the {args.lang} translation is not complete (--strict).",
                      file=sys.stderr)
            else:
                print(f"{len(errors)} error(s){tail}; nothing was loaded.", file=sys.stderr)
            return 2
        assert content is not None
        roles = f", {len(content.roles)} roles" if content.roles else ""
        print(f"OK: {len(content.events)} cards in {len(content.decks)} decks, {len(content.negotiations)} "
              f"negotiations{roles}, {len(content.glossary)} glossary terms ({len(content.files)} files checked)"
              f"{tail}")
        if args.stats:
            from game.authoring.checks import dilemma_warnings, voice_counts

            voices = voice_counts(content)
            total = sum(voices.values())
            print("Voices: " + ", ".join(f"{g} {n} ({n / total:.0%})" for g, n in voices.items()))
            _, free, choices = dilemma_warnings(content)
            print(f"Choices that cost nothing: {free} of {choices} ({free / max(choices, 1):.1%})")
    if errors:
        return 2
    return 1 if args.strict and warnings else 0


def cmd_translate(args: argparse.Namespace) -> int:
    from game.authoring.translations import update_catalogs

    langs = args.lang or [lang for lang in LANGUAGES if lang != "en"]
    for up in update_catalogs(_root(args), langs):
        print(f"{shown(up.path)}: {up.translated}/{up.entries} translated"
              + (f", {up.fuzzy} to check (fuzzy)" if up.fuzzy else ""))
    return 0


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


def cmd_migrate(args: argparse.Namespace) -> int:
    """Rewrite files of earlier formats in the current one, keeping the original beside it as NAME.bak."""
    import yaml

    from game.content.migrate import migrate_text

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # our reader refuses aliases: write every value out
            return True

    from game.content.yamlsafe import read_yaml

    changed = 0
    for path in deck_files([Path(p) for p in args.paths]):
        doc = read_yaml(path, shown(path))
        if isinstance(doc, Problem) or doc.data is None:
            print(f"{doc if isinstance(doc, Problem) else shown(path)}: cannot be read; fix it first", file=sys.stderr)
            continue
        new = migrate_text(doc.data)
        if new is None:
            print(f"{shown(path)}: already in the current format")
            continue
        backup = path.with_name(path.name + ".bak")
        if backup.exists():
            raise FriendshipPassError(f"{shown(backup)} exists; move it away first (nothing was changed)")
        if args.dry_run:
            print(f"{shown(path)}: would be rewritten in the current format")
            continue
        original = path.read_bytes()
        backup.write_bytes(original)
        head = "".join(line + "\n" for line in doc.lines[:1] if line.startswith("# yaml-language-server"))
        path.write_text(head + "# Migrated to the current format by `friendship-pass migrate`; the original is "
                        f"{backup.name}.\n"
                        + yaml.dump(new, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100),
                        encoding="utf-8")
        changed += 1
        print(f"{shown(path)}: rewritten in the current format (the original is {shown(backup)})")
    if changed and not args.dry_run:
        print("Check the result: friendship-pass validate --deck " + " ".join(str(p) for p in args.paths))
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

    content = load_content(args.content, [Path(p) for p in args.deck], solo=getattr(args, "role", None))
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
    val.add_argument("--sources", action="append", default=[], metavar="DIR",
                     help="folder of source texts to check quotes against (default: $FRIENDSHIP_PASS_SOURCES, "
                     "content/sources/ or a shared/sources/ folder beside the project, when there is one)")
    val.add_argument("--no-sources", action="store_true", help="do not check quotes against the source texts")
    val.add_argument("--lang", choices=sorted(LANGUAGES), default=None,
                     help="also report every text not translated into this language (file:line) and the coverage; "
                     "with --strict, a missing translation is an error")
    val.set_defaults(func=cmd_validate)

    tr = sub.add_parser("translate", help="write or update the translation catalogs (.po) of the content",
                        description="Write one catalog per content file and language under content/locale/LANG/, "
                        "keeping every translation whose English is unchanged; a translation whose English changed "
                        "is kept but marked fuzzy (not shown) until a translator checks it. Edit the .po files "
                        "with any gettext tool (Poedit, Weblate) or a text editor, then run validate --lang LANG.")
    common(tr)
    tr.add_argument("action", choices=["update"], help="update: write or refresh the catalogs")
    tr.add_argument("--lang", action="append", choices=sorted(set(LANGUAGES) - {"en"}), default=[],
                    help="language to write (repeatable; default: every language the game has)")
    tr.set_defaults(func=cmd_translate)

    new = sub.add_parser("new-deck", help="write a commented starter deck NAME.yaml that validates",
                         description="Write NAME.yaml: two linked, cited cards to edit into your own deck.")
    common(new)
    new.add_argument("name", metavar="NAME", help="deck id: lower-case letters, digits and _, e.g. border_clinic")
    new.add_argument("--out", default=".", metavar="DIR", help="folder to write into (default: here)")
    new.set_defaults(func=cmd_new_deck)

    mig = sub.add_parser("migrate", help="rewrite content files of earlier formats in the current one (with a "
                         "backup)", description="Rewrite files written for earlier formats (e.g. first-format "
                         "negotiations with values/patience) in the current format. Each original is kept beside "
                         "it as NAME.yaml.bak. Earlier formats also load as they are; this makes the change lasting.")
    mig.add_argument("paths", nargs="+", metavar="PATH", help="files or pack folders")
    mig.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    mig.set_defaults(func=cmd_migrate)

    smap = sub.add_parser("map", help="show how cards chain through flags, follow-ups, months and negotiations",
                          description="Print the story map. With --deck, maps the added decks (and the cards "
                                      "their links reach); --only DECK maps one deck.")
    common(smap)
    smap.add_argument("--format", choices=FORMATS, default="text",
                      help="text for a terminal; mermaid or dot (Graphviz) for a picture")
    smap.add_argument("--only", action="append", default=[], metavar="DECK", help="map only this deck (repeatable)")
    smap.set_defaults(func=cmd_map)
