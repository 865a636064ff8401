"""A small graph's numpy-free route against the numpy route it replaces (issue 10 item 16).

Below :data:`pathsum.backend.SMALL_GRAPH` nodes plus edges a graph's paths are counted in
plain Python, its sweeps take the loop and its float paths are summed on lists. Each piece must give exactly what the numpy route gives on
the same graph (floats to the last bit), so results do not depend on which side of the
threshold a graph falls: numpy's route is forced by lowering the threshold to 0.
"""

from __future__ import annotations

import math
import struct
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_random_dags import FRACTIONS, dags

import pathsum
from pathsum import backend, compiled
from pathsum.backend import SMALL_GRAPH
from pathsum.compiled import compile_graph
from pathsum.counting import count_paths
from pathsum.engines import path as path_module
from pathsum.engines.forward import forward_engine
from pathsum.engines.path import path_engine
from pathsum.engines.reverse import reverse_engine

#: Partials with mantissas that round, so that the order of additions shows in the bits.
FLOATS = st.floats(-2, 2, allow_nan=False).filter(lambda p: abs(p) > 1e-3)


def graph_of(dag) -> pathsum.Graph:
    return pathsum.from_edges(*dag)


def loaded(dag) -> pathsum.Graph:
    """The DAG read back from its graph file, so compile takes the loader's edge lists."""
    return pathsum.loads(graph_of(dag).to_yaml())


def bits(value: object) -> object:
    """A float by its bits (-0.0 is not 0.0), anything else as it is."""
    return struct.pack("<d", value) if isinstance(value, float) else value


def same_bits(a: dict, b: dict) -> bool:
    return {y: {x: bits(d) for x, d in row.items()} for y, row in a.items()} == \
        {y: {x: bits(d) for x, d in row.items()} for y, row in b.items()}


def past_the_threshold(patch: pytest.MonkeyPatch) -> None:
    """Treat every graph as large, as the numpy route does."""
    patch.setattr(backend, "SMALL_GRAPH", 0)
    patch.setattr(path_module, "LISTED_PATH_EDGES", -1)


def old_small_route(graph: pathsum.Graph) -> dict[str, object]:
    """What a small graph got before it skipped numpy: paths counted on numpy, float paths
    summed in numpy chunks (its sweeps took the loop by the estimate)."""
    with pytest.MonkeyPatch.context() as patch:
        past_the_threshold(patch)
        return run_engines(compile_graph(graph), sweeps="python")


def run_engines(cg: compiled.CompiledGraph, sweeps: str = "auto") -> dict[str, object]:
    found: dict[str, object] = {"counts": count_paths(cg)}
    for engine in (path_engine, forward_engine, reverse_engine):
        kwargs = {} if engine is path_engine else {"per_node": True, "backend": sweeps}
        r = engine(cg, **kwargs)
        per_node = r.per_node and {s: [bits(v) for v in values]
                                   for s, values in r.per_node.items()}
        found[r.engine] = (r.mul, r.add, r.sweeps, r.enumerated, per_node,
                           r.jacobian if engine is path_engine else
                           {y: {x: bits(d) for x, d in row.items()}
                            for y, row in r.jacobian.items()})
    return found


def same_route_results(got: dict[str, object], want: dict[str, object]) -> bool:
    """Everything the same to the bit, but the path engine's float sums: the plain loop
    and numpy's blocks add in different orders, within the golden float tolerance."""
    *rest, sums = got.pop("path")
    *want_rest, want_sums = want.pop("path")
    return got == want and rest == want_rest and all(
        math.isclose(d, want_sums[y][x], rel_tol=1e-9, abs_tol=1e-12)
        for y, row in sums.items() for x, d in row.items())


@given(dags(FLOATS))
def test_small_float_graphs_get_what_the_numpy_route_gave(dag):
    graph = graph_of(dag)
    assert not backend.takes_arrays(compile_graph(graph), "auto")
    assert same_route_results(run_engines(compile_graph(graph)), old_small_route(graph))


@given(dags(FRACTIONS))
def test_exact_graphs_are_the_same_on_both_sides_of_the_threshold(dag):
    graph = graph_of(dag)
    with pytest.MonkeyPatch.context() as patch:
        past_the_threshold(patch)
        beyond = run_engines(compile_graph(graph))
    assert run_engines(compile_graph(graph)) == beyond


def chain_with_fan(items: int) -> pathsum.Graph:
    """x -> a -> ... plus parallel edges, with ``items`` nodes plus edges (odd or even)."""
    steps = (items - 1) // 2
    edges = [(f"n{i}", f"n{i + 1}", 1.0 + (i % 5) / 8) for i in range(steps)]
    if (items - 1) % 2:
        edges.append(("n0", "n1", 0.75))  # one more edge: a parallel one
    return pathsum.from_edges(edges, ["n0"])


@pytest.mark.parametrize("items", [SMALL_GRAPH - 2, SMALL_GRAPH - 1, SMALL_GRAPH,
                                   SMALL_GRAPH + 1])
def test_analysis_across_the_threshold(items):
    """Graphs just below and at the threshold: the route changes, the answers do not."""
    graph = chain_with_fan(items)
    cg = compile_graph(graph)
    assert cg.n_nodes + cg.n_edges == items
    assert backend.takes_arrays(cg, "auto") is (items >= SMALL_GRAPH)
    result = pathsum.analyze(graph)
    exact = pathsum.analyze(pathsum.from_edges(
        [(u, v, Fraction(d["partial"])) for u, v, d in graph.network.edges(data=True)],
        ["n0"]))
    assert result.paths() == exact.paths() == {"n" + str((items - 1) // 2): {"n0": 2 if (items - 1) % 2 else 1}}
    for name, r in result.results.items():
        e = exact.results[name]
        assert (r.mul, r.add) == (e.mul, e.add), name
        for y, row in r.jacobian.items():
            for x, d in row.items():
                assert math.isclose(d, e.jacobian[y][x], rel_tol=1e-12), (name, y, x)


def wide_fan(inputs: int = 10, outputs: int = 20) -> pathsum.Graph:
    return pathsum.from_edges(
        [(f"x{i}", f"y{j}", 0.5 + i / 7 - j / 11) for i in range(inputs) for j in range(outputs)],
        [f"x{i}" for i in range(inputs)])


def parallel_bundle(width: int) -> pathsum.Graph:
    """x => a => y with ``width`` parallel edges each: width² paths arrive in one block."""
    edges = [("x", "a", 1 / (i + 3)) for i in range(width)]
    edges += [("a", "y", (-1) ** i * (i + 1) / 7) for i in range(width)]
    return pathsum.from_edges(edges, ["x"])


@pytest.mark.parametrize("graph", [
    pytest.param(lambda: wide_fan(), id="wide-fan-levels"),
    pytest.param(lambda: parallel_bundle(9), id="81-paths-pairwise"),
    pytest.param(lambda: parallel_bundle(13), id="169-paths-pairwise-halves"),
    pytest.param(lambda: pathsum.load(pathsum.families.diamond(4, 3)), id="diamond"),
    pytest.param(lambda: pathsum.load(pathsum.families.lattice(5)), id="lattice"),
    pytest.param(lambda: pathsum.load(pathsum.families.mlp([3, 5, 4, 2], seed=3)), id="mlp"),
    pytest.param(lambda: pathsum.load(pathsum.families.random_dag(30, 3.0, seed=2)),
                 id="random"),
])
def test_small_family_graphs_get_what_the_numpy_route_gave(graph):
    graph = graph()
    assert not backend.takes_arrays(compile_graph(graph), "auto")
    assert same_route_results(run_engines(compile_graph(graph)), old_small_route(graph))


def test_a_small_graph_with_many_path_edges_takes_the_chunks(monkeypatch):
    """The loop is ~5x slower per path edge than numpy's blocks: past LISTED_PATH_EDGES the
    blocks win even counting numpy's import; the sums agree within the float tolerance."""
    from pathsum.backend import paths
    from pathsum.engines.path import LISTED_PATH_EDGES

    routed, real = [], paths.enumerate_route
    monkeypatch.setattr(paths, "enumerate_route",
                        lambda cg, *rest: routed.append("arrays") or real(cg, *rest))
    for k, listed in ((6, True), (8, False)):  # 4,374 and 52,488 path edges
        cg = compile_graph(pathsum.load(pathsum.families.diamond(k, 3)))
        assert not backend.takes_arrays(cg, "auto") and (count_paths(cg).path_edges <= LISTED_PATH_EDGES) is listed
        routed.clear()
        result = path_engine(cg)
        assert routed == ([] if listed else ["arrays"])
        chunked = real(cg)
        assert math.isclose(result.jacobian[k][0], chunked.jacobian[k][0], rel_tol=1e-9)
        assert (result.mul, result.add) == (chunked.mul, chunked.add)
