#!/usr/bin/env python3
"""AlphaGrad's benchmark in pathsum (issue 18): each task imported faithfully, every
elimination engine run on it, the counts beside AlphaGrad's published ones.

    python scripts/alphagrad.py                         # every task, search budget 10 s
    python scripts/alphagrad.py --budget 60             # the issue's setting
    python scripts/alphagrad.py --tasks g,RoeFlux_1d --format json
    python scripts/alphagrad.py --write-graphs          # graphs/alphagrad/*.yaml again

The tasks are ``benchmarks/alphagrad`` (JAX functions written from the published
equations), the published counts ``benchmarks/alphagrad/published.yaml`` (with their
provenance). The engines are pathsum's registry minus the sweeps, path enumeration and the
engines that need more than a graph, so a new elimination engine joins the table by
joining the registry. ``eliminate-optimal`` shows "n/a" above its 20 intermediates.

Array tasks (RoeFlux_3d, f, Perceptron, Encoder) are counted in pathsum's scalar model,
one node per array element, which is not AlphaGrad's tensor model: their columns compare
only loosely. A task that cannot be imported is reported in one line. Needs JAX
(``pip install '.[jax]'``). Nothing here asserts a time; the search's result depends on
the budget and on the machine's speed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.alphagrad import TASKS
from benchmarks.alphagrad.run import (
    GRAPHS,
    elimination_engines,
    faithful_graph,
    published,
    run_task,
    task_named,
)
from pathsum.atomic import atomic_write


def _cell(entry: dict[str, Any] | None) -> str:
    if entry is None or "mul" not in entry:
        return "n/a"
    text = str(entry["mul"])
    if entry.get("optimal") is True:
        text += " (proven)"
    elif entry.get("bound") is not None:
        text += f" (bound {entry['bound']})"
    return text


def markdown(records: list[dict[str, Any]], engines: list[str], budget: float) -> str:
    """The table: AlphaGrad's published counts, then pathsum's count for each engine."""
    counts = published()
    short = [name.removeprefix("eliminate-") for name in engines]
    head = ["task", "graph", "AlphaGrad forward", "reverse", "Markowitz", "best",
            *[f"pathsum {short[0]}", *short[1:]]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    notes = []
    for record in records:
        row = counts.get(record["task"], {})
        theirs = [str(row.get(key, "")) for key in ("forward", "reverse", "markowitz", "best")]
        if "error" in record:
            notes.append(f"- {record['task']}: not imported: {record['error']}")
            ours = ["not imported"] + [""] * (len(engines) - 1)
            graph = "—"
        else:
            ours = [_cell(record["engines"].get(name)) for name in engines]
            model = "arrays, scalar model" if record["arrays"] else "scalar"
            graph = f"{record['nodes']} nodes ({model})"
        lines.append("| " + " | ".join([record["task"], graph, *theirs, *ours]) + " |")
    lines.append("")
    lines.append(f"`mul` counts; the searches with --budget {budget:g}. Faithful graphs: one "
                 "node per jaxpr equation (pathsum.from_jax(..., merge=False)). Array tasks "
                 "are counted in pathsum's scalar model (one node per element), AlphaGrad's "
                 "in its tensor model: not comparable one to one. BlackScholes_Jacobian's "
                 "published counts are after dropping dead equations and constant vertices.")
    return "\n".join(lines + notes) + "\n"


def write_graphs() -> list[Path]:
    """Write the faithful graph of every scalar task that has a stored file."""
    GRAPHS.mkdir(parents=True, exist_ok=True)
    written = []
    for task in TASKS:
        if task.stem:
            path = GRAPHS / f"{task.stem}.yaml"
            text = faithful_graph(task).to_yaml()
            with atomic_write(path) as handle:
                handle.write(text)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", default="",
                        help="comma-separated task names (default: all): "
                             + ", ".join(t.name for t in TASKS))
    parser.add_argument("--budget", type=float, default=10.0,
                        help="seconds for eliminate-search on each task (default 10)")
    parser.add_argument("--format", choices=("markdown", "json"), default="markdown")
    parser.add_argument("--write-graphs", action="store_true",
                        help="write graphs/alphagrad/*.yaml (the scalar tasks' faithful "
                             "graphs) and stop")
    args = parser.parse_args(argv)
    if args.write_graphs:
        for path in write_graphs():
            print(path.relative_to(ROOT))
        return 0
    try:
        tasks = [task_named(n.strip()) for n in args.tasks.split(",") if n.strip()] or TASKS
    except KeyError as err:
        parser.error(err.args[0])
    if args.budget < 0:
        parser.error("--budget must be 0 or more seconds")
    engines = elimination_engines()
    records = []
    for task in tasks:
        print(f"{task.name} ...", file=sys.stderr, flush=True)
        records.append(run_task(task, engines, args.budget))
    if args.format == "json":
        counts = published()
        for record in records:
            record["published"] = counts.get(record["task"])
        json.dump({"budget": args.budget, "engines": engines, "tasks": records}, sys.stdout,
                  indent=1)
        print()
    else:
        sys.stdout.write(markdown(records, engines, args.budget))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
