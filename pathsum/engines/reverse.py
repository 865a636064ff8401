"""Reverse mode (backpropagation): one sweep per output, in reverse topological order."""

from __future__ import annotations

from typing import Any

from ..compiled import CompiledGraph
from .result import EngineResult
from .sweeps import Backend, Direction, run_sweeps

__all__ = ["reverse_engine", "reverse_sweep"]

def reverse_engine(cg: CompiledGraph, *, backend: Backend = "auto",
                   per_node: bool = False) -> EngineResult:
    """Pull dy/d· backward from each output y through its active ancestors; ``backend``
    and ``per_node`` are as for :func:`~pathsum.engines.forward.forward_engine`.

    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"])
    >>> r = reverse_engine(compile_graph(g), backend="arrays")
    >>> r.jacobian, r.mul, r.add, r.sweeps
    ({2: {0: 25.0}}, 2, 1, 1)
    """
    return run_sweeps(cg, Direction.REVERSE, reverse_sweep, backend=backend, per_node=per_node)

def reverse_sweep(cg: CompiledGraph, y: int) -> tuple[list[Any], int, int]:
    """The sweep from output ``y``: each node v from y down, once it has dy/dv, adds
    partial(u, v) * dy/dv into dy/du for each in-edge u -> v from an active u (the adjoints
    flow back along the edges); counted and returned as
    :func:`~pathsum.engines.forward.forward_sweep`, y's own value None."""
    partial, src, active = cg.partial, cg.src, cg.active
    values: list[Any] = [None] * cg.n_nodes
    mul = add = 0
    for v in range(y, -1, -1):
        adjoint = values[v]
        if v != y and adjoint is None:
            continue
        for e in cg.in_edges[v]:
            u = src[e]
            if not active[u]:
                continue
            if v == y:
                term = partial[e]  # dy/dy is 1: nothing to multiply
            else:
                term = partial[e] * adjoint
                mul += 1
            if values[u] is None:
                values[u] = term
            else:
                values[u] = values[u] + term  # the sum over paths accumulates here
                add += 1
    return values, mul, add
