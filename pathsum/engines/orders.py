"""Greedy elimination orders from the literature.

Each heuristic eliminates, at every step, the intermediate vertex with the lowest score in
the graph as it is now, ties to the earlier vertex in topological order:

- ``markowitz``: |pred(v)|·|succ(v)|, the products eliminating v forms now (Markowitz's
  pivot rule, carried to vertex elimination by Griewank and Walther, *Evaluating
  Derivatives*, ch. 10);
- ``relative-markowitz``: |pred(v)|·|succ(v)| − indep(v)·dep(v), where indep(v) and
  dep(v) count the inputs that reach v and the outputs v reaches (Naumann's lowest relative
  Markowitz degree, as in his ANGEL library's ``lowest_relative_markowitz_vertex``);
- ``fill-in``: the edges u -> w that eliminating v creates where none was (lowest fill-in,
  from sparse Gaussian elimination; ANGEL's ``lowest_fill_in_vertex``).

A score changes only when the graph changes near the vertex, so a heap keeps each vertex's
last score and a popped entry whose score is out of date is dropped: a long chain costs
O(n log n), not a scan of every remaining vertex per step.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

from .linear import Linearised

__all__ = ["HEURISTICS", "greedy_eliminate"]

HEURISTICS = ("markowitz", "relative-markowitz", "fill-in")


def greedy_eliminate(lin: Linearised, heuristic: str) -> None:
    """Eliminate every intermediate of ``lin``, the lowest score of ``heuristic`` first.

    The order used is left in ``lin.order``.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("x", "a", 2), ("a", "b", 3), ("b", "y", 5), ("b", "z", 7)], ["x"])
    >>> lin = Linearised(compile_graph(g))
    >>> greedy_eliminate(lin, "fill-in")
    >>> lin.order, lin.mul, lin.jacobian(compile_graph(g))
    ([1, 2], 3, {3: {0: 30}, 4: {0: 42}})
    """
    score = _scores(lin)[heuristic]
    pending = set(lin.intermediates)
    heap = [(score(v), lin.position[v], v) for v in lin.intermediates]
    heapq.heapify(heap)
    while heap:
        value, _, v = heapq.heappop(heap)
        if v not in pending or value != score(v):
            continue  # eliminated already, or a score from before the graph changed near it
        pending.remove(v)
        touched = {u for u in (*lin.pred[v], *lin.succ[v]) if u in pending}
        if heuristic == "fill-in":
            # A new edge u -> w lowers the fill-in of every vertex between u and w.
            for u, w in _new_edges(lin, v):
                between = lin.succ[u].keys() & lin.pred[w].keys()
                touched.update(t for t in between if t in pending)
        lin.eliminate(v)
        for u in touched:
            heapq.heappush(heap, (score(u), lin.position[u], u))


def _scores(lin: Linearised) -> dict[str, Callable[[int], int]]:
    def markowitz(v: int) -> int:
        return len(lin.pred[v]) * len(lin.succ[v])

    def fill_in(v: int) -> int:
        return sum(1 for _ in _new_edges(lin, v))

    reach: dict[int, int] = {}

    def relative_markowitz(v: int) -> int:
        if not reach:  # elimination keeps who reaches whom: count once, on the first call
            reach.update(_reach_products(lin))
        return markowitz(v) - reach[v]

    return {"markowitz": markowitz, "relative-markowitz": relative_markowitz,
            "fill-in": fill_in}


def _new_edges(lin: Linearised, v: int):
    """The pairs u -> w that eliminating v would join for the first time."""
    for u in lin.pred[v]:
        out = lin.succ[u]
        for w in lin.succ[v]:
            if w not in out:
                yield u, w


def _reach_products(lin: Linearised) -> dict[int, int]:
    """indep(v)·dep(v) for every vertex: inputs reaching v times outputs reached from v,
    as bitmasks over the ends, in one pass each way."""
    order = sorted(lin.pred, key=lin.position.get)
    sources = [v for v in order if not lin.pred[v]]
    sinks = [v for v in order if not lin.succ[v]]
    up = {v: 1 << i for i, v in enumerate(sources)}
    for v in order:
        for u in lin.pred[v]:
            up[v] = up.get(v, 0) | up[u]
    down = {v: 1 << i for i, v in enumerate(sinks)}
    for v in reversed(order):
        for w in lin.succ[v]:
            down[v] = down.get(v, 0) | down[w]
    return {v: up.get(v, 0).bit_count() * down.get(v, 0).bit_count() for v in order}
