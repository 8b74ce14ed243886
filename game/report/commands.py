"""The bodies of `friendship-pass report` and `friendship-pass class-report` (cli.py only registers them)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.content.compiled import Content
from game.errors import FriendshipPassError
from game.report.debrief import gather
from game.report.html import class_html, debrief_html
from game.report.load import load_save, resolve
from game.report.markdown import class_markdown, debrief_markdown
from game.report.summary import class_summary
from game.saves import SaveStore


def output_format(fmt: str | None, out: Path | None) -> str:
    """The format asked for, else guessed from the output file's name (.html/.htm), else Markdown."""
    if fmt:
        return fmt
    return "html" if out is not None and out.suffix.lower() in (".html", ".htm") else "md"


def write_output(document: str, out: Path | None) -> None:
    """Write to `out` (reporting where on stderr), or to stdout."""
    if out is None:
        sys.stdout.write(document)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(document, encoding="utf-8")
    except OSError as exc:
        raise FriendshipPassError(f"could not write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out}", file=sys.stderr)


def run_report(content: Content, save: str, saves_dir: Path | None, fmt: str | None, out: Path | None) -> int:
    """One game's debrief: `save` is a slot name in the saves folder or a path to a .json save."""
    path = resolve(SaveStore(saves_dir), save)
    loaded = load_save(content, path)
    debrief = gather(content, loaded.state, loaded.name, loaded.notes)
    kind = output_format(fmt, out)
    write_output(debrief_html(debrief) if kind == "html" else debrief_markdown(debrief), out)
    return 0


def run_class_report(content: Content, paths: list[Path], fmt: str | None, out: Path | None) -> int:
    """The class summary of every save under `paths`; exit 0 if at least one game was read, else 2."""
    summary = class_summary(content, paths)
    kind = output_format(fmt, out)
    write_output(class_html(summary) if kind == "html" else class_markdown(summary), out)
    for path, problem in summary.problems:
        print(f"skipped {path}: {problem}", file=sys.stderr)
    return 0 if summary.games else 2
