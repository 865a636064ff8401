"""The ``eliminate-*`` engines that eliminate vertices (DESIGN §3) in a named order: forward,
reverse, a greedy heuristic (docs/reference.md defines the scores; a heap keeps the last
ones), the optimal order, or a given one. The loop itself is in :mod:`.linear`."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence

from ..compiled import CompiledGraph
from ..errors import UsageError
from .edge_eliminate import given_edges, is_edge_order
from .linear import Linearised, intermediates
from .masks import Masks, bits, cheapest_order
from .result import EngineResult

__all__ = ["HEURISTICS", "MAX_OPTIMAL", "ORDERS", "check_given_order", "check_optimal_size",
           "eliminate_engine", "eliminate_in_order", "elimination_graph", "given_engine",
           "optimal_order"]

HEURISTICS = ("markowitz", "relative-markowitz", "fill-in")
ORDERS = ("forward", "reverse", *HEURISTICS, "optimal")
MAX_OPTIMAL = 20  # intermediates: the optimal order's DP is over their subsets

def elimination_graph(cg: CompiledGraph) -> tuple[list[int], dict[int, set[int]]]:
    """The intermediates and the direct predecessors of every vertex (output copies
    included), both in topological order (``Linearised.position``)."""
    return _shape(Linearised(cg))

def _shape(lin: Linearised) -> tuple[list[int], dict[int, set[int]]]:
    order = sorted(lin.pred, key=lin.position.__getitem__)
    return lin.intermediates, {v: set(lin.pred[v]) for v in order}

def optimal_order(intermediates: list[int], pred: dict[int, set[int]]) -> list[int]:
    """The order of fewest ``mul``, then ``add``, then earliest vertex at each step (``pred``
    topological, as :func:`elimination_graph` gives it)."""
    _check_size(len(intermediates))
    masks = Masks(intermediates, pred)
    topo = [masks.index[v] for v in pred]
    preds, succs = ([list(bits(m)) for m in sets] for sets in (masks.preds, masks.succs))
    # After the set S, v costs |P_S(v)|·|S_S(v)| mul (P_S(v): the vertices outside S that
    # reach v through S only; S_S(v) forward) and an add per such pair already joined. Both
    # depend on S alone: a subset DP. One int: mul above the shift, add below, mul first.
    shift = (len(intermediates) * len(masks.vertices) ** 2 + 1).bit_length()

    def costs(taken: int) -> list[int]:
        gone = sum(1 << masks.inner[i] for i in bits(taken))
        back, fwd = _fill(topo, preds, gone), _fill(topo[::-1], succs, gone)
        return [0 if taken >> i & 1 else (back[v].bit_count() * fwd[v].bit_count() << shift)
                + _adds(back[v], fwd, fwd[v]) for i, v in enumerate(masks.inner)]

    return [intermediates[i] for i in cheapest_order(len(intermediates), costs)[1]]

def _adds(back: int, fwd: list[int], out: int) -> int:
    """The pairs u -> w already joined, u in ``back`` and w in ``out``."""
    total = 0
    while back:
        low = back & -back
        total += (fwd[low.bit_length() - 1] & out).bit_count()
        back ^= low
    return total

def _fill(order: list[int], near: list[list[int]], gone: int) -> list[int]:
    """For each vertex the bitset of vertices not gone joined to it through gone ones only
    (its predecessors when ``order`` runs forward over ``near`` the predecessors)."""
    mask = [0] * len(near)
    for v in order:
        m = 0
        for u in near[v]:
            m |= mask[u] if gone >> u & 1 else 1 << u
        mask[v] = m
    return mask

def _check_size(m: int) -> None:
    if m > MAX_OPTIMAL:
        raise UsageError(f"the optimal elimination order is refused above {MAX_OPTIMAL} "
                         f"intermediate vertices (this graph has {m}); eliminate-search "
                         "has no such limit")

def check_optimal_size(cg: CompiledGraph) -> None:
    """Refuse, before any work, a graph too large for :func:`optimal_order`."""
    _check_size(len(intermediates(cg)))

def eliminate_engine(cg: CompiledGraph, order: str = "markowitz") -> EngineResult:
    """Eliminate every intermediate in the order named (one of :data:`ORDERS`); the result
    has the ``order`` used, and ``optimal`` True for the optimal order."""
    if order not in ORDERS:
        raise UsageError(f"unknown elimination order '{order}' (choose from {', '.join(ORDERS)})")
    lin = Linearised(cg)
    eliminate_in_order(lin, order)
    return lin.result(cg, f"eliminate-{order}", optimal=True if order == "optimal" else None)

def eliminate_in_order(lin: Linearised, order: str) -> None:
    """Eliminate every intermediate of ``lin`` in the order named; ``lin.order`` has it."""
    if order in HEURISTICS:
        greedy_eliminate(lin, order)
        return
    if order == "forward":
        sequence = lin.intermediates
    elif order == "reverse":
        sequence = lin.intermediates[::-1]
    else:
        sequence = optimal_order(*_shape(lin))
    for v in sequence:
        lin.eliminate(v)

def greedy_eliminate(lin: Linearised, heuristic: str) -> None:
    """Eliminate every intermediate of ``lin``, the lowest score of ``heuristic`` first
    (Markowitz, Naumann's relative Markowitz, or ANGEL's lowest fill-in)."""
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

def _new_edges(lin: Linearised, v: int) -> Iterator[tuple[int, int]]:
    """The pairs u -> w that eliminating v would join for the first time."""
    for u in lin.pred[v]:
        out = lin.succ[u]
        for w in lin.succ[v]:
            if w not in out:
                yield u, w

def _reach_products(lin: Linearised) -> dict[int, int]:
    """indep(v)·dep(v) for every vertex: inputs reaching v times outputs it reaches."""
    order = sorted(lin.pred, key=lin.position.__getitem__)
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

def check_given_order(cg: CompiledGraph, names: Sequence[str],
                      source: str | None = None) -> list[int]:
    """The node ids of ``names``, refused (naming the node, and its line from
    ``names.marks`` if any) unless they are a permutation of the intermediates."""
    ids = {name: v for v, name in enumerate(cg.names)}
    wanted = intermediates(cg)
    allowed = set(wanted)
    marks = getattr(names, "marks", None)
    seen: set[int] = set()
    order = []
    for i, name in enumerate(names):
        v = ids.get(name) if isinstance(name, str) else None
        if v is None:
            why = "not a node of the graph"
        elif v not in allowed:
            why = f"not an intermediate vertex ({_why_not(cg, v)})"
        elif v in seen:
            why = "appears twice in the order"
        else:
            seen.add(v)
            order.append(v)
            continue
        line, column = marks[i] if marks is not None else (None, None)
        raise UsageError(why, source=source, line=line, column=column, node=str(name))
    for v in wanted:
        if v not in seen:
            listed = ", ".join(cg.names[u] for u in wanted[:10])
            more = "" if len(wanted) <= 10 else f", … ({len(wanted) - 10} more)"
            raise UsageError(f"missing from the order (it must list each of the "
                             f"{len(wanted)} intermediates once: {listed}{more})",
                             source=source, node=cg.names[v])
    return order

def _why_not(cg: CompiledGraph, v: int) -> str:
    if v in cg.inputs:
        return "an input"
    if not cg.active[v]:
        return "inactive: on no path from an input to an output"
    return "an output no other node uses"

def given_engine(cg: CompiledGraph, order: Sequence[str]) -> EngineResult:
    """``eliminate-given``: eliminate the intermediates in the order named, or replay
    edge eliminations written ``front:i->j`` and ``back:i->j``."""
    if is_edge_order(order):  # front:i->j and back:i->j items, as eliminate-edge writes
        return given_edges(cg, order)
    sequence = check_given_order(cg, order)
    lin = Linearised(cg)
    for v in sequence:
        lin.eliminate(v)
    return lin.result(cg, "eliminate-given")
