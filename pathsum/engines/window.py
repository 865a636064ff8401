"""Exact re-solves of windows of an elimination order (large-neighbourhood search).

Take k consecutive positions lo .. lo+k-1 of an order. Whatever order the k vertices are
eliminated in, the graph after them is the same (it depends only on the set eliminated),
so the cost of every other position is unchanged and the window can be re-ordered
optimally on its own: a dynamic program over the 2^k subsets of the window, the same
recurrence as :func:`pathsum.engines.eliminate.optimal_order` restricted to the window
(Held and Karp's subset DP; large-neighbourhood search as in Shaw 1998, re-solving a part
of a solution exactly while the rest stays fixed).

Only the window's own bitsets are needed: eliminating v changes the predecessors of v's
successors and the successors of v's predecessors, and among those only the window's
vertices are ever costed.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .anneal import Chain
    from .masks import Masks

__all__ = ["WINDOW", "best_window", "polish"]

#: Positions re-solved at once: 2^WINDOW subsets.
WINDOW = 10


def best_window(preds: list[int], succs: list[int], window: list[int]) -> tuple[int, list[int]]:
    """The cheapest order of ``window``'s vertices, eliminated next from the graph
    ``preds``/``succs``, and its cost.

    Examples
    --------
    A chain 0 -> 1 -> 2 -> {3, 4}: 1 then 2 costs 1 + 2, 2 then 1 costs 2 + 2.

    >>> preds = [0, 0b1, 0b10, 0b100, 0b100]
    >>> succs = [0b10, 0b100, 0b11000, 0, 0]
    >>> best_window(preds, succs, [2, 1])
    (3, [1, 2])
    """
    k = len(window)
    bit = [1 << v for v in window]
    size = 1 << k
    best = [-1] * size
    choice = [0] * size
    shape: list[tuple[list[int], list[int]] | None] = [None] * size
    best[0] = 0
    shape[0] = ([preds[v] for v in window], [succs[v] for v in window])
    for state in range(size):
        cost = best[state]
        if cost < 0:
            continue
        p_list, s_list = shape[state]  # type: ignore[misc]
        shape[state] = None  # every successor state is reached from here or earlier
        for t in range(k):
            if state >> t & 1:
                continue
            nxt = state | 1 << t
            total = cost + p_list[t].bit_count() * s_list[t].bit_count()
            if best[nxt] < 0:
                shape[nxt] = _after(p_list, s_list, t, bit, state)
            elif total >= best[nxt]:
                continue
            best[nxt], choice[nxt] = total, t
    order = []
    state = size - 1
    while state:
        t = choice[state]
        order.append(window[t])
        state &= ~(1 << t)
    return best[size - 1], order[::-1]


def _after(p_list: list[int], s_list: list[int], t: int, bit: list[int],
           state: int) -> tuple[list[int], list[int]]:
    """The window's bitsets once its vertex t is eliminated too."""
    p, s, b = p_list[t], s_list[t], bit[t]
    keep = ~b
    new_p, new_s = p_list.copy(), s_list.copy()
    for r in range(len(bit)):
        if r == t or state >> r & 1:
            continue
        if new_p[r] & b:
            new_p[r] = (new_p[r] & keep) | p
        if new_s[r] & b:
            new_s[r] = (new_s[r] & keep) | s
    return new_p, new_s


def polish(masks: Masks, chain: Chain, deadline: float, width: int = WINDOW) -> None:
    """Re-solve every window of ``width`` positions of ``chain`` exactly (overlapping by
    half), keeping each improvement, until a full sweep improves nothing or the deadline
    passes."""
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
            window = chain.order[lo:lo + width]
            preds, succs = chain.states[lo]
            cost, order = best_window(preds, succs, window)
            if cost < sum(chain.costs[lo:lo + width]):
                chain.replace(lo, order)
                improved = True
