"""What the forward and reverse engines share (DESIGN §3, §8): the direction, the route,
and the Jacobian and per-node values read off one sweep per seed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, TypeVar, get_args

from .. import backend as float_routes
from ..errors import UsageError
from .result import EngineResult

if TYPE_CHECKING:
    from ..compiled import CompiledGraph

__all__ = ["BACKENDS", "Backend", "Direction", "check_backend", "collect", "run_sweeps"]

#: How a sweep runs: ``auto`` by the rule of :mod:`pathsum.backend`, ``python`` the loop,
#: ``arrays`` the float64 arrays, ``levels`` or ``solve`` one of their methods forced.
Backend = Literal["auto", "python", "arrays", "levels", "solve"]
BACKENDS: tuple[str, ...] = get_args(Backend)
T = TypeVar("T")

class Direction(StrEnum):
    """Forward (one sweep per input) or reverse (one per output); the engine's name."""

    FORWARD = "forward"
    REVERSE = "reverse"

    def seeds(self, cg: CompiledGraph) -> list[int]:
        return cg.inputs if self is Direction.FORWARD else cg.outputs

    def ends(self, cg: CompiledGraph) -> list[int]:
        return cg.outputs if self is Direction.FORWARD else cg.inputs

    def receiving_first(self, src: T, dst: T) -> tuple[T, T]:
        """An edge's (receiving, sending) end: forward pushes into the target."""
        return (dst, src) if self is Direction.FORWARD else (src, dst)

    def walk(self, cg: CompiledGraph, seed: int) -> tuple[range, list[list[int]], list[int]]:
        """The nodes a sweep from ``seed`` visits, in order, the edges whose terms each node
        sums and each edge's sending end (the steps the page shows)."""
        if self is Direction.FORWARD:
            return range(seed + 1, cg.n_nodes), cg.in_edges, cg.src
        return range(seed - 1, -1, -1), cg.out_edges, cg.dst

#: One plain sweep from one seed: each node's value (None where it did not reach), mul, add.
Loop = Callable[["CompiledGraph", int], tuple[list[Any], int, int]]

def check_backend(backend: object, allowed: tuple[str, ...]) -> None:
    """Refuse a backend that is not one of ``allowed``, naming it."""
    if backend not in allowed:
        raise UsageError(f"unknown backend '{backend}' (choose from {', '.join(allowed)})")

def run_sweeps(cg: CompiledGraph, direction: Direction, loop: Loop, *, backend: Backend,
               per_node: bool) -> EngineResult:
    """One sweep per seed of ``direction``, on the arrays if the rule of
    :mod:`pathsum.backend` says so, else by ``loop``."""
    check_backend(backend, BACKENDS)
    if float_routes.takes_arrays(cg, backend):
        return float_routes.run(cg, direction.value, backend, per_node)
    ends, as_float = direction.ends(cg), cg.all_float

    def one(seed: int) -> tuple[int, list[Any], list[Any] | None, int, int]:
        values, mul, add = loop(cg, seed)
        row = [0 if values[v] is None else values[v] for v in ends]
        if not per_node:
            return seed, row, None, mul, add
        kept = [0 if v is None else v for v in values]
        kept[seed] = 1
        return seed, row, [float(v) for v in kept] if as_float else kept, mul, add

    return collect(cg, direction, map(one, direction.seeds(cg)), 0.0, per_node)

def collect(cg: CompiledGraph, direction: Direction,
            sweeps: Iterable[tuple[int, list[Any], list[Any] | None, int, int]],
            setup: float, per_node: bool) -> EngineResult:
    """The engine's result from each sweep's seed, values at the other side's ends, values
    kept per node (or None) and counts."""
    jacobian: dict[int, dict[int, Any]] = {y: {} for y in cg.outputs}
    kept: dict[int, list[Any]] = {}
    mul = add = count = 0
    ends = direction.ends(cg)
    for seed, row, values, m, a in sweeps:
        mul, add, count = mul + m, add + a, count + 1
        if direction is Direction.REVERSE:
            jacobian[seed].update(zip(ends, row, strict=True))
        else:
            for y, d in zip(ends, row, strict=True):
                jacobian[y][seed] = d
        if values is not None:
            kept[seed] = values
    return EngineResult(direction.value, jacobian, mul, add, sweeps=count,
                        per_node=kept if per_node else None, setup_seconds=setup)
