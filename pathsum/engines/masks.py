"""Vertex elimination on bitmasks: the structure alone, fast enough to cost thousands of
orders a second.

Vertex i's predecessors and successors are Python ints used as bitsets (bit u set when
u -> i). Eliminating v costs |pred(v)|·|succ(v)| ``mul`` and joins every predecessor to
every successor (Griewank and Walther, *Evaluating Derivatives*, §9–10). Which edges exist
after a set of eliminations does not depend on the order within the set, which the search
modules use to re-cost only the part of an order that changed.
"""

from __future__ import annotations

__all__ = ["Masks", "eliminate"]


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
    index : dict
        The index of each original vertex id.
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
    _join(succs, p, keep, s)  # v's predecessors now lead to its successors
    _join(preds, s, keep, p)  # and its successors come from its predecessors
    preds[v] = succs[v] = 0
    return p.bit_count() * s.bit_count()


def _join(sets: list[int], members: int, keep: int, extra: int) -> None:
    """For each vertex u in ``members``: sets[u] without the bits outside ``keep``, plus
    ``extra``."""
    while members:
        low = members & -members
        u = low.bit_length() - 1
        sets[u] = (sets[u] & keep) | extra
        members ^= low

