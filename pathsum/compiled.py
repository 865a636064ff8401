"""The compiled form: integer ids in topological order with in- and out-edge lists.

Built once per graph; every engine reads only this. Edge ``e`` goes from ``src[e]`` to
``dst[e]`` and carries ``partial[e]``. Node ids follow the deterministic topological order,
so ``src[e] < dst[e]`` for every edge.

What every engine needs is built here, once, with numpy: the edge arrays, the in- and
out-edge lists, activity analysis and whether every partial is a float. An engine's own
plans are its setup (``EngineResult.setup_seconds``): each run of the analysis gives an
engine a :meth:`CompiledGraph.fresh` view, so no engine pays for, or profits from, what
another built before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any, TypedDict

from .gcpause import paused_gc
from .graph import Graph

if TYPE_CHECKING:
    import numpy as np

    from .engines.vector import FloatGraph

__all__ = ["CompiledGraph", "EdgeArrays", "EnginePlans", "compile_graph"]


@dataclass(eq=False)
class EdgeArrays:
    """The edges as numpy arrays, for the vectorised engines.

    Attributes
    ----------
    src, dst : ndarray of int64
        One entry per edge, as :attr:`CompiledGraph.src` and ``dst``.
    partial : ndarray of float64 or None
        The partials, when every one is a float.
    active : ndarray of bool
        Activity analysis (DESIGN §3), per node.
    in_order, in_ptr, out_order, out_ptr : ndarray of int64
        Edge ids grouped by target (by source), ascending within a group: node v's in-edges
        are ``in_order[in_ptr[v]:in_ptr[v + 1]]``.
    system : scipy.sparse.csc_array or None
        I - A over every edge (A[v, u] the partials of u -> v summed), the triangular
        system that a forward sweep from the only input, or a reverse sweep from the only
        output, solves. Built when the partials are floats, one side has a single seed
        and the graph has at least :data:`pathsum.arrays.SMALL_GRAPH` nodes and edges.
    """

    src: np.ndarray
    dst: np.ndarray
    partial: np.ndarray | None
    active: np.ndarray
    in_order: np.ndarray
    in_ptr: np.ndarray
    out_order: np.ndarray
    out_ptr: np.ndarray
    system: Any = None


class EnginePlans(TypedDict, total=False):
    """What the engines build for themselves on one view of a compiled graph, on first use
    (see :meth:`CompiledGraph.fresh`).

    Attributes
    ----------
    float_graphs : dict
        The sweeps' float arrays (:class:`pathsum.engines.vector.FloatGraph`), by the route
        forced on them (None: the route the estimate picks).
    edge_arrays : tuple of ndarray
        The chunked path engine's sources, targets and float64 partials.
    cone_ids : ndarray
        The chunked path engine's node-indexed scratch, to renumber one output's cone.
    towards : tuple
        ``(y, out_edges)``: the last output whose paths were listed, and the out-edges of
        each node of its cone that lead on towards it (:func:`pathsum.engines.path.iter_paths`).
    """

    float_graphs: dict[str | None, FloatGraph]
    edge_arrays: tuple[np.ndarray, np.ndarray, np.ndarray]
    cone_ids: np.ndarray
    towards: tuple[int, dict[int, list[int]]]


@dataclass(eq=False)
class CompiledGraph:
    """A graph as flat lists, ready for the engines.

    Attributes
    ----------
    names : list of str
        Node names; the index is the node id, in topological order.
    src, dst, partial : list
        One entry per edge.
    symbol : list of str or None
        The symbol each partial was named by (edge dialect), else None.
    in_edges, out_edges : list of list of int
        Edge ids into and out of each node, ascending. Edges are numbered as networkx lists
        them: by source node in file order, then in the order each source's edges were
        given; so ``[a, c], [b, c], [a, c]`` gives ``c`` the in-edges a, a, b.
    inputs, outputs : list of int
        Node ids, in the order the graph lists them.
    from_inputs, to_outputs, active : list of bool
        Per node: reachable from some input, reaching some output, and both (activity
        analysis, DESIGN §3). Computed when not given.
    all_float : bool
        Whether every partial is a Python float, so the vectorised float paths apply; exact
        and symbolic values (ints, ``Fraction``, ...) keep the generic loops.
    arrays : EdgeArrays
        The same edges as numpy arrays.
    """

    names: list[str]
    src: list[int]
    dst: list[int]
    partial: list[Any]
    symbol: list[str | None]
    in_edges: list[list[int]]
    out_edges: list[list[int]]
    inputs: list[int]
    outputs: list[int]
    from_inputs: list[bool] = None  # type: ignore[assignment]
    to_outputs: list[bool] = None  # type: ignore[assignment]
    active: list[bool] = None  # type: ignore[assignment]
    all_float: bool = None  # type: ignore[assignment]
    arrays: EdgeArrays = field(default=None, repr=False)  # type: ignore[assignment]
    #: Plans an engine builds for itself on this view (see :meth:`fresh`).
    cache: EnginePlans = field(default_factory=EnginePlans, repr=False)

    def __post_init__(self) -> None:
        if self.arrays is None or self.active is None or self.all_float is None:
            _complete(self)

    @property
    def n_nodes(self) -> int:
        return len(self.names)

    @property
    def n_edges(self) -> int:
        return len(self.src)

    def fresh(self) -> CompiledGraph:
        """A view of the same compiled graph with none of the plans engines built on it.

        Examples
        --------
        >>> from pathsum.graph import from_edges
        >>> cg = compile_graph(from_edges([("x", "y", 2.0)], ["x"]))
        >>> cg.cache["towards"] = (1, {0: [0], 1: []})
        >>> view = cg.fresh()
        >>> view.cache, view.arrays is cg.arrays
        ({}, True)
        """
        return replace(self, cache=EnginePlans())

    def cone(self, y: int) -> tuple[list[int], list[int]]:
        """The nodes and edges that lie on some input-to-``y`` path, walking up from ``y``.

        The walk costs as much as what it finds, never the whole graph: the path engine
        takes one cone per output, and a graph of 20,000 outputs was quadratic when each
        cost a pass over every node. Nodes come in the order found, ``y`` first; an edge
        ``u -> v`` is in the cone when ``v`` is and ``u`` is reached from an input.

        Examples
        --------
        >>> from pathsum.graph import from_edges
        >>> cg = compile_graph(from_edges([("x", "y", 1), ("c", "y", 1), ("x", "z", 1)], ["x"]))
        >>> cg.names, cg.cone(2)
        (['x', 'c', 'y', 'z'], ([2, 0], [0]))
        """
        from_inputs, src, in_edges = self.from_inputs, self.src, self.in_edges
        if not from_inputs[y]:
            return [y], []
        nodes, edges, seen, stack = [y], [], {y}, [y]
        while stack:
            for e in in_edges[stack.pop()]:
                u = src[e]
                if from_inputs[u]:
                    edges.append(e)
                    if u not in seen:
                        seen.add(u)
                        nodes.append(u)
                        stack.append(u)
        return nodes, edges

    def reaching(self, targets: Iterable[int]) -> list[bool]:
        """Whether each node has a path to one of ``targets`` (the targets included).

        Examples
        --------
        >>> from pathsum.graph import from_edges
        >>> cg = compile_graph(from_edges([("x", "y", 1), ("x", "z", 1)], ["x"]))
        >>> cg.reaching([1])
        [True, True, False]
        """
        reach = [False] * self.n_nodes
        last = -1
        for t in targets:
            reach[t] = True
            last = max(last, t)
        # Ids are in topological order: no node after the last target reaches one.
        for u in range(last - 1, -1, -1):
            if not reach[u]:
                reach[u] = any(reach[self.dst[e]] for e in self.out_edges[u])
        return reach


def _complete(cg: CompiledGraph) -> None:
    """Fill in the arrays, activity and the float check, with numpy."""
    import numpy as np

    from .arrays import SMALL_GRAPH, reached, row_pointers, unit_lower_system

    n = cg.n_nodes
    src = np.fromiter(cg.src, dtype=np.int64, count=len(cg.src))
    dst = np.fromiter(cg.dst, dtype=np.int64, count=len(cg.dst))
    if cg.all_float is None:
        cg.all_float = all(type(p) is float for p in cg.partial)
    partial = (np.fromiter(cg.partial, dtype=np.float64, count=len(cg.partial))
               if cg.all_float else None)
    from_inputs = reached(n, src, dst, cg.inputs)
    to_outputs = reached(n, dst, src, cg.outputs)
    active = from_inputs & to_outputs
    if cg.active is None:
        cg.from_inputs, cg.to_outputs = from_inputs.tolist(), to_outputs.tolist()
        cg.active = active.tolist()
    system = None
    # A small graph's sweeps take the loop (pathsum.engines.route): no system, no scipy.
    if (partial is not None and 1 in (len(cg.inputs), len(cg.outputs))
            and n + src.size >= SMALL_GRAPH):
        system = unit_lower_system(n, dst, src, partial)
    cg.arrays = EdgeArrays(src, dst, partial, active,
                           np.argsort(dst, kind="stable"), row_pointers(dst, n),
                           np.argsort(src, kind="stable"), row_pointers(src, n), system)


def _lists(order: np.ndarray, ptr: np.ndarray) -> list[list[int]]:
    flat = order.tolist()
    bounds = ptr.tolist()
    return [flat[a:b] for a, b in pairwise(bounds)]


@paused_gc()
def compile_graph(graph: Graph) -> CompiledGraph:
    """Compile a :class:`Graph` into flat integer lists in its topological order.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2.0), ("y", "z", 3.0)], inputs=["x"]))
    >>> cg.names, cg.src, cg.dst, cg.in_edges, cg.active
    (['x', 'y', 'z'], [0, 1], [1, 2], [[], [0], [1]], [True, True, True])
    """
    names = list(graph.order)
    ids = {name: i for i, name in enumerate(names)}
    lists = graph.edge_lists
    if lists is not None:
        src, dst, partial, symbol = _from_lists(graph, ids, lists)
    else:
        src, dst, partial, symbol = [], [], [], []
        for u, v, attrs in graph.network.edges(data=True):
            src.append(ids[u])
            dst.append(ids[v])
            partial.append(attrs["partial"])
            symbol.append(attrs.get("symbol"))
    return _assemble(names, src, dst, partial, symbol, [ids[x] for x in graph.inputs],
                     [ids[y] for y in graph.outputs])


def _from_lists(graph: Graph, ids: dict[str, int],
                lists: tuple[list[str], list[str], list[dict[str, Any]]]) -> tuple[list, ...]:
    """The edge columns from the loader's lists, numbered as networkx lists the edges.

    The loader added them in file order to a network whose nodes are in file order, so
    networkx lists them by source in node order, then by the first appearance of each
    (source, target) pair, then in file order: one stable sort on that key.
    """
    import numpy as np

    sources, targets, data = lists
    count, n = len(sources), graph.network.number_of_nodes()
    position = {name: i for i, name in enumerate(graph.network)}
    pu = np.fromiter(map(position.__getitem__, sources), dtype=np.int64, count=count)
    pv = np.fromiter(map(position.__getitem__, targets), dtype=np.int64, count=count)
    _, first, pair = np.unique(pu * n + pv, return_index=True, return_inverse=True)
    listing = np.argsort(pu * count + first[pair], kind="stable")
    topological = np.fromiter(map(ids.__getitem__, graph.network), dtype=np.int64, count=n)
    src = topological[pu][listing].tolist()
    dst = topological[pv][listing].tolist()
    listed = np.array(data, dtype=object)[listing]
    partial = [attrs["partial"] for attrs in listed]
    symbol = [attrs.get("symbol") for attrs in listed] if graph.symbols else [None] * count
    return src, dst, partial, symbol


def _assemble(names: list[str], src: list[int], dst: list[int], partial: list[Any],
              symbol: list[str | None], inputs: list[int], outputs: list[int],
              all_float: bool | None = None) -> CompiledGraph:
    cg = CompiledGraph(names, src, dst, partial, symbol, [], [], inputs, outputs,
                       all_float=all_float)
    arrays = cg.arrays
    cg.in_edges = _lists(arrays.in_order, arrays.in_ptr)
    cg.out_edges = _lists(arrays.out_order, arrays.out_ptr)
    return cg
