"""``eliminate-search``: branch and bound over elimination orders, beyond the 20
intermediates of ``eliminate-optimal``.

The search works on the structure only. A state is the set of vertices eliminated so far:
which edges exist afterwards does not depend on the order that eliminated them, so a state
reached again at no lower cost is not searched again (memoisation over eliminated sets).
Eliminating v costs |pred(v)|·|succ(v)| ``mul`` in the current graph.

Lower bound: whatever happens first, when v is eliminated its predecessors separate v from
the inputs (every path from an input to v passes through one of them), so there are at
least as many as there are vertex-disjoint paths from the inputs to v (Menger's theorem);
likewise for its successors and the outputs. The product of the two maximum flows is an
admissible bound on v's cost, and the sum over the vertices not yet eliminated one on the
rest of the work.

The incumbent starts as the best of the forward, reverse and greedy orders, so the result
is never worse than Markowitz. The search is depth-first, cheapest vertex first, ties to the
earlier vertex in topological order: deterministic. A search that ends proves its order
optimal; one stopped by the budget returns the best order found, unproven.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import networkx as nx

from ..compiled import CompiledGraph
from .eliminate import eliminate_in_order, elimination_graph
from .linear import Linearised
from .orders import HEURISTICS
from .result import EngineResult

__all__ = ["DEFAULT_BUDGET", "Search", "search_engine", "search_order"]

#: Seconds the search may run before it returns the best order found so far.
DEFAULT_BUDGET = 10.0
#: States remembered at most; beyond, the search goes on without adding to the memo.
MAX_MEMO = 4_000_000


@dataclass
class Search:
    """The outcome of :func:`search_order`.

    Attributes
    ----------
    mul : int
        The cost of ``order``.
    order : list of int
        The best elimination order found.
    proven : bool
        Whether no order costs fewer ``mul``.
    bound : int
        The lower bound on every order's cost, before searching.
    states : int
        The states expanded.
    """

    mul: int
    order: list[int]
    proven: bool
    bound: int
    states: int


def search_order(intermediates: list[int], pred: dict[int, set[int]],
                 incumbent: tuple[int, list[int]], budget: float = DEFAULT_BUDGET) -> Search:
    """The cheapest elimination order found within ``budget`` seconds.

    Parameters
    ----------
    intermediates, pred
        As :func:`pathsum.engines.eliminate.elimination_graph` gives them.
    incumbent : (int, list of int)
        A known order and its cost: the result is never worse.
    budget : float
        Seconds; 0 searches nothing (the incumbent is proven only if it meets the bound).

    Examples
    --------
    Here eliminating b first costs 1·2, then a 1·2: 4 ``mul``; a first costs 1 + 1·2 = 3.

    >>> found = search_order([1, 2], {0: set(), 1: {0}, 2: {1}, 3: {2}, 4: {2}}, (4, [2, 1]))
    >>> found.mul, found.order, found.proven
    (3, [1, 2], True)
    """
    vertices = sorted(pred)
    index = {v: i for i, v in enumerate(vertices)}
    pred_mask = [0] * len(vertices)
    succ_mask = [0] * len(vertices)
    for v, ps in pred.items():
        for u in ps:
            pred_mask[index[v]] |= 1 << index[u]
            succ_mask[index[u]] |= 1 << index[v]
    inner = [index[v] for v in intermediates]
    deadline = time.perf_counter() + budget
    flows = _flows(vertices, pred, intermediates, deadline)
    if flows is None:  # out of time before the bound was known: the incumbent, unproven
        return Search(incumbent[0], list(incumbent[1]), False, 0, 0)
    lb = {index[v]: flows[v][0] * flows[v][1] for v in intermediates}
    best_mul, best_order = incumbent[0], [index[v] for v in incumbent[1]]
    total_bound = sum(lb.values())
    full = sum(1 << i for i in inner)
    memo: dict[int, int] = {}
    # A frame: eliminated set, cost so far, bound on the rest, the graph, children, next child.
    stack = [[0, 0, total_bound, pred_mask, succ_mask, None, 0]]
    path: list[int] = []
    states = steps = 0
    timed_out = False
    if best_mul <= total_bound:  # the incumbent meets the bound: nothing can be cheaper
        stack.clear()
    while stack:
        if steps % 256 == 0 and time.perf_counter() >= deadline:
            timed_out = True
            break
        steps += 1
        frame = stack[-1]
        eliminated, g, h, preds, succs, children, _ = frame
        if children is None:
            states += 1
            children = frame[5] = sorted(
                (preds[v].bit_count() * succs[v].bit_count(), v) for v in inner
                if not eliminated >> v & 1)
        if frame[6] == len(children):
            stack.pop()
            if stack:
                path.pop()
            continue
        cost, v = children[frame[6]]
        frame[6] += 1
        g_next, h_next = g + cost, h - lb[v]
        if g_next + h_next >= best_mul:
            continue  # cannot beat the incumbent
        state = eliminated | 1 << v
        if memo.get(state, g_next + 1) <= g_next:
            continue  # reached before at no higher cost
        if len(memo) < MAX_MEMO:
            memo[state] = g_next
        if state == full:
            best_mul, best_order = g_next, [*path, v]
            continue
        new_preds, new_succs = _eliminate(preds, succs, v)
        path.append(v)
        stack.append([state, g_next, h_next, new_preds, new_succs, None, 0])
    return Search(best_mul, [vertices[i] for i in best_order], not timed_out, total_bound,
                  states)


def _eliminate(preds: list[int], succs: list[int], v: int) -> tuple[list[int], list[int]]:
    """The graph's bitmasks after eliminating v: its predecessors gain its successors."""
    p, s = preds[v], succs[v]
    keep = ~(1 << v)
    preds, succs = preds.copy(), succs.copy()
    for u in _bits(p):
        succs[u] = (succs[u] & keep) | s
    for w in _bits(s):
        preds[w] = (preds[w] & keep) | p
    preds[v] = succs[v] = 0
    return preds, succs


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _flows(vertices: list[int], pred: dict[int, set[int]], intermediates: list[int],
           deadline: float) -> dict[int, tuple[int, int]] | None:
    """For each intermediate v: vertex-disjoint paths from the sources to v, and from v to
    the sinks, each a unit-capacity maximum flow on the graph with every vertex split; None
    if the deadline passes first.

    Every vertex lies on a path from a source to a sink, so a side with one neighbour (or
    one source or sink in all) has exactly one path, and needs no flow: a long chain costs
    no flows at all.
    """
    succ: dict[int, set[int]] = {v: set() for v in vertices}
    for v, ps in pred.items():
        for u in ps:
            succ[u].add(v)
    sides = []
    for near in (pred, succ):
        ends = [v for v in vertices if not near[v]]
        sides.append((near, ends, None))
    result = {}
    for v in intermediates:
        counts = []
        for i, (near, ends, split) in enumerate(sides):
            if min(len(near[v]), len(ends)) <= 1:
                counts.append(1)
                continue
            if time.perf_counter() >= deadline:
                return None
            if split is None:
                split = _split(vertices, near, ends)
                sides[i] = (near, ends, split)
            counts.append(_flow(split, v))
        result[v] = (counts[0], counts[1])
    return result


def _split(vertices: list[int], near: dict[int, set[int]], sources: list[int]) -> nx.DiGraph:
    """Each vertex v as ('in', v) -> ('out', v) of capacity 1, an edge u -> v (u in near[v])
    as ('out', u) -> ('in', v), and a super source feeding every source."""
    g = nx.DiGraph()
    for v in vertices:
        g.add_edge(("in", v), ("out", v), capacity=1)
        for u in near[v]:
            g.add_edge(("out", u), ("in", v), capacity=1)
    for s in sources:
        g.add_edge("source", ("in", s), capacity=1)
    return g


def _flow(split: nx.DiGraph, v: int) -> int:
    # The target is v's entry: v itself is not a vertex that paths must share.
    return int(nx.maximum_flow_value(split, "source", ("in", v)))


def search_engine(cg: CompiledGraph, budget: float = DEFAULT_BUDGET) -> EngineResult:
    """Eliminate in the best order :func:`search_order` finds within ``budget`` seconds.

    ``optimal`` is True when the search proved that no order needs fewer ``mul``.

    Examples
    --------
    >>> from pathsum import compile_graph, load
    >>> cg = compile_graph(load("graphs/lighthouse.yaml"))
    >>> r = search_engine(cg)
    >>> r.mul, r.optimal
    (15, True)
    """
    start = time.perf_counter()
    seeds = []
    for heuristic in ("forward", "reverse", *HEURISTICS):
        lin = Linearised(cg)
        eliminate_in_order(lin, heuristic)
        seeds.append((lin.mul, len(seeds), lin.order))
    mul, _, order = min(seeds)
    intermediates, pred = elimination_graph(cg)
    setup = time.perf_counter() - start
    found = search_order(intermediates, pred, (mul, order),
                         max(0.0, budget - (time.perf_counter() - start)))
    lin = Linearised(cg)
    for v in found.order:
        lin.eliminate(v)
    return EngineResult("eliminate-search", lin.jacobian(cg), lin.mul, lin.add,
                        setup_seconds=setup, order=lin.order, optimal=found.proven)
