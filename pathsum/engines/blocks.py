"""The path engine's chunked enumeration on Python lists, for a small float graph.

A small graph (:attr:`~pathsum.compiled.CompiledGraph.small`) must not import numpy: its
import costs more CPU than the whole analysis (start-up, issue 10 item 16). Its float paths
are nonetheless summed exactly as :mod:`pathsum.engines.chunks` sums them, to the last bit:
the same blocks of partial paths, in the same order, each path's product formed on its own
left to right, the paths that arrive together summed in numpy's pairwise order
(:func:`numpy_order_sum`), and block sums added in turn. So a float graph's derivatives do
not depend on whether it was small enough to skip numpy.
"""

from __future__ import annotations

from ..compiled import CompiledGraph

__all__ = ["numpy_order_sum", "pair_sums"]

#: numpy's pairwise summation: below this many terms, one running sum; up to
#: ``_PAIRWISE_BLOCK``, eight running sums; above, the halves summed apart.
_UNROLL = 8
_PAIRWISE_BLOCK = 128


def numpy_order_sum(values: list[float]) -> float:
    """``float(np.array(values).sum())`` without numpy: the same additions, in the same order.

    Examples
    --------
    Ten terms take eight running sums, so the rounding differs from a plain loop's:

    >>> numpy_order_sum([0.1] * 10), sum([0.1] * 10)
    (1.0, 0.9999999999999999)
    >>> numpy_order_sum([-0.0])  # numpy starts from +0.0
    0.0
    """
    return 0.0 + _pairwise(values, 0, len(values))


def _pairwise(values: list[float], lo: int, n: int) -> float:
    # numpy's pairwise_sum (numpy/_core/src/umath/loops_utils.h.src), depth log2(n / 128).
    if n < _UNROLL:
        total = 0.0
        for i in range(lo, lo + n):
            total += values[i]
        return total
    if n <= _PAIRWISE_BLOCK:
        r = values[lo:lo + _UNROLL]
        i = _UNROLL
        while i < n - n % _UNROLL:
            r = [a + b for a, b in zip(r, values[lo + i:lo + i + _UNROLL], strict=True)]
            i += _UNROLL
        total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for j in range(lo + i, lo + n):
            total += values[j]
        return total
    half = n // 2
    half -= half % _UNROLL
    return _pairwise(values, lo, half) + _pairwise(values, lo + half, n - half)


def pair_sums(cg: CompiledGraph, y: int,
              chunk: int) -> list[tuple[int, float | None, int, int]]:
    """Sum of path products from each input to output ``y``, with the ops spent, as
    :func:`pathsum.engines.chunks.pair_sums` gives them.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> edges = [("a", "c", 0.5), ("b", "c", 4.0), ("c", "d", 3.0), ("e", "f", 1.0)]
    >>> cg = compile_graph(from_edges(edges, ["a", "b", "e"], ["d", "f"]))
    >>> pair_sums(cg, cg.names.index("d"), 1 << 15)  # no path from e
    [(0, 1.5, 1, 0), (1, 12.0, 1, 0), (2, None, 0, 0)]
    """
    # Only the cone of y is walked; each node's ways on come in the order the cone lists
    # its edges, as the chunks' stable sort by tail leaves them.
    nodes, cone_edges = cg.cone(y)
    ways: dict[int, list[tuple[int, int]]] = {v: [] for v in nodes}
    src, dst = cg.src, cg.dst
    for e in cone_edges:
        ways[src[e]].append((e, dst[e]))
    return [(x, *_enumerate(x, y, ways, cg.partial, chunk))
            if x in ways and x != y else (x, None, 0, 0) for x in cg.inputs]


def _enumerate(x: int, y: int, ways: dict[int, list[tuple[int, int]]],
               partial: list[float], chunk: int) -> tuple[float | None, int, int]:
    total: float | None = None
    mul = add = 0
    # Each entry: a block of partial paths of one length (edge ids) and their last nodes.
    stack: list[tuple[list[list[int]], list[int]]] = [([[]], [x])]
    while stack:
        paths, ends = stack.pop()
        if len(ends) == 1 and len(ways[ends[0]]) == 1:
            # A lone path through nodes with one way on: followed edge by edge.
            v, run = ends[0], list(paths[0])
            while v != y and len(ways[v]) == 1:
                e, v = ways[v][0]
                run.append(e)
            paths, ends = [run], [v]
            if v == y:
                total, mul, add = _arrived(paths, partial, total, mul, add)
                continue
        longer, heads = [], []
        for path, v in zip(paths, ends, strict=True):
            for e, head in ways[v]:
                longer.append([*path, e])
                heads.append(head)
        arrived = [path for path, head in zip(longer, heads, strict=True) if head == y]
        if arrived:
            total, mul, add = _arrived(arrived, partial, total, mul, add)
        paths = [path for path, head in zip(longer, heads, strict=True) if head != y]
        ends = [head for head in heads if head != y]
        per_block = max(1, chunk // (len(longer[0]) + 1))
        for start in range(((len(ends) - 1) // per_block) * per_block, -1, -per_block):
            stack.append((paths[start:start + per_block], ends[start:start + per_block]))
    return total, mul, add


def _arrived(paths: list[list[int]], partial: list[float], total: float | None, mul: int,
             add: int) -> tuple[float, int, int]:
    """Multiply out the paths that reached the output, each on its own, and sum them."""
    products = []
    for path in paths:
        product = partial[path[0]]
        for e in path[1:]:  # no prefix shared with any other path
            product *= partial[e]
            mul += 1
        products.append(product)
    block = numpy_order_sum(products)
    add += len(products) - 1
    if total is None:
        return block, mul, add
    add += 1
    return total + block, mul, add  # the sum over paths accumulates here
