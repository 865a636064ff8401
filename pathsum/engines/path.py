"""The path engine: the sum over paths written out, one term per path (DESIGN §3)."""

from __future__ import annotations

from collections.abc import Iterator

from ..compiled import CompiledGraph
from .result import EngineResult

__all__ = ["path_engine", "iter_paths", "reaching"]


def reaching(cg: CompiledGraph, y: int) -> list[bool]:
    """Which nodes have a path to node ``y`` (``y`` included)."""
    reach = [False] * cg.n_nodes
    reach[y] = True
    for u in range(y - 1, -1, -1):
        reach[u] = any(reach[cg.dst[e]] for e in cg.out_edges[u])
    return reach


def iter_paths(cg: CompiledGraph, x: int, y: int, reach: list[bool] | None = None) -> Iterator[list[int]]:
    """Yield every path from ``x`` to ``y`` as a list of edge ids, depth first, without recursion.

    The yielded list is reused between paths: copy it to keep it.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> cg = compile_graph(from_edges([("x", "y", 1), ("x", "y", 2), ("y", "z", 3)], ["x"]))
    >>> [list(p) for p in iter_paths(cg, 0, 2)]
    [[0, 2], [1, 2]]
    """
    if reach is None:
        reach = reaching(cg, y)
    if x == y or not reach[x]:
        return
    trail: list[int] = []
    pending = [iter(cg.out_edges[x])]
    while pending:
        for e in pending[-1]:
            v = cg.dst[e]
            if not reach[v]:
                continue
            trail.append(e)
            if v == y:
                yield trail
                trail.pop()
                continue
            pending.append(iter(cg.out_edges[v]))
            break
        else:
            pending.pop()
            if trail:
                trail.pop()


def path_engine(cg: CompiledGraph) -> EngineResult:
    """Enumerate every input-to-output path and multiply its partials on their own.

    A path of L edges costs L-1 ``mul``; P paths into one derivative cost P-1 ``add``.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from pathsum.compiled import compile_graph
    >>> g = from_edges([("x", "y", 2), ("x", "y", 3), ("y", "z", 5)], ["x"])
    >>> r = path_engine(compile_graph(g))
    >>> r.jacobian, r.mul, r.add
    ({2: {0: 25}}, 2, 1)
    """
    partial = cg.partial
    jacobian: dict[int, dict[int, object]] = {}
    mul = add = 0
    for y in cg.outputs:
        reach = reaching(cg, y)
        row = jacobian[y] = {}
        for x in cg.inputs:
            total = None
            for trail in iter_paths(cg, x, y, reach):
                product = partial[trail[0]]
                for e in trail[1:]:  # no prefix shared with any other path
                    product = product * partial[e]
                mul += len(trail) - 1
                if total is None:
                    total = product
                else:
                    total = total + product  # the sum over paths accumulates here
                    add += 1
            row[x] = 0 if total is None else total
    return EngineResult("path", jacobian, mul, add, enumerated=True)
