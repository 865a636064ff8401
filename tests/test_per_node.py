"""Per-node sweeps (DESIGN §8): the post's "forward from b" and "reverse from e" figures."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from oracles import GRAPHS, brute_force, cli_json, multigraph
from test_random_dags import FLOATS, FRACTIONS, dags

import pathsum
from pathsum.compiled import compile_graph
from pathsum.engines import forward_engine, reverse_engine

OLAH = str(GRAPHS / "olah.yaml")
EXPLOSION = str(GRAPHS / "path-explosion.yaml")


def test_olah_per_node_json_is_exactly_the_design():
    engines = cli_json(OLAH, "--per-node")["engines"]
    assert engines["forward"]["tangents"] == {
        "a": {"a": 1, "b": 0, "c": 1, "d": 0, "e": 2},
        "b": {"a": 0, "b": 1, "c": 1, "d": 1, "e": 5},
    }
    assert engines["reverse"]["adjoints"] == {"e": {"a": 2, "b": 5, "c": 2, "d": 3, "e": 1}}
    assert "tangents" not in engines["path"] and "adjoints" not in engines["forward"]


def test_without_per_node_the_record_has_no_sweeps():
    engines = cli_json(OLAH)["engines"]
    assert "tangents" not in engines["forward"] and "adjoints" not in engines["reverse"]


def test_path_explosion_by_hand():
    # d·/dX: Y gets α+β+γ = 6, Z gets (δ+ε+ζ)·6 = 90; dZ/d·: Y gets δ+ε+ζ = 15, X 6·15.
    engines = cli_json(EXPLOSION, "--per-node")["engines"]
    assert engines["forward"]["tangents"] == {"X": {"X": 1, "Y": 6, "Z": 90}}
    assert engines["reverse"]["adjoints"] == {"Z": {"X": 90, "Y": 15, "Z": 1}}


def test_unreached_nodes_are_zero_and_counts_do_not_change():
    # k is a constant and d a dead branch: the sweeps skip both (activity), so they show 0.
    graph = pathsum.load(str(GRAPHS / "activity.yaml"))
    plain = pathsum.analyze(graph)
    kept = pathsum.analyze(graph, per_node=True)
    for name in ("forward", "reverse"):
        a, b = plain.results[name], kept.results[name]
        assert (a.mul, a.add, a.sweeps) == (b.mul, b.add, b.sweeps)
    cg = kept.compiled
    for seed, row in {**kept.tangents(), **kept.adjoints()}.items():
        for node, value in row.items():
            if not cg.active[cg.names.index(node)] and node != seed:
                assert value == 0, (seed, node)


def _active(g: nx.MultiDiGraph, inputs: list[str], outputs: list[str]) -> set[str]:
    down = set().union(*({x} | nx.descendants(g, x) for x in inputs))
    up = set().union(*({y} | nx.ancestors(g, y) for y in outputs))
    return down & up


def check_against_brute_force(edges, inputs, outputs, exact: bool):
    graph = pathsum.from_edges(edges, inputs, outputs)
    result = pathsum.analyze(graph, ["path", "forward", "reverse"], per_node=True)
    oracle = brute_force(edges, inputs, outputs)["jacobian"]
    tangents, adjoints = result.tangents(), result.adjoints()

    def same(a, b):
        return a == b if exact else abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))

    for y in outputs:
        for x in inputs:
            assert same(tangents[x][y], oracle[y][x])  # the tangent of y: column x
            assert same(adjoints[y][x], oracle[y][x])  # the adjoint of x: row y
    # Every node the sweeps reach holds its own derivative (brute force, node as target).
    g = multigraph(edges, inputs)
    active = _active(g, inputs, outputs)
    nodes = list(g.nodes)
    for x in inputs:
        column = brute_force(edges, inputs, nodes)["jacobian"]
        for v in nodes:
            want = 1 if v == x else (column[v][x] if v in active else 0)
            assert same(tangents[x][v], want), (x, v)
    for y in outputs:
        row = brute_force(edges, nodes, [y])["jacobian"][y]
        for u in nodes:
            want = 1 if u == y else (row[u] if u in active else 0)
            assert same(adjoints[y][u], want), (y, u)


@given(dags(FRACTIONS))
def test_per_node_exact_against_brute_force(dag):
    check_against_brute_force(*dag, exact=True)


@given(dags(FLOATS))
def test_per_node_float_against_brute_force(dag):
    check_against_brute_force(*dag, exact=False)


@pytest.mark.parametrize("method", ["levels", "solve"])
@given(dag=dags(FLOATS))
def test_float_arrays_keep_the_same_per_node_values_as_the_loops(method, dag):
    cg = compile_graph(pathsum.from_edges(*dag))
    for engine in (forward_engine, reverse_engine):
        loop = engine(cg, backend="python", per_node=True)
        arrays = engine(cg, backend=method, per_node=True)
        assert (loop.mul, loop.add) == (arrays.mul, arrays.add)
        assert loop.per_node.keys() == arrays.per_node.keys()
        for seed, values in loop.per_node.items():
            # Whichever route the estimate picks, a float graph reports floats.
            assert {type(v) for v in values} == {type(v) for v in arrays.per_node[seed]} \
                == {float}
            for a, b in zip(values, arrays.per_node[seed], strict=True):
                assert abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
