"""Vertex elimination on bitmasks: the structure alone, fast enough to cost thousands of
orders a second.

Vertex i's predecessors and successors are Python ints used as bitsets (bit u set when
u -> i). Eliminating v costs |pred(v)|·|succ(v)| ``mul`` and joins every predecessor to
every successor (Griewank and Walther, *Evaluating Derivatives*, §9–10). Which edges exist
after a set of eliminations does not depend on the order within the set, which the search
modules use to re-cost only the part of an order that changed.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["Masks", "bits", "eliminate"]


class Masks:
    """A graph as predecessor and successor bitsets over vertices ``0 .. n-1``.

    Attributes
    ----------
    vertices : list of int
        The original vertex ids, sorted; index i stands for ``vertices[i]``.
    preds, succs : list of int
        The bitsets.
    inner : list of int
        The indices of the intermediates, in the order given.
    """

    def __init__(self, intermediates: list[int], pred: dict[int, set[int]]) -> None:
        self.vertices = sorted(pred)
        index = {v: i for i, v in enumerate(self.vertices)}
        self.preds = [0] * len(self.vertices)
        self.succs = [0] * len(self.vertices)
        for v, ps in pred.items():
            for u in ps:
                self.preds[index[v]] |= 1 << index[u]
                self.succs[index[u]] |= 1 << index[v]
        self.inner = [index[v] for v in intermediates]
        self.index = index

    def cost(self, order: list[int]) -> int:
        """The ``mul`` of eliminating ``order`` (indices) from the start.

        Examples
        --------
        >>> m = Masks([1, 2], {0: set(), 1: {0}, 2: {1}, 3: {2}, 4: {2}})
        >>> m.cost([1, 2]), m.cost([2, 1])
        (3, 4)
        """
        preds, succs = self.preds.copy(), self.succs.copy()
        return sum(eliminate(preds, succs, v) for v in order)


def eliminate(preds: list[int], succs: list[int], v: int) -> int:
    """Eliminate v in place; return its cost, |pred(v)|·|succ(v)|."""
    p, s = preds[v], succs[v]
    keep = ~(1 << v)
    m = p
    while m:
        low = m & -m
        u = low.bit_length() - 1
        succs[u] = (succs[u] & keep) | s
        m ^= low
    m = s
    while m:
        low = m & -m
        w = low.bit_length() - 1
        preds[w] = (preds[w] & keep) | p
        m ^= low
    preds[v] = succs[v] = 0
    return p.bit_count() * s.bit_count()


def bits(mask: int) -> Iterator[int]:
    """The set bits of ``mask``, lowest first.

    >>> list(bits(0b10110))
    [1, 2, 4]
    """
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
