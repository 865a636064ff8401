"""``eliminate-chain``: a layered graph's Jacobian J_L ⋯ J_1 as a product of dense layer
Jacobians in the cheapest bracketing (the matrix-chain programme, CLRS §15.2). A p×q by
q×r product costs what eliminating the q vertices between costs, so it is an order too."""

from __future__ import annotations

import time
from typing import Any

from ..compiled import CompiledGraph
from ..errors import UsageError
from .linear import Linearised
from .result import EngineResult

__all__ = ["MAX_LAYERS", "chain_bracketing", "chain_engine", "layers"]

MAX_LAYERS = 300  # the dynamic programme is cubic in the layers

def layers(cg: CompiledGraph) -> list[list[int]]:
    """The active nodes layer by layer, inputs first, refused (naming the edge or output)
    unless every edge joins consecutive layers and every output is in the last."""
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
    """The least ``mul`` of the chain A_1 ⋯ A_n, A_i being dims[i-1] × dims[i], and the
    split table: ``split[i][j]`` is the k of the cheapest (A_i ⋯ A_k)(A_k+1 ⋯ A_j), ties to
    the smallest k."""
    n = len(dims) - 1
    cost = [[0] * (n + 1) for _ in range(n + 1)]
    split = [[0] * (n + 1) for _ in range(n + 1)]
    for length in range(2, n + 1):
        for i in range(1, n - length + 2):
            j = i + length - 1
            best = -1
            for k in range(i, j):
                total = cost[i][k] + cost[k + 1][j] + dims[i - 1] * dims[k] * dims[j]
                if best < 0 or total < best:
                    best, split[i][j] = total, k
            cost[i][j] = best
    return (cost[1][n] if n else 0), split

def chain_engine(cg: CompiledGraph) -> EngineResult:
    """Build the dense layer Jacobians and multiply them in the cheapest bracketing."""
    start = time.perf_counter()
    by_layer = layers(cg)
    depth = len(by_layer) - 1
    lin = Linearised(cg)  # parallel edges merged, with their adds
    add = lin.add
    # Matrix A_i of the chain is J_{depth+1-i}: the product is written outputs first.
    matrices = {(depth + 1 - k, depth + 1 - k): [[lin.pred[v].get(u, 0) for u in by_layer[k - 1]]
                                                 for v in by_layer[k]]
                for k in range(1, depth + 1)}
    dims = [len(by_layer[depth - i]) for i in range(depth + 1)]
    _, split = chain_bracketing(dims)
    setup = time.perf_counter() - start
    mul = 0
    order: list[int] = []
    texts = {(i, i): f"J{depth + 1 - i}" for i in range(1, depth + 1)}  # J_k: layer k-1 to k
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
        matrices[i, j] = _multiply(left, right)
        mul += len(left) * len(right) * len(right[0])
        add += len(left) * len(right[0]) * (len(right) - 1)
        texts[i, j] = f"({texts.pop((i, k))} {texts.pop((k + 1, j))})"
        order += by_layer[depth - k]  # the layer between A_k and A_k+1 is eliminated
    jacobian: dict[int, dict[int, Any]] = {y: {x: 0 for x in cg.inputs} for y in cg.outputs}
    if depth:
        result = matrices[1, depth]
        for r, y in enumerate(by_layer[depth]):
            for c, x in enumerate(by_layer[0]):
                jacobian[y][x] = result[r][c]
    return EngineResult("eliminate-chain", jacobian, mul, add, setup_seconds=setup,
                        order=order, bracketing=texts.get((1, depth), ""))

def _multiply(a: list[list[Any]], b: list[list[Any]]) -> list[list[Any]]:
    """A dense product: p×q by q×r makes p·q·r ``mul`` and p·r·(q-1) ``add``."""
    columns = list(zip(*b, strict=True))
    product = []
    for row in a:
        out = []
        for column in columns:
            total = row[0] * column[0]
            for t in range(1, len(b)):
                total = total + row[t] * column[t]  # the sum over paths accumulates here
            out.append(total)
        product.append(out)
    return product
