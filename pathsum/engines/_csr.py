"""Edges grouped by one end as compressed rows, for the numpy fast paths."""

from __future__ import annotations

import numpy as np

__all__ = ["row_pointers", "row_spans"]


def row_pointers(keys: np.ndarray, n: int) -> np.ndarray:
    """Where each row starts once entries are sorted by ``keys``: row v is ``ptr[v]:ptr[v+1]``.

    Examples
    --------
    >>> row_pointers(np.array([0, 2, 2]), 3).tolist()
    [0, 1, 1, 3]
    """
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return ptr


def row_spans(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of every entry of ``rows``, row after row, and each row's length.

    One numpy step for a whole frontier of nodes, instead of a Python loop over them.

    Examples
    --------
    >>> pos, count = row_spans(np.array([0, 1, 1, 3]), np.array([2, 0]))
    >>> pos.tolist(), count.tolist()
    ([1, 2, 0], [2, 1])
    """
    lo = ptr[rows]
    count = ptr[rows + 1] - lo
    pos = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
    return pos, count
