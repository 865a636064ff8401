"""The path engine: the sum over paths written out, one term per path (DESIGN §3)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..compiled import CompiledGraph
from .chunks import CHUNK, edge_arrays, pair_sums
from .result import EngineResult

__all__ = ["iter_paths", "path_engine"]


def iter_paths(cg: CompiledGraph, x: int, y: int) -> Iterator[list[int]]:
    """Yield every path from ``x`` to ``y`` as a list of edge ids, depth first, without recursion.

    The yielded list is reused between paths: copy it to keep it.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
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


def path_engine(cg: CompiledGraph, *, vectorised: bool | None = None,
                chunk: int = CHUNK) -> EngineResult:
    """Enumerate every input-to-output path and multiply its partials on their own.

    A path of L edges costs L-1 ``mul``; P paths into one derivative cost P-1 ``add``.

    Parameters
    ----------
    cg : CompiledGraph
    vectorised : bool, optional
        Enumerate in numpy chunks (:mod:`pathsum.engines.chunks`) or one path at a time.
        By default chunks are used when every partial is a Python float.
    chunk : int
        Edge ids per chunk of partial paths, which bounds the memory used.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> g = from_edges([("x", "y", 2), ("x", "y", 3), ("y", "z", 5)], ["x"])
    >>> r = path_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add
    ({2: {0: 25}}, 2, 1)

    Float partials are enumerated in chunks, with the same counts:

    >>> g = from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"])
    >>> r = path_engine(compile_graph(g), chunk=2)
    >>> r.jacobian, r.mul, r.add
    ({2: {0: 25.0}}, 2, 1)
    """
    if vectorised is None:
        vectorised = cg.all_float
    if vectorised:
        return _path_chunks(cg, chunk)
    partial = cg.partial
    jacobian: dict[int, dict[int, object]] = {}
    mul = add = 0
    for y in cg.outputs:
        row = jacobian[y] = {}
        for x in cg.inputs:
            total = None
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
            row[x] = 0 if total is None else total
    return EngineResult("path", jacobian, mul, add, enumerated=True)


def _path_chunks(cg: CompiledGraph, chunk: int) -> EngineResult:
    """The same enumeration in numpy chunks of paths (see :mod:`pathsum.engines.chunks`)."""
    start = time.perf_counter()
    edge_arrays(cg)
    setup = time.perf_counter() - start
    jacobian: dict[int, dict[int, object]] = {}
    mul = add = 0
    for y in cg.outputs:
        row = jacobian[y] = {}
        for x, total, m, a in pair_sums(cg, y, chunk):
            row[x] = 0 if total is None else total
            mul, add = mul + m, add + a
    return EngineResult("path", jacobian, mul, add, enumerated=True, setup_seconds=setup)
