"""Browser play for a class: `friendship-pass serve` runs the game behind textual-serve.

Every browser tab that opens the page starts its own game process, the command built by
`play_command()`: `python -m game play --session-saves ROOT`. That process makes a fresh folder
`ROOT/session-YYYYMMDD-HHMMSS-<random>` (`new_session_folder()`) and keeps its autosave and named
saves there, so two students never share or overwrite a save. ROOT is `--saves` (default: saves/).
`friendship-pass class-report ROOT` reads every session's saves at once.

There is no authentication: anyone who can reach the port can play (and fill the saves folder).
"""

from __future__ import annotations

import secrets
import shlex
import socket
import sys
import time
from pathlib import Path
from typing import Any

SESSION_PREFIX = "session-"


def new_session_folder(root: Path) -> Path:
    """Create and return a new, empty `root/session-YYYYMMDD-HHMMSS-<random>` folder."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for _ in range(20):
        folder = root / f"{SESSION_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder
    raise OSError(f"could not make a new session folder in {root}")


def play_command(root: Path, decks: list[Path] | None = None, content: Path | None = None) -> str:
    """The shell command textual-serve runs for each browser tab (paths made absolute)."""
    argv = [sys.executable, "-m", "game", "play", "--session-saves", str(Path(root).resolve())]
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


def make_server(command: str, host: str, port: int) -> Any:
    """A textual-serve Server whose page points back at whatever address the browser used.

    textual-serve writes one fixed public URL (built from --host) into the page for its scripts
    and websocket; with --host 0.0.0.0 that would send students' browsers to 0.0.0.0. Here the
    page is built from the request's Host header instead.
    """
    from textual_serve.server import Server

    class ClassServer(Server):
        async def handle_index(self, request: Any) -> Any:
            # No await between setting the URL and the page using it, so requests cannot mix.
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def on_startup(self, app: Any) -> None:  # quieter than textual-serve's logo
            pass

    return ClassServer(command, host=host, port=port, title="Friendship Pass")


def serve(host: str, port: int, root: Path, decks: list[Path] | None = None, content: Path | None = None) -> int:
    """Serve the game until Ctrl+C; prints where to open it."""
    root = Path(root).resolve()
    command = play_command(root, decks, content)
    server = make_server(command, host, port)
    addresses = urls(host, port)
    print(f"Friendship Pass is served on port {port}. Open in a browser:", flush=True)
    for url in addresses:
        print(f"  {url}", flush=True)
    if host in ("127.0.0.1", "localhost", "::1"):
        print("Only this computer can connect (use --host 0.0.0.0 to open it to the room's network).", flush=True)
    else:
        print("Anyone on the network who can reach this port can play: there is no password.", flush=True)
    print(f"Each browser tab gets its own saves folder: {root}/{SESSION_PREFIX}…", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    try:
        server.serve()
    except OSError as exc:  # most often: the port is taken
        from game.errors import FriendshipPassError

        raise FriendshipPassError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    return 0
