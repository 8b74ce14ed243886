"""The bodies of `friendship-pass report` and `friendship-pass class-report` (cli.py only registers them).

Everything they print to a terminal is made safe first: Markdown documents by the renderers, messages
here with `game.textsafe.clean_line` (a file name or a damaged save cannot send escape codes).

A report is written in one language: the one asked for (`--lang`, `$FRIENDSHIP_PASS_LANG`), else, for one
game's debrief, the language the game was played in, else English. The game is replayed in that language,
so cards, talks and endings read in it too (English where a text has no translation).
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.content.compiled import Content
from game.errors import FriendshipPassError
from game.i18n import _, check_language, use_language
from game.report.classdb_source import is_class_db, load_class_db
from game.report.debrief import gather
from game.report.html import debrief_html
from game.report.html_class import class_html
from game.report.load import Duplicate, LoadedGame, load_class, load_game, one_line, resolve
from game.report.markdown import class_markdown, debrief_markdown
from game.report.summary import summarise
from game.saves import SaveStore


def output_format(fmt: str | None, out: Path | None) -> str:
    """The format asked for, else guessed from the output file's name (.html/.htm), else Markdown."""
    if fmt:
        return fmt
    return "html" if out is not None and out.suffix.lower() in (".html", ".htm") else "md"


def say(message: str) -> None:
    """One terminal-safe line on stderr."""
    print(one_line(message), file=sys.stderr)


def write_output(document: str, out: Path | None) -> None:
    """Write to `out` (reporting where on stderr), or to stdout."""
    if out is None:
        sys.stdout.write(document)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(document, encoding="utf-8")
    except OSError as exc:
        raise FriendshipPassError(_("could not write {path}: {error}").format(path=out,
                                                                              error=exc.strerror or exc)) from None
    say(_("wrote {path}").format(path=out))


def run_report(content: Content, save: str, saves_dir: Path | None, fmt: str | None, out: Path | None,
               lang: str | None = None) -> int:
    """One game's debrief: `save` is a slot name in the saves folder or a path to a .json save; in `lang`
    (None: the language the game was played in). A save that cannot be used gives one line on stderr and
    exit status 2."""
    try:
        path = resolve(SaveStore(saves_dir), save)
        loaded = load_game(content, path, lang=None if lang is None else check_language(lang))
        with use_language(loaded.game.lang):
            debrief = gather(loaded.game, loaded.name, loaded.notes, ai_replies=loaded.ai_replies)
            kind = output_format(fmt, out)
            write_output(debrief_html(debrief) if kind == "html" else debrief_markdown(debrief), out)
    except FriendshipPassError as exc:
        say(f"friendship-pass: {exc}")
        return 2
    return 0


def run_class_report(content: Content, paths: list[Path | str], fmt: str | None, out: Path | None,
                     lang: str = "en", compare: str | None = None, class_code: str | None = None) -> int:
    """The class summary of every save under `paths` (save files, folders of saves, class databases or class
    folders holding one), in `lang` (with `compare`, each card's title and choices in that language too); exit 0
    if at least one game was read, else 2. Each file that could not be used, and each identical copy, gets one
    line on stderr."""
    with use_language(check_language(lang)):
        databases = [p for p in paths if isinstance(p, str) or is_class_db(p)]  # a str is a postgresql:// URL
        files = [p for p in paths if isinstance(p, Path) and p not in databases]
        games: list[LoadedGame] = []
        problems: list[tuple[str, str]] = []
        for target in databases:
            try:
                loaded, skipped, _code = load_class_db(content, target, class_code)
            except FriendshipPassError as exc:
                say(f"friendship-pass: {exc}")
                return 2
            for g in loaded:  # replayed in the report's language, as save files are
                g.game.use_language(lang)
            games += loaded
            problems += skipped
        duplicates: list[Duplicate] = []
        if files:
            found, duplicates, more = load_class(content, files, lang)
            games += found
            problems += more
        summary = summarise(content, games, duplicates, problems, check_language(compare) if compare else "")
        if databases:
            summary.read_from = "both" if files else "db"
        kind = output_format(fmt, out)
        try:
            write_output(class_html(summary) if kind == "html" else class_markdown(summary), out)
        except FriendshipPassError as exc:
            say(f"friendship-pass: {exc}")
            return 2
        for path, problem in summary.problems:
            say(_("skipped {path}: {problem}").format(path=path, problem=problem))
        for dup in summary.duplicates:
            say(_("counted once: {path} is an identical copy of {original}").format(path=dup.path,
                                                                                   original=dup.same_as))
    return 0 if summary.games else 2
