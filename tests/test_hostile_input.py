"""Hostile inputs of issue 19 (hardening, round two) that reach pathsum through its inputs:
limit variables, edge and formula counts, order files, alias bombs, Unicode the two YAML
readers read differently, lone surrogates. Each test reproduces one row of the issue.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, run_cli
from test_loading_fast import documents, read_alike_or_given_up, written

import pathsum
import pathsum.document
import pathsum.loader

OLAH = str(GRAPHS / "olah.yaml")


def refused(*args: str) -> str:
    """The one line of a refusal (exit 2, nothing on stdout)."""
    result = run_cli(*args)
    assert (result.exit_code, result.stdout) == (2, ""), result.output + result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    return result.stderr.rstrip("\n")


# -- row 11, 14: the PATHSUM_MAX_* variables -------------------------------------------

@pytest.mark.parametrize("value", ["9223372036854775807", "9" * 30])
def test_a_byte_limit_beyond_any_memory_is_no_limit(value, monkeypatch):
    """It was an OverflowError traceback (read(limit + 1)); 10**15 a MemoryError."""
    monkeypatch.setenv("PATHSUM_MAX_BYTES", value)
    result = run_cli("analyze", OLAH, "--format", "json")
    assert result.exit_code == 0, result.output + result.stderr
    assert json.loads(result.stdout)["agree"] is True


def test_leading_zeros_keep_a_small_limit_small(monkeypatch):
    """Twenty characters of which nineteen are zeros is the limit 1, not "no limit"."""
    from pathsum.limits import max_edges

    monkeypatch.setenv("PATHSUM_MAX_EDGES", "0" * 19 + "1")
    assert max_edges() == 1


@pytest.mark.parametrize(("variable", "value"), [
    ("PATHSUM_MAX_EDGES", "-5"), ("PATHSUM_MAX_EDGES", "0"), ("PATHSUM_MAX_BYTES", "1e6"),
    ("PATHSUM_MAX_BYTES", "lots"), ("PATHSUM_MAX_SOMETHING_NEW", "-1"),
])
def test_a_bad_limit_variable_is_refused_whatever_the_command_reads(variable, value,
                                                                     monkeypatch):
    """``PATHSUM_MAX_EDGES=-5`` was accepted by a formula file, which never read it."""
    monkeypatch.setenv(variable, value)
    message = f"Error: {variable}='{value}' is not a positive whole number"
    assert refused("analyze", OLAH) == message
    assert refused("draw", OLAH, "-o", "-") == message
    if variable != "PATHSUM_MAX_SOMETHING_NEW":  # the library reads the two it uses
        with pytest.raises(pathsum.UsageError, match=variable):
            pathsum.load(OLAH)


# -- row 12: too many edges is refused from a count, not after two readings -------------

def _edge_file(path, edges: int) -> str:
    path.write_text("inputs: [v0]\nedges:\n" + "".join(
        f"- [v{i}, v{i + 1}, 0.5]\n" for i in range(edges)), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("arith", ["float", "exact"])
def test_too_many_edges_is_refused_before_either_reader_reads_them(tmp_path, monkeypatch,
                                                                    arith):
    """1.9M edges over a limit of 1M took 63 s and 4.8 GB: the fast reading, then a full
    PyYAML reading only to name the line."""
    path = _edge_file(tmp_path / "big.yaml", 3000)
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "1000")

    def never(*args, **kwargs):
        raise AssertionError("the edges were read")

    monkeypatch.setattr(pathsum.loader, "read_yaml", never)
    monkeypatch.setattr(pathsum.loader, "read_plain", never)
    assert refused("analyze", path, "--arith", arith) == (
        f"Error: {path}, line 2, column 1: 3,000 edges, more than the limit of 1,000; "
        "PATHSUM_MAX_EDGES raises it")
    with pytest.raises(pathsum.TooLargeError, match="3,000 edges"):
        pathsum.loads(Path(path).read_text(encoding="utf-8"), arith=arith)


def test_a_file_just_within_the_edge_limit_still_loads(tmp_path, monkeypatch):
    path = _edge_file(tmp_path / "g.yaml", 1000)
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "1000")
    assert pathsum.load(path).network.number_of_edges() == 1000


def test_too_many_edges_in_a_shape_the_fast_reader_refuses_is_refused_without_pyyaml(
        tmp_path, monkeypatch):
    """A comment sends the file to the located reader: the count still comes first."""
    path = tmp_path / "big.yaml"
    _edge_file(path, 3000)
    path.write_text("# a comment\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "1000")
    monkeypatch.setattr(pathsum.loader, "read_yaml", lambda *a, **k: 1 / 0)
    assert refused("analyze", str(path)).endswith(
        "line 3, column 1: 3,000 edges, more than the limit of 1,000; PATHSUM_MAX_EDGES raises it")


# -- row 14: formula files count their edges too ---------------------------------------

def test_formulas_using_more_edges_than_the_limit_are_refused_before_parsing(tmp_path,
                                                                           monkeypatch):
    """2.1M edges as formulas loaded (136 s, 2.4 GB) where the same edges were refused."""
    path = tmp_path / "chain.yaml"
    path.write_text("inputs:\n  v0: 1\n  w: 2\nnodes:\n" + "".join(
        f"  v{i}: v{i - 1} * 2 + sin(w) + 1e5 + v{i - 1}\n" for i in range(1, 301)),
        encoding="utf-8")  # fewer lines than the limit: counted exactly, before parsing
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "599")
    monkeypatch.setattr(pathsum.document, "parse_formula", lambda text: 1 / 0)
    assert refused("analyze", str(path)) == (
        f"Error: {path}, line 4, column 1: the formulas would have 600 edges, more than the "
        "limit of 599 (about 2.7 KB of memory each; PATHSUM_MAX_EDGES raises it)")
    monkeypatch.undo()
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "600")  # sin and 1e5 are no edges, v* and w one
    assert pathsum.load(path).network.number_of_edges() == 600


def test_formulas_too_many_for_the_limit_are_refused_from_their_lines_before_pyyaml(
        tmp_path, monkeypatch):
    """``inputs: {v0: 1}`` sends the file to the located reader: 86 s and 2.9 GB for 2.1M
    formulas, before their edges were counted. A line naming something is an edge at
    least."""
    path = tmp_path / "chain.yaml"
    path.write_text("inputs: {v0: 1}\nnodes:\n" + "".join(
        f"  v{i}: v{i - 1} * 2\n" for i in range(1, 601)) + "  k: pi + 1e5  # v1\n",
        encoding="utf-8")
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "599")
    monkeypatch.setattr(pathsum.loader, "read_yaml", lambda *a, **k: 1 / 0)
    assert refused("analyze", str(path)) == (
        f"Error: {path}, line 2, column 1: the formulas would have at least 600 edges, more "
        "than the limit of 599 (about 2.7 KB of memory each; PATHSUM_MAX_EDGES raises it)")
    monkeypatch.undo()
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "600")  # the constant k is no edge
    assert pathsum.load(path).network.number_of_edges() == 600


# -- row 13: order files -----------------------------------------------------------------

def test_an_order_file_that_is_a_device_is_refused_unread():
    """``--order /dev/zero`` read zeros until memory ran out."""
    assert refused("analyze", OLAH, "--order", "/dev/zero") == \
        "Error: /dev/zero: is a device, not an order file"


def test_an_order_file_over_the_byte_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "order.yaml"
    path.write_text("[" + ", ".join(["c", "d"] * 1000) + "]\n", encoding="utf-8")
    monkeypatch.setenv("PATHSUM_MAX_BYTES", "1000")
    assert refused("analyze", OLAH, "--order", str(path)) == (
        f"Error: {path}: is 6,001 bytes, more than the limit of 1,000; PATHSUM_MAX_BYTES "
        "raises the limit")


def test_an_order_file_of_more_names_than_a_graph_can_have_is_refused_before_yaml(
        tmp_path, monkeypatch):
    """A 27 MB order file took 2 GB: names are counted against the edge limit first."""
    path = tmp_path / "order.yaml"
    path.write_text("[" + ", ".join(["c", "d"] * 1000) + "]\n", encoding="utf-8")
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "1000")
    monkeypatch.setattr("pathsum.orderfile.read_yaml", lambda *a, **k: 1 / 0)
    assert refused("analyze", OLAH, "--order", str(path)) == (
        f"Error: {path}: has room for 2,001 names, more than the 1,000 nodes to order a graph "
        "within the edge limit may have; PATHSUM_MAX_EDGES raises it")


# -- row 1: an alias bomb as a value --------------------------------------------------------

def _bomb(levels: int = 9) -> str:
    """A YAML list of ``9 ** levels`` items once its aliases are expanded, in ~400 bytes."""
    parts = ["&l0 [x, x, x, x, x, x, x, x, x]"] + [
        f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "[" + ", ".join(parts) + "]"


BOMBED = {
    "input value": "inputs: {a: BOMB}\nnodes: {c: a * 2}\n",
    "input name": "inputs: [BOMB]\nedges: [[a, b, 1]]\n",
    "partial": "inputs: [a]\nedges: [[a, b, BOMB]]\n",
    "edge mapping": "inputs: [a]\nedges: [{from: a, to: b, partial: BOMB}]\n",
    "edge end": "inputs: [a]\nedges: [[BOMB, b, 1]]\n",
    "symbol": "inputs: [a]\nedges: [[a, b, s]]\nsymbols: {s: BOMB}\n",
    "output": "inputs: [a]\nedges: [[a, b, 1]]\noutputs: [BOMB]\n",
}


@pytest.mark.parametrize("where", sorted(BOMBED))
@pytest.mark.parametrize("arith", ["float", "exact", "symbolic"])
def test_an_alias_bomb_is_shown_in_a_few_characters_never_expanded(where, arith):
    """The message printed the expanded value: 1.1 GB and growing at 15 s."""
    text = BOMBED[where].replace("BOMB", _bomb())
    with pytest.raises(pathsum.GraphError) as caught:
        pathsum.loads(text, arith=arith)
    message = str(caught.value)
    assert len(message) < 300 and "…" in message and "[[" in message, message


def test_an_alias_bomb_in_analyze_draw_batch_and_an_order_file(tmp_path):
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMBED["input value"].replace("BOMB", _bomb()), encoding="utf-8")
    for args in (("analyze", str(bomb)), ("analyze", str(bomb), "--arith", "exact"),
                 ("draw", str(bomb), "-o", "-")):
        assert len(refused(*args)) < 300
    result = run_cli("batch", str(bomb), OLAH)
    assert result.exit_code == 1, result.output + result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert len(first["error"]) < 300 and second["agree"] is True
    order = tmp_path / "order.yaml"
    order.write_text(_bomb() + "\n", encoding="utf-8")
    assert len(refused("analyze", OLAH, "--order", str(order))) < 300


# -- row 4: text the two YAML readers would read differently ----------------------------------

@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\x85"])
@pytest.mark.parametrize(("text", "usual"), [
    ("name: aODDb\ninputs: [a]\nedges:\n- [a, b, 1]\n", ""),
    ("name: xODDinputs: [a]\nedges:\n- [a, b, 1]\n", "\n"),
    ("inputs: [a]\nedges:\n- [a, bODD, 1]\n", ""),
    ("inputs: [a]\nedges:\n- [a, b, 1]ODD- [b, c, 2]\n", "\n"),
])
def test_the_fast_reader_gives_up_on_unicode_line_breaks(text, usual, odd):
    """PyYAML ends a line at U+2028, U+2029 and U+0085; the fast reader split only at \\n
    and read ``name: a\\u2029b`` as a name where PyYAML finds a syntax error."""
    assert pathsum.yamlio.read_plain(text.replace("ODD", usual)) is not None
    assert pathsum.yamlio.read_plain(text.replace("ODD", odd)) is None


# -- row 5: lone surrogates --------------------------------------------------------------------

@pytest.mark.parametrize("document", [
    '{"name": "g\\ud800", "inputs": ["x"], "edges": [["x", "y", 2]]}',
    '{"description": "d\\udfff", "inputs": {"x": 1}, "nodes": {"y": "x * 2"}}',
    '{"inputs": ["x\\ud800"], "edges": [["x\\ud800", "y", 2]]}',
])
def test_a_lone_surrogate_in_json_is_one_line_and_a_record_in_batch(tmp_path, document):
    """A UnicodeEncodeError traceback, exit 1; in batch, one such file aborted the run."""
    path = tmp_path / "s.json"
    path.write_text(document, encoding="utf-8")
    assert refused("analyze", str(path), "--format", "json").startswith(f"Error: {path}, line 1")
    result = run_cli("batch", str(path), OLAH)
    assert result.exit_code == 1, result.output + result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert "invalid" in first["error"] and second["agree"] is True


def test_a_lone_surrogate_from_python_is_refused_in_one_printable_line():
    for document in ({"name": "g\ud800", "inputs": ["x"], "edges": [["x", "y", 2]]},
                     {"description": "\udfff", "inputs": ["x"], "edges": [["x", "y", 2]]},
                     {"inputs": ["x\ud800"], "edges": [["x\ud800", "y", 2]]}):
        with pytest.raises(pathsum.SchemaError) as caught:
            pathsum.load(document)
        str(caught.value).encode("utf-8")  # no surrogate left to fail an output


# -- also: the two YAML readers agree on hostile text --------------------------------------------

#: Characters where YAML readers tend to differ: line and paragraph separators, NEL, lone
#: surrogates, controls, BOM, zero-width and private-use, and YAML's own indicators.
ODD = st.sampled_from(["\u2028", "\u2029", "\x85", "\ud800", "\udfff", "\x00", "\x1b", "\r",
                       "\t", "\x0b", "\x0c", "\ufeff", "\u200b", "\ufffe", "\x7f", "\xa0",
                       "\ue000", "\U0001f600", " ", "#", "'", '"', ":", "-", "[", "]", ",",
                       "\n", "&", "*", "!", "%", "@", "`", "|", ">", "?", "{", "}", "\\"])


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.lists(st.tuples(st.integers(0, 10**6), ODD), min_size=1, max_size=4),
       st.booleans())
def test_fast_and_located_readers_read_the_same_document_or_the_fast_one_gives_up(
        doc, insertions, flow):
    text = written(doc, flow)
    if text is None:
        return
    for at, char in insertions:
        at %= len(text) + 1
        text = text[:at] + char + text[at:]
    read_alike_or_given_up(text)
