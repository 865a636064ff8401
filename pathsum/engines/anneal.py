"""Simulated annealing over elimination orders, polished by exact window re-solves.

A local search in the space of all orders of the intermediates (any permutation is a valid
vertex elimination order), in the manner of Naumann's ANGEL library (simulated annealing
over elimination sequences, Naumann and Gottschling 2003) and of Kirkpatrick, Gelatt and
Vecchi's annealing (1983):

- A move takes the vertex at position i and inserts it at position j (|i - j| small).
- Re-costing a move is local: the graph after the first k eliminations depends only on
  which vertices they removed, not on their order, so positions before min(i, j) and after
  max(i, j) keep their cost. The search keeps the graph's bitsets before every position
  and re-eliminates only the window between i and j, abandoning it as soon as its cost
  passes the threshold of the Metropolis test (drawn before the move is costed).
- Equal-cost moves are accepted, so plateaus are crossed.
- Each cooling round ends with a sweep of exact window re-solves
  (:mod:`pathsum.engines.window`); the next round restarts from the best order found.

Everything random comes from one ``random.Random(seed)`` and the rounds are counted in
moves, not seconds: with a budget that is not reached, the same seed gives the same order.
"""

from __future__ import annotations

import math
import random
import time

from .masks import Masks, eliminate
from .window import polish

__all__ = ["anneal"]

#: Moves per cooling round, per intermediate.
MOVES_PER_VERTEX = 400
#: The starting temperature, as a fraction of the mean cost of a vertex.
HEAT = 1.0
#: The temperature falls by this factor over a round.
COOLING = 0.002
#: Cooling rounds in a row that find nothing better before the search stops.
PATIENCE = 4


class Chain:
    """An order with the graph's bitsets before each position and each position's cost."""

    def __init__(self, masks: Masks, order: list[int]) -> None:
        self.order = list(order)
        self.states: list[tuple[list[int], list[int]]] = []
        self.costs: list[int] = []
        preds, succs = masks.preds.copy(), masks.succs.copy()
        for v in self.order:
            self.states.append((preds.copy(), succs.copy()))
            self.costs.append(eliminate(preds, succs, v))
        self.total = sum(self.costs)

    def try_move(self, i: int, j: int, threshold: float) -> bool:
        """Move the vertex at i to position j if the window's new cost is at most the old
        cost plus ``threshold``; whether it moved."""
        lo, hi = min(i, j), max(i, j)
        segment = self.order[lo:hi + 1]
        v = segment.pop(i - lo)
        segment.insert(j - lo, v)
        old = sum(self.costs[lo:hi + 1])
        limit = old + threshold
        preds, succs = self.states[lo][0].copy(), self.states[lo][1].copy()
        states, costs, spent = [], [], 0
        for u in segment:
            states.append((preds.copy(), succs.copy()))
            c = eliminate(preds, succs, u)
            spent += c
            if spent > limit:
                return False
            costs.append(c)
        self.order[lo:hi + 1] = segment
        self.states[lo:hi + 1] = states
        self.costs[lo:hi + 1] = costs
        self.total += spent - old
        return True

    def replace(self, lo: int, segment: list[int]) -> None:
        """Put ``segment`` (the same vertices, reordered) at positions lo.. and re-cost."""
        preds, succs = self.states[lo][0].copy(), self.states[lo][1].copy()
        for k, u in enumerate(segment):
            self.states[lo + k] = (preds.copy(), succs.copy())
            self.costs[lo + k] = eliminate(preds, succs, u)
        self.order[lo:lo + len(segment)] = segment
        self.total = sum(self.costs)


def anneal(masks: Masks, start: list[int], deadline: float, seed: int = 0,
           reach: int = 12) -> tuple[int, list[int]]:
    """The cheapest order found by annealing from ``start`` (indices into ``masks``).

    Parameters
    ----------
    masks : Masks
        The graph.
    start : list of int
        The order to start from (the best heuristic's, say).
    deadline : float
        ``time.perf_counter()`` value at which to stop.
    seed : int
        Seeds the moves.
    reach : int
        The farthest a move carries a vertex.

    Returns
    -------
    (int, list of int)
        The cost and the order.

    Examples
    --------
    >>> m = Masks([1, 2], {0: set(), 1: {0}, 2: {1}, 3: {2}, 4: {2}})
    >>> anneal(m, [2, 1], time.perf_counter() + 60)
    (3, [1, 2])
    """
    rng = random.Random(seed)
    chain = Chain(masks, start)
    best_total, best_order = chain.total, list(chain.order)
    n = len(chain.order)
    if n < 2:
        return best_total, best_order
    moves = MOVES_PER_VERTEX * n
    hot = HEAT * max(1.0, best_total / n)  # a fraction of a typical vertex's cost
    idle = 0
    while idle < PATIENCE:
        improved = False
        chain = Chain(masks, best_order)
        for step in range(moves):
            if step % 64 == 0 and time.perf_counter() >= deadline:
                return best_total, best_order
            temperature = hot * COOLING ** (step / moves)
            i = rng.randrange(n)
            j = min(n - 1, max(0, i + rng.randint(-reach, reach)))
            if i == j:
                continue
            threshold = -temperature * math.log(1.0 - rng.random())
            if chain.try_move(i, j, threshold) and chain.total < best_total:
                best_total, best_order = chain.total, list(chain.order)
                improved = True
        polish(masks, chain, deadline)
        if chain.total < best_total:
            best_total, best_order = chain.total, list(chain.order)
            improved = True
        idle = 0 if improved else idle + 1
    return best_total, best_order

