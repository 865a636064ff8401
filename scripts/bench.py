#!/usr/bin/env python3
"""pathsum's performance benchmark (issue 5; DESIGN §7).

One run measures, on generated diamond, MLP and random graphs from 10^3 to 10^6 edges:
node-value evaluation, the forward and reverse sweeps (fast float64 path, both of its
methods, and the generic loop), a plain pure-Python reverse sweep as the reference loop,
path counting, enumeration (paths/s and path-edges/s) against networkx, and peak memory.
Every target of the issue is printed as a ratio measured in this run, marked met or not.

    python scripts/bench.py                # the full run: ~12 minutes, ~6 GB of memory
    python scripts/bench.py --quick        # tiny sizes, seconds: a smoke test (.ci/run)
    python scripts/bench.py --json out.json

Times are the best of a few repeats; the machine is shared, so compare the ratios.
Nothing here asserts a time: a target that is not met is reported, not raised.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_cold
import bench_startup
import networkx as nx
import numpy as np
import scipy

import pathsum
from pathsum import families
from pathsum.compiled import CompiledGraph, compile_graph
from pathsum.counting import count_paths
from pathsum.engines.forward import forward_engine
from pathsum.engines.path import path_engine
from pathsum.engines.reverse import reverse_engine
from pathsum.formula import Formula, parse_formula
from pathsum.graph import Graph

ROOT = Path(__file__).resolve().parent.parent

FULL_SIZES = (1_000, 10_000, 100_000, 1_000_000)
QUICK_SIZES = (300, 1_000)


# -- graphs ---------------------------------------------------------------------------------

def diamond_doc(edges: int) -> dict[str, Any]:
    return families.diamond(max(1, edges // 3))


def mlp_widths(edges: int) -> list[int]:
    """4 inputs, 1 output, and about as many hidden layers as units per layer."""
    width = max(2, round(edges ** (1 / 3)))
    return [4] + [width] * max(1, round(edges / width**2)) + [1]


def mlp_doc(edges: int) -> dict[str, Any]:
    return families.mlp(mlp_widths(edges), seed=0)


def random_doc(edges: int) -> dict[str, Any]:
    return families.random_dag(max(12, edges // 10), degree=10.0, seed=0, inputs=2, outputs=1)


def random_nodes_doc(edges: int) -> dict[str, Any]:
    """The random DAG as formulas: every node is tanh of its parents, weighted by the edge
    partials, so that it has node values to evaluate."""
    doc = random_doc(edges)
    terms: dict[str, list[str]] = {}
    for u, v, p in doc["edges"]:
        terms.setdefault(v, []).append(f"{p!r}*{u}")
    rng = np.random.default_rng(0)
    inputs = {x: round(float(rng.uniform(-1, 1)), 4) for x in doc["inputs"]}
    nodes = {v: f"tanh({' + '.join(t).replace('+ -', '- ')})" for v, t in terms.items()}
    return {"name": doc["name"] + "-nodes", "inputs": inputs, "nodes": nodes,
            "outputs": doc["outputs"]}


FAMILIES: dict[str, Callable[[int], dict[str, Any]]] = {
    "diamond": diamond_doc,
    "mlp": mlp_doc,
    "random": random_doc,
}


# -- measuring ------------------------------------------------------------------------------

def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Best wall time of at least ``repeat`` calls (more, up to 50, while they add up to
    less than 0.2 s, so that sub-millisecond steps are not one noisy sample), and the
    last result."""
    best, result, spent, calls = float("inf"), None, 0.0, 0
    while calls < repeat or (spent < 0.2 and calls < 50):
        start = time.perf_counter()
        result = fn()
        took = time.perf_counter() - start
        best, spent, calls = min(best, took), spent + took, calls + 1
    return best, result


def reference_reverse(cg: CompiledGraph) -> float:
    """A plain pure-Python reverse sweep over the compiled adjacency lists: the reference
    loop (no activity analysis, no counting). Returns its time."""
    start = time.perf_counter()
    bench_cold.python_sweep(cg, cg.out_edges)
    return time.perf_counter() - start


def formulas_of(graph: Graph) -> dict[str, Formula]:
    nodes = graph.network.nodes
    return {n: parse_formula(nodes[n]["formula"]) for n in graph.order if "formula" in nodes[n]}


def evaluate_values(graph: Graph, formulas: dict[str, Formula]) -> dict[str, float]:
    """Node values only: each formula's tape run forward, as Formula.evaluate's first half."""
    env = {x: graph.values[x] for x in graph.inputs}
    for name in graph.order:
        formula = formulas.get(name)
        if formula is not None:
            env[name] = formula.value(env)
    return env


def evaluate_partials(graph: Graph, formulas: dict[str, Formula]) -> int:
    """Node values and every local partial, as loading computes them."""
    env = {x: graph.values[x] for x in graph.inputs}
    count = 0
    for name in graph.order:
        formula = formulas.get(name)
        if formula is None:
            continue
        env[name], partials = formula.evaluate(env)
        count += len(partials)
    return count


def same_counts(a: Any, b: Any) -> bool:
    return (a.mul, a.add, a.sweeps) == (b.mul, b.add, b.sweeps)


def sweeps_row(family: str, edges: int, quick: bool, cold_only: bool = False) -> dict[str, Any]:
    """Everything measured on one generated graph (with ``cold_only``: cold and warm default
    sweeps only)."""
    doc = FAMILIES[family](edges)
    start = time.perf_counter()
    graph = pathsum.load(doc)
    cg = compile_graph(graph)
    row: dict[str, Any] = {"family": family, "graph": graph.name, "nodes": cg.n_nodes,
                           "edges": cg.n_edges, "inputs": len(cg.inputs),
                           "outputs": len(cg.outputs),
                           "load_compile_s": time.perf_counter() - start}
    repeat = 1 if cg.n_edges > 300_000 else 3
    row.update(bench_cold.cold_figures(cg))
    row["reference_reverse_s"] = min(reference_reverse(cg) for _ in range(repeat))
    for name, engine in (("forward", forward_engine), ("reverse", reverse_engine)):
        first = time.perf_counter()
        fast = engine(cg)
        row[f"{name}_first_call_s"] = time.perf_counter() - first  # builds the arrays
        row[f"{name}_fast_s"], fast = timed(lambda e=engine: e(cg), repeat)
        if cold_only:
            continue
        for method in ("levels", "solve"):
            engine(cg, backend=method)  # builds that method's arrays
            row[f"{name}_{method}_s"], forced = timed(lambda e=engine, m=method: e(
                cg, backend=m), repeat)
            assert same_counts(forced, fast), (name, method)
        row[f"{name}_generic_s"], generic = timed(lambda e=engine: e(cg, backend="python"),
                                                  1 if cg.n_edges > 30_000 else repeat)
        row[f"{name}_sweeps"] = fast.sweeps
        row[f"{name}_mul"], row[f"{name}_add"] = fast.mul, fast.add
        row[f"{name}_counts_equal"] = same_counts(fast, generic)
        per_sweep = row[f"{name}_fast_s"] / fast.sweeps
        row[f"{name}_vs_reference"] = row["reference_reverse_s"] / per_sweep
        row[f"{name}_fast_vs_generic"] = row[f"{name}_generic_s"] / row[f"{name}_fast_s"]
        row[f"{name}_edges_per_s"] = cg.n_edges * fast.sweeps / row[f"{name}_fast_s"]
    if cold_only:
        return row
    row["count_paths_s"], counts = timed(lambda: count_paths(cg), 1)
    row["total_paths_digits"] = int(counts.total.bit_length() * 0.30103) + 1
    if family in ("mlp", "random"):
        row.update(cheap_gradient(graph if family == "mlp" else pathsum.load(
            random_nodes_doc(edges)), repeat))
    return row


def cheap_gradient(graph: Graph, repeat: int) -> dict[str, Any]:
    """(compute partials + reverse sweep) / evaluate node values, on a formula graph.

    The three steps are timed in alternation, round after round, and each keeps its best:
    load from the other engineers' work on this shared machine then falls on all three.
    """
    formulas = formulas_of(graph)
    cg = compile_graph(graph)
    reverse_engine(cg)  # the arrays are built once per graph, like loading it
    steps = {"values_s": lambda: evaluate_values(graph, formulas),
             "partials_s": lambda: evaluate_partials(graph, formulas),
             "gradient_reverse_s": lambda: reverse_engine(cg)}
    best = dict.fromkeys(steps, float("inf"))
    start = time.perf_counter()
    rounds = 0
    while rounds < max(repeat, 3) or (time.perf_counter() - start < 1.0 and rounds < 30):
        for name, step in steps.items():
            best[name] = min(best[name], timed(step, 1)[0])
        rounds += 1
    best["cheap_gradient_ratio"] = ((best["partials_s"] + best["gradient_reverse_s"])
                                    / best["values_s"])
    return best


def networkx_paths(graph: Graph) -> tuple[int, float]:
    """networkx.all_simple_edge_paths (the multigraph form of all_simple_paths, one path per
    choice of parallel edge) with each path's product: paths and the sum."""
    network = graph.network
    paths, total = 0, 0.0
    for x in graph.inputs:
        for y in graph.outputs:
            for path in nx.all_simple_edge_paths(network, x, y):
                product = 1.0
                for u, v, k in path:
                    product *= network[u][v][k]["partial"]
                total += product
                paths += 1
    return paths, total


def enumeration_row(k: int, with_networkx: bool) -> dict[str, Any]:
    graph = pathsum.load(families.diamond(k))
    cg = compile_graph(graph)
    paths = 3**k
    row: dict[str, Any] = {"k": k, "paths": paths, "path_edges": paths * k}
    chunks_s, fast = timed(lambda: path_engine(cg), 3)
    generic_s, generic = timed(lambda: path_engine(cg, backend="python"), 1)
    row.update(chunks_s=chunks_s, generic_s=generic_s,
               counts_equal=(fast.mul, fast.add) == (generic.mul, generic.add),
               chunks_paths_per_s=paths / chunks_s, chunks_path_edges_per_s=paths * k / chunks_s,
               generic_paths_per_s=paths / generic_s)
    if with_networkx:
        nx_s, (nx_paths, _) = timed(lambda: networkx_paths(graph), 1)
        assert nx_paths == paths
        row.update(networkx_s=nx_s, networkx_paths_per_s=paths / nx_s,
                   chunks_vs_networkx=nx_s / chunks_s)
    return row


def in_child(code: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter; it prints one JSON line. Adds the child's peak
    RSS and wall time.

    The peak is the kernel's VmHWM of the child: getrusage's ru_maxrss would carry this
    (large) parent's peak over the fork into the child.
    """
    probe = (f"{code}\nimport json, re\n"
             "hwm = re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read())\n"
             "print(json.dumps({**result, 'peak_rss_mb': int(hwm.group(1)) / 1024}))")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    record = json.loads(done.stdout.strip().splitlines()[-1])
    record["wall_s"] = time.perf_counter() - start
    return record


def enumeration_memory(k: int) -> dict[str, Any]:
    return in_child(
        "from pathsum import families, load\nfrom pathsum.compiled import compile_graph\n"
        "from pathsum.engines.path import path_engine\n"
        f"r = path_engine(compile_graph(load(families.diamond({k}))))\n"
        "result = {'k': " + str(k) + ", 'mul': r.mul}")


def counting_row(k: int) -> dict[str, Any]:
    cg = compile_graph(pathsum.load(families.diamond(k)))
    seconds, counts = timed(lambda: count_paths(cg), 1)
    exact = counts.paths[cg.outputs[0]][cg.inputs[0]] == 3**k
    return {"k": k, "edges": cg.n_edges, "seconds": seconds, "exact": exact}


# -- report ---------------------------------------------------------------------------------

def fmt_s(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) + " |"
            for r in rows]
    return "\n".join([line, rule, *body])


def report(results: dict[str, Any]) -> str:
    out = [f"pathsum {pathsum.__version__} bench ({results['mode']}) on {results['machine']}"]
    if results["mode"] == "cold-only":
        return "\n".join([*out, *bench_cold.report(results, table, fmt_s), "",
                          "Targets (ratios measured in this run)", *marks(results)])
    rows = results["sweeps"]
    out += ["", "Sweeps (per-sweep ratios against the reference pure-Python reverse sweep)",
            table(["graph", "edges", "ref", "rev fast", "(levels/solve)", "rev generic",
                   "×ref", "fwd fast", "(levels/solve)", "fwd generic", "×ref", "counts"],
                  [[r["family"], f"{r['edges']:,}", fmt_s(r["reference_reverse_s"]),
                    fmt_s(r["reverse_fast_s"]),
                    f"{fmt_s(r['reverse_levels_s'])} / {fmt_s(r['reverse_solve_s'])}",
                    fmt_s(r["reverse_generic_s"]), f"{r['reverse_vs_reference']:.1f}",
                    f"{fmt_s(r['forward_fast_s'])} ({r['forward_sweeps']})",
                    f"{fmt_s(r['forward_levels_s'])} / {fmt_s(r['forward_solve_s'])}",
                    fmt_s(r["forward_generic_s"]), f"{r['forward_vs_reference']:.1f}",
                    "equal" if r["reverse_counts_equal"] and r["forward_counts_equal"]
                    else "DIFFER"] for r in rows])]
    out += ["", "Counting, values and the cheap gradient",
            table(["graph", "edges", "count paths", "digits", "values", "partials",
                   "reverse", "(partials+reverse)/values"],
                  [[r["family"], f"{r['edges']:,}", fmt_s(r["count_paths_s"]),
                    str(r["total_paths_digits"]),
                    *([fmt_s(r["values_s"]), fmt_s(r["partials_s"]),
                       fmt_s(r["gradient_reverse_s"]), f"{r['cheap_gradient_ratio']:.2f}"]
                      if "values_s" in r else ["—"] * 4)] for r in rows])]
    out += ["", "Enumeration on the diamond chain (paths of k edges)",
            table(["k", "paths", "chunks", "paths/s", "path-edges/s", "generic paths/s",
                   "networkx paths/s", "chunks/networkx"],
                  [[str(r["k"]), f"{r['paths']:,}", fmt_s(r["chunks_s"]),
                    f"{r['chunks_paths_per_s'] / 1e6:.2f} M",
                    f"{r['chunks_path_edges_per_s'] / 1e6:.1f} M",
                    f"{r['generic_paths_per_s'] / 1e6:.2f} M",
                    f"{r['networkx_paths_per_s'] / 1e3:.0f} k" if "networkx_s" in r else "—",
                    f"{r['chunks_vs_networkx']:.0f}×" if "networkx_s" in r else "—"]
                   for r in results["enumeration"]])]
    out += ["", "Peak RSS (fresh processes)",
            table(["run", "seconds", "peak RSS"],
                  [[f"enumerate diamond k={r['k']}", fmt_s(r["wall_s"]),
                    f"{r['peak_rss_mb']:.0f} MB"] for r in results["memory"]]
                  + [["this benchmark process", "", f"{results['peak_rss_mb']:.0f} MB"]])]
    out += bench_startup.report(results, table, fmt_s)
    out += bench_cold.report(results, table, fmt_s)
    out += ["", "Targets (ratios measured in this run)", *marks(results)]
    return "\n".join(out)


def marks(results: dict[str, Any]) -> list[str]:
    return [f"  [{'met' if target['met'] else 'NOT MET'}] {target['target']}: "
            f"{target['measured']}" for target in results["targets"]]


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    if results["mode"] == "cold-only":
        return bench_cold.targets(results)
    found = []
    big = [r for r in results["sweeps"] if r["edges"] >= 300_000]
    if big:
        worst = min(big, key=lambda r: min(r["reverse_vs_reference"], r["forward_vs_reference"]))
        found.append({
            "target": "reverse and forward sweeps >= 10x the pure-Python reference sweep "
                      "(>= 300k edges)",
            "met": all(min(r["reverse_vs_reference"], r["forward_vs_reference"]) >= 10
                       for r in big),
            "measured": ", ".join(f"{r['family']} rev {r['reverse_vs_reference']:.1f}x "
                                  f"fwd {r['forward_vs_reference']:.1f}x" for r in big)
                        + f" (lowest: {worst['family']})"})
    cheap = [r for r in results["sweeps"] if "cheap_gradient_ratio" in r]
    if cheap:
        largest = max(r["edges"] for r in cheap)
        at = [r for r in cheap if r["edges"] == largest]
        found.append({
            "target": "cheap gradient: (partials + reverse) <= 3x node values, mlp and random",
            "met": all(r["cheap_gradient_ratio"] <= 3 for r in cheap),
            "measured": ", ".join(f"{r['family']} {r['edges']:,}: "
                                  f"{r['cheap_gradient_ratio']:.2f}" for r in cheap)
                        + f" (largest {at[0]['edges']:,})"})
    enum = [r for r in results["enumeration"] if "chunks_vs_networkx" in r]
    if enum:
        top = max(enum, key=lambda r: r["k"])
        found.append({
            "target": f"enumeration >= 30x networkx paths/s on diamond k={top['k']}",
            "met": top["chunks_vs_networkx"] >= 30,
            "measured": f"{top['chunks_paths_per_s'] / 1e6:.2f} M vs "
                        f"{top['networkx_paths_per_s'] / 1e3:.0f} k paths/s = "
                        f"{top['chunks_vs_networkx']:.0f}x"})
    mem = results["memory"]
    if len(mem) == 2:
        grew = mem[1]["peak_rss_mb"] - mem[0]["peak_rss_mb"]
        found.append({
            "target": f"peak RSS enumerating diamond k={mem[1]['k']} within 100 MB of "
                      f"k={mem[0]['k']}",
            "met": grew <= 100,
            "measured": f"{mem[0]['peak_rss_mb']:.0f} MB -> {mem[1]['peak_rss_mb']:.0f} MB "
                        f"({grew:+.0f} MB; {3 ** mem[1]['k']:,} paths)"})
    count = results["counting"]
    found.append({
        "target": f"exact path counts on diamond k={count['k']:,} under 2 s",
        "met": count["seconds"] < 2 and count["exact"],
        "measured": fmt_s(count["seconds"]) + (", exact" if count["exact"] else ", WRONG")})
    found += bench_startup.targets(results)
    e2e = results["cold_end_to_end"]
    found.append({
        "target": f"pathsum analyze on {e2e['edges']:,} edges (YAML, JSON) well under a minute",
        "met": max(e2e["yaml_s"], e2e["json_s"]) < 60 and e2e["yaml_agree"] and e2e["json_agree"],
        "measured": f"{fmt_s(e2e['yaml_s'])} / {fmt_s(e2e['json_s'])}, peak RSS "
                    f"{e2e['yaml_peak_rss_mb']:.0f} / {e2e['json_peak_rss_mb']:.0f} MB"})
    return found + bench_cold.targets(results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--sizes", help="comma-separated edge counts (default 10^3..10^6)")
    parser.add_argument("--cold-only", action="store_true",
                        help="only what users pay (issue 11): cold and warm default sweeps, "
                             "every route on many seeds, reading and analyze end to end")
    parser.add_argument("--end-to-end", type=int, metavar="EDGES",
                        help="edges of the graph analyzed end to end (default: the largest size)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="runs of each end-to-end analyze, alternated (default 2)")
    parser.add_argument("--routes", type=int, metavar="K", default=None,
                        help="inputs of the fan-in and steps of the rnn for the route table "
                             "(default 1000; 60 with --quick)")
    parser.add_argument("--baseline", metavar="COMMIT", default=bench_cold.BASELINE,
                        help="the commit whose pathsum analyze is compared end to end "
                             f"(default {bench_cold.BASELINE}, before issue 11)")
    args = parser.parse_args(argv)
    bench_cold.BASELINE = args.baseline
    sizes = (tuple(int(s) for s in args.sizes.split(",")) if args.sizes
             else QUICK_SIZES if args.quick else FULL_SIZES)
    openblas = {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS")}
    results: dict[str, Any] = {
        "mode": "cold-only" if args.cold_only else "quick" if args.quick else "full",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                   f"{platform.python_version()}, numpy {np.__version__}, "
                   f"scipy {scipy.__version__}, networkx {nx.__version__}"
                   + (f", {' '.join(f'{k}={v}' for k, v in openblas.items())}" if openblas
                      else ""),
        "sweeps": [], "enumeration": [], "memory": []}

    def progress(label: str) -> None:
        print(f"... {label}", file=sys.stderr, flush=True)

    for edges in sizes:
        for family in FAMILIES:
            progress(f"{family} ~{edges:,} edges")
            results["sweeps"].append(sweeps_row(family, edges, args.quick, args.cold_only))
    if not args.cold_only:
        for k in (6, 8) if args.quick else (10, 12):
            progress(f"enumerate diamond k={k}")
            results["enumeration"].append(enumeration_row(k, with_networkx=True))
        for k in ((6, 9) if args.quick else (10, 14)):
            progress(f"peak RSS enumerating diamond k={k}")
            results["memory"].append(enumeration_memory(k))
        k = 1_000 if args.quick else 100_000
        progress(f"count paths on diamond k={k}")
        results["counting"] = counting_row(k)
    k = args.routes or (60 if args.quick else 1_000)
    progress(f"every route on a {k}-input fan-in and rnn {k}")
    results["routes"] = bench_cold.route_rows(k)
    edges = args.end_to_end or max(sizes)
    with tempfile.TemporaryDirectory() as tmp:
        progress(f"pathsum analyze end to end, {edges:,} edges, now and before issue 11")
        results["cold_end_to_end"] = bench_cold.end_to_end(edges, Path(tmp),
                                                            with_baseline=not args.quick,
                                                            rounds=args.rounds)
    if not args.cold_only:
        progress("start-up")
        results.update(bench_startup.measure(repeat=5))
    results["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["targets"] = targets(results)
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
