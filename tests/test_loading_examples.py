"""The examples the loading modules' docstrings used to carry, as tests named by the rule
each shows (issue 17 moved them out of the docstrings)."""

from __future__ import annotations

import errno
import os
import stat
from fractions import Fraction

import pytest

from pathsum.arith import MAX_EXACT_BITS, arithmetic, check_power, check_size, exact_number
from pathsum.atomic import atomic_write, check_output_path, is_stdout, open_output
from pathsum.document import _USED, Document, evaluate, non_finite_text, read_edges, read_formulas
from pathsum.errors import FormulaError, TooLargeError, UsageError
from pathsum.files import file_kind, missing_reason, non_regular_kind, os_problem
from pathsum.formula import _juxtaposed, parse_formula
from pathsum.limits import check_drawn, check_edges, check_environment, check_listed, limit
from pathsum.loader import build, default_name, loads
from pathsum.rules import real_pow
from pathsum.yamlio import (
    _EDGE_LINE,
    _NAMING_LINE,
    _counted,
    _tab_indented,
    position,
    read_plain,
    read_yaml,
)
from pathsum.yamlwrite import to_yaml


def test_a_graph_without_a_name_is_named_by_its_file_stem_with_bad_bytes_escaped():
    assert default_name("graphs/olah.yaml") == "olah"
    assert default_name(os.fsdecode(b"bad\xffname.yaml")) == "bad\\udcffname"


def test_loads_evaluates_formulas_and_their_partials_and_build_reads_edges():
    g = loads("inputs: {a: 2, b: 1}\nnodes: {c: a + b, d: b + 1, e: c * d}\n")
    assert (g.values["e"], g.outputs, g.network["c"]["e"][0]["partial"]) == (6.0, ["e"], 2.0)
    assert build({"inputs": ["x"], "edges": [["x", "y", 2.5]]}).network["x"]["y"][0] == \
        {"partial": 2.5}


def test_a_document_reads_names_as_python_does():
    doc = Document({"inputs": {"a": 2}}, "g.yaml", "g", {}, arithmetic("float"))
    assert doc.name("ａ", "input", doc.at(doc.data, "inputs")) == "a"
    assert (non_finite_text("NaN"), non_finite_text("-Infinity"), non_finite_text("nano")) \
        == (True, True, False)


def test_the_dialects_read_into_the_network_and_evaluate_partials_exactly():
    doc = Document({"inputs": {"a": 2}, "nodes": {"b": "a * a"}}, "<mapping>", "g", {},
                   arithmetic("float"))
    inputs, values, formulas = read_formulas(doc)
    assert (inputs, values, formulas["b"].text, list(doc.network.edges)) == \
        (["a"], {"a": 2.0}, "a * a", [("a", "b", 0)])
    doc = Document({"inputs": {"a": 0.5}, "nodes": {"b": "a * a"}}, "<mapping>", "g", {},
                   arithmetic("exact"))
    values, formulas = read_formulas(doc)[1:]
    evaluate(doc, ["a", "b"], values, formulas)
    assert (values["b"], doc.network["a"]["b"][0]["partial"]) == (Fraction(1, 4), Fraction(1))
    doc = Document({"inputs": ["x"], "edges": [["x", "y", "s"]], "symbols": {"s": 2}},
                   "<mapping>", "g", {}, arithmetic("float"))
    assert read_edges(doc) == (["x"], {"s": 2.0})
    assert list(doc.network.edges(data="partial")) == [("x", "y", 2.0)]


def test_the_names_a_formula_uses_are_its_uncalled_identifiers_outside_numbers():
    assert sorted(set(_USED.findall("sin(x1) + 1e5 * y + pi + y ** 2.5e-3"))) == \
        ["pi", "x1", "y"]


def test_formulas_give_values_and_exact_partials_and_refuse_calls_outside_the_whitelist():
    assert parse_formula("c * c + 1").value({"c": 3.0}) == 10.0
    assert parse_formula("x / 3 + 0.1").evaluate({"x": Fraction(1)}, arithmetic("exact")) == \
        (Fraction(13, 30), {"x": Fraction(1, 3)})
    with pytest.raises(FormulaError, match=r"^function '__import__' is not allowed \(allowed: "
                       r"sin, cos, tan, exp, log, sqrt, tanh, sigmoid, relu, abs, asin, acos, "
                       r"atan, square, log1p, expm1, sinh, cosh, asinh, acosh, atanh, erf, "
                       r"atan2, pow, max, min\)$"):
        parse_formula("__import__('os')")
    assert (_juxtaposed("2x + 1"), _juxtaposed("1e5 + x")) == ("; write 2*x to multiply", "")
    assert real_pow(2.0, 3.0) == 8.0
    with pytest.raises(ValueError, match=r"^-8.0 \*\* 0.3333333333333333 is not a real number$"):
        real_pow(-8.0, 1 / 3)


def test_each_arithmetic_gives_functions_their_meaning():
    a = arithmetic("float")
    assert (a.literal(0.5, "0.5"), a.call("exp", [0.0]),
            a.slope("atan2", [1.0, 1.0], [True, True])) == (0.5, 1.0, (0.5, -0.5))
    e = arithmetic("exact")
    assert e.name == "exact"
    assert (e.literal(0.1, "0.1") * 3, e.number(0.25), e.call("pow", [Fraction(2, 3), 2])) == \
        (Fraction(3, 10), Fraction(1, 4), Fraction(4, 9))
    with pytest.raises(FormulaError, match=r"^sin has no exact value: --arith exact takes "
                       r"\+ - \* /, integer powers, abs, relu, square, max and min "
                       r"\(try --arith symbolic\)$"):
        e.call("sin", [Fraction(1)])


def test_symbolic_arithmetic_tracks_depth_and_compares_at_random_points():
    sympy = pytest.importorskip("sympy")
    from pathsum.arith import equal_at_random_points

    a = arithmetic("symbolic")
    x = a.symbol("x")
    assert str((a.call("tanh", [x]), a.slope("tanh", [x], [True]),
                a.slope("relu", [a.zero], [True]))) == "(tanh(x), (1 - tanh(x)**2,), (0,))"
    assert (a.depth(x), a.depth(a.call("sin", [a.call("sin", [x])])), a.depth(x + x + x)) == \
        (1, 3, 2)
    assert equal_at_random_points(x**(x**x) * sympy.log(x),
                                  sympy.exp(x**x * sympy.log(x)) * sympy.log(x))
    assert not equal_at_random_points(x, x + sympy.Rational(1, 10**20))


def test_exact_numbers_are_read_from_text_and_refused_beyond_the_size_limit():
    assert (exact_number("0.1"), exact_number("0x10"), exact_number("-2.5e-3")) == \
        (Fraction(1, 10), Fraction(16), Fraction(-1, 400))
    assert MAX_EXACT_BITS == 524_288
    with pytest.raises(FormulaError, match=r"^the number 1e999999999 is too large to compute "
                       r"exactly \(about 3,321,928,095 bits; the limit is 524,288 bits\)$"):
        exact_number("1e999999999")
    assert check_size(Fraction(3, 4)) == Fraction(3, 4)
    with pytest.raises(FormulaError, match=r"^a result is too large to compute exactly "
                       r"\(about 600,002 bits; the limit is 524,288 bits\)$"):
        check_size(1 << 600_000)
    with pytest.raises(FormulaError, match=r"^a power \*\* 10000000000 is too large to compute "
                       r"exactly \(about 10,000,000,000 bits; the limit is 524,288 bits\)$"):
        check_power(2, 1, 10**10)


def test_limits_are_positive_whole_numbers_and_refuse_in_words(monkeypatch):
    monkeypatch.setenv("PATHSUM_MAX_EXAMPLE", "1_000")
    assert limit("PATHSUM_MAX_EXAMPLE", 5) == 1000
    check_environment()
    monkeypatch.setenv("PATHSUM_MAX_EXAMPLE", "-5")
    with pytest.raises(UsageError, match=r"^PATHSUM_MAX_EXAMPLE='-5' is not a positive whole "
                       r"number$"):
        limit("PATHSUM_MAX_EXAMPLE", 5)
    monkeypatch.delenv("PATHSUM_MAX_EXAMPLE")
    check_drawn(5, 5, "olah.yaml")
    with pytest.raises(TooLargeError) as drawn:
        check_drawn(100_000, 199_998, "chain.yaml")
    assert str(drawn.value) == (
        "chain.yaml has 100,000 nodes and 199,998 edges, more than the 5,000 nodes plus edges "
        "Graphviz is given (PATHSUM_MAX_DRAWN raises it; a .dot file is written without "
        "Graphviz)")
    check_edges(10, "diamond k=5")
    with pytest.raises(TooLargeError) as edges:
        check_edges(10**8, "diamond k=1, width=100000000")
    assert str(edges.value) == (
        "diamond k=1, width=100000000 would have 100,000,000 edges, more than the limit of "
        "2,000,000 (about 2.7 KB of memory each; PATHSUM_MAX_EDGES raises it)")
    check_listed(6, source="g.yaml", line=2, column=1)
    with pytest.raises(TooLargeError) as listed:
        check_listed(3_000_000, source="g.yaml", line=2, column=1)
    assert str(listed.value) == ("g.yaml, line 2, column 1: 3,000,000 edges, more than the "
                                 "limit of 2,000,000; PATHSUM_MAX_EDGES raises it")


def test_the_located_yaml_reading_keeps_positions_and_refuses_duplicate_keys():
    assert read_yaml("a: 1\nb: [x, y]") == {"a": 1, "b": ["x", "y"]}
    assert read_yaml("a: 0.1", exact=True) == {"a": Fraction(1, 10)}
    with pytest.raises(Exception) as duplicate:
        read_yaml("a: 1\na: 2", "g.yaml")
    assert str(duplicate.value) == \
        "g.yaml, line 2, column 1: duplicate key 'a' (first defined on line 1)"
    assert (_tab_indented("a:\n\tb: 1\n", 1), _tab_indented("a: 1\tb\n", 0)) == (True, False)
    data = read_yaml("a: 1\nb: [x, y]\n")
    assert (position(data, "b"), position(data["b"], 1), position({}, "a")) == \
        ((2, 1), (2, 8), (None, None))


def test_the_fast_reader_takes_pathsums_shapes_only_and_counts_edge_lines():
    data = read_plain("inputs: [x]\nedges:\n- [x, y, 0.5]\n")
    assert data == {"inputs": ["x"], "edges": [["x", "y", 0.5]]}
    assert (data.marks, data["edges"].marks) == ({"inputs": (1, 1), "edges": (2, 1)}, [(3, 3)])
    assert read_plain("inputs: [yes]\n") == {"inputs": [True]}  # as the located loader
    assert read_plain("edges:\n- [x, yes, 0.5]\n") == {"edges": [["x", True, 0.5]]}
    text = "inputs: {a: 1}\nedges:\n- [a, b, 1]\n- [b, c, 2]\nname: g\n"
    assert (_counted(text, "edges", _EDGE_LINE), _counted(text, "nodes", _NAMING_LINE)) == \
        ((2, 2), (0, 0))
    text = "inputs: {a: 1}\nnodes:\n  b: sin(a) * 2\n  c: pi + 1e5  # b\n  d: b*c\n"
    assert _counted(text, "nodes", _NAMING_LINE) == (2, 2)


def test_to_yaml_writes_block_mappings_and_one_edge_a_line():
    assert to_yaml({"name": "g", "inputs": ["x"], "edges": [["x", "y", 0.5]]}) == \
        "name: g\ninputs: [x]\nedges:\n- [x, y, 0.5]\n"
    assert to_yaml({"name": "g", "inputs": {"a": 2.0}, "nodes": {"b": "a*a"}}) == \
        "name: g\ninputs:\n  a: 2.0\nnodes:\n  b: a*a\n"


def test_files_are_described_in_a_users_words():
    assert (file_kind(os.stat(".").st_mode), file_kind(stat.S_IFIFO)) == \
        ("a directory", "a FIFO (named pipe)")
    assert (non_regular_kind("/dev/null"), non_regular_kind("no/such/file")) == \
        ("a character device", None)
    assert os_problem(OSError(errno.ELOOP, "Too many levels of symbolic links")) == \
        "a symlink loop (too many levels of symbolic links)"
    assert os_problem(OSError(errno.ENOSPC, "No space left on device")) == \
        "no space left on device"
    assert (missing_reason("no/such.yaml"), missing_reason(".")) == ("no such file", None)


def test_outputs_are_streams_or_files_replaced_atomically(tmp_path):
    assert (is_stdout("-"), is_stdout("/dev/stdout"), is_stdout("out.csv")) == \
        (True, True, False)
    check_output_path("/dev/stdout")
    with pytest.raises(UsageError) as device:
        check_output_path("/dev/zero")
    assert str(device.value) == (
        "'/dev/zero' is a character device, not a regular file, and an output file is "
        "replaced, not written into (to write into it, redirect stdout: > /dev/zero)")
    with open_output("/dev/null") as f:
        f.write("gone")
    target = tmp_path / "out.txt"
    with atomic_write(target) as f:
        f.write("hello")
    assert target.read_text() == "hello"
