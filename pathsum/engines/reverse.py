"""Reverse mode (backpropagation): one sweep per output, in reverse topological order."""

from __future__ import annotations

import time

from ..compiled import CompiledGraph
from .result import EngineResult, seeded, seeded_array
from .route import choose_route
from .vector import float_graph, sweep

__all__ = ["reverse_engine"]


def reverse_engine(cg: CompiledGraph, *, vectorised: bool | str | None = None,
                   per_node: bool = False) -> EngineResult:
    """Pull dy/d· backward from each output y through its active ancestors.

    Each active ancestor u of y gets dy/du = sum over out-edges u -> v, with v an ancestor
    of y or y itself, of partial(u, v) * dy/dv. Edges into y pass their partial through.

    Parameters
    ----------
    cg : CompiledGraph
    vectorised : bool or {"levels", "solve"}, optional
        Run the float64 array path (:mod:`pathsum.engines.vector`), optionally forcing its
        method, or the generic loop (False). By default the array path runs when every
        partial is a Python float.
    per_node : bool
        Also keep every node's value from every sweep (:attr:`EngineResult.per_node`), as
        the post's figures show them. The sweeps and their counts are the same.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> g = from_edges([("x", "y", 2), ("x", "y", 3), ("y", "z", 5)], ["x"])
    >>> r = reverse_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add, r.sweeps
    ({2: {0: 25}}, 2, 1, 1)

    Float partials take the array path, with the same counts:

    >>> g = from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"])
    >>> r = reverse_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add, r.sweeps
    ({2: {0: 25.0}}, 2, 1, 1)
    """
    start = time.perf_counter()
    if vectorised is None:
        vectorised = cg.all_float and choose_route(cg, "reverse")
    if vectorised:
        return _reverse_float(cg, None if vectorised is True else vectorised, per_node, start)
    partial, dst, out_edges, active = cg.partial, cg.dst, cg.out_edges, cg.active
    jacobian: dict[int, dict[int, object]] = {}
    kept: dict[int, list[object]] | None = {} if per_node else None
    setup = time.perf_counter() - start
    mul = add = 0
    for y in cg.outputs:
        adjoint: list[object] = [None] * cg.n_nodes
        for u in range(y - 1, -1, -1):
            if not active[u]:
                continue
            total = None
            for e in out_edges[u]:
                v = dst[e]
                if v == y:
                    term = partial[e]  # the seed is 1: nothing to multiply
                elif adjoint[v] is not None:
                    term = partial[e] * adjoint[v]
                    mul += 1
                else:
                    continue
                if total is None:
                    total = term
                else:
                    total = total + term  # the sum over paths accumulates here
                    add += 1
            adjoint[u] = total
        jacobian[y] = {x: 0 if adjoint[x] is None else adjoint[x] for x in cg.inputs}
        if kept is not None:
            kept[y] = seeded(adjoint, y, floats=cg.all_float)
    return EngineResult("reverse", jacobian, mul, add, sweeps=len(cg.outputs), per_node=kept,
                        setup_seconds=setup)


def _reverse_float(cg: CompiledGraph, method: str | None, per_node: bool,
                 start: float) -> EngineResult:
    """The same sweeps on float64 arrays (see :mod:`pathsum.engines.vector`)."""
    fg = float_graph(cg, method)
    fg.prepare("reverse")
    setup = time.perf_counter() - start
    jacobian: dict[int, dict[int, object]] = {}
    kept: dict[int, list[object]] | None = {} if per_node else None
    mul = add = 0
    for y in cg.outputs:
        adjoint, reached, m, a = sweep(fg, "reverse", y)
        mul, add = mul + m, add + a
        jacobian[y] = {x: float(adjoint[x]) if reached[x] else 0 for x in cg.inputs}
        if kept is not None:
            kept[y] = seeded_array(adjoint, reached, y)
    return EngineResult("reverse", jacobian, mul, add, sweeps=len(cg.outputs), per_node=kept,
                        setup_seconds=setup)
