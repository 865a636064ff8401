"""Independent oracles built straight from DESIGN §3 with networkx.

Nothing here calls pathsum's engines, compiled form or counting: the tests compare pathsum
against these, never against itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
GRAPHS = ROOT / "graphs"

Edge = tuple[str, str, Any]


def multigraph(edges: Iterable[Edge], inputs: Iterable[str]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(inputs)
    for u, v, p in edges:
        g.add_edge(u, v, partial=p)
    return g


def brute_force(edges: list[Edge], inputs: list[str], outputs: list[str]) -> dict[str, Any]:
    """Enumerate every path with networkx and sum the products by hand (the oracle).

    Returns the Jacobian and path counts keyed output -> input, and the path engine's
    mul = sum of (L - 1) over paths and add = sum of (P - 1) over pairs with P > 0.
    """
    g = multigraph(edges, inputs)
    jacobian: dict[str, dict[str, Any]] = {}
    paths: dict[str, dict[str, int]] = {}
    mul = add = 0
    for y in outputs:
        jacobian[y], paths[y] = {}, {}
        for x in inputs:
            total: Any = 0
            count = 0
            if x in g and y in g:
                for path in nx.all_simple_edge_paths(g, x, y):
                    product: Any = 1
                    for u, v, k in path:
                        product = product * g.edges[u, v, k]["partial"]
                    total = total + product
                    count += 1
                    mul += len(path) - 1
            add += max(count - 1, 0)
            jacobian[y][x] = total
            paths[y][x] = count
    return {"jacobian": jacobian, "paths": paths, "mul": mul, "add": add}


def sweep_costs(edges: list[Edge], inputs: list[str], outputs: list[str]) -> dict[str, tuple]:
    """Forward and reverse (mul, add, sweeps) recounted from the rules of DESIGN §3.

    Activity is recomputed with networkx descendants/ancestors: a node is active when it
    lies on some path from some input to some output.
    """
    g = multigraph(edges, inputs)
    from_inputs = set().union(*({x} | nx.descendants(g, x) for x in inputs))
    to_outputs = set().union(*({y} | nx.ancestors(g, y) for y in outputs))
    active = from_inputs & to_outputs
    fmul = fadd = 0
    for x in inputs:
        reach = {x} | nx.descendants(g, x)
        for v in (reach & active) - {x}:
            terms = [u for u, _, _ in g.in_edges(v, keys=True) if u in reach]
            fmul += sum(1 for u in terms if u != x)  # edges out of the seed pass through
            fadd += max(len(terms) - 1, 0)
    rmul = radd = 0
    for y in outputs:
        reach = {y} | nx.ancestors(g, y)
        for u in (reach & active) - {y}:
            terms = [v for _, v, _ in g.out_edges(u, keys=True) if v in reach]
            rmul += sum(1 for v in terms if v != y)  # edges into the seed pass through
            radd += max(len(terms) - 1, 0)
    return {"forward": (fmul, fadd, len(inputs)), "reverse": (rmul, radd, len(outputs))}


def close(a: float, b: float, scale: float = 1.0, rel: float = 1e-9) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b), scale, 1.0)


def diamond_chain_yaml(k: int, partials: tuple = (1, 2, 3)) -> str:
    """A chain of k stages, each of len(partials) parallel edges (edge dialect)."""
    lines = [f"name: diamond-{k}", "inputs: [v0]", f"outputs: [v{k}]", "edges:"]
    for i in range(k):
        lines += [f"  - [v{i}, v{i + 1}, {p}]" for p in partials]
    return "\n".join(lines) + "\n"


def without_seconds(record: dict[str, Any]) -> dict[str, Any]:
    """A copy of a record with the timings removed: everything else must be reproducible."""
    record = json.loads(json.dumps(record))
    for entry in (record.get("engines") or {}).values():
        entry.pop("seconds", None)
        entry.pop("setup_seconds", None)
    return record


def run_cli(*args: str, **kwargs: Any):
    """Invoke the click group in-process; stderr is kept apart from stdout."""
    from click.testing import CliRunner

    from pathsum.cli import main

    kwargs.setdefault("prog_name", "pathsum")
    return CliRunner().invoke(main, list(args), **kwargs)


def cli_json(*args: str) -> dict[str, Any]:
    result = run_cli("analyze", *args, "--format", "json")
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def fewest_mul(intermediates: list[int], pred: dict[int, set[int]]) -> int:
    """The least ``mul`` of any vertex elimination order, by a dynamic program over the set
    S of vertices eliminated, straight from the definition (DESIGN §3): eliminating v after
    S costs |P_S(v)|·|S_S(v)|, where P_S(v) are the vertices outside S joined to v by a
    path whose inner vertices all lie in S (and S_S(v) likewise forward). No graph is
    transformed: the two sets are found by reachability, as bitsets, for every S."""
    dag = nx.DiGraph()
    dag.add_nodes_from(pred)
    dag.add_edges_from((u, v) for v in pred for u in pred[v])
    topo = list(nx.topological_sort(dag))
    at = {v: i for i, v in enumerate(topo)}
    ins = [[at[u] for u in dag.predecessors(v)] for v in topo]
    outs = [[at[w] for w in dag.successors(v)] for v in topo]
    inner = [at[v] for v in intermediates]
    n, m = len(topo), len(inner)
    best = [None] * (1 << m)
    best[0] = 0
    for state in range(1 << m):
        if best[state] is None:
            continue
        inside = [False] * n
        for k, i in enumerate(inner):
            inside[i] = bool(state >> k & 1)
        before = [0] * n
        for i in range(n):
            for u in ins[i]:
                before[i] |= before[u] if inside[u] else 1 << u
        after = [0] * n
        for i in reversed(range(n)):
            for w in outs[i]:
                after[i] |= after[w] if inside[w] else 1 << w
        for k, i in enumerate(inner):
            if not inside[i]:
                nxt = state | 1 << k
                cost = best[state] + before[i].bit_count() * after[i].bit_count()
                if best[nxt] is None or cost < best[nxt]:
                    best[nxt] = cost
    return best[-1]
