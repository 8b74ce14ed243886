"""TUI speed and memory (not a test; nothing here fails on time).

Run:  .venv/bin/python benchmarks/tui.py [--keys N] [--size 80x24] [--skip-launch] [--skip-memory]

Measures, on the shipped content:
- key -> first frame and key -> settled frame, median and p90, per kind of key: taking a choice,
  closing a choice's result, ending the month (the ledger appears), closing the ledger, a talks move.
  A key is sent as the terminal driver delivers it (`driver.send_message(Key)`), in a running app;
  a frame is each screen update the app hands to its output (`App._display`), turned into the
  terminal's bytes as the real driver would (`render_segments`), so that cost is counted. "First" is
  the first frame after the key; "settled" is the last frame before the app has been quiet for
  150 ms. Keys are ~0.3 s apart, as a quick player's are.
- launch to title: a new process running `friendship-pass play` on a pseudo-terminal (the real
  Linux driver), from spawn to the title's words appearing in what it writes to the terminal.
- memory: the TUI process's own peak resident size (VmHWM in /proc/<pid>/status, not getrusage,
  which carries a parent's peak on Linux) after playing a whole 30-month game with keys: the real
  `friendship-pass play` in a tmux terminal when tmux is installed, else a headless app; started from
  the compiled-content cache, as every start after the first is, and once more without it.
Targets (issue 16): key -> settled median < 16 ms, p90 < 33 ms; launch < 0.6 s; VmHWM < 60 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import random
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    from game.ui.app import FriendshipPassApp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
QUIET = 0.15  # seconds without a frame after which a key's work has settled
GAP = 0.3  # seconds between keys (after settling)
KINDS = ("choice", "close result", "end month (ledger)", "close ledger", "talks move")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def vmhwm_kb() -> int:
    """This process's peak resident set size in kB (VmHWM)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def pick_key(app: FriendshipPassApp, rng: random.Random) -> tuple[str, str]:
    """The next key a player might press, and the kind of key it is."""
    snap = app.snapshot
    mode = snap.mode
    if mode == "card":
        choices = [i for i, c in enumerate(snap.choices) if c.available]
        talks = [i for i in choices if "opens talks" in snap.choices[i].hint]
        pick = rng.choice(talks if talks and rng.random() < 0.7 else choices)
        return str(pick + 1), "choice"
    if mode == "result":
        return "enter", "close result"
    if mode == "month_end":
        return "enter", "end month (ledger)"
    if mode == "ledger":
        return "enter", "close ledger"
    if mode == "talks" and snap.talks is not None:
        t = snap.talks
        if t.pane == "counterpart":
            return "1", "hot-seat reply"
        if t.pane != "moves":
            return "escape", "other"
        moves = [i for i, line in enumerate(t.lines) if line.available]
        if t.view.rounds_left <= 1 and rng.random() < 0.5:
            return "o", "other"
        return str(rng.choice(moves) + 1), "talks move"
    if mode == "talks_outcome":
        return "enter", "close result"
    return "enter", "other"


async def play(size: tuple[int, int], keys_wanted: int, seed: int, times: dict[str, list[tuple[float, float, float]]],
               whole_game: bool = False) -> int:
    """Play one game with timed keys; returns the number of keys sent."""
    from textual import events
    from textual._compositor import CompositorUpdate
    from textual.widgets import Input

    from game.content.cache import load_cached
    from game.engine.game import Game
    from game.saves import SaveStore
    from game.ui.app import make_app

    content = load_cached()  # as `friendship-pass play` starts: from the compiled-content cache
    rng = random.Random(seed)
    app = make_app(content, SaveStore(Path(tempfile.mkdtemp())), game=Game.new(content, seed=seed))
    frames: list[float] = []
    cpu_at: list[float] = []  # the process's CPU time when the first frame was seen
    sent = 0
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        original = app._display

        def hooked(screen: Screen[Any], renderable: Any) -> None:  # Textual's private output hook
            if renderable is not None:
                if isinstance(renderable, CompositorUpdate):
                    renderable.render_segments(app.console)  # the terminal bytes the real driver would write
                frames.append(time.perf_counter())
                if not cpu_at:
                    cpu_at.append(time.process_time())
            original(screen, renderable)

        app._display = hooked  # type: ignore[method-assign]
        while type(app.screen).__name__ == "PlayScreen" and (whole_game or sent < keys_wanted):
            key, kind = pick_key(app, rng)
            await asyncio.sleep(GAP)
            frames.clear()
            cpu_at.clear()
            cpu = time.process_time()
            started = time.perf_counter()
            assert app._driver is not None
            app._driver.send_message(events.Key(key, "\r" if key == "enter" else key if len(key) == 1 else None))
            sent += 1
            while True:  # wait until no frame has come for QUIET seconds
                last = frames[-1] if frames else started
                await asyncio.sleep(0.01)
                if time.perf_counter() - last >= QUIET and (frames or time.perf_counter() - started > 1):
                    break
            if frames:
                times.setdefault(kind, []).append((frames[0] - started, frames[-1] - started,
                                                   (cpu_at[0] if cpu_at else time.process_time()) - cpu))
            cpu_at.clear()
            if app.snapshot.mode == "reflection":
                app.screen.query_one("#reflection-answer", Input).value = "benchmark"
                await pilot.press("enter")
    return sent


def launch_to_title(runs: int = 5) -> list[float]:
    """Seconds from spawning `friendship-pass play` on a pseudo-terminal to the title on screen."""
    out = []
    exe = str(Path(sys.executable).with_name("friendship-pass"))
    for _ in range(runs):
        saves = tempfile.mkdtemp()
        pid, fd = pty.fork()
        if pid == 0:  # the child: the real game on a real (pseudo) terminal
            os.environ.update({"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
                               "FRIENDSHIP_PASS_SAVES": saves})
            os.execv(exe, [exe, "play"])
        started = time.perf_counter()
        seen = b""
        elapsed = float("nan")
        while time.perf_counter() - started < 10:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if b"F R I E N D S H I P" in re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", seen):
                    elapsed = time.perf_counter() - started
                    break
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        os.close(fd)
        out.append(elapsed)
    return out


MEMORY_SCRIPT = """
import asyncio, sys
sys.path.insert(0, {repo!r})
from benchmarks.tui import play, vmhwm_kb
times = {{}}
asyncio.run(play((80, 24), 0, 7, times, whole_game=True))
print(vmhwm_kb())
"""


def memory_after_game(cold: bool = False) -> tuple[int, str]:
    """VmHWM (kB) of a TUI process that played a whole game, and how it was measured. `cold`: the first start
    after an edit or an update (no compiled-content cache yet), else a start from the cache."""
    if shutil.which("tmux"):
        return memory_in_tmux(cold=cold), "the real `friendship-pass play` in tmux (80×24)"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT.format(repo=str(REPO))], capture_output=True,
                          text=True, check=True, env=env)
    return int(done.stdout.strip().splitlines()[-1]), "a headless app (no tmux here)"


def memory_in_tmux(seed: int = 7, cold: bool = False) -> int:
    """Play a whole game in the real CLI in a tmux terminal, reading the screen to choose keys; return
    the game process's own VmHWM (kB) once the ending is on screen."""
    session = f"fp-bench-{os.getpid()}"
    saves, cache = tempfile.mkdtemp(), tempfile.mkdtemp()
    exe = Path(sys.executable).with_name("friendship-pass")
    env = {**os.environ, "PYTHONPATH": str(REPO), "FRIENDSHIP_PASS_CACHE": cache}  # this checkout's game
    if not cold:  # as every start after the first
        subprocess.run([sys.executable, "-c", "from game.content.cache import load_cached; load_cached()"],
                       check=True, env=env)
    subprocess.run(["tmux", "new", "-d", "-s", session, "-x", "80", "-y", "24",
                    f"PYTHONPATH={REPO} FRIENDSHIP_PASS_CACHE={cache} FRIENDSHIP_PASS_SAVES={saves} {exe} play "
                    f"--seed {seed}; sleep 600"], check=True)

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", *args], check=False, capture_output=True, text=True).stdout

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", session)

    rng = random.Random(seed)
    try:
        for _ in range(3000):
            time.sleep(0.1)
            text = screen()
            footer = text.rstrip("\n").split("\n")[-1]
            if " rewind " in footer:  # the ending
                break
            count = re.search(r"1-(\d)", footer)
            n = int(count.group(1)) if count else 1
            if "choose" in footer or "reply" in footer:
                keys = [str(rng.randint(1, n))]
            elif " move " in footer:
                keys = [rng.choice([str(rng.randint(1, n)), str(rng.randint(1, n)), "o", "l"])]
            elif "position" in footer:
                keys = ["Enter"]
            elif "save the answer" in footer:
                keys = ["-l", "benchmark", "Enter"]
            else:
                keys = ["Enter"]
            tmux("send-keys", "-t", session, *keys[:2])
            if len(keys) > 2:
                tmux("send-keys", "-t", session, keys[2])
        pane = tmux("list-panes", "-t", session, "-F", "#{pane_pid}").split()[0]
        game_pid = subprocess.run(["pgrep", "-P", pane], check=False, capture_output=True, text=True).stdout.split()[0]
        with open(f"/proc/{game_pid}/status", encoding="ascii") as fh:
            peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
        if not cold and len(list(Path(cache).glob("*.pickle"))) > 1:
            print("warning: the game did not start from the cache the warm-up wrote (another game module ran?)",
                  file=sys.stderr)
        return peak
    finally:
        tmux("kill-session", "-t", session)


def compile_bytecode() -> str:
    """Compile the game's modules as an install does. This sandbox sets PYTHONDONTWRITEBYTECODE, so
    without this every run would compile the game from source (slower start, ~3 MB more memory)."""
    import compileall

    compileall.compile_dir(str(REPO / "game"), quiet=1)
    return "with compiled bytecode, as installed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=300, help="timed keys in all (default 300)")
    parser.add_argument("--size", default="80x24")
    parser.add_argument("--skip-launch", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--source", action="store_true", help="do not compile the game's bytecode first")
    args = parser.parse_args()
    print("game modules:", "from source" if args.source else compile_bytecode())
    size = tuple(int(n) for n in args.size.split("x"))
    times: dict[str, list[tuple[float, float, float]]] = {}
    sent, seed = 0, 1
    while sent < args.keys:
        sent += asyncio.run(play(size, args.keys - sent, seed, times))  # type: ignore[arg-type]
        seed += 1
    print(f"key -> frame at {args.size}, ms (median / p90), {sent} keys over {seed - 1} game(s):")
    print(f"  {'kind of key':<22} {'n':>4}  {'first frame':>15}  {'settled':>15}  {'CPU to frame':>15}")
    settled_all = []
    for kind in [*KINDS, *sorted(set(times) - set(KINDS))]:
        rows = times.get(kind, [])
        if not rows:
            continue
        first = [f * 1000 for f, _, _ in rows]
        settled = [s * 1000 for _, s, _ in rows]
        cpu = [c * 1000 for _, _, c in rows]
        if kind in KINDS:
            settled_all += settled
        print(f"  {kind:<22} {len(rows):>4}  {statistics.median(first):6.1f} / {percentile(first, 90):6.1f}"
              f"  {statistics.median(settled):6.1f} / {percentile(settled, 90):6.1f}"
              f"  {statistics.median(cpu):6.1f} / {percentile(cpu, 90):6.1f}")
    if settled_all:
        print(f"  {'all five kinds':<22} {len(settled_all):>4}  {'':>15}  {statistics.median(settled_all):6.1f} / "
              f"{percentile(settled_all, 90):6.1f}   (target < 16 / < 33)")
    if not args.skip_launch:
        launches = launch_to_title()
        print(f"launch to title (pty, whole process): median {statistics.median(launches):.2f} s, "
              f"best {min(launches):.2f} s (target < 0.6 s)")
    if not args.skip_memory:
        peak, how = memory_after_game()
        print(f"memory after a 30-month game: VmHWM {peak / 1024:.1f} MB, {how} (target < 60 MB)")
        peak, how = memory_after_game(cold=True)
        print(f"  the same on the first start after an edit or an update (decks checked and compiled, then cached): "
              f"VmHWM {peak / 1024:.1f} MB")


if __name__ == "__main__":
    main()
