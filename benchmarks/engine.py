"""Engine speed: decisions per second and per CPU-second of the simulator, next to ChoiceScript's
randomtest and inkjs playing The Intercept, measured side by side in one run (see peers.py).

A decision is a choice on a card or an action in talks (a move, an offer, accepting, leaving): what a
player decides. Closing a month is not counted, as ChoiceScript's and ink's "continue" is not.

Run:  .venv/bin/python benchmarks/engine.py [--seconds 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from game.content import load_content  # noqa: E402
from game.engine.actions import TALK_ACTIONS, Choose  # noqa: E402
from game.sim import play_one  # noqa: E402


def ours(seconds: float = 5.0, strategy: str = "random", record: bool = False) -> dict[str, Any]:
    """Play whole games with one strategy for about `seconds` of CPU time on this process (one core)."""
    content = load_content()
    for seed in range(20):  # warm up: compiled content, caches
        play_one(content, seed, strategy, record=record)
    decisions = games = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    seed = 1000
    while time.process_time() - cpu0 < seconds:
        game = play_one(content, seed, strategy, record=record)
        decisions += sum(1 for a in game.actions if isinstance(a, (Choose, *TALK_ACTIONS)))
        games += 1
        seed += 1
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"engine": f"Friendship Pass ({strategy}, {'full' if record else 'lean'} path)", "decisions": decisions,
            "games": games, "wall_seconds": wall, "cpu_seconds": cpu, "decisions_per_second": decisions / wall,
            "decisions_per_cpu_second": decisions / cpu, "decisions_per_game": decisions / games}


def best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return max(runs, key=lambda r: r["decisions_per_cpu_second"])


def compare(seconds: float = 5.0, repeat: int = 3) -> list[dict[str, Any]]:
    """Ours (lean and full) and the peers, interleaved `repeat` times; the best run of each."""
    import peers

    available = {name: why for name, why in peers.available().items()}
    results: dict[str, list[dict[str, Any]]] = {}
    for _ in range(repeat):
        results.setdefault("lean", []).append(ours(seconds))
        for name, why in available.items():
            if not why:
                try:
                    results.setdefault(name, []).append(peers.measure(name, seconds))
                except Exception as exc:  # noqa: BLE001 - a broken peer is reported, not fatal
                    available[name] = str(exc).splitlines()[0]
        results.setdefault("full", []).append(ours(seconds, record=True))
    out = [best(results["lean"]), best(results["full"])]
    out += [best(results[name]) for name in available if name in results]
    for name, why in available.items():
        if why:
            out.append({"engine": name, "skipped": why})
    return out


def table(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    lean = rows[0]["decisions_per_cpu_second"]
    out = []
    for r in rows:
        if "skipped" in r:
            out.append((f"{r['engine']}", "skipped", r["skipped"]))
            continue
        ratio = "" if r is rows[0] else f"ours (lean) is {lean / r['decisions_per_cpu_second']:.2f}×"
        out.append((r["engine"], f"{r['decisions_per_second']:,.0f} decisions/s, "
                    f"{r['decisions_per_cpu_second']:,.0f} per CPU-s, {r['decisions_per_game']:.1f} a game", ratio))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name, result, note in table(compare(args.seconds, args.repeat)):
        print(f"{name:<45} {result:<70} {note}")


if __name__ == "__main__":
    main()
