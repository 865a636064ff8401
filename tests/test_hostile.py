"""Hostile inputs that once got through (issue 10): each test reproduces one defect.

Numbers beyond Python's text limits, long and control-character text, sizes that cannot fit.
"""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from oracles import GRAPHS, run_cli

import pathsum
import pathsum.cli.analyze
from pathsum.display import unlimited_digits
from pathsum.limits import read_limited

BIG = 10_000  # diamond k=10000 has 3^10000 paths: 4772 digits, over Python's 4300 limit


def ok(*args: str):
    result = run_cli(*args)
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stderr == ""
    return result


@pytest.mark.slow
def test_a_path_count_over_4300_digits_is_written_exactly(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(pathsum.to_yaml(pathsum.diamond(BIG)), encoding="utf-8")
    args = ("analyze", str(path), "--engine", "path,reverse")
    with unlimited_digits():
        expected = str(3**BIG)
        record = json.loads(ok(*args, "--format", "json").stdout)
    assert record["total_paths"] == 3**BIG
    assert record["paths"][f"v{BIG}"]["v0"] == 3**BIG
    rows = list(csv.DictReader(io.StringIO(ok(*args, "--format", "csv").stdout)))
    assert {row["paths"] for row in rows} == {expected}
    assert expected in ok(*args).stdout.replace("\n", "").replace("│", "").replace(" ", "")


def test_compare_beyond_a_floats_range_is_null_not_a_crash():
    result = ok("compare", "diamond", "--sizes", "1,1000", "--format", "json")
    big = json.loads(result.stdout)[1]
    assert big["total_paths"] == 3**1000
    assert big["path_over_reverse"] is None  # 3^1000 * 999 / 5000 overflows a float
    assert big["engines"]["path"]["estimated_seconds"] is None
    table = ok("compare", "diamond", "--sizes", "1,1000", "--engine", "path,reverse").stdout
    assert "≈ ∞" in table


def test_a_100000_character_name_and_description_are_shortened_in_the_table(tmp_path):
    """rich's highlighter never finished on these (issue 10, defect 5); JSON keeps them."""
    name = "n" + "x" * 99_999
    path = tmp_path / "long.yaml"
    path.write_text(f"description: {'d' * 50_000}\ninputs: [a]\nedges: [[a, {name}, -2]]\n",
                    encoding="utf-8")
    table = ok("analyze", str(path)).stdout
    assert len(table) < 5_000
    assert f"d{name[:12]}…{name[-11:]}/da" in table
    description = table.split(" — ")[1].split("\n2 nodes")[0].replace("\n", "")
    assert description == "d" * 500 + "…" + "d" * 499
    record = json.loads(ok("analyze", str(path), "--format", "json").stdout)
    assert record["outputs"] == [name]


def test_control_characters_are_escaped_in_tables_and_messages(tmp_path):
    """An ANSI escape or a carriage return from a file never reaches the terminal raw."""
    path = tmp_path / "evil.yaml"
    path.write_text('name: "olah\\e[2J\\rowned"\ndescription: "\\u202e\\a"\n'
                    "inputs: {a: 2}\nnodes: {b: a * a}\n", encoding="utf-8")
    table = ok("analyze", str(path)).stdout
    assert "olah\\x1b[2J\\rowned — \\u202e\\x07" in table
    assert not any(c in table for c in "\x1b\r\u202e\x07")
    compared = ok("compare", str(path)).stdout
    assert "\x1b" not in compared and "\x07" not in compared
    missing = tmp_path / "a\x1b[31mred.yaml"
    result = run_cli("analyze", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}/a\\x1b[31mred.yaml: no such file\n"
    result = run_cli("analyze", str(path), "--engine", "\x1b[2J")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\\x1b[2J" in result.stderr


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted_but_numbers_are_not(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("name: '=HYPERLINK(\"http://x\")'\ninputs: [a]\nedges: [[a, b, -2.5]]\n",
                    encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(ok("analyze", str(path), "--format", "csv").stdout)))
    assert {row["graph"] for row in rows} == {"'=HYPERLINK(\"http://x\")"}
    assert {row["derivative"] for row in rows} == {"-2.5"}
    batch = ok("batch", str(path), "--format", "csv").stdout
    (record,) = csv.DictReader(io.StringIO(batch))
    assert record["graph"] == "'=HYPERLINK(\"http://x\")"
    compared = ok("compare", str(path), "--format", "csv").stdout
    assert "'=HYPERLINK" in compared


@pytest.mark.parametrize(("args", "message"), [
    (("generate", "diamond", "--size", "100000000"),
     "diamond k=100000000, width=3 would have 300,000,000 edges"),
    (("generate", "diamond", "--width", "100000000"),
     "diamond k=3, width=100000000 would have 300,000,000 edges"),
    (("generate", "lattice", "--size", "100000"), "lattice n=100000 would have 19,999,800,000 edges"),
    (("compare", "diamond", "--sizes", "1,100000000"),
     "diamond k=100000000, width=3 would have 300,000,000 edges"),
    (("compare", "mlp", "--sizes", "100000000"), "mlp depth=100000000 would have 900,000,003 edges"),
    (("generate", "random", "--size", "100000000"),
     ("random nodes=100000000, degree=2.0, inputs=2, outputs=1 would have 300,000,000 "
      "edges")),
])
def test_sizes_that_cannot_fit_are_refused_before_any_work(args, message, monkeypatch):
    """These ran for up to 50 s into a 3.6 GB MemoryError traceback (issue 10, defect 4)."""
    built = []
    monkeypatch.setattr(pathsum.families, "diamond", lambda *a, **k: built.append(a))
    result = run_cli(*args)
    assert (result.exit_code, result.stdout, built) == (2, "", [])
    assert result.stderr == (f"Error: {message}, more than the limit of 2,000,000 (about 2.7 KB "
                             "of memory each; PATHSUM_MAX_EDGES raises it)\n")


def test_the_edge_limit_is_raised_by_its_variable(monkeypatch):
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "10")
    assert run_cli("generate", "diamond", "--size", "4").exit_code == 2
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "12")
    assert ok("generate", "diamond", "--size", "4").stdout.count("- [v") == 12
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "lots")
    result = run_cli("generate", "diamond")
    assert (result.exit_code, result.stderr) == (
        2, "Error: PATHSUM_MAX_EDGES='lots' is not a positive whole number\n")


def test_a_device_is_refused_without_reading_it():
    """``analyze /dev/zero`` read zeros until memory ran out."""
    result = run_cli("analyze", "/dev/zero")
    assert (result.exit_code, result.stderr) == (
        2, "Error: /dev/zero: is a device, not a graph file\n")


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHSUM_MAX_BYTES", "1000")
    path = tmp_path / "g.yaml"
    path.write_text("inputs: [a]\nedges:\n" + "- [a, b, 1]\n" * 100, encoding="utf-8")
    result = run_cli("analyze", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: {path}: is 1,219 bytes, more than the limit of 1,000; "
                             "PATHSUM_MAX_BYTES raises the limit\n")
    monkeypatch.setenv("PATHSUM_MAX_BYTES", "1219")
    assert ok("analyze", str(path), "--format", "json").stdout.count('"mul"') == 3


def test_a_pipe_is_read_up_to_the_limit(monkeypatch):
    """A pipe has no size to check first: it is read to one byte past the limit."""
    monkeypatch.setenv("PATHSUM_MAX_BYTES", "100")
    read, write = os.pipe()
    try:
        with os.fdopen(write, "wb") as sink:
            sink.write(b"#" * 150)
        with os.fdopen(read, "rb") as source:
            read = -1
            with pytest.raises(pathsum.TooLargeError, match=r"^is more than the limit of 100 "):
                read_limited(source)
    finally:
        if read != -1:
            os.close(read)


@pytest.mark.slow
def test_a_4m_edge_file_is_refused_by_its_size(tmp_path):
    """4,000,000 edges of YAML are some 11 GB loaded; the file is refused by its size."""
    path = tmp_path / "big.yaml"
    with path.open("w", encoding="utf-8") as out:
        out.write("inputs: [v0]\nedges:\n")
        for block in range(4000):
            out.write("".join(f"- [v{i}, v{i + 1}, 0.5]\n"
                              for i in range(block * 1000, (block + 1) * 1000)))
    result = run_cli("analyze", str(path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"Error: {path}: is {path.stat().st_size:,} bytes, more than the "
                             "limit of 67,108,864; PATHSUM_MAX_BYTES raises the limit\n")


def test_more_edges_than_the_limit_are_refused_before_the_graph_is_built(tmp_path, monkeypatch):
    """Short rows pack more edges under the byte limit: the edge count is checked too."""
    monkeypatch.setenv("PATHSUM_MAX_EDGES", "5")
    path = tmp_path / "g.yaml"
    path.write_text("inputs: [a]\nedges:\n" + "- [a, b, 1]\n" * 6, encoding="utf-8")
    result = run_cli("analyze", str(path))
    assert (result.exit_code, result.stderr) == (
        2, (f"Error: {path}, line 2, column 1: 6 edges, more than the limit of 5; "
            "PATHSUM_MAX_EDGES raises it\n"))


def test_out_of_memory_anywhere_is_one_line_and_exit_2(monkeypatch):
    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(pathsum.cli.analyze, "analyze", exhausted)
    result = run_cli("analyze", str(GRAPHS / "olah.yaml"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: out of memory: the graph or the work asked for is too large "
                             "for this machine (see Limits and safety in the README)\n")


def test_compare_fits_80_columns_without_breaking_a_number(monkeypatch):
    """At 80 columns compare folded numbers mid-digit, and ignored COLUMNS when piped."""
    from rich.console import Console

    from pathsum.comparison import compare_family
    from pathsum.reports.table import render_comparison

    monkeypatch.setenv("COLUMNS", "80")
    piped = ok("compare", "diamond", "--sizes", "28..30").stdout
    terminal = io.StringIO()
    render_comparison(compare_family("diamond", [28, 29, 30]),
                      Console(file=terminal, width=80, force_terminal=True, color_system=None))
    for out in (piped, terminal.getvalue()):
        table = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
        assert max(map(len, table)) <= 80
        assert "205891132094649" in out and "5970842830744821*" in out  # whole, one line
        assert "Left out to fit 80 columns: path time, forward time, reverse time" in out
    monkeypatch.delenv("COLUMNS")
    wide = ok("compare", "diamond", "--sizes", "28..30").stdout
    assert "Left out" not in wide and "reverse\n" not in wide and "time" in wide
