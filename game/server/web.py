"""The class server: textual-serve's browser terminal, with the limits a class needs and the teacher console.

Routes (one aiohttp app, one process; each student tab's game is a process of its own):

    GET  /                      the game page (503 "the class is full" page when every place is taken)
    GET  /ws                    a tab's terminal: starts its game process (`play --class-db ...`)
    GET  /download/{key}        files a game delivers to its tab (the debrief)
    GET  /static/...            textual-serve's script and fonts (no directory listing)
    GET  /terminal.js           textual-serve's script with a terminal font list that names CJK fallbacks
    GET  /full                  the "class is full" page a tab is sent to when every place is taken
    GET  /teacher/{token}       the teacher console (see console.py); its data, actions and exports are
                                under the same path: state, hold, release, push, notice, end, export.csv,
                                report.html, debrief/{game}.html, save/{game}.json

Limits, because one laptop serves a whole class: at most `max_sessions` game processes (the others get
the full page), websocket and POST requests must come from a page this server served (Origin) and name
one of its addresses (Host: no DNS rebinding), terminal sizes are capped, messages are small, and the
access log is off (the teacher's terminal keeps the addresses in view). The teacher's token is compared
in constant time; a wrong one is a plain 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import signal
import socket
import sys
from dataclasses import dataclass, field
from html import escape
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server
from yarl import URL

from game.classdb import ClassDB, ClassDBError
from game.content.compiled import Content
from game.errors import FriendshipPassError
from game.i18n import _, language
from game.server.console import Console, ConsoleError, cards_of, page
from game.textsafe import clean

log = logging.getLogger("friendship-pass.serve")

MAX_COLS, MAX_ROWS = 300, 100  # a 4K projector at a small font fits; 20,000 × 20,000 does not reach a game
MIN_COLS, MIN_ROWS = 20, 8
MAX_MESSAGE = 64 * 1024  # one websocket message (keys typed, a resize) or one POST body
STOP_GRACE = 8.0  # seconds a game process has to save and leave once its tab is gone
PRUNE_SECONDS = 30.0
FONT_SIZES = (8, 48)
DEFAULT_MAX_SESSIONS = 60
# The terminal's fonts: textual-serve's own first, then narrow monospace fonts for the symbols Roboto Mono
# lacks (▲ ▼ “ ” would otherwise come from a CJK font, drawn two cells wide in a one-cell slot), then fonts
# with Chinese characters that a school computer may have, so 中文 never shows as boxes; monospace last.
NARROW_FONTS = "'DejaVu Sans Mono', 'Noto Sans Mono', 'Liberation Mono', Menlo, Consolas"
CJK_FONTS = ("'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Source Han Sans', "
             "'WenQuanYi Zen Hei Mono', 'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', 'Microsoft YaHei', "
             "'PingFang SC'")
TERMINAL_FONTS = f"'Roboto Mono', {NARROW_FONTS}, {CJK_FONTS}, Monaco, 'Courier New', monospace"
SERVE_FONTS = "'Roboto Mono', Monaco, 'Courier New', monospace"  # what textual-serve 1.1.3's script names
HTML_LANG = {"en": "en", "zh": "zh-Hans", "vi": "vi"}


def terminal_script(original: str) -> str:
    """textual-serve's script with our font list (unchanged if its font list is not where it was)."""
    js_fonts = TERMINAL_FONTS.replace('"', "")
    return original.replace(f'fontFamily:"{SERVE_FONTS}"', f'fontFamily:"{js_fonts}"', 1)


@dataclass
class ServeConfig:
    """Everything the class server needs besides the content."""

    host: str
    port: int
    command: str  # the shell command of one tab's game process
    db_target: str  # the class database: a file path, or a postgresql:// URL
    code: str | None  # the class: every student joins it (None: students type a code)
    token: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    max_sessions: int = DEFAULT_MAX_SESSIONS
    allowed_hosts: frozenset[str] = frozenset()  # host names the server answers to (lower case, no port)
    student_urls: tuple[str, ...] = ()


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size the game may be asked for: numbers only, within MIN..MAX."""
    def number(value: object, default: int) -> int:
        try:
            return int(str(value)[:6])
        except ValueError:
            return default

    return (min(MAX_COLS, max(MIN_COLS, number(width, 80))), min(MAX_ROWS, max(MIN_ROWS, number(height, 24))))


def host_name(host_header: str) -> str:
    """'Example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1'; '' when it cannot be read."""
    try:
        return (URL(f"http://{host_header}").host or "").lower().strip("[]")
    except ValueError:
        return ""


INDEX = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{static}css/xterm.css">
<script src="/terminal.js"></script>
<style>
body {{ background: #0c181f; margin: 0; }}
.textual-terminal, .xterm, .xterm-rows {{ font-family: {fonts}; }}
.dialog-container {{ position: absolute; width: 100vw; height: 100vh; display: flex; align-items: center;
  justify-content: center; z-index: 10; }}
.intro {{ max-width: 640px; padding: 2rem; font: 16px/1.5 {fonts}; text-align: center;
  color: rgba(255, 255, 255, 0.95); background-color: #12232d; }}
body.-first-byte .intro-dialog {{ display: none; }}
body .textual-terminal {{ opacity: 0; transition: opacity 0.3s ease-out; }}
body.-first-byte .textual-terminal {{ opacity: 1; }}
.closed-dialog {{ display: none; }}
body.-closed .closed-dialog {{ display: flex; }}
button {{ padding: 16px 32px; background-color: #5e0ba7; color: #fff; border: none; font: inherit; margin: 16px auto;
  display: block; cursor: pointer; }}
</style>
</head>
<body>
<div class="dialog-container intro-dialog"><div class="intro">{title}<br>{starting}</div></div>
<div class="dialog-container closed-dialog"><div class="intro">
<div>{stopped}</div>
<button type="button" onclick="window.location.reload()">{again}</button></div></div>
<div id="terminal" class="textual-terminal" data-session-websocket-url="{ws}" data-font-size="{font_size}"></div>
</body>
</html>
"""

MESSAGE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}<title>Friendship Pass · {title}</title>
<style>body {{ background: #0c181f; color: #eee; font: 18px/1.5 system-ui, Arial, sans-serif; display: flex;
min-height: 90vh; align-items: center; justify-content: center; }} main {{ max-width: 36rem; padding: 2rem;
background: #12232d; }} a {{ color: #9cf; }}</style></head>
<body><main><h1>{title}</h1><p>{text}</p></main></body></html>
"""


def message_page(title: str, text: str, retry: str = "") -> str:
    refresh = f'<meta http-equiv="refresh" content="20;url={escape(retry)}">' if retry else ""
    return MESSAGE_PAGE.format(title=escape(title), text=text, refresh=refresh)


class ClassServer(Server):
    """textual-serve's Server with a class's limits, the class database and the teacher console."""

    def __init__(self, config: ServeConfig, content: Content, db: ClassDB) -> None:
        super().__init__(config.command, host=config.host, port=config.port, title="Friendship Pass")
        self.config = config
        self.db = db
        self.classes = Console(db, content, config.code)
        self.cards = cards_of(content)
        self.turns = content.turns
        self.live = 0  # game processes running (or starting, or stopping)
        self.turned_away = 0  # tabs sent to the full page
        self.report_args: list[str] = []  # the content options of `class-report`, like the tabs' command
        self.sockets: set[web.WebSocketResponse] = set()  # the tabs connected now
        self._prune: asyncio.Task[None] | None = None
        self._script: str | None = None  # textual-serve's terminal script with our fonts, read on first use

    # -- set-up ----------------------------------------------------------------------------------------
    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)

    async def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_MESSAGE, middlewares=[self._headers])
        base = "/teacher/{token}"
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.get("/full", self.handle_full),
            web.get("/terminal.js", self.handle_script),
            web.static("/static", self.statics_path, show_index=False, name="static"),
            web.get(base, self.teacher_page),
            web.get(base + "/state", self.teacher_state),
            web.post(base + "/{action:hold|release|push|notice|end|role|limit}", self.teacher_action),
            web.get(base + "/export.csv", self.teacher_csv),
            web.get(base + "/report.html", self.teacher_report),
            web.get(base + "/debrief/{game:[0-9]{1,12}}.html", self.teacher_debrief),
            web.get(base + "/save/{game:[0-9]{1,12}}.json", self.teacher_save),
        ])
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        self._prune = asyncio.create_task(self._prune_sessions())

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: every tab's websocket closes, so each game is asked to quit (it stores its game) and ends."""
        if self._prune is not None:
            self._prune.cancel()
        await asyncio.gather(*(ws.close(code=1001, message=b"the class server stopped") for ws in list(self.sockets)),
                             return_exceptions=True)

    async def _prune_sessions(self) -> None:
        """Sessions of game processes that ended without a word: gone if they never started a game."""
        while True:
            with contextlib.suppress(ClassDBError):
                await asyncio.to_thread(self.db.prune_sessions)
            await asyncio.sleep(PRUNE_SECONDS)

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (SIGINT) or SIGTERM."""
        self.initialize_logging()
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            loop = asyncio.new_event_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self.request_exit)
        web.run_app(self._make_app(), host=self.host, port=self.port, handle_signals=False, loop=loop,
                    print=lambda *args: None, access_log=None, shutdown_timeout=STOP_GRACE + 2)

    # -- checks --------------------------------------------------------------------------------------
    @web.middleware
    async def _headers(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self._host_ok(request):
            return web.Response(status=421, content_type="text/html", text=message_page(
                "Wrong address", "This server answers only at the addresses it printed when it started."))
        response: web.StreamResponse = await handler(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        if request.path.startswith("/teacher/"):
            response.headers["Cache-Control"] = "no-store"
            response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    def _host_ok(self, request: web.Request) -> bool:
        allowed = self.config.allowed_hosts
        return not allowed or host_name(request.host) in allowed

    @staticmethod
    def _origin_ok(request: web.Request) -> bool:
        """A browser's websocket or POST must come from a page of this very server (same host and port)."""
        origin = request.headers.get("Origin")
        if origin is None:  # not a browser: it could send any header anyway
            return True
        try:
            url = URL(origin)
        except ValueError:
            return False
        return url.scheme in ("http", "https") and f"{url.host}:{url.port}".lower() == _host_port(request)

    def full(self) -> bool:
        return self.live >= self.config.max_sessions

    # -- the game --------------------------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.Response:
        if self.full():
            return web.Response(status=503, content_type="text/html", text=self._full_page(request),
                                headers={"Retry-After": "20"})
        low, high = FONT_SIZES
        try:
            font_size = min(high, max(low, int(request.query.get("fontsize", "16")[:4])))
        except ValueError:
            font_size = 16
        scheme = "wss" if request.secure else "ws"
        html = INDEX.format(title="Friendship Pass", static="/static/", font_size=font_size,
                            ws=escape(f"{scheme}://{request.host}/ws"), lang=HTML_LANG.get(language(), "en"),
                            fonts=TERMINAL_FONTS, starting=escape(_("starting your game…")),
                            stopped=escape(_("This tab's game has stopped. Your game is kept: open the page again "
                                             "and type the same name.")), again=escape(_("Open it again")))
        return web.Response(content_type="text/html", text=html)

    async def handle_script(self, request: web.Request) -> web.Response:
        """textual-serve's terminal script, naming the CJK fonts (read once)."""
        if self._script is None:
            original = await asyncio.to_thread((self.statics_path / "js" / "textual.js").read_text, "utf-8")
            self._script = terminal_script(original)
            if self._script == original:
                log.warning(_("textual-serve's script names other fonts than expected; Chinese falls back to the "
                              "browser's own choice"))
        return web.Response(text=self._script, content_type="application/javascript", charset="utf-8",
                            headers={"Cache-Control": "max-age=3600"})

    async def handle_full(self, request: web.Request) -> web.Response:
        return web.Response(content_type="text/html", text=self._full_page(request))

    def _full_page(self, request: web.Request) -> str:
        retry = "/" + (f"?fontsize={request.query['fontsize'][:4]}" if "fontsize" in request.query else "")
        return message_page("The class is full", f"Every place in this class is taken ({self.config.max_sessions} "
                            "games are running). This page tries again every 20 seconds; or ask your teacher.",
                            retry)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self._origin_ok(request):
            raise web.HTTPForbidden(text="This game can only be opened from its own page.")
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await websocket.prepare(request)
        if self.full():  # no await between the check and the count: a place cannot be given twice
            self.turned_away += 1
            await websocket.send_str(json.dumps(["open_url", {"url": "/full", "new_tab": False}]))
            await websocket.close(code=4503, message=b"the class is full")
            return websocket
        self.live += 1
        self.sockets.add(websocket)
        service: AppService | None = None
        try:
            width, height = clamp_size(request.query.get("width", "80"), request.query.get("height", "24"))
            async def close() -> None:
                await websocket.close()

            service = AppService(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                 close=close, download_manager=self.download_manager, debug=False)
            await service.start(width, height)
            reader = asyncio.create_task(self._process_messages(websocket, service))
            process = service._task
            assert process is not None
            await asyncio.wait({reader, process}, return_when=asyncio.FIRST_COMPLETED)
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await reader
        except asyncio.CancelledError:
            pass
        except Exception as error:  # noqa: BLE001 - a tab's failure must never stop the class's server
            log.warning(_("a game tab failed: {error}").format(error=clean(str(error))[:200]))
        finally:
            self.sockets.discard(websocket)
            if service is not None:
                await self._stop(service)
            self.live -= 1
            if not websocket.closed:
                with contextlib.suppress(Exception):
                    await websocket.close()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """The tab's keys and resizes, checked: a malformed message is dropped, a size is capped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1]
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
            elif kind == "ping" and isinstance(data, str):
                await websocket.send_json(["pong", data[:32]])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    async def _stop(self, service: AppService) -> None:
        """Ask the game to quit (it saves), wait a little, then end it: no process outlives its place, and a
        process that had to be ended leaves no session row without a game behind."""
        process = service._process
        with contextlib.suppress(Exception):
            await asyncio.wait_for(asyncio.shield(service.stop()), STOP_GRACE)
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), 2.0)
        except (TimeoutError, Exception):  # noqa: BLE001
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(process.wait(), 5.0)
        with contextlib.suppress(ClassDBError):
            await asyncio.to_thread(self.db.process_ended, socket.gethostname(), process.pid)

    # -- the teacher console ------------------------------------------------------------------------
    def _teacher(self, request: web.Request) -> str | None:
        """The class asked for, once the token is right (else 404: nothing says a console is here)."""
        token = request.match_info.get("token", "")
        if not secrets.compare_digest(token.encode("utf-8", "replace"), self.config.token.encode()):
            raise web.HTTPNotFound()
        asked = request.query.get("class")
        return asked[:20] if asked else None

    def teacher_url(self, base: str) -> str:
        return f"{base.rstrip('/')}/teacher/{self.config.token}"

    async def teacher_page(self, request: web.Request) -> web.Response:
        self._teacher(request)
        html = page(f"/teacher/{self.config.token}", self.config.code, list(self.config.student_urls), self.cards,
                    self.turns, self.config.max_sessions)
        return web.Response(content_type="text/html", text=html)

    async def teacher_state(self, request: web.Request) -> web.Response:
        asked = self._teacher(request)
        try:
            state = await asyncio.to_thread(self.classes.state, asked)
        except ClassDBError as exc:
            return web.json_response({"class": None, "classes": [], "message": str(exc)}, status=503)
        state["tabs"] = {"live": self.live, "max": self.config.max_sessions, "turned_away": self.turned_away}
        return web.json_response(state)

    async def teacher_action(self, request: web.Request) -> web.Response:
        asked = self._teacher(request)
        if not self._origin_ok(request):
            raise web.HTTPForbidden(text="Use the teacher console's own page.")
        try:
            body = await request.json() if request.can_read_body else {}
        except (ValueError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            return web.json_response({"message": "send a JSON object"}, status=400)
        action = request.match_info["action"]
        c = self.classes
        calls = {
            "hold": lambda: c.hold(asked, body.get("month")),
            "release": lambda: c.release(asked),
            "push": lambda: c.push(asked, body.get("card"), body.get("student")),
            "notice": lambda: c.notice(asked, body.get("title"), body.get("body"), body.get("student")),
            "end": lambda: c.end(asked, bool(body.get("ended", True))),
            "role": lambda: c.assign(asked, body.get("student"), body.get("role")),
            "limit": lambda: c.role_limit(asked, body.get("seconds")),
        }
        try:
            message = await asyncio.to_thread(calls[action])
        except (ConsoleError, ClassDBError) as exc:
            return web.json_response({"message": str(exc)[:1].upper() + str(exc)[1:] + "."}, status=400)
        return web.json_response({"message": message})

    async def teacher_csv(self, request: web.Request) -> web.Response:
        asked = self._teacher(request)
        try:
            info = await asyncio.to_thread(self.classes.class_of, asked)
            data = await asyncio.to_thread(self.classes.csv, info.code)
        except (ConsoleError, ClassDBError) as exc:
            return web.Response(status=400, text=str(exc))
        return web.Response(body=data.encode("utf-8-sig"), content_type="text/csv", charset="utf-8", headers={
            "Content-Disposition": f'attachment; filename="class-{info.code}.csv"'})

    async def teacher_report(self, request: web.Request) -> web.Response:
        """The class report, made by a `class-report` process (it replays every game: a second of CPU or
        more that must not stall the students' terminals)."""
        asked = self._teacher(request)
        try:
            info = await asyncio.to_thread(self.classes.class_of, asked)
        except (ConsoleError, ClassDBError) as exc:
            return web.Response(status=400, text=str(exc))
        argv = [sys.executable, "-m", "game", "class-report", self.config.db_target, "--class", info.code,
                "--format", "html", *self.report_args]
        proc = await asyncio.create_subprocess_exec(*argv, stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL)
        try:
            out, err = await asyncio.wait_for(proc.communicate(), 300)
        except TimeoutError:
            proc.kill()
            return web.Response(status=504, text="the class report took too long")
        if not out:
            return web.Response(status=500, text=clean(err.decode("utf-8", "replace"))[-2000:] or "no report")
        return web.Response(body=out, content_type="text/html", charset="utf-8")

    async def teacher_debrief(self, request: web.Request) -> web.Response:
        asked = self._teacher(request)
        try:
            html = await asyncio.to_thread(self._debrief, asked, int(request.match_info["game"]))
        except (ConsoleError, FriendshipPassError) as exc:
            return web.Response(status=404, text=str(exc))
        return web.Response(content_type="text/html", text=html)

    async def teacher_save(self, request: web.Request) -> web.Response:
        asked = self._teacher(request)
        try:
            name, data = await asyncio.to_thread(self._save, asked, int(request.match_info["game"]))
        except (ConsoleError, FriendshipPassError) as exc:
            return web.Response(status=404, text=str(exc))
        return web.Response(body=data, content_type="application/json", headers={
            "Content-Disposition": f'attachment; filename="{name}.json"'})

    def _debrief(self, asked: str | None, game_id: int) -> str:
        from game.report.classdb_source import load_game
        from game.report.debrief import gather
        from game.report.html import debrief_html

        loaded = load_game(self.classes.content, self.db, self.classes.class_of(asked).code, game_id)
        return debrief_html(gather(loaded.game, loaded.name, loaded.notes, ai_replies=loaded.ai_replies))

    def _save(self, asked: str | None, game_id: int) -> tuple[str, bytes]:
        import re

        from game.report.classdb_source import load_game
        from game.saves import to_json

        loaded = load_game(self.classes.content, self.db, self.classes.class_of(asked).code, game_id)
        slot = re.sub(r"[^A-Za-z0-9_-]+", "-", loaded.name).strip("-")[:60] or f"game-{game_id}"
        return slot, to_json(loaded.game, slot, loaded.ai_replies)


def _host_port(request: web.Request) -> str:
    """The request's Host as host:port (the default port added), lower case."""
    url = URL(f"{request.scheme}://{request.host}")
    return f"{url.host}:{url.port}".lower()


def run(config: ServeConfig, content: Content, db: ClassDB, report_args: list[str]) -> ClassServer:
    """Make the server (serve() runs it)."""
    server = ClassServer(config, content, db)
    server.report_args = report_args
    return server


__all__ = ["MAX_COLS", "MAX_ROWS", "ClassServer", "ServeConfig", "clamp_size", "host_name", "run"]
