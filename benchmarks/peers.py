"""Decisions per second of two peer narrative engines, each played by a random-choice player on one CPU core.

- ``choicescript``: ChoiceScript's randomtest on its bundled example game (web/mygame); a decision is one
  choice randomtest takes (its chooseIndex()).
- ``inkjs``: inkjs 2.x playing inkle's The Intercept (TheIntercept.ink, compiled in process, not timed) from
  start to END over and over; a decision is one ChooseChoiceIndex() call.

The drivers that run them are ours (benchmarks/peers/*.js, see their header comments); the peers are not part
of this repository. Set-up, once per machine, into benchmarks/.peers/ (git-ignored; the env var
FRIENDSHIP_PASS_PEERS names another folder):

    extract github:dfabulich/choicescript into .peers/choicescript     (its randomtest.js at the top)
    extract github:inkle/the-intercept into .peers/the-intercept       (only Assets/Ink/TheIntercept.ink is used)
    npm install --prefix benchmarks/.peers inkjs@2.4                  (-> .peers/node_modules/inkjs)

Node.js must be on PATH. Run:  python benchmarks/peers.py [--seconds 5] [--repeat 3] [--json]
In code: ``available()`` says which peers can run (engine -> "" or why not); ``measure(engine, seconds)``
returns the driver's JSON ({engine, decisions, wall_seconds, cpu_seconds, games, ...}) plus rates.
Each driver loops whole games until ``seconds`` have passed and, with ``repeat`` > 1, reports its best run
(most decisions per CPU-second); the node process is pinned to one CPU where the OS allows it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DRIVERS = HERE / "peers"
ENGINES = ("choicescript", "inkjs")
SETUP_HINT = "(see benchmarks/peers.py for set-up)"
COLUMNS = [("decisions", "decisions", 11, ","), ("games", "games", 8, ","), ("wall s", "wall_seconds", 8, ".2f"),
           ("CPU s", "cpu_seconds", 8, ".2f"), ("dec/s", "decisions_per_second", 10, ",.0f"),
           ("dec/CPU-s", "decisions_per_cpu_second", 11, ",.0f"), ("dec/game", "decisions_per_game", 10, ".1f")]


class PeerUnavailable(RuntimeError):
    """A peer engine cannot be measured on this machine; the message says why."""


def peers_dir() -> Path:
    return Path(os.environ.get("FRIENDSHIP_PASS_PEERS") or HERE / ".peers").resolve()


def _intercept_story(root: Path) -> Path | None:
    if not root.is_dir():
        return None
    found = sorted(root.rglob("TheIntercept.ink"))
    return found[0] if found else None


def _command(engine: str, seconds: float, repeat: int) -> list[str]:
    """Build the node command line for `engine`; raise PeerUnavailable with a one-line reason."""
    node = shutil.which("node")
    if node is None:
        raise PeerUnavailable("node not found on PATH")
    root = peers_dir()
    common = ["--seconds", str(seconds), "--repeat", str(repeat)]
    if engine == "choicescript":
        cs = root / "choicescript"
        if not (cs / "randomtest.js").is_file() or not (cs / "web" / "mygame" / "scenes" / "startup.txt").is_file():
            raise PeerUnavailable(f"ChoiceScript not found in {cs} {SETUP_HINT}")
        return [node, str(DRIVERS / "choicescript_driver.js"), "--choicescript", str(cs), *common]
    if engine == "inkjs":
        pkg = root / "node_modules" / "inkjs"
        try:
            version = json.loads((pkg / "package.json").read_text())["version"]
        except (OSError, ValueError, KeyError):
            raise PeerUnavailable(f"inkjs not found in {pkg} {SETUP_HINT}") from None
        if not str(version).startswith("2."):
            raise PeerUnavailable(f"inkjs {version} in {pkg} is not 2.x {SETUP_HINT}")
        story = _intercept_story(root / "the-intercept")
        if story is None:
            raise PeerUnavailable(f"TheIntercept.ink not found in {root / 'the-intercept'} {SETUP_HINT}")
        return [node, str(DRIVERS / "inkjs_driver.js"), "--inkjs", str(pkg), "--story", str(story), *common]
    raise PeerUnavailable(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")


def available() -> dict[str, str]:
    """Engine -> "" if it can be measured here, else a one-line reason why not."""
    reasons: dict[str, str] = {}
    for engine in ENGINES:
        try:
            _command(engine, 1.0, 1)
            reasons[engine] = ""
        except PeerUnavailable as e:
            reasons[engine] = str(e)
    return reasons


def _pin_to_one_cpu() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def measure(engine: str, seconds: float = 5.0, repeat: int = 1) -> dict[str, Any]:
    """Run `engine`'s driver in a node subprocess for about `seconds` x `repeat`; its JSON plus rates.

    Raises PeerUnavailable if the peer is not set up, or if the driver fails (with its stderr).
    """
    cmd = _command(engine, seconds, repeat)
    try:
        proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=120 + 3 * seconds * repeat,
                              preexec_fn=_pin_to_one_cpu)
    except subprocess.TimeoutExpired:
        raise PeerUnavailable(f"{engine} driver timed out") from None
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        detail = " | ".join((proc.stderr.strip() or proc.stdout.strip() or "no output").splitlines()[-3:])
        raise PeerUnavailable(f"{engine} driver failed (exit {proc.returncode}): {detail}")
    result: dict[str, Any] = json.loads(lines[-1])
    decisions, wall, cpu, games = result["decisions"], result["wall_seconds"], result["cpu_seconds"], result["games"]
    result["decisions_per_second"] = decisions / wall if wall else 0.0
    result["decisions_per_cpu_second"] = decisions / cpu if cpu else 0.0
    result["decisions_per_game"] = decisions / games if games else 0.0
    result["games_per_cpu_second"] = games / cpu if cpu else 0.0
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="timed playing per run (default 5)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per peer; the best is reported (default 3)")
    parser.add_argument("--json", action="store_true", help="print one JSON line per measured peer")
    parser.add_argument("engines", nargs="*", metavar="ENGINE", help=f"any of {', '.join(ENGINES)} (default: all)")
    args = parser.parse_args(argv)
    reasons = available()
    header = f"{'engine':<13}" + "".join(f"{title:>{w}}" for title, _, w, _f in COLUMNS)
    rows: list[str] = []
    for engine in args.engines or ENGINES:
        reason = reasons.get(engine, f"unknown engine (known: {', '.join(ENGINES)})")
        if reason:
            rows.append(f"skip {engine}: {reason}")
            continue
        try:
            r = measure(engine, args.seconds, args.repeat)
        except PeerUnavailable as e:
            rows.append(f"skip {engine}: {e}")
            continue
        if args.json:
            print(json.dumps(r))
            continue
        rows.append(f"{engine:<13}" + "".join(f"{r[key]:>{w}{fmt}}" for _t, key, w, fmt in COLUMNS))
    if args.json:
        for row in rows:
            print(row, file=sys.stderr)
        return 0
    print(header)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
