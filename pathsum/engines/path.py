"""The path engine: the sum over paths written out, one term per path (DESIGN §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal, get_args

from ..compiled import CompiledGraph
from ..counting import PathCounts, count_paths
from .result import EngineResult
from .sweeps import check_backend

__all__ = ["LISTED_PATH_EDGES", "path_engine", "path_products", "takes_blocks"]

PathBackend = Literal["auto", "python", "arrays"]
PATH_BACKENDS: tuple[str, ...] = get_args(PathBackend)
#: Path edges in all above which ``auto`` takes numpy's blocks for float partials: they run
#: ~5x faster per path edge, but below this importing numpy costs more than the loop.
LISTED_PATH_EDGES = 1 << 15

def path_products(cg: CompiledGraph, y: int,
                  inputs: Sequence[int]) -> Iterator[tuple[int, list[int], Any]]:
    """Each path into ``y`` from ``inputs``: (x, edge ids (a reused list), product)."""
    # Each node of y's cone with its out-edges that lead on towards y, ascending.
    nodes, edges = cg.cone(y)
    towards: dict[int, list[int]] = {v: [] for v in nodes}
    for e in sorted(edges):
        towards[cg.src[e]].append(e)
    dst, partial = cg.dst, cg.partial
    for x in inputs:
        if x == y or x not in towards:
            continue
        trail: list[int] = []
        pending = [iter(towards[x])]
        while pending:
            for e in pending[-1]:
                trail.append(e)
                if dst[e] != y:
                    pending.append(iter(towards[dst[e]]))
                    break
                product = partial[trail[0]]
                for on in trail[1:]:  # no prefix shared with any other path
                    product = product * partial[on]
                yield x, trail, product
                trail.pop()
            else:
                pending.pop()
                if trail:
                    trail.pop()

def takes_blocks(cg: CompiledGraph, counts: PathCounts | None) -> bool:
    """``"auto"``'s rule: blocks for float partials on over LISTED_PATH_EDGES path edges."""
    return cg.all_float and (counts or count_paths(cg)).path_edges > LISTED_PATH_EDGES

def path_engine(cg: CompiledGraph, *, backend: PathBackend = "auto",
                counts: PathCounts | None = None) -> EngineResult:
    """Each path's partials multiplied (L-1 mul for L edges, P-1 add for P paths), summed."""
    check_backend(backend, PATH_BACKENDS)
    if backend == "arrays" or (backend == "auto" and takes_blocks(cg, counts)):
        from ..backend import run

        return run(cg, "path")
    jacobian: dict[int, dict[int, Any]] = {}
    mul = add = 0
    for y in cg.outputs:
        row: dict[int, Any] = dict.fromkeys(cg.inputs, 0)
        last = None
        for x, trail, product in path_products(cg, y, cg.inputs):
            mul += len(trail) - 1
            if x == last:
                row[x] = row[x] + product  # the sum over paths accumulates here
                add += 1
            else:
                row[x], last = product, x
        jacobian[y] = row
    return EngineResult("path", jacobian, mul, add, enumerated=True)
