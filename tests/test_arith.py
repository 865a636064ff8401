"""``--arith exact|symbolic`` (DESIGN §8): the same engines and counts on fractions and
sympy expressions; values as text in JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, brute_force, cli_json, diamond_chain_yaml, run_cli
from test_random_dags import dags

import pathsum
from pathsum.analysis import agree
from pathsum.engines import CONDITIONAL, ENGINES

OLAH = str(GRAPHS / "olah.yaml")
EXPLOSION = str(GRAPHS / "path-explosion.yaml")
RUNNABLE = [name for name in ENGINES if name not in CONDITIONAL]
ALL = ",".join(RUNNABLE)


def one_line_error(*args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr.rstrip("\n")


def counts(record: dict) -> dict:
    return {name: (e["mul"], e["add"], e.get("sweeps")) for name, e in record["engines"].items()}


# -- exact ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("graph", "want"), [
    (OLAH, {"e": {"a": "2", "b": "5"}}),
    (EXPLOSION, {"Z": {"X": "90"}}),
    (str(GRAPHS / "diamond-chain.yaml"), None),
    (str(GRAPHS / "grid-4x4.yaml"), None),
])
def test_exact_on_the_reference_graphs_agrees_with_the_same_counts(graph, want):
    exact = cli_json(graph, "--arith", "exact", "--engine", ALL)
    floats = cli_json(graph, "--engine", ALL)
    assert exact["arith"] == "exact" and exact["agree"] is True
    assert counts(exact) == counts(floats)
    for name, entry in exact["engines"].items():
        jac = entry["jacobian"]
        if want is not None:
            assert jac == want, name
        for y, row in jac.items():
            for x, text in row.items():
                assert isinstance(text, str)
                assert float(Fraction(text)) == pytest.approx(floats["engines"][name]["jacobian"][y][x])


def test_exact_diamond_chain_is_the_product_of_stage_sums(write):
    record = cli_json(write(diamond_chain_yaml(4, (Fraction(1, 3), 2, 0.25))),
                      "--arith", "exact", "--engine", ALL)
    want = str((Fraction(1, 3) + 2 + Fraction(1, 4)) ** 4)
    assert {name: e["jacobian"]["v4"]["v0"] for name, e in record["engines"].items()} == \
        dict.fromkeys(RUNNABLE, want)


def test_three_tenths_in_parallel_are_exactly_three_tenths(write):
    path = write("inputs: [x]\nedges:\n  - [x, y, 0.1]\n  - [x, y, 0.1]\n  - [x, y, 0.1]\n")
    record = cli_json(path, "--arith", "exact", "--engine", ALL)
    assert {n: e["jacobian"]["y"]["x"] for n, e in record["engines"].items()} == \
        dict.fromkeys(RUNNABLE, "3/10")
    floats = cli_json(path)  # the float sum is not 3/10, and stays a JSON number
    assert floats["engines"]["path"]["jacobian"]["y"]["x"] == 0.1 + 0.1 + 0.1 != 0.3


def test_exact_formulas_read_literals_and_values_as_written(write):
    path = write("inputs: {x: 0.1}\nnodes:\n"
                 "  y: 0.1 * x + x / 3 + square(x) + relu(-x) + max(x, 0.1) + abs(x)\n")
    record = cli_json(path, "--arith", "exact", "--per-node")
    assert record["values"] == {"x": "1/10", "y": str(Fraction(1, 100) + Fraction(1, 30)
                                                       + Fraction(1, 100) + Fraction(2, 10))}
    # max at a tie has partial 0, as in the float rules.
    want = str(Fraction(1, 10) + Fraction(1, 3) + Fraction(2, 10) + 0 + 1)
    assert record["engines"]["reverse"]["jacobian"] == {"y": {"x": want}}
    assert record["engines"]["forward"]["tangents"] == {"x": {"x": "1", "y": want}}


@pytest.mark.parametrize(("formula", "said"), [
    ("sin(x)", "sin has no exact value"),
    ("x * pi", "pi has no exact value"),
    ("sigmoid(x) + 1", "sigmoid has no exact value"),
    ("x ** 0.5", "** 1/2 has no exact value: --arith exact takes integer powers only"),
    ("2 ** x", "a power with a variable exponent needs log"),
])
def test_exact_refuses_the_transcendental_in_one_line_naming_node_and_function(
        write, formula, said):
    path = write(f"inputs: {{x: 2}}\nnodes:\n  y: x + 1\n  z: {formula}\n")
    line = one_line_error("analyze", path, "--arith", "exact")
    assert line.startswith(f"Error: {path}, line 4, column 3: node 'z': {said}")


# -- symbolic ------------------------------------------------------------------------------
def test_symbolic_alpha_to_zeta():
    record = cli_json(EXPLOSION, "--arith", "symbolic")
    floats = cli_json(EXPLOSION)
    assert counts(record) == counts(floats)
    jac = {n: e["jacobian"]["Z"]["X"] for n, e in record["engines"].items()}
    assert jac["forward"] == jac["reverse"] == "(α + β + γ)*(δ + ε + ζ)"
    path = sympy.sympify(jac["path"])
    assert isinstance(path, sympy.Add) and len(path.args) == 9
    assert all(isinstance(term, sympy.Mul) and len(term.args) == 2 for term in path.args)
    assert sympy.expand(sympy.sympify(jac["forward"])) == path


def test_symbolic_explain_prints_the_nine_terms_then_the_factored_form():
    result = run_cli("analyze", EXPLOSION, "--arith", "symbolic", "--explain")
    assert result.exit_code == 0
    out = [line.rstrip() for line in result.stdout.splitlines()]
    start = out.index("Sums over paths")
    terms = " + ".join(f"{a}*{b}" for a in "αβγ" for b in "δεζ")
    assert out[start + 1:start + 5] == [
        "dZ/dX = " + " + ".join(f"[X -{a}→ Y -{b}→ Z] {a}*{b}" for a in "αβγ" for b in "δεζ"),
        f"      = {terms}   (path)",
        "      = (α + β + γ)*(δ + ε + ζ)   (forward, reverse)",
        "operations: path 9 mul, 8 add; forward 3 mul, 4 add; reverse 3 mul, 4 add",
    ]


def test_inputs_listed_without_values_become_symbols(write):
    path = write("inputs: [a, b]\nnodes:\n  c: a + b\n  d: b + 1\n  e: c * d\n")
    record = cli_json(path, "--arith", "symbolic", "--engine", ALL)
    assert record["values"]["e"] == "(a + b)*(b + 1)"
    for name, entry in record["engines"].items():
        assert entry["jacobian"] == {"e": {"a": "b + 1", "b": "a + 2*b + 1"}}, name
    # Without symbolic arithmetic an input needs its value.
    assert "'inputs' must be a mapping" in one_line_error("analyze", path)


def test_symbolic_set_gives_a_symbol_a_value():
    record = cli_json(EXPLOSION, "--arith", "symbolic", "--set", "α=10")
    assert record["engines"]["forward"]["jacobian"] == {"Z": {"X": "(β + γ + 10)*(δ + ε + ζ)"}}


def test_symbolic_functions_and_their_slopes(write):
    path = write("inputs: [x]\nnodes:\n  y: tanh(x) + relu(x) + sigmoid(2 * x) + x ** x\n")
    record = cli_json(path, "--arith", "symbolic")
    x = sympy.Symbol("x", real=True)
    want = sympy.diff(sympy.tanh(x) + 1 / (1 + sympy.exp(-2 * x)) + x ** x, x) + \
        sympy.Heaviside(x, 0)
    for entry in record["engines"].values():
        got = sympy.sympify(entry["jacobian"]["y"]["x"], locals={"x": x})
        assert sympy.simplify(got - want) == 0


def test_symbolic_hyperbolic_functions_and_erf(write):
    """Issue 18's six functions: sympy's own, their partials sympy's derivatives."""
    path = write("inputs: [x]\nnodes:\n  y: sinh(x) * cosh(x) + asinh(x) + acosh(x + 2)"
                 " + atanh(x / 3) + erf(x)\n")
    record = cli_json(path, "--arith", "symbolic")
    x = sympy.Symbol("x", real=True)
    want = sympy.diff(sympy.sinh(x) * sympy.cosh(x) + sympy.asinh(x) + sympy.acosh(x + 2)
                      + sympy.atanh(x / 3) + sympy.erf(x), x)
    for entry in record["engines"].values():
        got = sympy.sympify(entry["jacobian"]["y"]["x"], locals={"x": x})
        assert sympy.simplify(got - want) == 0
    exact = run_cli("analyze", write("inputs: {x: 1}\nnodes: {y: erf(x)}\n", "erf.yaml"),
                    "--arith", "exact")
    assert exact.exit_code == 2
    assert "erf has no exact value" in exact.stderr


def test_symbolic_agreement_is_a_difference_that_simplifies_to_zero():
    a, b = sympy.symbols("a b")
    assert agree((a + b) ** 2, a ** 2 + 2 * a * b + b ** 2)
    assert agree(sympy.sin(a) ** 2 + sympy.cos(a) ** 2, 1)
    assert not agree(a * b, a + b)


def test_float_agreement_is_relative_to_the_largest_magnitude_in_the_jacobian():
    assert agree(0.1 + 0.2, 0.3)
    assert agree(1e-17, 0.0, scale=5.0)  # cancellation near zero is not a disagreement
    assert not agree(1e-17, 0.0)
    assert not agree(1.0, 1.001)
    assert agree(Fraction(10) ** 400, float(sys.float_info.max)) is False  # exact, no overflow
    assert not agree(1.0, "1.0")


def test_without_sympy_a_one_line_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "sympy", None)  # import sympy now raises ImportError
    hint = "Error: --arith symbolic needs sympy, which is not installed: pip install " \
           "'pathsum[symbolic]'"
    assert one_line_error("analyze", OLAH, "--arith", "symbolic") == hint
    assert one_line_error("batch", OLAH, "--arith", "symbolic") == hint
    assert one_line_error("compare", OLAH, "--arith", "symbolic") == hint


def test_sympy_is_imported_only_when_asked_for():
    code = ("import sys, pathsum, pathsum.cli; pathsum.analyze('graphs/olah.yaml', "
            "arith='exact'); print('sympy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=GRAPHS.parent)
    assert out.stdout.strip() == "False"


# -- the other commands --------------------------------------------------------------------
def test_batch_and_compare_take_arith(write):
    path = write("inputs: [x]\nedges:\n  - [x, y, 0.1]\n  - [x, y, 0.2]\n")
    result = run_cli("batch", path, "--arith", "exact")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["arith"] == "exact"
    assert record["engines"]["reverse"]["jacobian"] == {"y": {"x": "3/10"}}
    result = run_cli("compare", path, "--arith", "symbolic", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["engines"]["path"]["jacobian"] == {"y": {"x": "3/10"}}


# -- counts never depend on the arithmetic -------------------------------------------------
DECIMALS = st.decimals(
    min_value=-3, max_value=3, places=2, allow_nan=False, allow_infinity=False)


def to_yaml(edges, inputs, outputs) -> str:
    lines = [f"inputs: [{', '.join(inputs)}]", f"outputs: [{', '.join(outputs)}]", "edges:"]
    lines += [f"  - [{u}, {v}, {p}]" for u, v, p in edges]
    return "\n".join(lines) + "\n"


@settings(max_examples=15)
@given(dags(DECIMALS))
def test_counts_and_values_are_the_same_in_every_arithmetic(dag):
    text = to_yaml(*dag)
    records = {arith: pathsum.analyze(pathsum.loads(text, arith=arith), RUNNABLE).to_dict()
               for arith in ("float", "exact", "symbolic")}
    assert counts(records["float"]) == counts(records["exact"]) == counts(records["symbolic"])
    oracle = brute_force([(u, v, Fraction(str(p))) for u, v, p in dag[0]], *dag[1:])
    for arith in ("exact", "symbolic"):
        assert records[arith]["agree"] is True
        for entry in records[arith]["engines"].values():
            got = {y: {x: Fraction(d) for x, d in row.items()}
                   for y, row in entry["jacobian"].items()}
            assert got == oracle["jacobian"]
