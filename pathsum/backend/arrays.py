"""A compiled graph's edges as numpy arrays, built once for every view of it, and the numpy
building blocks the float routes share."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse import csc_array

from ..compiled import CompiledGraph

__all__ = ["Columns", "columns", "new_group", "row_pointers", "row_spans", "unit_lower_system"]

@dataclass(eq=False)
class Columns:
    """``src``, ``dst`` and float64 ``partial`` per edge, ``active`` per node, and
    ``system``: I - A over every edge (A[v, u] the partials of u -> v summed), which a sweep
    from one seed solves (forward as it is, reverse transposed)."""

    src: np.ndarray
    dst: np.ndarray
    partial: np.ndarray
    active: np.ndarray
    system: csc_array

def columns(cg: CompiledGraph) -> Columns:
    """The :class:`Columns` of ``cg``, built on first use and shared by all its views."""
    built: Columns | None = cg.shared.get("columns")
    if built is None:
        src = np.array(cg.src, dtype=np.int64)
        dst = np.array(cg.dst, dtype=np.int64)
        # Parallel edges may sum past a float (1e308 + 1e308): the analysis names the inf.
        with np.errstate(over="ignore", invalid="ignore"):
            partial = np.array(cg.partial, dtype=np.float64)
            system = unit_lower_system(cg.n_nodes, dst, src, partial)
        built = cg.shared["columns"] = Columns(src, dst, partial,
                                               np.array(cg.active, dtype=bool), system)
    return built

def row_pointers(keys: np.ndarray, n: int) -> np.ndarray:
    """Where each row starts once entries are sorted by ``keys``: row v is ``ptr[v]:ptr[v+1]``."""
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return ptr

def row_spans(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of every entry of ``rows``, row after row, and each row's length."""
    lo = ptr[rows]
    count = ptr[rows + 1] - lo
    pos = np.repeat(lo - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
    return pos, count

def new_group(keys: np.ndarray) -> np.ndarray:
    """Whether each entry of sorted ``keys`` starts a new run of equal keys."""
    new = np.ones(keys.size, dtype=bool)
    new[1:] = keys[1:] != keys[:-1]
    return new

def unit_lower_system(n: int, rows: np.ndarray, cols: np.ndarray,
                      partial: np.ndarray) -> csc_array:
    """I - A as a lower-triangular CSC matrix, A[row, col] the sum of the partials given
    (every row past its column), built in the canonical form SuperLU takes: each column its
    unit diagonal, then its rows ascending, parallel edges summed in edge order.

    >>> m = unit_lower_system(3, np.array([1, 2, 2]), np.array([0, 0, 0]), np.array([2., 3., 4.]))
    >>> m.toarray().tolist()
    [[1.0, 0.0, 0.0], [-2.0, 1.0, 0.0], [-7.0, 0.0, 1.0]]
    """
    key = cols * n + rows
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(new_group(key))
    entry_key = key[starts]
    values = np.add.reduceat(partial[order], starts) if starts.size else np.zeros(0)
    col = entry_key // n
    index = np.int64 if entry_key.size + n > np.iinfo(np.intc).max else np.intc
    indptr = np.zeros(n + 1, dtype=index)
    np.cumsum(np.bincount(col, minlength=n) + 1, out=indptr[1:])
    data = np.empty(int(indptr[-1]))
    indices = np.empty(int(indptr[-1]), dtype=index)
    data[indptr[:-1]] = 1.0
    indices[indptr[:-1]] = np.arange(n)
    at = np.arange(entry_key.size) + col + 1  # entry i sits after i entries, col + 1 diagonals
    data[at] = -values
    indices[at] = entry_key - col * n
    return csc_array((data, indices, indptr), shape=(n, n))
