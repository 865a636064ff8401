"""Vertex elimination (DESIGN §3): every order gives the Jacobian; the optimal one is optimal."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pathsum import compile_graph, from_edges, loads
from pathsum.engines.eliminate import (
    ORDERS,
    eliminate_engine,
    elimination_graph,
    optimal_order,
)
from pathsum.engines.linear import Linearised
from pathsum.engines.path import path_engine
from pathsum.errors import UsageError

LIGHTHOUSE = """\
name: lighthouse
inputs: {nu: 2.0, gamma: 3.0, omega: 0.5, t: 0.7}
nodes:
  v1: omega * t
  v2: tan(v1)
  v3: gamma - v2
  v4: nu * v2
  y1: v4 / v3
  y2: y1 * gamma
outputs: [y1, y2]
"""


def test_lighthouse_optimal_order_costs_15_mul():
    """Griewank and Walther's lighthouse: the optimal order costs 15 mul (DESIGN §3)."""
    result = eliminate_engine(compile_graph(loads(LIGHTHOUSE)), "optimal")
    assert result.mul == 15


def test_lighthouse_orders_are_no_better_than_optimal():
    cg = compile_graph(loads(LIGHTHOUSE))
    costs = {order: eliminate_engine(cg, order).mul for order in ORDERS}
    assert costs["optimal"] == min(costs.values())
    assert costs["forward"] > costs["optimal"]


def test_path_explosion_merges_parallel_edges_first():
    # X=>Y three edges (2 add to merge), Y=>Z three edges (2 add), then Y goes: 1 mul.
    g = loads("inputs: [X]\noutputs: [Z]\nedges: [[X,Y,1],[X,Y,2],[X,Y,3],[Y,Z,4],[Y,Z,5],"
             "[Y,Z,6]]\n")
    result = eliminate_engine(compile_graph(g), "forward")
    assert (result.mul, result.add) == (1, 4)
    assert result.jacobian == {2: {0: 90.0}}


def test_used_output_gets_a_sink_copy():
    # y is an output that z uses: y's copy keeps dy/dx while y itself is eliminated.
    g = from_edges([("x", "y", Fraction(2)), ("y", "z", Fraction(3))], ["x"], ["y", "z"])
    result = eliminate_engine(compile_graph(g), "forward")
    assert result.jacobian == {1: {0: 2}, 2: {0: 6}}
    # Eliminating y: in-edge x->y times out-edges y->y' (partial 1) and y->z: 2 mul.
    assert result.mul == 2


def test_unknown_order_is_refused():
    cg = compile_graph(loads(LIGHTHOUSE))
    with pytest.raises(UsageError, match="unknown elimination order 'best'"):
        eliminate_engine(cg, "best")


def test_optimal_order_refused_above_20_intermediates():
    chain = [(f"v{i}", f"v{i + 1}", 1.0) for i in range(22)]
    cg = compile_graph(from_edges(chain, ["v0"]))
    with pytest.raises(UsageError, match="refused above 20 intermediate vertices"):
        eliminate_engine(cg, "optimal")


@st.composite
def small_dags(draw):
    """Random DAGs with Fraction partials, parallel edges and several inputs and outputs."""
    n = draw(st.integers(3, 8))
    edges = []
    for v in range(1, n):
        for u in draw(st.lists(st.integers(0, v - 1), max_size=3)):
            edges.append((f"n{u}", f"n{v}", Fraction(draw(st.integers(-4, 4)), draw(st.integers(1, 3)))))
    if not edges:
        edges = [("n0", "n1", Fraction(1))]
    heads = {v for _, v, _ in edges}
    sources = sorted({u for u, _, _ in edges} - heads)
    inputs = sources[: draw(st.integers(1, len(sources)))]
    candidates = sorted(heads)
    outputs = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
    return from_edges(edges, inputs, outputs)


@settings(max_examples=150, deadline=None)
@given(small_dags(), st.sampled_from(ORDERS))
def test_every_order_gives_the_exact_jacobian(graph, order):
    cg = compile_graph(graph)
    assert eliminate_engine(cg, order).jacobian == path_engine(cg).jacobian


@settings(max_examples=60, deadline=None)
@given(small_dags())
def test_optimal_is_the_minimum_over_all_orders(graph):
    """Brute force over every permutation, counting with the same elimination step."""
    cg = compile_graph(graph)
    intermediates, pred = elimination_graph(cg)
    assume(len(intermediates) <= 6)  # brute force over 7! orders is too slow
    best = None
    for perm in itertools.permutations(intermediates):
        lin = Linearised(cg)
        for v in perm:
            lin.eliminate(v)
        best = lin.mul if best is None else min(best, lin.mul)
    order = optimal_order(intermediates, pred)
    assert sorted(order) == sorted(intermediates)
    assert eliminate_engine(cg, "optimal").mul == (best or 0)


def test_cli_runs_elimination_orders_on_request():
    import json

    from click.testing import CliRunner

    from pathsum.cli import main

    engines = "reverse,eliminate-optimal,eliminate-markowitz"
    result = CliRunner().invoke(main, ["analyze", "graphs/lighthouse.yaml", "--engine", engines,
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert list(record["engines"]) == ["reverse", "eliminate-optimal", "eliminate-markowitz"]
    assert record["engines"]["eliminate-optimal"]["mul"] == 15
    assert record["engines"]["eliminate-markowitz"]["mul"] == 16
    assert record["agree"] is True


def test_default_engines_stay_the_three_of_the_design():
    from click.testing import CliRunner

    from pathsum.cli import main

    result = CliRunner().invoke(main, ["analyze", "graphs/lighthouse.yaml", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"eliminate' not in result.output
