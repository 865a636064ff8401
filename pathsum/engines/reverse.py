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
    """The sweep from output ``y``: each active node u before y, in reverse topological
    order, gets dy/du = the sum over its out-edges u -> v of partial(u, v) * dy/dv, where v
    has a value; counted and returned as :func:`~pathsum.engines.forward.forward_sweep`."""
    partial, dst, active = cg.partial, cg.dst, cg.active
    values: list[Any] = [None] * cg.n_nodes
    mul = add = 0
    for u in range(y - 1, -1, -1):
        if not active[u]:
            continue
        total = None
        for e in cg.out_edges[u]:
            v = dst[e]
            if v == y:
                term = partial[e]
            elif values[v] is not None:
                term = partial[e] * values[v]
                mul += 1
            else:
                continue
            if total is None:
                total = term
            else:
                total = total + term  # the sum over paths accumulates here
                add += 1
        values[u] = total
    return values, mul, add
