"""Vertex elimination on bitsets, the structure alone: what the searches cost orders with.
Which edges exist after a set of eliminations does not depend on their order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

__all__ = ["Masks", "bits", "cheapest_order", "eliminate"]

class Masks:
    """Predecessor and successor bitsets over ``0 .. n-1``, index i standing for
    ``vertices[i]`` (the ids sorted); ``inner`` indexes the intermediates in the order given."""

    def __init__(self, intermediates: list[int], pred: dict[int, set[int]]) -> None:
        self.vertices = sorted(pred)
        self.index = {v: i for i, v in enumerate(self.vertices)}
        self.preds = [0] * len(self.vertices)
        self.succs = [0] * len(self.vertices)
        for v, ps in pred.items():
            for u in ps:
                self.preds[self.index[v]] |= 1 << self.index[u]
                self.succs[self.index[u]] |= 1 << self.index[v]
        self.inner = [self.index[v] for v in intermediates]

def bits(mask: int) -> Iterator[int]:
    """The indices of the bits set in ``mask``, lowest first."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low

def eliminate(preds: list[int], succs: list[int], v: int) -> int:
    """Eliminate v in place, joining its predecessors to its successors; its cost
    |pred(v)|·|succ(v)| (Griewank and Walther, *Evaluating Derivatives*, §9-10)."""
    p, s = preds[v], succs[v]
    keep = ~(1 << v)
    for u in bits(p):
        succs[u] = (succs[u] & keep) | s
    for w in bits(s):
        preds[w] = (preds[w] & keep) | p
    preds[v] = succs[v] = 0
    return p.bit_count() * s.bit_count()

def cheapest_order(k: int, costs: Callable[[int], list[int]]) -> tuple[int, list[int]]:
    """The least total over the orders of ``0 .. k-1``, ``costs(S)[v]`` the cost of v after
    the set S, and the order, the smallest v first among equals: Held and Karp's subset DP."""
    full = (1 << k) - 1
    rest = [0] * (1 << k)  # the least cost of taking everything outside the set
    for state in range(full - 1, -1, -1):
        cost = costs(state)
        rest[state] = min(cost[v] + rest[state | 1 << v] for v in range(k) if not state >> v & 1)
    order, state = [], 0
    while state != full:
        cost = costs(state)
        v = next(v for v in range(k) if not state >> v & 1
                 and rest[state] == cost[v] + rest[state | 1 << v])
        order.append(v)
        state |= 1 << v
    return rest[0], order
