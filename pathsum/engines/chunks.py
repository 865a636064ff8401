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

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import breadth_first_order

from ..compiled import CompiledGraph

__all__ = ["CHUNK", "pair_sums"]

#: Edge ids per block of partial paths (256 KiB of int64, which stays in cache; measured
#: best among 2^12..2^17 on diamond k=12 by scripts/bench.py's machine).
CHUNK = 1 << 15


def pair_sums(cg: CompiledGraph, y: int, chunk: int = CHUNK):
    """Sum of path products from each input to output ``y``, with the ops spent.

    Yields ``(x, total, mul, add)`` per input ``x``; ``total`` is None when no path joins
    them.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> g = from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"])
    >>> list(pair_sums(compile_graph(g), 2))
    [(0, 25.0, 2, 1)]
    """
    src = np.asarray(cg.src, dtype=np.int64)
    dst = np.asarray(cg.dst, dtype=np.int64)
    partial = np.asarray(cg.partial, dtype=np.float64)
    n = cg.n_nodes
    up = csr_array((np.ones(src.size), (dst, src)), shape=(n, n))
    reach = np.zeros(n, dtype=bool)
    reach[breadth_first_order(up, y, return_predecessors=False)] = True
    # Out-edges of every node that lead towards y, grouped by their source.
    useful = np.flatnonzero(reach[dst])
    useful = useful[np.argsort(src[useful], kind="stable")]
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src[useful], minlength=n), out=ptr[1:])
    heads = dst[useful]
    for x in cg.inputs:
        if not reach[x]:
            yield x, None, 0, 0
            continue
        yield (x, *_enumerate(x, y, ptr, useful, heads, partial, chunk))


# Python floats overflow to inf and nan without a word; so do these arrays. The analysis
# reports a non-finite derivative.
@np.errstate(over="ignore", invalid="ignore")
def _enumerate(x, y, ptr, edge, head, partial, chunk):
    total = None
    mul = add = 0
    # Each entry: paths so far (one row each, all of the same length) and their last nodes.
    stack = [(np.empty((1, 0), dtype=np.int64), np.array([x], dtype=np.int64))]
    while stack:
        paths, ends = stack.pop()
        lo = ptr[ends]
        count = ptr[ends + 1] - lo
        rows = np.repeat(np.arange(ends.size), count)
        pos = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(rows.size)
        paths = np.concatenate([paths[rows], edge[pos][:, None]], axis=1)
        ends = head[pos]
        done = ends == y
        if done.any():
            # One product per complete path, formed on its own: L-1 mul each.
            products = np.multiply.reduce(partial[paths[done]], axis=1)
            mul += products.size * (paths.shape[1] - 1)
            chunk_sum = products.sum()
            add += products.size - 1
            if total is None:
                total = chunk_sum
            else:
                total = total + chunk_sum
                add += 1
            paths, ends = paths[~done], ends[~done]
        rows_per_block = max(1, chunk // (paths.shape[1] + 1))
        for start in range(((ends.size - 1) // rows_per_block) * rows_per_block, -1,
                           -rows_per_block):
            stack.append((paths[start:start + rows_per_block], ends[start:start + rows_per_block]))
    return (None if total is None else float(total)), mul, add
