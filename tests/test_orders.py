"""Elimination orders (DESIGN §8): every eliminate-* engine reports its order, the order
replays through eliminate-given to the same counts, the heuristics pick what their rule
says, and a given order that is not a permutation of the intermediates is refused."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, run_cli
from test_eliminate import LIGHTHOUSE, small_dags

import pathsum
from pathsum import compile_graph, from_edges, loads
from pathsum.engines import EngineOptions, prepare
from pathsum.engines.eliminate import (
    MAX_OPTIMAL,
    ORDERS,
    check_given_order,
    check_optimal_size,
    eliminate_engine,
    given_engine,
)
from pathsum.engines.linear import intermediates
from pathsum.errors import UsageError

LIGHTHOUSE_FILE = str(GRAPHS / "lighthouse.yaml")


@settings(max_examples=150, deadline=None)
@given(small_dags(), st.sampled_from(ORDERS))
def test_reported_order_is_a_permutation_and_replays_to_the_same_counts(graph, order):
    cg = compile_graph(graph)
    result = eliminate_engine(cg, order)
    assert sorted(result.order) == intermediates(cg)
    names = [cg.names[v] for v in result.order]
    replay = given_engine(cg, names)
    assert (replay.mul, replay.add, replay.order) == (result.mul, result.add, result.order)
    assert replay.jacobian == result.jacobian


def _naive_greedy(cg, heuristic: str) -> list[int]:
    """The heuristics by their definition: rescore every remaining vertex at every step, on
    plain sets (no heap, no values), ties to the earlier vertex in topological order."""
    lin = pathsum.engines.linear.Linearised(cg)
    pred = {v: set(p) for v, p in lin.pred.items()}
    succ = {v: set(s) for v, s in lin.succ.items()}

    def reaches(v, near):
        seen, todo = set(), [v]
        while todo:
            for u in near[todo.pop()]:
                if u not in seen:
                    seen.add(u)
                    todo.append(u)
        return seen

    ends_in = {v: sum(1 for u in reaches(v, pred) if not pred[u]) for v in pred}
    ends_out = {v: sum(1 for w in reaches(v, succ) if not succ[w]) for v in pred}
    score = {
        "markowitz": lambda v: len(pred[v]) * len(succ[v]),
        "relative-markowitz": lambda v: len(pred[v]) * len(succ[v]) - ends_in[v] * ends_out[v],
        "fill-in": lambda v: sum(1 for u in pred[v] for w in succ[v] if w not in succ[u]),
    }[heuristic]
    pending, order = list(lin.intermediates), []
    while pending:
        v = min(pending, key=lambda u: (score(u), lin.position[u]))
        pending.remove(v)
        order.append(v)
        for u in pred[v]:
            succ[u] |= succ[v]
            succ[u].discard(v)
        for w in succ[v]:
            pred[w] |= pred[v]
            pred[w].discard(v)
        del pred[v], succ[v]
    return order


@settings(max_examples=150, deadline=None)
@given(small_dags(), st.sampled_from(["markowitz", "relative-markowitz", "fill-in"]))
def test_heuristics_follow_their_rule_at_every_step(graph, heuristic):
    cg = compile_graph(graph)
    assert eliminate_engine(cg, heuristic).order == _naive_greedy(cg, heuristic)


def test_lighthouse_costs_by_order():
    """Markowitz absorbs two products into existing edges (2 add); relative Markowitz finds
    the optimum here (15 mul), as its order v3 first suggests."""
    cg = compile_graph(loads(LIGHTHOUSE))
    costs = {order: (r.mul, r.add, [cg.names[v] for v in r.order])
             for order in ORDERS for r in [eliminate_engine(cg, order)]}
    assert costs == {
        "forward": (20, 3, ["v1", "v2", "v3", "v4", "y1"]),
        "reverse": (18, 3, ["y1", "v4", "v3", "v2", "v1"]),
        "markowitz": (16, 2, ["v1", "v3", "v4", "v2", "y1"]),
        "relative-markowitz": (15, 2, ["v3", "v4", "v2", "v1", "y1"]),
        "fill-in": (16, 2, ["v1", "v3", "v4", "v2", "y1"]),
        "optimal": (15, 2, ["v3", "v4", "v2", "v1", "y1"]),
    }


def test_a_product_absorbed_into_an_existing_edge_costs_one_add():
    # x -> a -> y beside x -> y: eliminating a forms 2·3 and adds it into x -> y's 5.
    g = from_edges([("x", "a", 2), ("a", "y", 3), ("x", "y", 5)], ["x"])
    r = eliminate_engine(compile_graph(g), "forward")
    assert (r.jacobian, r.mul, r.add) == ({2: {0: 11}}, 1, 1)


def _chain(n_intermediates: int):
    edges = [(f"v{i}", f"v{i + 1}", 1.0) for i in range(n_intermediates + 1)]
    return compile_graph(from_edges(edges, ["v0"]))


def test_optimal_is_accepted_at_20_intermediates_and_refused_at_21():
    assert MAX_OPTIMAL == 20
    check_optimal_size(_chain(20))  # accepted: no error
    with pytest.raises(UsageError, match=r"refused above 20 intermediate vertices \(this "
                                         r"graph has 21\)"):
        check_optimal_size(_chain(21))


def test_optimal_refused_before_any_engine_runs():
    steps = []
    edges = [(f"v{i}", f"v{i + 1}", 1.0) for i in range(22)]
    with pytest.raises(UsageError, match="has 21"):
        pathsum.analyze(from_edges(edges, ["v0"]), ["path", "eliminate-optimal"],
                        progress=steps.append)
    assert steps == ["compile"]


# -- a given order --------------------------------------------------------------------------
def test_given_order_checks():
    cg = compile_graph(loads(LIGHTHOUSE))
    assert check_given_order(cg, ["v3", "v4", "v2", "v1", "y1"]) == [6, 7, 5, 4, 8]
    refused = {
        ("v3", "v4", "v2", "v1"): "node 'y1': missing from the order (it must list each of "
                                  "the 5 intermediates once: v1, v2, v3, v4, y1)",
        ("v3", "v4", "v2", "v1", "y1", "v3"): "node 'v3': appears twice in the order",
        ("v3", "nu", "v2", "v1", "y1", "v4"): "node 'nu': not an intermediate vertex (an input)",
        ("v3", "y2", "v2", "v1", "y1", "v4"): "node 'y2': not an intermediate vertex (an output "
                                              "no other node uses)",
        ("v3", "q", "v2", "v1", "y1", "v4"): "node 'q': not a node of the graph",
    }
    for order, message in refused.items():
        with pytest.raises(UsageError) as err:
            check_given_order(cg, list(order))
        assert str(err.value) == message


def test_an_inactive_node_is_not_an_intermediate():
    g = loads("inputs: {a: 1}\nnodes: {k: 3, b: a * k, c: b + 1}\n")
    cg = compile_graph(g)
    with pytest.raises(UsageError, match="node 'k': not an intermediate vertex \\(inactive"):
        check_given_order(cg, ["b", "k"])


def test_given_needs_an_order_and_an_order_needs_given():
    with pytest.raises(UsageError, match="eliminate-given needs an order"):
        pathsum.analyze(LIGHTHOUSE, ["eliminate-given"])
    with pytest.raises(UsageError, match="an order goes with the eliminate-given engine"):
        pathsum.analyze(LIGHTHOUSE, ["reverse"], options=EngineOptions(order=["v1"]))


def test_prepare_refuses_a_bad_order_before_running():
    cg = compile_graph(loads(LIGHTHOUSE))
    with pytest.raises(UsageError, match=r"o\.yaml: node 'v2': missing"):
        prepare("eliminate-given", cg, EngineOptions(order=["v1"], order_source="o.yaml"))


# -- the command line -----------------------------------------------------------------------
def test_cli_order_file_runs_eliminate_given_beside_the_defaults(write):
    order = write("[v3, v4, v2, v1, y1]\n", "order.yaml")
    result = run_cli("analyze", LIGHTHOUSE_FILE, "--order", order, "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert list(record["engines"]) == ["path", "forward", "reverse", "eliminate-given"]
    given_entry = record["engines"]["eliminate-given"]
    assert (given_entry["mul"], given_entry["add"]) == (15, 2)
    assert given_entry["order"] == ["v3", "v4", "v2", "v1", "y1"]
    assert "order" not in record["engines"]["reverse"]
    assert record["agree"] is True


def test_cli_order_file_as_json_and_in_csv(write):
    order = write('["y1", "v4", "v3", "v2", "v1"]', "order.json")
    result = run_cli("analyze", LIGHTHOUSE_FILE, "-e", "eliminate-markowitz", "--order", order,
                     "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    seen = {(r["engine"], r["mul"], r["order"], r["optimal"]) for r in rows}
    assert seen == {("eliminate-markowitz", "16", "v1 v3 v4 v2 y1", ""),
                    ("eliminate-given", "18", "y1 v4 v3 v2 v1", "")}


def test_cli_table_shows_each_order():
    result = run_cli("analyze", LIGHTHOUSE_FILE, "-e", "reverse,eliminate-optimal")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "eliminate-optimal" in line
               and "│" in line)
    assert "v3 v4 v2 v1 y1 (proven optimal)" in row


@pytest.mark.parametrize(("text", "message"), [
    ("[v3, v4, v2, v1]\n", ("order.yaml: node 'y1': missing from the order (it must list "
                            "each of the 5 intermediates once: v1, v2, v3, v4, y1)")),
    ("- v3\n- v4\n- v3\n", ("order.yaml, line 3, column 3: node 'v3': appears twice in "
                             "the order")),
    ("[v3, t, v2]\n", ("order.yaml, line 1, column 6: node 't': not an intermediate vertex "
                       "(an input)")),
    ("{v3: 1}\n", ("order.yaml: an order file is a list of intermediate node names, e.g. "
                   "[v1, v3, v2]")),
    ("[v3, 7]\n", "order.yaml, line 1, column 6: item 2 of the order, 7, is not a node name"),
])
def test_cli_refuses_a_bad_order_in_one_line(write, text, message):
    order = write(text, "order.yaml")
    result = run_cli("analyze", LIGHTHOUSE_FILE, "--order", order)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {order.removesuffix('order.yaml')}{message}\n"


def test_cli_given_without_order_and_missing_file(tmp_path):
    result = run_cli("analyze", LIGHTHOUSE_FILE, "-e", "eliminate-given")
    assert result.exit_code == 2
    assert result.stderr == ("Error: Invalid value for '--engine': eliminate-given needs an "
                             "order: the intermediates by name (--order FILE)\n")
    missing = str(tmp_path / "none.yaml")
    result = run_cli("analyze", LIGHTHOUSE_FILE, "--order", missing)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {missing}: cannot read the order file (no such file or "
                             "directory)\n")


def test_exact_values_flow_through_a_given_order():
    g = from_edges([("x", "a", Fraction(1, 3)), ("a", "y", Fraction(3, 7)), ("x", "y", 1)],
                   ["x"])
    r = given_engine(compile_graph(g), ["a"])
    assert r.jacobian == {2: {0: Fraction(8, 7)}}
