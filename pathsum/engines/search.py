"""``eliminate-search``: the best elimination order found within a budget, beyond the 20
intermediates of ``eliminate-optimal``, proven optimal when the search can prove it.

The search works on the structure only (:mod:`pathsum.engines.masks`), in four steps:

1. **A lower bound** (:mod:`pathsum.engines.bound`): for each vertex, vertex-disjoint paths
   to the inputs times those to the outputs (Menger). It is computed even with no budget
   (for :data:`BOUND_SECONDS` at least), and an order that meets it is proven optimal.
2. **Branch and bound** (:mod:`pathsum.engines.branch`) for a fixed number of states (and
   a quarter of the budget at most): small graphs are solved and proven here.
3. **Local search** (:mod:`pathsum.engines.anneal`): simulated annealing over orders, each
   round polished by exact re-solves of windows of the order
   (:mod:`pathsum.engines.window`), run a fixed number of times with new seeds, from the
   heuristics' orders, cheapest first (independent starts end in different local optima),
   then from the best order so far; on graphs of up to about 2,000 vertices
   (:data:`MAX_CELLS`: it keeps the graph before every position).
4. **Branch and bound again** with the time left and the local search's order as the
   incumbent, which prunes far more: if it finishes, the order is proven optimal.

Every step is deterministic (moves come from ``random.Random(seed)``; the first branch and
bound and the local search are limited by counts, not seconds), so when no time limit is
reached the same graph and seed give the same order on any machine. Three clocks can cut a
step short: the budget, the bound's (the budget or :data:`BOUND_SECONDS`; a vertex not
reached counts 1, a weaker bound that prunes less) and the first branch and bound's share
(:data:`FIRST_SHARE` of the budget, before its :data:`FIRST_STATES`). When the budget runs
out, the best order found so far is returned, unproven unless it meets the bound.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..compiled import CompiledGraph
from .anneal import anneal
from .bound import lower_bounds
from .branch import branch_and_bound
from .eliminate import eliminate_in_order, elimination_graph
from .linear import Linearised
from .masks import Masks
from .orders import HEURISTICS
from .result import EngineResult

__all__ = ["DEFAULT_BUDGET", "Search", "search_engine", "search_order"]

#: Seconds the search may run before it returns the best order found so far.
DEFAULT_BUDGET = 10.0
#: Seconds the lower bound may take even when the budget is smaller (at --budget 0, say).
BOUND_SECONDS = 1.0
#: States the first branch and bound expands before the local search starts.
FIRST_STATES = 20_000
#: At most this share of the budget goes to the first branch and bound.
FIRST_SHARE = 0.25
#: Annealing runs, each with the next seed.
RESTARTS = 4
#: The local search runs when vertices times intermediates is at most this (its memory).
MAX_CELLS = 4_000_000


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
        The lower bound on every order's cost.
    states : int
        The states the branch and bound expanded.
    """

    mul: int
    order: list[int]
    proven: bool
    bound: int
    states: int


def search_order(intermediates: list[int], pred: dict[int, set[int]],
                 incumbent: tuple[int, list[int]], budget: float = DEFAULT_BUDGET,
                 seed: int = 0, starts: Sequence[Sequence[int]] = ()) -> Search:
    """The cheapest elimination order found within ``budget`` seconds.

    Parameters
    ----------
    intermediates, pred
        As :func:`pathsum.engines.eliminate.elimination_graph` gives them.
    incumbent : (int, list of int)
        A known order and its cost: the result is never worse.
    budget : float
        Seconds; 0 only computes the lower bound (the incumbent is proven if it meets it).
    seed : int
        Seeds the local search.
    starts : sequence of orders
        Orders for the first annealing runs to start from, one each (the heuristics', say):
        independent starts end in different local optima. The later runs start from the
        best order so far.

    Examples
    --------
    Here eliminating b first costs 1·2, then a 1·2: 4 ``mul``; a first costs 1 + 1·2 = 3.

    >>> found = search_order([1, 2], {0: set(), 1: {0}, 2: {1}, 3: {2}, 4: {2}}, (4, [2, 1]))
    >>> found.mul, found.order, found.proven, found.bound
    (3, [1, 2], True, 3)
    """
    start = time.perf_counter()
    deadline = start + budget
    masks = Masks(intermediates, pred)
    bounds = lower_bounds(intermediates, pred, max(deadline, start + BOUND_SECONDS))
    lb = {masks.index[v]: c for v, c in bounds.items()}
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


def search_engine(cg: CompiledGraph, budget: float = DEFAULT_BUDGET) -> EngineResult:
    """Eliminate in the best order :func:`search_order` finds within ``budget`` seconds.

    ``optimal`` is True when the search proved that no order needs fewer ``mul``;
    ``bound`` is the lower bound it proved on every order's ``mul``.

    Examples
    --------
    >>> from pathsum import compile_graph, load
    >>> cg = compile_graph(load("graphs/lighthouse.yaml"))
    >>> r = search_engine(cg)
    >>> r.mul, r.optimal, r.bound
    (15, True, 11)
    """
    start = time.perf_counter()
    seeds = []
    for heuristic in ("forward", "reverse", *HEURISTICS):
        lin = Linearised(cg)
        eliminate_in_order(lin, heuristic)
        seeds.append((lin.mul, len(seeds), lin.order))
    seeds.sort()
    mul, _, order = seeds[0]
    intermediates, pred = elimination_graph(cg)
    setup = time.perf_counter() - start
    found = search_order(intermediates, pred, (mul, order),
                         max(0.0, budget - (time.perf_counter() - start)),
                         starts=[order for _, _, order in seeds])
    lin = Linearised(cg)
    for v in found.order:
        lin.eliminate(v)
    return EngineResult("eliminate-search", lin.jacobian(cg), lin.mul, lin.add,
                        setup_seconds=setup, order=lin.order, optimal=found.proven,
                        bound=found.bound)
