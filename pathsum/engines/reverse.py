"""Reverse mode (backpropagation): one sweep per output, in reverse topological order."""

from __future__ import annotations

from typing import Any

from ..compiled import CompiledGraph
from .direction import Direction
from .result import EngineResult
from .sweeps import Backend, accumulate, run_sweeps

__all__ = ["reverse_engine"]


def reverse_engine(cg: CompiledGraph, *, backend: Backend = "auto",
                   per_node: bool = False) -> EngineResult:
    """Pull dy/d· backward from each output y through its active ancestors.

    Each active ancestor u of y gets dy/du = sum over out-edges u -> v, with v an ancestor
    of y or y itself, of partial(u, v) * dy/dv. Edges into y pass their partial through.

    ``backend`` and ``per_node`` are as for :func:`~pathsum.engines.forward.forward_engine`.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"])
    >>> for backend in ("python", "arrays"):
    ...     r = reverse_engine(compile_graph(g), backend=backend)
    ...     print(r.jacobian, r.mul, r.add, r.sweeps)
    {2: {0: 25.0}} 2 1 1
    {2: {0: 25.0}} 2 1 1
    """
    return run_sweeps(cg, Direction.REVERSE, _generic, backend=backend, per_node=per_node)


def _generic(cg: CompiledGraph, y: int) -> tuple[list[Any], int, int]:
    """The sweep from output ``y``: each active node before ``y``, in reverse topological
    order, sums partial(u, v) * dy/dv over its out-edges u -> v."""
    return accumulate(cg, y, *Direction.REVERSE.walk(cg, y))
