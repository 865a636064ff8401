"""Every file in graphs/ analyses with the engines agreeing, and each one's numbers are
checked against something derived independently of pathsum."""

from __future__ import annotations

import math

import pytest
from oracles import GRAPHS, brute_force, close, run_cli, sweep_costs

import pathsum

FILES = sorted(GRAPHS.glob("*.yaml"))


def edges_of(graph):
    return [(u, v, d["partial"]) for u, v, d in graph.network.edges(data=True)]


def test_there_are_at_least_six_graphs():
    names = {f.stem for f in FILES}
    assert {"olah", "path-explosion", "mlp", "diamond-chain", "grid-4x4", "projectile",
            "activity"} <= names


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_graph_analyses_and_engines_agree(path):
    graph = pathsum.load(path)
    assert graph.description and graph.description.strip()
    assert graph.name == path.stem
    result = pathsum.analyze(graph)
    assert result.agree
    edges = edges_of(graph)
    oracle = brute_force(edges, graph.inputs, graph.outputs)
    assert result.paths() == oracle["paths"]
    scale = max(abs(d) for row in oracle["jacobian"].values() for d in row.values())
    for name in ("path", "forward", "reverse"):
        jac = result.jacobian(name)
        for y, row in oracle["jacobian"].items():
            for x, d in row.items():
                assert close(jac[y][x], d, scale), (name, y, x)
    path_result = result.results["path"]
    assert (path_result.mul, path_result.add) == (oracle["mul"], oracle["add"])
    costs = sweep_costs(edges, graph.inputs, graph.outputs)
    for name in ("forward", "reverse"):
        r = result.results[name]
        assert (r.mul, r.add, r.sweeps) == costs[name]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_graph_through_the_cli(path):
    result = run_cli("analyze", str(path), "--explain")
    assert result.exit_code == 0, result.output
    assert "agree on every derivative" in result.stdout


# -- each example's own numbers, from first principles ----------------------------------------
def mlp_loss(p: dict[str, float]) -> float:
    h = [math.tanh(p[f"w{i}1"] * p["x1"] + p[f"w{i}2"] * p["x2"]) for i in (1, 2, 3)]
    y = 1 / (1 + math.exp(-(p["v1"] * h[0] + p["v2"] * h[1] + p["v3"] * h[2])))
    return (y - 0.75) ** 2


def test_mlp_gradient_matches_central_differences():
    graph = pathsum.load(GRAPHS / "mlp.yaml")
    point = {x: graph.values[x] for x in graph.inputs}
    assert graph.values["loss"] == pytest.approx(mlp_loss(point), rel=1e-14)
    result = pathsum.analyze(graph)
    h = 1e-6
    for x in graph.inputs:
        up, down = dict(point), dict(point)
        up[x] += h
        down[x] -= h
        numeric = (mlp_loss(up) - mlp_loss(down)) / (2 * h)
        assert result.jacobian("reverse")["loss"][x] == pytest.approx(numeric, rel=1e-6, abs=1e-9)
    # the point of the example: one reverse sweep against one forward sweep per input
    assert result.results["reverse"].sweeps == 1
    assert result.results["forward"].sweeps == len(graph.inputs) == 11


def test_projectile_matches_the_closed_forms():
    graph = pathsum.load(GRAPHS / "projectile.yaml")
    v0, th, g = (graph.values[x] for x in ("v0", "theta", "g"))
    s, c = math.sin(th), math.cos(th)
    expected = {
        "time": {"v0": 2 * s / g, "theta": 2 * v0 * c / g, "g": -2 * v0 * s / g**2},
        "range": {"v0": 4 * v0 * s * c / g, "theta": 2 * v0**2 * math.cos(2 * th) / g,
                  "g": -2 * v0**2 * s * c / g**2},
        "height": {"v0": v0 * s**2 / g, "theta": v0**2 * s * c / g,
                   "g": -(v0**2) * s**2 / (2 * g**2)},
    }
    result = pathsum.analyze(graph)
    for name in ("path", "forward", "reverse"):
        jac = result.jacobian(name)
        for y, row in expected.items():
            for x, d in row.items():
                assert jac[y][x] == pytest.approx(d, rel=1e-12), (name, y, x)


def test_grid_counts_lattice_paths():
    result = pathsum.analyze(GRAPHS / "grid-4x4.yaml")
    assert result.paths() == {"n33": {"n00": math.comb(6, 3)}}
    # every path has 3 right (0.5) and 3 down (2) steps: each product is 1
    assert result.jacobian("path") == {"n33": {"n00": 20.0}}
    assert (result.results["path"].mul, result.results["path"].add) == (20 * 5, 19)
    # 24 edges, 2 leave the seed: 22 mul; the 9 inner nodes each join 2 contributions
    assert (result.results["forward"].mul, result.results["forward"].add) == (22, 9)
    assert (result.results["reverse"].mul, result.results["reverse"].add) == (22, 9)


def test_activity_spends_nothing_on_inactive_nodes():
    graph = pathsum.load(GRAPHS / "activity.yaml")
    result = pathsum.analyze(graph)
    assert result.jacobian("forward") == {"z": {"x": 3.0, "y": 6 + math.pi, "w": 0.0}}
    assert result.paths() == {"z": {"x": 1, "y": 1, "w": 0}}
    # only x -> a -> z costs anything: one mul, in every engine
    for name in ("path", "forward", "reverse"):
        r = result.results[name]
        assert (r.mul, r.add) == (1, 0), name
