"""Exact path counts and total path lengths by dynamic programming, without enumerating."""

from __future__ import annotations

from dataclasses import dataclass

from .compiled import CompiledGraph

__all__ = ["PathCounts", "count_paths"]


@dataclass(frozen=True)
class PathCounts:
    """Exact path statistics per (output, input) pair.

    Attributes
    ----------
    paths : dict
        ``paths[y][x]``: the number of distinct paths from input x to output y.
    lengths : dict
        ``lengths[y][x]``: the sum, over those paths, of their number of edges.
    """

    paths: dict[int, dict[int, int]]
    lengths: dict[int, dict[int, int]]

    @property
    def total(self) -> int:
        """All input-to-output paths."""
        return sum(sum(row.values()) for row in self.paths.values())

    @property
    def path_engine_mul(self) -> int:
        """What enumeration spends on products: L-1 per path of L edges."""
        return sum(
            self.lengths[y][x] - self.paths[y][x] for y in self.paths for x in self.paths[y]
        )

    @property
    def path_engine_add(self) -> int:
        """What enumeration spends on sums: P-1 per pair with P > 0 paths."""
        return sum(max(p - 1, 0) for row in self.paths.values() for p in row.values())


def count_paths(cg: CompiledGraph) -> PathCounts:
    """Count paths and their total length for every (output, input) pair in O(edges) per sweep.

    It sweeps from whichever side has fewer nodes: from each input forward, or from each
    output backward. Counts are Python integers, exact at any size.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> g = from_edges([("X", "Y", 1), ("X", "Y", 2), ("Y", "Z", 3), ("Y", "Z", 4)], ["X"])
    >>> c = count_paths(compile_graph(g))
    >>> c.paths, c.lengths, c.total
    ({2: {0: 4}}, {2: {0: 8}}, 4)
    """
    paths: dict[int, dict[int, int]] = {y: {} for y in cg.outputs}
    lengths: dict[int, dict[int, int]] = {y: {} for y in cg.outputs}
    if len(cg.inputs) <= len(cg.outputs):
        for x in cg.inputs:
            count, length = _sweep(x, range(x + 1, cg.n_nodes), cg.in_edges, cg.src)
            for y in cg.outputs:
                paths[y][x], lengths[y][x] = count.get(y, 0), length.get(y, 0)
    else:
        for y in cg.outputs:
            count, length = _sweep(y, range(y - 1, -1, -1), cg.out_edges, cg.dst)
            for x in cg.inputs:
                paths[y][x], lengths[y][x] = count.get(x, 0), length.get(x, 0)
    return PathCounts(paths, lengths)


def _sweep(start, nodes, edges_of, other_end):
    """Paths from ``start`` to each node, and their summed lengths, in one sweep."""
    count = {start: 1}
    length = {start: 0}
    for v in nodes:
        c = s = 0
        for e in edges_of[v]:
            u = other_end[e]
            cu = count.get(u)
            if cu:
                c += cu
                s += length[u] + cu  # each path to u gets one more edge
        if c:
            count[v] = c
            length[v] = s
    return count, length
