"""eliminate-chain: the matrix-chain bracketing of a layered graph's layer Jacobians."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, run_cli
from test_eliminate import LIGHTHOUSE

import pathsum
from pathsum import compile_graph, from_edges, loads
from pathsum.engines import EngineOptions
from pathsum.engines.chain import MAX_LAYERS, chain_bracketing, chain_engine, layers
from pathsum.errors import UsageError


def brute_force_cost(dims: list[int]) -> int:
    """The least cost over every bracketing of the chain, enumerated bottom-up over every
    split of every sub-chain (no dynamic-programme table shared with the engine)."""
    n = len(dims) - 1
    best: dict[tuple[int, int], int] = {(i, i): 0 for i in range(n)}
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            best[i, j] = min(best[i, k] + best[k + 1, j] + dims[i] * dims[k + 1] * dims[j + 1]
                             for k in range(i, j))
    return best[0, n - 1] if n else 0


def all_bracketings(n: int) -> list[str]:
    """Every full bracketing of n matrices, as strings: Catalan(n-1) of them."""
    if n == 1:
        return ["A"]
    return [f"({a}{b})" for k in range(1, n) for a in all_bracketings(k)
            for b in all_bracketings(n - k)]


def bracket_cost(text: str, dims: list[int]) -> int:
    """Cost of one bracketing written as a string, evaluated with a stack."""
    stack: list = []
    i = 0
    for ch in text:
        if ch == "A":
            stack.append((dims[i], dims[i + 1], 0))
            i += 1
        elif ch == ")":
            (_, q, c2), (p1, q1, c1) = stack.pop(), stack.pop()
            stack.append((p1, q, c1 + c2 + p1 * q1 * q))
    return stack[0][2]


def mlp_analysis(widths, engines):
    return pathsum.analyze(pathsum.mlp(widths, seed=1), engines)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=2, max_size=6))
def test_chain_engine_is_the_least_over_every_bracketing(widths):
    dims = widths[::-1]
    every = {bracket_cost(b, dims) for b in all_bracketings(len(dims) - 1)}
    assert chain_bracketing(dims)[0] == min(every) == brute_force_cost(dims)
    result = mlp_analysis(widths, ["reverse", "eliminate-chain"])
    chain = result.results["eliminate-chain"]
    assert chain.mul == min(every)  # counted while multiplying, not taken from the table
    assert result.agree


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=5))
def test_chain_order_replays_through_eliminate_given(widths):
    """Each product eliminates one layer: on dense layers the same mul and add."""
    document = pathsum.mlp(widths, seed=2)
    first = pathsum.analyze(document, ["eliminate-chain"])
    chain = first.results["eliminate-chain"]
    names = [first.compiled.names[v] for v in chain.order]
    result = pathsum.analyze(document, ["eliminate-chain", "eliminate-given"],
                             options=EngineOptions(order=names))
    replay = result.results["eliminate-given"]
    assert (replay.mul, replay.add) == (chain.mul, chain.add)
    assert result.agree


def test_textbook_chain_costs_15125():
    """CLRS §15.2: widths 30,35,15,5,10,20,25 give 15,125 scalar multiplications."""
    result = mlp_analysis([30, 35, 15, 5, 10, 20, 25], ["forward", "eliminate-chain"])
    chain = result.results["eliminate-chain"]
    assert chain.mul == 15125
    assert chain.bracketing == "((J6 (J5 J4)) ((J3 J2) J1))"  # CLRS: ((A1(A2A3))((A4A5)A6))
    assert result.agree


def test_forward_is_the_cheap_end_of_10_100_5_50():
    result = mlp_analysis([10, 100, 5, 50],
                          ["forward", "reverse", "eliminate-chain", "eliminate-markowitz"])
    costs = {name: (r.mul, r.add) for name, r in result.results.items()}
    assert costs["forward"] == (7500, 6950)
    assert costs["reverse"] == (75000, 69500)
    assert costs["eliminate-chain"] == (7500, 6950)
    assert result.results["eliminate-chain"].bracketing == "(J3 (J2 J1))"
    assert result.agree


def test_exact_entries_and_parallel_edges():
    edges = [("x", "h", Fraction(1, 2)), ("x", "h", Fraction(1, 3)), ("h", "y", Fraction(3)),
             ("x", "k", Fraction(2)), ("k", "y", Fraction(-1))]
    r = chain_engine(compile_graph(from_edges(edges, ["x"])))
    assert r.jacobian == {3: {0: Fraction(1, 2)}}  # (1/2 + 1/3)·3 − 2
    assert (r.mul, r.add) == (2, 2)  # one merge, then a 1×2 by 2×1 product


def test_a_single_layer_is_its_own_jacobian():
    r = chain_engine(compile_graph(from_edges([("x", "y", 4), ("x", "z", 5)], ["x"])))
    assert (r.jacobian, r.mul, r.add, r.order, r.bracketing) == (
        {1: {0: 4}, 2: {0: 5}}, 0, 0, [], "J1")


def test_non_layered_graphs_are_refused():
    cg = compile_graph(loads(LIGHTHOUSE))
    with pytest.raises(UsageError) as err:
        layers(cg)
    assert str(err.value) == ("edge gamma -> v3: eliminate-chain needs a layered graph (every "
                              "edge joining consecutive layers), and this edge goes from layer "
                              "0 to layer 3")
    used = compile_graph(from_edges([("x", "y", 1), ("y", "z", 1)], ["x"], ["y", "z"]))
    with pytest.raises(UsageError, match="node 'y': eliminate-chain needs every output in the "
                                         r"last layer \(2\), and this one is in layer 1"):
        layers(used)


def test_too_many_layers_refused():
    edges = [(f"v{i}", f"v{i + 1}", 1) for i in range(MAX_LAYERS)]
    assert len(layers(compile_graph(from_edges(edges, ["v0"])))) == MAX_LAYERS + 1
    edges.append((f"v{MAX_LAYERS}", "end", 1))
    with pytest.raises(UsageError, match="refused above 300 layers"):
        layers(compile_graph(from_edges(edges, ["v0"])))


def test_inactive_nodes_are_left_out():
    g = loads("inputs: {a: 1, b: 2}\nnodes: {k: 3, h: a * k, y: h + 1}\n")
    r = chain_engine(compile_graph(g))
    assert r.jacobian == {4: {0: 3.0, 1: 0}}


def test_cli_refuses_before_any_work_and_reports_the_bracketing(tmp_path):
    result = run_cli("analyze", str(GRAPHS / "lighthouse.yaml"), "-e", "path,eliminate-chain")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: edge gamma -> v3: eliminate-chain needs a layered")
    assert result.stderr.count("\n") == 1
    out = tmp_path / "m.yaml"
    assert run_cli("generate", "mlp", "--widths", "10,100,5,50", "-o", str(out)).exit_code == 0
    result = run_cli("analyze", str(out), "-e", "reverse,eliminate-chain", "--format", "json")
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)["engines"]["eliminate-chain"]
    assert (entry["mul"], entry["bracketing"]) == (7500, "(J3 (J2 J1))")
    # J2 J1 first: the 100 units of layer 1 go, then the 5 of layer 2.
    assert entry["order"][:2] == ["h1_1", "h1_2"] and entry["order"][100:101] == ["h2_1"]
    assert len(entry["order"]) == 105
