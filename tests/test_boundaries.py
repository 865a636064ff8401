"""Boundaries and exact numbers that mutation testing showed no test held (issue 10).

Each test pins one edge: a limit reached exactly, a count past 2^53, an order that only
differs from the topological one when the file lists nodes out of it.
"""

from __future__ import annotations

import csv
import io
import json
import re

from oracles import run_cli

import pathsum


def ok(*args: str):
    result = run_cli(*args)
    assert result.exit_code == 0, result.output + result.stderr
    return result


def write(tmp_path, text: str, name: str = "g.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def fan(tmp_path, stages: int, width: int) -> str:
    """A chain of ``stages`` stages of ``width`` parallel edges: width^stages paths."""
    edges = "".join(f"- [v{i}, v{i + 1}, 1]\n" for i in range(stages) for _ in range(width))
    return write(tmp_path, f"inputs: [v0]\nedges:\n{edges}")


def test_per_pair_path_counts_past_2_to_the_53_are_exact_integers(tmp_path):
    """3^40 > 2^53: as a float it would lose its last digits. total_paths was checked; the
    per-pair count was not."""
    path = fan(tmp_path, 40, 3)
    record = json.loads(ok("analyze", path, "--format", "json", "-e", "path,reverse").stdout)
    assert record["paths"] == {"v40": {"v0": 3**40}}
    assert type(record["paths"]["v40"]["v0"]) is int
    assert '"v0": 12157665459056928801' in ok("analyze", path, "--format", "json").stdout
    rows = csv.DictReader(io.StringIO(ok("analyze", path, "--format", "csv").stdout))
    assert {row["paths"] for row in rows} == {"12157665459056928801"}
    assert "12157665459056928801" in ok("analyze", path).stdout


def test_explain_lists_exactly_100_paths_and_not_101(tmp_path):
    listed = ok("analyze", fan(tmp_path, 2, 10), "--explain").stdout
    assert "too many to list" not in listed
    assert len(set(re.findall(r"\[v0 -\[\d\]→ v1 -\[\d\]→ v2\]", listed))) == 100
    refused = ok("analyze", fan(tmp_path, 1, 101), "--explain").stdout
    assert "dv1/dv0: 101 paths, too many to list (the limit is 100)" in refused


def test_explain_enumerates_at_exactly_max_paths(tmp_path):
    path = fan(tmp_path, 2, 3)  # 9 paths
    at = ok("analyze", path, "--explain", "--max-paths", "9").stdout
    assert len(set(re.findall(r"\[v0 -\[\d\]→ v1 -\[\d\]→ v2\]", at))) == 9
    assert "not listed" not in at
    below = ok("analyze", path, "--explain", "--max-paths", "8").stdout
    assert "dv2/dv0: 9 paths, not listed (the graph has 9 paths, more than --max-paths 8)" \
        in below
    record = json.loads(ok("analyze", path, "--format", "json", "--max-paths", "9").stdout)
    assert record["engines"]["path"]["enumerated"] is True


def star(tmp_path, inputs: int) -> str:
    """``inputs`` inputs into one output (edge dialect: no node-values table)."""
    names = [f"x{i}" for i in range(inputs)]
    edges = "".join(f"- [{n}, y, 1]\n" for n in names)
    return write(tmp_path, f"inputs: [{', '.join(names)}]\nedges:\n{edges}",
                 f"star{inputs}.yaml")


def test_a_table_of_exactly_40_rows_is_shown_whole(tmp_path):
    whole = ok("analyze", star(tmp_path, 40), "-e", "reverse").stdout
    assert "first 40 of" not in whole
    assert "dy/dx39 " in whole
    cut = ok("analyze", star(tmp_path, 41), "-e", "reverse").stdout
    assert "first 40 of 41 rows; --format json or csv lists all" in " ".join(cut.split())
    assert "dy/dx39 " in cut and "dy/dx40 " not in cut


def test_default_outputs_follow_the_file_not_the_topological_order(tmp_path):
    """q is listed first but computed last (it needs r); outputs default to the sinks in
    the order the file lists them: q, then p."""
    path = write(tmp_path, "inputs: {a: 2}\nnodes:\n  q: r * 2\n  p: a * 3\n  r: a + 1\n")
    graph = pathsum.load(path)
    assert graph.order == ["a", "p", "r", "q"]
    assert graph.outputs == ["q", "p"]
    record = json.loads(ok("analyze", path, "--format", "json").stdout)
    assert record["outputs"] == ["q", "p"]
    assert list(record["paths"]) == ["q", "p"]
