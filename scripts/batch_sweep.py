#!/usr/bin/env python3
"""Sweep every graph family through ``pathsum batch`` and summarise what the engines spent.

End to end, as a user's script would do it:

1. generate a sweep of sizes of each family (``pathsum.families``) into a temporary folder,
   one YAML file per graph, one sub-folder per family;
2. run ``pathsum batch FOLDER --format csv -o sweep.csv --jobs N`` on it;
3. read the CSV back (exact integers) and print, per family, the number of graphs, the
   largest path count, and how many more operations the path engine spent than reverse
   mode on the largest member.

Usage::

    python scripts/batch_sweep.py [--jobs N] [--keep DIR]

The exit status is pathsum batch's: 0 when every graph was analysed, 1 if any failed
(their errors are printed), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

from pathsum.families import FAMILIES, generate, to_yaml

#: Sizes per family: small enough for CI (a few seconds), large enough to show the blow-up.
#: Diamonds past 12 stages exceed --max-paths, so their path-engine counts are derived.
SWEEP: dict[str, tuple[int, ...]] = {
    "diamond": (1, 2, 4, 8, 16, 32, 64),
    "diamond-nodes": (1, 2, 4, 8),
    "lattice": (2, 4, 6, 8, 10),
    "mlp": (0, 1, 2, 3),
    "rnn": (1, 2, 4, 8, 16),
    "random": (10, 20, 40, 80),
}


def write_sweep(folder: Path) -> int:
    """Write every family's sweep as ``folder/FAMILY/NNN.yaml``; return the number of files."""
    count = 0
    for family in FAMILIES:
        sizes = SWEEP.get(family, (None,))  # a family added later: its default size
        (folder / family).mkdir(parents=True)
        for size in sizes:
            name = "default" if size is None else f"{size:03d}"
            (folder / family / f"{name}.yaml").write_text(to_yaml(generate(family, size)),
                                                          encoding="utf-8")
            count += 1
    return count


def run_batch(folder: Path, out: Path, jobs: int) -> subprocess.CompletedProcess:
    """``pathsum batch`` through its command line, with this interpreter."""
    command = [sys.executable, "-m", "pathsum", "batch", str(folder), "--format", "csv",
               "-o", str(out), "--jobs", str(jobs)]
    print("$", " ".join(["pathsum", *command[3:]]), flush=True)
    return subprocess.run(command, capture_output=True, text=True, check=False)


def ops(row: dict[str, str], engine: str) -> int:
    return int(row[f"{engine}_mul"]) + int(row[f"{engine}_add"])


def summarise(rows: list[dict[str, str]]) -> list[list[str]]:
    """One line per family: graphs, largest member, its paths and the path/reverse op ratio."""
    table = [["family", "graphs", "largest", "paths", "path ops", "reverse ops",
              "path/reverse", "agree"]]
    families: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        families.setdefault(Path(row["source"]).parent.name, []).append(row)
    order = list(FAMILIES)
    for family, members in sorted(families.items(),
                                  key=lambda item: (order.index(item[0])
                                                    if item[0] in order else len(order))):
        good = [r for r in members if not r["error"]]
        if not good:
            table.append([family, str(len(members)), "-", "-", "-", "-", "-", "-"])
            continue
        top = max(good, key=lambda r: int(r["total_paths"]))
        path_ops, reverse_ops = ops(top, "path"), ops(top, "reverse")
        derived = "" if top["path_enumerated"] == "true" else " (derived)"
        ratio = Fraction(path_ops, reverse_ops) if reverse_ops else None
        agree = all(r["agree"] == "true" for r in good)
        table.append([family, str(len(members)), top["graph"], _big(int(top["total_paths"])),
                      _big(path_ops) + derived, _big(reverse_ops),
                      "-" if ratio is None else f"{float(ratio):.3g}x",
                      "yes" if agree else "NO"])
    return table


def _big(n: int) -> str:
    return f"{n:,}" if n < 10**12 else f"{n:.3e}"


def show(table: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(w) if i < 3 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths, strict=True))))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="pathsum batch --jobs (default 2)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="write DIR/graphs/ and DIR/sweep.csv here instead of a temporary "
                             "folder")
    args = parser.parse_args(argv)
    if args.keep is not None and (args.keep / "graphs").exists():
        parser.error(f"{args.keep / 'graphs'} exists already; --keep needs a folder without it")
    with tempfile.TemporaryDirectory(prefix="pathsum-sweep-") as scratch:
        root = args.keep or Path(scratch)
        graphs = root / "graphs"
        count = write_sweep(graphs)
        out = root / "sweep.csv"
        done = run_batch(graphs, out, args.jobs)
        if done.returncode not in (0, 1):
            sys.stderr.write(done.stderr)
            return done.returncode
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        if len(rows) != count:
            print(f"expected {count} records, got {len(rows)}", file=sys.stderr)
            return 1
        print(f"{count} graphs from {len(FAMILIES)} families -> {out if args.keep else 'sweep.csv'}")
        show(summarise(rows))
        for row in rows:
            if row["error"]:
                print(f"failed: {row['error']}", file=sys.stderr)
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
