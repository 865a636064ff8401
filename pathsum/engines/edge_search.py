"""``eliminate-edge-search``: from ``eliminate-search``'s order, blocks re-solved by edge
eliminations, then a branch and bound over all of them; the vertex bound holds for edge
orders too (docs/research.md#past-vertex-elimination-edge-elimination argues both)."""

from __future__ import annotations

import time

from ..compiled import CompiledGraph
from .bound import lower_bounds
from .edge_eliminate import Step, eliminate_edge, greedy_steps, step_names
from .eliminate import elimination_graph
from .linear import Linearised
from .masks import Masks, bits, eliminate
from .result import EngineResult
from .search import DEFAULT_BUDGET, vertex_search

__all__ = ["MAX_BLOCKED", "edge_search_engine", "solve"]

MAX_BLOCKED = 3000  # intermediates above which blocks (each copies the graph) are not tried
BLOCK_STATES = 20_000  # States one block's search may visit before it keeps what it found.
MAX_BLOCK = 8  # Largest block tried.

Bits = list[int]

def _apply(pred: Bits, succ: Bits, i: int, j: int, front: bool) -> int:
    """One elimination on the bitsets, in place; its ``mul``."""
    if not front:  # back i -> j is front j -> i in the graph with every edge reversed
        return _apply(succ, pred, j, i, True)
    beyond = succ[j]
    succ[i] = (succ[i] & ~(1 << j)) | beyond
    pred[j] &= ~(1 << i)
    for k in bits(beyond):
        pred[k] |= 1 << i
    if not pred[j]:  # no in-edge left: j goes, with its out-edges
        for k in bits(beyond):
            pred[k] &= ~(1 << j)
        succ[j] = 0
    return beyond.bit_count()

def solve(pred: Bits, succ: Bits, window: list[int], lb: dict[int, int], bound: int,
          deadline: float, limit: int | None = None
          ) -> tuple[tuple[int, list[Step]] | None, bool]:
    """Branch and bound: the cheapest eliminations removing ``window``'s vertices if under
    ``bound``, and whether it ended (before ``deadline`` or ``limit`` states)."""
    zone = sorted(set(window).union(*(bits(pred[v]) for v in window)))
    found = None
    memo: dict[tuple[int, ...], int] = {}
    stack: list[tuple[Bits, Bits, int, list[Step], int]] = [(pred, succ, 0, [], 0)]
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
        moves = [(succs[v].bit_count(), u, v, True) for v in left for u in bits(preds[v])]
        moves += [(preds[v].bit_count(), v, w, False) for v in left for w in bits(succs[v])]
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

def _blocks(pred: Bits, succ: Bits, order: list[int], lb: dict[int, int], size: int,
            deadline: float, cache: dict[tuple[int, int], tuple[int, list[Step]]]
            ) -> tuple[int, list[Step]]:
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
        steps = [(u, v, True) for u in bits(p[v])]
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
    """The cheapest edge-elimination sequence found within ``budget`` seconds;
    ``optimal`` only when the search over every edge elimination ended."""
    start = time.perf_counter()
    deadline = start + budget
    vertex, _ = vertex_search(cg, budget * 2 / 3)
    masks = Masks(*elimination_graph(cg))
    pred, succ, index = masks.preds, masks.succs, masks.index
    lb = lower_bounds(masks)
    order = [index[v] for v in vertex.order]
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
    return lin.result(cg, "eliminate-edge-search", setup_seconds=setup,
                      order=step_names(lin, cg, steps), optimal=proven)
