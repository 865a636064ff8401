"""Which way the float sweeps run: the cheapest by a cost estimate (DESIGN §7).

A float sweep can run as the generic Python loop, as a sparse triangular solve after a
breadth-first search from its seed, or level by level; with a single seed it solves the
system compile built (on a graph of at least :data:`pathsum.arrays.SMALL_GRAPH` nodes and
edges; a smaller one takes the loop, which also spares it importing scipy). Each costs
something different per seed: the loop pays per node and edge after the seed, the solve a
fixed price per call plus a little per edge, the levels a numpy round per level. Many seeds on a deep, narrow graph (a 1,000-input fan-in into a
1,000-step chain) make the levels the slowest by far, and the loop the fastest.

The constants are seconds measured by ``scripts/bench.py`` on a 2-core x86_64 machine;
only their ratios matter. The estimate never runs a sweep, and the level count it needs is
computed only as far as levels could still win.
"""

from __future__ import annotations

import numpy as np

from ..compiled import CompiledGraph
from .direction import Direction
from .vector import FloatGraph, float_graph

__all__ = ["choose_route", "estimates"]

#: The generic loop, per node it steps over and per in-edge (forward) or out-edge
#: (reverse) of an active node it looks at.
LOOP_NODE = 60e-9
LOOP_EDGE = 150e-9
#: The solve: per seed, and per edge and node of the system it builds.
SOLVE_CALL = 250e-6
SOLVE_ITEM = 40e-9
#: The levels: per level per seed, per edge per seed, and per level to find the levels.
LEVEL_ROUND = 12e-6
LEVEL_EDGE = 6e-9
LEVEL_FIND = 40e-6


def estimates(fg: FloatGraph, direction: Direction) -> dict[str, float]:
    """Estimated seconds of all sweeps in ``direction`` by the loop and by the solve.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("a", "c", 1.0), ("b", "c", 2.0)], ["a", "b"]))
    >>> sorted(estimates(float_graph(cg), Direction.FORWARD))
    ['loop', 'solve']
    """
    seeds = np.asarray(direction.seeds(fg), dtype=np.int64)
    n, edges = fg.n, fg.src.size
    if direction is Direction.FORWARD:
        # The loop visits every node after x, and every in-edge of the active ones.
        ends = np.sort(fg.dst)
        nodes = int((n - 1 - seeds).sum())
        looked = int((edges - np.searchsorted(ends, seeds, side="right")).sum())
    else:
        # Every node before y, and every out-edge of the active ones.
        ends = np.sort(fg.src)
        nodes = int(seeds.sum())
        looked = int(np.searchsorted(ends, seeds, side="left").sum())
    return {"loop": nodes * LOOP_NODE + looked * LOOP_EDGE,
            "solve": seeds.size * (SOLVE_CALL + (edges + n) * SOLVE_ITEM)}


def choose_route(cg: CompiledGraph, direction: Direction) -> bool:
    """Whether the sweeps in ``direction`` take the float arrays (True) or the loop (False).

    On True, the route (``"levels"`` or ``"solve"``) is recorded in the graph's default
    :class:`FloatGraph`; a single seed solves compile's system.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2.0), ("y", "z", 3.0)], ["x"]))
    >>> choose_route(cg, Direction.FORWARD)  # a small graph: the loop beats any solve
    False
    >>> chain = [(f"n{i}", f"n{i + 1}", 0.5) for i in range(200)]
    >>> choose_route(compile_graph(from_edges(chain, ["n0"])), Direction.FORWARD)  # one seed
    True
    """
    fg = float_graph(cg)
    seeds = direction.seeds(fg)
    if fg.system is not None and len(seeds) == 1:
        return True
    cost = estimates(fg, direction)
    best = min(cost, key=cost.__getitem__)
    # Levels win only if their rounds cost less than the best so far: find at most that
    # many levels.
    edge_part = len(seeds) * fg.src.size * LEVEL_EDGE
    most = int((cost[best] - edge_part) / (len(seeds) * LEVEL_ROUND + LEVEL_FIND))
    if most >= 1:
        levels = fg.levels_within(most)
        if levels is not None:
            depth = int(levels.max(initial=0)) + 1
            if edge_part + depth * len(seeds) * LEVEL_ROUND < cost[best]:
                best = "levels"
    if best == "loop":
        return False
    fg.routes[direction] = best
    return True
