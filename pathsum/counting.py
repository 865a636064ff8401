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
        merged = _merge(cg.in_edges, cg.src)
        last = _last_use(cg.n_nodes, cg.out_edges, cg.dst, max)
        for x in cg.inputs:
            count, length = _sweep(x, range(x + 1, cg.n_nodes), merged, last, cg.outputs)
            for y in cg.outputs:
                paths[y][x], lengths[y][x] = count.get(y, 0), length.get(y, 0)
    else:
        merged = _merge(cg.out_edges, cg.dst)
        last = _last_use(cg.n_nodes, cg.in_edges, cg.src, min)
        for y in cg.outputs:
            count, length = _sweep(y, range(y - 1, -1, -1), merged, last, cg.inputs)
            for x in cg.inputs:
                paths[y][x], lengths[y][x] = count.get(x, 0), length.get(x, 0)
    return PathCounts(paths, lengths)


def _merge(edges_of: list[list[int]], other_end: list[int]) -> list[list[tuple[int, int]]]:
    """Each node's neighbours on one side with the number of parallel edges to each.

    k parallel edges carry k times the paths: one multiplication instead of k additions.
    """
    merged = []
    for edges in edges_of:
        if len(edges) == 1:
            merged.append([(other_end[edges[0]], 1)])
        else:
            multiplicity: dict[int, int] = {}
            for e in edges:
                u = other_end[e]
                multiplicity[u] = multiplicity.get(u, 0) + 1
            merged.append(list(multiplicity.items()))
    return merged


def _last_use(n: int, edges_of: list[list[int]], other_end: list[int], pick) -> list[list[int]]:
    """For each node v, the nodes whose counts no later node of the sweep reads after v."""
    done_after: list[list[int]] = [[] for _ in range(n)]
    for u in range(n):
        if edges_of[u]:
            done_after[pick(other_end[e] for e in edges_of[u])].append(u)
    return done_after


def _sweep(start, nodes, merged, done_after, targets):
    """Paths from ``start`` to each target, and their summed lengths, in one sweep.

    Counts grow to thousands of digits on long chains, so a node's count is dropped as
    soon as the last node that reads it is done: memory follows the sweep's frontier.
    """
    count = {start: 1}
    length = {start: 0}
    keep = set(targets)
    found_count, found_length = {}, {}
    for v in nodes:
        c = s = 0
        for u, m in merged[v]:
            cu = count.get(u)
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
            count.pop(u, None)
            length.pop(u, None)
    return found_count, found_length
