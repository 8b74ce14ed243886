"""Speed and memory measurements (not tests; nothing here fails on time).

Run:  .venv/bin/python benchmarks/run.py [--runs N] [--write]
Prints a table; --write also records it in benchmarks/RESULTS.md with the machine and date.
Targets (issue 8): >= 1,000 complete games/s on one core, title screen < 0.6 s,
key -> frame < 16 ms median, 10,000-card validate < 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from game.content import load_content  # noqa: E402
from game.sim import simulate, simulate_parallel  # noqa: E402

CARD = """  - id: gen_{i}
    title: Generated card {i}
    actor: Benchmark
    text: A generated card to measure validation speed on a large deck.
    when: "turn >= {t} and security < 90"
    source: {{id: speelman2022, where: "§6b", quote: "Intermediary companies could be given one of four statuses"}}
    choices:
      - label: First option
        effects: {{security: +2, development: -1}}
        set: [gen_flag_{i}]
      - label: Second option
        effects: {{development: +2}}
        when: "gen_flag_{i} or central_confidence > 40"
"""

TITLE_SCRIPT = """
import asyncio, resource, sys, tempfile
from game.content import load_content
from game.saves import SaveStore
from game.ui.app import make_app
app = make_app(load_content(), SaveStore(tempfile.mkdtemp()))
async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""

PLAY_SCRIPT = """
import asyncio, resource, tempfile
from game.content import load_content
from game.saves import SaveStore
from game.ui.app import make_app
app = make_app(load_content(), SaveStore(tempfile.mkdtemp()))
async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "enter", "enter")
        for _ in range(60):  # about six months of play
            await pilot.press("1", "enter", "enter")
asyncio.run(main())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def wall(cmd: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(cmd, cwd=REPO, capture_output=True, check=True)
        best = min(best, time.perf_counter() - started)
    return best


async def key_to_frame(rounds: int = 25) -> list[float]:
    """Time from a key event arriving (as the terminal driver delivers it) to the next frame the app
    writes, over ordinary play: take a choice, end the month, close the ledger. Not Pilot timing,
    which polls in 20 ms steps."""
    from textual import events

    from game.engine import Game
    from game.saves import SaveStore
    from game.ui.app import make_app

    content = load_content()
    app = make_app(content, SaveStore(Path(tempfile.mkdtemp())), game=Game.new(content, seed=1))
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        frame = asyncio.Event()
        original = app._display

        def hooked(screen, renderable):
            original(screen, renderable)
            if renderable is not None:
                frame.set()

        app._display = hooked  # type: ignore[method-assign]
        for _ in range(rounds):
            for key, char in (("1", "1"), ("enter", "\r"), ("enter", "\r")):
                await pilot.pause(0.05)
                frame.clear()
                started = time.perf_counter()
                app._driver.send_message(events.Key(key, char))
                try:
                    await asyncio.wait_for(frame.wait(), 1)
                except TimeoutError:
                    continue  # the key changed nothing on screen (e.g. Enter with a card still waiting)
                times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--write", action="store_true", help="record the table in benchmarks/RESULTS.md")
    args = parser.parse_args()
    py = sys.executable
    rows: list[tuple[str, str, str]] = []

    rows.append(("launch to title screen (headless, whole process)",
                 f"{wall([py, '-c', TITLE_SCRIPT]):.2f} s", "< 0.6 s"))
    content = load_content()
    started = time.perf_counter()
    load_content()
    loaded = (time.perf_counter() - started) * 1000
    rows.append(("load + validate shipped content (in process)", f"{loaded:.0f} ms", ""))
    rows.append(("`validate` shipped content (whole command)", f"{wall([py, '-m', 'game', 'validate']):.2f} s", ""))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        big.write_text("deck: generated\ntitle: Generated\nevents:\n" +
                       "".join(CARD.format(i=i, t=i % 30) for i in range(10_000)), encoding="utf-8")
        started = time.perf_counter()
        load_content(None, [big])
        rows.append(("load 10,000-card deck (in process)", f"{time.perf_counter() - started:.2f} s", "< 2 s"))
        rows.append(("`validate --deck` 10,000 cards, with warnings",
                     f"{wall([py, '-m', 'game', 'validate', '--deck', str(big)], repeat=1):.2f} s", "< 2 s"))
    one = simulate(content, args.runs, 0, "random")
    rows.append((f"simulate {args.runs} games, random, 1 job", f"{one.games_per_second:,.0f} games/s", ">= 1,000"))
    two = simulate_parallel(content, None, [], args.runs, 0, "random", jobs=2)
    rows.append((f"simulate {args.runs} games, random, 2 jobs", f"{two.games_per_second:,.0f} games/s", ""))
    latency = asyncio.run(key_to_frame())
    rows.append(("key -> next frame, median (p90)",
                 f"{statistics.median(latency) * 1000:.1f} ms ({sorted(latency)[int(len(latency) * 0.9)] * 1000:.1f})",
                 "< 16 ms"))
    out = subprocess.run([py, "-c", PLAY_SCRIPT], cwd=REPO, capture_output=True, text=True, check=True)
    rows.append(("peak memory, TUI after ~6 months of play", f"{int(out.stdout.split()[-1]) / 1024:.0f} MB", ""))

    machine = f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"
    table = ["| measurement | result | target |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows]
    print(machine)
    print("\n".join(table))
    if args.write:
        text = (f"# Benchmark results\n\n{time.strftime('%Y-%m-%d')} · {machine}\n\n"
                "Run with `.venv/bin/python benchmarks/run.py --write`.\n\n" + "\n".join(table) + "\n")
        (REPO / "benchmarks" / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
