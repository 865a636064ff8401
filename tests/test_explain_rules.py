"""Rules of explain's and the page's text that were doctests of pathsum/explain.py and
pathsum/drawing/page_data.py."""

from __future__ import annotations

import importlib

import pytest

from pathsum import analyze, loads
from pathsum.drawing.page_data import page_data
from pathsum.explain import NotAnEndError, factor, narrowed, path_sums

OLAH = "inputs: {a: 2, b: 1}\nnodes: {c: a + b, d: b + 1, e: c * d}\n"


def test_a_factor_in_parentheses_when_negative_or_a_sum():
    assert (factor(-2.0), factor(0.25), factor(2 / 3, 4)) == ("(-2)", "0.25", "0.6667")


def test_narrowing_to_a_name_that_is_not_an_input_says_which_are():
    a = analyze(loads("inputs: {a: 2, b: 1}\nnodes: {e: a * b}\n"))
    assert narrowed(a, ["b"], None) == ([1], [2])
    with pytest.raises(NotAnEndError, match=r"^e: not an input of this graph \(inputs: a, b\)$"):
        narrowed(a, ["e"], None)


def test_a_derivative_past_the_limit_is_counted_not_listed():
    a = analyze(loads(OLAH))
    assert [(s.count, s.paths is None, s.unlisted) for s in path_sums(a, 1)] == \
        [(1, False, None), (2, True, "limit")]


def test_the_page_entry_lists_each_path_once_with_what_each_side_spent():
    a = analyze(loads(OLAH), ["forward", "reverse"], per_node=True)
    entry = page_data(a)["entries"][1]
    assert (entry["edges"], entry["explain"]) == \
        ([1, 2, 3, 4], "de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5")
    assert [(t["name"], t["edges"], t["value"]) for t in entry["terms"]] == \
        [("b→c→e", [1, 3], "2"), ("b→d→e", [2, 4], "3")]
    assert entry["path_cost"] == "path engine: 2 terms, one per path: 2 mul, 1 add"
    assert entry["sweep_costs"][0] == \
        "forward sweep from b: 2 mul, 1 add, and with it d·/db on every node"


def test_the_page_walks_each_entrys_paths_once(monkeypatch):
    """The page's terms and its explain line come from one walk of the entry's paths."""
    explain_module = importlib.import_module("pathsum.explain")  # pathsum.explain: the function
    walked, real = [], explain_module.path_products
    monkeypatch.setattr(explain_module, "path_products",
                        lambda cg, y, inputs: walked.append((y, list(inputs))) or
                        real(cg, y, inputs))
    page_data(analyze(loads(OLAH), ["forward", "reverse"], per_node=True))
    assert sorted(walked) == [(4, [0]), (4, [1])]
