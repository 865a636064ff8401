"""Hints for a newcomer's slips (issue 16, item 5): each message says what to write instead,
in one line, with the file, line and node where they are known."""

from __future__ import annotations

import sys

import pytest
from oracles import GRAPHS, run_cli


def one_line(*args: str) -> str:
    result = run_cli(*args)
    assert (result.exit_code, result.stdout) == (2, ""), result.output + result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr.rstrip("\n")


def graph(tmp_path, text: str) -> str:
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("formula", "hint"), [
    ("2x", "write 2*x to multiply"), ("x + 0.5x", "write 0.5*x to multiply"),
    ("3sin(x)", "write 3*sin to multiply"),
])
def test_a_number_against_a_name_says_write_the_product(tmp_path, formula, hint):
    """``y: 2x`` said only "invalid decimal literal"."""
    path = graph(tmp_path, f"inputs: {{x: 1}}\nnodes:\n  y: {formula}\n")
    message = one_line("analyze", path)
    assert message.startswith(f"Error: {path}, line 3, column 3: node 'y': formula does not "
                              "parse at column ")
    assert message.endswith(f"; {hint}")


def test_a_number_that_is_a_number_gets_no_product_hint(tmp_path):
    path = graph(tmp_path, "inputs: {x: 1}\nnodes:\n  y: 1e5 * x +\n")
    assert "multiply" not in one_line("analyze", path)


def test_a_caret_says_use_two_stars(tmp_path):
    path = graph(tmp_path, "inputs: {x: 1}\nnodes:\n  y: x^2\n")
    assert one_line("analyze", path) == (
        f"Error: {path}, line 3, column 3: node 'y': 'x^2': ^ is not a power in a formula "
        "(Python reads it as exclusive or); use ** for powers, as in x**2")


@pytest.mark.parametrize(("text", "where"), [
    ("inputs: {x: 1}\nnodes:\n\ty: x * 2\n", "line 3, column 1"),
    ("inputs: {x: 1}\nnodes:\n  y: x * 2\n\tz: y\n", "line 4, column 1"),
    ("inputs:\n  x: 1\nnodes:\n  \t y: x * 2\n", "line 4, column 3"),
])
def test_a_tab_in_the_indentation_says_use_spaces(tmp_path, text, where):
    """PyYAML says "found character that cannot start any token"."""
    path = graph(tmp_path, text)
    assert one_line("analyze", path) == (
        f"Error: {path}, {where}: invalid YAML: a tab in the indentation; YAML "
        "indentation must use spaces")


def test_a_tab_inside_a_line_keeps_pyyamls_words(tmp_path):
    path = graph(tmp_path, "inputs: {x: 1}\nnodes: {y: x * 2}\n: \tbad\n")
    assert "indentation" not in one_line("analyze", path)


@pytest.mark.parametrize(("typed", "meant"), [("analize", "analyze"), ("comapre", "compare"),
                                               ("DRAW", "draw"), ("genrate", "generate")])
def test_a_misspelt_command_says_which_was_meant(typed, meant):
    assert one_line(typed, str(GRAPHS / "olah.yaml")) == \
        f"Error: no such command '{typed}'; did you mean {meant}?"


def test_an_unknown_command_lists_the_commands():
    assert one_line("xyzzy") == ("Error: no such command 'xyzzy'; the commands: analyze, "
                                 "batch, compare, draw, generate, import, trace")


def test_formulas_without_sympy_names_the_flag_and_the_extra(tmp_path, monkeypatch):
    """It said "--arith symbolic needs sympy" to someone who asked for --formulas."""
    monkeypatch.setitem(sys.modules, "sympy", None)  # import sympy now raises ImportError
    assert one_line("draw", str(GRAPHS / "olah.yaml"), "--formulas", "-o",
                    str(tmp_path / "g.dot")) == (
        "Error: --formulas needs sympy, which is not installed: pip install "
        "'pathsum[symbolic]'")
