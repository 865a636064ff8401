"""What the forward and reverse engines share (DESIGN §3, §8): the choice of route, the
timing, one sweep per seed, and the Jacobian and per-node values read off each sweep.

An engine module says which nodes its generic sweep visits and over which edges each sums;
:func:`accumulate` runs it. The float64 routes (:mod:`pathsum.engines.vector`) give the same
values and counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, get_args

from ..errors import UsageError
from .direction import Direction
from .result import EngineResult
from .route import choose_route  # here, not in the timed call: no sweep pays an import

if TYPE_CHECKING:
    from ..compiled import CompiledGraph

__all__ = ["BACKENDS", "Backend", "Loop", "accumulate", "check_backend", "run_sweeps"]

#: How a sweep runs: ``auto`` picks by a cost estimate (:mod:`pathsum.engines.route`);
#: ``python`` is the engine's generic loop; ``arrays`` the float64 arrays by their default
#: method, ``levels`` or ``solve`` one method forced (:mod:`pathsum.engines.vector`).
Backend = Literal["auto", "python", "arrays", "levels", "solve"]
BACKENDS: tuple[str, ...] = get_args(Backend)

#: One generic sweep from one seed: each node's value (None where the sweep did not reach),
#: and the ``mul`` and ``add`` it spent.
Loop = Callable[["CompiledGraph", int], tuple[list[Any], int, int]]


def run_sweeps(cg: CompiledGraph, direction: Direction, loop: Loop, *, backend: Backend,
               per_node: bool) -> EngineResult:
    """One sweep per seed of ``direction`` by the route ``backend`` picks (an unknown one
    raises :class:`~pathsum.errors.UsageError`); the Jacobian and the operations the sweeps
    counted.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> def copy(cg, seed):  # a stand-in sweep: every node but the seed gets edge 0's partial
    ...     return [cg.partial[0] if v else None for v in range(cg.n_nodes)], 0, 0
    >>> cg = compile_graph(from_edges([("x", "y", 2)], ["x"]))
    >>> run_sweeps(cg, Direction.FORWARD, copy, backend="python", per_node=True).per_node
    {0: [1, 2]}
    """
    start = time.perf_counter()
    route = _route(cg, direction, loop, backend)
    setup = time.perf_counter() - start
    seeds, ends = direction.seeds(cg), direction.ends(cg)
    jacobian: dict[int, dict[int, Any]] = {y: {} for y in cg.outputs}
    kept: dict[int, list[Any]] | None = {} if per_node else None
    mul = add = 0
    for seed in seeds:
        swept, m, a = route.sweep(seed)
        mul, add = mul + m, add + a
        row = route.at(swept, ends)
        if direction is Direction.REVERSE:
            jacobian[seed].update(zip(ends, row, strict=True))
        else:
            for y, d in zip(ends, row, strict=True):
                jacobian[y][seed] = d
        if kept is not None:
            kept[seed] = route.kept(swept, seed)
    return EngineResult(direction.value, jacobian, mul, add, sweeps=len(seeds),
                        per_node=kept, setup_seconds=setup)


def check_backend(backend: object, allowed: tuple[str, ...]) -> None:
    """Refuse a backend that is not one of ``allowed``, naming it.

    Examples
    --------
    >>> check_backend("numpy", BACKENDS)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: unknown backend 'numpy' (choose from auto, python, arrays, levels, solve)
    """
    if backend not in allowed:
        raise UsageError(f"unknown backend '{backend}' (choose from {', '.join(allowed)})")


def _route(cg: CompiledGraph, direction: Direction, loop: Loop,
           backend: Backend) -> _Loop | _Arrays:
    check_backend(backend, BACKENDS)
    if backend == "auto":
        backend = "arrays" if cg.all_float and choose_route(cg, direction) else "python"
    if backend == "python":
        return _Loop(cg, loop)
    return _Arrays(cg, direction, None if backend == "arrays" else backend)


class _Loop:
    """The engine's generic loop: values in a list, None where a sweep did not reach."""

    def __init__(self, cg: CompiledGraph, loop: Loop) -> None:
        self.cg, self.loop = cg, loop

    def sweep(self, seed: int) -> tuple[list[Any], int, int]:
        return self.loop(self.cg, seed)

    def at(self, values: list[Any], ends: list[int]) -> list[Any]:
        return [0 if values[v] is None else values[v] for v in ends]

    def kept(self, values: list[Any], seed: int) -> list[Any]:
        """The values as reported: 1 on the seed, 0 where the sweep did not reach; floats
        on a float graph (one the route choice sent through the loop), as the arrays give.

        Examples
        --------
        >>> from pathsum import compile_graph, from_edges
        >>> cg = compile_graph(from_edges([("x", "y", 2.5), ("z", "y", 1.0)], ["x", "z"]))
        >>> _Loop(cg, accumulate).kept([None, None, 2.5], 0)
        [1.0, 0.0, 2.5]
        """
        kept = [0 if v is None else v for v in values]
        kept[seed] = 1
        return [float(v) for v in kept] if self.cg.all_float else kept


class _Arrays:
    """The float64 routes (:mod:`pathsum.engines.vector`): values and where they were
    reached, in arrays built once before the first sweep."""

    def __init__(self, cg: CompiledGraph, direction: Direction, method: str | None) -> None:
        from .vector import float_graph, sweep

        self.direction, self.one_sweep = direction, sweep
        self.fg = float_graph(cg, method)
        self.fg.prepare(direction)

    def sweep(self, seed: int) -> tuple[tuple[Any, Any], int, int]:
        values, reached, mul, add = self.one_sweep(self.fg, self.direction, seed)
        return (values, reached), mul, add

    def at(self, swept: tuple[Any, Any], ends: list[int]) -> list[Any]:
        values, reached = swept
        return [float(values[v]) if reached[v] else 0 for v in ends]

    def kept(self, swept: tuple[Any, Any], seed: int) -> list[Any]:
        """The values as reported: 1 on the seed, 0 where the sweep did not reach."""
        import numpy as np

        values, reached = swept
        kept = np.where(reached, values, 0.0)
        kept[seed] = 1.0
        return kept.tolist()


def accumulate(cg: CompiledGraph, seed: int, nodes: Iterable[int],
               edges: Sequence[list[int]], sender: Sequence[int]) -> tuple[list[Any], int, int]:
    """One generic sweep from ``seed``: each active node of ``nodes``, in that order, gets
    the sum over ``edges[v]`` of partial(e) times the value of the edge's other end
    ``sender[e]``, where that end has one (DESIGN §3).

    The seed's value is 1: its edges pass their partial through, unmultiplied and
    uncounted. Every other edge processed costs one ``mul``; k contributions to a node
    cost k-1 ``add``.

    Returns
    -------
    values : list
        Each node's value; None where the sweep did not reach (the seed included).
    mul, add : int

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2), ("x", "y", 3), ("y", "z", 5)], ["x"]))
    >>> accumulate(cg, 0, [1, 2], cg.in_edges, cg.src)
    ([None, 5, 25], 1, 1)
    """
    partial, active = cg.partial, cg.active
    values: list[Any] = [None] * cg.n_nodes
    mul = add = 0
    for v in nodes:
        if not active[v]:
            continue
        total = None
        for e in edges[v]:
            u = sender[e]
            if u == seed:
                term = partial[e]  # the seed is 1: nothing to multiply
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
