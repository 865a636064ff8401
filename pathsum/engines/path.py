"""The path engine: the sum over paths written out, one term per path (DESIGN §3)."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, get_args

from ..backend import SMALL_GRAPH
from ..compiled import CompiledGraph
from . import blocks
from .result import EngineResult
from .sweeps import check_backend

__all__ = ["CHUNK", "PATH_BACKENDS", "PathBackend", "iter_paths", "path_engine"]

#: How paths are enumerated: ``auto`` takes the arrays for float partials, ``python`` one
#: path at a time, ``arrays`` numpy chunks of paths (:mod:`pathsum.engines.chunks`).
PathBackend = Literal["auto", "python", "arrays"]
PATH_BACKENDS: tuple[str, ...] = get_args(PathBackend)
#: Edge ids per chunk of partial paths (256 KiB of int64, which stays in cache; measured
#: best among 2^12..2^17 on diamond k=12 by scripts/bench.py's machine).
CHUNK = 1 << 15
#: Path edges up to which a small graph's float paths are enumerated on lists (a few ms of
#: Python; numpy's chunks run ~5x faster per path edge, but importing numpy costs ~0.1 s).
LISTED_PATH_EDGES = 1 << 15


def iter_paths(cg: CompiledGraph, x: int, y: int) -> Iterator[list[int]]:
    """Yield every path from ``x`` to ``y`` as a list of edge ids, depth first, without recursion.

    The yielded list is reused between paths: copy it to keep it.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 1), ("x", "y", 2), ("y", "z", 3)], ["x"]))
    >>> [list(p) for p in iter_paths(cg, 0, 2)]
    [[0, 2], [1, 2]]
    """
    towards = _towards(cg, y)
    if x == y or x not in towards:
        return
    dst = cg.dst
    trail: list[int] = []
    pending = [iter(towards[x])]
    while pending:
        for e in pending[-1]:
            v = dst[e]
            trail.append(e)
            if v == y:
                yield trail
                trail.pop()
                continue
            pending.append(iter(towards[v]))
            break
        else:
            pending.pop()
            if trail:
                trail.pop()


def _towards(cg: CompiledGraph, y: int) -> dict[int, list[int]]:
    """Each node on some input-to-``y`` path (``y`` included), with its out-edges that
    lead on towards ``y``, ascending.

    All that a walk from an input to ``y`` needs, found by walking up from ``y``: it costs
    as much as the edges found, never a pass over the graph (see
    :meth:`~pathsum.compiled.CompiledGraph.cone`). The last one is kept on the view: the
    paths into ``y`` are listed from each input in turn.
    """
    last = cg.cache.get("towards")
    if last is not None and last[0] == y:
        return last[1]
    nodes, edges = cg.cone(y)
    towards: dict[int, list[int]] = {v: [] for v in nodes}
    src = cg.src
    for e in sorted(edges):
        towards[src[e]].append(e)
    cg.cache["towards"] = (y, towards)
    return towards


def path_engine(cg: CompiledGraph, *, backend: PathBackend = "auto",
                chunk: int = CHUNK) -> EngineResult:
    """Enumerate every input-to-output path and multiply its partials on their own.

    A path of L edges costs L-1 ``mul``; P paths into one derivative cost P-1 ``add``.

    Parameters
    ----------
    cg : CompiledGraph
    backend : {"auto", "python", "arrays"}
        One path at a time (``"python"``) or in numpy chunks of paths
        (:mod:`pathsum.engines.chunks`); ``"auto"`` takes the chunks when every partial is
        a Python float, and on a small graph with at most :data:`LISTED_PATH_EDGES` path
        edges the same chunks on lists (:mod:`pathsum.engines.blocks`): the same sums to
        the last bit, without numpy.
    chunk : int
        Edge ids per chunk of partial paths, which bounds the memory used.

    Raises
    ------
    UsageError
        For an unknown ``backend``.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"])
    >>> [(r.jacobian, r.mul, r.add) for r in (path_engine(compile_graph(g), chunk=2),
    ...                                       path_engine(compile_graph(g), backend="python"))]
    [({2: {0: 25.0}}, 2, 1), ({2: {0: 25.0}}, 2, 1)]
    """
    check_backend(backend, PATH_BACKENDS)
    start = time.perf_counter()
    if backend == "auto" and cg.all_float and cg.n_nodes + cg.n_edges < SMALL_GRAPH and _few_path_edges(cg):
        sums: Callable[[int], Iterable[tuple[int, Any, int, int]]] = functools.partial(
            blocks.pair_sums, cg, chunk=chunk)
    elif backend == "arrays" or (backend == "auto" and cg.all_float):
        from .chunks import edge_arrays, pair_sums

        edge_arrays(cg)
        sums = functools.partial(pair_sums, cg, chunk=chunk)
    else:
        sums = functools.partial(_generic, cg)
    setup = time.perf_counter() - start
    jacobian: dict[int, dict[int, Any]] = {}
    mul = add = 0
    for y in cg.outputs:
        row = jacobian[y] = {}
        for x, total, m, a in sums(y):
            row[x] = 0 if total is None else total
            mul, add = mul + m, add + a
    return EngineResult("path", jacobian, mul, add, enumerated=True, setup_seconds=setup)


def _few_path_edges(cg: CompiledGraph) -> bool:
    """Whether the paths hold at most :data:`LISTED_PATH_EDGES` edges in all (counted
    exactly, in a few sweeps over a small graph)."""
    from ..counting import count_paths

    return count_paths(cg).path_edges <= LISTED_PATH_EDGES


def _generic(cg: CompiledGraph, y: int) -> Iterator[tuple[int, Any, int, int]]:
    """Each input x with the sum of the products of the paths from x to ``y`` (None when
    there is none), one path at a time, and the ``mul`` and ``add`` it spent."""
    partial = cg.partial
    for x in cg.inputs:
        total = None
        mul = add = 0
        for trail in iter_paths(cg, x, y):
            product = partial[trail[0]]
            for e in trail[1:]:  # no prefix shared with any other path
                product = product * partial[e]
            mul += len(trail) - 1
            if total is None:
                total = product
            else:
                total = total + product  # the sum over paths accumulates here
                add += 1
        yield x, total, mul, add
