"""Graphs to and from networkx, and back to a graph file (pathsum.graph)."""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import given
from oracles import GRAPHS, brute_force
from test_random_dags import FRACTIONS, dags

import pathsum
from pathsum.engines import CONDITIONAL, ENGINES
from pathsum.errors import CycleError, SchemaError, UnknownNameError, UsageError

FILES = sorted(GRAPHS.glob("*.yaml"))


def _edges(graph: pathsum.Graph) -> list:
    return sorted((u, v, data["partial"], data.get("symbol"))
                  for u, v, data in graph.network.edges(data=True))


def _same(a: pathsum.Graph, b: pathsum.Graph) -> None:
    assert (a.name, a.inputs, a.outputs, a.order) == (b.name, b.inputs, b.outputs, b.order)
    assert (a.values, a.symbols, a.description) == (b.values, b.symbols, b.description)
    assert _edges(a) == _edges(b)
    engines = [name for name in ENGINES if name not in CONDITIONAL]
    assert pathsum.analyze(a, engines).to_dict()["engines"].keys() == set(engines)
    ra, rb = pathsum.analyze(a, engines), pathsum.analyze(b, engines)
    for name in engines:
        assert ra.jacobian(name) == rb.jacobian(name), name
        assert (ra.results[name].mul, ra.results[name].add) == \
            (rb.results[name].mul, rb.results[name].add), name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_networkx_round_trip_of_every_graph_file(path):
    graph = pathsum.load(path)
    G = graph.to_networkx()
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_edges() == graph.network.number_of_edges()
    assert G.graph["inputs"] == graph.inputs and G.graph["outputs"] == graph.outputs
    back = pathsum.from_networkx(G)
    back.source = graph.source
    _same(graph, back)
    # the copy is the user's: changing it leaves the graph alone
    G.remove_node(graph.outputs[0])
    assert graph.outputs[0] in graph.network


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_yaml_round_trip_of_every_graph_file(path):
    graph = pathsum.load(path)
    text = graph.to_yaml()
    back = pathsum.loads(text)
    back.source = graph.source
    assert (back.values is None) == (graph.values is None)  # the same dialect
    _same(graph, back)
    assert back.to_yaml() == text


def test_formula_graph_keeps_formulas_and_values_through_networkx():
    graph = pathsum.load(GRAPHS / "olah.yaml", overrides={"a": 3.0})
    G = graph.to_networkx()
    assert dict(G.nodes(data="formula"))["e"] == "c * d"
    assert dict(G.nodes(data="value")) == {"a": 3.0, "b": 1.0, "c": 4.0, "d": 2.0, "e": 8.0}
    back = pathsum.from_networkx(G)
    assert back.values == graph.values is not None  # formulas, with their values
    assert pathsum.loads(back.to_yaml()).values["e"] == 8.0


@given(dags(FRACTIONS))
def test_random_dags_from_networkx_match_brute_force(dag):
    """A plain networkx graph with exact partials, built as a user would."""
    edges, inputs, outputs = dag
    G = nx.MultiDiGraph()
    G.add_nodes_from(inputs)
    for u, v, p in edges:
        G.add_edge(u, v, weight=p)
    graph = pathsum.from_networkx(G, inputs=inputs, outputs=outputs, partial="weight")
    engines = [name for name in ENGINES if name not in CONDITIONAL]
    result = pathsum.analyze(graph, engines)
    oracle = brute_force(edges, inputs, outputs)
    for name in engines:
        assert result.jacobian(name) == oracle["jacobian"], name
    _same(graph, pathsum.from_networkx(graph.to_networkx()))


def test_digraph_order_and_default_outputs():
    G = nx.DiGraph()
    G.add_nodes_from(["x", "b", "a"])
    G.add_edge("x", "a", partial=Fraction(1, 3))
    G.add_edge("x", "b", partial=2)
    graph = pathsum.from_networkx(G, inputs=["x"])
    assert graph.order == ["x", "b", "a"]  # ties follow G's node order
    assert graph.outputs == ["b", "a"]
    assert pathsum.analyze(graph).jacobian("reverse") == {"b": {"x": 2}, "a": {"x": Fraction(1, 3)}}


def test_symbols_by_name():
    G = nx.MultiDiGraph()
    G.add_edge("X", "Y", partial="α")
    G.add_edge("X", "Y", partial="β")
    graph = pathsum.from_networkx(G, inputs=["X"], symbols={"α": 1, "β": 2})
    assert pathsum.analyze(graph).jacobian("path") == {"Y": {"X": 3}}
    assert "- [X, Y, α]" in graph.to_yaml()


@pytest.mark.parametrize(("build", "error", "message"), [
    (lambda G: G.add_edge("x", "y"), SchemaError, "edge x -> y: edge has no 'partial' attribute"),
    (lambda G: G.add_edge(0, "y", partial=1.0), SchemaError,
     "node name 0 must be an identifier, not int"),
    (lambda G: G.add_edge("x", "y", partial="s"), UnknownNameError,
     "edge x -> y: unknown symbol 's'"),
    (lambda G: G.add_edge("x", "y", partial=float("inf")), pathsum.NotFiniteError,
     "edge x -> y: partial is not finite (inf)"),
    (lambda G: G.add_edges_from([("x", "y"), ("y", "z"), ("z", "y")], partial=1.0), CycleError,
     "node 'y': cycle: y -> z -> y"),
    (lambda G: G.add_edge("y", "x", partial=1.0), SchemaError,
     "node 'x': an input must have no incoming edges (it has one from 'y')"),
])
def test_bad_graphs_are_named_in_one_line(build, error, message):
    G = nx.DiGraph()
    G.add_node("x")
    build(G)
    with pytest.raises(error) as caught:
        pathsum.from_networkx(G, inputs=["x"])
    assert str(caught.value) == message


def test_usage_errors():
    with pytest.raises(UsageError, match="needs a directed graph"):
        pathsum.from_networkx(nx.Graph([("x", "y")]), inputs=["x"])
    with pytest.raises(UsageError, match=r"give inputs=\[...\]"):
        pathsum.from_networkx(nx.DiGraph([("x", "y")]))
    with pytest.raises(UnknownNameError, match="node 'q': input is not a node of the graph"):
        pathsum.from_networkx(nx.DiGraph([("x", "y")]), inputs=["q"])
