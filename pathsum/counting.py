"""Exact path counts and total path lengths by dynamic programming, without enumerating."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from . import arguments
from .compiled import CompiledGraph
from .gcpause import paused_gc

__all__ = ["PathCounts", "count_paths"]

@dataclass(frozen=True)
class PathCounts:
    """Exact path statistics: ``paths[y][x]``, the paths from input x to output y, and
    ``lengths[y][x]``, their edges summed."""

    paths: dict[int, dict[int, int]]
    lengths: dict[int, dict[int, int]]

    @property
    def total(self) -> int:
        """All input-to-output paths."""
        return sum(sum(row.values()) for row in self.paths.values())

    @property
    def path_edges(self) -> int:
        """The summed length of all input-to-output paths: what the path engine walks."""
        return sum(sum(row.values()) for row in self.lengths.values())

    @property
    def path_engine_mul(self) -> int:
        """What enumeration spends on products: L-1 per path of L edges."""
        return self.path_edges - self.total

    @property
    def path_engine_add(self) -> int:
        """What enumeration spends on sums: P-1 per pair with P > 0 paths."""
        return sum(max(p - 1, 0) for row in self.paths.values() for p in row.values())

@paused_gc()
def count_paths(cg: CompiledGraph) -> PathCounts:
    """Count paths and their total length for every (output, input) pair in O(edges) per
    sweep, from each input forward or each output backward, whichever are fewer; exact.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("X", "Y", 1), ("X", "Y", 2), ("Y", "Z", 3), ("Y", "Z", 4)], ["X"])
    >>> c = count_paths(compile_graph(g))
    >>> c.paths, c.lengths, c.total
    ({2: {0: 4}}, {2: {0: 8}}, 4)
    """
    arguments.instance(cg, CompiledGraph, "cg", "a CompiledGraph (from pathsum.compile_graph)")
    forward = len(cg.inputs) <= len(cg.outputs)
    # forward, a node's count gathers its in-edges' tails, last read at their largest head
    starts, ends, edges_of, other = ((cg.inputs, cg.outputs, cg.in_edges, cg.src) if forward
                                     else (cg.outputs, cg.inputs, cg.out_edges, cg.dst))
    n = cg.n_nodes
    # merged[v]: the other ends of v's edges with their multiplicity (k parallel edges
    # carry k times the paths: one multiplication instead of k additions); done_after[v]:
    # the nodes last read at v, whose counts are then dropped, so memory follows the
    # sweep's frontier though counts grow to thousands of digits on long chains.
    merged: list[list[tuple[int, int]]] = [[]] * n
    last = [-1 if forward else n] * n
    for v in range(n) if forward else range(n - 1, -1, -1):
        ends_of_v = [other[e] for e in edges_of[v]]
        for u in ends_of_v:
            last[u] = v
        merged[v] = ([(u, 1) for u in ends_of_v] if len(set(ends_of_v)) == len(ends_of_v)
                     else list(Counter(ends_of_v).items()))  # Counter is slow on a few ends
    done_after: list[list[int]] = [[] for _ in range(n)]
    for u, v in enumerate(last):
        if 0 <= v < n:
            done_after[v].append(u)
    paths: dict[int, dict[int, int]] = {y: {} for y in cg.outputs}
    lengths: dict[int, dict[int, int]] = {y: {} for y in cg.outputs}
    for s in starts:
        order = range(s + 1, n) if forward else range(s - 1, -1, -1)
        count, length = _sweep(s, order, merged, done_after, ends)
        for t in ends:
            y, x = (t, s) if forward else (s, t)
            paths[y][x], lengths[y][x] = count.get(t, 0), length.get(t, 0)
    return PathCounts(paths, lengths)

def _sweep(start: int, nodes: range, merged: list[list[tuple[int, int]]],
           done_after: list[list[int]], targets: list[int]) -> tuple[dict[int, int],
                                                                     dict[int, int]]:
    """Paths from ``start`` to each target, and their summed lengths, in one sweep."""
    count, length = [0] * len(merged), [0] * len(merged)
    count[start] = 1
    keep = set(targets)
    found_count, found_length = {}, {}
    for v in nodes:
        c = s = 0
        for u, m in merged[v]:
            cu = count[u]
            if cu:
                lu = length[u] + cu  # each path to u gets one more edge
                if m != 1:
                    cu, lu = m * cu, m * lu
                if c:
                    c, s = c + cu, s + lu
                else:  # 0 + cu would copy a count of thousands of digits
                    c, s = cu, lu
        if c:
            count[v], length[v] = c, s
            if v in keep:
                found_count[v], found_length[v] = c, s
        for u in done_after[v]:
            count[u] = length[u] = 0
    return found_count, found_length
