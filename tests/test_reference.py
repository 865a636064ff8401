"""Every row of DESIGN §3's reference table, through the library and through the CLI's JSON."""

from __future__ import annotations

import pytest
from oracles import GRAPHS, cli_json, diamond_chain_yaml

import pathsum

OLAH = str(GRAPHS / "olah.yaml")
EXPLOSION = str(GRAPHS / "path-explosion.yaml")

# engine -> (mul, add, sweeps); path has no sweeps.
OLAH_COSTS = {"path": (3, 1, None), "forward": (3, 1, 2), "reverse": (3, 1, 1)}
EXPLOSION_COSTS = {"path": (9, 8, None), "forward": (3, 4, 1), "reverse": (3, 4, 1)}


def diamond_costs(k: int) -> dict[str, tuple]:
    return {"path": (3**k * (k - 1), 3**k - 1, None),
            "forward": (3 * (k - 1), 2 * k, 1),
            "reverse": (3 * (k - 1), 2 * k, 1)}


def costs_of(record: dict) -> dict[str, tuple]:
    return {name: (e["mul"], e["add"], e.get("sweeps")) for name, e in record["engines"].items()}


def test_olah_library():
    result = pathsum.analyze(pathsum.load(OLAH))
    assert result.graph.values == {"a": 2.0, "b": 1.0, "c": 3.0, "d": 2.0, "e": 6.0}
    assert result.paths() == {"e": {"a": 1, "b": 2}}
    assert result.total_paths == 3
    for name, (mul, add, sweeps) in OLAH_COSTS.items():
        r = result.results[name]
        assert (r.mul, r.add, r.sweeps) == (mul, add, sweeps), name
        assert result.jacobian(name) == {"e": {"a": 2.0, "b": 5.0}}, name
    assert result.agree


def test_olah_cli_json_is_the_design_record():
    record = cli_json(OLAH)
    for entry in record["engines"].values():
        seconds = entry.pop("seconds")
        assert 0 <= entry.pop("setup_seconds") <= seconds
    assert record == {
        "graph": "olah", "source": OLAH, "nodes": 5, "edges": 5,
        "inputs": ["a", "b"], "outputs": ["e"],
        "values": {"a": 2.0, "b": 1.0, "c": 3.0, "d": 2.0, "e": 6.0},
        "paths": {"e": {"a": 1, "b": 2}}, "total_paths": 3,
        "engines": {
            "path": {"jacobian": {"e": {"a": 2.0, "b": 5.0}}, "mul": 3, "add": 1,
                     "enumerated": True},
            "forward": {"jacobian": {"e": {"a": 2.0, "b": 5.0}}, "mul": 3, "add": 1, "sweeps": 2},
            "reverse": {"jacobian": {"e": {"a": 2.0, "b": 5.0}}, "mul": 3, "add": 1, "sweeps": 1},
        },
        "agree": True,
    }


def test_path_explosion_library():
    result = pathsum.analyze(EXPLOSION)
    assert result.paths() == {"Z": {"X": 9}}
    for name, costs in EXPLOSION_COSTS.items():
        r = result.results[name]
        assert (r.mul, r.add, r.sweeps) == costs, name
        assert result.jacobian(name) == {"Z": {"X": 90.0}}  # (1+2+3)*(4+5+6)
    assert result.agree


def test_path_explosion_cli_json():
    record = cli_json(EXPLOSION)
    assert record["values"] is None
    assert record["paths"] == {"Z": {"X": 9}}
    assert record["total_paths"] == 9
    assert costs_of(record) == EXPLOSION_COSTS
    assert {n: e["jacobian"] for n, e in record["engines"].items()} == {
        n: {"Z": {"X": 90.0}} for n in EXPLOSION_COSTS}
    assert record["engines"]["path"]["enumerated"] is True
    assert record["agree"] is True


@pytest.mark.parametrize("k", [1, 2, 3, 6, 9])
def test_diamond_chain_library(k):
    result = pathsum.analyze(pathsum.loads(diamond_chain_yaml(k)))
    assert result.paths() == {f"v{k}": {"v0": 3**k}}
    for name, costs in diamond_costs(k).items():
        r = result.results[name]
        assert (r.mul, r.add, r.sweeps) == costs, name
        assert result.jacobian(name) == {f"v{k}": {"v0": float(6**k)}}, name


@pytest.mark.parametrize("k", [1, 4, 6])
def test_diamond_chain_cli_json(k, write):
    record = cli_json(write(diamond_chain_yaml(k)))
    assert record["paths"] == {f"v{k}": {"v0": 3**k}}
    assert record["nodes"] == k + 1
    assert record["edges"] == 3 * k
    assert costs_of(record) == diamond_costs(k)
    assert record["engines"]["reverse"]["jacobian"] == {f"v{k}": {"v0": float(6**k)}}


def test_diamond_chain_beyond_max_paths_is_derived_and_exact(write):
    """k = 40: 3^40 paths, far too many to enumerate; counts are exact integers in JSON."""
    k = 40
    record = cli_json(write(diamond_chain_yaml(k)), "--max-paths", "1000")
    path = record["engines"]["path"]
    assert record["total_paths"] == 3**40 == 12157665459056928801
    assert path == {"jacobian": None, "mul": 3**k * (k - 1), "add": 3**k - 1,
                    "enumerated": False, "seconds": path["seconds"], "setup_seconds": 0.0}
    assert costs_of(record)["forward"] == (3 * (k - 1), 2 * k, 1)
    assert record["engines"]["forward"]["jacobian"] == {f"v{k}": {"v0": float(6**k)}}
    assert record["agree"] is True


def test_diamond_chain_file_in_graphs():
    result = pathsum.analyze(str(GRAPHS / "diamond-chain.yaml"))
    for name, costs in diamond_costs(6).items():
        r = result.results[name]
        assert (r.mul, r.add, r.sweeps) == costs
    assert result.jacobian("path") == {"v6": {"v0": 46656.0}}
