"""The rules of the core modules (errors, names and roles, argument checks, printable text,
signals, tracing's call site, JAX elements) that their docstring examples once showed."""

from __future__ import annotations

import math
import os
import signal

import pytest

from pathsum.arguments import flag, instance, items, mapping, names, number, whole
from pathsum.errors import (
    ArgumentError,
    InputTypeError,
    NotFiniteError,
    NotRunError,
    PathsumError,
    SchemaError,
)
from pathsum.graph import edge_data, finite_partial, from_edges, to_document
from pathsum.loader import loads
from pathsum.printable import brief, encodable, json_escaped, printable, shorten, shown
from pathsum.roles import check_name, check_output_node, spelled_once
from pathsum.signals import deferred, unwinding
from pathsum.trace import apply, evaluate, site, source_text


def test_located_fills_in_only_what_is_not_known():
    assert str(PathsumError("bad", line=3).located("g.yaml", line=9, column=1)) == \
        "g.yaml, line 3: bad"


def test_errors_are_also_the_python_exceptions_callers_caught_before():
    assert isinstance(InputTypeError("x"), TypeError)
    assert isinstance(ArgumentError("x"), ValueError)
    refused = NotRunError("engine must be one that ran (path), not 'nope'")
    assert isinstance(refused, KeyError)
    assert str(refused) == "engine must be one that ran (path), not 'nope'"  # no KeyError quotes


def test_names_are_kept_as_python_reads_them_and_reserved_in_any_form():
    assert (check_name("α", "input"), check_name("ａ", "input")) == ("α", "a")
    with pytest.raises(SchemaError) as info:
        check_name("ｓｉｎ", "node")
    assert str(info.value) == "node name 'ｓｉｎ' is reserved (it reads as 'sin', a function name or pi)"
    with pytest.raises(SchemaError, match=r"^node name 'sin' is reserved \(a function name or pi\)$"):
        check_name("sin", "node")
    with pytest.raises(SchemaError, match=r"^input name 3 must be an identifier, not int$"):
        check_name(3, "input")


def test_one_spelling_per_name():
    spelled: dict[str, str] = {}
    assert (spelled_once("x", "node", spelled), spelled_once("x", "node", spelled)) == ("x", "x")
    with pytest.raises(SchemaError) as info:
        spelled_once("ｘ", "node", spelled)
    assert str(info.value) == ("node name 'ｘ' and 'x' are the same name to Python (both read as "
                               "'x', Unicode NFKC); rename one")


def test_an_output_that_is_an_input_is_refused_where_it_is_listed():
    g = from_edges([("x", "y", 2.0)], inputs=["x"])
    with pytest.raises(SchemaError) as info:
        check_output_node(g.network, "x", {"x"}, set(), source="g.yaml", line=3)
    assert str(info.value) == "g.yaml, line 3: node 'x': a node cannot be both an input and an output"


def test_to_networkx_carries_the_roles_and_to_document_the_formulas():
    g = from_edges([("x", "y", 2.0)], inputs=["x"])
    assert g.to_networkx().graph == {"name": "graph", "inputs": ["x"], "outputs": ["y"]}
    assert to_document(loads("inputs: {a: 2}\nnodes: {b: a * a}\n")) == \
        {"name": "graph", "inputs": {"a": 2.0}, "nodes": {"b": "a * a"}, "outputs": ["b"]}


def test_edge_data_keeps_a_symbols_name_and_refuses_a_partial_that_is_not_finite():
    assert edge_data("s", {"s": 2.0}, ("x", "y")) == {"partial": 2.0, "symbol": "s"}
    assert edge_data(0.5, {}, ("x", "y")) == {"partial": 0.5}
    with pytest.raises(NotFiniteError, match=r"^edge x -> y: partial is not finite \(nan\)$"):
        finite_partial(float("nan"), ("x", "y"))


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: names("ab", "wrt"), InputTypeError,
     "wrt must be a list of names, not str ('ab'); for one, write ['ab']"),
    (lambda: flag("yes", "per_node"), InputTypeError,
     "per_node must be True or False, not str ('yes')"),
    (lambda: instance(None, dict, "options", "a dict"), InputTypeError,
     "options must be a dict, not NoneType"),
    (lambda: number(float("nan"), "budget", "a number of seconds"), ArgumentError,
     "budget must be a finite number of seconds, zero or more, not nan"),
    (lambda: number(-10**400, "budget"), ArgumentError,
     "budget must be a finite number, zero or more, not int"),
    (lambda: whole(2.5, "max_paths", none="no limit"), ArgumentError,
     "max_paths must be a whole number or None (no limit), not 2.5"),
    (lambda: items("12", "sizes", "a list of sizes"), InputTypeError,
     "sizes must be a list of sizes, not str ('12'); for one, write ['12']"),
    (lambda: names([1], "inputs"), InputTypeError, "inputs must hold names (str), not int (1)"),
    (lambda: mapping({1: 2}, "overrides", "a mapping of name: number"), InputTypeError,
     "overrides must have names (str) as keys, not int (1)"),
])
def test_argument_checks_name_the_argument_and_what_it_must_be(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


def test_argument_checks_return_the_value_normalised():
    assert names(("a", "b"), "wrt") == ["a", "b"]
    assert number(2, "budget", "a number of seconds") == 2.0
    assert (whole(1e6, "max_paths", none="no limit"), whole(None, "max_paths", none="no limit")) \
        == (1000000, None)
    assert items(range(3), "sizes", "a list of sizes") == [0, 1, 2]


def test_shown_values_are_short_and_never_computed_whole():
    assert (shown("10"), shown(None), shown([1, 2]), shown("x" * 99), shown(10 ** 100_000)) == \
        ("str ('10')", "NoneType", "list", "str", "int")


def test_printable_text_escapes_what_would_move_or_hide_text():
    assert printable("olah\x1b[2J\r\u202egnp.exe") == "olah\\x1b[2J\\r\\u202egnp.exe"
    assert printable("α → β") == "α → β"
    assert json_escaped('{"name": "\u202eexe.txt\u200b\udcff"}') == \
        '{"name": "\\u202eexe.txt\\u200b\\udcff"}'
    assert encodable("bad\udcffname.yaml\t") == "bad\\udcffname.yaml\t"


def test_long_names_are_cut_in_the_middle():
    assert shorten("x" * 10 + "_unit_" + "9" * 50, 20) == "xxxxxxxxxx…999999999"
    assert shorten("short") == "short"


def test_brief_shows_the_start_of_a_value_of_any_size():
    assert brief([1, [2, [3, [4]]], "x" * 100]) == \
        "[1, [2, [...]], 'xxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxx']"
    bomb: list = [["x"] * 9]
    for _ in range(30):
        bomb = [bomb] * 9  # a YAML alias bomb: its whole repr would be gigabytes
    assert brief(bomb) == "[[[...], [...], [...], [...], ...], [[...], [...]…...], ...]"
    assert brief(2 ** 200) == "<an integer of 201 bits>"


def test_an_ending_signal_unwinds_as_system_exit_and_deferred_holds_it_to_the_end():
    done = []
    with unwinding(), pytest.raises(SystemExit) as info:
        os.kill(os.getpid(), signal.SIGTERM)
    assert info.value.code == 128 + signal.SIGTERM
    with unwinding(), pytest.raises(SystemExit) as info, deferred():
        os.kill(os.getpid(), signal.SIGTERM)
        done.append("the block finishes first")
    assert done and info.value.code == 128 + signal.SIGTERM


def test_the_call_site_is_the_callers_line_and_expression():
    assert site() == {"source": __file__, "line": site()["line"]} and site()["line"] > 0
    assert source_text() == "source_text()"


def test_the_rule_functions_compute_on_numbers_as_math_does():
    assert evaluate("atan2", [1.0, 1.0]) == math.pi / 4
    assert evaluate("pow", [2.0, 10.0]) == 1024.0
    assert apply("atan2", 1.0, 1.0) == math.atan2(1.0, 1.0)


def test_an_imported_graphs_description_says_how_array_elements_are_named():
    pytest.importorskip("jax")
    from pathsum.importers.jaxpr import from_jax

    graph = from_jax(lambda t, W: t * W.sum(), t=0.5, W=[[0.0] * 3] * 2)
    assert graph.description.endswith("<lambda> at t=0.5, W=array[2,3] (element W[0,0] is "
                                      "the input W_0_0)")
