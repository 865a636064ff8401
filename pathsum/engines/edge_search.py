"""``eliminate-edge-search``: a search over edge-elimination sequences (front and back,
:mod:`pathsum.engines.edge_eliminate`), anytime within ``--budget`` seconds.

It starts from the best vertex order that ``eliminate-search`` finds in two thirds of the
budget (every vertex order is an edge order: front-eliminate each vertex's in-edges), then
improves it in two ways (and keeps ``eliminate-edge``'s order if that is cheaper still):

1. Blocks. Removing a set of vertices completely leaves the same graph whichever
   eliminations removed it (an edge u -> w is left exactly where a path from u to w runs
   through removed vertices only), so the cost of the vertex order splits into the costs
   of consecutive blocks of it, and each block can be re-solved on its own: the cheapest
   eliminations at the block's vertices only (front-eliminating an edge into one of them,
   or back-eliminating an edge out of one) that remove them all, found by a depth-first
   branch and bound. A dynamic programme then picks the split of the order into blocks
   of the least total. Blocks of up to 2, 3, 4 ... vertices, as the budget allows.
2. Everything. The same branch and bound over all eliminations of the whole graph, under
   the best total found; if it ends within the budget, that total is proven the least of
   all edge-elimination sequences.

Lower bound: the vertex search's (:mod:`pathsum.engines.bound`) holds for edge elimination
too. Let a and b be the numbers of vertex-disjoint paths from the inputs to v and from v to
the outputs. An elimination elsewhere only shortcuts paths, so a and b never fall; a
front-elimination at v (of an edge into v) costs |succ(v)| >= b and lowers a by one at
most, a back-elimination at v costs |pred(v)| >= a and lowers b by one at most. So a·b
falls by no more than each elimination at v costs, and v is gone only when a·b is 0: the
eliminations at v cost a·b at least, as eliminating v does. A vertex some elimination has
already touched is counted 1 (it goes only by one more elimination at it, at one ``mul``
at least). So when the best vertex order meets the vertex search's bound, no edge order is
cheaper either, and the result is proven at once. A state is the graph's edge set:
reached again at no lower cost, it is not searched again.

The search works on the structure (bitmasks); the eliminations found are then made on
the partials, and those are the counts reported.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..compiled import CompiledGraph
from .bound import lower_bounds
from .edge_eliminate import Step, eliminate_edge, greedy_steps, step_names
from .eliminate import elimination_graph
from .linear import Linearised
from .masks import Masks, eliminate
from .result import EngineResult
from .search import DEFAULT_BUDGET, search_engine

__all__ = ["MAX_BLOCKED", "edge_search_engine", "solve"]

#: Above this many intermediates the blocks are not tried (each block copies the graph).
MAX_BLOCKED = 3000
#: States one block's search may visit before it keeps what it found.
BLOCK_STATES = 20_000
#: Largest block tried.
MAX_BLOCK = 8

Bits = list[int]


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _apply(pred: Bits, succ: Bits, i: int, j: int, front: bool) -> int:
    """One elimination on the bitmasks, in place; its ``mul``."""
    if not front:  # back i -> j is front j -> i in the graph with every edge reversed
        return _apply(succ, pred, j, i, True)
    beyond = succ[j]
    succ[i] = (succ[i] & ~(1 << j)) | beyond
    pred[j] &= ~(1 << i)
    for k in _bits(beyond):
        pred[k] |= 1 << i
    if not pred[j]:  # no in-edge left: j goes, with its out-edges
        for k in _bits(beyond):
            pred[k] &= ~(1 << j)
        succ[j] = 0
    return beyond.bit_count()


def solve(pred: Bits, succ: Bits, window: list[int], lb: dict[int, int], bound: int,
          deadline: float, limit: int | None = None
          ) -> tuple[tuple[int, list[Step]] | None, bool]:
    """The cheapest eliminations at the vertices of ``window`` that remove them all, if
    one costs less than ``bound``; and whether the search ended (else the deadline or the
    ``limit`` of states stopped it). ``lb[v]`` bounds the cost of the eliminations at v,
    none of which has happened yet (see the module).

    Examples
    --------
    The chain x -> a -> b -> y: two ``mul`` whatever the order, and no fewer.

    >>> pred, succ, lb = [0, 1, 2, 4], [2, 4, 8, 0], {1: 1, 2: 1}
    >>> solve(pred, succ, [1, 2], lb, 10, time.perf_counter() + 5)
    ((2, [(1, 2, False), (2, 3, False)]), True)
    >>> solve(pred, succ, [1, 2], lb, 2, time.perf_counter() + 5)
    (None, True)
    """
    zone = sorted(set(window).union(*(_bits(pred[v]) for v in window)))
    found = None
    memo: dict[tuple[int, ...], int] = {}
    stack = [(pred, succ, 0, [], 0)]
    states = 0
    while stack:
        if states % 64 == 0 and time.perf_counter() >= deadline:
            return found, False
        if limit is not None and states >= limit:
            return found, False
        preds, succs, g, path, touched = stack.pop()
        states += 1
        left = [v for v in window if preds[v]]
        if g + sum(1 if touched >> v & 1 else lb[v] for v in left) >= bound:
            continue  # cannot beat the best found
        if not left:
            bound, found = g, (g, path)
            continue
        moves = [(succs[v].bit_count(), u, v, True) for v in left for u in _bits(preds[v])]
        moves += [(preds[v].bit_count(), v, w, False) for v in left for w in _bits(succs[v])]
        for cost, i, j, front in sorted(moves, reverse=True):  # the cheapest on top
            p, s = preds.copy(), succs.copy()
            _apply(p, s, i, j, front)
            key = tuple(s[z] for z in zone)
            if memo.get(key, bound) <= g + cost:
                continue  # reached before at no higher cost, or too dear already
            memo[key] = g + cost
            at = j if front else i
            stack.append((p, s, g + cost, [*path, (i, j, front)], touched | 1 << at))
    return found, True


def _vertex_steps(pred: Bits, v: int) -> list[Step]:
    return [(u, v, True) for u in _bits(pred[v])]


def _blocks(pred: Bits, succ: Bits, order: list[int], lb: dict[int, int], size: int,
            deadline: float, cache: dict[tuple[int, int], tuple[int, list[Step]]]) -> tuple[int, list[Step]]:
    """The vertex ``order`` split into blocks of at most ``size`` vertices, each re-solved
    by :func:`solve`, in the split of least total (a dynamic programme over block ends)."""
    n = len(order)
    best: list[tuple[int, list[Step]]] = [(0, [])]
    before: dict[int, tuple[Bits, Bits]] = {}  # the graph before order[a], for blocks
    p, s = pred.copy(), succ.copy()
    vertex_cost = []
    for b in range(1, n + 1):
        if size > 1:
            before[b - 1] = (p.copy(), s.copy())
            before.pop(b - 1 - size, None)
        v = order[b - 1]
        steps = _vertex_steps(p, v)
        vertex_cost.append(eliminate(p, s, v))
        total, path = best[b - 1]
        choice = (total + vertex_cost[-1], [*path, *steps])
        for first in range(max(0, b - size), b - 1):
            if (first, b) not in cache and time.perf_counter() < deadline:
                bound = sum(vertex_cost[first:b])
                got, _ = solve(*before[first], order[first:b], lb, bound, deadline,
                               BLOCK_STATES)
                cache[first, b] = got or (bound, [])
            cost, block = cache.get((first, b), (0, []))
            if block and best[first][0] + cost < choice[0]:
                choice = (best[first][0] + cost, [*best[first][1], *block])
        best.append(choice)
    return best[n]


def edge_search_engine(cg: CompiledGraph, budget: float = DEFAULT_BUDGET) -> EngineResult:
    """The cheapest edge-elimination sequence found within ``budget`` seconds
    (``eliminate-edge-search``).

    ``optimal`` is True only when the search over every edge elimination ended: no
    sequence of front and back eliminations needs fewer ``mul``.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> kite = [("x", "a", 2), ("x", "b", 3), ("x", "d", 5), ("a", "b", 7), ("a", "c", 11),
    ...         ("a", "y", 13), ("b", "d", 17), ("c", "d", 19), ("c", "y", 23), ("d", "y", 29)]
    >>> r = edge_search_engine(compile_graph(from_edges(kite, ["x"])), budget=5)
    >>> r.mul, r.add, r.optimal
    (6, 5, True)
    """
    start = time.perf_counter()
    deadline = start + budget
    vertex = search_engine(cg, budget * 2 / 3)
    intermediates, shape = elimination_graph(cg)
    masks = Masks(intermediates, shape)
    pred, succ, index = masks.preds, masks.succs, masks.index
    lb = {index[v]: c for v, c in lower_bounds(intermediates, shape).items()}
    order = [index[v] for v in vertex.order or []]
    best = _blocks(pred, succ, order, lb, 1, deadline, {})
    heuristic = Linearised(cg)  # the edge heuristic may beat every vertex order tried
    greedy = [(index[i], index[j], front) for i, j, front in greedy_steps(heuristic)]
    best = min(best, (heuristic.mul, greedy), key=lambda b: b[0])
    proven = best[0] <= sum(lb.values())
    cache: dict[tuple[int, int], tuple[int, list[Step]]] = {}
    size = 2
    while (not proven and size <= min(MAX_BLOCK, len(order)) and len(order) <= MAX_BLOCKED
           and time.perf_counter() < deadline):
        best = min(best, _blocks(pred, succ, order, lb, size, deadline, cache),
                   key=lambda b: b[0])
        size += 1
    if not proven:
        better, proven = solve(pred, succ, masks.inner, lb, best[0], deadline)
        best = better or best
    setup = time.perf_counter() - start
    lin = Linearised(cg)
    steps = [(masks.vertices[i], masks.vertices[j], front) for i, j, front in best[1]]
    for step in steps:
        eliminate_edge(lin, step)
    return EngineResult("eliminate-edge-search", lin.jacobian(cg), lin.mul, lin.add,
                        setup_seconds=setup, order=step_names(lin, cg, steps), optimal=proven)
