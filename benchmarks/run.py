"""Speed measurements (not tests): content validation and simulated games per second.

Run: .venv/bin/python benchmarks/run.py [--runs N]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content import load_content  # noqa: E402
from game.sim import simulate  # noqa: E402


def best_of(fn, repeat: int = 3) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    content = load_content()
    rows = [("validate shipped content", f"{best_of(load_content) * 1000:.0f} ms")]
    for strategy in ("random", "balanced"):
        report = simulate(content, args.runs, seed=0, strategy=strategy)
        rows.append((f"simulate {args.runs} games ({strategy}), 1 job", f"{report.games_per_second:,.0f} games/s"))
    width = max(len(r[0]) for r in rows)
    print(f"{platform.node()} · Python {platform.python_version()} · {time.strftime('%Y-%m-%d')}")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


if __name__ == "__main__":
    main()
