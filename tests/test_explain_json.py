"""``pathsum analyze --explain --format json``: the record's ``sums``, every path by its own
name with its product (issue 16 item 1)."""

from __future__ import annotations

import importlib
import json
import time
from fractions import Fraction

import pytest
import sympy
from oracles import GRAPHS, run_cli

from pathsum import analyze, load
from pathsum.explain import path_sums
from pathsum.reports.formats import sums_field

OLAH = str(GRAPHS / "olah.yaml")
EXPLOSION = str(GRAPHS / "path-explosion.yaml")
SYMBOLS = {"α": 1, "β": 2, "γ": 3, "δ": 4, "ε": 5, "ζ": 6}


def record(*args: str) -> dict:
    result = run_cli("analyze", *args, "--explain", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.mark.parametrize(("arith", "number"), [
    ("float", float),
    ("exact", Fraction),
    ("symbolic", lambda text: sympy.sympify(text).subs(SYMBOLS)),
])
def test_path_explosion_lists_nine_names_whose_products_sum_to_90(arith, number):
    rec = record(EXPLOSION, "--arith", arith)
    entry = rec["sums"]["Z"]["X"]
    assert entry["count"] == 9 and entry["listed"] is True
    names = [p["name"] for p in entry["paths"]]
    assert len(set(names)) == 9
    assert names[0] == "X -α→ Y -δ→ Z" and names[-1] == "X -γ→ Y -ζ→ Z"
    assert {p["term"] for p in entry["paths"]} == {f"{a}*{b}" for a in "αβγ" for b in "δεζ"}
    products = [p["product"] for p in entry["paths"]]
    if arith == "float":
        assert all(isinstance(p, float) for p in products)
    else:
        assert all(isinstance(p, str) for p in products)
    assert sum(number(p) for p in products) == 90
    assert number(entry["value"]) == 90
    assert number(rec["engines"]["path"]["jacobian"]["Z"]["X"]) == 90
    # each path's edges tell the parallel edges apart by their keys
    edges = {tuple(map(tuple, p["edges"])) for p in entry["paths"]}
    assert len(edges) == 9
    assert entry["paths"][4]["edges"] == [["X", "Y", 1], ["Y", "Z", 1]]  # β, ε


def test_olah_names_and_narrowing():
    sums = record(OLAH)["sums"]
    assert [p["name"] for p in sums["e"]["b"]["paths"]] == ["b→c→e", "b→d→e"]
    assert [p["name"] for p in sums["e"]["a"]["paths"]] == ["a→c→e"]
    assert record(OLAH, "--wrt", "b")["sums"] == {"e": {"b": sums["e"]["b"]}}
    assert record(OLAH, "--of", "e")["sums"] == sums


def test_max_paths_below_the_count_lists_nothing():
    rec = record(EXPLOSION, "--max-paths", "8")
    assert rec["sums"] == {"Z": {"X": {"count": 9, "listed": False, "why": "max_paths"}}}
    assert record(EXPLOSION, "--max-paths", "9")["sums"]["Z"]["X"]["listed"] is True


def test_a_derivative_over_the_limit_is_counted_and_never_walked(monkeypatch):
    walked = []
    module = importlib.import_module("pathsum.explain")  # pathsum.explain is the function
    named = module.named_paths
    monkeypatch.setattr(module, "named_paths",
                        lambda *a, **k: walked.append(a[1:3]) or named(*a, **k))
    a = analyze(load(OLAH))
    field = sums_field(a, path_sums(a, 1))
    assert field == {"e": {"a": field["e"]["a"], "b": {"count": 2, "listed": False,
                                                       "why": "limit"}}}
    assert walked == [(0, 4)]  # only a's one path was walked


def test_no_path_is_an_empty_listed_sum(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("inputs: {a: 1, b: 2}\nnodes: {c: 2 * a, d: b + 1}\noutputs: [c]\n")
    sums = record(str(path))["sums"]
    assert sums["c"]["b"] == {"count": 0, "listed": True, "paths": [], "value": 0.0}
    exact = record(str(path), "--arith", "exact")["sums"]
    assert exact["c"]["b"]["value"] == "0"
    assert exact["c"]["a"]["paths"][0]["product"] == "2"


OLAH_JSON = """\
{
  "graph": "olah",
  "source": "%s",
  "nodes": 5,
  "edges": 5,
  "inputs": [
    "a",
    "b"
  ],
  "outputs": [
    "e"
  ],
  "values": {
    "a": 2.0,
    "b": 1.0,
    "c": 3.0,
    "d": 2.0,
    "e": 6.0
  },
  "paths": {
    "e": {
      "a": 1,
      "b": 2
    }
  },
  "total_paths": 3,
  "sums": {
    "e": {
      "b": {
        "count": 2,
        "listed": true,
        "paths": [
          {
            "name": "b→c→e",
            "edges": [
              [
                "b",
                "c",
                0
              ],
              [
                "c",
                "e",
                0
              ]
            ],
            "term": "1*2",
            "product": 2.0
          },
          {
            "name": "b→d→e",
            "edges": [
              [
                "b",
                "d",
                0
              ],
              [
                "d",
                "e",
                0
              ]
            ],
            "term": "1*3",
            "product": 3.0
          }
        ],
        "value": 5.0
      }
    }
  },
  "engines": {
    "reverse": {
      "jacobian": {
        "e": {
          "a": 2.0,
          "b": 5.0
        }
      },
      "mul": 3,
      "add": 1,
      "sweeps": 1,
      "seconds": 0.0,
      "setup_seconds": 0.0
    }
  },
  "agree": true
}
"""


def test_olah_exact_output(monkeypatch):
    monkeypatch.setattr(time, "perf_counter", lambda: 0.0)
    result = run_cli("analyze", OLAH, "-e", "reverse", "--explain", "--wrt", "b",
                     "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == OLAH_JSON % OLAH


def test_csv_is_refused_in_one_line():
    result = run_cli("analyze", OLAH, "--explain", "--format", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("Error: --explain goes with --format table or json; csv has one "
                             "row per derivative\n")


def test_json_without_explain_has_no_sums():
    result = run_cli("analyze", OLAH, "--format", "json")
    assert "sums" not in json.loads(result.stdout)
