"""Which way the float sweeps run: the cheapest by a cost estimate (DESIGN §7).

A float sweep can run as the generic Python loop, as a sparse triangular solve after a
breadth-first search from its seed, or level by level; with a single seed it solves the
system compile built (on a graph of at least :data:`pathsum.compiled.SMALL_GRAPH` nodes and
edges; a smaller one takes the loop, which also spares it importing scipy). Each costs
something different per seed: the loop pays per node and edge after the seed, the solve a
fixed price per call plus a little per edge, the levels a numpy round per level. Many seeds on a deep, narrow graph (a 1,000-input fan-in into a
1,000-step chain) make the levels the slowest by far, and the loop the fastest.

The constants are seconds measured by ``scripts/bench.py`` on a 2-core x86_64 machine;
only their ratios matter. The estimate never runs a sweep, and the level count it needs is
computed only as far as levels could still win. On a small graph
(:attr:`~pathsum.compiled.CompiledGraph.small`) the same estimate is made on plain lists,
so that a graph whose sweeps take the loop never imports numpy.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..compiled import CompiledGraph
from .direction import Direction

if TYPE_CHECKING:
    from .vector import FloatGraph

__all__ = ["ListedEdges", "best_route", "choose_route", "estimates"]

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


@dataclass
class ListedEdges:
    """A small graph's active edges as lists: what the estimate reads of a
    :class:`~pathsum.engines.vector.FloatGraph`, without numpy."""

    n: int
    src: list[int]
    dst: list[int]
    inputs: list[int]
    outputs: list[int]

    @classmethod
    def of(cls, cg: CompiledGraph) -> ListedEdges:
        active = cg.active
        kept = [e for e, (u, v) in enumerate(zip(cg.src, cg.dst, strict=True))
                if active[u] and active[v]]
        return cls(cg.n_nodes, [cg.src[e] for e in kept], [cg.dst[e] for e in kept],
                   list(cg.inputs), list(cg.outputs))

    def levels_within(self, most: int) -> list[int] | None:
        """Longest-path depth of each node, or None past ``most`` levels, frontier by
        frontier as :func:`pathsum.engines.vector._levels` finds them."""
        indeg = [0] * self.n
        heads: list[list[int]] = [[] for _ in range(self.n)]
        for u, v in zip(self.src, self.dst, strict=True):
            indeg[v] += 1
            heads[u].append(v)
        level = [0] * self.n
        frontier = [v for v in range(self.n) if not indeg[v]]
        depth = 0
        while frontier:
            if depth > most:
                return None
            following = []
            for u in frontier:
                level[u] = depth
                following.extend(heads[u])
            if not following:
                break
            frontier = []
            for v in following:
                indeg[v] -= 1
                if not indeg[v]:
                    frontier.append(v)
            depth += 1
        return level


def estimates(fg: FloatGraph | ListedEdges, direction: Direction) -> dict[str, float]:
    """Estimated seconds of all sweeps in ``direction`` by the loop and by the solve.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> from pathsum.engines.vector import float_graph
    >>> cg = compile_graph(from_edges([("a", "c", 1.0), ("b", "c", 2.0)], ["a", "b"]))
    >>> sorted(estimates(ListedEdges.of(cg), Direction.FORWARD))
    ['loop', 'solve']
    >>> on_lists = estimates(ListedEdges.of(cg), Direction.FORWARD)
    >>> on_lists == estimates(float_graph(cg), Direction.FORWARD)
    True
    """
    seeds = direction.seeds(fg)
    n, edges = fg.n, len(fg.src)
    if isinstance(fg, ListedEdges):
        nodes, looked = _walked_listed(fg, direction, seeds)
    else:
        nodes, looked = _walked_arrays(fg, direction, seeds)
    return {"loop": nodes * LOOP_NODE + looked * LOOP_EDGE,
            "solve": len(seeds) * (SOLVE_CALL + (edges + n) * SOLVE_ITEM)}


def _walked_listed(fg: ListedEdges, direction: Direction,
                   seeds: list[int]) -> tuple[int, int]:
    """The nodes the loop steps over and the edges it looks at, over every sweep."""
    if direction is Direction.FORWARD:
        # The loop visits every node after x, and every in-edge of the active ones.
        ends = sorted(fg.dst)
        return (sum(fg.n - 1 - x for x in seeds),
                sum(len(ends) - bisect_right(ends, x) for x in seeds))
    # Every node before y, and every out-edge of the active ones.
    ends = sorted(fg.src)
    return sum(seeds), sum(bisect_left(ends, y) for y in seeds)


def _walked_arrays(fg: FloatGraph, direction: Direction,
                   seeds: list[int]) -> tuple[int, int]:
    """:func:`_walked_listed` with numpy, for a large graph."""
    import numpy as np

    at = np.asarray(seeds, dtype=np.int64)
    if direction is Direction.FORWARD:
        ends = np.sort(fg.dst)
        return (int((fg.n - 1 - at).sum()),
                int((ends.size - np.searchsorted(ends, at, side="right")).sum()))
    ends = np.sort(fg.src)
    return int(at.sum()), int(np.searchsorted(ends, at, side="left").sum())


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
    if cg.small:
        # Estimated on lists: the loop, which a small graph nearly always takes, needs no numpy.
        best = best_route(ListedEdges.of(cg), direction)
    else:
        fg = _float_graph(cg)
        if fg.solves_system(direction):
            return True
        best = best_route(fg, direction)
    if best == "loop":
        return False
    _float_graph(cg).routes[direction] = best
    return True


def _float_graph(cg: CompiledGraph) -> FloatGraph:
    from .vector import float_graph  # numpy: only a graph that takes the arrays

    return float_graph(cg)


def best_route(fg: FloatGraph | ListedEdges, direction: Direction) -> str:
    """The cheapest of ``"loop"``, ``"solve"`` and ``"levels"`` by the estimate."""
    seeds = direction.seeds(fg)
    cost = estimates(fg, direction)
    best = min(cost, key=cost.__getitem__)
    # Levels win only if their rounds cost less than the best so far: find at most that
    # many levels.
    edge_part = len(seeds) * len(fg.src) * LEVEL_EDGE
    most = int((cost[best] - edge_part) / (len(seeds) * LEVEL_ROUND + LEVEL_FIND))
    if most >= 1:
        levels = fg.levels_within(most)
        if levels is not None:
            deepest = (max(levels, default=0) if isinstance(levels, list)
                       else int(levels.max(initial=0)))
            if edge_part + (deepest + 1) * len(seeds) * LEVEL_ROUND < cost[best]:
                best = "levels"
    return best
