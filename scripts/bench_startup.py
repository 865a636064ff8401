#!/usr/bin/env python3
"""Start-up: the CPU a fresh ``pathsum`` process takes, and where it goes (issue 10 item 16).

Each command runs as a fresh process several times; the least user + system CPU counts,
beside a bare ``python -c pass`` measured in the same run (the ratio is what compares
across machines and loads). Then one ``python -X importtime`` run of
``pathsum analyze graphs/olah.yaml`` sums each package's own import time: what is left of
the start-up, and who pays for it. ``-X importtime`` inflates every figure a little, so
read its shares, not its milliseconds.

    python scripts/bench_startup.py            # this section alone, ~10 s
    python scripts/bench_startup.py --repeat 15

Measure in a fresh virtualenv without system packages: that is what a user gets.
"""

from __future__ import annotations

import argparse
import math
import resource
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OLAH = ["-m", "pathsum", "analyze", str(ROOT / "graphs" / "olah.yaml")]

STARTUP = {"python -c pass": ["-c", "pass"],
           "pathsum --help": ["-m", "pathsum", "--help"],
           "pathsum analyze graphs/olah.yaml": OLAH}
#: Below this many seconds of CPU (issue 10 item 16).
TARGET = 0.3
#: The packages whose import time is worth naming; the rest is "other".
PACKAGES = ("networkx", "click", "rich", "yaml", "pathsum", "numpy", "scipy")


def _cpu(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *args], capture_output=True, check=True, cwd=ROOT)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup_rows(repeat: int = 5) -> list[dict[str, Any]]:
    """CPU seconds (user + system) of fresh processes, the least of ``repeat`` runs each,
    and their ratio to a bare ``python -c pass``; the commands take turns, so that a burst
    of load elsewhere falls on all of them."""
    best = dict.fromkeys(STARTUP, math.inf)
    for _ in range(repeat):
        for label, args in STARTUP.items():
            best[label] = min(best[label], _cpu(args))
    base = max(best["python -c pass"], 1e-3)
    return [{"command": label, "cpu_s": cpu, "vs_python": cpu / base}
            for label, cpu in best.items()]


def import_budget(args: list[str] = OLAH, repeat: int = 5) -> dict[str, float]:
    """Seconds of import time by package (each module's own time, ``-X importtime``), the
    least of ``repeat`` runs for each package: importtime reads a wall clock, which a
    loaded machine stretches."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        spent: dict[str, float] = defaultdict(float)
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            own, _cumulative, name = line[len("import time:"):].split("|")
            package = name.strip().split(".")[0]
            spent[package if package in PACKAGES else "other"] += int(own) / 1e6
        for package, seconds in spent.items():
            best[package] = min(best.get(package, math.inf), seconds)
    return dict(sorted(best.items(), key=lambda item: -item[1]))


def report(results: dict[str, Any], table: Callable, fmt_s: Callable) -> list[str]:
    rows = results["startup"]
    out = ["", f"Start-up (CPU of a fresh process, least of {results['startup_repeat']})",
           table(["command", "CPU", "× python -c pass"],
                 [[r["command"], fmt_s(r["cpu_s"]), f"{r['vs_python']:.1f}"] for r in rows])]
    budget = results.get("import_budget")
    if budget:
        total = sum(budget.values())
        out += ["", ("Where pathsum analyze graphs/olah.yaml spends its imports "
                     "(-X importtime, each module's own time, least of the runs; compare the shares)"),
                table(["package", "import time", "share"],
                      [[name, fmt_s(seconds), f"{seconds / total:.0%}"]
                       for name, seconds in budget.items()]
                      + [["all imports", fmt_s(total), "100%"]])]
    return out


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"target": f"{r['command']} under {TARGET} s of CPU",
             "met": r["cpu_s"] < TARGET,
             "measured": f"{r['cpu_s'] * 1e3:.1f} ms, {r['vs_python']:.1f}x python -c pass"}
            for r in results["startup"][1:]]


def measure(repeat: int) -> dict[str, Any]:
    return {"startup": startup_rows(repeat), "startup_repeat": repeat,
            "import_budget": import_budget(repeat=repeat)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=9,
                        help="fresh processes per command; the least CPU counts (default 9)")
    args = parser.parse_args(argv)
    from bench import fmt_s, table  # the full benchmark's table format

    results = measure(args.repeat)
    print(f"Python {sys.version.split()[0]} at {sys.executable}")
    print("\n".join(report(results, table, fmt_s)))
    for target in targets(results):
        print(f"  [{'met' if target['met'] else 'NOT MET'}] {target['target']}: "
              f"{target['measured']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
