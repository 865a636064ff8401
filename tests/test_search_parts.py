"""The parts of eliminate-search: the Menger bound, exact window re-solves, the annealing
chain's incremental costs, reproducibility."""

from __future__ import annotations

import itertools
import time

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from test_search import active_dags

from pathsum import compile_graph, from_edges
from pathsum.engines.anneal import Chain, anneal, best_window, polish
from pathsum.engines.bound import lower_bounds
from pathsum.engines.eliminate import elimination_graph
from pathsum.engines.masks import Masks, eliminate

FAR = 1e9  # a deadline never reached: these tests count moves, not seconds


def _masks(graph) -> Masks:
    return Masks(*elimination_graph(compile_graph(graph)))


def _cost(masks: Masks, order: list[int]) -> int:
    """The mul of eliminating ``order`` (indices) from the start."""
    preds, succs = masks.preds.copy(), masks.succs.copy()
    return sum(eliminate(preds, succs, v) for v in order)


def _bounds(inter: list[int], pred: dict[int, set[int]], deadline=None) -> dict[int, int]:
    """lower_bounds keyed by vertex id."""
    masks = Masks(inter, pred)
    return {masks.vertices[i]: c for i, c in lower_bounds(masks, deadline).items()}


def _menger(pred: dict[int, set[int]], v: int, forward: bool) -> int:
    """Vertex-disjoint paths between v and the inputs (or outputs), by networkx's maximum
    flow on the graph with every vertex but v split into an entry and an exit."""
    g = nx.DiGraph()
    for w, ps in pred.items():
        g.add_edge(("in", w), ("out", w), capacity=1)
        for u in ps:
            a, b = (u, w) if forward else (w, u)
            g.add_edge(("out", a), ("in", b), capacity=1)
    ends = [w for w, ps in pred.items() if not ps] if not forward else \
        [w for w in pred if not any(w in ps for ps in pred.values())]
    for e in ends:
        g.add_edge(("out", e), "end", capacity=1)
    return int(nx.maximum_flow_value(g, ("out", v), "end"))


@settings(max_examples=60, deadline=None)
@given(active_dags(1, 14))
def test_the_bound_is_the_product_of_networkx_max_flows(graph):
    inter, pred = elimination_graph(compile_graph(graph))
    expected = {v: _menger(pred, v, False) * _menger(pred, v, True) for v in inter}
    assert _bounds(inter, pred) == expected


@st.composite
def layered(draw):
    """Dense layered DAGs with some edges skipping layers: many disjoint paths per vertex,
    where the greedy first pass of the flows can go wrong and augmenting paths must undo
    it."""
    widths = draw(st.lists(st.integers(1, 5), min_size=3, max_size=6))
    layers, edges, n = [], [], 0
    for w in widths:
        layers.append(list(range(n, n + w)))
        n += w
    for i in range(1, len(layers)):
        for v in layers[i]:
            below = [u for layer in layers[max(0, i - 2):i] for u in layer]
            preds = draw(st.lists(st.sampled_from(below), min_size=1, unique=True))
            edges += [(f"n{u}", f"n{v}", 1) for u in preds]
    used = {u for u, _, _ in edges}
    outputs = [f"n{v}" for layer in layers[1:] for v in layer if f"n{v}" not in used]
    return from_edges(edges, [f"n{u}" for u in layers[0]], outputs)


@settings(max_examples=60, deadline=None)
@given(layered())
def test_the_bound_on_dense_layers_is_the_product_of_networkx_max_flows(graph):
    inter, pred = elimination_graph(compile_graph(graph))
    expected = {v: _menger(pred, v, False) * _menger(pred, v, True) for v in inter}
    assert _bounds(inter, pred) == expected
    assert _bounds(inter, pred, deadline=0.0) == dict.fromkeys(inter, 1)  # out of time


@settings(max_examples=60, deadline=None)
@given(active_dags(2, 14), st.randoms(use_true_random=False), st.integers(2, 6))
def test_a_window_re_solve_is_the_best_permutation_of_the_window(graph, rng, width):
    masks = _masks(graph)
    order = list(masks.inner)
    rng.shuffle(order)
    lo = rng.randrange(max(1, len(order) - width + 1))
    window = order[lo:lo + width]
    preds, succs = masks.preds.copy(), masks.succs.copy()
    for v in order[:lo]:
        eliminate(preds, succs, v)
    cost, best = best_window(preds, succs, window)
    assert sorted(best) == sorted(window)

    def window_cost(sequence):
        p, s = preds.copy(), succs.copy()
        return sum(eliminate(p, s, v) for v in sequence)

    assert cost == window_cost(best) == min(map(window_cost, itertools.permutations(window)))
    # Of equal orders, the one whose last vertex comes latest in the window, and so on back.
    position = {v: i for i, v in enumerate(window)}
    cheapest = [p for p in itertools.permutations(window) if window_cost(p) == cost]
    assert best == list(max(cheapest, key=lambda p: [position[v] for v in reversed(p)]))


@settings(max_examples=40, deadline=None)
@given(active_dags(2, 30), st.randoms(use_true_random=False))
def test_the_chain_re_costs_only_the_moved_window_and_stays_exact(graph, rng):
    masks = _masks(graph)
    order = list(masks.inner)
    rng.shuffle(order)
    chain = Chain(masks, order)
    n = len(order)
    for _ in range(50):
        i, j = rng.randrange(n), rng.randrange(n)
        if i != j:
            before = chain.total
            moved = chain.try_move(i, j, rng.choice([0, 1, 5]))
            assert moved or chain.total == before
        assert sorted(chain.order) == sorted(order)
        assert chain.total == sum(chain.costs) == _cost(masks, chain.order)
    polished_from = chain.total
    polish(masks, chain, time.perf_counter() + FAR, width=5)
    assert chain.total == _cost(masks, chain.order) <= polished_from


@settings(max_examples=8, deadline=None)
@given(active_dags(10, 25), st.integers(0, 3))
def test_annealing_is_reproducible_for_a_seed_and_never_worse_than_its_start(graph, seed):
    masks = _masks(graph)
    start = list(masks.inner)[::-1]
    first = anneal(masks, start, time.perf_counter() + FAR, seed)
    assert first == anneal(masks, start, time.perf_counter() + FAR, seed)
    assert first[0] == _cost(masks, first[1]) <= _cost(masks, start)
    assert sorted(first[1]) == sorted(start)


def test_annealing_leaves_reverse_mode_on_a_graph_where_it_is_not_best():
    # Ten inputs feed a, then a chain b, c, d to ten outputs: reverse mode carries the ten
    # inputs down the chain; eliminating b and c first joins a to d at 1 mul each.
    edges = [(f"x{i}", "a", 1) for i in range(10)]
    edges += [("a", "b", 1), ("b", "c", 1), ("c", "d", 1)]
    edges += [("d", f"y{i}", 1) for i in range(10)]
    masks = _masks(from_edges(edges, [f"x{i}" for i in range(10)],
                              [f"y{i}" for i in range(10)]))
    reverse = list(masks.inner)[::-1]
    found = anneal(masks, reverse, time.perf_counter() + FAR, 0)
    assert _cost(masks, reverse) == 10 * 10 + 3 * 10  # d 1·10, then c, b, a 1·10 each
    assert found[0] == 1 + 1 + 10 + 10 * 10 == _cost(masks, found[1])  # b, c, a, d
