"""Forward mode: one sweep per input, in topological order (DESIGN §3)."""

from __future__ import annotations

from ..compiled import CompiledGraph
from .result import EngineResult

__all__ = ["forward_engine"]


def forward_engine(cg: CompiledGraph) -> EngineResult:
    """Push d/dx forward from each input x through the active nodes.

    Each active node v reachable from x gets dv/dx = sum over in-edges u -> v, with u
    reachable from x, of partial(u, v) * du/dx. Edges out of x pass their partial through.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> g = from_edges([("x", "y", 2), ("x", "y", 3), ("y", "z", 5)], ["x"])
    >>> r = forward_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add, r.sweeps
    ({2: {0: 25}}, 1, 1, 1)
    """
    partial, src, in_edges, active = cg.partial, cg.src, cg.in_edges, cg.active
    jacobian: dict[int, dict[int, object]] = {y: {} for y in cg.outputs}
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
    return EngineResult("forward", jacobian, mul, add, sweeps=len(cg.inputs))
