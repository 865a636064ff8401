"""Edge elimination (Naumann 2004): ``eliminate-edge``'s heuristic, and replaying
``front:i->j``/``back:i->j`` orders (an output's sink copy is ``y'``). docs/reference.md
gives the rules; front-eliminating a vertex's in-edges is eliminating it, at equal cost."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from ..compiled import CompiledGraph
from ..errors import UsageError
from .linear import Linearised
from .result import EngineResult

__all__ = ["Step", "edge_engine", "eliminate_edge", "given_edges", "greedy_steps",
           "is_edge_order", "replay", "step_names"]

#: One edge elimination: the edge i -> j and whether it is front-eliminated (else back).
Step = tuple[int, int, bool]

def eliminate_edge(lin: Linearised, step: Step) -> None:
    """Front-eliminate i -> j (c(j,k)·c(i,j) into i -> k for each j -> k) or back-eliminate
    it (c(i,j)·c(h,i) into h -> j for each h -> i); a vertex left on no path goes."""
    i, j, is_front = step
    c_ji = lin.succ[i].pop(j)
    del lin.pred[j][i]
    if is_front:
        for k, c_kj in lin.succ[j].items():
            lin.accumulate(i, k, c_kj * c_ji)  # the sum over paths accumulates into i -> k
    else:
        for h, c_ih in lin.pred[i].items():
            lin.accumulate(h, j, c_ji * c_ih)  # the sum over paths accumulates into h -> j
    v = j if is_front else i
    if not (lin.pred[v] if is_front else lin.succ[v]):  # on no input-output path any more
        for u in lin.pred.pop(v):
            del lin.succ[u][v]
        for w in lin.succ.pop(v):
            del lin.pred[w][v]

def greedy_steps(lin: Linearised) -> list[Step]:
    """Eliminate every intermediate by ``eliminate-edge``'s heuristic (docs/reference.md);
    the steps made. Two heaps, stale entries dropped when popped."""
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
    """The eliminations as text, ``front:i->j`` or ``back:i->j``; a sink copy is ``y'``."""
    names = {copy: f"{cg.names[y]}'" for y, copy in lin.sink.items() if copy != y}
    names.update(enumerate(cg.names))
    return [f"{'front' if f else 'back'}:{names[i]}->{names[j]}" for i, j, f in steps]

def edge_engine(cg: CompiledGraph) -> EngineResult:
    """``eliminate-edge``: the Jacobian by the heuristic's edge eliminations.
    """
    lin = Linearised(cg)
    steps = greedy_steps(lin)
    return lin.result(cg, "eliminate-edge", order=step_names(lin, cg, steps))

def is_edge_order(names: Sequence[object]) -> bool:
    """Whether an order lists edge eliminations (``front:``/``back:`` items), not nodes."""
    return any(isinstance(n, str) and n.startswith(("front:", "back:")) for n in names)

def replay(cg: CompiledGraph, names: Sequence[str], source: str | None = None) -> Linearised:
    """Make the eliminations ``names`` lists in turn, refusing (with its line from
    ``names.marks``) an item that is not an elimination of an edge left, or an order that
    leaves intermediates."""
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
    """``eliminate-given`` with ``front:``/``back:`` items."""
    return replay(cg, names).result(cg, "eliminate-given", order=list(names))
