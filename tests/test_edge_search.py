"""eliminate-edge-search: anytime search over edge-elimination sequences; proven only when
the search over every elimination ended, and then no sequence is cheaper (checked against
an independent exhaustive search)."""

from __future__ import annotations

import heapq
import itertools
import json

from click.testing import CliRunner
from hypothesis import assume, given, settings
from test_edge_eliminate import KITE
from test_eliminate import small_dags

from pathsum import compile_graph, from_edges, load, random_dag
from pathsum.cli import main
from pathsum.engines import ENGINES
from pathsum.engines.bound import lower_bounds
from pathsum.engines.edge_eliminate import edge_engine, given_edges
from pathsum.engines.edge_search import edge_search_engine
from pathsum.engines.eliminate import eliminate_engine, elimination_graph
from pathsum.engines.masks import Masks
from pathsum.engines.path import path_engine
from pathsum.engines.search import search_engine


def cheapest_by_dijkstra(pred: dict[int, set[int]]) -> int:
    """The least mul over all edge-elimination sequences, by Dijkstra over edge sets, written
    from the definition with no code of pathsum's: front i->j (j has out-edges) forms i->k
    for each j->k, back i->j (i has in-edges) forms h->j for each h->i, one mul each; then
    an intermediate with no in-edges or no out-edges left loses its other edges."""
    start = frozenset((u, v) for v, ps in pred.items() for u in ps)
    ends = {v for v in pred if not pred[v]} | {v for v in pred if not any(a == v for a, _ in start)}
    dist = {start: 0}
    heap = [(0, 0, start)]
    tie = itertools.count(1)
    while heap:
        d, _, edges = heapq.heappop(heap)
        if d > dist[edges]:
            continue
        tails, heads = {a for a, _ in edges}, {b for _, b in edges}
        moves = [(i, j, True) for i, j in edges if j in tails]
        moves += [(i, j, False) for i, j in edges if i in heads]
        if not moves:
            return d
        for i, j, front in moves:
            if front:
                made = {(i, k) for a, k in edges if a == j}
            else:
                made = {(h, j) for h, b in edges if b == i}
            new = (edges - {(i, j)}) | made
            tails, heads = {a for a, _ in new}, {b for _, b in new}
            gone = {v for v in pred if v not in ends and (v not in tails or v not in heads)}
            new = frozenset((a, b) for a, b in new if a not in gone and b not in gone)
            if d + len(made) < dist.get(new, 1 << 60):
                dist[new] = d + len(made)
                heapq.heappush(heap, (d + len(made), next(tie), new))
    raise AssertionError("unreachable: the empty move list ends the search")


def kite():
    return compile_graph(from_edges(KITE, ["x"], ["y"]))


def test_kite_is_found_and_proven():
    assert cheapest_by_dijkstra(elimination_graph(kite())[1]) == 6
    r = edge_search_engine(kite(), budget=30)
    assert (r.mul, r.add, r.optimal) == (6, 5, True)
    assert r.jacobian == path_engine(kite()).jacobian
    replayed = given_edges(kite(), r.order)
    assert (replayed.mul, replayed.add) == (r.mul, r.add)


def test_registered_and_takes_the_budget_on_the_command_line(tmp_path):
    assert ENGINES["eliminate-edge-search"] is edge_search_engine
    path = tmp_path / "kite.yaml"
    path.write_text("inputs: [x]\noutputs: [y]\nedges:\n"
                    + "".join(f"  - [{u}, {v}, {p}]\n" for u, v, p in KITE))
    result = CliRunner().invoke(main, ["analyze", str(path), "-e", "eliminate-edge-search",
                                       "--budget", "20", "--format", "json"])
    assert result.exit_code == 0, result.output
    entry = json.loads(result.output)["engines"]["eliminate-edge-search"]
    assert (entry["mul"], entry["optimal"]) == (6, True)


@settings(max_examples=60, deadline=None)
@given(small_dags())
def test_never_worse_than_vertex_orders_and_exact(graph):
    cg = compile_graph(graph)
    r = edge_search_engine(cg, budget=0.3)
    assert r.jacobian == path_engine(cg).jacobian
    assert r.mul <= eliminate_engine(cg, "optimal").mul
    assert r.mul <= edge_engine(cg).mul
    replayed = given_edges(cg, r.order)  # the order is a certificate of the count
    assert (replayed.mul, replayed.add, replayed.jacobian) == (r.mul, r.add, r.jacobian)


@settings(max_examples=40, deadline=None)
@given(small_dags())
def test_a_proven_count_is_the_least_of_all_edge_orders(graph):
    cg = compile_graph(graph)
    intermediates, pred = elimination_graph(cg)
    assume(len(intermediates) <= 5 and sum(map(len, pred.values())) <= 11)
    r = edge_search_engine(cg, budget=20)
    assert r.optimal
    assert r.mul == cheapest_by_dijkstra(pred)


@settings(max_examples=60, deadline=None)
@given(small_dags())
def test_the_vertex_bound_holds_for_edge_orders(graph):
    """The Menger bound the search proves from (edge_search's module argues it) never
    exceeds the least mul of all edge-elimination sequences, found by the oracle."""
    intermediates, pred = elimination_graph(compile_graph(graph))
    assume(len(intermediates) <= 5 and sum(map(len, pred.values())) <= 11)
    bound = sum(lower_bounds(Masks(intermediates, pred)).values())
    assert bound <= cheapest_by_dijkstra(pred)


def test_budget_zero_searches_nothing_but_proves_an_order_meeting_the_bound():
    """The vertex search's bound holds for edge orders too: an order that meets it is
    proven at once, even at budget 0; one that does not stays unproven."""
    for seed in range(6):
        cg = compile_graph(load(random_dag(nodes=30, degree=2.5, seed=seed)))
        r = edge_search_engine(cg, budget=0)
        vertex = search_engine(cg, budget=0)
        assert r.mul <= vertex.mul
        assert r.optimal == (r.mul <= vertex.bound)
