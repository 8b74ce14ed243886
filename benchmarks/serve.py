"""The class server under a class's load (a measurement, not a test: nothing here fails on time).

Run:  .venv/bin/python benchmarks/serve.py [--tabs 40] [--stagger 0] [--write]

Starts `friendship-pass serve --class CODE` in a temporary class folder and opens N tabs' websockets
(what a browser tab opens; no browser, so the numbers are the server's and the game processes', not
Chromium's). For every tab: the time from opening the websocket to the title ("F R I E N D S H I P" on the
join screen) arriving, the time from typing a name to the briefing, and from Enter to the first card.
Memory per game process and in total from /proc (VmRSS now, VmHWM the peak), the server's own. While the
tabs start, another process asks for the page (`GET /`) and the teacher console's data every 0.25 s:
that is the server's responsiveness. Last, every tab presses a key at once and the time to its next frame
is measured, then the tabs close and the time until every game process has ended.

--write records the table under "## Class server" in benchmarks/RESULTS.md (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from game.classroom import make_code  # noqa: E402
from game.content import load_content  # noqa: E402
from tests.e2e.support import Served, kib, serving  # noqa: E402

TITLE = b"F R I E N D S H I P"
PROBE = """
import json, sys, time, urllib.request
url, teacher, stop = sys.argv[1], sys.argv[2], sys.argv[3]
import os
out = {"page": [], "state": [], "failures": 0}
while not os.path.exists(stop):
    for key, u in (("page", url + "/"), ("state", teacher + "/state")):
        t = time.perf_counter()
        try:
            with urllib.request.urlopen(u, timeout=10) as r:
                r.read()
            out[key].append(time.perf_counter() - t)
        except Exception:
            out["failures"] += 1
    time.sleep(0.25)
print(json.dumps(out))
"""


class Tab:
    """One tab's websocket: everything the game draws, and when."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.data = bytearray()
        self.frames: list[float] = []
        self.changed = asyncio.Event()
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task[None] | None = None

    async def open(self, session: aiohttp.ClientSession, served: Served) -> None:
        self.ws = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws?width=120&height=36",
                                           origin=served.url, max_msg_size=0, heartbeat=None)
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.data += message.data
                self.frames.append(time.perf_counter())
                self.changed.set()

    async def wait_for(self, pattern: bytes, since: int, timeout: float) -> float:
        """Wait until `pattern` appears in what arrived after byte `since` of the stream; returns when it did."""
        end = time.perf_counter() + timeout
        while True:
            if pattern in self.data[max(0, since - len(pattern)):]:
                return time.perf_counter()
            left = end - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"tab {self.index}: no {pattern!r} within {timeout:.0f} s")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)

    async def send(self, text: str) -> None:
        assert self.ws is not None
        await self.ws.send_str(json.dumps(["stdin", text]))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            self.reader.cancel()


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def spread(values: list[float], unit: str = "s", scale: float = 1.0, digits: int = 2) -> str:
    v = [x * scale for x in values]
    return (f"median {statistics.median(v):.{digits}f} {unit}, p90 {pct(v, 0.9):.{digits}f}, "
            f"max {max(v):.{digits}f}")


async def lesson(served: Served, tabs_wanted: int, stagger: float) -> dict[str, object]:
    out: dict[str, object] = {}
    tabs = [Tab(i) for i in range(tabs_wanted)]
    async with aiohttp.ClientSession() as session:
        started = time.perf_counter()

        async def start(tab: Tab) -> float:
            await asyncio.sleep(tab.index * stagger)
            t0 = time.perf_counter()
            await tab.open(session, served)
            return await tab.wait_for(TITLE, 0, 300) - t0

        to_title = await asyncio.gather(*(start(t) for t in tabs))
        out["all_titles_s"] = time.perf_counter() - started
        out["to_title"] = list(to_title)
        end = time.perf_counter() + 120  # the decks load behind the drawn title; then the tab's session row exists
        while (served.one("SELECT count(*) FROM sessions") or 0) < tabs_wanted and time.perf_counter() < end:
            await asyncio.sleep(0.1)
        out["all_ready_s"] = time.perf_counter() - started
        pids = served.games()
        out["processes"] = len(pids)
        out["rss_title"] = [kib(p, "VmRSS") for p in pids]
        out["server_rss_title"] = kib(served.proc.pid, "VmRSS")

        async def join(tab: Tab) -> float:
            mark = len(tab.data)
            t0 = time.perf_counter()
            await tab.send(f"Student {tab.index:02d}\r")
            return await tab.wait_for(b"Briefing", mark, 120) - t0

        out["to_briefing"] = list(await asyncio.gather(*(join(t) for t in tabs)))

        async def begin(tab: Tab) -> float:
            mark = len(tab.data)
            t0 = time.perf_counter()
            await tab.send("\r")
            return await tab.wait_for(b"month 1 of 30", mark, 120) - t0

        out["to_first_card"] = list(await asyncio.gather(*(begin(t) for t in tabs)))
        await asyncio.sleep(1.0)
        out["rss_game"] = [kib(p, "VmRSS") for p in pids]

        async def key(tab: Tab) -> float:
            seen = len(tab.frames)
            t0 = time.perf_counter()
            await tab.send("1")
            end = t0 + 60
            while len(tab.frames) <= seen and time.perf_counter() < end:
                tab.changed.clear()
                try:
                    await asyncio.wait_for(tab.changed.wait(), end - time.perf_counter())
                except TimeoutError:
                    break
            return (tab.frames[seen] if len(tab.frames) > seen else float("inf")) - t0

        out["key_echo"] = list(await asyncio.gather(*(key(t) for t in tabs)))
        await asyncio.sleep(1.0)
        out["rss_after_choice"] = [kib(p, "VmRSS") for p in pids]
        out["hwm"] = [kib(p, "VmHWM") for p in pids]
        out["server_rss"] = kib(served.proc.pid, "VmRSS")
        out["server_hwm"] = kib(served.proc.pid, "VmHWM")
        out["games_in_db"] = served.one("SELECT count(*) FROM games")
        closing = time.perf_counter()
        await asyncio.gather(*(t.close() for t in tabs))
    while served.games() and time.perf_counter() - closing < 60:
        await asyncio.sleep(0.1)
    out["all_ended_s"] = time.perf_counter() - closing
    out["left_running"] = len(served.games())
    return out


def table(r: dict[str, object], probe: dict[str, list[float] | int], tabs: int, stagger: float) -> list[str]:
    mib = 1 / 1024

    def mem(values: object) -> str:
        v = [x * mib for x in values]  # type: ignore[attr-defined]
        return f"median {statistics.median(v):.1f} MiB (min {min(v):.1f}, max {max(v):.1f})"

    rows = [
        ("tabs opened", f"{tabs} websockets, {'all at once' if not stagger else f'{stagger:.2f} s apart'}"),
        ("game processes", f"{r['processes']} (one per tab)"),
        ("time to the title per tab (websocket open → title on the wire)", spread(r["to_title"])),  # type: ignore[arg-type]
        ("all tabs showing the title / ready to join (decks loaded)",
         f"{r['all_titles_s']:.1f} s / {r['all_ready_s']:.1f} s after the first opened"),
        ("name typed → briefing, per tab (all at once)", spread(r["to_briefing"])),  # type: ignore[arg-type]
        ("Enter → first card, per tab (all at once)", spread(r["to_first_card"])),  # type: ignore[arg-type]
        ("key → next frame, every tab pressing at once", spread(r["key_echo"], "ms", 1000, 0)),  # type: ignore[arg-type]
        ("RSS per game process at the join screen", mem(r["rss_title"])),
        ("RSS per game process in month 1", mem(r["rss_after_choice"])),
        ("peak RSS (VmHWM) per game process", mem(r["hwm"])),
        ("total game RSS at the title / in month 1",
         f"{sum(r['rss_title']) * mib:,.0f} / {sum(r['rss_after_choice']) * mib:,.0f} MiB"),  # type: ignore[call-overload]
        ("server RSS (VmRSS / VmHWM)", f"{r['server_rss'] * mib:.1f} / {r['server_hwm'] * mib:.1f} MiB"),  # type: ignore[operator]
        ("`GET /` every 0.25 s during the run", spread(probe["page"], "ms", 1000, 0)  # type: ignore[arg-type]
         + f"; {probe['failures']} failures"),
        ("teacher console data every 0.25 s during the run", spread(probe["state"], "ms", 1000, 0)),  # type: ignore[arg-type]
        ("games in the class database", str(r["games_in_db"])),
        ("tabs closed → every game process ended", f"{r['all_ended_s']:.1f} s ({r['left_running']} left)"),
    ]
    return ["| measurement | result |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]


HEADING = "## Class server"
INTRO = ("Measured with `.venv/bin/python benchmarks/serve.py --tabs N [--stagger S] --write`: websocket clients "
         "that do what a browser tab does, no browser (a browser's own memory is on the students' machines). Each "
         "tab runs its own game process; times are wall-clock on this machine, with the clients on it too. The 'load "
         "average before' says how busy the (shared) machine already was: a run that starts busy is slower.")


def write(label: str, lines: list[str]) -> None:
    """Put `lines` under '### label' in the Class server section of RESULTS.md (replacing an earlier run)."""
    path = REPO / "benchmarks" / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if HEADING not in text:
        text = text.rstrip() + f"\n\n{HEADING}\n\n{INTRO}\n"
    head, _, rest = text.partition(HEADING + "\n")
    nxt = re.search(r"^## ", rest, re.M)
    section, tail = (rest[:nxt.start()], rest[nxt.start():]) if nxt else (rest, "")
    block = f"### {label}\n\n" + "\n".join(lines).rstrip() + "\n\n"
    sub = re.compile(rf"^### {re.escape(label)}\n.*?(?=^### |\Z)", re.S | re.M)
    section = sub.sub(lambda _: block, section) if sub.search(section) else section.rstrip() + "\n\n" + block
    path.write_text(head + HEADING + "\n" + section.rstrip() + "\n" + ("\n" + tail if tail else ""), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tabs", type=int, default=40)
    parser.add_argument("--stagger", type=float, default=0.0, help="seconds between tabs opening (0: all at once)")
    parser.add_argument("--write", action="store_true", help="record the table in benchmarks/RESULTS.md")
    args = parser.parse_args()
    code = make_code(load_content(), 2025)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp, \
            serving(Path(tmp) / "class", "--class", code, "--max-sessions", str(args.tabs + 5)) as served:
        stop = Path(tmp) / "stop"
        probe = subprocess.Popen([sys.executable, "-c", PROBE, served.url, served.teacher, str(stop)],
                                 stdout=subprocess.PIPE, text=True)
        try:
            result = asyncio.run(lesson(served, args.tabs, args.stagger))
        finally:
            stop.touch()
            probed = json.loads(probe.communicate(timeout=60)[0] or "{}")
    machine = (f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python "
               f"{platform.python_version()} · 1-minute load average before/after {load_before:.1f}/"
               f"{os.getloadavg()[0]:.1f}")
    rows = table(result, probed, args.tabs, args.stagger)
    print(machine)
    print("\n".join(rows))
    if args.write:
        label = f"{args.tabs} tabs, " + (f"opened {args.stagger:g} s apart" if args.stagger else "opened all at once")
        write(label, [f"{time.strftime('%Y-%m-%d')} · {machine}", "", *rows])


if __name__ == "__main__":
    main()
