"""`friendship-pass serve`: a class in web browsers, with a teacher console.

Every browser tab runs its own game process, the command built by `play_command()`:
`python -m game play --class-db DB [--class CODE] --saves FOLDER ...`. The student types their name
(and the class code when the server has none); their game lives in the class database (FOLDER/class.db,
or a PostgreSQL URL given with --db), so a reload or another tab with the same name resumes it. The
server itself (game/server/web.py) adds the limits a class needs and the teacher console.
"""

from __future__ import annotations

import argparse
import shlex
import socket
import sys
from pathlib import Path

from game.content.compiled import Content
from game.errors import FriendshipPassError
from game.i18n import _, ngettext
from game.wrap import width

SESSION_PREFIX = "session-"


def new_session_folder(root: Path) -> Path:
    """Create and return a new, empty `root/session-YYYYMMDD-HHMMSS-<random>` folder (`play --session-saves`:
    a game with a saves folder of its own, as the earlier anonymous browser play had)."""
    import secrets
    import time

    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for _attempt in range(20):
        folder = root / f"{SESSION_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise OSError(f"could not make a new session folder in {root}")


def play_command(db_target: str, folder: Path, code: str | None, decks: list[Path] | None = None,
                 content: Path | None = None, lang: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab (paths made absolute). `lang`: the language
    the join screen starts in (the teacher's choice; each student may pick another there)."""
    argv = [sys.executable, "-m", "game", "play", "--class-db", db_target, "--saves", str(Path(folder).resolve())]
    if code:
        argv += ["--class", code]
    if lang:
        argv += ["--lang", lang]
    if content is not None:
        argv += ["--content", str(Path(content).resolve())]
    for deck in decks or []:
        argv += ["--deck", str(Path(deck).resolve())]
    return "exec " + shlex.join(argv)  # textual-serve runs it with /bin/sh -c: exec leaves one process, not two


def lan_addresses() -> list[str]:
    """This machine's likely address on the room's network (for the URL to give students)."""
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # UDP connect sends nothing; it only picks a route
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    return [a for i, a in enumerate(found) if a not in found[:i] and not a.startswith("127.")]


def urls(host: str, port: int) -> list[str]:
    """The URLs to open: loopback for this machine, the LAN address(es) when listening on all."""
    if host in ("0.0.0.0", "", "::"):
        return [f"http://127.0.0.1:{port}"] + [f"http://{a}:{port}" for a in lan_addresses()]
    shown = f"[{host}]" if ":" in host else host
    return [f"http://{shown}:{port}"]


def allowed_hosts(host: str, extra: list[str]) -> frozenset[str]:
    """The host names browsers may use to reach the server: what it printed, this machine's names, --allow-host."""
    names = {"localhost", "127.0.0.1", "::1", host.lower().strip("[]")}
    if host in ("0.0.0.0", "", "::"):
        names.update(lan_addresses())
        hostname = socket.gethostname().lower()
        names.update({hostname, f"{hostname}.local"})
    names.update(e.lower().strip("[]") for e in extra)
    return frozenset(n for n in names if n and n not in ("0.0.0.0", "::"))


def startup_text(code: str | None, port: int, addresses: list[str], teacher_url: str, target: str,
                 local_only: bool, max_sessions: int) -> str:
    """What `serve` prints when it starts, in the interface language: the addresses for students and the
    teacher, the class database and the limits. The labels' column is as wide as the widest label (in cells)."""
    labels = (_("Students open:"), _("Teacher console:"), _("Class database:"))
    column = max(width(label) for label in labels) + 4
    pad = " " * column

    def row(label: str, value: str) -> str:
        return "  " + label + " " * (column - 2 - width(label)) + value

    students = _("  or  ").join(addresses[1:] or addresses)
    lines = [_("Friendship Pass: class {code} on port {port}.").format(code=code, port=port) if code
             else _("Friendship Pass: a browser class on port {port}.").format(port=port),
             row(labels[0], students),
             pad + (_("and type their name.") if code else _("and type their name and the class code.")),
             row(labels[1], teacher_url),
             pad + _("(keep this address to yourself: it holds the teacher's key)"),
             row(labels[2], target)]
    if local_only:
        lines.append("  " + _("Only this computer can connect (--host 0.0.0.0 opens it to the room's network)."))
    limit = ngettext("At most {n} game at once. Press Ctrl+C to stop.",
                     "At most {n} games at once. Press Ctrl+C to stop.", max_sessions)
    lines.append("  " + limit.format(n=max_sessions))
    return "\n".join(lines)


def serve(args: argparse.Namespace, content: Content) -> int:
    """Check the class, open its database, print the addresses and serve until Ctrl+C."""
    from game.classdb import ClassDB, db_path
    from game.classroom import make_code, read_code, split_language
    from game.saves import default_save_dir
    from game.server.web import ClassServer, ServeConfig

    if args.max_sessions < 1:
        raise FriendshipPassError(_("--max-sessions must be at least 1"))
    folder = Path(args.saves or default_save_dir()).resolve()
    target = args.db or str(db_path(folder))
    code = None
    lang = getattr(args, "ui_lang", None)
    if args.class_code:
        seed, preview = read_code(content, args.class_code)
        code = make_code(content, seed, preview)
        lang = lang or split_language(args.class_code)[1]
    db = ClassDB(target, threads=True)  # a read-only or full class folder stops here, with a sentence
    if code:
        db.ensure_class(code, seed, preview, content.fingerprint)
    db.prune_sessions()
    decks = [Path(p) for p in args.deck]
    addresses = urls(args.host, args.port)
    config = ServeConfig(args.host, args.port, play_command(target, folder, code, decks, args.content, lang), target,
                         code,
                         max_sessions=args.max_sessions, allowed_hosts=allowed_hosts(args.host, args.allow_host),
                         student_urls=tuple(addresses))
    if args.token:
        config.token = args.token
    server = ClassServer(config, content, db)
    server.report_args = ([f"--content={Path(args.content).resolve()}"] if args.content else []) + [
        f"--deck={Path(d).resolve()}" for d in decks]
    print(startup_text(code, args.port, addresses, server.teacher_url(addresses[0]), target,
                       args.host in ("127.0.0.1", "localhost", "::1"), args.max_sessions), flush=True)
    try:
        server.serve()
    except OSError as exc:  # most often: the port is taken
        raise FriendshipPassError(_("cannot serve on {host}:{port}: {reason}").format(
            host=args.host, port=args.port, reason=exc.strerror or exc)) from None
    finally:
        db.close()
    return 0


__all__ = ["new_session_folder", "play_command", "serve", "startup_text", "urls"]
