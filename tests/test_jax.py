"""Importing JAX functions (pathsum.from_jax, pathsum import jax) against jax.grad itself.

Skipped where JAX is missing; CI installs the pathsum[jax] extra so that they run.
"""

from __future__ import annotations

import math

import pytest

jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")

from oracles import GRAPHS, ROOT, run_cli
from test_trace import example

import pathsum
from pathsum.errors import NotFiniteError, TraceError
from pathsum.importers.jax_arrays import ARRAY_PRIMITIVES
from pathsum.importers.jaxpr import PRIMITIVES, from_jax

#: Engines that any graph allows, quickly (no order to give, no search, no size limit).
ENGINE_NAMES = ["path", "forward", "reverse", "eliminate-forward", "eliminate-reverse",
                "eliminate-markowitz"]

#: Names older JAX versions give the same calls; the installed JAX makes only the new ones.
OLDER_NAMES = {"pjit", "checkpoint", "custom_vjp_call_jaxpr"}


@jax.custom_vjp
def _sine(x):
    return jnp.sin(x)


_sine.defvjp(lambda x: (jnp.sin(x), x), lambda x, ct: (ct * jnp.cos(x),))


def everything(x, y):
    """Every primitive pathsum imports (the test below checks that none is missing)."""
    a = x + y - x * y / (y - 3.0) + (-x) + x ** y + x ** 3 + jnp.arctan2(y, x)
    b = jnp.maximum(x, y) + jnp.minimum(x, 2.0) + jnp.abs(x - 4) + jnp.square(y)
    c = jnp.sin(x) + jnp.cos(y) + jnp.tan(0.3 * x) + jnp.arcsin(0.2 * y) + jnp.arccos(0.1 * x)
    d = jnp.arctan(x) + jnp.exp(0.5 * y) + jnp.log(x) + jnp.log1p(y) + jnp.expm1(0.1 * x)
    e = jnp.sqrt(x) + jax.lax.rsqrt(y) + jnp.exp2(y) + jnp.tanh(x) + jax.nn.sigmoid(y)
    f = jax.nn.relu(x - 1) + jax.jit(lambda u: u * 3.0)(y) + jax.checkpoint(lambda u: u * u)(x)
    g = _sine(y) + jax.lax.stop_gradient(x) * y + jnp.sign(x - 5) * y
    h = jnp.where((x > y) & (y >= 0) | ~(x < 0), x * x, y) + jnp.where(x <= y, 1.0, y)
    i = jnp.where(x == y, 0.0, x) + jnp.where(x != y, y, 0.0) + jnp.floor(x) * jnp.ceil(y) * y
    j = jnp.asarray(x, dtype=jnp.float64) + jnp.array(y, copy=True) + (x > 1).astype(float) * y
    k = jnp.sinh(x) + jnp.cosh(y) + jnp.arcsinh(x) + jnp.arccosh(x + 1) + jnp.arctanh(0.5 * y)
    k = k + jax.scipy.special.erf(x * y)
    return a + b + c + d + e + f + g + h + i + j + k


def primitives_of(closed) -> set[str]:
    used, stack = set(), [closed.jaxpr]
    while stack:
        jaxpr = stack.pop()
        for eqn in jaxpr.eqns:
            used.add(eqn.primitive.name)
            for value in eqn.params.values():
                inner = getattr(value, "jaxpr", value)
                if hasattr(inner, "eqns"):
                    stack.append(inner)
    return used


@pytest.mark.slow
def test_every_supported_primitive_reproduces_jax_grad():
    point = {"x": 1.7, "y": 0.6}
    with jax.enable_x64(True):
        used = primitives_of(jax.make_jaxpr(everything)(*point.values()))
        value = float(everything(*(jnp.float64(v) for v in point.values())))
        grad = [float(g) for g in jax.grad(everything, argnums=(0, 1))(*point.values())]
    scalar = PRIMITIVES - OLDER_NAMES - ARRAY_PRIMITIVES  # arrays: test_jax_arrays.py
    assert used >= scalar, scalar - used
    graph = from_jax(everything, **point)
    (y,) = graph.outputs
    assert y == "y_"  # y is an input
    assert graph.values[y] == pytest.approx(value, rel=1e-12)
    result = pathsum.analyze(graph, ENGINE_NAMES)
    assert result.agree
    for name in ENGINE_NAMES:
        row = result.jacobian(name)[y]
        assert [row["x"], row["y"]] == pytest.approx(grad, rel=1e-12, abs=1e-12), name


def test_cse_makes_the_lighthouse_cost_what_the_hand_written_file_costs():
    point = {"nu": 2.0, "gamma": 3.0, "omega": 0.5, "t": 0.7}
    lighthouse = example("lighthouse_jax").lighthouse
    with jax.enable_x64(True):
        closed = jax.make_jaxpr(lambda *a: lighthouse(*a))(*point.values())
    assert len(closed.jaxpr.eqns) == 8  # omega*t and tan(omega*t) written, and traced, twice
    imported = from_jax(lighthouse, **point)
    assert len(imported.order) - len(imported.inputs) == 6  # merged: the hand-written six
    by_hand = pathsum.load(GRAPHS / "lighthouse.yaml")
    engines = [*ENGINE_NAMES, "eliminate-optimal"]
    a, b = pathsum.analyze(imported, engines), pathsum.analyze(by_hand, engines)
    for name in engines:
        assert (a.results[name].mul, a.results[name].add) == \
            (b.results[name].mul, b.results[name].add), name
    assert a.results["eliminate-optimal"].mul == 15
    for y in ("y1", "y2"):
        assert a.jacobian("reverse")[y] == pytest.approx(b.jacobian("reverse")[y], rel=1e-14)
    # traced from plain Python, the repeated tan stays repeated, and costs more
    traced = pathsum.trace(example("lighthouse").lighthouse, **point)
    assert len(traced.order) - len(traced.inputs) == 8
    assert pathsum.analyze(traced, ["reverse"]).results["reverse"].mul > b.results["reverse"].mul


@pytest.mark.parametrize("x", [2.0, -2.0])
def test_where_follows_the_point(x):
    def f(x):
        return jnp.where(x > 0, x * x, -x)

    graph = from_jax(f, x=x)
    with jax.enable_x64(True):
        expected = float(jax.grad(f)(x))
    assert pathsum.analyze(graph).jacobian("reverse") == {"y": {"x": expected}}


def test_output_names():
    assert from_jax(lambda x: (x * 2, x + 1), x=1.0).outputs == ["y1", "y2"]
    assert from_jax(lambda x: {"b": x * 2, "a": {"c": x + 1}}, x=1.0).outputs == ["a_c", "b"]
    graph = from_jax(lambda x, y: (x, y * 2, y * 2), x=1.0, y=2.0)
    assert graph.outputs == ["y1", "y2", "y3"]
    assert pathsum.analyze(graph).jacobian("reverse")["y1"] == {"x": 1.0, "y": 0.0}


def test_literals_alone_are_folded():
    graph = from_jax(lambda x: x * jnp.sin(2.0) + jnp.cos(1.0), x=1.0)
    formulas = [graph.network.nodes[n]["formula"] for n in graph.order[1:]]
    assert formulas == [f"x * {math.sin(2.0)!r}", f"mul1 + {math.cos(1.0)!r}"]


@pytest.mark.parametrize(("f", "error", "message"), [
    (lambda x: jnp.sum(jnp.sort(jnp.array([x, x]) ** 2)), TraceError,
     "JAX primitive sort has no pathsum formula (supported: "),
    (lambda x: jax.lax.lgamma(x), TraceError, "JAX primitive lgamma has no pathsum formula"),
    (lambda x: x.astype(jnp.float32) * 2, TraceError,
     ("JAX equation 'convert_element_type' converts a traced value to float32; pathsum "
     "computes in 64-bit floats")),
    (lambda x: jnp.log(x - 2), NotFiniteError,
     "JAX equation 'log': log(-1) is not defined (math domain error)"),
])
def test_refusals_are_one_line_naming_the_primitive(f, error, message):
    with pytest.raises(error) as caught:
        from_jax(f, x=1.0)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_cli_import_jax(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    point = "nu=2,gamma=3,omega=0.5,t=0.7"
    result = run_cli("import", "jax", "examples/lighthouse_jax.py:lighthouse", "--at", point)
    assert (result.exit_code, result.stderr) == (0, "")
    expected = from_jax(example("lighthouse_jax").lighthouse, nu=2.0, gamma=3.0, omega=0.5,
                        t=0.7)
    assert result.stdout == expected.to_yaml()
    out = tmp_path / "lh.yaml"
    result = run_cli("import", "jax", "examples/lighthouse_jax.py:lighthouse", "--at", point,
                     "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert out.read_text(encoding="utf-8") == expected.to_yaml()


@pytest.mark.parametrize(("body", "at"), [
    ("jnp.sort(jnp.array([x, 1.0]))[0]", "x=1"),  # a scalar input
    ("jnp.sort(x)", "x=[0.3,0.1]"),  # an array input, an array output
])
def test_cli_refusal_is_one_line(tmp_path, monkeypatch, body, at):
    (tmp_path / "arrays.py").write_text(
        f"import jax.numpy as jnp\n\ndef f(x):\n    return {body}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.path", list(__import__("sys").path))
    result = run_cli("import", "jax", "arrays.py:f", "--at", at, "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: JAX primitive sort has no pathsum formula "
                                    "(supported: ")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "out.yaml").exists()
