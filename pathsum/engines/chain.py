"""``eliminate-chain``: a layered graph's Jacobian as a chain of dense layer Jacobians,
multiplied in the cheapest bracketing.

In a layered graph every edge joins layer k-1 to layer k, so the Jacobian is the product
J_L ⋯ J_2 J_1 of the layer Jacobians (J_k is |layer k| × |layer k-1|). How the product is
bracketed decides its cost: forward mode is J_L (⋯ (J_2 J_1)), reverse mode ((J_L J_{L-1}) ⋯)
J_1. The cheapest bracketing comes from the matrix-chain dynamic programme of Cormen,
Leiserson, Rivest and Stein, *Introduction to Algorithms*, §15.2. Multiplying a p×q matrix
by a q×r one costs p·q·r ``mul`` and p·r·(q-1) ``add``: the same as eliminating the q
vertices of the layer between them, so the bracketing is also an elimination order (each
product eliminates one layer), which is what ``order`` reports.
"""

from __future__ import annotations

import time
from typing import Any

from ..compiled import CompiledGraph
from ..errors import UsageError
from .result import EngineResult

__all__ = ["MAX_LAYERS", "chain_bracketing", "chain_engine", "layers"]

#: The dynamic programme is cubic in the number of layers: refused above this many.
MAX_LAYERS = 300


def layers(cg: CompiledGraph) -> list[list[int]]:
    """The active nodes layer by layer, inputs first, outputs last.

    Raises
    ------
    UsageError
        Naming the edge that skips or the output that sits before the last layer.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("x", "h", 2.0), ("x", "k", 1.0), ("h", "y", 3.0), ("k", "y", 1.0)],
    ...                ["x"])
    >>> layers(compile_graph(g))
    [[0], [1, 2], [3]]
    >>> layers(compile_graph(from_edges([("x", "h", 2.0), ("h", "y", 3.0), ("x", "y", 1.0)],
    ...                                 ["x"])))
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: edge x -> y: eliminate-chain needs a layered graph (every edge joining consecutive layers), and this edge goes from layer 0 to layer 2
    """
    active, src, names = cg.active, cg.src, cg.names
    layer: dict[int, int] = {x: 0 for x in cg.inputs if active[x]}
    for v in range(cg.n_nodes):  # ids are topological: every predecessor has its layer
        if not active[v] or v in layer:
            continue
        preds = [src[e] for e in cg.in_edges[v] if active[src[e]]]
        layer[v] = 1 + max(layer[u] for u in preds)
        for u in preds:
            if layer[u] != layer[v] - 1:
                raise UsageError("eliminate-chain needs a layered graph (every edge joining "
                                 "consecutive layers), and this edge goes from layer "
                                 f"{layer[u]} to layer {layer[v]}", edge=(names[u], names[v]))
    depth = max(layer.values(), default=0)
    for y in cg.outputs:
        if active[y] and layer[y] != depth:
            raise UsageError(f"eliminate-chain needs every output in the last layer ({depth}), "
                             f"and this one is in layer {layer[y]}", node=names[y])
    if depth > MAX_LAYERS:
        raise UsageError(f"eliminate-chain is refused above {MAX_LAYERS} layers of edges (its "
                         f"dynamic programme is cubic in them; this graph has {depth})")
    by_layer: list[list[int]] = [[] for _ in range(depth + 1)] if layer else []
    for v in sorted(layer):
        by_layer[layer[v]].append(v)
    return by_layer


def chain_bracketing(dims: list[int]) -> tuple[int, list[list[int]]]:
    """The least ``mul`` to multiply a chain A_1 ⋯ A_n, A_i being dims[i-1] × dims[i], and
    the split table: ``split[i][j]`` is the k of the cheapest (A_i ⋯ A_k)(A_k+1 ⋯ A_j).

    Ties go to the smallest k. Bottom-up over chain lengths, as in CLRS §15.2.

    Examples
    --------
    The textbook's chain (CLRS figure 15.5):

    >>> cost, split = chain_bracketing([30, 35, 15, 5, 10, 20, 25])
    >>> cost, split[1][6], split[1][3], split[4][6]
    (15125, 3, 1, 5)
    """
    n = len(dims) - 1
    cost = [[0] * (n + 1) for _ in range(n + 1)]
    split = [[0] * (n + 1) for _ in range(n + 1)]
    for length in range(2, n + 1):
        for i in range(1, n - length + 2):
            j = i + length - 1
            best = None
            for k in range(i, j):
                total = cost[i][k] + cost[k + 1][j] + dims[i - 1] * dims[k] * dims[j]
                if best is None or total < best:
                    best, split[i][j] = total, k
            cost[i][j] = best
    return (cost[1][n] if n else 0), split


def chain_engine(cg: CompiledGraph) -> EngineResult:
    """Build the dense layer Jacobians and multiply them in the cheapest bracketing.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> edges = [("x1", "h", 2), ("x2", "h", 3), ("h", "y1", 5), ("h", "y2", 7)]
    >>> r = chain_engine(compile_graph(from_edges(edges, ["x1", "x2"])))
    >>> r.jacobian, r.mul, r.add, r.bracketing, r.order
    ({3: {0: 10, 1: 15}, 4: {0: 14, 1: 21}}, 4, 0, '(J2 J1)', [2])
    """
    start = time.perf_counter()
    by_layer = layers(cg)
    depth = len(by_layer) - 1
    # Matrix A_i of the chain is J_{depth+1-i}: the product is written outputs first.
    add = 0
    matrices: dict[tuple[int, int], list[list[Any]]] = {}
    for k in range(1, depth + 1):
        rows = {v: r for r, v in enumerate(by_layer[k])}
        cols = {u: c for c, u in enumerate(by_layer[k - 1])}
        jk: list[list[Any]] = [[0] * len(cols) for _ in rows]
        seen: set[tuple[int, int]] = set()
        for v, r in rows.items():
            for e in cg.in_edges[v]:
                c = cols.get(cg.src[e])
                if c is None:
                    continue
                if (r, c) in seen:
                    jk[r][c] = jk[r][c] + cg.partial[e]  # merge parallel edges
                    add += 1
                else:
                    jk[r][c] = cg.partial[e]
                    seen.add((r, c))
        i = depth + 1 - k
        matrices[i, i] = jk
    dims = [len(by_layer[depth - i]) for i in range(depth + 1)]
    _, split = chain_bracketing(dims)
    setup = time.perf_counter() - start
    mul = 0
    order: list[int] = []
    # Post-order over the bracketing tree with an explicit stack: no recursion on depth.
    stack = [(1, depth, False)] if depth else []
    while stack:
        i, j, ready = stack.pop()
        if i == j:
            continue
        k = split[i][j]
        if not ready:
            stack += [(i, j, True), (k + 1, j, False), (i, k, False)]
            continue
        left, right = matrices.pop((i, k)), matrices.pop((k + 1, j))
        product, m, a = _multiply(left, right)
        matrices[i, j] = product
        mul, add = mul + m, add + a
        order += by_layer[depth - k]  # the layer between A_k and A_k+1 is eliminated
    jacobian: dict[int, dict[int, Any]] = {y: {x: 0 for x in cg.inputs} for y in cg.outputs}
    if depth:
        result = matrices[1, depth]
        for r, y in enumerate(by_layer[depth]):
            for c, x in enumerate(by_layer[0]):
                jacobian[y][x] = result[r][c]
    return EngineResult("eliminate-chain", jacobian, mul, add, setup_seconds=setup,
                        order=order, bracketing=_bracketing(split, depth))


def _multiply(a: list[list[Any]], b: list[list[Any]]) -> tuple[list[list[Any]], int, int]:
    """A dense product, with the multiplications and additions it made."""
    q = len(b)
    columns = list(zip(*b, strict=True)) if q else []
    product = []
    mul = add = 0
    for row in a:
        out = []
        for column in columns:
            total = row[0] * column[0]
            mul += 1
            for t in range(1, q):
                total = total + row[t] * column[t]  # the sum over paths accumulates here
                mul += 1
                add += 1
            out.append(total)
        product.append(out)
    return product, mul, add


def _bracketing(split: list[list[int]], depth: int) -> str:
    """``(J3 (J2 J1))``: the product as bracketed, J_k taking layer k-1 to layer k."""
    if not depth:
        return ""
    out: list[str] = []
    stack: list[tuple[int, int] | str] = [(1, depth)]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        i, j = item
        if i == j:
            out.append(f"J{depth + 1 - i}")
            continue
        k = split[i][j]
        stack += [")", (k + 1, j), " ", (i, k), "("]
    return "".join(out)
