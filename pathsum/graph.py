"""The loaded graph: a ``networkx.MultiDiGraph`` with the partial on every edge."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from numbers import Real
from operator import lt
from typing import Any

import networkx as nx

from . import arguments
from .errors import CycleError, InputTypeError, NotFiniteError, UnknownNameError
from .roles import check_roles, spelled_once

__all__ = ["Graph", "add_edges", "assemble", "edge_data", "finite_partial", "from_edges",
           "topological_order"]


@dataclass
class Graph:
    """A computational graph ready for the engines.

    Attributes
    ----------
    name : str
        The graph's name (from the file, or the file name without extension).
    network : networkx.MultiDiGraph
        Nodes carry ``order`` (position in the file) and, for formulas, ``value`` and
        ``formula``; every edge carries ``partial`` and, for named partials, ``symbol``.
    inputs, outputs : list of str
        The nodes differentiated with respect to, and the nodes differentiated.
    order : list of str
        The deterministic topological order (DESIGN §6).
    values : dict or None
        Node values for the formula dialect; ``None`` for the edge dialect.
    symbols : dict or None
        Values of named partials for the edge dialect.
    description, source : str or None
        Free text from the file, and where the graph came from.
    arith : str
        The arithmetic of values and partials: ``float``, ``exact`` or ``symbolic``.
    """

    name: str
    network: nx.MultiDiGraph
    inputs: list[str]
    outputs: list[str]
    order: list[str]
    values: dict[str, float] | None = None
    symbols: dict[str, Any] | None = None
    description: str | None = None
    source: str | None = None
    arith: str = "float"
    #: The edges as the loader built them, in file order: sources, targets and the data
    #: dicts the network holds. Compile reads these instead of walking the network; set it
    #: to None after adding or removing edges.
    edge_lists: tuple[list[str], list[str], list[dict[str, Any]]] | None = field(
        default=None, repr=False, compare=False)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a fresh ``networkx.MultiDiGraph`` (see :func:`pathsum.exchange.to_networkx`).

        Examples
        --------
        >>> g = from_edges([("x", "y", 2.0)], inputs=["x"])
        >>> g.to_networkx().graph
        {'name': 'graph', 'inputs': ['x'], 'outputs': ['y']}
        """
        from .exchange import to_networkx  # exchange builds on this module

        return to_networkx(self)

    def to_yaml(self) -> str:
        """The graph as a graph file, in its own dialect (see :func:`pathsum.exchange.to_document`).

        Examples
        --------
        >>> print(from_edges([("x", "y", 2.0)], inputs=["x"]).to_yaml(), end="")
        name: graph
        inputs: [x]
        edges:
        - [x, y, 2.0]
        outputs: [y]
        """
        from .exchange import to_document
        from .yamlwrite import to_yaml

        return to_yaml(to_document(self))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """In a notebook: the drawing (SVG through Graphviz), or DOT text without it."""
        from .drawing import graph_bundle  # the drawing layer, imported only when shown

        return graph_bundle(self)

    def __repr__(self) -> str:
        return (
            f"<Graph {self.name!r}: {self.network.number_of_nodes()} nodes, "
            f"{self.network.number_of_edges()} edges, inputs {self.inputs}, outputs {self.outputs}>"
        )


def topological_order(network: nx.MultiDiGraph, *, source: str | None = None,
                      edges: tuple[list[Any], list[Any]] | None = None) -> list[str]:
    """Deterministic topological order: ties go to the node that comes first in the file.

    ``edges``, the network's edges as lists of sources and targets, makes the check that
    the file order already is one (then the answer) a pass over two lists.

    Raises
    ------
    CycleError
        Naming the cycle's nodes in order.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from([("b", {"order": 0}), ("a", {"order": 1}), ("c", {"order": 2})])
    >>> g.add_edges_from([("b", "c"), ("a", "c")])
    [0, 0]
    >>> topological_order(g)
    ['b', 'a', 'c']
    """
    order = nx.get_node_attributes(network, "order")
    if _in_file_order(network, order, edges):
        # Kahn's algorithm keyed by file position then takes the nodes in file order: the
        # first node left in the file is always ready, as its predecessors come before it.
        return sorted(network, key=order.__getitem__)
    try:
        return list(nx.lexicographical_topological_sort(network, key=order.__getitem__))
    except nx.NetworkXUnfeasible:
        cycle = [u for u, _v, *_ in nx.find_cycle(network)]
        first = min(cycle, key=order.__getitem__)
        start = cycle.index(first)
        cycle = cycle[start:] + cycle[:start]
        attrs = network.nodes[first]
        raise CycleError(cycle_text(cycle), source=source, line=attrs.get("line"),
                         column=attrs.get("column"), node=first) from None


#: A longer cycle is shown by its first and last few nodes and its length.
CYCLE_SHOWN = 5


def cycle_text(cycle: list[str]) -> str:
    """A cycle's nodes in order, back to the first; a long one cut in the middle.

    Examples
    --------
    >>> cycle_text(["a", "b"])
    'cycle: a -> b -> a'
    >>> cycle_text([f"v{i}" for i in range(100_000)])
    'cycle of 100,000 nodes: v0 -> v1 -> v2 -> v3 -> v4 -> ... -> v99996 -> v99997 -> v99998 -> v99999 -> v0'
    """
    if len(cycle) <= 2 * CYCLE_SHOWN + 1:
        return "cycle: " + " -> ".join([*cycle, cycle[0]])
    shown = [*cycle[:CYCLE_SHOWN], "...", *cycle[-CYCLE_SHOWN + 1:], cycle[0]]
    return f"cycle of {len(cycle):,} nodes: " + " -> ".join(shown)


def _in_file_order(network: nx.MultiDiGraph, order: Mapping[Any, int],
                   edges: tuple[list[Any], list[Any]] | None) -> bool:
    """Whether every edge goes from a node earlier in the file to a later one: one look at
    each pair of neighbours, or at each of ``edges`` (all the network's edges, as sources
    and targets) when given."""
    if len(order) != network.number_of_nodes():
        return False
    if edges is not None:
        rank = order.__getitem__
        return all(map(lt, map(rank, edges[0]), map(rank, edges[1])))
    for u, successors in network.adj.items():
        first = order[u]
        for v in successors:
            if order[v] <= first:
                return False
    return True


def add_edges(network: nx.MultiDiGraph, edges: list[tuple[Any, Any, dict[str, Any]]]) -> None:
    """``network.add_edges_from(edges)`` for nodes that all exist already, several times
    faster on a million edges.

    Each ``(u, v, attrs)`` gets the next free key of u -> v (0, 1, ...) and ``attrs``
    itself as its data, written straight into networkx's adjacency dicts as add_edge
    writes them. Checked once per process against ``add_edges_from`` on a small graph;
    a networkx that stores edges otherwise gets ``add_edges_from``.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_nodes_from("xy")
    >>> add_edges(g, [("x", "y", {"partial": 2.0}), ("x", "y", {"partial": 3.0})])
    >>> list(g.edges(keys=True, data=True))
    [('x', 'y', 0, {'partial': 2.0}), ('x', 'y', 1, {'partial': 3.0})]
    """
    if not _direct_edges_work():
        network.add_edges_from(edges)
        return
    _write_edges(network, edges)


def _write_edges(network: nx.MultiDiGraph, edges: list[tuple[Any, Any, dict[str, Any]]]) -> None:
    succ, pred = network._succ, network._pred
    new_keys = network.edge_key_dict_factory
    for u, v, attrs in edges:
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = new_keys()
        keys[len(keys)] = attrs
    nx._clear_cache(network)


@cache
def _direct_edges_work() -> bool:
    edges = [("a", "b", {"p": 1}), ("b", "c", {"p": 2}), ("a", "b", {"p": 3}),
             ("a", "c", {"p": 4})]
    try:
        direct, reference = nx.MultiDiGraph(), nx.MultiDiGraph()
        for g in (direct, reference):
            g.add_nodes_from("abc")
        _write_edges(direct, [(u, v, dict(d)) for u, v, d in edges])
        reference.add_edges_from(edges)
        listing = [list(g.edges(keys=True, data=True)) for g in (direct, reference)]
        backwards = [list(g.in_edges(keys=True, data=True)) for g in (direct, reference)]
        return (listing[0] == listing[1] and backwards[0] == backwards[1]
                and dict(direct.in_degree) == {"a": 0, "b": 2, "c": 2})
    except Exception:  # noqa: BLE001 - any change in networkx's internals: use its API
        return False


def from_edges(
    edges: Iterable[tuple[str, str, Any]],
    inputs: Iterable[str],
    outputs: Iterable[str] | None = None,
    *,
    name: str = "graph",
    symbols: Mapping[str, Any] | None = None,
    description: str | None = None,
) -> Graph:
    """Build a :class:`Graph` from ``(u, v, partial)`` triples, as the edge dialect does.

    A partial may be any value supporting ``+`` and ``*`` (floats, ``Fraction``, ...) or the
    name of a symbol in ``symbols``.

    Examples
    --------
    >>> from fractions import Fraction
    >>> g = from_edges([("x", "y", Fraction(1, 3)), ("y", "z", 3)], inputs=["x"])
    >>> g.outputs, g.order
    (['z'], ['x', 'y', 'z'])

    Raises
    ------
    GraphError
        Naming the node or edge at fault: a name that is not an identifier, two spellings
        of one name (``x`` and the fullwidth ``ｘ``), an unknown symbol, a cycle, ...
    InputTypeError
        For an argument of the wrong type (``inputs`` a str rather than a list, an edge that
        is not a triple).
    """
    inputs = arguments.names(inputs, "inputs")
    outputs = arguments.names(outputs, "outputs", optional=True)
    arguments.text(name, "name")
    symbols = arguments.mapping(symbols, "symbols", "a mapping of name: value") or {}
    arguments.text(description, "description", optional=True)
    edges = arguments.items(edges, "edges", "a list of (u, v, partial) triples")
    network = nx.MultiDiGraph()
    spelled: dict[str, str] = {}
    for node in inputs:
        spelled_once(node, "input", spelled)
        network.add_node(node, order=network.number_of_nodes())
    pending = []
    for edge in edges:
        if not isinstance(edge, tuple | list) or len(edge) != 3:
            raise arguments.wrong_type("each of edges", "a (u, v, partial) triple", edge)
        u, v, label = edge
        for node in (u, v):
            if node not in network:
                spelled_once(node, "node", spelled)
                network.add_node(node, order=network.number_of_nodes())
        pending.append((u, v, edge_data(label, symbols, (u, v))))
    network.add_edges_from(pending)
    return assemble(network, inputs, outputs, name=name, symbols=symbols, description=description)


def edge_data(label: Any, symbols: Mapping[str, Any], edge: tuple[str, str]) -> dict[str, Any]:
    """An edge's data from its label: a symbol's name (its value, and the name kept) or a
    partial, which must be finite if it is a real number.

    Raises
    ------
    UnknownNameError
        For a name that is not in ``symbols``.

    Examples
    --------
    >>> edge_data("s", {"s": 2.0}, ("x", "y")), edge_data(0.5, {}, ("x", "y"))
    ({'partial': 2.0, 'symbol': 's'}, {'partial': 0.5})
    """
    if isinstance(label, str):
        if label not in symbols:
            raise UnknownNameError(f"unknown symbol '{label}'", edge=edge)
        return {"partial": symbols[label], "symbol": label}
    if label is None or isinstance(label, bool | bytes | Iterable):
        raise InputTypeError("partial must be a number or the name of a symbol, not "
                             f"{arguments.shown(label)}", edge=edge)
    return {"partial": finite_partial(label, edge)}


def finite_partial(partial: Any, edge: tuple[str, str]) -> Any:
    """``partial`` itself, unless it is a real number that is infinite or NaN.

    Examples
    --------
    >>> finite_partial(float("nan"), ("x", "y"))
    Traceback (most recent call last):
    ...
    pathsum.errors.NotFiniteError: edge x -> y: partial is not finite (nan)
    """
    if isinstance(partial, Real) and not math.isfinite(partial):
        raise NotFiniteError(f"partial is not finite ({partial})", edge=edge)
    return partial


def assemble(
    network: nx.MultiDiGraph,
    inputs: list[str],
    outputs: Iterable[str] | None,
    *,
    name: str,
    values: dict[str, float] | None = None,
    symbols: dict[str, Any] | None = None,
    description: str | None = None,
    source: str | None = None,
    order: list[str] | None = None,
    arith: str = "float",
) -> Graph:
    """Order the nodes, pick default outputs and check the roles of a finished network."""
    if order is None:
        order = topological_order(network, source=source)
    if outputs is None:
        taken = set(inputs)
        outputs = [n for n in order if network.out_degree(n) == 0 and n not in taken]
        outputs.sort(key=lambda n: network.nodes[n]["order"])
    graph = Graph(name, network, list(inputs), list(outputs), order, values, symbols, description,
                  source, arith)
    check_roles(graph)
    return graph
