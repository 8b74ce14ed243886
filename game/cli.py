"""Command-line entry points: play, serve, validate, schema, simulate."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from game import __version__
from game.errors import ContentError, FriendshipPassError

if TYPE_CHECKING:
    from game.content.compiled import Content
    from game.engine.game import Game


def _content(args: argparse.Namespace, cached: bool = False, apart: bool = False) -> Content:
    """The decks the command names. `cached`: for playing, from the compiled-content cache when nothing
    changed since it was written (see game.content.cache), built by another process if `apart` (the
    full-screen game keeps its memory small); every other command checks the files afresh."""
    decks, solo = [Path(p) for p in args.deck], getattr(args, "role", None)
    if cached:
        from game.content.cache import load_cached

        return load_cached(args.content, decks, solo=solo, apart=apart)
    from game.content import load_content

    return load_content(args.content, decks, solo=solo)


def _language(value: str) -> str:
    """--lang: one of the game's languages, or a clear error (argparse exits with status 2)."""
    from game.i18n import LANGUAGES

    if value not in LANGUAGES:
        raise argparse.ArgumentTypeError(f"the game has no language {value!r}; choose one of "
                                         + ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items()))
    return value


_OWN_LANG = ("validate", "translate")  # commands whose --lang means "the language to check / to write"


def _common(p: argparse.ArgumentParser) -> None:
    if p.prog.split()[-1] not in _OWN_LANG:
        p.add_argument("--lang", dest="ui_lang", type=_language, default=None, metavar="LANG",
                       help="language of the game and its messages: en, zh (中文) or vi (Tiếng Việt) (default: "
                       "$FRIENDSHIP_PASS_LANG, else the language a saved game was played in, else English)")
    p.add_argument("--content", type=Path, default=None, help="content folder (default: the shipped content/)")
    p.add_argument("--deck", action="append", default=[], metavar="PATH",
                   help="add a content file or a folder of them: decks, negotiations, glossary terms, sources, "
                   "characters (repeatable)")
    p.add_argument("--pack", action="append", default=[], metavar="DIR",
                   help="add a pack: a folder with a pack.yaml manifest and its content files (repeatable)")
    p.add_argument("--role", default=None, metavar="ROLE", help="the solo game of another role, e.g. agency_owner "
                   "(content/roles/ROLE/; its saves go in a ROLE/ folder inside the saves folder)")


def _packs(args: argparse.Namespace) -> None:
    """--pack folders join --deck paths, once each is checked to be a pack."""
    for pack in getattr(args, "pack", []):
        from game.packs import manifest_problem  # only with packs: it reads YAML, which a plain start never needs

        problem = manifest_problem(Path(pack))
        if problem:
            raise FriendshipPassError(problem)
    if hasattr(args, "deck"):
        args.deck = [*args.deck, *getattr(args, "pack", [])]
    if getattr(args, "role", None) and hasattr(args, "saves"):  # a solo game's saves stay apart from the bureau's
        from game.saves import default_save_dir

        args.saves = (args.saves or default_save_dir()) / args.role


def _plain_wanted(args: argparse.Namespace) -> bool:
    # Under `serve` stdin/stdout are pipes to textual-serve, but the full-screen game is wanted.
    served = args.session_saves is not None or args.class_db is not None
    return bool(args.plain or not (served or (sys.stdin.isatty() and sys.stdout.isatty())))


def _play_setup(args: argparse.Namespace, plain: bool) -> tuple[Content, Any, Any, str]:
    """Content, save store, the game the options ask for (or None: the title screen) and the preview."""
    from game.engine.game import Game
    from game.saves import AUTOSAVE, SaveStore

    if (args.force or args.set) and not args.dev:
        raise FriendshipPassError("--force and --set are author tools: add --dev (the save is then marked as a "
                                  "game played with author tools)")
    content = _content(args, cached=True, apart=not plain)
    if args.session_saves is not None:  # one browser tab of `serve`: a fresh folder of its own
        from game.serve import new_session_folder

        store = SaveStore(new_session_folder(args.session_saves))
    else:
        store = SaveStore(args.saves)
    game: Game | None = None
    if args.load:
        game = store.load(content, Path(args.load) if args.load.endswith(".json") else args.load)
        if args.rewind:
            from game.engine.replay import rewind

            game = rewind(game, args.rewind)
    elif args.continue_:
        game = store.load(content, AUTOSAVE)
    elif plain or args.seed is not None or args.class_code or args.hotseat or args.roles or args.force or args.set:
        seed, preview = args.seed, args.preview
        if args.class_code:
            from game.classroom import read_code

            seed, preview = read_code(content, args.class_code)
        if seed is None:
            import secrets

            seed = secrets.randbelow(1_000_000)
        seed = int(seed) if isinstance(seed, str) and seed.isdigit() else seed
        hotseat: str | list[str] = "all" if args.hotseat == "all" else [
            h for h in (args.hotseat or "").split(",") if h]
        options: dict[str, object] = {"preview": preview or "meters", "hotseat": hotseat}
        if args.roles:  # hot seat by role: the cards these roles open wait for their player, and their talks too
            options["roles"] = "all" if args.roles == "all" else _role_ids(content, args.roles)
        if args.class_code:  # the whole class meets the same cards each month, whatever each student chooses
            from game.classroom import split_language

            options.update(class_code=split_language(args.class_code)[0].strip().upper(), shared_hands=True)
        if args.dev:
            options["dev"] = True  # the save says so, and the debrief notes it
        game = Game.new(content, seed=seed, options=options)
    if game is not None and (args.force or args.set):
        from game.authoring.devtools import apply_dev

        for line in apply_dev(game, args.force, args.set):
            print(line, file=sys.stderr)
    preview = args.preview or (game.options.get("preview", "meters") if game else "meters")
    return content, store, game, preview


def _role_ids(content: Content, given: str) -> list[str]:
    """The roles named on the command line, each checked against the content's roles."""
    roles = [r.strip() for r in given.split(",") if r.strip()]
    unknown = [r for r in roles if r not in content.roles]
    if unknown:
        known = ", ".join(r for r, rule in content.roles.items() if not rule.model.player) or "none"
        raise FriendshipPassError(f"--roles: there is no role '{unknown[0]}' (roles: {known}, or all)")
    return roles


def _use_language(args: argparse.Namespace, game: Any) -> None:
    """The game speaks the language asked for (--lang, $FRIENDSHIP_PASS_LANG), else the one it was saved in
    (a new game: English); the interface follows it."""
    from game.i18n import set_language

    wanted = getattr(args, "ui_lang", None)
    if game is not None:
        if wanted:
            game.use_language(wanted)
        set_language(game.lang)


def _class_session(args: argparse.Namespace) -> Any:
    """One browser tab of a class server: the content, and a link to the class database (a session row)."""
    from game.saves import default_save_dir
    from game.server.student import ClassLink, StudentSaves
    from game.ui.app import Session

    content = _content(args, cached=True, apart=True)
    target = str(args.class_db)  # a file path, or a postgresql:// URL (kept as typed)
    folder = args.saves or (Path(target).parent if "://" not in target else default_save_dir())
    link = ClassLink(target, content, folder, args.class_code)
    if args.class_code:
        link.check_code(args.class_code)  # the server checked it; a hand-typed command gets the message here
    return Session(content, StudentSaves(link), None, "meters", None, link)


def cmd_play(args: argparse.Namespace) -> int:
    plain = _plain_wanted(args)
    if args.class_db is not None:
        if plain:
            from game.i18n import _

            raise FriendshipPassError(_("--class-db is for the browser game that `serve` starts; in a terminal, "
                                        "play with --class CODE"))
        from game.ui.app import run_app

        return run_app(loader=lambda: _class_session(args), join=(args.class_code or "").strip().upper(),
                       lang=args.ui_lang)
    if plain:
        _loaded, store, game, preview = _play_setup(args, plain)
        from game.i18n import _
        from game.plain import PlainGame

        assert game is not None
        _use_language(args, game)
        print(_("Seed {seed} (share it, or a class code, so others get the same cards).").format(seed=game.seed))
        before_month: Callable[[Game], Game] | None = None
        if args.dev:
            from game.hotreload import DeckWatcher

            watcher = DeckWatcher(args.content, [Path(p) for p in args.deck])

            def reload(g: Game) -> Game:
                return watcher.reload(g, print)

            before_month = reload

        return PlainGame(game, store, preview=preview, before_month=before_month).run()
    from game.ui.app import Session, run_app

    def load() -> Session:
        """Run behind the title screen: everything the game needs, or the error that stops it."""
        content, store, game, preview = _play_setup(args, plain)
        _use_language(args, game)
        watcher = None
        if args.dev:
            from game.hotreload import DeckWatcher

            watcher = DeckWatcher(args.content, [Path(p) for p in args.deck])
        return Session(content, store, game, preview, watcher)

    return run_app(loader=load, lang=args.ui_lang)


def cmd_serve(args: argparse.Namespace) -> int:
    from game.serve import serve

    content = _content(args, cached=True)  # refuse broken decks here, once, rather than in every student's tab
    return serve(args, content)


def cmd_class_code(args: argparse.Namespace) -> int:
    import secrets

    from game.classroom import make_code
    from game.i18n import _

    content = _content(args)
    seed = secrets.randbelow(32 ** 5) if args.seed is None else int(args.seed) if args.seed.isdigit() else args.seed
    code = make_code(content, seed, args.preview, args.ui_lang)
    print(code)
    decks = "".join(f" --deck {d}" for d in args.deck)
    print(_("A browser class:      {command}   (students open the address it prints and type their name)").format(
        command=f"friendship-pass serve --class {code}{decks}"), file=sys.stderr)
    print(_("Installed copies:     {command}").format(command=f"friendship-pass play --class {code}{decks}"),
          file=sys.stderr)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.content.loader import default_content_dir, load_partial
    from game.content.schema import write_project_schemas, write_schemas

    folder = args.out or (default_content_dir() / "schemas")
    if args.deck and args.out is None:  # an author's pack: the schemas go beside it
        first = Path(args.deck[0])
        folder = (first if first.is_dir() else first.parent) / "schemas"
    for path in write_schemas(folder):
        print(f"wrote {path}")
    content, problems = load_partial(args.content, [Path(p) for p in args.deck])
    if content is None:
        raise ContentError(problems)
    for path in write_project_schemas(folder / "project", content):
        print(f"wrote {path}")
    if problems:
        print(f"({sum(p.severity == 'error' for p in problems)} error(s) in the content: the project schema names "
              "only what loaded; run validate)", file=sys.stderr)
    print(f"Editors: start a deck with  # yaml-language-server: $schema=<path to {folder / 'project'}>/deck.schema.json"
          "  (a path relative to the deck)")
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.sim import STRATEGIES, simulate_parallel
    from game.sim_report import format_reports

    content = _content(args)
    names = list(STRATEGIES) if args.strategy == "all" else args.strategy.split(",")
    unknown = [n for n in names if n not in STRATEGIES]
    if unknown:
        raise FriendshipPassError(f"unknown strategy '{unknown[0]}'; choose from {', '.join(STRATEGIES)} or all")
    reports = []
    for name in names:
        progress = None
        if sys.stderr.isatty():
            def progress(done: int, name: str = name) -> None:
                if done % 25 == 0 or done == args.runs:
                    bar = "█" * (30 * done // args.runs)
                    end = "\n" if done == args.runs else ""
                    print(f"\r{name:<18} {bar:<30} {done}/{args.runs}", end=end, file=sys.stderr, flush=True)
        reports.append(simulate_parallel(content, args.content, [Path(p) for p in args.deck], args.runs,
                                         args.seed, name, args.jobs, progress))
    from game.authoring.tuning import card_stats, card_table, summary

    own = _pack_cards(args, content)
    cards = own if own is not None and (args.only_pack or not args.per_card) else list(content.events)
    stats = card_stats(reports, content, cards) if (args.per_card or own is not None) else {}
    if args.json:
        data = [r.to_dict(content) for r in reports]
        if args.only_pack and own is not None:
            for d in data:
                for key in ("never_drawn", "choices_never_taken"):
                    d[key] = [c for c in d[key] if c.split("#")[0] in own]
        if stats:
            for d in data:
                d["cards"] = stats
        print(json.dumps(data[0] if len(data) == 1 else data, indent=2, ensure_ascii=False))
    elif args.history:
        from game.history import evaluate, format_table

        for report in reports:
            print(format_table(evaluate(content, report.history), report.runs, report.strategy))
    else:
        text = format_reports(reports, content)
        if args.only_pack and own is not None:  # coverage of the pack's cards only, below
            text = text.split("Coverage over all")[0].rstrip()
        print(text)
        strategies = [r.strategy for r in reports]
        if args.per_card:
            print()
            print(card_table(stats, strategies, sum(r.runs for r in reports)))
        elif stats:
            print()
            print(summary(stats, strategies))
    if args.history:
        from game.history import evaluate

        return 1 if any(not r.ok for report in reports for r in evaluate(content, report.history)) else 0
    return 0


def _pack_cards(args: argparse.Namespace, content: Content) -> list[str] | None:
    """The cards that come from --deck/--pack files, in file order (None without them)."""
    if not args.deck:
        return None
    from game.content.loader import deck_files
    from game.packs import shown

    files = {shown(p) for p in deck_files([Path(d) for d in args.deck])}
    return [e for e, ev in content.events.items() if ev.origin in files]


def cmd_report(args: argparse.Namespace) -> int:
    from game.report.commands import run_report

    return run_report(_content(args), args.save, args.saves, args.format, args.out, args.ui_lang)


def cmd_handouts(args: argparse.Namespace) -> int:
    from game.handouts import write_handouts
    from game.i18n import check_language

    content = _content(args)
    code = ""
    if args.class_code:
        from game.classroom import read_code

        read_code(content, args.class_code)  # a typo or other decks: refused here, not found in class
        code = args.class_code.strip().upper()
    if not content.roles:
        raise FriendshipPassError("these decks have no roles (content/roles/*.yaml): there is nothing to hand out")
    path = write_handouts(content, args.format, args.out, code, check_language(args.ui_lang or "en"), args.paper)
    if path is not None:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def cmd_class_report(args: argparse.Namespace) -> int:
    from game.report.commands import run_class_report

    paths: list[Any] = [p if p.startswith(("postgresql://", "postgres://")) else Path(p) for p in args.paths]
    return run_class_report(_content(args), paths, args.format, args.out, args.ui_lang or "en", args.compare,
                            args.class_code)


def build_parser(play_only: bool = False) -> argparse.ArgumentParser:
    """The command line. `play_only` leaves out the other commands (their modules load the decks at
    import, which would keep the title screen waiting)."""
    parser = argparse.ArgumentParser(prog="friendship-pass", description="Friendship Pass: run the Pingxiang "
                                     "guestworker pilot, 2017–2020. With no command, starts the game.")
    parser.add_argument("--version", action="version", version=f"friendship-pass {__version__}")
    sub = parser.add_subparsers(dest="command")
    _play_parser(sub)
    if play_only:
        return parser
    _other_parsers(sub)
    return parser


def _play_parser(sub: Any) -> None:
    play = sub.add_parser("play", help="play the game (the default)")
    _common(play)
    play.add_argument("--plain", action="store_true", help="line-by-line mode for screen readers and scripts")
    play.add_argument("--seed", default=None, help="the same seed gives the same cards (share it with a class)")
    play.add_argument("--preview", choices=["hidden", "meters", "full"], default=None,
                      help="how much a choice shows before you take it (default: meters)")
    play.add_argument("--class", dest="class_code", metavar="CODE",
                      help="a class code from your teacher (fixes seed, preview and decks)")
    play.add_argument("--hotseat", metavar="IDS", help="a second player answers for these negotiation "
                      "counterparts (comma-separated ids, or all)")
    play.add_argument("--roles", metavar="IDS", help="hot seat by role: players at this keyboard hold these roles "
                      "(comma-separated ids such as agency_owner,nia_liaison, or all); a card a role opens waits "
                      "for its player, who sees the role's brief and the AI's suggestion")
    play.add_argument("--dev", action="store_true", help="for deck authors: reload changed decks between "
                      "months in plain mode (errors are reported; the game goes on), and allow --force and --set")
    play.add_argument("--force", action="append", default=[], metavar="CARD",
                      help="with --dev: deal this card next month (repeatable)")
    play.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                      help="with --dev: start with a meter, counter, flag (on/off) or policy set, e.g. "
                      "--set security=30 --set clinic_open=on --set tracking_app=on (repeatable)")
    play.add_argument("--load", metavar="SLOT", help="continue a named save (or a .json file)")
    play.add_argument("--rewind", type=int, metavar="MONTH", help="with --load: replay that game up to month "
                      "N (1-30) and choose differently from there; the debrief notes where it diverged")
    play.add_argument("--continue", dest="continue_", action="store_true", help="continue the autosave")
    play.add_argument("--saves", type=Path, default=None, help="folder for saves (default: saves/)")
    play.add_argument("--session-saves", type=Path, default=None, metavar="ROOT",
                      help="save in a new folder ROOT/session-YYYYMMDD-HHMMSS-<random> made for this game "
                      "(used by serve: one per browser tab; overrides --saves)")
    play.add_argument("--class-db", default=None, metavar="DB",
                      help="used by serve: join a class by name in the class database DB (with --class, that class) "
                      "and play the student's class game")
    play.set_defaults(func=cmd_play)


def _other_parsers(sub: Any) -> None:
    srv = sub.add_parser("serve", help="serve a class in web browsers: students join by name, a teacher console "
                         "follows them live",
                         description="Serve the game to a browser class. Each student opens the printed address, "
                         "types their name (and the class code unless --class gives it) and plays their own game; "
                         "the same name resumes it after a reload. The class's games live in one database "
                         "(SAVES/class.db). The teacher console, at the printed teacher address (it holds a secret "
                         "key), shows every student live, holds the class at a month, pushes a card or a message, "
                         "ends the lesson and exports the class as CSV and as the class report.")
    _common(srv)
    srv.add_argument("--class", dest="class_code", metavar="CODE", default=None,
                     help="the class code every student joins (from `friendship-pass class-code`); without it, "
                     "students type one")
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0 opens it "
                     "to the room's network)")
    srv.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    srv.add_argument("--saves", type=Path, default=None,
                     help="the class folder: the class database class.db and students' named saves "
                     "(default: saves/)")
    srv.add_argument("--db", default=None, metavar="URL",
                     help="a postgresql:// URL instead of SAVES/class.db, so several serve hosts share one class "
                     "(see docs/teaching.md; not tested)")
    srv.add_argument("--max-sessions", type=int, default=60, metavar="N",
                     help="at most N game tabs at once; the next ones see a 'class is full' page (default: 60)")
    srv.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                     help="another host name the server may be reached by (e.g. a DNS name); the printed "
                     "addresses are always allowed (repeatable)")
    srv.add_argument("--token", default=None, help="the teacher console's key (default: a new random one)")
    srv.set_defaults(func=cmd_serve)

    from game.authoring.commands import register

    register(sub, _common)

    cc = sub.add_parser("class-code", help="make a short code that gives a whole class the same game")
    _common(cc)
    cc.add_argument("--seed", default=None, help="seed (default: a random one)")
    cc.add_argument("--preview", choices=["hidden", "meters", "full"], default="meters")
    cc.set_defaults(func=cmd_class_code)

    sch = sub.add_parser("schema", help="write JSON Schemas for decks, scenario and negotiations, and project "
                         "schemas that know this content's names",
                         description="Write the JSON Schemas editors use: the shapes of every content file, and in "
                         "project/ the same with the names this content and the given packs define (meters, "
                         "counters, flags, policies, cards, negotiations, sources) as lists to complete and check.")
    _common(sch)
    sch.add_argument("--out", type=Path, default=None, help="folder (default: content/schemas, or with --deck a "
                     "schemas/ folder beside the first pack)")
    sch.set_defaults(func=cmd_schema)

    sim = sub.add_parser("simulate", help="play many games headless and report endings and coverage")
    _common(sim)
    sim.add_argument("--runs", type=int, default=1000)
    sim.add_argument("--seed", type=int, default=0)
    sim.add_argument("--strategy", default="random", help="random, security-first, development-first, "
                     "balanced, careful, historical, a comma-separated list, or all")
    sim.add_argument("--jobs", type=int, default=1, help="processes to use (e.g. 2 on a two-core machine)")
    sim.add_argument("--json", action="store_true", help="machine-readable output (with --deck or --per-card, "
                     "a 'cards' table too)")
    sim.add_argument("--per-card", action="store_true", help="a table of every card (with --deck: of the pack's "
                     "cards): share of games drawn in, draws per game, months (p10/p50/p90), each choice's take "
                     "rate per strategy, and how often its flags are set and read")
    sim.add_argument("--only-pack", action="store_true", help="with --deck/--pack: coverage and tables for the "
                     "pack's own cards only, not the shipped ones")
    sim.add_argument("--history", action="store_true", help="compare the games with the figures the sources report "
                     "(the scenario's history table); exit 1 if any is outside its band. Use with --strategy "
                     "historical")
    sim.set_defaults(func=cmd_simulate)

    rep = sub.add_parser("report", help="debrief of one game: ending, meter chart, decisions, talks, sources")
    _common(rep)
    rep.add_argument("save", metavar="SAVE", help="a save name in the saves folder, or a path to a .json save")
    rep.add_argument("--format", choices=["md", "html"], default=None,
                     help="Markdown or one self-contained HTML page (default: from --out's name, else md)")
    rep.add_argument("--out", type=Path, default=None, metavar="FILE", help="write here (default: print)")
    rep.add_argument("--saves", type=Path, default=None, help="folder for saves (default: saves/)")
    rep.set_defaults(func=cmd_report)

    hand = sub.add_parser("handouts", help="role sheets for a role-play lesson (one page per role) and a teacher "
                          "sheet, as Markdown or printable HTML")
    _common(hand)
    hand.add_argument("--class", dest="class_code", metavar="CODE", help="the class code, printed on every sheet")
    hand.add_argument("--format", choices=["md", "html"], default="html", help="Markdown or printable HTML (default)")
    hand.add_argument("--paper", choices=["a4", "letter"], default="a4", help="page size for printing (default a4)")
    hand.add_argument("--out", type=Path, default=None, metavar="DIR",
                      help="write handouts.html or handouts.md into this folder (default: print)")
    hand.set_defaults(func=cmd_handouts)

    crep = sub.add_parser("class-report", help="summary of a class's saves: endings, splits, average meters")
    _common(crep)
    crep.add_argument("paths", nargs="+", metavar="PATH", help="save files, folders of saves, or the "
                      "class database of a browser class (class.db, or the class folder that holds it)")
    crep.add_argument("--class", dest="class_code", metavar="CODE", default=None,
                      help="with a class database that holds several classes: the class to report")
    crep.add_argument("--format", choices=["md", "html"], default=None,
                      help="Markdown or one self-contained HTML page (default: from --out's name, else md)")
    crep.add_argument("--out", type=Path, default=None, metavar="FILE", help="write here (default: print)")
    crep.add_argument("--compare", type=_language, default=None, metavar="LANG",
                      help="also show each card's title and choices in this language, side by side with --lang's "
                      "(e.g. --lang zh --compare vi: what each side of the border calls them)")
    crep.set_defaults(func=cmd_class_report)


def _exit_now(code: int) -> NoReturn:
    """`validate` has written everything: leave without taking the process apart object by object. After a
    10,000-card deck, freeing what it built one object at a time and the interpreter's own clean-up took
    ~0.2 s; the operating system frees it all at once. (mypy ends the same way.) Only when run as the
    program itself, where nothing else runs after the command."""
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # as below: output piped into `head` and the like
        code = 0
    except OSError:  # e.g. a full disk: as Python itself ends when it cannot flush its output
        code = 120
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    program = argv is None  # run as the program itself (not called from Python, as the tests do)
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # answered before anything heavy is imported
        print(f"friendship-pass {__version__}")
        return 0
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["play", *argv]
    one_shot = program and argv[0] == "validate"
    ahead = None
    if one_shot:  # its decks parse on a second core while the rest starts up
        from game.authoring.ahead import read_ahead

        ahead = read_ahead(argv)
    parser = build_parser(play_only=argv[0] == "play")
    args = parser.parse_args(argv)
    args.elsewhere = ahead
    try:
        from game.i18n import env_language, set_language

        if hasattr(args, "ui_lang") and args.ui_lang is None:
            args.ui_lang = env_language()
        if hasattr(args, "ui_lang") and args.ui_lang is None and getattr(args, "class_code", None):
            from game.classroom import code_language

            args.ui_lang = code_language(args.class_code)  # a class code may carry the teacher's language
        if getattr(args, "ui_lang", None):
            set_language(args.ui_lang)
        _packs(args)
        args.one_shot = one_shot
        code = int(args.func(args))
        if args.one_shot:
            _exit_now(code)
        return code
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.severity == "error" for p in exc.problems)
        print(f"{errors} error(s); nothing was loaded.", file=sys.stderr)
        return 2
    except FriendshipPassError as exc:
        print(f"friendship-pass: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
