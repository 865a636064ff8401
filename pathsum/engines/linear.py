"""Vertex elimination (DESIGN §3), the textbook loop: the active subgraph as adjacency maps,
parallel edges merged, used outputs given sink copies; eliminating v sums its paths."""

from __future__ import annotations

import time
from typing import Any

from ..compiled import CompiledGraph
from .result import EngineResult

__all__ = ["Linearised", "intermediates"]

def intermediates(cg: CompiledGraph) -> list[int]:
    """The active nodes, in topological order, that are neither inputs nor outputs no
    active node uses (a used output lives on in a sink copy)."""
    active = cg.active
    ends = set(cg.inputs)
    for y in cg.outputs:
        if not any(active[cg.dst[e]] for e in cg.out_edges[y]):
            ends.add(y)
    return [v for v in range(cg.n_nodes) if active[v] and v not in ends]

class Linearised:
    """``pred[v][u]`` and ``succ[u][v]`` hold the partial on u -> v; ``mul`` and ``add``
    count the operations on partials so far (merging parallel edges included)."""

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
        """Form c(u,v)·c(v,w) for every u -> v -> w, add it into u -> w, remove v
        (Griewank and Walther, *Evaluating Derivatives*, §9-10)."""
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
        """Add a product (one ``mul``) into u -> w: one ``add`` if the edge exists."""
        self.mul += 1
        out = self.succ[u]
        if w in out:
            out[w] = out[w] + product  # the sum over paths accumulates here
            self.add += 1
        else:
            out[w] = product
        self.pred[w][u] = out[w]

    def jacobian(self, cg: CompiledGraph) -> dict[int, dict[int, Any]]:
        """The input -> output edges left, keyed output -> input, 0 where no path joins."""
        jacobian = {}
        for y in cg.outputs:
            left = self.pred.get(self.sink[y], {})
            jacobian[y] = {x: left.get(x, 0) for x in cg.inputs}
        return jacobian

    def result(self, cg: CompiledGraph, engine: str, **extra: Any) -> EngineResult:
        """The engine's result: the Jacobian, the counts, the order (unless ``extra`` says)."""
        fields = {"setup_seconds": self.setup_seconds, "order": self.order, **extra}
        return EngineResult(engine, self.jacobian(cg), self.mul, self.add, **fields)
