"""Edge elimination (Naumann): front and back eliminations give the path engine's Jacobian,
count as hand-worked, include vertex elimination, and can beat every vertex order."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pathsum import analyze, compile_graph, from_edges, loads
from pathsum.cli import main
from pathsum.engines import ENGINES
from pathsum.engines.edge_eliminate import edge_engine, eliminate_edge, greedy_steps
from pathsum.engines.eliminate import eliminate_engine, elimination_graph
from pathsum.engines.linear import Linearised
from pathsum.engines.path import path_engine
from tests.test_eliminate import LIGHTHOUSE, small_dags

#: Four intermediates where edge elimination costs 6 ``mul`` and every one of the 24
#: vertex orders at least 7 (found by a random search, checked below by brute force).
KITE = [("x", "a", Fraction(2)), ("x", "b", Fraction(3)), ("x", "d", Fraction(5)),
        ("a", "b", Fraction(7)), ("a", "c", Fraction(11)), ("a", "y", Fraction(13)),
        ("b", "d", Fraction(17)), ("c", "d", Fraction(19)), ("c", "y", Fraction(23)),
        ("d", "y", Fraction(29))]
#: Each step one product added into an edge that exists, but the fifth (x -> y is new).
KITE_STEPS = [("c", "d", True), ("a", "c", True), ("a", "b", False), ("x", "b", True),
              ("x", "d", True), ("x", "a", True)]


def kite():
    return compile_graph(from_edges(KITE, ["x"], ["y"]))


def test_kite_edge_order_beats_every_vertex_order():
    cg = kite()
    ids = {name: v for v, name in enumerate(cg.names)}
    intermediates, _ = elimination_graph(cg)
    vertex_costs = []
    for perm in itertools.permutations(intermediates):
        lin = Linearised(cg)
        for v in perm:
            lin.eliminate(v)
        vertex_costs.append(lin.mul)
    assert len(vertex_costs) == 24 and min(vertex_costs) == 7
    lin = Linearised(cg)
    for i, j, is_front in KITE_STEPS:
        eliminate_edge(lin, (ids[i], ids[j], is_front))
    assert (lin.mul, lin.add) == (6, 5)
    assert lin.jacobian(cg) == path_engine(cg).jacobian
    # dy/dx by hand: the sum over the 6 paths x->a->y, x->a->c->y, x->a->c->d->y,
    # x->a->b->d->y, x->b->d->y, x->d->y.
    by_hand = 2 * 13 + 2 * 11 * 23 + 2 * 11 * 19 * 29 + 2 * 7 * 17 * 29 + 3 * 17 * 29 + 5 * 29
    assert lin.jacobian(cg)[ids["y"]][ids["x"]] == by_hand


def test_front_and_back_count_as_worked_by_hand():
    # a has preds x1, x2 and succs y1, y2 (x1 -> y1 exists). Front-eliminating x1 -> a forms
    # two products: into x1 -> y1 (an add) and a new x1 -> y2. Back-eliminating a -> y2 then
    # forms one (a's only pred is x2): a new x2 -> y2. What is left of a is one product.
    g = from_edges([("x1", "a", 2), ("x2", "a", 3), ("a", "y1", 5), ("a", "y2", 7),
                    ("x1", "y1", 11)], ["x1", "x2"])
    cg = compile_graph(g)
    x1, x2, a, y1, y2 = range(5)
    lin = Linearised(cg)
    eliminate_edge(lin, (x1, a, True))
    assert (lin.mul, lin.add) == (2, 1)
    assert lin.succ[x1] == {y1: 11 + 10, y2: 14}
    eliminate_edge(lin, (a, y2, False))
    assert (lin.mul, lin.add) == (3, 1)
    assert lin.succ[x2] == {a: 3, y2: 21}
    eliminate_edge(lin, (x2, a, True))
    assert (lin.mul, lin.add) == (4, 1)
    assert a not in lin.pred  # every in-edge gone: a is gone
    assert lin.jacobian(cg) == {y1: {x1: 21, x2: 15}, y2: {x1: 14, x2: 21}}


def test_a_vertex_whose_out_edges_are_gone_disappears_with_its_in_edges():
    g = from_edges([("x1", "a", 2), ("x2", "a", 3), ("a", "y", 5)], ["x1", "x2"])
    cg = compile_graph(g)
    lin = Linearised(cg)
    eliminate_edge(lin, (2, 3, False))  # a -> y into x1 -> a and x2 -> a: 2 mul
    assert 2 not in lin.pred and 2 not in lin.succ[0] and 2 not in lin.succ[1]
    assert (lin.mul, lin.add, lin.pred[3]) == (2, 0, {0: 10, 1: 15})


@settings(max_examples=150, deadline=None)
@given(small_dags())
def test_edge_elimination_gives_the_exact_jacobian(graph):
    cg = compile_graph(graph)
    assert edge_engine(cg).jacobian == path_engine(cg).jacobian


@settings(max_examples=80, deadline=None)
@given(small_dags(), st.randoms(use_true_random=False))
def test_any_edge_order_gives_the_exact_jacobian(graph, rng):
    """Random front and back eliminations, until none is left."""
    cg = compile_graph(graph)
    lin = Linearised(cg)
    while True:
        moves = [(i, j, f) for i in lin.succ for j in lin.succ[i] for f in (True, False)
                 if (lin.succ[j] if f else lin.pred[i])]
        if not moves:
            break
        eliminate_edge(lin, rng.choice(sorted(moves)))
    assert lin.jacobian(cg) == path_engine(cg).jacobian


@settings(max_examples=80, deadline=None)
@given(small_dags(), st.sampled_from(["forward", "reverse", "markowitz"]))
def test_front_eliminating_a_vertex_in_edges_is_vertex_elimination(graph, order):
    cg = compile_graph(graph)
    vertex = eliminate_engine(cg, order)
    lin = Linearised(cg)
    for v in vertex.order:
        for u in list(lin.pred[v]):
            eliminate_edge(lin, (u, v, True))
    assert (lin.mul, lin.add, lin.jacobian(cg)) == (vertex.mul, vertex.add, vertex.jacobian)


def test_heuristic_takes_cheap_reducing_eliminations_first():
    # a -> b is cheap and reducing: b's only succ is y and a -> y exists (1 mul, 1 add).
    # Then no edge is: a (degree 1, before b) goes, front x -> a makes x -> y; then b,
    # whose one product x -> b -> y is added into it.
    g = from_edges([("x", "a", 1), ("a", "b", 1), ("b", "y", 1), ("a", "y", 1),
                    ("x", "b", 1)], ["x"])
    cg = compile_graph(g)
    lin = Linearised(cg)
    x, a, b = 0, 1, 2
    assert greedy_steps(lin) == [(a, b, True), (x, a, True), (x, b, True)]
    assert (lin.mul, lin.add, lin.pred[3]) == (3, 2, {x: 3})


def test_engine_is_registered_and_runs_in_every_arithmetic():
    assert ENGINES["eliminate-edge"] is edge_engine
    g = loads(LIGHTHOUSE)
    for arith in ("float", "exact", "symbolic"):
        a = analyze(g, ["reverse", "eliminate-edge"], arith=arith)
        assert a.agree, arith
        assert a.results["eliminate-edge"].mul == 16


def test_cli_reports_the_edge_order(tmp_path):
    path = tmp_path / "kite.yaml"
    path.write_text("inputs: [x]\noutputs: [y]\nedges:\n"
                    + "".join(f"  - [{u}, {v}, {p}]\n" for u, v, p in KITE))
    result = CliRunner().invoke(main, ["analyze", str(path), "--engine", "eliminate-edge",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    entry = json.loads(result.output)["engines"]["eliminate-edge"]
    assert entry["mul"] == 7 and entry["order"][0] == "front:x->b"


def test_saved_edge_order_replays_through_order_file(tmp_path):
    """--save-order writes the eliminations; --order replays them to the same counts."""
    graph = tmp_path / "kite.yaml"
    graph.write_text("inputs: [x]\noutputs: [y]\nedges:\n"
                     + "".join(f"  - [{u}, {v}, {p}]\n" for u, v, p in KITE))
    saved = tmp_path / "order.yaml"
    first = CliRunner().invoke(main, ["analyze", str(graph), "-e", "eliminate-edge",
                                      "--save-order", str(saved), "--format", "json"])
    assert first.exit_code == 0, first.output
    assert "- front:x->b\n" in saved.read_text()
    again = CliRunner().invoke(main, ["analyze", str(graph), "-e", "reverse", "--order",
                                      str(saved), "--format", "json"])
    assert again.exit_code == 0, again.output
    run = json.loads(first.output)["engines"]["eliminate-edge"]
    given = json.loads(again.output)["engines"]["eliminate-given"]
    assert (given["mul"], given["add"], given["order"]) == (run["mul"], run["add"], run["order"])
    # The six eliminations of the docs replay to 6 mul, 5 add.
    saved.write_text("".join(f"- {'front' if f else 'back'}:{i}->{j}\n" for i, j, f in KITE_STEPS))
    best = CliRunner().invoke(main, ["analyze", str(graph), "--order", str(saved),
                                     "--format", "json"])
    given = json.loads(best.output)["engines"]["eliminate-given"]
    assert (given["mul"], given["add"]) == (6, 5)


def test_a_bad_edge_order_is_refused_in_one_line(tmp_path):
    graph = tmp_path / "kite.yaml"
    graph.write_text("inputs: [x]\noutputs: [y]\nedges:\n"
                     + "".join(f"  - [{u}, {v}, {p}]\n" for u, v, p in KITE))
    order = tmp_path / "order.yaml"
    refusals = [
        ("- front:c->d\n- front:c->d\n", ("line 2, column 3: item 2 of the order, 'front:c->d': "
                                          "no edge c -> d is left to eliminate")),
        ("- back:x->a\n", ("item 1 of the order, 'back:x->a': x is not an intermediate, so "
                          "x -> a cannot be back-eliminated")),
        ("- front:a->y\n", ("item 1 of the order, 'front:a->y': y is not an intermediate, so "
                           "a -> y cannot be front-eliminated")),
        ("- front:x->q\n", "'front:x->q': not an edge elimination"),
        ("- front:c->d\n", ("the order leaves 4 intermediate(s) with edges to eliminate: "
                           "a, b, c, d")),
    ]
    for text, why in refusals:
        order.write_text(text)
        result = CliRunner().invoke(main, ["analyze", str(graph), "--order", str(order)])
        assert result.exit_code == 2, result.output
        assert why in result.output and "Traceback" not in result.output
