"""The one-time warm-up of a process, done before any engine's clock starts (DESIGN §8).

The first call of an engine in a process pays for things no later call does: importing
the modules its route needs (numpy's arrays, scipy's solves), the solve's self-check
(:mod:`pathsum.engines.superlu`), and the interpreter's first run of each function (the
specialising interpreter rewrites it on its first calls). On olah the first of two sweep
engines took about 0.08 ms, the second 0.03 ms, whichever ran first (issue 16).

:func:`warm_up` runs each engine once, untimed, on a small stand-in graph of the same
kind (one under :data:`~pathsum.compiled.SMALL_GRAPH`, whose sweeps take the loops, or
one over it, whose sweeps take the arrays), so that ``seconds`` and ``setup_seconds``
measure the engine on the graph and nothing else, in any order of engines.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..compiled import SMALL_GRAPH, CompiledGraph, compile_graph
from ..errors import PathsumError
from ..graph import from_edges

__all__ = ["warm_up"]

#: The (engine, kind of stand-in) pairs this process has run.
_WARMED: set[tuple[str, tuple[bool, bool, bool]]] = set()


def _stand_in(floats: bool, large: bool, many_paths: bool) -> CompiledGraph:
    """A graph of the kind that takes the same routes as the one analysed: float partials
    or exact ones (the generic loops); past SMALL_GRAPH (the sweeps' arrays) or not; with
    more path edges than the path engine lists without numpy, or not."""
    one = 1.0 if floats else 1
    edges = [("x", "y", 2 * one), ("x", "y", 3 * one), ("w", "y", one / 2), ("y", "z", 5 * one),
             ("x", "z", one)]
    if many_paths:  # 12 stages of 2 parallel edges: 2**12 paths of 13 edges, past 2**15
        edges += [(f"d{i}", f"d{i + 1}", one * k) for i in range(12) for k in (1, -1)]
        edges.append(("x", "d0", one))
    if large:  # a chain past SMALL_GRAPH, one path long
        edges += [(f"z{i}" if i else "z", f"z{i + 1}", one / 2) for i in range(SMALL_GRAPH)]
    return compile_graph(from_edges(edges, ["x", "w"]))


def warm_up(cg: CompiledGraph, names: Iterable[str], path_edges: int) -> None:
    """Run each engine of ``names`` once, untimed, on a stand-in of ``cg``'s kind (its
    arithmetic, its size class, and whether its ``path_edges`` are more than the path
    engine lists without numpy), unless this process already has; an engine that takes an
    order (``eliminate-given``), or that the stand-in does not suit, is passed over.

    Examples
    --------
    >>> olah = compile_graph(from_edges([("a", "c", 1.0), ("c", "e", 2.0)], ["a"]))
    >>> warm_up(olah, ["forward", "reverse"], path_edges=2)
    >>> ("forward", (True, False, False)) in _WARMED
    True
    """
    from . import EngineOptions, prepare  # the registry, which imports this module's siblings
    from .path import LISTED_PATH_EDGES

    kind = (cg.all_float, not cg.small, path_edges > LISTED_PATH_EDGES)
    # An engine that takes an order is passed over: an order names the analysed graph's nodes.
    cold = [name for name in dict.fromkeys(names)
            if (name, kind) not in _WARMED and "order" not in EngineOptions().arguments(name)]
    if not cold:
        return
    stand_in = _stand_in(*kind)  # one for all: each engine runs on a fresh view of it
    for name in cold:
        _WARMED.add((name, kind))
        try:
            prepare(name, stand_in, EngineOptions(budget=0.0))(stand_in.fresh())
        except PathsumError:
            continue
