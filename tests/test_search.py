"""eliminate-search: branch and bound over elimination orders, with a budget."""

from __future__ import annotations

import json
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, run_cli

import pathsum
from pathsum import compile_graph, from_edges, load
from pathsum.engines.eliminate import ORDERS, eliminate_engine, elimination_graph, given_engine
from pathsum.engines.linear import intermediates
from pathsum.engines.search import search_engine, search_order

LIGHTHOUSE = str(GRAPHS / "lighthouse.yaml")
#: Generous: the graphs below are proven in milliseconds; a loaded machine must not matter.
AMPLE = 600.0


@st.composite
def dags(draw, max_nodes: int = 15):
    """Random DAGs of up to 12 intermediates, with a few inputs and outputs."""
    n = draw(st.integers(4, max_nodes))
    edges = []
    for v in range(2, n):
        preds = draw(st.lists(st.integers(0, v - 1), min_size=1, max_size=3, unique=True))
        edges += [(f"n{u}", f"n{v}", Fraction(draw(st.integers(1, 5)))) for u in preds]
    heads = {v for _, v, _ in edges}
    sources = sorted({u for u, _, _ in edges} - heads)
    outputs = draw(st.lists(st.sampled_from(sorted(heads)), min_size=1, max_size=3,
                            unique=True))
    return from_edges(edges, sources, outputs)


@settings(max_examples=60, deadline=None)
@given(dags())
def test_search_equals_optimal_up_to_12_intermediates(graph):
    cg = compile_graph(graph)
    assert len(intermediates(cg)) <= 12
    optimal = eliminate_engine(cg, "optimal")
    found = search_engine(cg, budget=AMPLE)
    assert found.optimal is True
    assert found.mul == optimal.mul
    assert found.jacobian == optimal.jacobian
    assert sorted(found.order) == intermediates(cg)
    replay = given_engine(cg, [cg.names[v] for v in found.order])
    assert (replay.mul, replay.add) == (found.mul, found.add)


@settings(max_examples=60, deadline=None)
@given(dags(), st.sampled_from([0.0, 1e-4, 1e-3]))
def test_proven_is_never_set_on_a_worse_order_and_never_worse_than_the_heuristics(graph, budget):
    cg = compile_graph(graph)
    found = search_engine(cg, budget=budget)
    best = eliminate_engine(cg, "optimal").mul
    if found.optimal:
        assert found.mul == best
    assert found.mul >= best
    for order in ORDERS:
        if order != "optimal":  # the seeds: with no budget, the optimum is not promised
            assert found.mul <= eliminate_engine(cg, order).mul, order


@settings(max_examples=60, deadline=None)
@given(dags())
def test_the_lower_bound_is_admissible(graph):
    cg = compile_graph(graph)
    inter, pred = elimination_graph(cg)
    worst = eliminate_engine(cg, "forward")
    optimum = eliminate_engine(cg, "optimal").mul
    found = search_order(inter, pred, (worst.mul, worst.order), budget=AMPLE)
    assert found.bound <= optimum == found.mul
    # With no time to search, only meeting the bound proves anything.
    rushed = search_order(inter, pred, (worst.mul, worst.order), budget=0.0)
    assert rushed.mul == worst.mul
    assert not rushed.proven or worst.mul <= rushed.bound


def test_a_long_chain_needs_no_flows_and_is_proven():
    edges = [(f"v{i}", f"v{i + 1}", 1.0) for i in range(3000)]
    found = search_engine(compile_graph(from_edges(edges, ["v0"])), budget=AMPLE)
    assert (found.mul, found.optimal) == (2999, True)


def test_lighthouse_optimum_proven_at_once():
    cg = compile_graph(load(LIGHTHOUSE))
    inter, pred = elimination_graph(cg)
    markowitz = eliminate_engine(cg, "markowitz")
    found = search_order(inter, pred, (markowitz.mul, markowitz.order), budget=AMPLE)
    assert (found.mul, found.proven) == (15, True)
    assert found.states < 50  # a handful of states: instant, whatever the machine
    result = search_engine(cg)
    assert (result.mul, result.add, result.optimal) == (15, 2, True)


def test_beyond_20_intermediates_with_no_budget_returns_the_best_heuristic_unproven():
    graph = pathsum.analyze(pathsum.generate("random", 40, seed=3), ["reverse"]).graph
    cg = compile_graph(graph)
    assert len(intermediates(cg)) > 20
    found = search_engine(cg, budget=0.0)
    assert found.optimal is False
    assert found.mul == min(eliminate_engine(cg, o).mul for o in ORDERS if o != "optimal")
    assert sorted(found.order) == intermediates(cg)


def test_cli_json_budget_and_refusals():
    result = run_cli("analyze", LIGHTHOUSE, "-e", "reverse,eliminate-search", "--budget", "5",
                     "--format", "json")
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)["engines"]["eliminate-search"]
    assert (entry["mul"], entry["optimal"], entry["order"]) == (
        15, True, ["v3", "v4", "v2", "v1", "y1"])
    refused = run_cli("analyze", LIGHTHOUSE, "--budget", "5")
    assert (refused.exit_code, refused.stderr) == (
        2, "Error: --budget goes with --engine eliminate-search\n")
    refused = run_cli("analyze", LIGHTHOUSE, "-e", "eliminate-search", "--budget", "nan")
    assert refused.exit_code == 2
    assert refused.stderr == ("Error: budget must be a finite number of seconds, zero or more, "
                              "not nan\n")
