"""Vertex elimination (DESIGN §3): every order gives the Jacobian; the optimal one is optimal."""

from __future__ import annotations

import itertools
import random
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


def _first_cheapest(cg) -> tuple[int, int, list[int]]:
    """Brute force: every order, in the order itertools gives them (lexicographic in
    topological positions), counted by the same elimination step; the first with the least
    (mul, add), mul first."""
    intermediates, _ = elimination_graph(cg)
    best = None
    for perm in itertools.permutations(intermediates):
        lin = Linearised(cg)
        for v in perm:
            lin.eliminate(v)
        if best is None or (lin.mul, lin.add) < best[:2]:
            best = (lin.mul, lin.add, list(perm))
    return best


def test_optimal_takes_the_fewest_add_among_orders_of_least_mul():
    """Eight orders cost the least mul here, 10: those that eliminate n2 first or second
    cost 8 add (the optimal order was n2 n5 n3 n4 until issue 18), those that eliminate it
    last only 7 (fewer of its products land on edges that exist by then)."""
    edges = [("n0", "n2"), ("n1", "n2"), ("n0", "n3"), ("n2", "n3"), ("n1", "n3"), ("n1", "n4"),
             ("n0", "n4"), ("n2", "n4"), ("n0", "n5"), ("n3", "n5"), ("n4", "n6"), ("n3", "n6"),
             ("n5", "n6"), ("n0", "n7"), ("n1", "n7"), ("n2", "n7")]
    cg = compile_graph(from_edges([(u, v, 1) for u, v in edges], ["n0", "n1"], ["n6"]))
    result = eliminate_engine(cg, "optimal")
    assert (result.mul, result.add, [cg.names[v] for v in result.order]) == \
        (10, 7, ["n4", "n5", "n3", "n2"])
    assert _first_cheapest(cg) == (10, 7, result.order)


def _dense_dag(rng: random.Random) -> tuple[list, list[str], list[str]]:
    """A random DAG where every non-input node has one to four predecessors: dense enough
    that orders of equal mul often differ in add."""
    n, n_inputs = rng.randint(5, 9), rng.randint(1, 3)
    edges = [(f"n{u}", f"n{v}", 1) for v in range(n_inputs, n)
             for u in rng.sample(range(v), min(v, rng.randint(1, 4)))]
    heads = sorted({v for _, v, _ in edges})
    outputs = rng.sample(heads, min(len(heads), rng.randint(1, 3)))
    return edges, [f"n{i}" for i in range(n_inputs)], outputs


def test_optimal_is_the_first_cheapest_order_in_mul_then_add():
    """On 1,500 seeded random DAGs of up to 6 intermediates (a few of which the old dynamic
    programme, which kept the first order of least mul it met, got wrong in add), the optimal
    order is the one brute force finds: least mul, then least add, then the earliest vertex
    in topological order at every step."""
    rng = random.Random(18)
    checked = 0
    for _ in range(1500):
        cg = compile_graph(from_edges(*_dense_dag(rng)))
        if len(elimination_graph(cg)[0]) > 6:
            continue
        result = eliminate_engine(cg, "optimal")
        assert (result.mul, result.add, result.order) == _first_cheapest(cg), cg.names
        checked += 1
    assert checked > 800


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
