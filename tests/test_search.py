"""eliminate-search: branch and bound over elimination orders, with a budget."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, fewest_mul, run_cli

import pathsum
from pathsum import compile_graph, from_edges, load
from pathsum.engines import bound
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


@st.composite
def active_dags(draw, min_inner: int, max_inner: int):
    """Random DAGs whose every node is active, of min_inner to max_inner intermediates:
    1 to 3 inputs, each other node fed by 1 to 3 earlier ones and feeding a later one (the
    last node, an output, feeds none), and up to 2 more outputs among the intermediates."""
    k = draw(st.integers(1, 3))
    n = k + 1 + draw(st.integers(min_inner, max_inner))
    edges = set()
    for v in range(k, n):
        for u in draw(st.lists(st.integers(0, v - 1), min_size=1, max_size=3, unique=True)):
            edges.add((u, v))
    for u in range(n - 1):
        if not any(a == u for a, _ in edges):
            edges.add((u, draw(st.integers(max(u + 1, k), n - 1))))
    extra = draw(st.lists(st.integers(k, n - 2), max_size=2, unique=True))
    return from_edges([(f"n{u}", f"n{v}", Fraction(draw(st.integers(1, 5))))
                       for u, v in sorted(edges)],
                      [f"n{i}" for i in range(k)], [f"n{v}" for v in [n - 1, *extra]])


def _never_below_the_optimum(graph, budget):
    cg = compile_graph(graph)
    inter, pred = elimination_graph(cg)
    optimum = fewest_mul(inter, pred)
    found = search_engine(cg, budget=budget)
    assert found.bound <= optimum <= found.mul
    if found.optimal:
        assert found.mul == optimum
    replay = given_engine(cg, [cg.names[v] for v in found.order])
    assert (replay.mul, replay.add, replay.jacobian) == (found.mul, found.add, found.jacobian)
    return found, optimum


@settings(max_examples=40, deadline=None)
@given(active_dags(4, 14), st.sampled_from([0.0, 1e-3, 0.05, AMPLE]))
def test_never_below_the_subset_dp_optimum_and_replays_to_its_count(graph, budget):
    found, optimum = _never_below_the_optimum(graph, budget)
    if budget == AMPLE:  # a search that is not cut short ends proven
        assert (found.mul, found.optimal) == (optimum, True)


@pytest.mark.slow
@settings(max_examples=12, deadline=None)
@given(active_dags(15, 18), st.sampled_from([1e-3, 0.05, AMPLE]))
def test_never_below_the_optimum_up_to_18_intermediates(graph, budget):
    assert len(intermediates(compile_graph(graph))) <= 18
    found, optimum = _never_below_the_optimum(graph, budget)
    if budget == AMPLE:
        assert (found.mul, found.optimal) == (optimum, True)


def test_budget_zero_still_computes_the_bound_and_proves_an_order_that_meets_it(tmp_path):
    # Two inputs through a to two outputs: a has 2 predecessors and 2 successors in every
    # order (Menger), so its 4 mul are optimal, and provably so without searching.
    g = from_edges([("x1", "a", 1), ("x2", "a", 1), ("a", "y1", 1), ("a", "y2", 1)],
                   ["x1", "x2"], ["y1", "y2"])
    found = search_engine(compile_graph(g), budget=0.0)
    assert (found.mul, found.bound, found.optimal) == (4, 4, True)
    path = tmp_path / "random40.yaml"
    path.write_text(pathsum.to_yaml(pathsum.generate("random", 40, seed=3)), encoding="utf-8")
    result = run_cli("analyze", str(path), "-e", "eliminate-search", "--budget", "0",
                     "--format", "json")
    assert result.exit_code == 0, result.output
    entry = json.loads(result.stdout)["engines"]["eliminate-search"]
    assert entry["optimal"] is False
    assert 0 < entry["bound"] < entry["mul"]


def test_a_long_chain_needs_no_flows_and_is_proven(monkeypatch):
    """Every vertex of a chain has one neighbour each way: its bound is 1 without a flow
    (a flow would walk the bitsets with bound.bits), and the bound proves the order."""
    walked = []
    monkeypatch.setattr(bound, "bits", lambda mask: walked.append(mask) or iter(()))
    edges = [(f"v{i}", f"v{i + 1}", 1.0) for i in range(3000)]
    found = search_engine(compile_graph(from_edges(edges, ["v0"])), budget=AMPLE)
    assert (found.mul, found.optimal, found.bound) == (2999, True, 2999)
    assert walked == []


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
        2, "Error: --budget goes with --engine eliminate-search (or eliminate-edge-search)\n")
    refused = run_cli("analyze", LIGHTHOUSE, "-e", "eliminate-search", "--budget", "nan")
    assert refused.exit_code == 2
    assert refused.stderr == ("Error: budget must be a finite number of seconds, zero or more, "
                              "not nan\n")
