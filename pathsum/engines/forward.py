"""Forward mode: one sweep per input, in topological order (DESIGN §3)."""

from __future__ import annotations

from typing import Any

from ..compiled import CompiledGraph
from .result import EngineResult
from .sweeps import Backend, Direction, run_sweeps

__all__ = ["forward_engine", "forward_sweep"]

def forward_engine(cg: CompiledGraph, *, backend: Backend = "auto",
                   per_node: bool = False) -> EngineResult:
    """Push d/dx forward from each input x through the active nodes: by
    :func:`forward_sweep` (``backend="python"``) or the float64 routes of
    :mod:`pathsum.backend` ("arrays", "levels", "solve"), by its rule by default ("auto");
    ``per_node`` also keeps every node's value from every sweep.

    >>> from pathsum import compile_graph, from_edges
    >>> r = forward_engine(compile_graph(from_edges([("x", "y", 2), ("x", "y", 3), ("y", "z", 5)], ["x"])))
    >>> r.jacobian, r.mul, r.add, r.sweeps
    ({2: {0: 25}}, 1, 1, 1)
    """
    return run_sweeps(cg, Direction.FORWARD, forward_sweep, backend=backend, per_node=per_node)

def forward_sweep(cg: CompiledGraph, x: int) -> tuple[list[Any], int, int]:
    """The sweep from input ``x``: each active node v after x, in topological order, gets
    dv/dx = the sum over its in-edges u -> v of partial(u, v) * du/dx, where u has a value.

    The seed's value is 1: its edges pass their partial through, unmultiplied and
    uncounted; every other edge costs one ``mul``, k terms of a node k-1 ``add``. Returns
    each node's value (None where the sweep did not reach, x included), mul and add.
    """
    partial, src, active = cg.partial, cg.src, cg.active
    values: list[Any] = [None] * cg.n_nodes
    mul = add = 0
    for v in range(x + 1, cg.n_nodes):
        if not active[v]:
            continue
        total = None
        for e in cg.in_edges[v]:
            u = src[e]
            if u == x:
                term = partial[e]
            elif values[u] is not None:
                term = partial[e] * values[u]
                mul += 1
            else:
                continue
            if total is None:
                total = term
            else:
                total = total + term  # the sum over paths accumulates here
                add += 1
        values[v] = total
    return values, mul, add
