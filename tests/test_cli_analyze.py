"""``pathsum analyze`` through click's CliRunner: exit codes and exact output."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from oracles import GRAPHS, cli_json, diamond_chain_yaml, run_cli

import pathsum.analysis
import pathsum.display
import pathsum.engines

OLAH = str(GRAPHS / "olah.yaml")
EXPLOSION = str(GRAPHS / "path-explosion.yaml")


def lines(text: str) -> list[str]:
    """Output lines without rich's trailing padding, with timings masked."""
    return [re.sub(r"\d+\.\d{6}", "T", line).rstrip() for line in text.splitlines()]


def ok(*args: str):
    result = run_cli("analyze", *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result


def usage_error(*args: str) -> str:
    """Run, expect exit 2 and one line on stderr, as for bad input; return that line."""
    result = run_cli("analyze", *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.rstrip("\n")


# -- the table -----------------------------------------------------------------------------
OLAH_TABLE = """\
olah — e = (a + b) * (b + 1), the worked example of the backpropagation post
5 nodes, 5 edges; inputs: a, b; outputs: e; 3 input-to-output paths
Node values
┏━━━━━━┳━━━━━━━━━┳━━━━━━━┓
┃ node ┃ formula ┃ value ┃
┡━━━━━━╇━━━━━━━━━╇━━━━━━━┩
│ a    │ input   │     2 │
│ b    │ input   │     1 │
│ c    │ a + b   │     3 │
│ d    │ b + 1   │     2 │
│ e    │ c * d   │     6 │
└──────┴─────────┴───────┘
Paths and derivatives
┏━━━━━━━━━━━━┳━━━━━━━┳━━━━━━┳━━━━━━━━━┳━━━━━━━━━┓
┃ derivative ┃ paths ┃ path ┃ forward ┃ reverse ┃
┡━━━━━━━━━━━━╇━━━━━━━╇━━━━━━╇━━━━━━━━━╇━━━━━━━━━┩
│ de/da      │     1 │    2 │       2 │       2 │
│ de/db      │     2 │    5 │       5 │       5 │
└────────────┴───────┴──────┴─────────┴─────────┘
Operations on partials
┏━━━━━━━━━┳━━━━━┳━━━━━┳━━━━━━━━┳━━━━━━━━━━┓
┃ engine  ┃ mul ┃ add ┃ sweeps ┃  seconds ┃
┡━━━━━━━━━╇━━━━━╇━━━━━╇━━━━━━━━╇━━━━━━━━━━┩
│ path    │   3 │   1 │        │ T │
│ forward │   3 │   1 │      2 │ T │
│ reverse │   3 │   1 │      1 │ T │
└─────────┴─────┴─────┴────────┴──────────┘
✓ path, forward, reverse agree on every derivative."""

OLAH_SWEEPS = """\
forward from a
┏━━━━━━┳━━━━━━━┓
┃ node ┃ d·/da ┃
┡━━━━━━╇━━━━━━━┩
│ a    │     1 │
│ b    │     0 │
│ c    │     1 │
│ d    │     0 │
│ e    │     2 │
└──────┴───────┘
forward from b
┏━━━━━━┳━━━━━━━┓
┃ node ┃ d·/db ┃
┡━━━━━━╇━━━━━━━┩
│ a    │     0 │
│ b    │     1 │
│ c    │     1 │
│ d    │     1 │
│ e    │     5 │
└──────┴───────┘
reverse from e
┏━━━━━━┳━━━━━━━┓
┃ node ┃ de/d· ┃
┡━━━━━━╇━━━━━━━┩
│ a    │     2 │
│ b    │     5 │
│ c    │     2 │
│ d    │     3 │
│ e    │     1 │
└──────┴───────┘"""

OLAH_SUMS = """\
Sums over paths
de/da = [a→c→e] 1*2 = 2
de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5"""


def olah_table(*extra: str) -> list[str]:
    """The plain table with ``extra`` blocks inserted before the agreement line."""
    plain = OLAH_TABLE.splitlines()
    return plain[:-1] + [line for block in extra for line in block.splitlines()] + plain[-1:]


def test_olah_table_is_exact():
    assert lines(ok(OLAH).stdout) == OLAH_TABLE.splitlines()


def test_olah_table_with_explain_is_exact():
    """The post's two figures (every node's value per sweep) and every path by name."""
    assert lines(ok(OLAH, "--explain").stdout) == olah_table(OLAH_SWEEPS, OLAH_SUMS)


def test_per_node_table_shows_the_sweeps_without_the_sums():
    assert lines(ok(OLAH, "--per-node").stdout) == olah_table(OLAH_SWEEPS)


def test_wrt_and_of_narrow_the_sweeps_and_the_sums():
    sweeps = OLAH_SWEEPS.splitlines()
    forward_b, reverse_e = "\n".join(sweeps[10:20]), "\n".join(sweeps[20:])
    assert lines(ok(OLAH, "--explain", "--wrt", "b").stdout) == olah_table(
        forward_b, "Sums over paths\nde/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5")
    assert lines(ok(OLAH, "--explain", "--of", "e").stdout) == olah_table(reverse_e, OLAH_SUMS)
    assert lines(ok(OLAH, "--per-node", "--wrt", "b", "--of", "e").stdout) == olah_table(
        forward_b, reverse_e)


def test_explain_with_named_partials():
    out = lines(ok(EXPLOSION, "--explain").stdout)
    terms = [f"[X -{a}→ Y -{b}→ Z] {a}*{b}" for a in "αβγ" for b in "δεζ"]
    assert ("dZ/dX = " + " + ".join(terms) + " = 1*4 + 1*5 + 1*6 + 2*4 + 2*5 + 2*6 + 3*4 + "
            "3*5 + 3*6 = 90") in out


def test_explain_counts_what_it_cannot_list(write):
    path = write(diamond_chain_yaml(5))  # 243 paths > 100 per derivative
    out = lines(ok(path, "--explain").stdout)
    assert "dv5/dv0: 243 paths, too many to list (the limit is 100)" in out
    out = lines(ok(EXPLOSION, "--explain", "--max-paths", "3").stdout)
    assert "dZ/dX: 9 paths, not listed (the graph has 9 paths, more than --max-paths 3)" in out


def test_explain_no_path_and_negative_partials(write):
    path = write("inputs: [x, w]\noutputs: [z]\nedges:\n  - [x, y, -2]\n  - [y, z, 3]\n"
                 "  - [x, z, 0.5]\n  - [w, q, 1]\n")
    out = lines(ok(path, "--explain").stdout)
    assert "dz/dx = [x→y→z] (-2)*3 + [x→z] 0.5 = -5.5" in out
    assert "dz/dw = 0 (no path from w to z)" in out


def test_markup_in_a_description_is_shown_as_written(write):
    path = write("name: g\ndescription: 'closing [/] and [bold]x'\ninputs: {a: 1}\n"
                 "nodes: {b: a}\n")
    assert lines(ok(path).stdout)[:2] == [
        "g — closing [/] and [bold]x",
        "2 nodes, 1 edge; inputs: a; outputs: b; 1 input-to-output path",
    ]


# -- JSON and CSV --------------------------------------------------------------------------
def test_a_wide_table_is_never_cut_in_a_file_or_pipe():
    """Seven engines need more than 80 columns: piped, each Jacobian entry is shown whole."""
    names = [n for n in pathsum.engines.ENGINES if n not in pathsum.engines.CONDITIONAL]
    engines = ",".join(names)
    out = ok(str(GRAPHS / "mlp.yaml"), "--engine", engines).stdout
    # An elimination order is cut after a dozen names by design ("… (+11)"), nothing else.
    assert "…" not in re.sub(r"… \(\+\d+\)", "", out)
    record = cli_json(str(GRAPHS / "mlp.yaml"), "--engine", engines)
    shown = pathsum.display.show(record["engines"]["path"]["jacobian"]["loss"]["x1"])
    row = next(line for line in out.splitlines() if line.startswith("│ dloss/dx1 "))
    assert row.count(shown) == len(names)
    assert all(name in out for name in names)


def test_json_record_shape_and_types():
    record = json.loads(ok(EXPLOSION, "--format", "json").stdout)
    assert list(record) == ["graph", "source", "nodes", "edges", "inputs", "outputs", "values",
                            "paths", "total_paths", "engines", "agree"]
    assert list(record["engines"]) == ["path", "forward", "reverse"]
    assert list(record["engines"]["path"]) == ["jacobian", "mul", "add", "enumerated", "seconds",
                                               "setup_seconds"]
    assert list(record["engines"]["forward"]) == ["jacobian", "mul", "add", "sweeps", "seconds",
                                                  "setup_seconds"]
    assert record["source"] == EXPLOSION
    assert (record["nodes"], record["edges"], record["values"]) == (3, 6, None)


def test_csv_header_and_rows():
    text = ok(OLAH, "--format", "csv").stdout
    assert text.splitlines()[0] == ("graph,engine,output,input,paths,derivative,mul,add,sweeps,"
                                    "enumerated,seconds,order,optimal,agree")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        assert float(row.pop("seconds")) >= 0
    assert rows == [
        {"graph": "olah", "engine": engine, "output": "e", "input": x, "paths": p,
         "derivative": d, "mul": "3", "add": "1", "sweeps": sweeps, "enumerated": enumerated,
         "order": "", "optimal": "", "agree": "true"}
        for engine, sweeps, enumerated in (("path", "", "true"), ("forward", "2", ""),
                                           ("reverse", "1", ""))
        for x, p, d in (("a", "1", "2.0"), ("b", "2", "5.0"))
    ]


# -- options -------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [("--engine", "forward,reverse"),
                                  ("-e", "reverse", "-e", "forward"),
                                  ("--engine", "forward, reverse,forward")])
def test_engine_selection(args):
    record = json.loads(ok(OLAH, *args, "--format", "json").stdout)
    assert sorted(record["engines"]) == ["forward", "reverse"]
    assert record["agree"] is True


def test_one_engine_has_nothing_to_compare():
    out = lines(ok(OLAH, "--engine", "reverse").stdout)
    assert out[-1] == "Only reverse produced a Jacobian; nothing to compare."


def test_no_engine_with_a_jacobian():
    out = lines(ok(OLAH, "--engine", "path", "--max-paths", "0").stdout)
    assert out[-2:] == [
        ("path: mul and add derived from exact path counts, not enumerated (3 paths > "
        "--max-paths 0)"),
        "No engine produced a Jacobian; nothing to compare.",
    ]


def test_set_overrides_an_input_and_a_symbol():
    record = json.loads(ok(OLAH, "--set", "a=3", "--set", "b=-1", "--format", "json").stdout)
    # e = (a + b)(b + 1): de/da = b + 1, de/db = (b + 1) + (a + b)
    assert record["values"] == {"a": 3.0, "b": -1.0, "c": 2.0, "d": 0.0, "e": 0.0}
    assert record["engines"]["forward"]["jacobian"] == {"e": {"a": 0.0, "b": 2.0}}
    record = json.loads(ok(EXPLOSION, "--set", "α=10", "--format", "json").stdout)
    assert record["engines"]["path"]["jacobian"] == {"Z": {"X": (10 + 2 + 3) * 15.0}}


def test_max_paths_derives_instead_of_enumerating(write):
    path = write(diamond_chain_yaml(6))
    record = json.loads(ok(path, "--max-paths", "728", "--format", "json").stdout)
    assert record["engines"]["path"] == {"jacobian": None, "mul": 729 * 5, "add": 728,
                                         "enumerated": False,
                                         "seconds": record["engines"]["path"]["seconds"],
                                         "setup_seconds": 0.0}
    assert record["agree"] is True
    record = json.loads(ok(path, "--max-paths", "729", "--format", "json").stdout)
    assert record["engines"]["path"]["enumerated"] is True
    out = lines(ok(path, "--max-paths", "10").stdout)
    assert "│ dv6/dv0    │   729 │    — │   46656 │   46656 │" in out
    assert "✓ forward, reverse agree on every derivative." in out
    assert "│ path    │ 3645 │ 728 │        │  derived │" in out
    assert ("path: mul and add derived from exact path counts, not enumerated (729 paths > "
            "--max-paths 10)") in out
    rows = list(csv.DictReader(io.StringIO(ok(path, "--max-paths", "10", "--format",
                                              "csv").stdout)))
    assert (rows[0]["engine"], rows[0]["derivative"], rows[0]["enumerated"]) == ("path", "",
                                                                                 "false")


# -- exit status 1 -------------------------------------------------------------------------
def _wrong_reverse(cg):
    """A reverse engine that is off by one on the first entry."""
    result = pathsum.engines.reverse_engine(cg)
    y = cg.outputs[0]
    x = cg.inputs[0]
    result.jacobian[y][x] = result.jacobian[y][x] + 1
    return result


@pytest.fixture
def broken_reverse(monkeypatch):
    monkeypatch.setitem(pathsum.engines.ENGINES, "reverse", _wrong_reverse)


def test_disagreement_exits_1_with_the_entries_named(broken_reverse):
    result = run_cli("analyze", OLAH)
    assert result.exit_code == 1
    out = lines(result.stdout)
    assert out[-2:] == ["✗ engines disagree on 1 derivative(s):",
                        "  de/da: path=2, forward=2, reverse=3"]
    assert "Traceback" not in result.output


def test_disagreement_in_json_and_csv(broken_reverse):
    result = run_cli("analyze", OLAH, "--format", "json")
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["agree"] is False
    assert record["engines"]["reverse"]["jacobian"] == {"e": {"a": 3.0, "b": 5.0}}
    result = run_cli("analyze", OLAH, "--format", "csv")
    assert result.exit_code == 1
    assert {row["agree"] for row in csv.DictReader(io.StringIO(result.stdout))} == {"false"}


def test_tiny_float_differences_agree(monkeypatch):
    """DESIGN §4: 1e-9 relative to the largest magnitude in the Jacobian is agreement."""
    def nudged(cg):
        result = pathsum.engines.reverse_engine(cg)
        row = result.jacobian[cg.outputs[0]]
        row[cg.inputs[0]] = row[cg.inputs[0]] * (1 + 1e-12)
        return result

    monkeypatch.setitem(pathsum.engines.ENGINES, "reverse", nudged)
    assert run_cli("analyze", OLAH).exit_code == 0


# -- usage errors: exit 2 ------------------------------------------------------------------
@pytest.mark.parametrize(("args", "message"), [
    (("--explain", "--format", "csv"),
     "Error: --explain goes with --format table or json; csv has one row per derivative"),
    (("--per-node", "--engine", "path"),
     ("Error: --per-node keeps the values of the forward and reverse sweeps: add --engine "
      "forward or reverse")),
    (("--per-node", "--format", "csv"),
     "Error: --per-node goes with --format table or json; csv has one row per derivative"),
    (("--wrt", "b"),
     "Error: --wrt and --of narrow --explain (table or json) and the tables of --per-node"),
    (("--per-node", "--of", "e", "--format", "json"),
     "Error: --wrt and --of narrow --explain (table or json) and the tables of --per-node"),
    (("--explain", "--wrt", "c"), "Error: --wrt c: not an input of this graph (inputs: a, b)"),
    (("--explain", "--wrt", "c", "--format", "json"),
     "Error: --wrt c: not an input of this graph (inputs: a, b)"),
    (("--explain", "--of", "a"), "Error: --of a: not an output of this graph (outputs: e)"),
    (("--engine", "bogus"),
     "Error: Invalid value for '--engine': unknown engine 'bogus' (choose from "
     + ", ".join(pathsum.engines.ENGINES) + ")"),
    (("--engine", ","), "Error: Invalid value for '--engine': no engine selected"),
    (("--set", "a"), "Error: Invalid value for '--set': 'a' is not name=value"),
    (("--set", "a=x"), "Error: Invalid value for '--set': 'x' is not a number (in 'a=x')"),
    (("--set", "a=nan"), "Error: Invalid value for '--set': 'a=nan' is not finite"),
    (("--max-paths", "-1"), "Error: Invalid value for '--max-paths': -1 is not in the range x>=0."),
    (("--max-paths", "many"), ("Error: Invalid value for '--max-paths': 'many' is not a valid "
                              "integer range.")),
    (("--format", "xml"), ("Error: Invalid value for '--format': 'xml' is not one of 'table', "
                          "'json', 'csv'.")),
    (("extra",), ("Error: analyze takes one GRAPH.yaml, not 2; for several, pathsum compare "
                  "FILE... prints a table and pathsum batch PATH... a record each")),
])
def test_usage_errors(args, message):
    assert usage_error(OLAH, *args) == message


def test_missing_argument():
    assert usage_error() == "Error: Missing argument 'GRAPH.yaml'."


def test_overflowing_products_are_an_error_not_a_crash(write):
    path = write("inputs: [x]\nedges:\n  - [x, y, 1e200]\n  - [y, z, 1e200]\n")
    for fmt in ("table", "json", "csv"):
        result = run_cli("analyze", path, "--format", fmt)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (f"Error: {path}: dz/dx is not finite (inf) in the path engine: "
                                 "the sum over paths overflows a float\n")


def test_agree_rule():
    agree = pathsum.analysis.agree
    assert agree(1.0, 1.0 + 1e-10)
    assert not agree(1.0, 1.0 + 1e-8)
    assert agree(1e-6, 0.0, scale=1e4)  # cancellation near zero is not a disagreement
    assert not agree(1e-6, 0.0, scale=1.0)
    assert agree(float("inf"), float("inf"))
    from fractions import Fraction
    assert agree(Fraction(1, 3), Fraction(2, 6))
    assert not agree(Fraction(1, 3), Fraction(1, 3) + Fraction(1, 10**30))
