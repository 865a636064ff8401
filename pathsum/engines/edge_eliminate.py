"""Edge elimination (Naumann): the Jacobian by eliminating single edges, front or back.

Front-eliminating the edge i -> j multiplies its partial into every edge j -> k leaving j:
the product c(j,k)·c(i,j) is added into i -> k (one ``mul``, and one ``add`` when i -> k
exists; otherwise the product becomes it), and i -> j is removed. Back-eliminating i -> j
multiplies it into every edge h -> i entering i: c(i,j)·c(h,i) into h -> j. Front
elimination needs j to be an intermediate (it has out-edges), back elimination needs i to
be one (it has in-edges). An intermediate vertex left with no in-edges, or no out-edges,
is gone: its other edges lie on no input-output path and are dropped with no arithmetic.

The counts follow the rules of vertex elimination (DESIGN §3) on the same graph: the
active subgraph, parallel edges merged first (one ``add`` each), each used output given a
sink copy behind an edge with partial 1. Front-eliminating every in-edge of a vertex is
eliminating that vertex, at the same cost; so every vertex order is an edge order, and
mixing front and back eliminations of a vertex's edges between other eliminations can cost
less than every vertex order (Naumann, "Optimal accumulation of Jacobian matrices by
elimination methods on the dual computational graph", Math. Prog. 2004).

The heuristic of ``eliminate-edge``: while some edge elimination costs one ``mul`` and
creates no edge (its one product is added into an edge that exists, so the graph loses an
edge), make it, the earliest such edge in topological order first, front before back;
otherwise eliminate the vertex of lowest Markowitz degree |pred|·|succ| (ties to the
earlier vertex in topological order) by front-eliminating its in-edges.

An elimination is written ``front:i->j`` or ``back:i->j`` with node names; the sink copy of
an output ``y`` is ``y'``.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

from ..compiled import CompiledGraph
from .linear import Linearised
from .result import EngineResult

__all__ = ["Step", "back", "edge_engine", "eliminate_edge", "front", "greedy_steps",
           "step_names"]

#: One edge elimination: the edge i -> j and whether it is front-eliminated (else back).
Step = tuple[int, int, bool]


def front(lin: Linearised, i: int, j: int) -> None:
    """Front-eliminate i -> j: multiply it into every edge j -> k, then remove it.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> lin = Linearised(compile_graph(from_edges([("x", "a", 2), ("a", "y", 3),
    ...                                            ("x", "y", 5)], ["x"])))
    >>> front(lin, 0, 1)
    >>> lin.succ[0], lin.mul, lin.add, 1 in lin.pred
    ({2: 11}, 1, 1, False)
    """
    c_ji = lin.succ[i].pop(j)
    del lin.pred[j][i]
    out = lin.succ[i]
    for k, c_kj in lin.succ[j].items():
        _accumulate(lin, out, i, k, c_kj * c_ji)
    if not lin.pred[j]:
        _drop(lin, j)


def back(lin: Linearised, i: int, j: int) -> None:
    """Back-eliminate i -> j: multiply it into every edge h -> i, then remove it.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> lin = Linearised(compile_graph(from_edges([("x", "a", 2), ("a", "y", 3),
    ...                                            ("a", "z", 7)], ["x"])))
    >>> back(lin, 1, 2)
    >>> lin.succ[0], lin.succ[1], lin.mul, lin.add
    ({1: 2, 2: 6}, {3: 7}, 1, 0)
    """
    c_ji = lin.succ[i].pop(j)
    del lin.pred[j][i]
    for h, c_ih in lin.pred[i].items():
        _accumulate(lin, lin.succ[h], h, j, c_ji * c_ih)
    if not lin.succ[i]:
        _drop(lin, i)


def _accumulate(lin: Linearised, out: dict[int, Any], u: int, w: int, product: Any
                ) -> None:
    lin.mul += 1
    if w in out:
        out[w] = out[w] + product  # the sum over paths accumulates here
        lin.add += 1
    else:
        out[w] = product
    lin.pred[w][u] = out[w]


def _drop(lin: Linearised, v: int) -> None:
    """Remove v, on no input-output path any more, with its remaining edges."""
    for u in lin.pred.pop(v):
        del lin.succ[u][v]
    for w in lin.succ.pop(v):
        del lin.pred[w][v]


def eliminate_edge(lin: Linearised, step: Step) -> None:
    """Make one elimination: front or back, as ``step`` says.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> lin = Linearised(compile_graph(from_edges([("x", "a", 2), ("a", "y", 3)], ["x"])))
    >>> eliminate_edge(lin, (1, 2, False))
    >>> lin.pred[2], lin.mul
    ({0: 6}, 1)
    """
    (front if step[2] else back)(lin, step[0], step[1])


def greedy_steps(lin: Linearised) -> list[Step]:
    """Eliminate every intermediate of ``lin`` by the heuristic of ``eliminate-edge`` (see
    the module); return the eliminations made.

    Scores change only near an elimination, so two heaps keep the candidates (cheap
    reducing edges, and vertices by Markowitz degree) and an entry out of date is dropped
    when popped.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> g = from_edges([("x", "a", 2), ("a", "y", 3), ("x", "y", 5)], ["x"])
    >>> lin = Linearised(compile_graph(g))
    >>> greedy_steps(lin), lin.mul, lin.add
    ([(0, 1, True)], 1, 1)
    """
    position, inner = lin.position, set(lin.intermediates)
    cheap: list[tuple[float, float, bool, int, int]] = []
    degree: list[tuple[int, float, int]] = []

    def markowitz(v: int) -> int:
        return len(lin.pred[v]) * len(lin.succ[v])

    def reducing(i: int, j: int, is_front: bool) -> bool:
        # One product (one vertex beyond the edge), added into an edge that exists.
        if j not in lin.succ.get(i, ()):
            return False
        far, near = (lin.succ[j], lin.succ[i]) if is_front else (lin.pred[i], lin.pred[j])
        return len(far) == 1 and next(iter(far)) in near

    def examine(vertices: Iterable[int]) -> None:
        for v in vertices:
            if v not in lin.pred:
                continue
            for i, j in [(u, v) for u in lin.pred[v]] + [(v, w) for w in lin.succ[v]]:
                for is_front in (True, False):
                    if reducing(i, j, is_front):
                        heapq.heappush(cheap, (position[i], position[j], not is_front, i, j))
            if v in inner:
                heapq.heappush(degree, (markowitz(v), position[v], v))

    steps: list[Step] = []
    examine(lin.pred)
    while cheap or degree:
        if cheap:
            *_, back_flag, i, j = heapq.heappop(cheap)
            if not reducing(i, j, not back_flag):
                continue  # gone, or no longer cheap since it was pushed
            batch = [(i, j, not back_flag)]
        else:
            score, _, v = heapq.heappop(degree)
            if v not in lin.pred or score != markowitz(v):
                continue
            batch = [(u, v, True) for u in list(lin.pred[v])]
        for step in batch:
            i, j, is_front = step
            touched = {i, j, *(lin.succ[j] if is_front else lin.pred[i])}
            eliminate_edge(lin, step)
            steps.append(step)
            examine(touched)
    return steps


def step_names(lin: Linearised, cg: CompiledGraph, steps: Iterable[Step]) -> list[str]:
    """The eliminations as text: ``front:i->j`` or ``back:i->j``; an output's sink copy is
    its name with a prime.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2), ("y", "z", 3)], ["x"], ["y", "z"]))
    >>> step_names(Linearised(cg), cg, [(0, 1, True), (1, 3, False)])
    ['front:x->y', "back:y->y'"]
    """
    names = {copy: f"{cg.names[y]}'" for y, copy in lin.sink.items() if copy != y}
    names.update(enumerate(cg.names))
    return [f"{'front' if f else 'back'}:{names[i]}->{names[j]}" for i, j, f in steps]


def edge_engine(cg: CompiledGraph) -> EngineResult:
    """Accumulate the Jacobian by edge eliminations in the order of the heuristic
    (``eliminate-edge``).

    Returns
    -------
    EngineResult
        With ``order``, the eliminations made as :func:`step_names` writes them.

    Examples
    --------
    Front-eliminating x -> a forms one product, added into x -> y; a is then gone.

    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "a", 2), ("a", "y", 3), ("x", "y", 5)], ["x"]))
    >>> r = edge_engine(cg)
    >>> r.jacobian, r.mul, r.add, r.order
    ({2: {0: 11}}, 1, 1, ['front:x->a'])
    """
    lin = Linearised(cg)
    steps = greedy_steps(lin)
    return EngineResult("eliminate-edge", lin.jacobian(cg), lin.mul, lin.add,
                        setup_seconds=lin.setup_seconds, order=step_names(lin, cg, steps))
