"""Engines against a brute-force oracle on hypothesis-generated DAGs (DESIGN §3).

The DAGs have parallel edges, several inputs and outputs, constants (nodes with no path
from any input) and dead branches (nodes with no path to any output). Partials are exact
``Fraction``s, so the Jacobians must be equal, not close; a float run checks closeness.
"""

from __future__ import annotations

import json
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st
from oracles import brute_force, close, sweep_costs

import pathsum
from pathsum.analysis import DEFAULT_ENGINES
from pathsum.engines import CONDITIONAL, ENGINES

#: Every engine that runs on any graph without more input.
ANY_GRAPH = [name for name in ENGINES if name not in CONDITIONAL]

FRACTIONS = st.fractions(min_value=-3, max_value=3, max_denominator=6)
FLOATS = st.floats(min_value=-2.5, max_value=2.5, allow_nan=False, allow_infinity=False)


@st.composite
def dags(draw, partials):
    """(edges, inputs, outputs): node i draws its in-edges from nodes before it."""
    n_inputs = draw(st.integers(1, 3))
    n_inner = draw(st.integers(1, 6))
    names = [f"x{i}" for i in range(n_inputs)] + [f"n{i}" for i in range(n_inner)]
    edges = []
    for v in range(n_inputs, len(names)):
        # 0 in-edges makes a constant; repeats of a parent make parallel edges.
        for u in draw(st.lists(st.integers(0, v - 1), max_size=3)):
            edges.append((names[u], names[v], draw(partials)))
    edges = draw(st.permutations(edges))  # file order decides topological ties
    present = {u for u, _, _ in edges} | {v for _, v, _ in edges}
    candidates = [n for n in names[n_inputs:] if n in present]
    assume(candidates)
    outputs = draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
    inputs = draw(st.permutations(names[:n_inputs]))
    return list(edges), list(inputs), outputs


def check_counts(result, edges, inputs, outputs, oracle):
    assert result.paths() == oracle["paths"]
    assert result.total_paths == sum(sum(row.values()) for row in oracle["paths"].values())
    path = result.results["path"]
    assert (path.mul, path.add) == (oracle["mul"], oracle["add"])
    costs = sweep_costs(edges, inputs, outputs)
    for name in ("forward", "reverse"):
        r = result.results[name]
        assert (r.mul, r.add, r.sweeps) == costs[name], name


@given(dags(FRACTIONS))
def test_exact_fractions_match_brute_force(dag):
    edges, inputs, outputs = dag
    oracle = brute_force(edges, inputs, outputs)
    result = pathsum.analyze(pathsum.from_edges(edges, inputs, outputs), ANY_GRAPH)
    for name in ANY_GRAPH:
        jac = result.jacobian(name)
        assert jac == oracle["jacobian"], name
        for row in jac.values():
            for d in row.values():
                assert isinstance(d, Fraction | int), (name, d)  # never rounded to a float
    assert result.agree
    check_counts(result, edges, inputs, outputs, oracle)
    json.dumps(result.to_dict(), allow_nan=False)


@given(dags(FLOATS))
def test_floats_close_to_brute_force(dag):
    edges, inputs, outputs = dag
    oracle = brute_force(edges, inputs, outputs)
    result = pathsum.analyze(pathsum.from_edges(edges, inputs, outputs))
    scale = max((abs(d) for row in oracle["jacobian"].values() for d in row.values()),
                default=0.0)
    for name in DEFAULT_ENGINES:
        jac = result.jacobian(name)
        for y in outputs:
            for x in inputs:
                assert close(jac[y][x], oracle["jacobian"][y][x], scale, 1e-9), (name, y, x)
    assert result.agree
    check_counts(result, edges, inputs, outputs, oracle)


@given(dags(FRACTIONS))
def test_derived_counts_equal_enumerated(dag):
    """With --max-paths 0 the path engine's mul/add come from exact counts, unchanged."""
    edges, inputs, outputs = dag
    oracle = brute_force(edges, inputs, outputs)
    graph = pathsum.from_edges(edges, inputs, outputs)
    derived = pathsum.analyze(graph, ["path"], max_paths=0).results["path"]
    total = sum(sum(row.values()) for row in oracle["paths"].values())
    if total == 0:
        assert derived.enumerated is True  # nothing to enumerate is not "too many"
    else:
        assert derived.enumerated is False
        assert derived.jacobian is None
    assert (derived.mul, derived.add) == (oracle["mul"], oracle["add"])


@given(dags(st.sampled_from(["p", "q", "r"])), st.fixed_dictionaries(
    {"p": FRACTIONS, "q": FRACTIONS, "r": FRACTIONS}))
def test_named_partials(dag, symbols):
    """Edges may carry symbol names; their values come from ``symbols``."""
    edges, inputs, outputs = dag
    numeric = [(u, v, symbols[s]) for u, v, s in edges]
    oracle = brute_force(numeric, inputs, outputs)
    result = pathsum.analyze(pathsum.from_edges(edges, inputs, outputs, symbols=symbols))
    for name in DEFAULT_ENGINES:
        assert result.jacobian(name) == oracle["jacobian"]


def test_oracle_sanity():
    """The oracles themselves reproduce the olah numbers (so they can be trusted)."""
    edges = [("a", "c", 1), ("b", "c", 1), ("b", "d", 1), ("c", "e", 2), ("d", "e", 3)]
    oracle = brute_force(edges, ["a", "b"], ["e"])
    assert oracle == {"jacobian": {"e": {"a": 2, "b": 5}}, "paths": {"e": {"a": 1, "b": 2}},
                      "mul": 3, "add": 1}
    assert sweep_costs(edges, ["a", "b"], ["e"]) == {"forward": (3, 1, 2), "reverse": (3, 1, 1)}
