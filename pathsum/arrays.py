"""numpy building blocks shared by compile and the vectorised engines: rows of edges grouped
by one end, reachability, and the sweeps' sparse triangular system.

Only a graph of at least :data:`SMALL_GRAPH` nodes and edges comes here by default (a
smaller one is compiled on lists, see :mod:`pathsum.compiled`). scipy is imported by the
functions that use it: importing it costs more CPU than a small graph's whole analysis
(start-up, issue 10 item 16).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .compiled import SMALL_GRAPH, reached_by_search

if TYPE_CHECKING:
    from scipy.sparse import csc_array

__all__ = ["SMALL_GRAPH", "new_group", "reached", "row_pointers", "row_spans",
           "unit_lower_system"]


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


def new_group(keys: np.ndarray) -> np.ndarray:
    """Whether each entry of sorted ``keys`` starts a new run of equal keys.

    Examples
    --------
    >>> new_group(np.array([3, 3, 5])).tolist()
    [True, False, True]
    """
    new = np.ones(keys.size, dtype=bool)
    new[1:] = keys[1:] != keys[:-1]
    return new


def reached(n: int, tails: np.ndarray, heads: np.ndarray, seeds: list[int]) -> np.ndarray:
    """Whether each of ``n`` nodes is reached from ``seeds`` along tail -> head edges (the
    seeds included): one compiled breadth-first search from a virtual node joined to every
    seed, or on a small graph a plain search that needs no scipy.

    Examples
    --------
    >>> reached(4, np.array([0, 1]), np.array([1, 2]), [1]).tolist()
    [False, True, True, False]
    """
    if n + tails.size < SMALL_GRAPH:
        return _reached_by_search(n, tails.tolist(), heads.tolist(), seeds)
    return _reached_by_sparse_search(n, tails, heads, seeds)


def _reached_by_sparse_search(n: int, tails: np.ndarray, heads: np.ndarray,
                              seeds: list[int]) -> np.ndarray:
    """:func:`reached` by scipy's compiled breadth-first search, for a large graph."""
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import breadth_first_order

    seeds_arr = np.asarray(seeds, dtype=np.int64)
    rows = np.concatenate([tails, np.full(seeds_arr.size, n, dtype=np.int64)])
    cols = np.concatenate([heads, seeds_arr])
    adjacency = csr_array((np.ones(rows.size, dtype=np.int8), (rows, cols)),
                          shape=(n + 1, n + 1))
    found = np.zeros(n + 1, dtype=bool)
    found[breadth_first_order(adjacency, n, return_predecessors=False)] = True
    return found[:n]


def _reached_by_search(n: int, tails: list[int], heads: list[int],
                       seeds: list[int]) -> np.ndarray:
    """:func:`reached` by a plain depth-first search, for a small graph."""
    return np.array(reached_by_search(n, tails, heads, seeds), dtype=bool)


def unit_lower_system(n: int, rows: np.ndarray, cols: np.ndarray,
                      partial: np.ndarray) -> csc_array:
    """I - A as a lower-triangular CSC matrix, A[row, col] the sum of the partials of the
    edges given, with its unit diagonal stored; every row must exceed its column.

    Built directly in canonical form (rows sorted in each column, parallel edges summed in
    edge order, C-int indices as SuperLU takes them): each column is its diagonal entry
    followed by its edges. scipy's general COO conversion, which sorts and merges again,
    took most of a cold sweep.

    Examples
    --------
    >>> m = unit_lower_system(3, np.array([1, 2, 2]), np.array([0, 0, 0]), np.array([2., 3., 4.]))
    >>> m.toarray().tolist()
    [[1.0, 0.0, 0.0], [-2.0, 1.0, 0.0], [-7.0, 0.0, 1.0]]
    """
    key = cols * n + rows
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(new_group(key))
    entry_key = key[starts]
    # Parallel edges may sum past a float (1e308 + 1e308): an inf here is what the engines'
    # finite check names, on an active entry; numpy's overflow warning would be a crash.
    with np.errstate(over="ignore", invalid="ignore"):
        values = np.add.reduceat(partial[order], starts) if starts.size else np.zeros(0)
    col = entry_key // n
    index = np.int64 if entry_key.size + n > np.iinfo(np.intc).max else np.intc
    indptr = np.zeros(n + 1, dtype=index)
    np.cumsum(np.bincount(col, minlength=n) + 1, out=indptr[1:])
    data = np.empty(int(indptr[-1]))
    indices = np.empty(int(indptr[-1]), dtype=index)
    data[indptr[:-1]] = 1.0
    indices[indptr[:-1]] = np.arange(n)
    # Entry i of the sorted list sits after i entries and col + 1 diagonals.
    at = np.arange(entry_key.size) + col + 1
    data[at] = -values
    indices[at] = entry_key - col * n
    from scipy.sparse import csc_array

    return csc_array((data, indices, indptr), shape=(n, n))
