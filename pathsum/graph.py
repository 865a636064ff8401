"""The loaded graph: a ``networkx.MultiDiGraph`` with the partial on every edge; networkx both
ways, and the document its file would hold."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from numbers import Real
from operator import lt
from typing import Any

import networkx as nx

from . import arguments
from .errors import (
    CycleError,
    InputTypeError,
    NotFiniteError,
    SchemaError,
    UnknownNameError,
    UsageError,
)
from .roles import check_roles, spelled_once

__all__ = ["Graph", "add_edges", "assemble", "edge_data", "finite_partial", "from_edges",
           "from_networkx", "to_document", "to_networkx", "topological_order"]

@dataclass
class Graph:
    """A computational graph ready for the engines: ``network``'s nodes carry ``order``
    (position in the file) and, for formulas, ``value`` and ``formula``; its edges carry
    ``partial`` and, when named, ``symbol``. ``order`` is the deterministic topological
    order (DESIGN §6); ``values`` and ``symbols`` belong to the formula and edge dialects;
    ``arith`` is ``float``, ``exact`` or ``symbolic``.

    Examples
    --------
    >>> print(from_edges([("x", "y", 2.0)], inputs=["x"]).to_yaml(), end="")
    name: graph
    inputs: [x]
    edges:
    - [x, y, 2.0]
    outputs: [y]
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
    #: The loader's edges in file order (sources, targets, data dicts), read by compile
    #: instead of the network; None once edges are added or removed.
    edge_lists: tuple[list[str], list[str], list[dict[str, Any]]] | None = field(
        default=None, repr=False, compare=False)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a fresh ``networkx.MultiDiGraph`` (:func:`to_networkx`)."""
        return to_networkx(self)

    def to_yaml(self) -> str:
        """The graph as a graph file in its own dialect (:func:`to_document`)."""
        from .yamlwrite import to_yaml

        return to_yaml(to_document(self))

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        from .drawing import graph_bundle  # a notebook's drawing, imported only when shown

        return graph_bundle(self)

    def __repr__(self) -> str:
        return (
            f"<Graph {self.name!r}: {self.network.number_of_nodes()} nodes, "
            f"{self.network.number_of_edges()} edges, inputs {self.inputs}, outputs {self.outputs}>"
        )

def topological_order(network: nx.MultiDiGraph, *, source: str | None = None,
                      edges: tuple[list[Any], list[Any]] | None = None) -> list[str]:
    """Topological order, ties to the node first in the file (``edges``: its lists); CycleError."""
    order = nx.get_node_attributes(network, "order")
    if _in_file_order(network, order, edges):
        # Kahn's algorithm keyed by file position takes them in file order, then
        return sorted(network, key=order.__getitem__)
    try:
        return list(nx.lexicographical_topological_sort(network, key=order.__getitem__))
    except nx.NetworkXUnfeasible:
        cycle = [u for u, _v, *_ in nx.find_cycle(network)]
        start = cycle.index(min(cycle, key=order.__getitem__))
        cycle = cycle[start:] + cycle[:start]
        attrs = network.nodes[cycle[0]]
        if len(cycle) <= 11:
            text = "cycle: " + " -> ".join([*cycle, cycle[0]])
        else:  # its first and last few nodes
            text = f"cycle of {len(cycle):,} nodes: " + " -> ".join(
                [*cycle[:5], "...", *cycle[-4:], cycle[0]])
        raise CycleError(text, source=source, line=attrs.get("line"),
                         column=attrs.get("column"), node=cycle[0]) from None

def _in_file_order(network: nx.MultiDiGraph, order: Mapping[Any, int],
                   edges: tuple[list[Any], list[Any]] | None) -> bool:
    """Whether every edge goes from a node earlier in the file to a later one."""
    if len(order) != network.number_of_nodes():
        return False
    if edges is not None:
        rank = order.__getitem__
        return all(map(lt, map(rank, edges[0]), map(rank, edges[1])))
    return all(order[u] < order[v] for u, successors in network.adj.items() for v in successors)

def add_edges(network: nx.MultiDiGraph, edges: list[tuple[Any, Any, dict[str, Any]]]) -> None:
    """``network.add_edges_from(edges)``, 1.7x faster written into networkx's dicts when safe."""
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
        seen = [(list(g.edges(keys=True, data=True)), list(g.in_edges(keys=True, data=True)))
                for g in (direct, reference)]
        return seen[0] == seen[1] and dict(direct.in_degree) == {"a": 0, "b": 2, "c": 2}
    except Exception:  # noqa: BLE001 - any change in networkx's internals: use its API
        return False

def from_edges(edges: Iterable[tuple[str, str, Any]], inputs: Iterable[str],
               outputs: Iterable[str] | None = None, *, name: str = "graph",
               symbols: Mapping[str, Any] | None = None, description: str | None = None) -> Graph:
    """Build a :class:`Graph` from ``(u, v, partial)`` triples, as the edge dialect does.

    A partial is a value with ``+`` and ``*`` (a float, a ``Fraction``) or a symbol's name.
    Raises :class:`GraphError` naming the node or edge at fault.

    Examples
    --------
    >>> from fractions import Fraction
    >>> g = from_edges([("x", "y", Fraction(1, 3)), ("y", "z", 3)], inputs=["x"])
    >>> g.outputs, g.order
    (['z'], ['x', 'y', 'z'])
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
    """An edge's data from its label: a symbol's name (its value, the name kept) or a partial."""
    if isinstance(label, str):
        if label not in symbols:
            raise UnknownNameError(f"unknown symbol '{label}'", edge=edge)
        return {"partial": symbols[label], "symbol": label}
    if label is None or isinstance(label, bool | bytes | Iterable):
        raise InputTypeError("partial must be a number or the name of a symbol, not "
                             f"{arguments.shown(label)}", edge=edge)
    return {"partial": finite_partial(label, edge)}

def finite_partial(partial: Any, edge: tuple[str, str]) -> Any:
    """``partial`` itself, unless it is a real number that is infinite or NaN."""
    if isinstance(partial, Real) and not math.isfinite(partial):
        raise NotFiniteError(f"partial is not finite ({partial})", edge=edge)
    return partial

def assemble(network: nx.MultiDiGraph, inputs: Iterable[str], outputs: Iterable[str] | None, *,
             name: str, values: dict[str, float] | None = None,
             symbols: dict[str, Any] | None = None, description: str | None = None,
             source: str | None = None, order: list[str] | None = None,
             arith: str = "float") -> Graph:
    """Order the nodes, pick default outputs and check the roles of a finished network."""
    inputs = list(inputs)
    if order is None:
        order = topological_order(network, source=source)
    if outputs is None:
        taken = set(inputs)
        outputs = sorted((n for n in order if network.out_degree(n) == 0 and n not in taken),
                         key=lambda n: network.nodes[n]["order"])
    graph = Graph(name, network, inputs, list(outputs), order, values, symbols, description,
                  source, arith)
    check_roles(graph)
    return graph

def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The graph as a fresh ``networkx.MultiDiGraph``, which :func:`from_networkx` takes back:
    edges carry ``partial`` (and ``symbol``), formula nodes ``value`` and ``formula``, and
    ``G.graph`` the name, inputs, outputs (and symbols, description).

    Examples
    --------
    >>> from pathsum import from_edges
    >>> G = to_networkx(from_edges([("x", "y", 2.0), ("y", "z", 3.0)], inputs=["x"]))
    >>> list(G.edges(data="partial")), G.graph["outputs"]
    ([('x', 'y', 2.0), ('y', 'z', 3.0)], ['z'])
    """
    arguments.instance(graph, Graph, "graph", "a Graph (from pathsum.load)")
    extra = {"symbols": dict(graph.symbols) if graph.symbols else None,
             "description": graph.description}
    out = nx.MultiDiGraph(name=graph.name, inputs=list(graph.inputs), outputs=list(graph.outputs),
                          **{key: value for key, value in extra.items() if value is not None})
    network = graph.network
    for node in sorted(network, key=lambda n: network.nodes[n]["order"]):
        out.add_node(node, **_formula_of(network.nodes[node]))
    out.add_edges_from(
        (u, v, {k: data[k] for k in ("partial", "symbol") if k in data})
        for u, v, data in network.edges(data=True)
    )
    return out

def from_networkx(G: nx.DiGraph, inputs: Iterable[str] | None = None,
                  outputs: Iterable[str] | None = None, partial: str = "partial", *,
                  name: str | None = None, symbols: Mapping[str, Any] | None = None) -> Graph:
    """A :class:`Graph` from a directed networkx graph with the partial on every edge.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.MultiDiGraph
        Nodes are names; ties in the topological order go to the node ``G`` lists first.
        Parallel edges of a multigraph are distinct paths.
    inputs, outputs, name, symbols : optional
        Default to ``G.graph``'s (as :meth:`Graph.to_networkx` leaves them); outputs
        default further to the sinks, the name to ``"graph"``.
    partial : str
        The edge attribute holding the partial: a number, or the name of a symbol.

    Raises
    ------
    GraphError
        Naming the node or edge at fault (a bad name, a missing partial, a cycle, ...).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("x", "y", d=2.0)
    >>> G.add_edge("y", "z", d=3.0)
    >>> g = from_networkx(G, inputs=["x"], partial="d")
    >>> g.outputs, g.network["y"]["z"][0]["partial"]
    (['z'], 3.0)
    """
    arguments.instance(G, nx.Graph, "G", "a networkx DiGraph or MultiDiGraph")
    if not G.is_directed():
        raise UsageError("from_networkx needs a directed graph (networkx.DiGraph or "
                         "MultiDiGraph)")
    inputs = _given(inputs, G, "inputs", arguments.names)
    if inputs is None:
        raise UsageError("from_networkx: give inputs=[...] (the graph has no "
                         "G.graph['inputs'])")
    outputs = _given(outputs, G, "outputs", arguments.names)
    symbols = _given(symbols, G, "symbols", arguments.mapping, "a mapping of name: value") or {}
    arguments.text(partial, "partial")
    name = _given(name or None, G, "name", arguments.text) or "graph"
    network = nx.MultiDiGraph()
    spelled: dict[str, str] = {}
    for node in G:
        spelled_once(node, "node", spelled)
        network.add_node(node, order=network.number_of_nodes(), **_formula_of(G.nodes[node]))
    for node in inputs:
        if node not in network:
            raise UnknownNameError("input is not a node of the graph", node=node)
    edges = []
    for u, v, data in G.edges(data=True):
        if partial not in data:
            raise SchemaError(f"edge has no '{partial}' attribute", edge=(u, v))
        attrs = edge_data(data[partial], symbols, (u, v))
        symbol = data.get("symbol")
        if "symbol" not in attrs and isinstance(symbol, str) and symbol in symbols:
            attrs["symbol"] = symbol  # a graph that to_networkx gave out keeps its symbols
        edges.append((u, v, attrs))
    network.add_edges_from(edges)
    values: dict[str, float] | None = dict(network.nodes(data="value"))
    if not values or None in values.values():
        values = None  # unless every node has one: a formula graph given back
    return assemble(network, inputs, outputs, name=name,
                    values=values, symbols=None if values is not None else symbols,
                    description=G.graph.get("description"))

def _given(value: Any, G: nx.DiGraph, key: str, check: Callable[..., Any], *expected: str) -> Any:
    """An argument of :func:`from_networkx`, else ``G.graph``'s, checked under its name."""
    if value is not None:
        return check(value, key, *expected, optional=True)
    return check(G.graph.get(key), f"G.graph[{key!r}]", *expected, optional=True)

def _formula_of(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {k: attrs[k] for k in ("value", "formula") if k in attrs}

def to_document(graph: Graph) -> dict[str, Any]:
    """The mapping the graph's file would hold: formulas and values, or partials and symbols."""
    arguments.instance(graph, Graph, "graph", "a Graph (from pathsum.load)")
    network = graph.network
    document: dict[str, Any] = {"name": graph.name}
    if graph.description is not None:
        document["description"] = graph.description
    ordered = sorted(network, key=lambda n: network.nodes[n]["order"])
    taken = set(graph.inputs)
    if graph.values is not None and all("formula" in network.nodes[n] for n in ordered
                                        if n not in taken):
        document["inputs"] = {x: graph.values[x] for x in graph.inputs}
        document["nodes"] = {n: network.nodes[n]["formula"] for n in ordered if n not in taken}
    else:
        document["inputs"] = list(graph.inputs)
        edges = list(network.edges(data=True))
        if all("line" in data for _u, _v, data in edges):
            # in file order, so that the nodes are first met, and ordered, as they were
            edges.sort(key=lambda edge: edge[2]["line"])
        document["edges"] = [[u, v, data.get("symbol", data["partial"])] for u, v, data in edges]
        if graph.symbols:
            document["symbols"] = dict(graph.symbols)
    document["outputs"] = list(graph.outputs)
    return document
