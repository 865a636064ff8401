"""Family members, byte for byte, against outputs stored before the families became records.

tests/golden/families-members.json holds, for parameter sets the command goldens do not
reach (widths, scaled diamonds, mlp's depth and width, seeds, every random option), the
resolved parameters and the SHA-256 of the written YAML, as the single-module
``pathsum/families.py`` gave them (main at b466d0c). Never regenerate it to make this pass.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import pathsum
import pathsum.families
from pathsum.families import FAMILIES, family_params, generate, to_yaml

STORED = json.loads((Path(__file__).parent / "golden" / "families-members.json")
                    .read_text(encoding="utf-8"))


def test_every_family_is_stored():
    assert {case["family"] for case in STORED} == set(FAMILIES)


@pytest.mark.parametrize("case", STORED, ids=lambda c: f"{c['family']}-{c['size']}-{c['params']}")
def test_members_are_byte_identical_to_the_stored_ones(case):
    family, size, seed, params = case["family"], case["size"], case["seed"], case["params"]
    assert family_params(family, size, seed=seed, **params) == case["resolved"]
    text = to_yaml(generate(family, size, seed=seed, **params))
    assert (text.count("\n"), hashlib.sha256(text.encode()).hexdigest()) == \
        (case["lines"], case["sha256"])


@pytest.mark.parametrize("case", STORED, ids=lambda c: f"{c['family']}-{c['size']}-{c['params']}")
def test_the_edge_estimate_is_the_members_edges(case, monkeypatch):
    """What the size limit is checked against, computed from the parameters alone: exactly
    the edges built, except the random DAG's, which is a bound (its edges are drawn)."""
    estimates: list[int] = []
    monkeypatch.setattr(pathsum.families, "check_edges", lambda edges, what: estimates.append(edges))
    family, size, seed, params = case["family"], case["size"], case["seed"], case["params"]
    built = pathsum.load(generate(family, size, seed=seed, **params)).network.number_of_edges()
    assert len(estimates) == 1
    assert estimates[0] >= built if family == "random" else estimates[0] == built
