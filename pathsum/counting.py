"""Exact path counts and total path lengths by dynamic programming, without enumerating."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import arguments
from .compiled import CompiledGraph
from .gcpause import paused_gc

if TYPE_CHECKING:
    import numpy as np

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
    def path_edges(self) -> int:
        """The summed length of all input-to-output paths: what the path engine walks."""
        return sum(sum(row.values()) for row in self.lengths.values())

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
    arguments.instance(cg, CompiledGraph, "cg", "a CompiledGraph (from pathsum.compile_graph)")
    paths: dict[int, dict[int, int]] = {y: {} for y in cg.outputs}
    lengths: dict[int, dict[int, int]] = {y: {} for y in cg.outputs}
    n = cg.n_nodes
    from .backend import SMALL_GRAPH

    neighbours = _neighbours_listed if cg.n_nodes + cg.n_edges < SMALL_GRAPH else _neighbours_arrays
    if len(cg.inputs) <= len(cg.outputs):
        merged, done_after = neighbours(n, cg.dst, cg.src, forward=True)
        for x in cg.inputs:
            count, length = _sweep(x, range(x + 1, n), merged, done_after, cg.outputs)
            for y in cg.outputs:
                paths[y][x], lengths[y][x] = count.get(y, 0), length.get(y, 0)
    else:
        merged, done_after = neighbours(n, cg.src, cg.dst, forward=False)
        for y in cg.outputs:
            count, length = _sweep(y, range(y - 1, -1, -1), merged, done_after, cg.inputs)
            for x in cg.inputs:
                paths[y][x], lengths[y][x] = count.get(x, 0), length.get(x, 0)
    return PathCounts(paths, lengths)


Neighbours = tuple[list[list[tuple[int, int]]], list[list[int]]]


def _neighbours_listed(n: int, node: list[int], other: list[int], *,
                       forward: bool) -> Neighbours:
    """What a sweep needs, by plain Python on a small graph (no numpy import).

    ``merged[v]``: the ``other`` ends of v's edges, ascending, with the number of parallel
    edges to each (k parallel edges carry k times the paths: one multiplication instead of
    k additions). ``done_after[v]``: the nodes last read at v (forward: whose largest
    ``node`` end is v; backward: whose smallest), so that their counts can be dropped.
    """
    merged: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for (v, u), multiplicity in sorted(Counter(zip(node, other, strict=True)).items()):
        merged[v].append((u, multiplicity))
    last = [-1 if forward else n] * n
    pick = max if forward else min
    for v, u in zip(node, other, strict=True):
        last[u] = pick(last[u], v)
    done_after: list[list[int]] = [[] for _ in range(n)]
    for u, v in enumerate(last):
        if 0 <= v < n:
            done_after[v].append(u)
    return merged, done_after


def _neighbours_arrays(n: int, node: list[int], other: list[int], *,
                       forward: bool) -> Neighbours:
    """The same as :func:`_neighbours_listed`, with numpy for a large graph."""
    import numpy as np

    node_arr = np.asarray(node, dtype=np.int64)
    other_arr = np.asarray(other, dtype=np.int64)
    keys, multiplicity = np.unique(node_arr * n + other_arr, return_counts=True)
    pairs = list(zip((keys % n).tolist(), multiplicity.tolist(), strict=True))
    bounds = np.searchsorted(keys // n, np.arange(n + 1)).tolist()
    merged = [pairs[bounds[v]:bounds[v + 1]] for v in range(n)]
    if forward:
        last = np.full(n, -1, dtype=np.int64)
        np.maximum.at(last, other_arr, node_arr)
    else:
        last = np.full(n, n, dtype=np.int64)
        np.minimum.at(last, other_arr, node_arr)
    return merged, _group_by(n, last)


def _group_by(n: int, when: np.ndarray) -> list[list[int]]:
    """``groups[v]``: the nodes u with ``when[u] == v``."""
    import numpy as np

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
