"""The seeded random DAG: every node on some input-to-output path, a mean in-degree asked.
"""

from __future__ import annotations

import math
import random
from typing import Any

from .record import SEED, Family, Param, check_float, check_int, generator, plural

__all__ = ["RANDOM", "random_dag"]


@generator
def random_dag(nodes: int = 10, degree: float = 2.0, seed: int = 0, *, inputs: int = 2,
               outputs: int = 1) -> dict[str, Any]:
    """A seeded random DAG on ``v0..v{nodes-1}`` in which every node is active.

    Edge dialect. The first ``inputs`` nodes are the inputs, the last ``outputs`` nodes the
    outputs (both clamped so that the graph has at least one of each). The graph is built
    in three steps, each drawing from ``seed``:

    1. every other node gets one parent among the nodes before it;
    2. every node but an output that has no child yet gets one among the non-inputs after it;
    3. distinct random edges u -> v (u before v, u not an output, v not an input) are added
       until the mean in-degree of the non-input nodes reaches ``degree``, or as close as the
       distinct pairs allow.

    So every node lies on an input-to-output path. Partials are drawn from -1..1.

    Parameters
    ----------
    nodes : int
        Nodes, at least 2.
    degree : float
        Mean in-degree of the non-input nodes, at least 1 (steps 1 and 2 alone may give a
        little more).
    seed : int
        Seed of the structure and the partials.
    inputs, outputs : int
        How many inputs and outputs, each at least 1.

    {returns}

    Examples
    --------
    >>> doc = random_dag(4, degree=1.5, seed=0)
    >>> doc["inputs"], doc["outputs"]
    (['v0', 'v1'], ['v3'])
    >>> doc["edges"]
    [['v0', 'v2', 0.9309], ['v1', 'v2', -0.0281], ['v1', 'v3', 0.8365], ['v2', 'v3', 0.6597]]
    """
    n = check_int(nodes, "random: nodes", 2)
    degree = check_float(degree, "random: degree", 1.0)
    seed = check_int(seed, "random: seed", 0)
    n_out = min(check_int(outputs, "random: outputs", 1), n - 1)
    n_in = min(check_int(inputs, "random: inputs", 1), n - n_out)
    rng = random.Random(seed)
    last_parent = n - n_out  # parents are the nodes before this index (outputs are sinks)
    pairs: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    has_child = [False] * n

    def add(u: int, v: int) -> None:
        pairs.append((u, v))
        seen.add((u, v))
        has_child[u] = True

    for v in range(n_in, n):
        add(rng.randrange(min(v, last_parent)), v)
    for u in range(last_parent):
        if not has_child[u]:
            add(u, rng.randrange(max(u + 1, n_in), n))
    target = round(degree * (n - n_in))
    possible = sum(min(v, last_parent) for v in range(n_in, n))
    target = min(target, possible)
    while len(pairs) < target:
        v = rng.randrange(n_in, n)
        u = rng.randrange(min(v, last_parent))
        if (u, v) not in seen:
            add(u, v)
    pairs.sort(key=lambda p: (p[1], p[0]))
    edges = [[f"v{u}", f"v{v}", round(rng.uniform(-1.0, 1.0), 4)] for u, v in pairs]
    return {
        "name": f"random-n{n}-d{degree:g}-s{seed}",
        "description": f"a random DAG of {n} nodes and {len(edges)} edges, mean in-degree "
                       f"{degree:g} asked, {plural(n_in, 'input')}, {plural(n_out, 'output')}, "
                       f"seed {seed}",
        "inputs": [f"v{i}" for i in range(n_in)],
        "outputs": [f"v{i}" for i in range(n - n_out, n)],
        "edges": edges,
    }


RANDOM = Family(
    "random", "a seeded random DAG with a mean in-degree (edge dialect).", "edges",
    size="nodes", default_sizes="10..100..10", build=random_dag,
    edges=lambda p: math.ceil(p["degree"] * p["nodes"]) + p["nodes"],
    params=(Param("nodes", "int", 10, "nodes in the DAG", 2),
            Param("degree", "float", 2.0, "mean in-degree of the non-input nodes", 1.0),
            SEED,
            Param("inputs", "int", 2, "how many inputs, the first nodes", 1),
            Param("outputs", "int", 1, "how many outputs, the last nodes", 1)))
