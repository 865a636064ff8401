"""Issue 18: the faithful import (``merge=False``, ``--no-merge``) and the six functions
``sinh cosh asinh acosh atanh erf``, through JAX, against ``jax.jacrev`` and AlphaGrad's
published counts.
"""

from __future__ import annotations

import pytest

jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")

from oracles import ROOT, run_cli
from test_trace import example

import pathsum
from benchmarks.alphagrad.minpack import human_heart_dipole, propane_combustion
from pathsum.errors import NotFiniteError

#: The counts AlphaGrad publishes for its scalar tasks are forward, reverse, Markowitz.
COUNTED = ["eliminate-forward", "eliminate-reverse", "eliminate-markowitz"]

SIX = ("sinh", "cosh", "asinh", "acosh", "atanh", "erf")


POINT = dict(zip(["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8"],
                 [0.3, 0.2, 0.1, 0.4, 0.5, 0.6, 0.7, 0.8], strict=True))


def counts(graph: pathsum.Graph) -> list[int]:
    result = pathsum.analyze(graph, COUNTED)
    return [result.results[name].mul for name in COUNTED]


def test_faithful_heart_dipole_costs_what_alphagrad_publishes():
    faithful = pathsum.from_jax(human_heart_dipole, merge=False, **POINT)
    with jax.enable_x64(True):
        closed = jax.make_jaxpr(human_heart_dipole)(*POINT.values())
    assert len(faithful.order) - len(POINT) == len(closed.jaxpr.eqns) == 86
    assert counts(faithful) == [240, 172, 194]
    # merged, the repeated squares (x5**2 in x57 and in x557, ...) are one node each: cheaper
    merged = pathsum.from_jax(human_heart_dipole, **POINT)
    assert len(merged.order) - len(POINT) == 78
    assert counts(merged) == [240, 164, 194]


def test_faithful_propane_combustion_costs_what_alphagrad_publishes():
    point = {f"x{i}": 0.5 + 0.1 * i for i in range(1, 12)}
    faithful = pathsum.from_jax(propane_combustion, merge=False, **point)
    assert len(faithful.order) - len(point) == 62
    assert counts(faithful) == [151, 90, 111]
    merged = pathsum.from_jax(propane_combustion, **point)
    assert len(merged.order) - len(point) == 61  # x2 * x4, in f5 and f6: one node here


def test_the_example_dipole_is_minpacks_formulation_not_graphaxs():
    """examples/heart_dipole.py writes MINPACK-2's residuals output by output (t**2 - v**2
    twice, a*t*(...) and c*v*(...) per output): 112 equations, not Graphax's 86."""
    point = dict(zip("abcdtuvw", POINT.values(), strict=True))
    faithful = pathsum.from_jax(example("heart_dipole").dipole, merge=False, **point)
    assert len(faithful.order) - len(point) == 112
    assert counts(faithful) == [264, 172, 226]


def test_faithful_keeps_every_equation_and_the_jacobian():
    def f(x, y):
        a = x * y
        return jnp.sin(a) * jnp.sin(x * y) + x * jnp.cos(2.0), a

    point = {"x": 0.7, "y": 1.3}
    faithful = pathsum.from_jax(f, merge=False, **point)
    formulas = [faithful.network.nodes[n]["formula"] for n in faithful.order[2:]]
    assert formulas == ["x * y", "sin(y2)", "x * y", "sin(mul3)", "sin2 * sin4", "cos(2.0)",
                        "x * cos6", "mul5 + mul7"]
    merged = pathsum.from_jax(f, **point)
    assert len(merged.order) == 2 + 5  # x*y and its sin once, cos(2.0) folded
    with jax.enable_x64(True):
        expected = jax.jacrev(f, argnums=(0, 1))(*point.values())
    for graph in (faithful, merged):
        jacobian = pathsum.analyze(graph, ["reverse"]).jacobian("reverse")
        for y, row in zip(graph.outputs, expected, strict=True):
            assert [jacobian[y]["x"], jacobian[y]["y"]] == \
                pytest.approx([float(d) for d in row], rel=1e-13)
    # by hand, forward: y2 = x*y is an output that sin2 uses, so it is eliminated behind a
    # sink copy (2 preds x 2 succs = 4), then sin2, mul3, sin4, mul5 cost 2 each and mul7
    # (x times the constant cos6, which takes no part) 1: 13. Reverse: 1+2+1+2+1+4 = 11.
    assert counts(faithful) == [13, 11, 12]


def test_cli_no_merge(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    target = "benchmarks/alphagrad/minpack.py:human_heart_dipole"
    at = ",".join(f"{name}={value}" for name, value in POINT.items())
    out = tmp_path / "faithful.yaml"
    result = run_cli("import", "jax", target, "--at", at, "--no-merge", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert counts(pathsum.load(out)) == [240, 172, 194]
    merged = run_cli("import", "jax", target, "--at", at)
    assert merged.exit_code == 0
    assert counts(pathsum.loads(merged.stdout)) == [240, 164, 194]


def six(x):
    return (jnp.sinh(x), jnp.cosh(x), jnp.arcsinh(x), jnp.arccosh(x + 2.0),
            jnp.arctanh(x / 2), jax.scipy.special.erf(x))


@pytest.mark.parametrize("x", [-0.9, -0.2, 0.0, 0.4, 1.1])
@pytest.mark.parametrize("merge", [True, False])
def test_six_functions_agree_with_jacrev(x, merge):
    graph = pathsum.from_jax(six, merge=merge, x=x)
    assert [graph.network.nodes[y]["formula"].split("(")[0] for y in graph.outputs] == \
        list(SIX)
    with jax.enable_x64(True):
        values = [float(v) for v in six(jnp.float64(x))]
        expected = [float(d) for d in jax.jacrev(six)(jnp.float64(x))]
    assert [graph.values[y] for y in graph.outputs] == pytest.approx(values, rel=1e-14)
    result = pathsum.analyze(graph, ["path", "forward", "reverse", "eliminate-markowitz"])
    assert result.agree
    jacobian = result.jacobian("reverse")
    assert [jacobian[y]["x"] for y in graph.outputs] == pytest.approx(expected, rel=1e-13)


@pytest.mark.parametrize(("f", "message"), [
    (lambda x: jnp.arccosh(x), "JAX equation 'acosh': acosh(0.5) is not defined"),
    (lambda x: jnp.arctanh(x + 0.5), "JAX equation 'atanh': atanh(1) is not defined"),
])
def test_domain_errors_are_named(f, message):
    with pytest.raises(NotFiniteError) as caught:
        pathsum.from_jax(f, x=0.5)
    assert str(caught.value).startswith(message)


def test_faithful_arrays_one_node_per_element_of_each_equation():
    def f(x, w):
        return jnp.sum(jnp.sin(x) * w + jnp.sin(x) * 2.0)

    point = {"x": [0.1, -0.4, 0.7], "w": [1.5, -0.5, 2.0]}
    faithful = pathsum.from_jax(f, merge=False, **point)
    merged = pathsum.from_jax(f, **point)
    sines = [[n for n in g.order if g.network.nodes[n].get("formula", "").startswith("sin(")]
             for g in (faithful, merged)]
    assert [len(s) for s in sines] == [6, 3]  # sin(x) written twice: per element, kept twice
    with jax.enable_x64(True):
        expected = [[float(d) for d in part] for part in
                    jax.jacrev(f, argnums=(0, 1))(*(jnp.array(v) for v in point.values()))]
    for graph in (faithful, merged):
        (y,) = graph.outputs
        row = pathsum.analyze(graph, ["reverse"]).jacobian("reverse")[y]
        assert [row[f"x_{i}"] for i in range(3)] == pytest.approx(expected[0], rel=1e-13)
        assert [row[f"w_{i}"] for i in range(3)] == pytest.approx(expected[1], rel=1e-13)
