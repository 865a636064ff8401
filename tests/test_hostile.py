"""Hostile inputs that once got through (issue 10): each test reproduces one defect.

Numbers beyond Python's text limits, long and control-character text, sizes that cannot fit.
"""

from __future__ import annotations

import csv
import io
import json

from oracles import run_cli

import pathsum
from pathsum.numbers import unlimited_digits

BIG = 10_000  # diamond k=10000 has 3^10000 paths: 4772 digits, over Python's 4300 limit


def ok(*args: str):
    result = run_cli(*args)
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stderr == ""
    return result


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
