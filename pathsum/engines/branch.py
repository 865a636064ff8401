"""Depth-first branch and bound over elimination orders.

A state is the set of vertices eliminated so far: which edges exist afterwards does not
depend on the order that eliminated them, so a state reached again at no lower cost is not
searched again (memoisation over eliminated sets, as in the subset dynamic program of
:func:`pathsum.engines.eliminate.optimal_order`). A branch is cut when its cost so far plus
the lower bound of :mod:`pathsum.engines.bound` on the vertices left cannot beat the
incumbent. Children are tried cheapest first, ties to the earlier vertex in topological
order: deterministic.
"""

from __future__ import annotations

import time

from .masks import Masks, eliminate

__all__ = ["MAX_MEMO", "branch_and_bound"]

#: States remembered at most; beyond, the search goes on without adding to the memo.
MAX_MEMO = 4_000_000


def branch_and_bound(masks: Masks, lb: dict[int, int], incumbent: tuple[int, list[int]],
                     deadline: float, max_states: int | None = None
                     ) -> tuple[int, list[int], bool, int]:
    """Search every order that could beat ``incumbent``.

    Parameters
    ----------
    masks : Masks
        The graph.
    lb : dict
        A lower bound on each intermediate's cost (by index), whatever the order.
    incumbent : (int, list of int)
        The best order known (indices) and its cost.
    deadline : float
        ``time.perf_counter()`` value at which to stop.
    max_states : int, optional
        Stop after expanding this many states (a limit that, unlike the deadline, does not
        depend on the machine).

    Returns
    -------
    (int, list of int, bool, int)
        The best cost and order found, whether the search finished (so that order is
        optimal), and the states expanded.

    Examples
    --------
    >>> m = Masks([1, 2], {0: set(), 1: {0}, 2: {1}, 3: {2}, 4: {2}})
    >>> branch_and_bound(m, {1: 1, 2: 2}, (4, [2, 1]), time.perf_counter() + 60)
    (3, [1, 2], True, 2)
    """
    inner = masks.inner
    best_mul, best_order = incumbent[0], list(incumbent[1])
    total_bound = sum(lb[v] for v in inner)
    full = sum(1 << v for v in inner)
    memo: dict[int, int] = {}
    # A frame: eliminated set, cost so far, bound on the rest, the graph, children, next child.
    stack: list[list] = [[0, 0, total_bound, masks.preds, masks.succs, None, 0]]
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
