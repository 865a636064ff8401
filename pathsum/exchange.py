"""Graphs to and from networkx, and a graph back to the document its file would hold."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

from . import arguments
from .errors import SchemaError, UnknownNameError, UsageError
from .graph import Graph, assemble, edge_data
from .roles import spelled_once

__all__ = ["from_networkx", "to_document", "to_networkx"]

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
