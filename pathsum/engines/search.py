"""``eliminate-search``: the best elimination order found within a budget, proven optimal
when it can be: the Menger bound, branch and bound, annealing from the heuristics' orders,
then branch and bound again (docs/research.md#elimination-orders has the details)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..compiled import CompiledGraph
from .anneal import anneal
from .bound import lower_bounds
from .eliminate import HEURISTICS, eliminate_in_order, elimination_graph
from .linear import Linearised
from .masks import Masks, eliminate
from .result import EngineResult

__all__ = ["DEFAULT_BUDGET", "branch_and_bound", "search_engine", "search_order",
           "vertex_search"]

DEFAULT_BUDGET = 10.0  # seconds before the search returns the best order found
BOUND_SECONDS = 1.0  # the bound may take this long even when the budget is shorter
FIRST_STATES = 20_000  # states the first branch and bound expands at most
FIRST_SHARE = 0.25  # At most this share of the budget goes to the first branch and bound.
RESTARTS = 4  # Annealing runs, each with the next seed.
MAX_CELLS = 4_000_000  # the local search's memory: vertices times intermediates
MAX_MEMO = 4_000_000  # states the branch and bound remembers at most

@dataclass
class Search:
    """The best order found, its ``mul``, whether it is ``proven`` optimal, the lower
    ``bound`` on every order and the branch and bound's ``states``."""

    mul: int
    order: list[int]
    proven: bool
    bound: int
    states: int

def search_order(intermediates: list[int], pred: dict[int, set[int]],
                 incumbent: tuple[int, list[int]], budget: float = DEFAULT_BUDGET,
                 seed: int = 0, starts: Sequence[Sequence[int]] = ()) -> Search:
    """The cheapest order found within ``budget`` seconds (0: only the bound), never worse
    than the (cost, order) ``incumbent``; annealing starts from ``starts``, then the best."""
    start = time.perf_counter()
    deadline = start + budget
    masks = Masks(intermediates, pred)
    lb = lower_bounds(masks, max(deadline, start + BOUND_SECONDS))
    bound = sum(lb.values())
    best = (incumbent[0], [masks.index[v] for v in incumbent[1]])
    states = 0

    def result(proven: bool) -> Search:
        return Search(best[0], [masks.vertices[i] for i in best[1]],
                      proven or best[0] <= bound, bound, states)

    if best[0] <= bound or budget <= 0:
        return result(False)
    first_deadline = min(deadline, start + FIRST_SHARE * budget)
    mul, order, proven, states = branch_and_bound(masks, lb, best, first_deadline,
                                                  FIRST_STATES)
    best = (mul, order)
    if proven:
        return result(True)
    firsts = [[masks.index[v] for v in order] for order in starts]
    # The local search keeps the graph before every position: n² bitsets in all.
    restarts = RESTARTS if len(masks.vertices) * len(masks.inner) <= MAX_CELLS else 0
    for restart in range(restarts):
        if best[0] <= bound or time.perf_counter() >= deadline:
            return result(False)
        begin = firsts[restart] if restart < len(firsts) else best[1]
        found = anneal(masks, begin, deadline, seed + restart)
        if found[0] < best[0]:
            best = found
    if best[0] <= bound:
        return result(True)
    mul, order, proven, more = branch_and_bound(masks, lb, best, deadline)
    best, states = (mul, order), states + more
    return result(proven)

def branch_and_bound(masks: Masks, lb: dict[int, int], incumbent: tuple[int, list[int]],
                     deadline: float, max_states: int | None = None
                     ) -> tuple[int, list[int], bool, int]:
    """Depth first, cheapest child first (ties to the earlier vertex), a set eliminated
    searched again only at a lower cost: the best (cost, order) beating ``incumbent``,
    whether it ended (proving it optimal) and the states expanded (``max_states`` at most)."""
    inner = masks.inner
    best_mul, best_order = incumbent[0], list(incumbent[1])
    total_bound = sum(lb[v] for v in inner)
    full = sum(1 << v for v in inner)
    memo: dict[int, int] = {}
    # A frame: eliminated set, cost so far, bound on the rest, the graph, children, next child.
    stack: list[list[Any]] = [[0, 0, total_bound, masks.preds, masks.succs, None, 0]]
    path: list[int] = []
    states = steps = 0
    if best_mul <= total_bound:  # the incumbent meets the bound: nothing can be cheaper
        stack.clear()
    while stack:
        if steps % 256 == 0 and time.perf_counter() >= deadline:
            return best_mul, best_order, False, states
        steps += 1
        frame = stack[-1]
        eliminated, g, h, preds, succs, children, _ = frame
        if children is None:
            if max_states is not None and states >= max_states:
                return best_mul, best_order, False, states
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
        new_preds, new_succs = preds.copy(), succs.copy()
        eliminate(new_preds, new_succs, v)
        path.append(v)
        stack.append([state, g_next, h_next, new_preds, new_succs, None, 0])
    return best_mul, best_order, True, states

def vertex_search(cg: CompiledGraph, budget: float) -> tuple[Search, float]:
    """:func:`search_order` from the cheapest heuristic's order, and the seconds spent
    before the search."""
    start = time.perf_counter()
    seeds: list[tuple[int, int, list[int]]] = []
    for heuristic in ("forward", "reverse", *HEURISTICS):
        lin = Linearised(cg)
        eliminate_in_order(lin, heuristic)
        seeds.append((lin.mul, len(seeds), lin.order))
    seeds.sort()
    intermediates, pred = elimination_graph(cg)
    setup = time.perf_counter() - start
    return search_order(intermediates, pred, (seeds[0][0], seeds[0][2]),
                        max(0.0, budget - (time.perf_counter() - start)),
                        starts=[order for _, _, order in seeds]), setup

def search_engine(cg: CompiledGraph, budget: float = DEFAULT_BUDGET) -> EngineResult:
    """Eliminate in the best order found within ``budget`` seconds; ``optimal`` says
    whether it is proven, ``bound`` is the lower bound on every order's ``mul``."""
    found, setup = vertex_search(cg, budget)
    lin = Linearised(cg)
    for v in found.order:
        lin.eliminate(v)
    return lin.result(cg, "eliminate-search", setup_seconds=setup, optimal=found.proven,
                      bound=found.bound)
