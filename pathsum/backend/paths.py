"""The path engine's float64 route: paths in numpy blocks of one length, each path's product
still formed on its own (one ``np.multiply.reduce`` per row, DESIGN §3); memory is bounded by
the block size times depth and out-degree, never by the number of paths."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ..compiled import CompiledGraph
from ..engines.result import EngineResult
from .arrays import columns, row_pointers, row_spans

__all__ = ["CHUNK", "enumerate_route"]

#: Edge ids per block: 256 KiB of int64 stays in cache (best of 2^12..2^17 on diamond k=12).
CHUNK = 1 << 15

def enumerate_route(cg: CompiledGraph, *, chunk: int = CHUNK) -> EngineResult:
    """The path engine on numpy blocks of at most ``chunk`` edge ids, with the same ``mul``
    and ``add`` as the plain loop."""
    start = time.perf_counter()
    cols = columns(cg)  # the edge arrays the sweeps share, built once per graph
    src, dst, partial = cols.src, cols.dst, cols.partial
    local = np.zeros(cg.n_nodes, dtype=np.int64)  # each cone's nodes renumbered 0..k-1
    setup = time.perf_counter() - start
    jacobian: dict[int, dict[int, Any]] = {}
    mul = add = 0
    for y in cg.outputs:
        # Only the cone of y is laid out: an output costs what its paths need.
        nodes, cone_edges = cg.cone(y)
        local[nodes] = np.arange(len(nodes))
        useful = np.asarray(cone_edges, dtype=np.int64)
        tails = local[src[useful]]
        order = np.argsort(tails, kind="stable")
        useful, tails = useful[order], tails[order]
        ptr, heads = row_pointers(tails, len(nodes)), local[dst[useful]]
        rows = (ptr, useful, heads, ptr.tolist(), useful.tolist(), heads.tolist())
        inside, row = set(nodes), {}
        # Overflow to inf and nan is silent, as with Python floats: the analysis reports it.
        with np.errstate(over="ignore", invalid="ignore"):
            for x in cg.inputs:
                total, m, a = (_enumerate(int(local[x]), rows, partial, chunk)
                               if x in inside and x != y else (None, 0, 0))
                row[x], mul, add = 0 if total is None else total, mul + m, add + a
        jacobian[y] = row
    return EngineResult("path", jacobian, mul, add, enumerated=True, setup_seconds=setup)

def _enumerate(x: int, rows: tuple[Any, ...], partial: np.ndarray,
               chunk: int) -> tuple[float | None, int, int]:
    """The sum of the products of the paths from local node ``x`` to 0, with its ops:
    ``rows`` are the out-edges towards 0 by source (pointers, edges, heads; and as lists)."""
    ptr, edge, head, ptr_list, edge_list, head_list = rows
    sums = _Sums(partial)
    # Each entry: paths (a row each, ``length`` edges so far, room to grow), their ends.
    stack = [(np.empty((1, 8), dtype=np.int64), 0, np.array([x], dtype=np.int64))]
    while stack:
        paths, length, ends = stack.pop()
        if ends.size == 1 and ptr_list[int(ends[0]) + 1] - ptr_list[int(ends[0])] == 1:
            # A lone path through nodes with one way on, followed in Python: a long chain
            # would otherwise cost one round of numpy calls per edge.
            v, run = int(ends[0]), []
            while v != 0 and ptr_list[v + 1] - ptr_list[v] == 1:
                run.append(edge_list[ptr_list[v]])
                v = head_list[ptr_list[v]]
            paths = _room(paths, length, len(run))
            paths[0, length:length + len(run)] = run
            length += len(run)
            ends = np.array([v], dtype=np.int64)
            if v == 0:
                sums.arrived(paths, length, ends)
                continue
        pos, count = row_spans(ptr, ends)  # every row's end still reaches the output
        if pos.size != ends.size:
            paths = _room(paths[np.repeat(np.arange(ends.size), count)], length, 1)
        else:
            paths = _room(paths, length, 1)  # one way on for every row: extend in place
        paths[:, length] = edge[pos]
        length += 1
        paths, ends = sums.arrived(paths, length, head[pos])
        per_block = max(1, chunk // (length + 1))
        for first in range(((ends.size - 1) // per_block) * per_block, -1, -per_block):
            stack.append((paths[first:first + per_block], length, ends[first:first + per_block]))
    return (None if sums.total is None else float(sums.total)), sums.mul, sums.add

def _room(paths: np.ndarray, length: int, more: int) -> np.ndarray:
    """``paths`` with room for ``more`` edges after the first ``length`` (doubling)."""
    if length + more <= paths.shape[1]:
        return paths
    wider = np.empty((paths.shape[0], max(2 * paths.shape[1], length + more)), dtype=np.int64)
    wider[:, :length] = paths[:, :length]
    return wider

class _Sums:
    """The running sum of one pair's path products, with the ops spent on it."""

    def __init__(self, partial: np.ndarray) -> None:
        self.partial = partial
        self.total: Any = None
        self.mul = self.add = 0

    def arrived(self, paths: np.ndarray, length: int,
                ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Multiply out and sum the rows that reached the output; return the others."""
        done = ends == 0
        if not done.any():
            return paths, ends
        # One product per complete path, formed on its own: L-1 mul each.
        products = np.multiply.reduce(self.partial[paths[done, :length]], axis=1)
        self.mul += products.size * (length - 1)
        self.add += products.size - 1
        block = products.sum()
        if self.total is None:
            self.total = block
        else:
            self.total = self.total + block  # the sum over paths accumulates here
            self.add += 1
        keep = ~done
        return paths[keep], ends[keep]
