"""The graph that vertex elimination works on (DESIGN §3): the active subgraph as adjacency
maps, parallel edges merged, used outputs given sink copies, ready to eliminate."""

from __future__ import annotations

import time
from typing import Any

from ..compiled import CompiledGraph

__all__ = ["Linearised", "intermediates"]


def intermediates(cg: CompiledGraph) -> list[int]:
    """The vertices an elimination removes, in topological order: the active nodes that are
    neither inputs nor unused outputs. An output that other active nodes use is one of them
    (its value lives on in a sink copy).

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "a", 2.0), ("a", "y", 3.0), ("y", "z", 1.0)],
    ...                               ["x"], ["y", "z"]))
    >>> [cg.names[v] for v in intermediates(cg)]
    ['a', 'y']
    """
    active = cg.active
    ends = set(cg.inputs)
    for y in cg.outputs:
        if not any(active[cg.dst[e]] for e in cg.out_edges[y]):
            ends.add(y)
    return [v for v in range(cg.n_nodes) if active[v] and v not in ends]


class Linearised:
    """The active subgraph as adjacency maps, with output copies, ready to eliminate.

    ``pred[v][u]`` and ``succ[u][v]`` hold the partial on u -> v; ``mul`` and ``add`` count
    the operations on partials made so far (merging parallel edges included);
    ``setup_seconds`` is the time spent building it.
    """

    def __init__(self, cg: CompiledGraph) -> None:
        start = time.perf_counter()
        active = cg.active
        self.pred: dict[int, dict[int, Any]] = {v: {} for v in range(cg.n_nodes) if active[v]}
        self.succ: dict[int, dict[int, Any]] = {v: {} for v in self.pred}
        self.add = 0
        for e in range(cg.n_edges):
            u, v = cg.src[e], cg.dst[e]
            if not (active[u] and active[v]):
                continue
            if v in self.succ[u]:
                self.succ[u][v] = self.succ[u][v] + cg.partial[e]  # merge parallel edges
                self.add += 1
            else:
                self.succ[u][v] = cg.partial[e]
            self.pred[v][u] = self.succ[u][v]
        # An output that other nodes use keeps its value in a sink copy behind partial 1.
        self.sink: dict[int, int] = {}
        next_id = cg.n_nodes
        for y in cg.outputs:
            if active[y] and self.succ[y]:
                self.pred[next_id] = {y: 1}
                self.succ[next_id] = {}
                self.succ[y][next_id] = 1
                self.sink[y] = next_id
                next_id += 1
            else:
                self.sink[y] = y
        # Topological position of every vertex: a sink copy sits right after its output.
        self.position = {v: float(v) for v in range(cg.n_nodes)}
        self.position.update({c: y + 0.5 for y, c in self.sink.items() if c != y})
        self.intermediates = intermediates(cg)
        self.mul = 0
        self.order: list[int] = []
        self.setup_seconds = time.perf_counter() - start

    def eliminate(self, v: int) -> None:
        """Form c(u,v)·c(v,w) for every u -> v -> w, add it into u -> w, remove v."""
        preds, succs = self.pred.pop(v), self.succ.pop(v)
        for u in preds:
            del self.succ[u][v]
        for w in succs:
            del self.pred[w][v]
        for u, c_uv in preds.items():
            for w, c_vw in succs.items():
                self.accumulate(u, w, c_uv * c_vw)
        self.order.append(v)

    def accumulate(self, u: int, w: int, product: Any) -> None:
        """Add a product of two partials (one ``mul``) into the edge u -> w: one ``add``
        if that edge exists, else the product becomes it."""
        self.mul += 1
        out = self.succ[u]
        if w in out:
            out[w] = out[w] + product  # the sum over paths accumulates here
            self.add += 1
        else:
            out[w] = product
        self.pred[w][u] = out[w]

    def jacobian(self, cg: CompiledGraph) -> dict[int, dict[int, Any]]:
        """What is left once every intermediate is gone: input -> output edges, keyed
        output -> input, 0 where no path joins them."""
        jacobian = {}
        for y in cg.outputs:
            left = self.pred.get(self.sink[y], {})
            jacobian[y] = {x: left.get(x, 0) for x in cg.inputs}
        return jacobian
