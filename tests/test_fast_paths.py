"""The float64 fast paths against the generic loops (issue 5; DESIGN §3).

The vectorised sweeps and the chunked enumeration must give the Jacobian of the generic
Python loops (to the agreement tolerance) and exactly the same mul, add and sweeps, on
random DAGs with parallel edges, several inputs and outputs, constants and dead branches.
No test here measures time: scripts/bench.py does.
"""

from __future__ import annotations

import copy
import os
import signal
import sys
from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from processes import diamond_yaml, group_members, running, wait_for

import pathsum
from pathsum import backend
from pathsum.analysis import agree
from pathsum.backend import paths as chunks
from pathsum.backend import sweeps as float_sweeps
from pathsum.backend.arrays import columns
from pathsum.compiled import compile_graph
from pathsum.engines.forward import forward_engine
from pathsum.engines.path import path_engine, path_products
from pathsum.engines.reverse import reverse_engine

SWEEPS = {"forward": forward_engine, "reverse": reverse_engine}
METHODS = ["arrays", "levels", "solve"]


@st.composite
def dags(draw, max_nodes: int = 14, max_edges: int = 40):
    """A DAG on n0..n{k} (ids in topological order) with float partials.

    Parallel edges, constants (nodes no input reaches), dead branches (nodes that reach no
    output), several inputs and outputs, and outputs that other nodes use all occur.
    """
    n = draw(st.integers(2, max_nodes))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 2), st.integers(1, n - 1))
                          .filter(lambda p: p[0] < p[1]), max_size=max_edges))
    partial = st.floats(-2, 2, allow_nan=False).filter(lambda p: abs(p) > 1e-3)
    pairs.append((n - 2, n - 1))  # at least one edge
    edges = [(f"n{u}", f"n{v}", draw(partial)) for u, v in pairs]
    has_in = {v for _, v in pairs}
    nodes = sorted({u for u, _ in pairs} | has_in)
    sources = [i for i in nodes if i not in has_in]
    inputs = draw(st.lists(st.sampled_from(sources), min_size=1, max_size=3, unique=True))
    others = [i for i in nodes if i not in inputs]
    outputs = draw(st.lists(st.sampled_from(others), min_size=1, max_size=3, unique=True))
    return pathsum.from_edges(edges, [f"n{i}" for i in inputs], [f"n{i}" for i in outputs])


def assert_same(fast, generic):
    assert (fast.mul, fast.add, fast.sweeps) == (generic.mul, generic.add, generic.sweeps)
    assert fast.jacobian.keys() == generic.jacobian.keys()
    scale = max((abs(d) for row in generic.jacobian.values() for d in row.values()), default=0)
    for y, row in generic.jacobian.items():
        assert row.keys() == fast.jacobian[y].keys()
        for x, d in row.items():
            # No path: both say the exact 0; a path: both give a Python float.
            assert type(fast.jacobian[y][x]) is type(d), (y, x)
            assert agree(fast.jacobian[y][x], d, scale), (y, x)


@given(dags())
def test_sweeps_fast_equals_generic(graph):
    cg = compile_graph(graph)
    assert cg.all_float
    for name, engine in SWEEPS.items():
        generic = engine(cg, backend="python")
        for method in METHODS:
            assert_same(engine(cg, backend=method), generic)
        fast = engine(cg)  # the default picks the float path
        assert (fast.engine, generic.engine) == (name, name)
        assert_same(fast, generic)


@given(dags())
def test_sweeps_without_the_direct_superlu_call(graph):
    """The public spsolve_triangular route, used when scipy's private solver moves."""
    cg = compile_graph(graph)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(float_sweeps, "gstrs", None)
        for engine in SWEEPS.values():
            assert_same(engine(cg, backend="solve"), engine(cg, backend="python"))


@given(dags())
def test_activity_from_compile_matches_networkx(graph):
    cg = compile_graph(graph)
    network = graph.network
    from_inputs = set().union(*({x} | nx.descendants(network, x) for x in graph.inputs))
    to_outputs = set().union(*({y} | nx.ancestors(network, y) for y in graph.outputs))
    assert {cg.names[v] for v in range(cg.n_nodes) if cg.active[v]} == from_inputs & to_outputs
    assert columns(cg).active.tolist() == cg.active


def test_no_engine_leaves_state_for_the_next_to_use():
    """No engine's figure includes (or skips) plans another engine built (DESIGN §8): the
    compiled graph's fields are the same after every engine as before, and the only thing
    kept on it is the float routes' shared arrays, built once by the analysis."""
    cg = compile_graph(pathsum.load(pathsum.families.mlp([3, 4, 2], seed=1)))
    before = {k: copy.deepcopy(v) for k, v in vars(cg).items() if k != "shared"}
    for run in (reverse_engine, path_engine, forward_engine):
        run(cg)
    forward_engine(cg, backend="arrays")
    assert {k: v for k, v in vars(cg).items() if k != "shared"} == before
    assert list(cg.shared) == ["columns"]
    result = pathsum.analyze(pathsum.families.mlp([3, 4, 2], seed=1),
                             engines=["reverse", "forward", "path", "eliminate-markowitz"])
    for engine in result.results.values():
        assert 0 <= engine.setup_seconds <= engine.seconds


def fan_in(k: int) -> pathsum.Graph:
    """k inputs into one node, then a chain of k steps: deep and narrow, many seeds."""
    edges = [(f"x{i}", "c0", 1.0 + i / k) for i in range(k)]
    edges += [(f"c{i}", f"c{i + 1}", 0.999) for i in range(k - 1)]
    return pathsum.from_edges(edges, [f"x{i}" for i in range(k)])


def test_the_rule_solves_for_many_seeds_on_a_deep_fan_in(monkeypatch):
    from pathsum.backend import sweeps as float_sweeps

    cg = compile_graph(fan_in(200))
    taken = []
    for route in ("_by_levels", "_by_solve"):
        real = getattr(float_sweeps, route)
        monkeypatch.setattr(float_sweeps, route,
                            lambda *a, r=real, n=route: taken.append(n) or r(*a))
    backend.run(cg, "forward")  # 200 seeds, 201 levels of 2 edges: too narrow for levels
    backend.run(cg, "reverse")  # one output: the graph's system
    assert taken == ["_by_solve", "_by_solve"]
    generic = forward_engine(cg, backend="python")
    for method in METHODS:
        assert_same(forward_engine(cg, backend=method), generic)


def test_the_rule_takes_levels_for_several_seeds_on_a_wide_network(monkeypatch):
    cg = compile_graph(pathsum.load(pathsum.families.mlp([4, 60, 60, 60, 1], seed=0)))
    taken = []
    for route in ("_by_levels", "_by_solve"):
        real = getattr(float_sweeps, route)
        monkeypatch.setattr(float_sweeps, route, lambda *a, r=real, n=route: taken.append(n) or r(*a))
    assert_same(forward_engine(cg), forward_engine(cg, backend="python"))
    reverse_engine(cg)
    assert taken == ["_by_levels", "_by_solve"]  # 4 inputs, 5 levels of 7,500 edges; 1 output


@given(dags(max_nodes=12, max_edges=30), st.sampled_from([1, 2, 5, 64]))
def test_chunked_enumeration_equals_generic(graph, chunk):
    """The numpy blocks, forced to ``chunk`` edge ids, give the plain loop's Jacobian and
    its exact mul and add; a spy proves the chunked route ran, block by block."""
    cg = compile_graph(graph)
    generic = path_engine(cg, backend="python")
    blocks = []
    real = chunks._enumerate

    def spied(x, rows, partial, size):
        blocks.append(size)
        return real(x, rows, partial, size)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(chunks, "_enumerate", spied)
        assert_same(chunks.enumerate_route(cg, chunk=chunk), generic)
    pairs = sum(1 for y in cg.outputs for x in cg.inputs if x in cg.cone(y)[0] and x != y)
    assert blocks == [chunk] * pairs


def test_chunks_smaller_than_the_number_of_paths():
    k = 8  # 3^8 = 6561 paths of 8 edges, in blocks of at most 16 edge ids
    graph = pathsum.from_edges([(f"v{i}", f"v{i + 1}", p) for i in range(k)
                                for p in (0.5, 1.0, 1.5)], ["v0"])
    cg = compile_graph(graph)
    result = chunks.enumerate_route(cg, chunk=16)
    assert (result.mul, result.add) == (3**k * (k - 1), 3**k - 1)
    assert result.jacobian[k][0] == pytest.approx(3.0**k, rel=1e-12)
    assert_same(result, path_engine(cg, backend="python"))


def test_path_products_list_paths_by_edge_id():
    cg = compile_graph(pathsum.from_edges([("x", "y", 1.0), ("x", "y", 2.0), ("y", "z", 3.0),
                                           ("x", "w", 1.0)], ["x"], ["z"]))
    assert [(list(p), v) for _, p, v in path_products(cg, 2, [0])] == [([0, 3], 3.0),
                                                                         ([1, 3], 6.0)]


def test_reference_graphs_counts_on_the_fast_path():
    """DESIGN §3's table, with float partials."""
    olah = pathsum.analyze(pathsum.loads(
        "inputs: {a: 2, b: 1}\nnodes: {c: a + b, d: b + 1, e: c * d}\n"))
    assert olah.compiled.all_float
    costs = {n: (r.mul, r.add, r.sweeps) for n, r in olah.results.items()}
    assert costs == {"path": (3, 1, None), "forward": (3, 1, 2), "reverse": (3, 1, 1)}
    assert olah.jacobian("reverse") == {"e": {"a": 2.0, "b": 5.0}}
    k = 12
    diamond = pathsum.analyze(pathsum.generate("diamond", k), max_paths=None)
    costs = {n: (r.mul, r.add) for n, r in diamond.results.items()}
    assert costs == {"path": (3**k * (k - 1), 3**k - 1), "forward": (3 * (k - 1), 2 * k),
                     "reverse": (3 * (k - 1), 2 * k)}
    assert diamond.agree


@pytest.mark.parametrize(("partial", "other"), [(Fraction(1, 3), Fraction(3, 2)), (2, 3),
                                               (Fraction(1, 3), 1.5)])
def test_exact_values_keep_the_generic_path(partial, other):
    edges = [("x", "y", partial), ("x", "y", other), ("y", "z", partial)]
    cg = compile_graph(pathsum.from_edges(edges, ["x"]))
    assert not cg.all_float  # one exact partial is enough to keep every engine generic
    expected = partial * partial + other * partial
    for engine in (path_engine, forward_engine, reverse_engine):
        result = engine(cg)
        assert result.jacobian[2][0] == pytest.approx(expected, rel=1e-15)
        assert type(result.jacobian[2][0]) is type(expected)
    exact = pathsum.analyze(pathsum.from_edges([("x", "y", Fraction(1, 3))] * 2, ["x"]))
    assert exact.jacobian("reverse") == {"y": {"x": Fraction(2, 3)}}


def test_overflow_is_inf_not_a_warning():
    cg = compile_graph(pathsum.from_edges([("x", "y", 1e200), ("y", "z", 1e200)], ["x"]))
    for engine in (path_engine, forward_engine, reverse_engine):
        assert engine(cg).jacobian[2][0] == float("inf")


@pytest.mark.slow
def test_100k_float_chain_through_all_engines():
    n = 100_000
    edges = [(f"x{i}", f"x{i + 1}", 2.0 if i % 2 == 0 else 0.5) for i in range(n)]
    result = pathsum.analyze(pathsum.from_edges(edges, ["x0"]))
    assert result.compiled.all_float
    for name, r in result.results.items():
        assert (r.mul, r.add) == (n - 1, 0), name
        assert result.jacobian(name) == {f"x{n}": {"x0": 1.0}}, name
    assert result.counts.lengths == {n: {0: n}}


def test_json_files_load_like_yaml(tmp_path):
    text = '{"inputs": ["x"], "edges": [["x", "y", 2], ["x", "y", 3], ["y", "z", 5]]}'
    (tmp_path / "g.json").write_text(text)
    (tmp_path / "g.yaml").write_text(text)
    as_json = pathsum.analyze(tmp_path / "g.json").to_dict()
    as_yaml = pathsum.analyze(tmp_path / "g.yaml").to_dict()
    for record in (as_json, as_yaml):
        del record["source"]
        for entry in record["engines"].values():
            del entry["seconds"], entry["setup_seconds"]
    assert as_json == as_yaml
    (tmp_path / "bad.json").write_text('{"inputs": ["x"],\n "edges": [["x", "y", "q"]]}')
    with pytest.raises(pathsum.errors.UnknownNameError, match=r"bad\.json, line 2.*'q'"):
        pathsum.load(tmp_path / "bad.json")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="POSIX signals and /proc")
def test_ctrl_c_during_enumeration_exits_130_without_traceback(tmp_path):
    """3^20 paths take minutes to enumerate: SIGINT lands mid-enumeration."""
    k = 20
    path = tmp_path / "diamond.yaml"
    path.write_text(diamond_yaml(k))
    args = ["analyze", str(path), "--engine", "path", "--max-paths", str(3**k)]
    with running(args, env={**os.environ, "PYTHONUNBUFFERED": "1"}) as proc:
        # Start-up, loading and counting take about half a second of CPU.
        wait_for(lambda: group_members(proc.pid).get(proc.pid, (0, 0))[1] >= 2.0, proc,
                 "2 s of enumeration")
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert "Traceback" not in stderr
    assert stderr.strip().endswith("Interrupted.")
    assert stdout == ""


class _CountedList(list):
    """A list that counts its item reads: the work a loop over the compiled graph does."""

    reads = 0

    def __getitem__(self, index):
        _CountedList.reads += 1
        return super().__getitem__(index)


def _fan(outputs: int):
    """x -> a_i -> y_i for each of ``outputs`` outputs: 2 path edges per output."""
    edges = [("x", f"a{i}", 1.5) for i in range(outputs)]
    edges += [(f"a{i}", f"y{i}", 2.0) for i in range(outputs)]
    return compile_graph(pathsum.from_edges(edges, ["x"], [f"y{i}" for i in range(outputs)]))


@pytest.mark.parametrize("outputs", [50, 400])
def test_the_generic_path_engine_reads_in_proportion_to_the_paths(outputs, monkeypatch):
    """Each output once cost a pass over the whole graph and over every edge out of x:
    quadratic in the outputs (issue 10, defect 9: 11.4 s at 20,000 outputs)."""
    cg = _fan(outputs)
    for name in ("src", "dst", "in_edges", "out_edges"):
        setattr(cg, name, _CountedList(getattr(cg, name)))
    monkeypatch.setattr(_CountedList, "reads", 0)
    result = path_engine(cg, backend="python")
    assert result.mul == outputs  # one mul per path of 2 edges
    assert _CountedList.reads <= 6 * 2 * outputs  # a few reads per edge on a path


@pytest.mark.parametrize("outputs", [50, 400])
def test_the_chunked_path_engine_lays_out_only_each_outputs_cone(outputs, monkeypatch):
    """Its per-output arrays were as long as the graph; now as long as the output's cone."""
    laid_out = []
    real = chunks.row_pointers

    def counted(keys, n):
        laid_out.append(n + keys.size)
        return real(keys, n)

    monkeypatch.setattr(chunks, "row_pointers", counted)
    result = path_engine(_fan(outputs), backend="arrays")  # 50 outputs: a small graph
    assert result.mul == outputs
    assert len(laid_out) == outputs
    assert sum(laid_out) == outputs * (3 + 2)  # x, a_i, y_i and the 2 edges between them


def test_a_small_graph_takes_the_loop_and_a_large_one_the_arrays():
    def chain(k):
        return compile_graph(pathsum.from_edges(
            [(f"n{i}", f"n{i + 1}", 0.5) for i in range(k)], ["n0"]))
    small, large = chain(backend.SMALL_GRAPH // 2 - 1), chain(backend.SMALL_GRAPH // 2)
    assert not backend.takes_arrays(small, "auto") and backend.takes_arrays(large, "auto")
    for cg in (small, large):
        assert_same(forward_engine(cg), forward_engine(cg, backend="python"))
        assert_same(reverse_engine(cg), reverse_engine(cg, backend="python"))


@pytest.mark.parametrize("engine", [forward_engine, reverse_engine, path_engine])
def test_an_unknown_backend_is_refused_by_name(engine):
    cg = compile_graph(pathsum.from_edges([("x", "y", 2.0)], ["x"]))
    with pytest.raises(pathsum.UsageError, match=r"unknown backend 'numpy' \(choose from auto, "):
        engine(cg, backend="numpy")
