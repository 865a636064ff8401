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
