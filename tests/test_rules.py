"""Every whitelisted function's value and partial (pathsum.rules.RULES) against references."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pathsum.formula import parse_formula
from pathsum.rules import RESERVED, RULES, rule

#: DESIGN §2's whitelist, written out independently of the code.
DESIGN_FUNCTIONS = {"sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "sigmoid", "relu", "abs"}

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
}


def central(f, x: float, h: float = 1e-5) -> float:
    """Fourth-order central difference."""
    return (8 * (f(x + h) - f(x - h)) - (f(x + 2 * h) - f(x - 2 * h))) / (12 * h)


def test_whitelist_is_the_design_list():
    assert set(RULES) == DESIGN_FUNCTIONS
    assert set(RESERVED) - {"pi"} == DESIGN_FUNCTIONS
    assert "pi" in RESERVED
    assert set(REFERENCE) == DESIGN_FUNCTIONS


@pytest.mark.parametrize("name", sorted(RULES))
@given(u=st.floats(0.0, 1.0))
def test_partial_matches_central_difference(name, u):
    reference, (lo, hi) = REFERENCE[name]
    x = lo + (hi - lo) * u
    if name in ("relu", "abs") and abs(x) < 1e-3:
        x = 0.5  # away from the kink; the kink itself is tested below
    value, partial = rule(name)
    assert value(x) == pytest.approx(reference(x), rel=1e-12, abs=1e-300)
    assert partial(x) == pytest.approx(central(reference, x), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", sorted(RULES))
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
    assert rule(name)[1](0.0) == 0.0
    assert parse_formula(f"{name}(a)").evaluate({"a": 0.0}) == (0.0, {"a": 0.0})


def test_relu_and_abs_signs():
    assert rule("relu")[1](-2.0) == 0.0
    assert rule("relu")[1](2.0) == 1.0
    assert rule("abs")[1](-2.0) == -1.0
    assert rule("abs")[1](2.0) == 1.0


@pytest.mark.parametrize("x", [-1000.0, -50.0, 50.0, 1000.0])
def test_sigmoid_never_overflows(x):
    value, partial = rule("sigmoid")
    assert 0.0 <= value(x) <= 1.0
    assert 0.0 <= partial(x) <= 0.25


def test_unknown_function_is_named():
    with pytest.raises(KeyError, match="unknown function 'eval'"):
        rule("eval")
