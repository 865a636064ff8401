"""Simulated annealing over elimination orders (as in Naumann's ANGEL), each cooling round
polished by exact re-solves of windows of the order; docs/research.md has the details."""

from __future__ import annotations

import math
import random
import time

from .masks import Masks, cheapest_order, eliminate

__all__ = ["Chain", "anneal", "best_window", "polish"]

MOVES_PER_VERTEX = 400  # Moves per cooling round, per intermediate.
HEAT = 1.0  # The starting temperature, as a fraction of the mean cost of a vertex.
COOLING = 0.002  # The temperature falls by this factor over a round.
PATIENCE = 4  # Cooling rounds in a row that find nothing better before the search stops.
WINDOW = 10  # Positions re-solved at once: 2^WINDOW subsets.

class Chain:
    """An order with the graph's bitsets before each position and each position's cost:
    the graph after a prefix depends only on its set, so a move re-costs only its window."""

    def __init__(self, masks: Masks, order: list[int]) -> None:
        self.order, self.costs, self.total = list(order), [0] * len(order), 0
        self.states = [(masks.preds, masks.succs)] * max(1, len(order))
        self.replace(0, list(order))

    def try_move(self, i: int, j: int, threshold: float) -> bool:
        """Move the vertex at i to j if that costs at most ``threshold`` more."""
        lo, hi = min(i, j), max(i, j)
        segment = self.order[lo:hi + 1]
        segment.insert(j - lo, segment.pop(i - lo))
        return self.replace(lo, segment, threshold)

    def replace(self, lo: int, segment: list[int], threshold: float = math.inf) -> bool:
        """Put ``segment`` (the same vertices reordered) at lo.. unless it costs more than
        ``threshold`` more; the re-costing stops as soon as it does."""
        old = sum(self.costs[lo:lo + len(segment)])
        preds, succs = self.states[lo][0].copy(), self.states[lo][1].copy()
        states, costs, spent = [], [], 0
        for u in segment:
            states.append((preds.copy(), succs.copy()))
            costs.append(eliminate(preds, succs, u))
            spent += costs[-1]
            if spent > old + threshold:
                return False
        self.order[lo:lo + len(segment)] = segment
        self.states[lo:lo + len(segment)] = states
        self.costs[lo:lo + len(segment)] = costs
        self.total += spent - old
        return True

def best_window(preds: list[int], succs: list[int], window: list[int]) -> tuple[int, list[int]]:
    """The cheapest order (and cost) of ``window``'s vertices eliminated next, the last
    latest in ``window`` among equals: :func:`cheapest_order` on the window backwards."""
    k, full = len(window), (1 << len(window)) - 1
    backwards = window[::-1]
    bit = [1 << v for v in backwards]
    # At E·k the bitsets once the set E is gone, at U·k + v the cost of v after U without v
    # (flat int lists: no GC passes). Taking v is eliminating it after all not yet taken.
    p_all, s_all = [preds[v] for v in backwards], [succs[v] for v in backwards]
    last = [0] * (k << k)
    for gone in range(1 << k):
        low = gone & -gone
        t, b = low.bit_length() - 1, bit[low.bit_length() - 1] if low else 0
        at = (gone ^ low) * k
        new_p, new_s = p_all[at:at + k], s_all[at:at + k]
        for r in range(k):
            if not gone >> r & 1:
                if new_p[r] & b:
                    new_p[r] = (new_p[r] & ~b) | new_p[t]
                if new_s[r] & b:
                    new_s[r] = (new_s[r] & ~b) | new_s[t]
                last[(gone | 1 << r) * k + r] = new_p[r].bit_count() * new_s[r].bit_count()
        if gone:
            p_all += new_p
            s_all += new_s

    def costs(taken: int) -> list[int]:
        return last[(full ^ taken) * k:(full ^ taken) * k + k]

    cost, order = cheapest_order(k, costs)
    return cost, [backwards[v] for v in reversed(order)]

def polish(masks: Masks, chain: Chain, deadline: float, width: int = WINDOW) -> None:
    """Re-solve the windows of ``width`` positions of ``chain`` (overlapping by half) until
    a sweep improves nothing or the deadline passes."""
    n = len(chain.order)
    width = min(width, n)
    if width < 2:
        return
    starts = list(range(0, n - width + 1, max(1, width // 2)))
    if starts[-1] != n - width:
        starts.append(n - width)
    improved = True
    while improved:
        improved = False
        for lo in starts:
            if time.perf_counter() >= deadline:
                return
            cost, order = best_window(*chain.states[lo], chain.order[lo:lo + width])
            if cost < sum(chain.costs[lo:lo + width]):
                improved = chain.replace(lo, order)

def anneal(masks: Masks, start: list[int], deadline: float, seed: int = 0,
           reach: int = 12) -> tuple[int, list[int]]:
    """The cheapest (cost, order) found annealing from ``start``, a vertex moving at most
    ``reach`` places; rounds are counted in moves, so one seed gives one order."""
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
            # The Metropolis test, drawn before the move is costed.
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
