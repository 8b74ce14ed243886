"""All the benchmarks, one after another; with --write their raw output goes to benchmarks/LATEST.md.

Run:  .venv/bin/python benchmarks/run.py [--quick] [--write]

benchmarks/RESULTS.md is kept by hand: each section is a script's table from such a run, with what it was
compared against (old and new code alternated) and what the numbers mean; --write never touches it.

Each script measures its own things side by side in one run (the machines are shared and noisy, so
compare ratios within a section, not numbers across runs): engine.py (decisions per second next to
ChoiceScript and ink), content.py (loading, translations, validate, simulate), tui.py (key to frame,
launch, memory), serve.py (the class server). Nothing here is a test and nothing fails on time.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = {
    "Engine: decisions per second, side by side with ChoiceScript and ink": ("engine.py", ["--seconds", "5"],
                                                                              ["--seconds", "2", "--repeat", "1"]),
    "Content, translations and author tools": ("content.py", [], ["--runs", "200"]),
    "Terminal game: key to frame, launch, memory": ("tui.py", [], ["--keys", "60", "--skip-memory"]),
    "Class server": ("serve.py", [], []),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="shorter runs (rougher numbers)")
    parser.add_argument("--write", action="store_true", help="record the raw output in benchmarks/LATEST.md")
    args = parser.parse_args()
    machine = f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · Python {platform.python_version()}"
    out = [f"# Benchmark results\n\n{time.strftime('%Y-%m-%d')} · {machine}\n\n"
           f"Made by `.venv/bin/python benchmarks/run.py{' --quick' if args.quick else ''} --write`. Compare ratios "
           "within a section; absolute numbers move with the machine's load.\n"]
    for title, (script, full, quick) in SCRIPTS.items():
        path = HERE / script
        if not path.exists():
            continue
        print(f"== {title} ({script})", flush=True)
        started = time.perf_counter()
        run = subprocess.run([sys.executable, str(path), *(quick if args.quick else full)], capture_output=True,
                             text=True, check=False)
        took = time.perf_counter() - started
        body = run.stdout.rstrip() or "(no output)"
        if run.returncode:
            body += f"\n\n(exit {run.returncode})\n{run.stderr.strip()[-2000:]}"
        print(body, flush=True)
        out.append(f"## {title}\n\n`{script}` ({took:.0f} s)\n\n" + (body if body.startswith("|") else
                                                                    f"```\n{body}\n```") + "\n")
    if args.write:
        (HERE / "LATEST.md").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
