"""The seeded random DAG: every node on some input-to-output path, a mean in-degree asked."""

from __future__ import annotations

import math
import random
from typing import Any

from ..display import count_text
from .record import SEED, Family, Param, check_float, check_int

__all__ = ["RANDOM", "random_dag"]


def random_dag(nodes: int = 10, degree: float = 2.0, seed: int = 0, *, inputs: int = 2,
               outputs: int = 1) -> dict[str, Any]:
    """A seeded random DAG on ``v0..v{nodes-1}`` in which every node is active (edge dialect).

    The first ``inputs`` nodes are the inputs, the last ``outputs`` the outputs. Every
    non-input gets a parent before it, every childless non-output a child after it; then
    random distinct edges until the mean in-degree reaches ``degree`` (or no pair is left).
    Partials are drawn from -1..1.

    Parameters
    ----------
    nodes : int
        Nodes, at least 2.
    degree : float
        Mean in-degree of the non-input nodes, at least 1.
    seed : int
        Seed of the structure and the partials.
    inputs, outputs : int
        How many inputs and outputs, each at least 1.

    Returns
    -------
    dict
        A document for :func:`pathsum.load`.

    Examples
    --------
    >>> random_dag(4, degree=1.5, seed=0)["edges"]
    [['v0', 'v2', 0.9309], ['v1', 'v2', -0.0281], ['v1', 'v3', 0.8365], ['v2', 'v3', 0.6597]]
    """
    n = check_int(nodes, "random: nodes", 2)
    degree = check_float(degree, "random: degree", 1.0)
    seed = check_int(seed, "random: seed", 0)
    n_out = min(check_int(outputs, "random: outputs", 1), n - 1)
    n_in = min(check_int(inputs, "random: inputs", 1), n - n_out)
    rng = random.Random(seed)
    last_parent = n - n_out  # parents are the nodes before this index (outputs are sinks)
    pairs = {(rng.randrange(min(v, last_parent)), v): None for v in range(n_in, n)}
    has_child = {u for u, _ in pairs}
    for u in range(last_parent):
        if u not in has_child:
            pairs[u, rng.randrange(max(u + 1, n_in), n)] = None
    target = min(round(degree * (n - n_in)), sum(min(v, last_parent) for v in range(n_in, n)))
    while len(pairs) < target:
        v = rng.randrange(n_in, n)
        pairs.setdefault((rng.randrange(min(v, last_parent)), v), None)
    edges = [[f"v{u}", f"v{v}", round(rng.uniform(-1.0, 1.0), 4)]
             for u, v in sorted(pairs, key=lambda p: (p[1], p[0]))]
    return {
        "name": f"random-n{n}-d{degree:g}-s{seed}",
        "description": f"a random DAG of {n} nodes and {len(edges)} edges, mean in-degree "
                       f"{degree:g} asked, {count_text(n_in, 'input')}, {count_text(n_out, 'output')}, "
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
