"""The compiled form: integer ids in topological order with in- and out-edge lists.

Built once per graph; every engine reads only this. Edge ``e`` goes from ``src[e]`` to
``dst[e]`` and carries ``partial[e]``. Node ids follow the deterministic topological order,
so ``src[e] < dst[e]`` for every edge.

What every engine needs is built here, once: the in- and out-edge lists, activity analysis,
whether every partial is a float and, for a graph of at least :data:`SMALL_GRAPH` nodes and
edges, the edge arrays, with numpy. A smaller graph is compiled on plain lists and never
imports numpy: its engines take the loops, and numpy's import alone cost more CPU than the
whole analysis of such a graph (start-up, issue 10 item 16); an engine forced onto an array
route builds the arrays on its own view and pays for them. An engine's own plans are its
setup (``EngineResult.setup_seconds``): each run of the analysis gives an engine a
:meth:`CompiledGraph.fresh` view, so no engine pays for, or profits from, what another built
before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any, TypedDict

from . import arguments
from .gcpause import paused_gc
from .graph import Graph

if TYPE_CHECKING:
    import numpy as np

    from .engines.vector import FloatGraph

__all__ = ["SMALL_GRAPH", "CompiledGraph", "EdgeArrays", "EnginePlans", "compile_graph",
           "reached_by_search"]

#: Nodes plus edges below which a graph is compiled on lists and its engines take the loops,
#: without numpy or scipy: a sweep's loop (at most ~150 ns per node or edge) beats a sparse
#: solve (~250 µs a call), and importing numpy costs more than the whole analysis.
SMALL_GRAPH = 256


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
        and the graph has at least :data:`SMALL_GRAPH` nodes and edges.
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
        The same edges as numpy arrays: built by compile for a graph of at least
        :data:`SMALL_GRAPH` nodes and edges, else on first use by whoever asks for them.
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
    _arrays: EdgeArrays | None = field(default=None, repr=False)
    #: Plans an engine builds for itself on this view (see :meth:`fresh`).
    cache: EnginePlans = field(default_factory=EnginePlans, repr=False)

    def __post_init__(self) -> None:
        if self.active is None or self.all_float is None:
            _complete(self)

    @property
    def small(self) -> bool:
        """Whether the graph has fewer than :data:`SMALL_GRAPH` nodes and edges: compiled on
        lists, its engines never import numpy by default."""
        return self.n_nodes + self.n_edges < SMALL_GRAPH

    @property
    def arrays(self) -> EdgeArrays:
        """The edges as numpy arrays; a small graph's are built on first use, on this view."""
        if self._arrays is None:
            self._arrays = _edge_arrays(self)
        return self._arrays

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
        >>> view.cache, view.in_edges is cg.in_edges
        ({}, True)

        A small graph's arrays are built on first use, by the view that asks for them:

        >>> view.arrays is cg.arrays
        False
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
    """Fill in activity and the float check: on lists for a small graph, else with numpy
    along with the arrays."""
    if cg.all_float is None:
        cg.all_float = all(type(p) is float for p in cg.partial)
    if cg.small:
        n = cg.n_nodes
        cg.from_inputs = reached_by_search(n, cg.src, cg.dst, cg.inputs)
        cg.to_outputs = reached_by_search(n, cg.dst, cg.src, cg.outputs)
        cg.active = [a and b for a, b in zip(cg.from_inputs, cg.to_outputs, strict=True)]
    else:
        cg._arrays = _edge_arrays(cg)


def _edge_arrays(cg: CompiledGraph) -> EdgeArrays:
    """The edges as numpy arrays; a large graph's activity is found on them on the way."""
    import numpy as np

    from .arrays import reached, row_pointers, unit_lower_system

    n = cg.n_nodes
    src = np.fromiter(cg.src, dtype=np.int64, count=len(cg.src))
    dst = np.fromiter(cg.dst, dtype=np.int64, count=len(cg.dst))
    partial = (np.fromiter(cg.partial, dtype=np.float64, count=len(cg.partial))
               if cg.all_float else None)
    if cg.active is None:
        from_inputs = reached(n, src, dst, cg.inputs)
        to_outputs = reached(n, dst, src, cg.outputs)
        active = from_inputs & to_outputs
        cg.from_inputs, cg.to_outputs = from_inputs.tolist(), to_outputs.tolist()
        cg.active = active.tolist()
    else:
        active = np.array(cg.active, dtype=bool)
    system = None
    # A small graph's sweeps take the loop (pathsum.engines.route): no system, no scipy.
    if partial is not None and 1 in (len(cg.inputs), len(cg.outputs)) and not cg.small:
        system = unit_lower_system(n, dst, src, partial)
    return EdgeArrays(src, dst, partial, active,
                      np.argsort(dst, kind="stable"), row_pointers(dst, n),
                      np.argsort(src, kind="stable"), row_pointers(src, n), system)


def reached_by_search(n: int, tails: list[int], heads: list[int],
                      seeds: Iterable[int]) -> list[bool]:
    """Whether each of ``n`` nodes is reached from ``seeds`` along tail -> head edges (the
    seeds included), by a plain depth-first search: a small graph's activity analysis.

    Examples
    --------
    >>> reached_by_search(4, [0, 1], [1, 2], [1])
    [False, True, True, False]
    """
    following: list[list[int]] = [[] for _ in range(n)]
    for tail, head in zip(tails, heads, strict=True):
        following[tail].append(head)
    found = [False] * n
    stack = list(seeds)
    for seed in stack:
        found[seed] = True
    while stack:
        for head in following[stack.pop()]:
            if not found[head]:
                found[head] = True
                stack.append(head)
    return found


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
    arguments.instance(graph, Graph, "graph", "a Graph (from pathsum.load)")
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
    (source, target) pair, then in file order: one stable sort on that key (Python's on a
    small graph, numpy's on a large one).
    """
    sources, targets, data = lists
    count, n = len(sources), graph.network.number_of_nodes()
    position = {name: i for i, name in enumerate(graph.network)}
    if n + count < SMALL_GRAPH:
        first: dict[tuple[str, str], int] = {}
        key = [(position[u], first.setdefault((u, v), i))
               for i, (u, v) in enumerate(zip(sources, targets, strict=True))]
        listing = sorted(range(count), key=key.__getitem__)
        symbols = ([data[i].get("symbol") for i in listing] if graph.symbols
                   else [None] * count)
        return ([ids[sources[i]] for i in listing], [ids[targets[i]] for i in listing],
                [data[i]["partial"] for i in listing], symbols)
    import numpy as np

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
    if cg.small:
        cg.in_edges = [[] for _ in names]
        cg.out_edges = [[] for _ in names]
        for e, (u, v) in enumerate(zip(src, dst, strict=True)):
            cg.out_edges[u].append(e)
            cg.in_edges[v].append(e)
        return cg
    arrays = cg.arrays
    cg.in_edges = _lists(arrays.in_order, arrays.in_ptr)
    cg.out_edges = _lists(arrays.out_order, arrays.out_ptr)
    return cg
