"""What a user pays (issue 11), measured for scripts/bench.py: cold engines against a cold
reference sweep, every route of every engine on graphs with many seeds, YAML readers side
by side, and ``pathsum analyze`` end to end against the code before issue 11.

Not run on its own: ``python scripts/bench.py`` imports it and prints its tables and
targets with the others.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import yaml

import pathsum
from pathsum import families
from pathsum.backend import sweeps as float_sweeps
from pathsum.backend.arrays import columns
from pathsum.compiled import CompiledGraph, compile_graph
from pathsum.engines.forward import forward_engine
from pathsum.engines.path import path_engine
from pathsum.engines.reverse import reverse_engine
from pathsum.engines.sweeps import Direction
from pathsum.yamlio import read_plain, read_yaml

#: The last commit of main before issue 11: its ``pathsum analyze`` is "today".
BASELINE = "d36b1b7"
ROUTES = {"forward": (forward_engine, ["levels", "solve", "python"]),
          "reverse": (reverse_engine, ["levels", "solve", "python"]),
          "path": (path_engine, ["arrays", "python"])}


def cold_reference(cg: CompiledGraph) -> float:
    """A plain Python reverse sweep that builds its own adjacency lists from the edge list:
    what a user's own loop would cost from scratch. Returns its time."""
    start = time.perf_counter()
    out_edges: list[list[int]] = [[] for _ in range(cg.n_nodes)]
    for e, u in enumerate(cg.src):
        out_edges[u].append(e)
    python_sweep(cg, out_edges)
    return time.perf_counter() - start


def python_sweep(cg: CompiledGraph, out_edges: list[list[int]]) -> list[float]:
    """d output / d node for the first output, by a plain loop (no activity, no counting)."""
    partial, dst, y = cg.partial, cg.dst, cg.outputs[0]
    adjoint = [0.0] * cg.n_nodes
    adjoint[y] = 1.0
    for u in range(y - 1, -1, -1):
        total = 0.0
        for e in out_edges[u]:
            total += partial[e] * adjoint[dst[e]]
        adjoint[u] = total
    return adjoint


def cold_figures(cg: CompiledGraph) -> dict[str, Any]:
    """Each engine's first call on the compiled graph (its ``seconds`` and ``setup_seconds`` as the
    analysis reports them), and the cold reference, alternated twice, best kept."""
    row: dict[str, Any] = {}
    for _round in range(2):
        timings = {"cold_reference_s": cold_reference(cg)}
        for name, engine in (("forward", forward_engine), ("reverse", reverse_engine)):
            start = time.perf_counter()
            result = engine(cg)
            timings[f"{name}_cold_s"] = time.perf_counter() - start
            timings[f"{name}_setup_s"] = result.setup_seconds
        for key, value in timings.items():
            row[key] = min(row.get(key, value), value)
    row["reverse_cold_vs_cold_reference"] = row["cold_reference_s"] / row["reverse_cold_s"]
    row.update(solve_figures(cg))
    return row


def solve_figures(cg: CompiledGraph) -> dict[str, float]:
    """One reverse solve of the graph's system by scipy's private gstrs and by the public
    spsolve_triangular, alternated, best of five each: the private call stays only while
    the public one is more than 1.5x slower."""
    system, saved = columns(cg).system, float_sweeps.gstrs
    row: dict[str, float] = {}
    try:
        for label, gstrs in (("private", saved), ("public", None)) * 5:
            float_sweeps.gstrs = gstrs
            b = np.zeros(cg.n_nodes)
            b[cg.outputs[0]] = 1.0
            start = time.perf_counter()
            float_sweeps.solve(system, Direction.REVERSE, b)
            took = time.perf_counter() - start
            row[f"solve_{label}_s"] = min(row.get(f"solve_{label}_s", took), took)
    finally:
        float_sweeps.gstrs = saved
    row["solve_public_vs_private"] = row["solve_public_s"] / row["solve_private_s"]
    return row


def fan_in(k: int) -> dict[str, Any]:
    """k inputs into one node, then a chain of k steps (the issue's slow case)."""
    edges = [[f"x{i}", "c0", round(1.0 + i / k, 6)] for i in range(k)]
    edges += [[f"c{i}", f"c{i + 1}", 0.999] for i in range(k - 1)]
    return {"name": f"fan-in-{k}", "inputs": [f"x{i}" for i in range(k)], "edges": edges}


def route_rows(size: int) -> list[dict[str, Any]]:
    """Every route of every engine, and the default, each on the compiled graph, best of two."""
    rows = []
    for doc in (fan_in(size), families.rnn(size)):
        cg = compile_graph(pathsum.load(doc))
        for name, (engine, routes) in ROUTES.items():
            row: dict[str, Any] = {"graph": doc["name"], "engine": name, "routes": {}}
            counts = set()
            for route in [*routes, "auto"]:
                best = float("inf")
                for _ in range(2):
                    start = time.perf_counter()
                    result = engine(cg, backend=route)
                    best = min(best, time.perf_counter() - start)
                counts.add((result.mul, result.add, result.sweeps))
                label = {"auto": "default", "python": "loop"}.get(route, route)
                row["routes"][label] = best
            others = [s for label, s in row["routes"].items() if label != "default"]
            row["default_vs_best"] = row["routes"]["default"] / min(others)
            row["counts_equal"] = len(counts) == 1
            rows.append(row)
    return rows


def optional_reader(module: str, call: Callable[[Any, str], Any]) -> Callable[[str], Any] | None:
    try:
        imported = __import__(module)
    except ImportError:
        return None
    return lambda text: call(imported, text)


def loading_rows(path: Path) -> list[dict[str, Any]]:
    """YAML readers side by side on one file; each is checked to give the located loader's
    document (or said not to)."""
    text = path.read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    readers: dict[str, Callable[[str], Any] | None] = {
        "located loader (PyYAML + libyaml, positions kept)": read_yaml,
        "PyYAML CSafeLoader, plain": lambda t: yaml.load(t, Loader=loader),
        "strict reader of pathsum's shapes (read_plain)": read_plain,
        "rapidyaml (ryml), if installed": optional_reader(
            "ryml", lambda m, t: m.parse_in_arena(t.encode())),
        "yaml-rs, if installed": optional_reader("yaml_rs", lambda m, t: m.loads(t)),
    }
    reference = None
    rows = []
    for name, reader in readers.items():
        if reader is None:
            rows.append({"reader": name, "seconds": None, "same": None})
            continue
        start = time.perf_counter()
        document = reader(text)
        seconds = time.perf_counter() - start
        if reference is None:
            reference = json.loads(json.dumps(document))
        same = isinstance(document, dict) and json.loads(json.dumps(document)) == reference
        rows.append({"reader": name, "seconds": seconds, "same": same})
        del document
    json_text = json.dumps(reference)
    start = time.perf_counter()
    json.loads(json_text)
    rows.append({"reader": "json module, the same document as JSON", "seconds":
                 time.perf_counter() - start, "same": True})
    return rows


def analyze_in_child(path: Path, pythonpath: str | None = None) -> dict[str, Any]:
    """``pathsum analyze FILE --format json`` in a fresh interpreter, timed inside it."""
    # An editable install's import hook outranks PYTHONPATH: drop it so that the baseline's
    # own package is the one imported.
    code = ("import sys\nsys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in "
            "repr(f).lower()] if {baseline!r} else sys.meta_path\n"
            "import contextlib, io, json, time\nstart = time.perf_counter()\n"
            "import pathsum\nassert {baseline!r} in ('', pathsum.__file__[:len({baseline!r})])\n"
            "from pathsum.cli import main\nout = io.StringIO()\n"
            "with contextlib.redirect_stdout(out):\n"
            f"    main(['analyze', {str(path)!r}, '--format', 'json'], standalone_mode=False)\n"
            "rec = json.loads(out.getvalue())\n"
            "seconds = time.perf_counter() - start\nimport re\n"
            "hwm = re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read())\n"
            "print(json.dumps({'seconds': seconds, 'agree': rec['agree'], 'edges': rec['edges'],"
            " 'peak_rss_mb': int(hwm.group(1)) / 1024}))").replace("{baseline!r}",
                                                                   repr(pythonpath or ""))
    env = None
    if pythonpath is not None:
        import os

        env = {**os.environ, "PYTHONPATH": pythonpath}
    # Run beside the file, not in the checkout, whose package ``-c`` would import first.
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=env, cwd=path.parent)
    return json.loads(done.stdout.strip().splitlines()[-1])


def baseline_tree(workdir: Path) -> Path | None:
    """The package as it was at :data:`BASELINE`, unpacked from git, or None without git."""
    repo = Path(__file__).resolve().parent.parent
    try:
        archive = subprocess.run(["git", "-C", str(repo), "archive", BASELINE, "pathsum"],
                                 capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    target = workdir / "baseline"
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def end_to_end(edges: int, workdir: Path, with_baseline: bool, rounds: int = 2) -> dict[str, Any]:
    """``pathsum analyze`` on one random graph as YAML and as JSON, and the JSON before
    issue 11, in alternation (``rounds`` times each, best kept), plus the YAML readers."""
    doc = families.random_dag(max(12, edges // 10), degree=10.0, seed=0, inputs=2, outputs=1)
    paths = {"yaml": workdir / "random.yaml", "json": workdir / "random.json"}
    paths["yaml"].write_text(families.to_yaml(doc))
    paths["json"].write_text(json.dumps(doc))
    del doc
    baseline = baseline_tree(workdir) if with_baseline else None
    runs: dict[str, list[dict[str, Any]]] = {}
    for _round in range(rounds):
        runs.setdefault("yaml", []).append(analyze_in_child(paths["yaml"]))
        runs.setdefault("json", []).append(analyze_in_child(paths["json"]))
        if baseline is not None:
            for kind in ("yaml", "json"):
                runs.setdefault(f"{kind}_baseline", []).append(
                    analyze_in_child(paths[kind], str(baseline)))
    result: dict[str, Any] = {"edges": runs["json"][0]["edges"], "rounds": rounds,
                              "yaml_mb": paths["yaml"].stat().st_size / 2**20}
    for key, records in runs.items():
        result[f"{key}_s"] = min(r["seconds"] for r in records)
        result[f"{key}_agree"] = all(r["agree"] for r in records)
        result[f"{key}_peak_rss_mb"] = max(r["peak_rss_mb"] for r in records)
    result["loading"] = loading_rows(paths["yaml"])
    return result


def report(results: dict[str, Any], table: Callable, fmt_s: Callable) -> list[str]:
    out = ["", "Cold engines: first call on the compiled graph (setup included) beside warm",
           table(["graph", "edges", "cold ref", "rev cold (setup)", "rev warm", "fwd cold (setup)",
                  "fwd warm", "cold ref / rev cold", "solve public / private"],
                 [[r["family"], f"{r['edges']:,}", fmt_s(r["cold_reference_s"]),
                   f"{fmt_s(r['reverse_cold_s'])} ({fmt_s(r['reverse_setup_s'])})",
                   fmt_s(r["reverse_fast_s"]),
                   f"{fmt_s(r['forward_cold_s'])} ({fmt_s(r['forward_setup_s'])})",
                   fmt_s(r["forward_fast_s"]), f"{r['reverse_cold_vs_cold_reference']:.1f}x",
                   f"{r['solve_public_vs_private']:.2f}x"]
                  for r in results["sweeps"]])]
    routes = results["routes"]
    labels = list(dict.fromkeys(label for r in routes for label in r["routes"]))
    out += ["", "Routes of each engine (each call cold, on the compiled graph)",
            table(["graph", "engine", *labels, "default / best", "counts"],
                  [[r["graph"], r["engine"],
                    *[fmt_s(r["routes"][x]) if x in r["routes"] else "—" for x in labels],
                    f"{r['default_vs_best']:.2f}", "equal" if r["counts_equal"] else "DIFFER"]
                   for r in routes])]
    e2e = results["cold_end_to_end"]
    out += ["", f"Reading the {e2e['edges']:,}-edge YAML file ({e2e['yaml_mb']:.0f} MB)",
            table(["reader", "seconds", "same document"],
                  [[r["reader"], "not installed" if r["seconds"] is None else fmt_s(r["seconds"]),
                    "—" if r["same"] is None else ("yes" if r["same"] else "NO")]
                   for r in e2e["loading"]])]
    rows = [[label, fmt_s(e2e[f"{key}_s"]), f"{e2e[f'{key}_peak_rss_mb']:.0f} MB"]
            for key, label in (("yaml", "YAML"), ("json", "JSON"),
                               ("yaml_baseline", f"YAML at {BASELINE}"),
                               ("json_baseline", f"JSON at {BASELINE}"))
            if f"{key}_s" in e2e]
    out += ["", (f"pathsum analyze, {e2e['edges']:,}-edge random graph (fresh processes, "
            f"best of {e2e['rounds']})"), table(["route", "seconds", "peak RSS"], rows)]
    return out


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    big = [r for r in results["sweeps"] if r["edges"] >= 300_000]
    if big:
        found.append({
            "target": "whole cold reverse engine >= 5x the cold plain Python sweep (>= 300k "
                      "edges)",
            "met": all(r["reverse_cold_vs_cold_reference"] >= 5 for r in big),
            "measured": ", ".join(f"{r['family']} {r['reverse_cold_vs_cold_reference']:.1f}x"
                                  for r in big)})
        found.append({
            "target": "the private gstrs kept only while the public spsolve_triangular is "
                      "> 1.5x slower (>= 300k edges)",
            "met": all(r["solve_public_vs_private"] > 1.5 for r in big),
            "measured": ", ".join(f"{r['family']} {r['solve_public_vs_private']:.2f}x"
                                  for r in big)})
    routes = results["routes"]
    found.append({
        "target": "every engine's default within 1.5x of the best of its routes (fan-in, rnn)",
        "met": all(r["default_vs_best"] <= 1.5 and r["counts_equal"] for r in routes),
        "measured": ", ".join(f"{r['graph']} {r['engine']} {r['default_vs_best']:.2f}"
                              for r in routes)})
    e2e = results["cold_end_to_end"]
    found.append({
        "target": f"pathsum analyze on {e2e['edges']:,} edges: YAML within 1.5x of JSON",
        "met": e2e["yaml_s"] <= 1.5 * e2e["json_s"] and e2e["yaml_agree"],
        "measured": f"{fmt(e2e['yaml_s'])} vs {fmt(e2e['json_s'])} = "
                    f"{e2e['yaml_s'] / e2e['json_s']:.2f}x"})
    if "json_baseline_s" in e2e:
        found.append({
            "target": f"pathsum analyze within 1.3x of {BASELINE}, YAML and JSON",
            "met": all(e2e[f"{k}_s"] <= 1.3 * e2e[f"{k}_baseline_s"] for k in ("yaml", "json")),
            "measured": ", ".join(f"{k} {fmt(e2e[f'{k}_baseline_s'])} then, {fmt(e2e[f'{k}_s'])} "
                                  f"now = {e2e[f'{k}_s'] / e2e[f'{k}_baseline_s']:.2f}x"
                                  for k in ("yaml", "json"))})
        found.append({
            "target": "pathsum analyze JSON route >= 2x faster than before issue 11",
            "met": e2e["json_baseline_s"] >= 2 * e2e["json_s"],
            "measured": f"{fmt(e2e['json_baseline_s'])} before, {fmt(e2e['json_s'])} now = "
                        f"{e2e['json_baseline_s'] / e2e['json_s']:.2f}x"})
    return found


def fmt(seconds: float) -> str:
    return f"{seconds:.2f} s"
