"""Every whitelisted function's value and partial (pathsum.rules.RULES) against references."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathsum.errors import FormulaError
from pathsum.formula import parse_formula
from pathsum.rules import OPERATORS, RESERVED, RULES, arity

#: DESIGN §2's whitelist, written out independently of the code, and the functions that
#: real programs need (issue 9: traced and imported functions).
DESIGN_FUNCTIONS = {"sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "sigmoid", "relu", "abs"}
PROGRAM_FUNCTIONS = {"asin", "acos", "atan", "square", "log1p", "expm1"}
#: The functions AlphaGrad's benchmark needs (issue 18: g, BlackScholes).
BENCHMARK_FUNCTIONS = {"sinh", "cosh", "asinh", "acosh", "atanh", "erf"}
TWO_ARGUMENT_FUNCTIONS = {"atan2", "pow", "max", "min"}

#: name -> (reference value written from the definition, domain to sample)
REFERENCE = {
    "sin": (math.sin, (-6.0, 6.0)),
    "cos": (math.cos, (-6.0, 6.0)),
    "tan": (math.tan, (-1.4, 1.4)),
    "exp": (math.exp, (-5.0, 5.0)),
    "log": (math.log, (0.05, 20.0)),
    "sqrt": (math.sqrt, (0.05, 20.0)),
    "tanh": (math.tanh, (-4.0, 4.0)),
    "sigmoid": (lambda x: 1.0 / (1.0 + math.exp(-x)), (-8.0, 8.0)),
    "relu": (lambda x: x if x > 0 else 0.0, (-5.0, 5.0)),
    "abs": (lambda x: x if x >= 0 else -x, (-5.0, 5.0)),
    "asin": (math.asin, (-0.95, 0.95)),
    "acos": (math.acos, (-0.95, 0.95)),
    "atan": (math.atan, (-5.0, 5.0)),
    "square": (lambda x: x * x, (-5.0, 5.0)),
    "log1p": (lambda x: math.log(1 + x) if abs(x) > 1e-3 else math.log1p(x), (-0.9, 10.0)),
    "expm1": (lambda x: math.exp(x) - 1 if abs(x) > 1e-3 else math.expm1(x), (-5.0, 5.0)),
    "sinh": (lambda x: (math.exp(x) - math.exp(-x)) / 2, (-4.0, 4.0)),
    "cosh": (lambda x: (math.exp(x) + math.exp(-x)) / 2, (-4.0, 4.0)),
    "asinh": (lambda x: math.copysign(math.log(abs(x) + math.sqrt(x * x + 1)), x), (-5.0, 5.0)),
    "acosh": (lambda x: math.log(x + math.sqrt(x * x - 1)), (1.05, 6.0)),
    "atanh": (lambda x: 0.5 * math.log((1 + x) / (1 - x)), (-0.95, 0.95)),
    "erf": (lambda x: _erf_series(x), (-2.5, 2.5)),
}


def _erf_series(x: float) -> float:
    """erf by its Maclaurin series, 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)), in exact
    fractions of the rounded x (no cancellation), to 1e-17 for |x| <= 2.5."""
    from fractions import Fraction

    t, total, n = Fraction(x), Fraction(0), 0
    term = t  # (-1)^n x^(2n+1) / n!
    while n < 80:
        total += term / (2 * n + 1)
        n += 1
        term = -term * t * t / n
    return float(total) * 2 / math.sqrt(math.pi)

#: name -> (reference value, domain of the first argument, domain of the second)
REFERENCE2 = {
    "atan2": (math.atan2, (-3.0, 3.0), (-3.0, 3.0)),
    "pow": (lambda a, b: math.exp(b * math.log(a)), (0.1, 4.0), (-3.0, 3.0)),
    "max": (lambda a, b: max(b, a), (-3.0, 3.0), (-3.0, 3.0)),
    "min": (lambda a, b: min(b, a), (-3.0, 3.0), (-3.0, 3.0)),
}


def central(f, x: float, h: float = 1e-5) -> float:
    """Fourth-order central difference."""
    return (8 * (f(x + h) - f(x - h)) - (f(x + 2 * h) - f(x - 2 * h))) / (12 * h)


def test_whitelist_is_the_design_list():
    one = DESIGN_FUNCTIONS | PROGRAM_FUNCTIONS | BENCHMARK_FUNCTIONS
    everything = one | TWO_ARGUMENT_FUNCTIONS
    assert set(RULES) == everything
    assert set(RESERVED) - {"pi"} == everything
    assert "pi" in RESERVED
    assert set(REFERENCE) == one
    assert set(REFERENCE2) == TWO_ARGUMENT_FUNCTIONS
    assert {name for name in RULES if arity(name) == 2} == TWO_ARGUMENT_FUNCTIONS


@pytest.mark.parametrize("name", sorted(REFERENCE))
@given(u=st.floats(0.0, 1.0))
def test_partial_matches_central_difference(name, u):
    reference, (lo, hi) = REFERENCE[name]
    x = lo + (hi - lo) * u
    if name in ("relu", "abs") and abs(x) < 1e-3:
        x = 0.5  # away from the kink; the kink itself is tested below
    value, partial = RULES[name]
    assert value(x) == pytest.approx(reference(x), rel=1e-12, abs=1e-300)
    assert partial(x) == pytest.approx(central(reference, x), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", sorted(REFERENCE))
@given(u=st.floats(0.0, 1.0))
def test_function_inside_a_formula(name, u):
    """The same partials reach a formula's edge, through the chain rule: f(2*a + 1)."""
    reference, (lo, hi) = REFERENCE[name]
    x = lo + (hi - lo) * u
    if name in ("relu", "abs") and abs(x) < 1e-3:
        x = -0.75
    a = (x - 1) / 2
    formula = parse_formula(f"{name}(2 * a + 1)")
    value, partials = formula.evaluate({"a": a})
    assert value == pytest.approx(reference(x), rel=1e-12, abs=1e-300)
    assert partials["a"] == pytest.approx(central(lambda t: reference(2 * t + 1), a),
                                          rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", ["relu", "abs"])
def test_derivative_at_the_kink_is_zero(name):
    assert RULES[name][1](0.0) == 0.0
    assert parse_formula(f"{name}(a)").evaluate({"a": 0.0}) == (0.0, {"a": 0.0})


def test_relu_and_abs_signs():
    assert RULES["relu"][1](-2.0) == 0.0
    assert RULES["relu"][1](2.0) == 1.0
    assert RULES["abs"][1](-2.0) == -1.0
    assert RULES["abs"][1](2.0) == 1.0


@pytest.mark.parametrize("x", [-1000.0, -50.0, 50.0, 1000.0])
def test_sigmoid_never_overflows(x):
    value, partial = RULES["sigmoid"]
    assert 0.0 <= value(x) <= 1.0
    assert 0.0 <= partial(x) <= 0.25


def test_unknown_function_is_named():
    with pytest.raises(KeyError, match="unknown function 'eval'"):
        arity("eval")


def _scale(u: float, domain: tuple[float, float]) -> float:
    return domain[0] + (domain[1] - domain[0]) * u


@pytest.mark.parametrize("name", sorted(REFERENCE2))
@given(u=st.floats(0.0, 1.0), w=st.floats(0.0, 1.0))
def test_two_argument_partials_match_central_differences(name, u, w):
    reference, first, second = REFERENCE2[name]
    a, b = _scale(u, first), _scale(w, second)
    if name in ("max", "min") and abs(a - b) < 1e-3:
        b = a + 0.5  # away from the tie; the tie is tested below
    if name == "atan2" and (math.hypot(a, b) < 0.1 or (b < 0 and abs(a) < 0.1)):
        a = 0.5  # away from the origin (no derivative) and the jump along the negative x axis
    value, partials = RULES[name]
    assert value(a, b) == pytest.approx(reference(a, b), rel=1e-12, abs=1e-300)
    d_a, d_b = partials(a, b)
    assert d_a == pytest.approx(central(lambda t: reference(t, b), a), rel=1e-6, abs=1e-8)
    assert d_b == pytest.approx(central(lambda t: reference(a, t), b), rel=1e-6, abs=1e-8)
    # ... and through a formula, by the chain rule: f(2*p + 1, q - p)
    formula = parse_formula(f"{name}(2 * p + 1, q - p)")
    p, q = (a - 1) / 2, b + (a - 1) / 2
    got, by = formula.evaluate({"p": p, "q": q})
    assert got == pytest.approx(reference(a, b), rel=1e-12, abs=1e-300)
    f = lambda p, q: reference(2 * p + 1, q - p)
    assert by["p"] == pytest.approx(central(lambda t: f(t, q), p), rel=1e-6, abs=1e-8)
    assert by["q"] == pytest.approx(central(lambda t: f(p, t), q), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", ["max", "min"])
def test_tie_has_derivative_zero_like_relu_at_zero(name):
    assert RULES[name][1](1.5, 1.5) == (0.0, 0.0)
    assert parse_formula(f"{name}(a, 0)").evaluate({"a": 0.0}) == (0.0, {"a": 0.0})
    # relu(x) is max(x, 0), and gives the same derivative on both sides of the kink
    for x in (-1.0, 0.0, 2.0):
        relu = parse_formula("relu(a)").evaluate({"a": x})
        assert parse_formula("max(a, 0)").evaluate({"a": x}) == relu


def test_pow_is_the_power_operator():
    for a, b in ((2.0, 3.0), (0.5, -1.25), (3.0, 0.0)):
        assert parse_formula("pow(a, b)").evaluate({"a": a, "b": b}) == \
            parse_formula("a ** b").evaluate({"a": a, "b": b})


@pytest.mark.parametrize(("text", "message"), [
    ("atan2(a)", "function 'atan2' takes exactly 2 arguments"),
    ("max(a, b, c)", "function 'max' takes exactly 2 arguments"),
    ("sin(a, b)", "function 'sin' takes exactly one argument"),
    ("pow(*a)", "function 'pow' takes exactly 2 arguments"),
])
def test_wrong_number_of_arguments_is_one_line(text, message):
    with pytest.raises(FormulaError) as caught:
        parse_formula(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(("text", "env", "message"), [
    ("asin(a)", {"a": 2.0}, "asin(2) is not defined"),
    ("log1p(a)", {"a": -1.0}, "log1p(-1) is not defined"),
    ("asin(a)", {"a": 1.0}, "the derivative of asin at 1 is infinite"),
    ("atan2(a, b)", {"a": 0.0, "b": 0.0}, "the derivative of atan2 at 0, 0 is infinite"),
    ("acosh(a)", {"a": 0.5}, "acosh(0.5) is not defined"),
    ("acosh(a)", {"a": 1.0}, "the derivative of acosh at 1 is infinite"),
    ("atanh(a)", {"a": 1.0}, "atanh(1) is not defined"),
    ("atanh(a)", {"a": -1.0}, "atanh(-1) is not defined"),
    ("atanh(a)", {"a": 2.0}, "atanh(2) is not defined"),
])
def test_outside_the_domain_is_named(text, env, message):
    with pytest.raises(Exception, match="not finite") as caught:
        parse_formula(text).evaluate(env)
    assert message in str(caught.value)


#: operator -> (reference value written from the definition, arguments to sample)
OPERATOR_REFERENCE = {
    "+": (lambda a, b: a + b, 2), "-": (lambda a, b: a - b, 2), "*": (lambda a, b: a * b, 2),
    "/": (lambda a, b: a / b, 2), "**": (lambda a, b: math.exp(b * math.log(a)), 2),
    "neg": (lambda a: 0.0 - a, 1), "pos": (lambda a: a, 1),
}


@pytest.mark.parametrize("symbol", sorted(OPERATOR_REFERENCE))
@given(u=st.floats(0.2, 3.0), w=st.floats(0.3, 2.0))
def test_operator_partials_match_central_differences(symbol, u, w):
    reference, count = OPERATOR_REFERENCE[symbol]
    value, partials = OPERATORS[symbol]
    args = (u, w)[:count]
    assert value(*args) == pytest.approx(reference(*args), rel=1e-12, abs=1e-300)
    local = partials(*args)
    local = local if isinstance(local, tuple) else (local,)
    assert len(local) == count  # one partial per operand, none left untested
    for i, got in enumerate(local):
        def along(t, i=i):
            return reference(*(t if j == i else a for j, a in enumerate(args)))
        assert got == pytest.approx(central(along, args[i]), rel=1e-6, abs=1e-8)


@given(a=st.floats(0.2, 3.0), b=st.floats(-2.0, 2.0))
def test_value_is_the_first_half_of_evaluate(a, b):
    formula = parse_formula("-(a ** b) / (a + 1) * +b - tanh(a)")
    assert formula.value({"a": a, "b": b}) == formula.evaluate({"a": a, "b": b})[0]
