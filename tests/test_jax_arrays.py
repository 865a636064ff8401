"""Importing JAX functions of arrays: each array primitive's expansion against jax.jacrev.

Every element of an array argument is an input node (``x[0]`` is ``x_0``, ``W[1,2]`` is
``W_1_2``) and every element of an array result an output node; the Jacobian pathsum's
engines compute on the imported graph must be jacrev's, entry by entry.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest

jax = pytest.importorskip("jax")
jnp = pytest.importorskip("jax.numpy")

from oracles import ROOT, run_cli
from test_jax import ENGINE_NAMES, primitives_of

import pathsum
from pathsum.cli.trace import parse_at
from pathsum.errors import ArgumentError, InputTypeError, TooLargeError, TraceError
from pathsum.importers.jax_arrays import ARRAY_PRIMITIVES
from pathsum.importers.jaxpr import element_name, from_jax


def _grad_of_sum(x):
    return jax.grad(lambda u: jnp.sum(jnp.sin(u) * u * u))(x)  # x used twice: add_any


def _inner(u, v):
    return jnp.tanh(u) * v


#: name -> (function, the shapes of its arguments, the primitives it must use)
CASES = {
    "matmul": (lambda W, x: W @ x, [(3, 4), (4,)], {"dot_general"}),
    "matrix product": (lambda A, B: jnp.sin(A @ B), [(2, 3), (3, 4)], {"dot_general"}),
    "batched einsum": (lambda A, B: jnp.einsum("bij,bjk->bik", A, B), [(2, 2, 3), (2, 3, 2)],
                       {"dot_general"}),
    "vector dot": (lambda u, v: jnp.dot(u, v) * u, [(3,), (3,)], {"dot_general"}),
    "outer broadcast": (lambda u, v: u[:, None] * v[None, :] + 1.0, [(3,), (2,)],
                        {"broadcast_in_dim"}),
    "scalar with array": (lambda t, v: t * v + t, [(), (3,)], {"mul", "add"}),
    "reshape": (lambda x, w: x.reshape(2, 3) * w, [(6,), (3,)], {"reshape"}),
    "ravel of a transpose": (lambda A: jnp.exp(A.T.ravel()), [(2, 3)], {"reshape"}),
    "transpose": (lambda A, x: A.T @ x, [(3, 2), (3,)], {"transpose"}),
    "squeeze and expand_dims": (lambda x: jnp.squeeze(jnp.expand_dims(x, 1) * x[:, None], 1),
                                [(3,)], {"squeeze", "broadcast_in_dim"}),
    "slice": (lambda x: x[1:4] * x[::2], [(6,)], {"slice"}),
    "index": (lambda x: x[0] * x[2] + jnp.log(x[1] ** 2), [(3,)], {"slice", "squeeze"}),
    "dynamic_slice at the argmax": (
        lambda x: jax.lax.dynamic_slice(x, (jnp.argmax(x),), (2,)) * x[0], [(5,)],
        {"dynamic_slice", "argmax"}),
    "dynamic_slice at the argmin": (
        lambda A: jax.lax.dynamic_slice(A, (jnp.argmin(A[:, 0]), 1), (2, 2)), [(4, 3)],
        {"dynamic_slice", "argmin"}),
    "dynamic_update_slice": (lambda x, u: jax.lax.dynamic_update_slice(x, u * u, (1,)) * x,
                             [(4,), (2,)], {"dynamic_update_slice"}),
    "concatenate": (lambda x, u: jnp.cos(jnp.concatenate([x, 2 * u, x])), [(2,), (3,)],
                    {"concatenate"}),
    "stack": (lambda x, u: jnp.stack([x, u * u], axis=1) * x[0], [(3,), (3,)], {"stack"}),
    "pad": (lambda x, t: jax.lax.pad(x, t, ((1, 2, 1),))[3:] * jnp.pad(x, (2, 0))
            + jax.lax.pad(x, 0.5, ((-1, 0, 0),))[0], [(3,), ()], {"pad"}),
    "split": (lambda x: jnp.split(x, 2)[0] * jnp.split(x, 2)[1], [(4,)], {"split"}),
    "reduce_sum": (lambda A: jnp.sum(A * A, axis=0) + jnp.sum(A), [(3, 2)], {"reduce_sum"}),
    "reduce_max and reduce_min": (lambda A: jnp.max(A, axis=1) * jnp.min(A), [(3, 4)],
                                  {"reduce_max", "reduce_min"}),
    "reduce_prod": (lambda A: jnp.prod(A, axis=1), [(2, 3)], {"reduce_prod"}),
    "reductions of a scalar": (lambda t: jnp.sum(t) * jnp.max(t) + jnp.min(t) * jnp.prod(t),
                               [()], {"reduce_sum", "reduce_max", "reduce_min", "reduce_prod"}),
    "cumsum": (lambda x: jnp.cumsum(x) * jax.lax.cumsum(x, reverse=True), [(4,)], {"cumsum"}),
    "cumprod cummax cummin": (
        lambda A: jax.lax.cumprod(A, axis=1) + jax.lax.cummax(A, axis=0)
        + jax.lax.cummin(A, axis=1, reverse=True), [(3, 3)], {"cumprod", "cummax", "cummin"}),
    "select_n": (lambda x: jnp.where(x > 0, x * x, 0.1 * x), [(5,)], {"select_n"}),
    "iota": (lambda x: jnp.arange(4.0) * x + jnp.eye(4) @ x, [(4,)], {"iota"}),
    "convert_element_type": (lambda x: (x > 0).astype(float) * x + x.astype(jnp.float64),
                             [(4,)], {"convert_element_type"}),
    "add_any": (_grad_of_sum, [(3,)], {"add_any"}),
    "tile and repeat": (lambda A: jnp.tile(A, (2, 1)) * jnp.repeat(A, 2, axis=0), [(2, 3)],
                        {"tile"}),
    "rev": (lambda x: jnp.flip(x) * x, [(3,)], {"rev"}),
    "elementwise": (lambda A, B: jnp.tanh(A) / (1 + jnp.exp(-B)) + jnp.sqrt(A * A + 1)
                    + jax.nn.relu(B) ** 3 + jnp.maximum(A, B), [(2, 2), (2, 2)],
                    {"tanh", "div", "exp", "sqrt", "max", "integer_pow"}),
    "jit of arrays": (lambda x, u: jax.jit(_inner)(x, u) + jax.nn.sigmoid(x), [(3,), (3,)],
                      {"jit", "logistic"}),
    "gather": (lambda A, x: A[jnp.array([2, 0]), 1] * jnp.sum(x[jnp.array([[0, 1], [2, 2]])])
               + jnp.sum(A[:, jnp.array([0, 2])], 0)[0] + jnp.take(x, jnp.array([1, 0])),
               [(3, 3), (3,)], {"gather"}),
    "gather at traced indices": (
        lambda x: x[jnp.stack([jnp.argmax(x), jnp.argmin(x) - 1, 1])] * x[3], [(4,)],
        {"gather", "argmax", "argmin"}),
    "scatter family": (lambda x, u: x.at[1].set(u[0] * 2).at[jnp.array([0, 2])].add(u[:2])
                       .at[0].mul(u[1]).at[2].min(u[2]).at[1].max(u[0]) * x, [(3,), (3,)],
                       {"scatter", "scatter-add", "scatter-mul", "scatter-min", "scatter-max"}),
    "scatter of rows": (lambda A, u: A.at[1, :].add(u).at[:, 0].set(u[::-1]), [(3, 3), (3,)],
                        {"scatter-add", "scatter"}),
    "vmap of indexing": (
        lambda A, u: jax.vmap(lambda r, i, v: r[i] * r.at[i].add(v))(A, jnp.array([2, 0, 1]), u),
        [(3, 3), (3,)], {"gather", "scatter-add"}),
    "softmax": (lambda A: jax.nn.softmax(A, axis=-1) * jax.nn.softmax(A[0])[1], [(2, 3)],
                {"reduce_max", "max", "stop_gradient"}),
    "logsumexp, mean, var, norm": (
        lambda x: jax.nn.logsumexp(x) + jax.nn.log_softmax(x) + jnp.mean(x) * jnp.var(x)
        + jnp.linalg.norm(x), [(4,)], {"is_finite", "reduce_sum"}),
    "constant array": (lambda x: np.array([[1.0, 2.0], [3.0, -1.0]]) @ x, [(2,)],
                       {"dot_general"}),
}

#: Names pathsum gives the same primitives, that jnp never makes: none.
UNUSED: set[str] = set()


def point(f, shapes: list[tuple[int, ...]], seed: int) -> dict[str, object]:
    """Random arguments of ``f`` of the given shapes, by parameter name."""
    rng = np.random.default_rng(seed)
    names = list(inspect.signature(f).parameters)
    return {name: float(rng.uniform(0.3, 1.5)) if shape == () else
            rng.uniform(-1.5, 1.5, size=shape) for name, shape in zip(names, shapes, strict=True)}


def check_against_jacrev(f, args: dict[str, object]) -> pathsum.Graph:
    """Import ``f`` at ``args``; every engine's Jacobian must be jacrev's, entry by entry."""
    names = list(args)
    graph = from_jax(f, **args)
    with jax.enable_x64(True):
        at = [jnp.asarray(value, dtype=jnp.float64) for value in args.values()]
        value = np.asarray(f(*at))
        jacobians = jax.jacrev(f, argnums=tuple(range(len(names))))(*at)
    outputs = [element_name("y", index) for index in np.ndindex(value.shape)]
    assert graph.outputs == outputs
    assert [graph.values[y] for y in outputs] == pytest.approx(value.ravel().tolist(),
                                                                rel=1e-12, abs=1e-12)
    result = pathsum.analyze(graph, ENGINE_NAMES)
    assert result.agree
    for engine in ENGINE_NAMES:
        jacobian = result.jacobian(engine)
        for y, out in zip(outputs, np.ndindex(value.shape), strict=True):
            for name, wrt in zip(names, jacobians, strict=True):
                for index in np.ndindex(np.shape(args[name])):
                    expected = float(np.asarray(wrt)[out + index])
                    got = jacobian[y][element_name(name, index)]
                    assert got == pytest.approx(expected, rel=1e-9, abs=1e-12), \
                        (engine, y, name, index)
    return graph


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("seed", [0, 1])
def test_array_primitive_matches_jacrev(case, seed):
    f, shapes, primitives = CASES[case]
    args = point(f, shapes, seed)
    with jax.enable_x64(True):
        used = primitives_of(jax.make_jaxpr(f)(*(jnp.asarray(v) for v in args.values())))
    assert used >= primitives, primitives - used
    check_against_jacrev(f, args)


def test_every_array_primitive_is_tested():
    used: set[str] = set()
    for f, shapes, _primitives in CASES.values():
        with jax.enable_x64(True):
            used |= primitives_of(jax.make_jaxpr(f)(*(jnp.asarray(v) for v in
                                                      point(f, shapes, 0).values())))
    assert used >= ARRAY_PRIMITIVES - UNUSED, ARRAY_PRIMITIVES - UNUSED - used


def mlp(x, W1, b1, W2, b2):
    return W2 @ jnp.tanh(W1 @ x + b1) + b2


def test_mlp_with_array_arguments_matches_jacrev():
    rng = np.random.default_rng(7)
    args = {"x": rng.normal(size=4), "W1": rng.normal(size=(5, 4)), "b1": rng.normal(size=5),
            "W2": rng.normal(size=(3, 5)), "b2": rng.normal(size=3)}
    graph = check_against_jacrev(mlp, args)
    assert graph.inputs[:5] == ["x_0", "x_1", "x_2", "x_3", "W1_0_0"]
    assert graph.outputs == ["y_0", "y_1", "y_2"]
    # the file written loads back to the same graph
    again = pathsum.loads(graph.to_yaml())
    assert (again.inputs, again.outputs, again.order) == (graph.inputs, graph.outputs,
                                                           graph.order)


def test_outputs_of_arrays_and_scalars_are_named_by_element():
    graph = from_jax(lambda x: {"s": jnp.sum(x), "v": 2 * x}, x=[1.0, 2.0])
    assert graph.outputs == ["s", "v_0", "v_1"]
    graph = from_jax(lambda x: (x[0] * x[1], jnp.stack([x, x])), x=[1.0, 2.0])
    assert graph.outputs == ["y1", "y2_0_0", "y2_0_1", "y2_1_0", "y2_1_1"]


@pytest.mark.parametrize(("value", "error", "message"), [
    ([[1.0, 2.0], [3.0]], InputTypeError, "input 'x': the value must be a finite number"),
    ([1.0, float("nan")], ArgumentError, "input 'x': element [1] is nan, not a finite number"),
    ([], ArgumentError, "input 'x': the array is empty"),
    (["a", "b"], InputTypeError, "input 'x': the value must be a finite number or an array"),
])
def test_bad_array_values_are_refused_in_one_line(value, error, message):
    with pytest.raises(error) as caught:
        from_jax(lambda x: jnp.sum(x), x=value)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_an_equation_larger_than_the_edge_limit_is_refused_before_it_runs(monkeypatch):
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "1000")
    with pytest.raises(TooLargeError, match="JAX equation 'dot_general' of shapes \\(10, 10\\) "
                       "and \\(10, 10\\) would have 4,000 edges, more than the limit of 1,000"):
        from_jax(lambda A, B: A @ B, A=np.ones((10, 10)), B=np.ones((10, 10)))
    with pytest.raises(TooLargeError, match="input 'A' of shape \\(40, 40\\)"):
        from_jax(lambda A: jnp.sum(A), A=np.ones((40, 40)))


@pytest.mark.parametrize(("f", "what"), [
    (lambda x: jnp.sum(jnp.arange(2000.0)) * x[0], "JAX equation 'iota' makes 2,000"),
    (lambda x: jnp.tile(x, 2000)[5], "JAX equation 'tile' makes 2,000"),
    (lambda x: jnp.pad(x, 1000)[0] * x[0], "JAX equation 'pad' makes 2,001"),
    (lambda x: jnp.sum(jnp.asarray(np.ones(2000))) * x[0], "a constant array makes 2,000"),
])
def test_arrays_without_edges_are_refused_before_they_are_built(monkeypatch, f, what):
    # iota, tile, pad and constants make elements but no edge: the edge checks never see them
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "1000")
    with pytest.raises(TooLargeError, match=f"^{what} array elements, more than the limit of "
                       "1,000 \\(PATHSUM_MAX_EDGES raises it\\)$"):
        from_jax(f, x=[1.0])


def test_an_element_name_taken_by_an_input_is_refused():
    with pytest.raises(TraceError, match="input x\\[0\\] would be the node 'x_0', which another"):
        from_jax(lambda x_0, x: x_0 * jnp.sum(x), x_0=1.0, x=[1.0, 2.0])


@pytest.mark.parametrize(("f", "primitive"), [
    (lambda x: jnp.sort(x)[0] * x[1], "sort"),
    (lambda x: jax.lax.while_loop(lambda c: c[0] < 3, lambda c: (c[0] + 1, c[1] * 2),
                                  (0, x))[1], "while"),
    (lambda x: jnp.linalg.inv(jnp.outer(x, x) + jnp.eye(3)) @ x, "lu"),
])
def test_unsupported_array_primitive_is_refused_in_one_line(f, primitive):
    with pytest.raises(TraceError) as caught:
        from_jax(f, x=[0.5, 0.2, 0.9])
    message = str(caught.value)
    assert f" {primitive} " in message.split("(supported:")[0] or \
        f" {primitive}," in message.split("(supported:")[0], message
    assert "\n" not in message


MLP_AT = ("x=[0.5,-1.0],W1=[[0.1,0.2],[0.3,-0.4],[0.5,0.6]],b1=[0.0,0.1,-0.1]",
          "W2=[[0.7,-0.8,0.9]],b2=[0.2]")


def test_cli_imports_arrays(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "mlp.yaml"
    result = run_cli("import", "jax", "examples/mlp_jax.py:mlp", "--at", MLP_AT[0], "--at",
                     MLP_AT[1], "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    graph = pathsum.load(out)
    assert graph.inputs[:3] == ["x_0", "x_1", "W1_0_0"]
    assert graph.outputs == ["y_0"]
    with jax.enable_x64(True):
        args = [jnp.array(v) for v in ([0.5, -1.0], [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]],
                                       [0.0, 0.1, -0.1], [[0.7, -0.8, 0.9]], [0.2])]
        expected = jax.jacrev(mlp)(*args)
    jacobian = pathsum.analyze(graph, ["reverse"]).jacobian("reverse")["y_0"]
    assert [jacobian["x_0"], jacobian["x_1"]] == pytest.approx(np.asarray(expected)[0].tolist(),
                                                               rel=1e-12)
    result = run_cli("analyze", str(out), "-e", "forward,reverse", "--format", "json")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(("at", "said"), [
    ("x=[1,2", "'x=[1,2' is not a list of numbers"),
    ("x=[1,'a']", "'x=[1,'a']' holds something that is not a number"),
    ("x=[[1,2],[3]]", "'x=[[1,2],[3]]' is not rectangular"),
    ("x=[__import__('os').getcwd()]", "holds something that is not a number"),
    ("x=[1e999]", "holds a number too large for a float"),
    ("x=" + "[" * 40 + "1" + "]" * 40, "is nested more than 32 deep"),
    ("x=[1,2],x=[3]", "'x' is given twice (x=[1,2], x=[3])"),
])
def test_cli_bad_array_text_is_one_line(at, said, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("import", "jax", "examples/mlp_jax.py:mlp", "--at", at)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "'--at'" in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_cli_trace_keeps_scalars_only(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("trace", "examples/lighthouse.py:lighthouse", "--at", "nu=[1,2]")
    assert result.exit_code == 2
    assert "is not a number" in result.stderr


def test_indices_out_of_bounds():
    with pytest.raises(TraceError, match="'gather' reads outside the array"):
        from_jax(lambda x: x.at[jnp.array([5])].get(mode="fill"), x=[1.0, 2.0])
    graph = from_jax(lambda x: x.at[5].add(x[0]) * x, x=[1.0, 2.0])  # dropped, as JAX drops
    assert pathsum.analyze(graph, ["reverse"]).jacobian("reverse") == \
        {"y_0": {"x_0": 2.0, "x_1": 0.0}, "y_1": {"x_0": 0.0, "x_1": 4.0}}


def twice(x):
    return x * x + x * x + jnp.arange(2.0) * 2.0


def test_faithful_mode_keeps_every_equation_of_every_element():
    merged = from_jax(twice, x=[1.0, 3.0])
    faithful = from_jax(twice, x=[1.0, 3.0], merge=False)
    computing = [node for node in merged.order if node not in merged.inputs]
    assert len(computing) == 6  # per element: x*x once, its double, the constant added
    computing = [node for node in faithful.order if node not in faithful.inputs]
    assert len(computing) == 10  # per element: two muls, their sum, 2.0*iota and the sum
    for graph in (merged, faithful):
        result = pathsum.analyze(graph, ENGINE_NAMES)
        assert result.agree
        assert result.jacobian("reverse") == {"y_0": {"x_0": 4.0, "x_1": 0.0},
                                              "y_1": {"x_0": 0.0, "x_1": 12.0}}


def test_cli_no_merge_with_arrays(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "mlp.yaml"
    result = run_cli("import", "jax", "examples/mlp_jax.py:mlp", "--no-merge", "--at", MLP_AT[0],
                     "--at", MLP_AT[1], "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    expected = from_jax(mlp, merge=False, **{name: value for item in MLP_AT for name, value in
                                             parse_at((item,), arrays=True).items()})
    assert out.read_text(encoding="utf-8").split("\n", 2)[2] == expected.to_yaml().split("\n", 2)[2]
