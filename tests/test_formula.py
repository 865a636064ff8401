"""Formula partials: exact local derivatives, checked against central differences."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import pathsum
from pathsum.errors import FormulaError, NotFiniteError
from pathsum.formula import parse_formula

VARS = ("a", "b", "c")


def central(f, x: float, h: float = 1e-4) -> float:
    return (8 * (f(x + h) - f(x - h)) - (f(x + 2 * h) - f(x - 2 * h))) / (12 * h)


# -- random smooth expressions: (text, python function of env) --------------------------
def _leaf():
    names = st.sampled_from(VARS).map(lambda n: (n, lambda env, n=n: env[n]))
    numbers = st.sampled_from(["2", "0.5", "3", "1e-1", "pi"]).map(
        lambda t: (t, lambda env, v=(math.pi if t == "pi" else float(t)): v))
    return st.one_of(names, names, numbers)


def _extend(children):
    def binary(op):
        def make(pair):
            (ta, fa), (tb, fb) = pair
            if op == "+":
                return f"({ta} + {tb})", lambda e: fa(e) + fb(e)
            if op == "-":
                return f"({ta} - {tb})", lambda e: fa(e) - fb(e)
            if op == "*":
                return f"({ta} * {tb})", lambda e: fa(e) * fb(e)
            if op == "/":  # a denominator in [2, 4]
                return f"({ta} / (3 + cos({tb})))", lambda e: fa(e) / (3 + math.cos(fb(e)))
            # a positive base and a bounded exponent
            return (f"((2 + sin({ta})) ** tanh({tb}))",
                    lambda e: (2 + math.sin(fa(e))) ** math.tanh(fb(e)))
        return st.tuples(children, children).map(make)

    def unary(kind):
        def make(child):
            t, f = child
            if kind == "neg":
                return f"(-{t})", lambda e: -f(e)
            if kind == "square":
                return f"({t} ** 2)", lambda e: f(e) ** 2
            if kind == "sqrt":
                return f"sqrt(1 + {t} * {t})", lambda e: math.sqrt(1 + f(e) * f(e))
            if kind == "log":
                return f"log(2 + sin({t}))", lambda e: math.log(2 + math.sin(f(e)))
            if kind == "exp":
                return f"exp(tanh({t}))", lambda e: math.exp(math.tanh(f(e)))
            if kind == "sigmoid":
                return f"sigmoid({t})", lambda e: 1 / (1 + math.exp(-f(e)))
            fn = getattr(math, kind)
            return f"{kind}({t})", lambda e: fn(f(e))
        return children.map(make)

    return st.one_of(*(binary(op) for op in ("+", "-", "*", "/", "**")),
                     *(unary(k) for k in ("neg", "square", "sqrt", "log", "exp", "sigmoid",
                                          "sin", "cos", "tanh")))


EXPRESSIONS = st.recursive(_leaf(), _extend, max_leaves=8)
POINTS = st.fixed_dictionaries({n: st.floats(-2, 2) for n in VARS})


@given(EXPRESSIONS, POINTS)
def test_random_formula_value_and_partials(expression, env):
    text, f = expression
    formula = parse_formula(text)
    used = [n for n in VARS if n in formula.names]
    assert sorted(formula.names) == sorted(set(used))
    expected = f(env)
    assume(abs(expected) < 1e6)
    value, partials = formula.evaluate(dict(env))
    assert value == pytest.approx(expected, rel=1e-9, abs=1e-12)
    assert set(partials) == set(formula.names)
    for name in formula.names:
        numeric = central(lambda t, name=name: f({**env, name: t}), env[name])
        scale = max(1.0, abs(expected), abs(numeric))
        assert abs(partials[name] - numeric) <= 1e-5 * scale, (text, name)


@pytest.mark.parametrize(("text", "env", "value", "partials"), [
    ("c * c", {"c": 3.0}, 9.0, {"c": 6.0}),
    ("a * b + a", {"a": 2.0, "b": 5.0}, 12.0, {"a": 6.0, "b": 2.0}),
    ("a / b", {"a": 3.0, "b": 4.0}, 0.75, {"a": 0.25, "b": -3.0 / 16}),
    ("a ** 3", {"a": -2.0}, -8.0, {"a": 12.0}),
    ("a ** b", {"a": 2.0, "b": 3.0}, 8.0, {"a": 12.0, "b": 8.0 * math.log(2.0)}),
    ("2 ** a", {"a": 3.0}, 8.0, {"a": 8.0 * math.log(2.0)}),
    ("-a + +b", {"a": 1.0, "b": 2.0}, 1.0, {"a": -1.0, "b": 1.0}),
    ("a - b - a", {"a": 1.0, "b": 2.0}, -2.0, {"a": 0.0, "b": -1.0}),
    ("pi * a", {"a": 2.0}, 2 * math.pi, {"a": math.pi}),
    ("1_000 * a + 1e-3 + .5", {"a": 1.0}, 1000.501, {"a": 1000.0}),
    ("α * β", {"α": 2.0, "β": 3.0}, 6.0, {"α": 3.0, "β": 2.0}),
    ("sin(a) * sin(a)", {"a": 0.3}, math.sin(0.3) ** 2, {"a": math.sin(0.6)}),
    ("x ** 2", {"x": 0.0}, 0.0, {"x": 0.0}),
    ("x ** y", {"x": 0.0, "y": 2.0}, 0.0, {"x": 0.0, "y": 0.0}),
])
def test_exact_partials(text, env, value, partials):
    got_value, got = parse_formula(text).evaluate(env)
    assert got_value == pytest.approx(value, rel=1e-15)
    assert got == pytest.approx(partials, rel=1e-15, abs=1e-300)


def test_repeated_name_is_one_edge_with_both_uses():
    """DESIGN §2: ``e: c * c`` gives one edge c -> e with partial 2c."""
    g = pathsum.loads("inputs: {c: 3}\nnodes:\n  e: c * c\n")
    assert g.network.number_of_edges("c", "e") == 1
    assert g.network["c"]["e"][0]["partial"] == 6.0
    result = pathsum.analyze(g)
    assert result.paths() == {"e": {"c": 1}}
    assert result.jacobian("reverse") == {"e": {"c": 6.0}}


def test_constants_have_no_edges():
    g = pathsum.loads("inputs: {a: 1}\nnodes:\n  k: 3.5\n  t: 2 * pi\n  y: a * k + t\n")
    assert g.network.in_degree("k") == 0
    assert g.network.in_degree("t") == 0
    assert g.values["t"] == 2 * math.pi
    assert g.values["y"] == 3.5 + 2 * math.pi
    assert g.network["k"]["y"][0]["partial"] == 1.0
    assert g.outputs == ["y"]


@pytest.mark.slow
def test_long_formula_has_no_recursion_limit():
    n = 1500
    text = " + ".join(f"{i} * x" for i in range(1, n + 1))
    value, partials = parse_formula(text).evaluate({"x": 2.0})
    assert partials == {"x": n * (n + 1) / 2}
    assert value == n * (n + 1)


def test_negative_base_with_a_variable_exponent_is_not_real():
    with pytest.raises(NotFiniteError, match="partial with respect to 'y' is not finite"):
        parse_formula("x ** y").evaluate({"x": -2.0, "y": 3.0})


ONLY = "is not allowed in a formula (only numbers, names, + - * / **, and calls)"
ALLOWED = "(allowed: sin, cos, tan, exp, log, sqrt, tanh, sigmoid, relu, abs, asin, acos, atan, square, log1p, expm1, sinh, cosh, asinh, acosh, atanh, erf, atan2, pow, max, min)"


@pytest.mark.parametrize(("text", "message"), [
    ("a +", "formula does not parse at column 4 (invalid syntax)"),
    ("a +* 2", "formula does not parse at column 4 (invalid syntax)"),
    ("(a", "formula does not parse at column 1 ('(' was never closed)"),
    ("", "formula is empty"),
    ("f(a)", f"function 'f' is not allowed {ALLOWED}"),
    ("__import__('os').system('echo pwned')",
     f"calling '__import__('os').system' is not allowed {ALLOWED}"),
    ("eval('1')", f"function 'eval' is not allowed {ALLOWED}"),
    ("(lambda: 1)()", f"calling 'lambda: 1' is not allowed {ALLOWED}"),
    ("sin(a, b)", "function 'sin' takes exactly one argument"),
    ("sin(x=1)", "function 'sin' takes exactly one argument"),
    ("sin", "function 'sin' is used as a value; call it as sin(...)"),
    ("a.real", f"'a.real' {ONLY}"),
    ("a // b", f"'a // b' {ONLY}"),
    ("a % 2", f"'a % 2' {ONLY}"),
    ("a @ b", f"'a @ b' {ONLY}"),
    ("~a", f"'~a' {ONLY}"),
    ("not a", f"'not a' {ONLY}"),
    ("a < b", f"'a < b' {ONLY}"),
    ("a if b else c", f"'a if b else c' {ONLY}"),
    ("'text'", f"''text'' {ONLY}"),
    ("1j", f"'1j' {ONLY}"),
    ("True", f"'True' {ONLY}"),
    ("[a][0]", f"'[a][0]' {ONLY}"),
    ("a; b", "formula does not parse at column 2 (invalid syntax)"),
    ("(" * 300 + "a" + ")" * 300,
     "formula does not parse at column 201 (too many nested parentheses)"),
])
def test_bad_formulas_are_rejected_with_their_reason(text, message):
    with pytest.raises(FormulaError) as info:
        parse_formula(text)
    assert str(info.value) == message


@pytest.mark.parametrize("value", [None, True, [1], {"a": 1}])
def test_formula_must_be_text_or_number(value):
    with pytest.raises(FormulaError, match="formula must be a string or a number"):
        parse_formula(value)


@pytest.mark.parametrize(("text", "env", "why"), [
    ("log(x)", {"x": -1.0}, "math domain error: log(-1) is not defined"),
    ("sqrt(x)", {"x": -4.0}, "math domain error: sqrt(-4) is not defined"),
    ("sqrt(x)", {"x": 0.0}, "the derivative of sqrt at 0 is infinite"),
    ("1 / x", {"x": 0.0}, "division by zero"),
    ("exp(x)", {"x": 1000.0}, "overflow"),
    ("x ** 0.5", {"x": -8.0}, "math domain error: -8.0 ** 0.5 is not a real number"),
])
def test_not_finite_says_why(text, env, why):
    with pytest.raises(NotFiniteError) as info:
        parse_formula(text).evaluate(env)
    assert str(info.value) == f"formula is not finite at these values ({why})"


def test_overflow_to_infinity_without_an_exception():
    with pytest.raises(NotFiniteError, match=r"^value is not finite \(inf\)$"):
        parse_formula("x * 1e308 * 10").evaluate({"x": 1.0})
