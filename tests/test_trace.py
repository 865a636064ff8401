"""Tracing plain Python (pathsum.trace, pathsum.fn) against hand-written files, micrograd's
published numbers and central differences of the same function run on floats."""

from __future__ import annotations

import importlib.util
import inspect
import math
import sys

import pytest
from oracles import GRAPHS, ROOT

import pathsum
from pathsum import fn
from pathsum.errors import NotFiniteError, SchemaError, TraceError, UsageError

#: Engines that any graph allows, quickly (no order to give, no search, no size limit).
ENGINE_NAMES = ["path", "forward", "reverse", "eliminate-forward", "eliminate-reverse",
                "eliminate-markowitz"]


def example(name: str):
    spec = importlib.util.spec_from_file_location(f"example_{name}", ROOT / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def central(f, x: float, h: float = 1e-5) -> float:
    return (8 * (f(x + h) - f(x - h)) - (f(x + 2 * h) - f(x - 2 * h))) / (12 * h)


def gradient_by_differences(f, point: dict[str, float]) -> dict[str, float]:
    return {name: central(lambda t, name=name: f(**{**point, name: t}), value)
            for name, value in point.items()}


# -- the micrograd expression, traced and by hand ----------------------------------------
def test_micrograd_expression_matches_the_hand_written_file_and_micrograd():
    traced = pathsum.trace(example("micrograd").expression, a=-4.0, b=2.0)
    by_hand = pathsum.load(GRAPHS / "micrograd.yaml")
    (out,), (g,) = traced.outputs, by_hand.outputs
    assert traced.values[out] == pytest.approx(by_hand.values[g], rel=1e-15)
    # the numbers micrograd's README prints, to its 4 decimals
    assert f"{traced.values[out]:.4f}" == "24.7041"
    t, h = pathsum.analyze(traced, ENGINE_NAMES), pathsum.analyze(by_hand, ENGINE_NAMES)
    assert t.agree and h.agree
    for name in ENGINE_NAMES:
        traced_row, hand_row = t.jacobian(name)[out], h.jacobian(name)[g]
        assert traced_row == pytest.approx(hand_row, rel=1e-13), name
    row = t.jacobian("reverse")[out]
    assert (f"{row['a']:.4f}", f"{row['b']:.4f}") == ("138.8338", "645.5773")
    # one node per operation: 25 operations in the code
    assert len(traced.order) - len(traced.inputs) == 25


def test_a_traced_file_is_a_formula_file_valid_at_other_points():
    traced = pathsum.trace(example("micrograd").expression, a=-4.0, b=2.0)
    text = traced.to_yaml()
    assert "relu(add12)" in text and "b ** 3" in text
    moved = pathsum.loads(text, overrides={"a": -3.0})
    again = pathsum.trace(example("micrograd").expression, a=-3.0, b=2.0)
    assert moved.values == again.values


# -- every operation, against central differences of the same function on floats ---------
def everything(x, y):
    """Uses every traceable operation; runs on floats as well as on traced values."""
    u = x * y + x / y - y ** 2 + 2 ** x - (-x) + abs(x - 3) + 1 / y - 2 - x + (+y)
    v = fn.sin(u) + fn.cos(x) + fn.tan(0.1 * y) + fn.exp(0.1 * x) + fn.log(y) + fn.sqrt(y)
    w = fn.tanh(v) + fn.sigmoid(u) + fn.relu(x) + fn.abs(y - 5) + fn.fabs(x) + fn.square(y)
    w = w + fn.asin(0.1 * x) + fn.acos(0.2 * y) + fn.atan(x) + fn.log1p(y) + fn.expm1(0.3 * x)
    w = w + fn.atan2(y, x) + fn.pow(y, x) + x ** y + fn.max(x, y) + fn.min(x, y)
    return w * max(x, y) + min(x, 0.5) * fn.pi


def test_every_operation_matches_central_differences():
    point = {"x": 1.3, "y": 0.7}
    graph = pathsum.trace(everything, **point)
    (out,) = graph.outputs
    assert graph.values[out] == pytest.approx(everything(**point), rel=1e-14)
    formulas = " ".join(graph.network.nodes[n].get("formula", "") for n in graph.order)
    for function in ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "sigmoid", "relu",
                     "abs", "square", "asin", "acos", "atan", "log1p", "expm1", "atan2",
                     "max", "min"):
        assert f"{function}(" in formulas, function
    assert "y ** x" in formulas  # fn.pow is **
    expected = gradient_by_differences(everything, point)
    result = pathsum.analyze(graph, ENGINE_NAMES)
    assert result.agree
    for name in ENGINE_NAMES:
        assert result.jacobian(name)[out] == pytest.approx(expected, rel=1e-7), name


def test_micrograd_style_methods():
    def neuron(x1, x2):
        n = x1 * -3.0 + x2 * 1.0 + 6.8813735870195432
        return n.tanh().exp().log().sigmoid().relu().sqrt()

    graph = pathsum.trace(neuron, x1=2.0, x2=0.0)
    assert [graph.network.nodes[n]["formula"] for n in graph.order[-6:]] == [
        "tanh(add4)", "exp(tanh5)", "log(exp6)", "sigmoid(log7)", "relu(sigmoid8)",
        "sqrt(relu9)"]
    assert graph.network.nodes["mul1"]["formula"] == "x1 * (-3.0)"


# -- scale: no recursion ----------------------------------------------------------------
@pytest.mark.slow
def test_a_10000_step_loop_traces_writes_and_loads_back_without_recursion(tmp_path):
    def loop(x, y):
        h = x
        for _ in range(10_000):
            h = 0.5 * fn.tanh(h * y) + 0.25 * x
        return h

    limit = sys.getrecursionlimit()
    # everything below runs within 120 frames of this one: nothing recurses on the length
    sys.setrecursionlimit(len(inspect.stack()) + 120)
    try:
        graph = pathsum.trace(loop, x=0.3, y=1.1)
        path = tmp_path / "loop.yaml"
        path.write_text(graph.to_yaml(), encoding="utf-8")
        back = pathsum.load(path)
    finally:
        sys.setrecursionlimit(limit)
    assert len(back.order) == 2 + 5 * 10_000  # mul, tanh, mul, mul, add per step
    (out,) = back.outputs
    assert back.values[out] == pytest.approx(loop(0.3, 1.1), rel=1e-14)
    result = pathsum.analyze(back, ["forward", "reverse"])
    assert result.agree
    expected = gradient_by_differences(loop, {"x": 0.3, "y": 1.1})
    assert result.jacobian("reverse")[out] == pytest.approx(expected, rel=1e-7)


# -- outputs and names --------------------------------------------------------------------
def test_outputs_by_name_by_position_copies_and_constants():
    graph = pathsum.trace(lambda a, b: {"p": a * b, "q": a, "r": 3}, a=2.0, b=5.0)
    assert graph.outputs == ["p", "q", "r"]
    assert {n: graph.network.nodes[n]["formula"] for n in graph.outputs} == \
        {"p": "a * b", "q": "a", "r": "3"}
    graph = pathsum.trace(lambda a, b: (a * b, a * b, a), a=2.0, b=5.0)
    assert graph.outputs == ["mul1", "mul2", "out3"]
    twice = pathsum.trace(lambda a: [a + 1] * 2, a=1.0)
    assert twice.outputs == ["add1", "out2"]
    assert pathsum.analyze(twice).jacobian("reverse") == {"add1": {"a": 1.0}, "out2": {"a": 1.0}}


def test_reassignment_makes_a_new_node_and_names_avoid_inputs():
    def f(add1, y):
        add1 = add1 + y
        add1 = add1 + y
        return add1

    graph = pathsum.trace(f, add1=1.0, y=2.0)
    assert graph.order == ["add1", "y", "add1_", "add2"]
    assert graph.values["add2"] == 5.0


def test_parameters_not_given_stay_constants():
    graph = pathsum.trace(lambda x, scale=3.0: x * scale, x=2.0)
    assert graph.inputs == ["x"] and graph.network.nodes["mul1"]["formula"] == "x * 3.0"


def test_branches_follow_the_traced_point():
    def f(x):
        return x * x if x > 0 else -x

    assert pathsum.trace(f, x=2.0).network.nodes["mul1"]["formula"] == "x * x"
    assert pathsum.trace(f, x=-2.0).network.nodes["neg1"]["formula"] == "-x"


def test_fn_on_numbers_is_math():
    assert fn.sin(0.5) == math.sin(0.5) and fn.atan2(1, 2) == math.atan2(1, 2)
    assert fn.relu(-1.0) == 0.0 and fn.max(2, 3) == 3.0 and fn.pi == math.pi
    with pytest.raises(ValueError, match="math domain error"):
        fn.log(-1.0)
    with pytest.raises(TypeError, match=r"atan2\(\) takes exactly 2 arguments \(1 given\)"):
        fn.atan2(1.0)
    with pytest.raises(TypeError, match=r"sin\(\) needs numbers, not str"):
        fn.sin("x")


def test_fn_has_the_hyperbolic_functions_and_erf():
    """Issue 18: math's sinh cosh asinh acosh atanh erf, on numbers and traced."""
    for name in ("sinh", "cosh", "asinh", "atanh", "erf"):
        assert getattr(fn, name)(0.3) == getattr(math, name)(0.3)
    assert fn.acosh(1.7) == math.acosh(1.7)
    graph = pathsum.trace(lambda x: fn.sinh(x) * fn.erf(x) + x.acosh(), x=1.5)
    assert [graph.network.nodes[n]["formula"] for n in graph.order[1:]] == \
        ["sinh(x)", "erf(x)", "sinh1 * erf2", "acosh(x)", "mul3 + acosh4"]
    d = math.cosh(1.5) * math.erf(1.5) + math.sinh(1.5) * 2 / math.sqrt(math.pi) * \
        math.exp(-2.25) + 1 / math.sqrt(1.5**2 - 1)
    assert pathsum.analyze(graph).jacobian("reverse")["add5"]["x"] == pytest.approx(d, rel=1e-14)


# -- refusals: one line, naming the operation and its line -------------------------------
def _line_of(f, text: str) -> int:
    lines, first = inspect.getsourcelines(f)
    return first + next(i for i, line in enumerate(lines) if text in line)


def uses_math(x):
    return math.sin(x) * 2


def uses_modulo(x):
    y = x + 1
    return y % 2


def converts(x):
    return float(x) + 1


def rounds(x):
    return round(x * 2)


@pytest.mark.parametrize(("f", "text", "message"), [
    (uses_math, "math.sin(x)", ("'math.sin(x)' cannot be traced: it turns a traced value into a "
     "plain number, which has no derivative; use pathsum.fn.sin")),
    (uses_modulo, "y % 2", ("'y % 2' cannot be traced: it is not one of the traceable "
     "operations (+ - * / **, abs, and pathsum.fn)")),
    (converts, "float(x)", ("'float(x)' cannot be traced: it turns a traced value into a plain "
     "number, which has no derivative")),
    (rounds, "round(x * 2)", ("'round(x * 2)' cannot be traced: it is not one of the traceable "
     "operations (+ - * / **, abs, and pathsum.fn)")),
])
def test_refused_operations_are_named_with_their_line(f, text, message):
    with pytest.raises(TraceError) as caught:
        pathsum.trace(f, x=1.0)
    assert str(caught.value) == f"{__file__}, line {_line_of(f, text)}: {message}"


def test_refusals_without_source_still_name_the_operation():
    with pytest.raises(TraceError, match=r"^<string>, line 1: 'divmod\(\)' cannot be traced"):
        pathsum.trace(eval("lambda x: divmod(x, 2)"), x=1.0)  # no source file to quote


def divides(x):
    return 1 / (x - 1)


def test_values_that_are_not_finite_are_named():
    with pytest.raises(NotFiniteError) as caught:
        pathsum.trace(divides, x=1.0)
    line = _line_of(divides, "1 / (x - 1)")
    assert str(caught.value) == (f"{__file__}, line {line}: '1 / (x - 1)', that is div(1, 0), "
                                 "is not defined (division by zero)")
    with pytest.raises(NotFiniteError, match=r"that is exp\(1000\), is not defined"):
        pathsum.trace(lambda x: fn.exp(x * 1000), x=1.0)


@pytest.mark.parametrize(("inputs", "error", "message"), [
    ({"x": 1.0, "z": 1.0}, UsageError,
     "cannot trace <lambda>: got an unexpected keyword argument 'z'"),
    ({}, UsageError, "cannot trace <lambda>: missing a required argument: 'x'"),
    ({"x": "1"}, pathsum.InputTypeError, "x must be a finite number, not str ('1')"),
    ({"x": True}, pathsum.InputTypeError, "x must be a finite number, not bool (True)"),
    ({"x": math.nan}, pathsum.ArgumentError, "x must be a finite number, not nan"),
    ({"x": 10 ** 400}, pathsum.ArgumentError, "x must be a finite number, not int"),
    ({"x": "1" * 10 ** 7}, pathsum.InputTypeError, "x must be a finite number, not str"),
])
def test_bad_inputs(inputs, error, message):
    with pytest.raises(error) as caught:
        pathsum.trace(lambda x: x + 1, **inputs)
    assert str(caught.value) == message


def test_reserved_input_names_and_bad_outputs():
    with pytest.raises(SchemaError, match="input name 'sin' is reserved"):
        pathsum.trace(lambda sin: sin * 2, sin=1.0)
    with pytest.raises(TraceError, match="returned a str; return traced values"):
        pathsum.trace(lambda x: (x, "x"), x=1.0)
    with pytest.raises(TraceError, match="output name 'x' is also an input"):
        pathsum.trace(lambda x: {"x": x * 2}, x=1.0)
    with pytest.raises(TraceError, match="returned no outputs"):
        pathsum.trace(lambda x: (), x=1.0)


def test_a_generated_name_is_never_a_function_name():
    graph = pathsum.trace(lambda x: fn.atan(fn.atan(x)), x=0.5)  # atan at step 2: not atan2
    assert graph.order == ["x", "atan1", "atan2_"]
