"""Vertex elimination: the "cross-country" generalisation of both sweeps (DESIGN §3).

Eliminating an intermediate vertex v replaces every pair of edges u -> v -> w by the
product c(u,v)·c(v,w), added into u -> w. Removing all intermediates leaves only
input -> output edges: the Jacobian. Forward and reverse mode are two particular orders;
Markowitz and the optimal order show that neither is best in general.
"""

from __future__ import annotations

import heapq
import time
from typing import Any

from ..compiled import CompiledGraph
from ..errors import UsageError
from .result import EngineResult

__all__ = ["MAX_OPTIMAL", "ORDERS", "eliminate_engine", "elimination_graph", "optimal_order"]

ORDERS = ("forward", "reverse", "markowitz", "optimal")
#: The optimal order is a search over subsets: refused above this many intermediates.
MAX_OPTIMAL = 20


class _Linear:
    """The active subgraph as adjacency maps, with output copies, ready to eliminate."""

    def __init__(self, cg: CompiledGraph) -> None:
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
        ends = set(cg.inputs) | set(self.sink.values())
        # Topological position of every vertex: a sink copy sits right after its output.
        self.position = {v: float(v) for v in range(cg.n_nodes)}
        self.position.update({c: y + 0.5 for y, c in self.sink.items() if c != y})
        self.intermediates = sorted((v for v in self.pred if v not in ends), key=self.position.get)
        self.mul = 0

    def eliminate(self, v: int) -> None:
        preds, succs = self.pred.pop(v), self.succ.pop(v)
        for u in preds:
            del self.succ[u][v]
        for w in succs:
            del self.pred[w][v]
        for u, c_uv in preds.items():
            out = self.succ[u]
            for w, c_vw in succs.items():
                product = c_uv * c_vw
                self.mul += 1
                if w in out:
                    out[w] = out[w] + product  # the sum over paths accumulates here
                    self.add += 1
                else:
                    out[w] = product
                self.pred[w][u] = out[w]

    def markowitz(self) -> None:
        """Eliminate every intermediate, the smallest |pred|·|succ| first, ties to the
        earlier vertex in topological order.

        Eliminating v changes the degrees of its neighbours only, so a heap keeps each
        vertex's cost and a popped entry whose cost is out of date is dropped: a long chain
        costs O(n log n), not a scan of every remaining vertex per step.
        """
        pending = set(self.intermediates)
        heap = [(self.cost(v), self.position[v], v) for v in self.intermediates]
        heapq.heapify(heap)
        while heap:
            cost, _, v = heapq.heappop(heap)
            if v not in pending or cost != self.cost(v):
                continue  # eliminated already, or a cost from before a neighbour went
            pending.remove(v)
            touched = [u for u in (*self.pred[v], *self.succ[v]) if u in pending]
            self.eliminate(v)
            for u in touched:
                heapq.heappush(heap, (self.cost(u), self.position[u], u))

    def cost(self, v: int) -> int:
        """Markowitz's cost of eliminating v now: the products it would form."""
        return len(self.pred[v]) * len(self.succ[v])


def elimination_graph(cg: CompiledGraph) -> tuple[list[int], dict[int, set[int]]]:
    """Intermediates (in topological order) and direct predecessors of the active subgraph,
    with output copies, as :func:`optimal_order` needs them.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> g = from_edges([("x", "a", 2.0), ("a", "b", 3.0), ("b", "y", 1.0), ("b", "z", 1.0)], ["x"])
    >>> elimination_graph(compile_graph(g))
    ([1, 2], {0: set(), 1: {0}, 2: {1}, 3: {2}, 4: {2}})
    """
    return _shape(_Linear(cg))


def _shape(lin: _Linear) -> tuple[list[int], dict[int, set[int]]]:
    return lin.intermediates, {v: set(p) for v, p in lin.pred.items()}


def optimal_order(intermediates: list[int], pred: dict[int, set[int]]) -> list[int]:
    """The elimination order with the fewest multiplications, by dynamic programming over
    the set of eliminated vertices.

    Eliminating v after the set S costs |P_S(v)|·|S_S(v)|, where P_S(v) are the vertices
    outside S that reach v through S only (and S_S(v) likewise forward): which edges exist
    depends only on S, not on the order that eliminated it.

    Raises
    ------
    UsageError
        Above :data:`MAX_OPTIMAL` intermediates.

    Examples
    --------
    Here a costs 1·1, then b 1·2: 3 ``mul``; the reverse order costs 1·2 + 1·2.

    >>> optimal_order([1, 2], {0: set(), 1: {0}, 2: {1}, 3: {2}, 4: {2}})
    [1, 2]
    """
    m = len(intermediates)
    if m > MAX_OPTIMAL:
        raise UsageError(f"the optimal elimination order is refused above {MAX_OPTIMAL} "
                         f"intermediate vertices (this graph has {m})")
    vertices = sorted(pred)
    bit = {v: 1 << i for i, v in enumerate(vertices)}
    succ: dict[int, set[int]] = {v: set() for v in vertices}
    for v, ps in pred.items():
        for u in ps:
            succ[u].add(v)
    order_pos = {v: i for i, v in enumerate(intermediates)}
    topo = _topological(vertices, pred)
    full = (1 << m) - 1
    best = [None] * (1 << m)
    choice = [-1] * (1 << m)
    best[0] = 0
    for state in range(1 << m):
        cost = best[state]
        if cost is None:
            continue
        eliminated = {v for v in intermediates if state >> order_pos[v] & 1}
        reach_back = _fill(topo, pred, eliminated, bit)
        reach_fwd = _fill(topo[::-1], succ, eliminated, bit)
        for i, v in enumerate(intermediates):
            if state >> i & 1:
                continue
            nxt = state | 1 << i
            total = cost + reach_back[v].bit_count() * reach_fwd[v].bit_count()
            if best[nxt] is None or total < best[nxt]:
                best[nxt], choice[nxt] = total, i
    order = []
    state = full
    while state:
        i = choice[state]
        order.append(intermediates[i])
        state &= ~(1 << i)
    return order[::-1]


def _topological(vertices: list[int], pred: dict[int, set[int]]) -> list[int]:
    # Ids already follow the topological order, except sink copies (larger ids); place each
    # vertex after all its predecessors by a simple Kahn pass.
    indegree = {v: len(pred[v]) for v in vertices}
    succ: dict[int, list[int]] = {v: [] for v in vertices}
    for v in vertices:
        for u in pred[v]:
            succ[u].append(v)
    ready = sorted(v for v in vertices if indegree[v] == 0)
    out = []
    while ready:
        v = ready.pop(0)
        out.append(v)
        for w in sorted(succ[v]):
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    return out


def _fill(topo: list[int], near: dict[int, set[int]], eliminated: set[int],
          bit: dict[int, int]) -> dict[int, int]:
    """For each vertex, the bitmask of non-eliminated vertices joined to it through
    eliminated ones only (predecessors when ``near`` is pred and ``topo`` runs forward)."""
    mask: dict[int, int] = {}
    for v in topo:
        m = 0
        for u in near[v]:
            m |= mask[u] if u in eliminated else bit[u]
        mask[v] = m
    return mask


def eliminate_engine(cg: CompiledGraph, order: str = "markowitz") -> EngineResult:
    """Eliminate every intermediate vertex in the given order; what is left is the Jacobian.

    Parameters
    ----------
    order : {"forward", "reverse", "markowitz", "optimal"}

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> g = from_edges([("X", "Y", 1), ("X", "Y", 2), ("Y", "Z", 4), ("Y", "Z", 5)], ["X"])
    >>> r = eliminate_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add
    ({2: {0: 27}}, 1, 2)
    """
    if order not in ORDERS:
        raise UsageError(f"unknown elimination order '{order}' (choose from {', '.join(ORDERS)})")
    start = time.perf_counter()
    lin = _Linear(cg)
    setup = time.perf_counter() - start
    if order == "markowitz":
        lin.markowitz()
    else:
        if order == "forward":
            sequence = lin.intermediates
        elif order == "reverse":
            sequence = lin.intermediates[::-1]
        else:
            sequence = optimal_order(*_shape(lin))
        for v in sequence:
            lin.eliminate(v)
    jacobian = {}
    for y in cg.outputs:
        left = lin.pred.get(lin.sink[y], {})
        jacobian[y] = {x: left.get(x, 0) for x in cg.inputs}
    return EngineResult(f"eliminate-{order}", jacobian, lin.mul, lin.add, setup_seconds=setup)
