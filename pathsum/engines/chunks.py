"""The float64 fast path of the path engine: paths enumerated in numpy chunks.

Each path's product is still formed on its own, with no prefix shared between paths
(DESIGN §3): a chunk is a matrix of edge ids, one row per complete path, and its products
are one ``np.multiply.reduce`` along the rows, L-1 ``mul`` per path of L edges. What is
shared is only the bookkeeping of the depth-first search that lists the paths.

The search works on blocks of partial paths of equal length. Popping a block extends every
row by each edge out of its last node that can still reach the output; rows that arrive
are multiplied out and summed, the others are pushed back, split so that no block holds
more than ``chunk`` edge ids. Peak memory is bounded by the chunk size times the depth and
out-degree of the graph, never by the number of paths.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..backend.arrays import columns, row_pointers, row_spans
from ..compiled import CompiledGraph

__all__ = ["edge_arrays", "pair_sums"]

def pair_sums(cg: CompiledGraph, y: int,
              chunk: int) -> list[tuple[int, float | None, int, int]]:
    """Sum of path products from each input to output ``y``, with the ops spent.

    Returns ``(x, total, mul, add)`` per input ``x``; ``total`` is None when no path joins
    them.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"])
    >>> pair_sums(compile_graph(g), 2, chunk=1 << 15)
    [(0, 25.0, 2, 1)]
    """
    src, dst, partial = edge_arrays(cg)
    # Only the cone of y (what lies on some input-to-y path) is touched, renumbered
    # 0..k-1: an output costs what its paths need, not a pass over the whole graph.
    nodes, cone_edges = cg.cone(y)
    local = _scratch(cg)
    local[nodes] = np.arange(len(nodes))
    useful = np.asarray(cone_edges, dtype=np.int64)
    tails = local[src[useful]]
    order = np.argsort(tails, kind="stable")
    useful, tails = useful[order], tails[order]
    ptr = row_pointers(tails, len(nodes))
    heads = local[dst[useful]]
    rows = _Rows(ptr, useful, heads, ptr.tolist(), useful.tolist(), heads.tolist(),
                 np.diff(ptr).tolist())
    inside = set(nodes)
    # Python floats overflow to inf and nan without a word; so do these arrays. The
    # analysis reports a non-finite derivative.
    with np.errstate(over="ignore", invalid="ignore"):
        return [(x, *_enumerate(int(local[x]), 0, rows, partial, chunk))
                if x in inside and x != y else (x, None, 0, 0) for x in cg.inputs]


def _scratch(cg: CompiledGraph) -> np.ndarray:
    """A node-indexed array for renumbering each cone, allocated once per view."""
    if "cone_ids" not in cg.cache:
        cg.cache["cone_ids"] = np.zeros(cg.n_nodes, dtype=np.int64)
    return cg.cache["cone_ids"]


class _Rows(NamedTuple):
    """The out-edges towards one output, by source node (see :func:`row_pointers`)."""

    ptr: np.ndarray
    edge: np.ndarray
    head: np.ndarray
    ptr_list: list[int]
    edge_list: list[int]
    head_list: list[int]
    out_degree: list[int]


def edge_arrays(cg: CompiledGraph) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sources, targets and partials as float64: once per view.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> src, dst, partial = edge_arrays(compile_graph(from_edges([("x", "y", 2.0)], ["x"])))
    >>> src.tolist(), dst.tolist(), partial.tolist()
    ([0], [1], [2.0])
    """
    if "edge_arrays" not in cg.cache:
        cols = columns(cg)
        cg.cache["edge_arrays"] = cols.src, cols.dst, cols.partial
    return cg.cache["edge_arrays"]


def _enumerate(x: int, y: int, rows: _Rows, partial: np.ndarray,
               chunk: int) -> tuple[float | None, int, int]:
    ptr, edge, head = rows.ptr, rows.edge, rows.head
    ptr_list, edge_list, head_list = rows.ptr_list, rows.edge_list, rows.head_list
    out_degree = rows.out_degree
    total = None
    mul = add = 0
    # Each entry: a buffer of paths (one row each, all ``length`` edges long so far, with
    # room to grow) and the last node of each row.
    stack = [(np.empty((1, 8), dtype=np.int64), 0, np.array([x], dtype=np.int64))]
    while stack:
        paths, length, ends = stack.pop()
        if ends.size == 1 and out_degree[int(ends[0])] == 1:
            # A lone path through nodes with one way on: follow it edge by edge in Python
            # (a long chain would otherwise cost one round of numpy calls per edge).
            v, run = int(ends[0]), []
            while v != y and out_degree[v] == 1:
                run.append(edge_list[ptr_list[v]])
                v = head_list[ptr_list[v]]
            paths = _room(paths, length, len(run))
            paths[0, length:length + len(run)] = run
            length += len(run)
            ends = np.array([v], dtype=np.int64)
            if v == y:
                paths, ends, total, mul, add = _arrived(paths, length, ends, y, partial,
                                                        total, mul, add)
                continue
        pos, count = row_spans(ptr, ends)
        # Every row's end still reaches y, so it has one way on at least.
        if pos.size != ends.size:
            paths = _room(paths[np.repeat(np.arange(ends.size), count)], length, 1)
        else:
            paths = _room(paths, length, 1)  # one way on for every row: extend in place
        paths[:, length] = edge[pos]
        length += 1
        ends = head[pos]
        paths, ends, total, mul, add = _arrived(paths, length, ends, y, partial, total, mul,
                                                add)
        rows_per_block = max(1, chunk // (length + 1))
        for start in range(((ends.size - 1) // rows_per_block) * rows_per_block, -1,
                           -rows_per_block):
            stop = start + rows_per_block
            stack.append((paths[start:stop], length, ends[start:stop]))
    return (None if total is None else float(total)), mul, add


def _room(paths: np.ndarray, length: int, more: int) -> np.ndarray:
    """``paths`` with room for ``more`` edges after the first ``length`` (doubling)."""
    if length + more <= paths.shape[1]:
        return paths
    wider = np.empty((paths.shape[0], max(2 * paths.shape[1], length + more)), dtype=np.int64)
    wider[:, :length] = paths[:, :length]
    return wider


def _arrived(paths, length, ends, y, partial, total, mul, add):
    """Multiply out and sum the rows that reached ``y``; keep the others."""
    done = ends == y
    if not done.any():
        return paths, ends, total, mul, add
    # One product per complete path, formed on its own: L-1 mul each.
    products = np.multiply.reduce(partial[paths[done, :length]], axis=1)
    mul += products.size * (length - 1)
    chunk_sum = products.sum()
    add += products.size - 1
    if total is None:
        total = chunk_sum
    else:
        total = total + chunk_sum
        add += 1
    keep = ~done
    return paths[keep], ends[keep], total, mul, add
