"""Exact path counts and total path lengths by dynamic programming, without enumerating."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .compiled import CompiledGraph
from .yamlio import paused_gc

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


@paused_gc()
def count_paths(cg: CompiledGraph) -> PathCounts:
    """Count paths and their total length for every (output, input) pair in O(edges) per sweep.

    It sweeps from whichever side has fewer nodes: from each input forward, or from each
    output backward. Counts are Python integers, exact at any size.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("X", "Y", 1), ("X", "Y", 2), ("Y", "Z", 3), ("Y", "Z", 4)], ["X"])
    >>> c = count_paths(compile_graph(g))
    >>> c.paths, c.lengths, c.total
    ({2: {0: 4}}, {2: {0: 8}}, 4)
    """
    paths: dict[int, dict[int, int]] = {y: {} for y in cg.outputs}
    lengths: dict[int, dict[int, int]] = {y: {} for y in cg.outputs}
    n = cg.n_nodes
    src = np.asarray(cg.src, dtype=np.int64)
    dst = np.asarray(cg.dst, dtype=np.int64)
    if len(cg.inputs) <= len(cg.outputs):
        merged = _merge(n, dst, src)
        last = np.full(n, -1, dtype=np.int64)
        np.maximum.at(last, src, dst)
        done_after = _group_by(n, last)
        for x in cg.inputs:
            count, length = _sweep(x, range(x + 1, n), merged, done_after, cg.outputs)
            for y in cg.outputs:
                paths[y][x], lengths[y][x] = count.get(y, 0), length.get(y, 0)
    else:
        merged = _merge(n, src, dst)
        last = np.full(n, n, dtype=np.int64)
        np.minimum.at(last, dst, src)
        done_after = _group_by(n, last)
        for y in cg.outputs:
            count, length = _sweep(y, range(y - 1, -1, -1), merged, done_after, cg.inputs)
            for x in cg.inputs:
                paths[y][x], lengths[y][x] = count.get(x, 0), length.get(x, 0)
    return PathCounts(paths, lengths)


def _merge(n: int, node: np.ndarray, other: np.ndarray) -> list[list[tuple[int, int]]]:
    """Each node's neighbours on one side, with the number of parallel edges to each.

    k parallel edges carry k times the paths: one multiplication instead of k additions.
    """
    keys, multiplicity = np.unique(node * n + other, return_counts=True)
    pairs = list(zip((keys % n).tolist(), multiplicity.tolist(), strict=True))
    bounds = np.searchsorted(keys // n, np.arange(n + 1)).tolist()
    return [pairs[bounds[v]:bounds[v + 1]] for v in range(n)]


def _group_by(n: int, when: np.ndarray) -> list[list[int]]:
    """``groups[v]``: the nodes u with ``when[u] == v``."""
    order = np.argsort(when, kind="stable")
    bounds = np.searchsorted(when[order], np.arange(n + 1)).tolist()
    nodes = order.tolist()
    return [nodes[bounds[v]:bounds[v + 1]] for v in range(n)]


def _sweep(start, nodes, merged, done_after, targets):
    """Paths from ``start`` to each target, and their summed lengths, in one sweep.

    Counts grow to thousands of digits on long chains, so a node's count is dropped as
    soon as the last node that reads it is done: memory follows the sweep's frontier.
    """
    count = [0] * len(merged)
    length = [0] * len(merged)
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
                else:
                    c, s = cu, lu
        if c:
            count[v] = c
            length[v] = s
            if v in keep:
                found_count[v], found_length[v] = c, s
        for u in done_after[v]:
            count[u] = length[u] = 0
    return found_count, found_length
