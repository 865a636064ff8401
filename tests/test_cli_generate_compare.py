"""``pathsum generate`` and ``pathsum compare`` through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import re
import sys

import pytest
import yaml
from oracles import GRAPHS, run_cli

import pathsum
import pathsum.engines
from pathsum import generate, to_yaml

OLAH = str(GRAPHS / "olah.yaml")
EXPLOSION = str(GRAPHS / "path-explosion.yaml")


def ok(*args: str):
    result = run_cli(*args)
    assert result.exit_code == 0, result.output + result.stderr
    return result


def refused(*args: str) -> str:
    """Run, expect exit 2 with one line on stderr and nothing on stdout; return the line."""
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.rstrip("\n")


# -- generate ---------------------------------------------------------------------------------


def test_generate_writes_yaml_to_stdout():
    result = ok("generate", "diamond", "--size", "4", "--width", "2")
    assert result.stdout == to_yaml(generate("diamond", 4, width=2))
    assert result.stderr == ""
    doc = yaml.safe_load(result.stdout)
    assert doc["name"] == "diamond-k4-w2"
    assert pathsum.analyze(pathsum.loads(result.stdout)).total_paths == 2**4


def test_generate_to_a_file_atomically(tmp_path):
    target = tmp_path / "g.yaml"
    result = ok("generate", "mlp", "--widths", "4,8,8,1", "--seed", "3", "-o", str(target))
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == to_yaml(generate("mlp", widths=[4, 8, 8, 1],
                                                                  seed=3))
    assert [p.name for p in tmp_path.iterdir()] == ["g.yaml"]
    assert pathsum.analyze(str(target)).total_paths == 4 * 8 * 8


@pytest.mark.parametrize(("args", "family", "size", "params"), [
    (["lattice", "--size", "3", "--m", "5"], "lattice", 3, {"m": 5}),
    (["rnn", "--size", "6", "--seed", "2"], "rnn", 6, {"seed": 2}),
    (["random", "--size", "30", "--degree", "2.5", "--inputs", "3", "--outputs", "2",
      "--seed", "9"], "random", 30, {"degree": 2.5, "inputs": 3, "outputs": 2, "seed": 9}),
    (["diamond-nodes", "--size", "2"], "diamond-nodes", 2, {}),
    (["mlp", "--size", "1", "--width", "2"], "mlp", 1, {"width": 2}),
])
def test_generate_options_reach_the_generator(args, family, size, params):
    seed = params.pop("seed", 0)
    result = ok("generate", *args)
    assert result.stdout == to_yaml(generate(family, size, seed=seed, **params))


def test_generate_is_deterministic_for_a_seed():
    one = ok("generate", "random", "--size", "20", "--seed", "4").stdout
    two = ok("generate", "random", "--size", "20", "--seed", "4").stdout
    other = ok("generate", "random", "--size", "20", "--seed", "5").stdout
    assert one == two != other


@pytest.mark.parametrize(("args", "message"), [
    (["hexagon"], ("unknown family 'hexagon' (choose from diamond, diamond-nodes, lattice, mlp, "
                  "rnn, random)")),
    (["diamond", "--degree", "2"], ("--degree does not apply to family 'diamond' "
                                   "(it takes --size, --width)")),
    (["diamond", "--seed", "1"], ("--seed does not apply to family 'diamond' "
                                 "(it takes --size, --width)")),
    (["lattice", "--width", "2"], ("--width does not apply to family 'lattice' "
                                  "(it takes --size, --m)")),
    (["rnn", "--widths", "2,2"], ("--widths does not apply to family 'rnn' "
                                 "(it takes --size, --seed)")),
    (["random", "--m", "2"], ("--m does not apply to family 'random' "
                             "(it takes --size, --degree, --inputs, --outputs, --seed)")),
    (["mlp", "--widths", "4,x"], ("--widths: '4,x' is not a comma-separated list of whole "
                                 "numbers (e.g. 4,8,8,1)")),
    (["mlp", "--widths", "4,2", "--size", "2"], ("mlp: widths gives the whole shape; do not "
                                                "combine it with a size (depth) or width")),
    (["diamond", "--size", "0"], "diamond: k (the size) must be at least 1, not 0"),
    (["lattice", "--size", "1"], "lattice: a 1 x 1 grid has no edges; use at least 2 nodes"),
    (["mlp", "--widths", "3,2001,1"], ("mlp: layer 1 is 2001 wide; a layer that feeds another "
                                      "may be at most 2000 wide, since each unit's formula is "
                                      "one sum over it")),
])
def test_generate_refuses_in_one_line(args, message, tmp_path):
    target = tmp_path / "never.yaml"
    assert refused("generate", *args, "-o", str(target)) == f"Error: {message}"
    assert not target.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["generate", "diamond", "-o", "{tmp}/no/g.yaml"],
     "Invalid value for '-o': folder '{tmp}/no' does not exist"),
    (["generate", "diamond", "-o", "{tmp}"],
     "Invalid value for '--output' / '-o': File '{tmp}' is a directory."),
    (["compare", "diamond", "--plot", "{tmp}/no/blowup.png"],
     "Invalid value for '--plot': folder '{tmp}/no' does not exist"),
    (["compare", "diamond", "--plot", "{tmp}/"],
     "Invalid value for '--plot': File '{tmp}/' is a directory."),
])
def test_an_output_that_cannot_be_written_is_refused_before_any_work(args, message, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr("pathsum.comparison.analyze", lambda *a, **k: pytest.fail("worked"))
    args = [a.format(tmp=tmp_path) for a in args]
    assert refused(*args) == f"Error: {message.format(tmp=tmp_path)}"


def test_an_output_error_while_writing_is_one_line(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "g.yaml"))

    monkeypatch.setattr("pathsum.cli.options.open_output", full)
    assert refused("generate", "diamond", "-o", str(tmp_path / "g.yaml")) == \
        f"Error: {tmp_path / 'g.yaml'}: No space left on device"


# -- compare: the table -----------------------------------------------------------------------


def table_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def cells(line: str) -> list[str]:
    return [c.strip() for c in re.split("[│┃]", line.strip()[1:-1])]


@pytest.mark.slow
def test_compare_diamond_1_to_30_the_issue_acceptance(tmp_path):
    """paths reach 3^30 exactly, path costs derived past the limit with an estimate, sweeps
    3(k-1) mul, and a plot."""
    plot = tmp_path / "blowup.png"
    result = ok("compare", "diamond", "--sizes", "1..30", "--plot", str(plot))
    out = table_lines(result.stdout)
    assert out[0] == "diamond (width=3): paths and operations by k"
    rows = {int(c[0]): c for c in (cells(line) for line in out) if c[0].isdigit()}
    assert sorted(rows) == list(range(1, 31))
    header = [" ".join(h).strip() for h in zip(*(cells(line) for line in out[2:4]), strict=True)]
    assert header == ["k", "nodes", "edges", "paths", "path mul", "path add", "path time",
                      "forward mul", "forward add", "forward time", "reverse mul", "reverse add",
                      "reverse time", "path ops / reverse ops"]
    for k, row in rows.items():
        assert row[1:4] == [str(k + 1), str(3 * k), str(3**k)]
        derived = "*" if 3**k > 1_000_000 else ""
        assert row[4:6] == [f"{3**k * (k - 1)}{derived}", f"{3**k - 1}{derived}"]
        assert row[6].startswith("≈ ") == bool(derived)
        assert row[7:9] == row[10:12] == [str(3 * (k - 1)), str(2 * k)]
    assert rows[30][3] == "205891132094649"
    assert rows[30][6].endswith("years")
    notes = out[-2:]
    assert re.fullmatch(r"\* derived from the exact path counts, not enumerated: more than "
                        r"--max-paths 1,000,000 paths\. ≈ estimated at [\d.,]+( million)? path "
                        r"edges/s, the enumeration rate measured on k = 1\.\.12 \([\d.]+ [µm]?s of "
                        r"enumeration\)\.", notes[0])
    assert notes[1] == "✓ path, forward, reverse agree on every graph where they ran."
    assert result.stderr == f"Wrote the plot to {plot}\n"
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_without_sizes_uses_the_family_range():
    result = ok("compare", "rnn", "--engine", "forward,reverse")
    assert [c[0] for c in map(cells, table_lines(result.stdout)) if c[0].isdigit()] == \
        [str(t) for t in range(1, 21)]


def test_compare_no_rate_when_nothing_was_enumerated():
    result = ok("compare", "diamond", "--sizes", "2,3", "--max-paths", "0")
    assert "no rate" in result.stdout
    assert ("No time estimate: no graph was enumerated, so no rate was measured (raise "
            "--max-paths to enumerate the smaller ones).") in result.stdout


def test_compare_files():
    result = ok("compare", OLAH, EXPLOSION)
    out = table_lines(result.stdout)
    assert out[0] == "paths and operations per graph"
    rows = [cells(line) for line in out if line.startswith("│")]
    assert [r[:4] for r in rows[-2:]] == [["olah", "5", "5", "3"],
                                         ["path-explosion", "3", "6", "9"]]


def test_a_file_named_like_a_family_needs_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "diamond").write_text(to_yaml(generate("lattice", 2)), encoding="utf-8")
    family = ok("compare", "diamond", "--sizes", "1", "--format", "json")
    assert json.loads(family.stdout)[0]["graph"] == "diamond-k1-w3"
    file = ok("compare", "./diamond", "--format", "json")
    assert json.loads(file.stdout)[0]["graph"] == "lattice-2x2"


# -- compare: JSON and CSV --------------------------------------------------------------------


def test_compare_json_is_an_array_of_design_records():
    result = ok("compare", "lattice", "--sizes", "2..4", "--m", "3", "--format", "json")
    records = json.loads(result.stdout)
    assert [r["total_paths"] for r in records] == [3, 6, 10]  # C(n+1, 2)
    assert [r["family"] for r in records] == [
        {"name": "lattice", "params": {"n": n, "m": 3}} for n in (2, 3, 4)]
    assert [r["size"] for r in records] == [2, 3, 4]
    assert all(r["agree"] for r in records)
    assert set(records[0]["engines"]) == {"path", "forward", "reverse"}


def test_compare_json_keeps_huge_counts_exact():
    result = ok("compare", "diamond", "--sizes", "40", "--format", "json",
                "--engine", "path,reverse")
    record = json.loads(result.stdout)[0]
    assert record["total_paths"] == 3**40
    assert record["engines"]["path"]["mul"] == 3**40 * 39
    assert record["engines"]["path"]["enumerated"] is False
    assert record["engines"]["path"]["estimated_seconds"] is None


def test_compare_json_for_files_has_null_family():
    records = json.loads(ok("compare", OLAH, "--format", "json").stdout)
    assert records[0]["family"] is None and records[0]["size"] is None
    assert records[0]["source"] == OLAH


def test_compare_csv_one_flat_row_per_graph():
    result = ok("compare", "diamond", "--sizes", "10..30..10", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3
    assert [r["total_paths"] for r in rows] == [str(3**10), str(3**20), str(3**30)]
    assert rows[2]["path_mul"] == str(3**30 * 29)
    assert [r["path_enumerated"] for r in rows] == ["true", "false", "false"]
    assert rows[0]["path_estimated_seconds"] == "" and float(rows[2]["path_estimated_seconds"]) > 0
    assert rows[2]["path_seconds"] == ""
    assert [r["reverse_mul"] for r in rows] == ["27", "57", "87"]
    assert rows[0]["params"] == "k=10 width=3" and rows[0]["source"] == ""


# -- compare: refusals ------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    ([], ("compare needs a FAMILY (diamond, diamond-nodes, lattice, mlp, rnn, random) or graph "
         "FILEs")),
    (["diamond", OLAH], (f"compare takes one FAMILY or a list of FILEs, not both (got diamond, "
                        f"{OLAH}); to compare a file named like a family, write ./diamond")),
    (["diamond", "lattice"], ("compare takes one FAMILY or a list of FILEs, not both (got "
                             "diamond, lattice); to compare a file named like a family, write "
                             "./diamond")),
    (["diamnod"], ("'diamnod' is neither a family (diamond, diamond-nodes, lattice, mlp, rnn, "
                  "random) nor an existing file")),
    ([OLAH, "missing.yaml"], ("'missing.yaml' is neither a family (diamond, diamond-nodes, "
                             "lattice, mlp, rnn, random) nor an existing file")),
    ([OLAH, "--sizes", "1..3"], "--sizes goes with a FAMILY; files are compared as they are"),
    ([OLAH, "--width", "2"], "--width goes with a FAMILY; files are compared as they are"),
    (["diamond", "--degree", "2"], ("--degree does not apply to family 'diamond' (it takes "
                                   "--sizes, --width)")),
    (["mlp", "--m", "2"], ("--m does not apply to family 'mlp' (it takes --sizes, --width, "
                          "--seed)")),
    (["diamond", "--sizes", "5..1"], "--sizes: '5..1' goes down; write the smaller size first"),
    (["diamond", "--sizes", "a..b"], ("--sizes: 'a..b' is not a size or a range (write 1..20, "
                                     "1..20..2 or 1,2,5)")),
    (["lattice", "--sizes", "1..4"], "lattice: a 1 x 1 grid has no edges; use at least 2 nodes"),
    (["diamond", "--plot", "blowup.pdf"], "--plot: 'blowup.pdf' must end in .png or .svg"),
])
def test_compare_refuses_in_one_line_before_any_work(args, message, monkeypatch):
    monkeypatch.setattr("pathsum.comparison.analyze", lambda *a, **k: pytest.fail("worked"))
    assert refused("compare", *args) == f"Error: {message}"


def test_compare_unknown_engine_is_a_usage_error():
    result = run_cli("compare", "diamond", "--engine", "magic")
    assert result.exit_code == 2
    assert result.stderr.rstrip("\n") == (
        "Error: Invalid value for '--engine': unknown engine 'magic' (choose from "
        + ", ".join(pathsum.engines.ENGINES) + ")")


def test_compare_bad_file_exits_2(write):
    bad = write("inputs: {a: 1}\nnodes:\n  b: a +* 2\n", "bad.yaml")
    result = run_cli("compare", OLAH, bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {bad}, line 3")


def test_missing_matplotlib_gives_the_hint_and_exit_2(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setattr("pathsum.comparison.analyze", lambda *a, **k: pytest.fail("worked"))
    target = tmp_path / "blowup.png"
    assert refused("compare", "diamond", "--sizes", "1..3", "--plot", str(target)) == \
        "Error: --plot needs matplotlib, an optional extra: pip install 'pathsum[plot]'"
    assert not target.exists()


def test_compare_svg_plot(tmp_path):
    target = tmp_path / "cmp.svg"
    ok("compare", "mlp", "--sizes", "0..3", "--plot", str(target), "--format", "json")
    assert "<svg" in target.read_text(encoding="utf-8")[:1000]


def test_compare_exits_1_when_engines_disagree(monkeypatch):
    def wrong(cg):
        result = pathsum.engines.reverse_engine(cg)
        row = result.jacobian[cg.outputs[0]]
        row[cg.inputs[0]] += 1.0
        return result

    monkeypatch.setitem(pathsum.engines.ENGINES, "reverse", wrong)
    result = run_cli("compare", "diamond", "--sizes", "1,2")
    assert result.exit_code == 1
    assert table_lines(result.stdout)[-1] == \
        "✗ the engines disagree on k 1, 2; --format json lists the Jacobians."
    result = run_cli("compare", "diamond", "--sizes", "1", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["agree"] is False


def test_no_progress_bar_when_piped():
    result = ok("compare", "diamond", "--sizes", "1..3", "--format", "csv")
    assert result.stderr == ""
