"""Forward mode: one sweep per input, in topological order (DESIGN §3)."""

from __future__ import annotations

from typing import Any

from ..compiled import CompiledGraph
from .direction import Direction
from .result import EngineResult
from .sweeps import Backend, accumulate, run_sweeps

__all__ = ["forward_engine"]


def forward_engine(cg: CompiledGraph, *, backend: Backend = "auto",
                   per_node: bool = False) -> EngineResult:
    """Push d/dx forward from each input x through the active nodes.

    Each active node v reachable from x gets dv/dx = sum over in-edges u -> v, with u
    reachable from x, of partial(u, v) * du/dx. Edges out of x pass their partial through.

    Parameters
    ----------
    cg : CompiledGraph
    backend : {"auto", "python", "arrays", "levels", "solve"}
        The generic loop (``"python"``) or the float64 arrays (:mod:`pathsum.engines.vector`),
        optionally with their method forced. ``"auto"`` picks the cheapest by a cost
        estimate when every partial is a Python float, else the loop.
    per_node : bool
        Also keep every node's value from every sweep (:attr:`EngineResult.per_node`), as
        the post's figures show them. The sweeps and their counts are the same.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2), ("x", "y", 3), ("y", "z", 5)], ["x"]))
    >>> r = forward_engine(cg)
    >>> r.jacobian, r.mul, r.add, r.sweeps
    ({2: {0: 25}}, 1, 1, 1)
    >>> forward_engine(cg, backend="levels").mul  # float arrays: the same count
    1
    """
    return run_sweeps(cg, Direction.FORWARD, _generic, backend=backend, per_node=per_node)


def _generic(cg: CompiledGraph, x: int) -> tuple[list[Any], int, int]:
    """The sweep from input ``x``: each active node after ``x``, in topological order, sums
    partial(u, v) * du/dx over its in-edges u -> v."""
    return accumulate(cg, x, *Direction.FORWARD.walk(cg, x))
