"""Every validation rule of DESIGN §2, with its exact one-line message.

Each broken file is checked twice: the library raises the right PathsumError subclass, and
the CLI prints exactly ``Error: <message>`` on stderr, nothing on stdout, no traceback, and
exits with status 2.
"""

from __future__ import annotations

import json
import re

import pytest
from oracles import run_cli

import pathsum
from pathsum.errors import (
    CycleError,
    FormulaError,
    NotFiniteError,
    OverrideError,
    SchemaError,
    UnknownNameError,
    UsageError,
    YAMLSyntaxError,
)

ALLOWED = "(allowed: sin, cos, tan, exp, log, sqrt, tanh, sigmoid, relu, abs, asin, acos, atan, square, log1p, expm1, sinh, cosh, asinh, acosh, atanh, erf, atan2, pow, max, min)"

# name -> (file text, error class, message with {src} for the file name)
CASES = {
    # -- YAML itself ---------------------------------------------------------------------
    "bad-yaml": ("inputs: {a: 1\nnodes:\n  b: a\n", YAMLSyntaxError,
                 "{src}, line 2, column 6: invalid YAML: did not find expected ',' or '}}'"),
    "tab-indent": ("inputs:\n\t- a\n", YAMLSyntaxError,
                   ("{src}, line 2, column 1: invalid YAML: a tab in the indentation; YAML "
                    "indentation must use spaces")),
    "python-tag": ("inputs: !!python/object/apply:os.system ['echo pwned']\nnodes: {b: 1}\n",
                   YAMLSyntaxError,
                   ("{src}, line 1, column 9: invalid YAML: could not determine a constructor "
                   "for the tag 'tag:yaml.org,2002:python/object/apply:os.system'")),
    "recursive-alias": ("inputs: &a [*a]\n", YAMLSyntaxError,
                        ("{src}, line 1, column 9: invalid YAML: found unconstructable recursive "
                        "node")),
    "duplicate-node": ("inputs: {a: 1}\nnodes:\n  b: a\n  b: a * 2\n", SchemaError,
                       "{src}, line 4, column 3: duplicate key 'b' (first defined on line 3)"),
    "duplicate-input": ("inputs:\n  a: 1\n  a: 2\nnodes: {b: a}\n", SchemaError,
                        "{src}, line 3, column 3: duplicate key 'a' (first defined on line 2)"),
    "duplicate-top-key": ("inputs: {a: 1}\nnodes: {b: a}\ninputs: {a: 2}\n", SchemaError,
                          ("{src}, line 3, column 1: duplicate key 'inputs' (first defined on "
                          "line 1)")),
    "empty-file": ("", SchemaError,
                   ("{src}, line 1: a graph file must be a mapping with 'inputs' and 'nodes' or "
                   "'edges'")),
    "a-list": ("- 1\n- 2\n", SchemaError,
               ("{src}, line 1: a graph file must be a mapping with 'inputs' and 'nodes' or "
               "'edges'")),
    # -- the document's shape ------------------------------------------------------------
    "unknown-top-key": ("inputs: {a: 1}\nnodes: {b: a}\nfoo: 1\n", SchemaError,
                        ("{src}, line 3, column 1: unknown key 'foo' (expected one of: name, "
                        "description, inputs, outputs, nodes, edges, symbols)")),
    "both-dialects": ("inputs: {a: 1}\nnodes:\n  b: a\nedges:\n  - [a, b, 1]\n", SchemaError,
                      ("{src}, line 4, column 1: a file uses either 'nodes' (formulas) or "
                      "'edges' (partials), not both")),
    "no-dialect": ("inputs: {a: 1}\n", SchemaError,
                   "{src}, line 1: a graph needs 'nodes' (formulas) or 'edges' (partials)"),
    "no-inputs": ("nodes: {b: 1}\n", SchemaError, "{src}, line 1: a graph needs 'inputs'"),
    "bad-name": ("name: 5\ninputs: {a: 1}\nnodes: {b: a}\n", SchemaError,
                 "{src}, line 1, column 1: 'name' must be a non-empty string"),
    "bad-description": ("description: [1]\ninputs: {a: 1}\nnodes: {b: a}\n", SchemaError,
                        "{src}, line 1, column 1: 'description' must be a string"),
    "inputs-list-in-nodes-dialect": ("inputs: [a]\nnodes: {b: a}\n", SchemaError,
                                     ("{src}, line 1, column 1: 'inputs' must be a mapping of "
                                     "name: value in the nodes dialect (e.g. inputs: {{a: 2}})")),
    "nodes-not-mapping": ("inputs: {a: 1}\nnodes: [b]\n", SchemaError,
                          "{src}, line 2, column 1: 'nodes' must be a mapping of name: formula"),
    "edges-not-list": ("inputs: [a]\nedges: {a: b}\n", SchemaError,
                       "{src}, line 2, column 1: 'edges' must be a list of [from, to, partial]"),
    "symbols-in-nodes-dialect": ("inputs: {a: 1}\nnodes: {b: a}\nsymbols: {s: 1}\n",
                                 SchemaError,
                                 ("{src}, line 3, column 1: 'symbols' belongs to the edges "
                                 "dialect; formulas use numbers")),
    # -- names ---------------------------------------------------------------------------
    "reserved-input": ("inputs: {sin: 1}\nnodes:\n  b: 2\n", SchemaError,
                       ("{src}, line 1, column 10: input name 'sin' is reserved (a function "
                       "name or pi)")),
    "reserved-node-pi": ("inputs: {a: 1}\nnodes:\n  pi: a\n", SchemaError,
                         ("{src}, line 3, column 3: node name 'pi' is reserved (a function name "
                         "or pi)")),
    "reserved-edge-node": ("inputs: [x]\nedges:\n  - [x, exp, 1]\n", SchemaError,
                           ("{src}, line 3, column 5: edge target name 'exp' is reserved (a "
                           "function name or pi)")),
    "keyword-name": ("inputs: {a: 1}\nnodes:\n  class: a\n", SchemaError,
                     "{src}, line 3, column 3: node name 'class' is not a valid identifier"),
    "number-name": ("inputs: {1: 1}\nnodes: {b: 2}\n", SchemaError,
                    "{src}, line 1, column 10: input name 1 must be an identifier, not int"),
    "bad-edge-name": ("inputs: [a]\nedges:\n  - [a, 1x, 2]\n", SchemaError,
                      "{src}, line 3, column 5: edge target name '1x' is not a valid identifier"),
    # -- formula dialect -----------------------------------------------------------------
    "unknown-name": ("inputs: {a: 1}\nnodes:\n  b: a + nope\n", UnknownNameError,
                     ("{src}, line 3, column 3: node 'b': unknown name 'nope' (not an input or "
                     "a node)")),
    "node-is-input": ("inputs: {a: 1}\nnodes:\n  a: 2\n", SchemaError,
                      "{src}, line 3, column 3: node 'a': node is also an input"),
    "bad-formula": ("inputs: {a: 1}\nnodes:\n  b: a +* 2\n", FormulaError,
                    ("{src}, line 3, column 3: node 'b': formula does not parse at column 4 "
                    "(invalid syntax)")),
    "code-injection": ("inputs: {a: 1}\nnodes:\n  b: __import__('os').system('echo pwned')\n",
                       FormulaError,
                       "{src}, line 3, column 3: node 'b': calling '__import__('os').system' "
                       "is not allowed " + ALLOWED.replace("{", "{{")),
    "eval-call": ("inputs: {a: 1}\nnodes:\n  b: eval('print(1)')\n", FormulaError,
                  "{src}, line 3, column 3: node 'b': function 'eval' is not allowed " + ALLOWED),
    "attribute": ("inputs: {a: 1}\nnodes:\n  b: a.__class__\n", FormulaError,
                  ("{src}, line 3, column 3: node 'b': 'a.__class__' is not allowed in a formula "
                  "(only numbers, names, + - * / **, and calls)")),
    "null-formula": ("inputs: {a: 1}\nnodes: {b: }\n", FormulaError,
                     ("{src}, line 2, column 9: node 'b': formula must be a string or a number, "
                     "not NoneType")),
    "log-of-negative": ("inputs: {a: -1}\nnodes:\n  b: log(a)\n", NotFiniteError,
                        ("{src}, line 3, column 3: node 'b': formula is not finite at these "
                        "values (math domain error: log(-1) is not defined)")),
    "division-by-zero": ("inputs: {a: 0}\nnodes:\n  b: a + 1\n  c: 1 / a\n", NotFiniteError,
                         ("{src}, line 4, column 3: node 'c': formula is not finite at these "
                         "values (division by zero)")),
    "overflow": ("inputs: {a: 1000}\nnodes:\n  b: exp(a)\n", NotFiniteError,
                 ("{src}, line 3, column 3: node 'b': formula is not finite at these values "
                 "(overflow)")),
    "infinite-input": ("inputs: {a: .inf}\nnodes: {b: a}\n", NotFiniteError,
                       "{src}, line 1, column 10: node 'a': input value is not finite (inf)"),
    "text-input": ("inputs: {a: hello}\nnodes: {b: a}\n", SchemaError,
                   ("{src}, line 1, column 10: node 'a': input value must be a number, not "
                   "'hello'")),
    "boolean-input": ("inputs: {a: true}\nnodes: {b: a}\n", SchemaError,
                      ("{src}, line 1, column 10: node 'a': input value must be a number, not "
                      "True")),
    "huge-integer-input": ("inputs: {a: 1" + "0" * 400 + "}\nnodes: {b: a}\n", NotFiniteError,
                           ("{src}, line 1, column 10: node 'a': input value is too large for a "
                           "float")),
    "huge-integer-constant": ("inputs: {a: 1}\nnodes:\n  b: a * 1" + "0" * 400 + "\n",
                              FormulaError,
                              ("{src}, line 3, column 3: node 'b': the number "
                              "10000000000000000000... is too large for a float")),
    "huge-integer-partial": ("inputs: [x]\nedges:\n  - [x, y, 1" + "0" * 400 + "]\n",
                             NotFiniteError,
                             ("{src}, line 3, column 5: edge x -> y: partial is too large for a "
                             "float")),
    "cycle": ("inputs: {a: 1}\nnodes:\n  b: a + d\n  c: b * 2\n  d: c + 1\n", CycleError,
              "{src}, line 3, column 3: node 'b': cycle: b -> c -> d -> b"),
    "cycle-named-in-order": ("inputs: {a: 1}\nnodes:\n  z: y + 1\n  x: a * z\n  y: x * 2\n",
                             CycleError, "{src}, line 3, column 3: node 'z': cycle: z -> x -> y -> z"),
    "self-reference": ("inputs: {a: 1}\nnodes:\n  b: a * b\n", CycleError,
                       "{src}, line 3, column 3: node 'b': cycle: b -> b"),
    "no-outputs": ("inputs: {a: 1}\nnodes: {}\n", SchemaError, "{src}: the graph has no outputs"),
    "unknown-output": ("inputs: {a: 1}\nnodes: {b: a}\noutputs: [q]\n", UnknownNameError,
                       "{src}, line 3, column 11: node 'q': output is not a node of the graph"),
    "output-twice": ("inputs: {a: 1}\nnodes: {b: a}\noutputs: [b, b]\n", SchemaError,
                     "{src}, line 3, column 14: node 'b': output listed twice"),
    "empty-outputs": ("inputs: {a: 1}\nnodes: {b: a}\noutputs: []\n", SchemaError,
                      ("{src}, line 3, column 1: 'outputs' must be a non-empty list of node "
                      "names")),
    "input-is-output": ("inputs: {a: 1}\nnodes: {b: a}\noutputs: [a]\n", SchemaError,
                        ("{src}, line 3, column 11: node 'a': a node cannot be both an input "
                        "and an output")),
    # -- edge dialect --------------------------------------------------------------------
    "input-with-incoming-edge": ("inputs: [x, y]\nedges:\n  - [x, y, 1]\n  - [y, z, 2]\n",
                                 SchemaError,
                                 ("{src}, line 1, column 13: node 'y': an input must have no "
                                  "incoming edges (it has one from 'x')")),
    "edge-input-is-output": ("inputs: [x]\noutputs: [x]\nedges:\n  - [x, y, 1]\n", SchemaError,
                             ("{src}, line 2, column 11: node 'x': a node cannot be both an "
                             "input and an output")),
    "input-twice": ("inputs: [x, x]\nedges: [[x, y, 1]]\n", SchemaError,
                    "{src}, line 1, column 13: node 'x': input listed twice"),
    "unknown-symbol": ("inputs: [x]\nedges:\n  - [x, y, q]\n", UnknownNameError,
                       "{src}, line 3, column 5: edge x -> y: unknown symbol 'q'"),
    "edge-cycle": ("inputs: [x]\nedges:\n  - [x, y, 1]\n  - [y, z, 1]\n  - [z, y, 1]\n",
                   CycleError, "{src}, line 3, column 5: node 'y': cycle: y -> z -> y"),
    "self-loop": ("inputs: [x]\nedges:\n  - [x, y, 1]\n  - [y, y, 1]\n", SchemaError,
                  ("{src}, line 4, column 5: edge y -> y: an edge from a node to itself is a "
                  "cycle")),
    "short-edge": ("inputs: [a]\nedges:\n  - [a, b]\n", SchemaError,
                   ("{src}, line 3, column 5: edge #1 must be [from, to, partial] or {{from:, "
                   "to:, partial:}}")),
    "edge-mapping-missing-key": ("inputs: [a]\nedges:\n  - {from: a, to: b}\n", SchemaError,
                                 ("{src}, line 3, column 5: edge #1 needs exactly the keys "
                                 "from, to, partial (missing partial)")),
    "text-partial": ("inputs: [a]\nedges:\n  - [a, b, '1/2']\n", SchemaError,
                     "{src}, line 3, column 5: edge a -> b: partial must be a number, not '1/2'"),
    "infinite-partial": ("inputs: [a]\nedges:\n  - [a, b, .inf]\n", NotFiniteError,
                         "{src}, line 3, column 5: edge a -> b: partial is not finite (inf)"),
    "nan-symbol": ("inputs: [a]\nedges:\n  - [a, b, s]\nsymbols: {s: .nan}\n", NotFiniteError,
                   "{src}, line 4, column 11: symbol 's' is not finite (nan)"),
    # -- scalars PyYAML cannot construct (issue 10, defect 3: were tracebacks, exit 1) ----
    "impossible-date": ("description: 2024-02-30\ninputs: {a: 1}\nnodes: {b: a}\n", SchemaError,
                        ("{src}, line 1, column 14: '2024-02-30' is not a date (day is out of "
                         "range for month)")),
    "int-tag-on-text": ("inputs: {a: !!int abc}\nnodes: {b: a}\n", SchemaError,
                        "{src}, line 1, column 13: 'abc' is not an integer"),
    "float-tag-on-text": ("inputs: {a: !!float abc}\nnodes: {b: a}\n", SchemaError,
                          "{src}, line 1, column 13: 'abc' is not a number"),
    "timestamp-tag-on-text": ("inputs: {a: !!timestamp abc}\nnodes: {b: a}\n", SchemaError,
                              "{src}, line 1, column 13: 'abc' is not a date"),
    "bool-tag-on-text": ("inputs: {a: !!bool abc}\nnodes: {b: a}\n", SchemaError,
                         "{src}, line 1, column 13: 'abc' is not a boolean"),
    "5000-digit-integer": ("inputs: {a: " + "9" * 5000 + "}\nnodes: {b: a}\n", SchemaError,
                           ("{src}, line 1, column 13: '99999999999999999999…9999999999 (5000 "
                            "characters)' is not an integer (it has 5000 digits; Python reads "
                            "at most 4300)")),
    # -- names as Python reads them: NFKC (defect 6: ａ was a second node named like a) --
    "fullwidth-twin": ("inputs: {a: 1, ａ: 5}\nnodes: {c: ａ * 2}\n", SchemaError,
                       ("{src}, line 1, column 16: input name 'ａ' and 'a' are the same name to "
                        "Python (both read as 'a', Unicode NFKC); rename one")),
    "fullwidth-twin-node": ("inputs: {x: 1}\nnodes: {ｃ: x, c: x}\n", SchemaError,
                            ("{src}, line 2, column 15: node name 'c' and 'ｃ' are the same "
                             "name to Python (both read as 'c', Unicode NFKC); rename one")),
    "fullwidth-twin-edge": ("inputs: [x]\nedges: [[x, ｙ, 1], [y, z, 2]]\n", SchemaError,
                            ("{src}, line 2, column 20: edge source name 'y' and 'ｙ' are the "
                             "same name to Python (both read as 'y', Unicode NFKC); rename one")),
    "fullwidth-reserved": ("inputs: {a: 1}\nnodes: {ｓｉｎ: a}\n", SchemaError,
                           ("{src}, line 2, column 9: node name 'ｓｉｎ' is reserved (it reads "
                            "as 'sin', a function name or pi)")),
    "math-bold-reserved": ("inputs: [x]\nedges: [[x, 𝐞𝐱𝐩, 1]]\n", SchemaError,
                          ("{src}, line 2, column 9: edge target name '𝐞𝐱𝐩' is reserved (it reads "
                           "as 'exp', a function name or pi)")),
    "symbols-not-mapping": ("inputs: [a]\nedges:\n  - [a, b, s]\nsymbols: [s]\n", SchemaError,
                            ("{src}, line 4, column 1: 'symbols' must be a mapping of name: "
                            "value")),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_library_raises_the_rule(case, write):
    text, error, message = CASES[case]
    path = write(text)
    with pytest.raises(error) as info:
        pathsum.load(path)
    assert str(info.value) == message.format(src=path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_prints_one_line_and_exits_2(case, write):
    text, _error, message = CASES[case]
    path = write(text)
    result = run_cli("analyze", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message.format(src=path)}\n"
    assert "Traceback" not in result.output


def test_code_injection_runs_nothing(write, tmp_path, capfd):
    marker = tmp_path / "pwned"
    path = write(f"inputs: {{a: 1}}\nnodes:\n  b: __import__('os').system('touch {marker}')\n")
    result = run_cli("analyze", path, "--format", "json")
    assert result.exit_code == 2
    assert not marker.exists()
    assert "pwned" not in capfd.readouterr().out


def test_python_tag_builds_nothing(write, tmp_path):
    marker = tmp_path / "pwned"
    path = write(f"inputs: !!python/object/apply:os.system ['touch {marker}']\nnodes: {{b: 1}}\n")
    assert run_cli("analyze", path).exit_code == 2
    assert not marker.exists()


def test_missing_file_directory_and_bad_encoding(tmp_path):
    missing = str(tmp_path / "missing.yaml")
    result = run_cli("analyze", missing)
    assert (result.exit_code, result.stderr) == (2, f"Error: {missing}: no such file\n")
    result = run_cli("analyze", str(tmp_path))
    assert result.stderr == f"Error: {tmp_path}: is a directory, not a graph file\n"
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    result = run_cli("analyze", str(binary))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {binary}: not UTF-8 text (invalid start byte at byte 0)\n"


def test_set_unknown_names(tmp_path):
    from oracles import GRAPHS

    olah, explosion = str(GRAPHS / "olah.yaml"), str(GRAPHS / "path-explosion.yaml")
    result = run_cli("analyze", olah, "--set", "z=3")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {olah}: --set z: not an input of this graph (inputs: a, b)\n"
    result = run_cli("analyze", explosion, "--set", "X=1")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {explosion}: --set X: not a symbol of this graph (symbols: "
                             "α, β, γ, δ, ε, ζ); edge-dialect inputs have no values\n")
    result = run_cli("draw", olah, "-o", str(tmp_path / "olah.dot"), "--set", "z=3")
    assert (result.exit_code, result.stderr) == (
        2, f"Error: {olah}: --set z: not an input of this graph (inputs: a, b)\n")
    assert not (tmp_path / "olah.dot").exists()


@pytest.mark.parametrize(("value", "message"), [
    (float("nan"), "<string>: a: the value is not finite (nan)"),
    (10**400, "<string>: a: the value is too large for a float"),
    ("x", "<string>: a: the value must be a number, not 'x'"),
])
def test_library_overrides_are_checked(value, message):
    # The library names the value and what is wrong; the CLI puts --set before the name.
    with pytest.raises(OverrideError) as info:
        pathsum.loads("inputs: {a: 1}\nnodes: {b: a}\n", overrides={"a": value})
    assert isinstance(info.value, UsageError)
    assert str(info.value) == message
    assert (info.value.argument, info.value.name) == ("overrides", "a")
    for text, wrong in (("inputs: {a: 1}\nnodes: {b: a}\n", "not an input"),
                        ("inputs: [a]\nedges: [[a, b, 1]]\n", "not a symbol")):
        with pytest.raises(OverrideError, match=f"^<string>: z: {wrong} of this graph"):
            pathsum.loads(text, overrides={"z": 1})


def test_from_edges_rules():
    with pytest.raises(NotFiniteError, match=r"^edge x -> y: partial is not finite \(inf\)$"):
        pathsum.from_edges([("x", "y", float("inf"))], ["x"])
    with pytest.raises(CycleError, match=r"^node 'x': cycle: x -> y -> x$"):
        pathsum.from_edges([("x", "y", 1), ("y", "x", 1)], ["x"])
    with pytest.raises(UnknownNameError, match=r"^edge x -> y: unknown symbol 's'$"):
        pathsum.from_edges([("x", "y", "s")], ["x"])
    with pytest.raises(SchemaError, match="an input must have no incoming edges"):
        pathsum.from_edges([("x", "y", 1)], ["x", "y"], ["y"])
    with pytest.raises(SchemaError, match="both an input and an output"):
        pathsum.from_edges([("x", "y", 1)], ["x"], ["x"])
    with pytest.raises(UnknownNameError, match="output is not a node of the graph"):
        pathsum.from_edges([("x", "y", 1)], ["x"], ["q"])


def test_valid_variants_are_accepted(write):
    """The other spellings DESIGN §2 allows: mapping edges, mapping inputs, numeric strings."""
    g = pathsum.load(write("inputs: {X: 0}\noutputs: Z\nedges:\n"
                           "  - {from: X, to: Y, partial: '2.5'}\n  - [Y, Z, 1_000]\n"))
    assert g.inputs == ["X"] and g.outputs == ["Z"]
    assert pathsum.analyze(g).jacobian("path") == {"Z": {"X": 2500.0}}
    json_graph = write('{"inputs": {"a": 2}, "nodes": {"b": "a * a"}}', "g.json")
    assert pathsum.analyze(json_graph).jacobian("reverse") == {"b": {"a": 4.0}}


def test_json_5000_digit_integer_is_one_line(write):
    """The json module refuses it too; the YAML reading that follows names the line."""
    path = write('{"inputs": {"a": ' + "7" * 5000 + '}, "nodes": {"b": "a"}}', "g.json")
    result = run_cli("analyze", path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: {path}, line 1, column 18: '77777777777777777777…7777777777 "
                             "(5000 characters)' is not an integer (it has 5000 digits; Python "
                             "reads at most 4300)\n")


def test_fullwidth_names_are_the_names_python_reads(write):
    """A formula's ``ａ`` is ``a`` to ast; the node it names is stored under that name."""
    graph = pathsum.load(write("inputs: {ａ: 5}\nnodes: {c: ａ * 2 + a}\n"))
    assert graph.inputs == ["a"]
    assert pathsum.analyze(graph).jacobian("reverse") == {"c": {"a": 3.0}}
    result = run_cli("analyze", write("inputs: {ａ: 5}\nnodes: {c: a * 2}\n"), "--set", "ａ=1",
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["values"] == {"a": 1.0, "c": 2.0}


def test_yaml_nested_too_deeply_is_one_line(write):
    """libyaml refuses deep nesting itself (with a position) in newer builds; older ones
    recurse until Python stops them (no position). Either way: one line, exit 2."""
    path = write("inputs: " + "[" * 5000 + "]" * 5000 + "\n")
    pattern = re.escape(path) + r"(, line 1, column \d+)?: invalid YAML: nested too deeply"
    with pytest.raises(YAMLSyntaxError) as info:
        pathsum.load(path)
    assert re.fullmatch(pattern, str(info.value))
    result = run_cli("analyze", path)
    assert result.exit_code == 2
    assert re.fullmatch("Error: " + pattern + "\n", result.stderr)


@pytest.mark.parametrize("edge", [[None, [], None], ["a", [], 1.0], [{"x": 1}, "b", 1.0]])
def test_unhashable_edge_ends_are_refused_by_name(edge):
    # The fast column reading once hashed them before checking them: a TypeError traceback.
    with pytest.raises(SchemaError, match=r"^<mapping>: edge (source|target) name .* must be an "
                                          r"identifier, not (list|NoneType|dict)$"):
        pathsum.load({"inputs": ["a"], "edges": [edge]})
