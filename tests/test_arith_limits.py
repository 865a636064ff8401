"""Hostile arithmetic (issue 19, rows 2, 7, 8, 9 and 20): numbers too large to compute
exactly are refused before they are made; exact values are compared without floats;
symbolic agreement falls back on numbers; non-finite numbers are never names.

The repros run in a child process under a 1 GB address-space limit, so that code which
computes ``10 ** 10 ** 10`` fails here with a MemoryError instead of taking the machine.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from fractions import Fraction

import pytest
import sympy
from oracles import run_cli
from processes import PATIENCE

import pathsum
import pathsum.analysis
from pathsum.analysis import agree
from pathsum.arith import MAX_EXACT_BITS, MAX_SYMBOLIC_DEPTH, arithmetic, exact_number
from pathsum.errors import FormulaError, TooLargeError

GIGABYTE = 1 << 30


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIGABYTE, GIGABYTE))


def refused(path: str, *args: str) -> str:
    """Run ``pathsum analyze PATH ARGS`` in a child under 1 GB; its one-line error."""
    done = subprocess.run([sys.executable, "-m", "pathsum", "analyze", path, *args],
                          capture_output=True, text=True, timeout=PATIENCE,
                          preexec_fn=_limited, check=False)
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    return done.stderr


# -- row 2: sizes bounded before computing ---------------------------------------------------
@pytest.mark.parametrize("arith", ["exact", "symbolic"])
@pytest.mark.parametrize(("formula", "said"), [
    ("10 ** 10 ** 10 * a", "a power ** 10000000000 is too large to compute exactly"),
    ("a ** 10000000000", "a power ** 10000000000 is too large"),
    ("a * 1e999999999", "the number 1e999999999 is too large to compute exactly"),
    ("a * 1e-999999999", "the number 1e-999999999 is too large"),
    ("a**a**a**a**a**a", "a power with a 65,537-bit exponent is too large"),
    ("(3 * a) ** 400000", "a power ** 400000 is too large"),
])
def test_a_number_too_large_to_compute_exactly_is_refused_naming_the_node(
        write, arith, formula, said):
    path = write(f"inputs: {{a: 2}}\nnodes:\n  c: {formula}\n")
    message = refused(path, "--arith", arith)
    assert "line 3, column 3: node 'c':" in message and said in message, message
    assert f"the limit is {MAX_EXACT_BITS:,} bits" in message


@pytest.mark.parametrize("arith", ["exact", "symbolic"])
def test_a_number_grown_step_by_step_is_refused_at_the_node_that_passes_the_limit(write, arith):
    path = write("inputs: {a: 2}\nnodes:\n  c: a * 1e99999\n  d: c * c\n  e: d * d\n")
    message = refused(path, "--arith", arith)
    assert "line 4, column 3: node 'd': a result is too large to compute exactly" in message


@pytest.mark.parametrize("text", ['"1e999999999"', "1e999999999", "-1E+999999999"])
def test_a_huge_number_in_the_file_is_refused_naming_it(write, text):
    path = write(f"inputs: {{a: {text}}}\nnodes:\n  c: a * 2\n")
    message = refused(path, "--arith", "exact")
    assert "line 1, column 10: node 'a': input value: the number" in message
    assert "is too large to compute exactly" in message
    edges = write(f"inputs: [X]\nedges: [[X, Y, {text}]]\n", "e.yaml")
    assert "edge X -> Y: partial: the number" in refused(edges, "--arith", "symbolic")


def test_the_size_estimates_never_refuse_what_fits():
    exact = arithmetic("exact")
    assert exact.call("pow", [Fraction(2), Fraction(MAX_EXACT_BITS - 2)]) == \
        2 ** (MAX_EXACT_BITS - 2)
    assert exact.call("pow", [Fraction(1, 3), Fraction(-300_000)]) == 3**300_000
    assert exact.call("pow", [Fraction(-1), Fraction(10**30)]) == 1
    assert exact_number("1e150000") == 10**150_000  # more than 4300 digits, under the limit
    assert exact_number(f"0x{'f' * 100_000}") == 16**100_000 - 1
    with pytest.raises(FormulaError, match="the number 0xffff"):
        exact_number(f"0x{'f' * 200_000}")


# -- row 7: exact values never pass through float ---------------------------------------------
@pytest.mark.parametrize("arith", ["exact", "symbolic"])
@pytest.mark.parametrize("formula", ["a * 1e9999", "max(a * 1e9999, a)", "a ** 40000"])
def test_exact_values_beyond_the_float_range_agree_and_are_written_in_full(write, arith, formula):
    path = write(f"inputs: {{a: 2}}\nnodes:\n  c: {formula}\n")
    result = run_cli("analyze", path, "--arith", arith, "--format", "json")
    assert result.exit_code == 0, result.output + result.stderr
    record = json.loads(result.stdout)
    assert record["agree"] is True
    derivative = {e["jacobian"]["c"]["a"] for e in record["engines"].values()}
    assert len(derivative) == 1
    assert len(derivative.pop()) > 9_000  # every digit, more than Python writes by default
    for fmt in ("table", "csv"):
        shown = run_cli("analyze", path, "--arith", arith, "--format", fmt)
        assert shown.exit_code == 0 and "Traceback" not in shown.stderr, shown.stderr


# -- row 20: NaN and Infinity are numbers that are not finite, never symbols ------------------
@pytest.mark.parametrize("arith", ["float", "exact", "symbolic"])
@pytest.mark.parametrize("partial", ["NaN", "Infinity", "-Infinity", "nan", ".inf", "-.INF"])
def test_a_non_finite_partial_is_refused_in_one_line_naming_the_edge(write, arith, partial):
    json_text = f'{{"inputs": ["X"], "outputs": ["Y"], "edges": [["X", "Y", {partial}]]}}'
    paths = [write(f"inputs: [X]\nedges: [[X, Y, {partial}]]\n"),
             write(f"inputs: [X]\nedges: [{{from: X, to: Y, partial: '{partial}'}}]\n", "m.yaml")]
    if not partial.startswith((".", "-.", "n")):  # what JSON writes
        paths.append(write(json_text, "g.json"))
    for path in paths:
        result = run_cli("analyze", path, "--arith", arith)
        assert result.exit_code == 2, result.output
        said = "edge X -> Y: partial is not finite ("
        assert said in result.stderr, result.stderr
        shown = result.stderr.split(said)[1].split(")")[0]  # as written, or YAML's float
        assert shown.replace(".", "").lower() == partial.replace(".", "").lower()
        assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("arith", ["float", "exact", "symbolic"])
def test_non_finite_input_and_symbol_values_are_refused_as_not_finite(write, arith):
    for text, said in [("inputs: {a: NaN}\nnodes: {c: a * 2}\n",
                        "node 'a': input value is not finite (NaN)"),
                       ('inputs: {a: "-Infinity"}\nnodes: {c: a * 2}\n',
                        "node 'a': input value is not finite (-Infinity)"),
                       ("inputs: [X]\nedges: [[X, Y, s]]\nsymbols: {s: Infinity}\n",
                        "symbol 's' is not finite (Infinity)")]:
        result = run_cli("analyze", write(text), "--arith", arith)
        assert result.exit_code == 2 and said in result.stderr, result.stderr


def test_a_symbol_may_still_be_named_like_a_number_that_is_not_finite(write):
    """Only an undefined name is read as the number: ``symbols: {NaN: 2}`` defines one."""
    path = write("inputs: [X]\nedges: [[X, Y, NaN]]\nsymbols: {NaN: 2}\n")
    result = run_cli("analyze", path, "--format", "json")
    assert json.loads(result.stdout)["engines"]["path"]["jacobian"] == {"Y": {"X": 2.0}}


# -- row 8: what simplify cannot prove, numbers can ------------------------------------------
def test_symbolic_engines_agree_where_simplify_cannot_show_it(write):
    path = write("inputs: [a]\nnodes:\n  c: a**a**a**a\n")
    result = run_cli("analyze", path, "--arith", "symbolic", "--format", "json")
    assert result.exit_code == 0, result.stdout[-3000:] + result.stderr
    record = json.loads(result.stdout)
    assert record["agree"] is True
    path_form, forward_form = (record["engines"][n]["jacobian"]["c"]["a"]
                               for n in ("path", "forward"))
    assert path_form != forward_form  # the expanded sum and the factored form


def test_a_symbolic_disagreement_is_still_one_and_the_verdict_is_deterministic():
    x, y = sympy.symbols("x y", real=True)
    exp_form = sympy.exp(y * sympy.log(x)) * sympy.log(x)
    assert agree(x**y * sympy.log(x), exp_form)  # positive points: equal
    for a, b in [(x, x + sympy.Rational(1, 10**20)), (sympy.Abs(x), x),
                 (sympy.sin(x) ** 2, 1 - sympy.cos(x) ** 2 + x * y / 10**9)]:
        assert [agree(a, b) for _ in range(3)] == [False] * 3, (a, b)
    assert not agree(sympy.log(-1 - x**2), sympy.log(-1 - x**2) + 1)  # nowhere real: unproven


# -- row 9: symbolic expressions nest only so deep --------------------------------------------
def sin_chain(n: int, inputs: str = "[a]") -> str:
    lines = [f"inputs: {inputs}", "nodes:", "  c1: sin(a)"]
    lines += [f"  c{i}: sin(c{i - 1})" for i in range(2, n + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("inputs", ["[a]", "{a: 0.5}"])
def test_a_deep_symbolic_chain_is_refused_at_the_node_that_nests_too_deep(write, inputs):
    path = write(sin_chain(300, inputs))
    result = run_cli("analyze", path, "--arith", "symbolic", "-e", "forward")
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    deepest = f"c{MAX_SYMBOLIC_DEPTH}"
    assert f"node '{deepest}': the expression is nested {MAX_SYMBOLIC_DEPTH + 1} deep" \
        in result.stderr, result.stderr
    assert run_cli("analyze", write(sin_chain(MAX_SYMBOLIC_DEPTH - 1, inputs), "ok.yaml"),
                   "--arith", "symbolic", "-e", "forward").exit_code == 0


@pytest.mark.slow
def test_the_100k_node_sin_chain_is_refused_in_one_line(write):
    message = refused(write(sin_chain(100_000)), "--arith", "symbolic", "-e", "forward")
    assert "node 'c100': the expression is nested 101 deep" in message


def test_a_recursion_error_in_the_engines_is_one_refusal(monkeypatch):
    def too_deep(result):
        raise RecursionError

    monkeypatch.setattr(pathsum.analysis, "_symbolic_forms", too_deep)
    graph = pathsum.loads("inputs: [a]\nnodes: {c: sin(a)}\n", arith="symbolic")
    with pytest.raises(TooLargeError, match="nested too deeply for --arith symbolic"):
        pathsum.analyze(graph)
    symbolic = arithmetic("symbolic")
    monkeypatch.setattr(symbolic, "call", lambda fn, args: too_deep(None))
    with pytest.raises(FormulaError, match="nested too deeply to compute symbolically"):
        pathsum.formula.parse_formula("sin(a)").evaluate({"a": symbolic.symbol("a")}, symbolic)
