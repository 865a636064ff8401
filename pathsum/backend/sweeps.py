"""The float64 routes of the forward and reverse sweeps, by topological level or by a sparse
triangular solve: the loop's edges, counted from the arrays dispatched (``mul`` the product
lanes but the seed's, ``add`` each node's terms less one), values to the last bits."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from scipy.sparse import csc_array, csr_array
from scipy.sparse.csgraph import breadth_first_order

from ..compiled import CompiledGraph
from ..engines.result import EngineResult
from ..engines.sweeps import Direction, collect
from .arrays import columns, new_group, row_pointers, row_spans

try:
    # scipy-private, used because scripts/bench.py measures the public spsolve_triangular
    # (which checks and copies the matrix first) 1.6-3.1x slower per sweep at 300k edges.
    from scipy.sparse.linalg._dsolve._superlu import gstrs
except ImportError:  # pragma: no cover - a scipy that moved it: the public solve
    gstrs = None

#: Levels pay when they hold at least this many edges each on average.
LEVEL_WIDTH = 256

def run(cg: CompiledGraph, direction: Direction, method: str,
        per_node: bool) -> EngineResult:
    """Every sweep in ``direction`` by ``method`` (``"auto"`` and ``"arrays"``: the solve for
    one seed, else levels if the graph is wide enough, else the solve)."""
    start = time.perf_counter()
    cols = columns(cg)
    seeds, ends = direction.seeds(cg), direction.ends(cg)
    keep = np.flatnonzero(cols.active[cols.src] & cols.active[cols.dst])
    recv, send = direction.receiving_first(cols.src[keep], cols.dst[keep])
    edges = recv, send, cols.partial[keep]  # between active nodes
    level = None
    if method == "levels" or (method in ("auto", "arrays") and len(seeds) > 1):
        most = cg.n_nodes if method == "levels" else recv.size // LEVEL_WIDTH
        level = _depths(cg.n_nodes, cols.src[keep], cols.dst[keep], most)
    sweep = (_by_levels(cg.n_nodes, edges, direction, level, seeds) if level is not None
             else _by_solve(cg, edges, direction, cols.system, cols.active, len(seeds)))
    setup = time.perf_counter() - start

    def one(seed: int) -> tuple[list[Any], list[Any] | None, int, int]:
        values, reached, mul, add = sweep(seed)
        row = [float(values[v]) if reached[v] else 0 for v in ends]
        if not per_node:
            return row, None, mul, add
        kept = np.where(reached, values, 0.0)
        kept[seed] = 1.0
        return row, kept.tolist(), mul, add

    return collect(cg, direction, ((seed, *one(seed)) for seed in seeds), setup, per_node)

Swept = tuple[np.ndarray, np.ndarray, int, int]
Edges = tuple[np.ndarray, np.ndarray, np.ndarray]  # receiving end, sending end, partial

def _by_levels(n: int, edges: Edges, direction: Direction, level: np.ndarray,
               seeds: list[int]) -> Any:
    """Sweeps level by level: the edges into (forward) or out of (reverse) one level take
    one gather, one product and one ``bincount``, which adds in edge order as the loop."""
    recv, send, partial = edges
    stage = level[recv] if direction is Direction.FORWARD else -level[recv]
    order = np.argsort((stage - stage.min(initial=0)) * n + recv, kind="stable")
    recv, send, partial = recv[order], send[order], partial[order]
    first = new_group(recv)
    starts = np.flatnonzero(first)
    receivers = recv[starts]
    slot = np.cumsum(first) - 1
    is_seed = np.zeros(n, dtype=bool)
    is_seed[seeds] = True
    stages: list[tuple[int, int, int, int, bool]] = []
    if recv.size:  # per level: its edges, its receivers, whether a seed sends in it
        gstage = stage[order][starts]
        gbounds = [0, *(np.flatnonzero(np.diff(gstage)) + 1).tolist(), starts.size]
        ebounds = [*starts[gbounds[:-1]].tolist(), recv.size]
        seeding = np.logical_or.reduceat(is_seed[send], ebounds[:-1]).tolist()
        slot -= np.repeat(np.asarray(gbounds[:-1]), np.diff(ebounds))
        stages = list(zip(ebounds[:-1], ebounds[1:], gbounds[:-1], gbounds[1:], seeding,
                          strict=True))

    @np.errstate(over="ignore", invalid="ignore")
    def sweep(seed: int) -> Swept:
        values = np.zeros(n)
        values[seed] = 1.0
        reached = np.zeros(n, dtype=bool)
        reached[seed] = True
        mul = add = 0
        for e0, e1, g0, g1, from_seed in stages:
            s, p, k, r = send[e0:e1], partial[e0:e1], slot[e0:e1], receivers[g0:g1]
            live, hit = reached[s], None  # an edge is processed once its sender has a value
            if not live.all():
                if not live.any():
                    continue
                pick = np.flatnonzero(live)
                s, p, k = s[pick], p[pick], k[pick]
                hit = np.bincount(k, minlength=g1 - g0) > 0
            if from_seed:  # the seed's edges pass their partial through, unmultiplied
                multiply = s != seed
                terms = p.copy()
                np.multiply(p, values[s], out=terms, where=multiply)
                mul += int(np.count_nonzero(multiply))
            else:
                terms = p * values[s]
                mul += terms.size
            sums = np.bincount(k, terms, g1 - g0)
            if hit is not None:
                r, sums = r[hit], sums[hit]
            values[r] = sums
            reached[r] = True
            add += terms.size - r.size
        return values, reached, mul, add

    return sweep

def _by_solve(cg: CompiledGraph, edges: Edges, direction: Direction, system: csc_array,
              active: np.ndarray, seeds: int) -> Any:
    """Sweeps by one sparse triangular solve each of the graph's system, with the seed's
    value 1: nodes the seed does not reach hold zeros, so reached nodes get the loop's
    values. One seed reaches every active node; several are each searched first."""
    recv, send, _ = edges
    adjacency = (csr_array((np.ones(recv.size), (send, recv)),
                           shape=(cg.n_nodes, cg.n_nodes)) if seeds > 1 else None)

    @np.errstate(over="ignore", invalid="ignore")
    def sweep(seed: int) -> Swept:
        if adjacency is None:
            reached = active.copy()
        else:
            reached = np.zeros(cg.n_nodes, dtype=bool)
            reached[breadth_first_order(adjacency, seed, return_predecessors=False)] = True
        reached[seed] = True
        live = reached[send]
        processed = int(np.count_nonzero(live))
        from_seed = int(np.count_nonzero(send == seed))
        receivers = int(np.count_nonzero(np.bincount(recv[live], minlength=cg.n_nodes)))
        b = np.zeros(cg.n_nodes)
        b[seed] = 1.0
        values = solve(system, direction, b)
        values[seed] = 1.0
        return values, reached, processed - from_seed, processed - receivers

    return sweep

def solve(system: csc_array, direction: Direction, b: np.ndarray) -> np.ndarray:
    """``system @ x = b`` forward, ``system.T @ x = b`` in reverse, overwriting ``b``."""
    forward = direction is Direction.FORWARD
    if gstrs is not None and system.indices.dtype == np.intc:
        # What spsolve_triangular(..., unit_diagonal=True) passes SuperLU once it has
        # checked and copied a matrix already in this form.
        n, empty = b.size, np.zeros(b.size + 1, dtype=np.intc)
        x, _ = gstrs("N" if forward else "T", n, system.nnz, system.data, system.indices,
                     system.indptr, n, 0, np.zeros(0), empty[:0], empty, b)
        return np.asarray(x)
    from scipy.sparse.linalg import spsolve_triangular

    # overwrite_A: it only rewrites the unit diagonal the system already has.
    matrix = system if forward else csr_array((system.data, system.indices, system.indptr),
                                              shape=system.shape)
    return np.asarray(spsolve_triangular(matrix, b, lower=forward, unit_diagonal=True,
                                         overwrite_A=True, overwrite_b=True))

def _depths(n: int, src: np.ndarray, dst: np.ndarray, most: int) -> np.ndarray | None:
    """Longest-path depth of every node (Kahn's algorithm, one frontier per numpy step), or
    None past ``most`` levels."""
    indeg = np.bincount(dst, minlength=n)
    heads = dst[np.argsort(src, kind="stable")]
    ptr = row_pointers(src, n)
    level = np.zeros(n, dtype=np.int64)
    frontier = np.flatnonzero(indeg == 0)
    depth = 0
    while frontier.size:
        if depth > most:
            return None
        level[frontier] = depth
        pos, _ = row_spans(ptr, frontier)
        if not pos.size:
            break
        nodes, hits = np.unique(heads[pos], return_counts=True)
        indeg[nodes] -= hits
        frontier = nodes[indeg[nodes] == 0]
        depth += 1
    return level
