"""Vertex elimination: the "cross-country" generalisation of both sweeps (DESIGN §3).

Eliminating an intermediate vertex v replaces every pair of edges u -> v -> w by the
product c(u,v)·c(v,w), added into u -> w. Removing all intermediates leaves only
input -> output edges: the Jacobian. Forward and reverse mode are two particular orders;
Markowitz and the optimal order show that neither is best in general.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..compiled import CompiledGraph
from ..errors import UsageError
from .edge_eliminate import given_edges, is_edge_order
from .linear import Linearised, intermediates
from .orders import HEURISTICS, greedy_eliminate
from .result import EngineResult

__all__ = ["MAX_OPTIMAL", "ORDERS", "check_given_order", "check_optimal_size",
           "eliminate_engine", "eliminate_in_order", "elimination_graph", "given_engine",
           "optimal_order"]

ORDERS = ("forward", "reverse", *HEURISTICS, "optimal")
#: The optimal order is a search over subsets: refused above this many intermediates.
MAX_OPTIMAL = 20


def elimination_graph(cg: CompiledGraph) -> tuple[list[int], dict[int, set[int]]]:
    """Intermediates (in topological order) and direct predecessors of the active subgraph,
    with output copies, as :func:`optimal_order` needs them.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("x", "a", 2.0), ("a", "b", 3.0), ("b", "y", 1.0), ("b", "z", 1.0)], ["x"])
    >>> elimination_graph(compile_graph(g))
    ([1, 2], {0: set(), 1: {0}, 2: {1}, 3: {2}, 4: {2}})
    """
    return _shape(Linearised(cg))


def _shape(lin: Linearised) -> tuple[list[int], dict[int, set[int]]]:
    return lin.intermediates, {v: set(p) for v, p in lin.pred.items()}


def optimal_order(intermediates: list[int], pred: dict[int, set[int]]) -> list[int]:
    """The elimination order with the fewest multiplications, by dynamic programming over
    the set of eliminated vertices; among those, the fewest additions.

    Eliminating v after the set S costs |P_S(v)|·|S_S(v)| ``mul``, where P_S(v) are the
    vertices outside S that reach v through S only (and S_S(v) likewise forward), and one
    ``add`` for each pair u in P_S(v), w in S_S(v) already joined by an edge: which edges
    exist depends only on S, not on the order that eliminated it. So the least (``mul``,
    ``add``), compared ``mul`` first, of eliminating everything outside S is a function of
    S alone, computed from the full set down. Among orders that tie on both, the one taken
    eliminates at each step the earliest possible vertex of ``intermediates`` (the first
    such order in their order, step by step).

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
    _check_size(m)
    # Vertices by index, the intermediates first, so that bit i of a set of eliminated
    # intermediates is vertex i; the sweeps that find who reaches whom through that set:
    # predecessors in topological order, then successors in reverse.
    vertices = [*intermediates, *sorted(pred.keys() - set(intermediates))]
    index = {v: i for i, v in enumerate(vertices)}
    preds = [[index[u] for u in pred[v]] for v in vertices]
    succs: list[list[int]] = [[] for _ in vertices]
    for i, ps in enumerate(preds):
        for j in ps:
            succs[j].append(i)
    topo = [index[v] for v in _topological(sorted(pred), pred)]
    sweeps = ((topo, preds), (topo[::-1], succs))
    # A cost is one int, mul above the shift and add below it: compared as ints, mul first.
    # Each elimination adds at most |vertices|² of either.
    shift = (m * len(vertices) ** 2 + 1).bit_length()
    full = (1 << m) - 1
    rest = [0] * (1 << m)  # the least cost of eliminating every vertex outside the set
    for state in range(full - 1, -1, -1):
        back, fwd = _reach(state, sweeps)
        # Without their adds, cheapest first; an add is counted only while it could still
        # win (adds are never negative), so ties in mul cost a few passes over P_S(v).
        totals = sorted(((back[v].bit_count() * fwd[v].bit_count() << shift)
                         + rest[state | 1 << v], v)
                        for v in range(m) if not state >> v & 1)
        best = totals[0][0] + _adds(back[totals[0][1]], fwd, totals[0][1])
        for total, v in totals[1:]:
            if total >= best:
                break
            best = min(best, total + _adds(back[v], fwd, v))
        rest[state] = best
    order = []
    state = 0
    while state != full:  # forward again, the earliest vertex that keeps the least cost
        back, fwd = _reach(state, sweeps)
        v = next(v for v in range(m) if not state >> v & 1 and rest[state] ==
                 (back[v].bit_count() * fwd[v].bit_count() << shift) + _adds(back[v], fwd, v)
                 + rest[state | 1 << v])
        order.append(vertices[v])
        state |= 1 << v
    return order


Sweeps = tuple[tuple[list[int], list[list[int]]], tuple[list[int], list[list[int]]]]


def _reach(eliminated: int, sweeps: Sweeps) -> tuple[list[int], list[int]]:
    """After eliminating the vertices whose bits are set in ``eliminated``, for every vertex
    v the bitmasks of P_S(v) and S_S(v)."""
    (forward, pred), (backward, succ) = sweeps
    return _fill(forward, pred, eliminated), _fill(backward, succ, eliminated)


def _adds(back: int, fwd: list[int], v: int) -> int:
    """The adds of eliminating v: its products that land on an edge u -> w that exists
    (``back`` is P_S(v))."""
    total, out = 0, fwd[v]
    while back:
        low = back & -back
        total += (fwd[low.bit_length() - 1] & out).bit_count()
        back ^= low
    return total


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


def _fill(order: list[int], near: list[list[int]], eliminated: int) -> list[int]:
    """For each vertex, the bitmask of non-eliminated vertices joined to it through
    eliminated ones only (predecessors when ``near`` is the predecessors and ``order`` runs
    forward)."""
    mask = [0] * len(near)
    for v in order:
        m = 0
        for u in near[v]:
            m |= mask[u] if eliminated >> u & 1 else 1 << u
        mask[v] = m
    return mask


def _check_size(m: int) -> None:
    if m > MAX_OPTIMAL:
        raise UsageError(f"the optimal elimination order is refused above {MAX_OPTIMAL} "
                         f"intermediate vertices (this graph has {m}); eliminate-search "
                         "has no such limit")


def check_optimal_size(cg: CompiledGraph) -> None:
    """Refuse, before any work, a graph too large for :func:`optimal_order`.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> chain = [(f"v{i}", f"v{i + 1}", 1.0) for i in range(22)]
    >>> check_optimal_size(compile_graph(from_edges(chain, ["v0"])))
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: the optimal elimination order is refused above 20 intermediate vertices (this graph has 21); eliminate-search has no such limit
    """
    _check_size(len(intermediates(cg)))


def eliminate_engine(cg: CompiledGraph, order: str = "markowitz") -> EngineResult:
    """Eliminate every intermediate vertex in the given order; what is left is the Jacobian.

    Parameters
    ----------
    order : {"forward", "reverse", "markowitz", "relative-markowitz", "fill-in", "optimal"}
        The heuristics are described in :mod:`pathsum.engines.orders`.

    Returns
    -------
    EngineResult
        With ``order``, the node ids in the order they were eliminated, and for the optimal
        order ``optimal`` True.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("X", "Y", 1), ("X", "Y", 2), ("Y", "Z", 4), ("Y", "Z", 5)], ["X"])
    >>> r = eliminate_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add, r.order
    ({2: {0: 27}}, 1, 2, [1])
    """
    if order not in ORDERS:
        raise UsageError(f"unknown elimination order '{order}' (choose from {', '.join(ORDERS)})")
    lin = Linearised(cg)
    eliminate_in_order(lin, order)
    return EngineResult(f"eliminate-{order}", lin.jacobian(cg), lin.mul, lin.add,
                        setup_seconds=lin.setup_seconds, order=lin.order,
                        optimal=True if order == "optimal" else None)


def eliminate_in_order(lin: Linearised, order: str) -> None:
    """Eliminate every intermediate of ``lin`` in the order named (one of :data:`ORDERS`);
    the order used is left in ``lin.order``.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> lin = Linearised(compile_graph(from_edges([("x", "a", 2), ("a", "b", 3), ("b", "y", 5)],
    ...                                           ["x"])))
    >>> eliminate_in_order(lin, "reverse")
    >>> lin.order, lin.mul, lin.pred[3]
    ([2, 1], 2, {0: 30})
    """
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


def check_given_order(cg: CompiledGraph, names: Sequence[str],
                      source: str | None = None) -> list[int]:
    """The node ids of ``names``, refused unless they are a permutation of the intermediates.

    Parameters
    ----------
    names : sequence of str
        Node names; each may carry a ``(line, column)`` in ``names.marks`` (a list read by
        :func:`pathsum.yamlio.read_yaml`), used to locate the error.
    source : str, optional
        The file the names came from, for the message.

    Raises
    ------
    UsageError
        Naming the first node that is not an intermediate, appears twice, or is missing.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "a", 2), ("a", "b", 3), ("b", "y", 5)], ["x"]))
    >>> check_given_order(cg, ["b", "a"])
    [2, 1]
    >>> check_given_order(cg, ["b"], "order.yaml")
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: order.yaml: node 'a': missing from the order (it must list each of the 2 intermediates once: a, b)
    """
    ids = {name: v for v, name in enumerate(cg.names)}
    wanted = intermediates(cg)
    allowed = set(wanted)
    marks = getattr(names, "marks", None)
    seen: set[int] = set()
    order = []
    for i, name in enumerate(names):
        line, column = marks[i] if marks is not None else (None, None)

        def refuse(why: str, name: object = name, line=line, column=column) -> UsageError:
            return UsageError(why, source=source, line=line, column=column, node=str(name))

        v = ids.get(name) if isinstance(name, str) else None
        if v is None:
            raise refuse("not a node of the graph")
        if v not in allowed:
            raise refuse(f"not an intermediate vertex ({_why_not(cg, v)})")
        if v in seen:
            raise refuse("appears twice in the order")
        seen.add(v)
        order.append(v)
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
    """Eliminate the intermediates in the order given by name (``eliminate-given``), or
    replay edge eliminations written ``front:i->j`` and ``back:i->j``
    (:func:`pathsum.engines.edge_eliminate.given_edges`).

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "a", 2), ("a", "b", 3), ("b", "y", 5),
    ...                                ("b", "z", 7)], ["x"]))
    >>> r = given_engine(cg, ["b", "a"])
    >>> r.mul, r.order, r.jacobian
    (4, [2, 1], {3: {0: 30}, 4: {0: 42}})
    """
    if is_edge_order(order):  # front:i->j and back:i->j items, as eliminate-edge writes
        return given_edges(cg, order)
    sequence = check_given_order(cg, order)
    lin = Linearised(cg)
    for v in sequence:
        lin.eliminate(v)
    return EngineResult("eliminate-given", lin.jacobian(cg), lin.mul, lin.add,
                        setup_seconds=lin.setup_seconds, order=lin.order)
