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
from collections.abc import Iterable, Sequence

from ..compiled import CompiledGraph
from ..errors import UsageError
from .linear import Linearised
from .result import EngineResult

__all__ = ["Step", "back", "edge_engine", "eliminate_edge", "front", "given_edges",
           "greedy_steps", "is_edge_order", "replay", "step_names"]

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
    for k, c_kj in lin.succ[j].items():
        lin.accumulate(i, k, c_kj * c_ji)  # the sum over paths accumulates into i -> k
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
        lin.accumulate(h, j, c_ji * c_ih)  # the sum over paths accumulates into h -> j
    if not lin.succ[i]:
        _drop(lin, i)


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


def is_edge_order(names: Sequence[object]) -> bool:
    """Whether an order lists edge eliminations (``front:i->j``, ``back:i->j``) rather than
    vertices: no node name has a colon.

    Examples
    --------
    >>> is_edge_order(["front:x->a"]), is_edge_order(["a", "b"]), is_edge_order([])
    (True, False, False)
    """
    return any(isinstance(n, str) and n.startswith(("front:", "back:")) for n in names)


def replay(cg: CompiledGraph, names: Sequence[str], source: str | None = None) -> Linearised:
    """Make the eliminations ``names`` lists (as :func:`step_names` writes them) in turn.

    Raises
    ------
    UsageError
        Naming the item (and its line, if ``names.marks`` has it) that is not an
        elimination of an edge the graph has at that point, or the intermediates left.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "a", 2), ("a", "y", 3)], ["x"]))
    >>> replay(cg, ["back:a->y"]).pred[2]
    {0: 6}
    >>> replay(cg, ["front:a->y"])
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: item 1 of the order, 'front:a->y': y is not an intermediate, so a -> y cannot be front-eliminated
    """
    lin = Linearised(cg)
    ids = {name: v for v, name in enumerate(cg.names)}
    ids.update({f"{cg.names[y]}'": copy for y, copy in lin.sink.items() if copy != y})
    marks = getattr(names, "marks", None)
    for n, text in enumerate(names):
        kind, _, edge = str(text).partition(":")
        tail, _, head = edge.partition("->")
        i, j = ids.get(tail), ids.get(head)
        if kind not in ("front", "back") or i is None or j is None:
            why = "not an edge elimination (front:i->j or back:i->j) of this graph's nodes"
        elif j not in lin.succ.get(i, ()):
            why = f"no edge {tail} -> {head} is left to eliminate"
        elif not (lin.succ[j] if kind == "front" else lin.pred[i]):
            end, side = (head, "front") if kind == "front" else (tail, "back")
            why = f"{end} is not an intermediate, so {tail} -> {head} cannot be {side}-eliminated"
        else:
            eliminate_edge(lin, (i, j, kind == "front"))
            continue
        line, column = marks[n] if marks is not None else (None, None)
        raise UsageError(f"item {n + 1} of the order, {str(text)!r}: {why}", source=source,
                         line=line, column=column)
    left = [cg.names[v] for v in lin.intermediates if v in lin.pred]
    if left:
        raise UsageError(f"the order leaves {len(left)} intermediate(s) with edges to "
                         f"eliminate: {', '.join(left[:10])}", source=source)
    return lin


def given_edges(cg: CompiledGraph, names: Sequence[str]) -> EngineResult:
    """Replay an edge order (``eliminate-given`` with ``front:``/``back:`` items).

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "a", 2), ("a", "y", 3)], ["x"]))
    >>> r = given_edges(cg, ["back:a->y"])
    >>> r.jacobian, r.mul, r.order
    ({2: {0: 6}}, 1, ['back:a->y'])
    """
    lin = replay(cg, names)
    return EngineResult("eliminate-given", lin.jacobian(cg), lin.mul, lin.add,
                        setup_seconds=lin.setup_seconds, order=list(names))
