"""The class server's limits, against a real `serve` and real game processes (no browser needed):
100 rapid websocket connections against --max-sessions 10, a giant terminal, a foreign Origin or Host,
no directory listing, a read-only or full class folder, and tabs that never join leaving nothing behind."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import aiohttp
import pytest

from game.server.web import MAX_COLS, MAX_ROWS, clamp_size, host_name
from tests.e2e.support import REPO, Clock, Served, environ, kib, serving


def test_sizes_are_clamped_and_hosts_read() -> None:
    assert clamp_size(20000, 20000) == (MAX_COLS, MAX_ROWS)
    assert clamp_size("-5", "x") == (20, 24)
    assert clamp_size("1" * 50, None) == (MAX_COLS, 24)
    assert host_name("Example.ORG:8000") == "example.org"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("bad host\n") in ("", "bad host\n".lower().strip())


async def _connect(served: Served, session: aiohttp.ClientSession, query: str = "width=100&height=30") -> str:
    """Open a tab's websocket: 'full' when sent to the full page, 'game' once the game draws, else what happened."""
    try:
        ws = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?{query}", origin=served.url,
                                      timeout=aiohttp.ClientWSTimeout(ws_close=5))
    except aiohttp.WSServerHandshakeError as exc:
        return f"refused {exc.status}"
    try:
        message = await ws.receive(timeout=90)
        if message.type == aiohttp.WSMsgType.TEXT and "/full" in message.data:
            return "full"
        if message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT):
            return "game"
        return f"closed {message.type}"
    finally:
        await ws.close()


def _sample(served: Served, stop: threading.Event, peak: list[int]) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], len(served.games()))
        time.sleep(0.02)


def test_100_rapid_connections_start_at_most_max_sessions_games(tmp_path: Path) -> None:
    clock = Clock(240)
    with serving(tmp_path / "class", "--max-sessions", "10") as served:
        stop, peak = threading.Event(), [0]
        sampler = threading.Thread(target=_sample, args=(served, stop, peak), daemon=True)
        sampler.start()

        async def rush() -> tuple[list[str], int, str]:
            async with aiohttp.ClientSession() as session:
                tasks = [asyncio.create_task(_connect(served, session)) for _ in range(100)]
                await asyncio.sleep(0.5)
                async with session.get(served.url + "/") as r:  # while the class is full
                    status, page = r.status, await r.text()
                results = await asyncio.gather(*tasks)
            return list(results), status, page

        try:
            results, status, page = asyncio.run(rush())
        finally:
            stop.set()
            sampler.join(5)
        assert results.count("game") == 10, results
        assert results.count("full") == 90, results
        assert peak[0] <= 10
        assert status == 503 and "The class is full" in page
        async def full_page() -> str:
            async with aiohttp.ClientSession() as session, session.get(served.url + "/full") as r:
                return await r.text()
        assert "Every place in this class is taken" in asyncio.run(full_page())

        # The tabs closed without anyone joining: their processes end and leave no session rows.
        clock.wait_for("the game processes to end", lambda: not served.games(), timeout=60)
        # the server removes a tab's session row after its process has ended: wait for that, not for a time
        clock.wait_for("the session rows to go", lambda: served.one("SELECT count(*) FROM sessions") == 0, timeout=30)
        assert served.one("SELECT count(*) FROM students") == 0

        async def index() -> int:
            async with aiohttp.ClientSession() as session, session.get(served.url + "/") as r:
                return r.status
        assert asyncio.run(index()) == 200  # places free again


def test_a_giant_terminal_is_capped(tmp_path: Path) -> None:
    clock = Clock(120)
    with serving(tmp_path / "class") as served:
        async def giant() -> tuple[dict[str, str], int]:
            async with aiohttp.ClientSession() as session:
                ws = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=20000&height=20000",
                                              origin=served.url)
                await ws.receive(timeout=60)  # the game draws
                pid = served.games()[0]
                env = environ(pid)
                await ws.send_str(json.dumps(["resize", {"width": 20000, "height": 20000}]))
                await ws.send_str("not json")  # dropped, not a crash
                await ws.send_str(json.dumps(["resize", {"width": "a lot"}]))
                peak = 0
                for _ in range(30):  # three seconds of frames at the asked size, if it were honoured
                    await asyncio.sleep(0.1)
                    peak = max(peak, kib(pid, "VmRSS"))
                assert not ws.closed
                await ws.close()
                return env, peak

        env, peak = asyncio.run(giant())
        assert int(env["COLUMNS"]) == MAX_COLS and int(env["ROWS"]) == MAX_ROWS
        assert peak < 400_000, f"a capped terminal should not need {peak} KiB"
        clock.wait_for("the game process to end", lambda: not served.games(), timeout=30)


def test_foreign_origins_and_hosts_are_refused_and_static_is_not_listed(tmp_path: Path) -> None:
    with serving(tmp_path / "class") as served:
        async def probe() -> dict[str, object]:
            out: dict[str, object] = {}
            async with aiohttp.ClientSession() as session:
                try:
                    await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws", origin="http://evil.example")
                except aiohttp.WSServerHandshakeError as exc:
                    out["origin"] = exc.status
                async with session.get(served.url + "/", headers={"Host": "rebound.example:80"}) as r:
                    out["host"] = r.status
                async with session.get(served.url + "/static/") as r:
                    out["static"] = r.status
                async with session.get(served.url + "/static/js/textual.js") as r:
                    out["script"] = r.status
                async with session.get(served.url + "/teacher/wrong-key") as r:
                    out["teacher"] = r.status
                async with session.post(served.teacher + "/hold", json={"month": 2},
                                        headers={"Origin": "http://evil.example"}) as r:
                    out["csrf"] = r.status
            return out

        out = asyncio.run(probe())
        assert out == {"origin": 403, "host": 421, "static": 403, "script": 200, "teacher": 404, "csrf": 403}
        assert not served.games()


def _unshare_works() -> bool:
    if not shutil.which("unshare") or not Path("/proc/self/ns/mnt").exists():
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    return probe.returncode == 0


def _serve_in(folder: Path, mount: str, before: str = "") -> subprocess.CompletedProcess[str]:
    """`serve` with the class folder on a tmpfs mounted with `mount` options, in a private mount namespace
    (`before`: shell commands run once it is mounted)."""
    script = (f"mkdir -p {folder} && mount -t tmpfs -o {mount} tmpfs {folder} && {before or 'true'} && "
              f"exec {sys.executable} -m game serve --port 1 --saves {folder}")
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60)


@pytest.mark.skipif(not _unshare_works(), reason="needs unshare -m and mount (a private mount namespace)")
def test_a_read_only_class_folder_is_a_sentence(tmp_path: Path) -> None:
    empty = _serve_in(tmp_path / "ro", "ro,size=1m")
    folder = tmp_path / "ro-with-class"
    made = (f"{sys.executable} -c 'from game.classdb import ClassDB; ClassDB(\"{folder}/class.db\").close()' && "
            f"mount -o remount,ro {folder}")
    with_class = _serve_in(folder, "size=1m", made)  # last lesson's database, on a folder now read-only
    for result in (empty, with_class):
        assert result.returncode == 2, result
        assert "read-only" in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.mark.skipif(not _unshare_works(), reason="needs unshare -m and mount (a private mount namespace)")
def test_a_full_class_folder_is_a_sentence(tmp_path: Path) -> None:
    result = _serve_in(tmp_path / "full", "size=4k")
    assert result.returncode == 2, result
    assert "full" in result.stderr and "Traceback" not in result.stderr, result.stderr
