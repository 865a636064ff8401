"""Forward mode: one sweep per input, in topological order (DESIGN §3)."""

from __future__ import annotations

import time

from ..compiled import CompiledGraph
from .result import EngineResult, seeded, seeded_array
from .route import choose_route
from .vector import float_graph, sweep

__all__ = ["forward_engine"]


def forward_engine(cg: CompiledGraph, *, vectorised: bool | str | None = None,
                   per_node: bool = False) -> EngineResult:
    """Push d/dx forward from each input x through the active nodes.

    Each active node v reachable from x gets dv/dx = sum over in-edges u -> v, with u
    reachable from x, of partial(u, v) * du/dx. Edges out of x pass their partial through.

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
    >>> r = forward_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add, r.sweeps
    ({2: {0: 25}}, 1, 1, 1)

    Float partials take the array path, with the same counts:

    >>> g = from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"])
    >>> r = forward_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add, r.sweeps
    ({2: {0: 25.0}}, 1, 1, 1)
    """
    start = time.perf_counter()
    if vectorised is None:
        vectorised = cg.all_float and choose_route(cg, "forward")
    if vectorised:
        return _forward_float(cg, None if vectorised is True else vectorised, per_node, start)
    partial, src, in_edges, active = cg.partial, cg.src, cg.in_edges, cg.active
    jacobian: dict[int, dict[int, object]] = {y: {} for y in cg.outputs}
    kept: dict[int, list[object]] | None = {} if per_node else None
    setup = time.perf_counter() - start
    mul = add = 0
    for x in cg.inputs:
        tangent: list[object] = [None] * cg.n_nodes
        for v in range(x + 1, cg.n_nodes):
            if not active[v]:
                continue
            total = None
            for e in in_edges[v]:
                u = src[e]
                if u == x:
                    term = partial[e]  # the seed is 1: nothing to multiply
                elif tangent[u] is not None:
                    term = partial[e] * tangent[u]
                    mul += 1
                else:
                    continue
                if total is None:
                    total = term
                else:
                    total = total + term  # the sum over paths accumulates here
                    add += 1
            tangent[v] = total
        for y in cg.outputs:
            jacobian[y][x] = 0 if tangent[y] is None else tangent[y]
        if kept is not None:
            kept[x] = seeded(tangent, x, floats=cg.all_float)
    return EngineResult("forward", jacobian, mul, add, sweeps=len(cg.inputs), per_node=kept,
                        setup_seconds=setup)


def _forward_float(cg: CompiledGraph, method: str | None, per_node: bool,
                 start: float) -> EngineResult:
    """The same sweeps on float64 arrays (see :mod:`pathsum.engines.vector`)."""
    fg = float_graph(cg, method)
    fg.prepare("forward")
    setup = time.perf_counter() - start
    jacobian: dict[int, dict[int, object]] = {y: {} for y in cg.outputs}
    kept: dict[int, list[object]] | None = {} if per_node else None
    mul = add = 0
    for x in cg.inputs:
        tangent, reached, m, a = sweep(fg, "forward", x)
        mul, add = mul + m, add + a
        for y in cg.outputs:
            jacobian[y][x] = float(tangent[y]) if reached[y] else 0
        if kept is not None:
            kept[x] = seeded_array(tangent, reached, x)
    return EngineResult("forward", jacobian, mul, add, sweeps=len(cg.inputs), per_node=kept,
                        setup_seconds=setup)
