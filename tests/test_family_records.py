"""The Family records drive everything: a new family needs only its generator and record."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from pathsum import TooLargeError, UsageError
from pathsum.cli.families import family_options, family_request, option_help
from pathsum.families import FAMILIES, Family, Param, family_params, generate


def _star(n: int = 3, weight: float = 2.0) -> dict:
    return {"name": f"star-{n}", "inputs": ["x"], "outputs": ["y"],
            "edges": [["x", "y", weight]] * n}


STAR = Family("star", "n parallel edges.", "edges", size="n",
              params=(Param("n", "int", 3, "edges", 1),
                      Param("weight", "float", 2.0, "the partial of each edge", 0.0)),
              default_sizes="1..3", build=_star, edges=lambda p: p["n"])


@pytest.fixture
def star(monkeypatch):
    monkeypatch.setitem(FAMILIES, "star", STAR)
    return STAR


def test_a_new_family_is_checked_resolved_and_built_from_its_record(star):
    assert family_params("star", 2, weight=0.5) == {"n": 2, "weight": 0.5}
    assert generate("star", 2, weight=0.5)["edges"] == [["x", "y", 0.5]] * 2
    with pytest.raises(UsageError, match=r"^star: n \(the size\) must be at least 1, not 0$"):
        generate("star", 0)
    with pytest.raises(UsageError, match=r"^family 'star' has no parameter 'width'"):
        generate("star", width=2)
    with pytest.raises(TooLargeError, match=r"^star n=10000000, weight=2\.0 would have"):
        generate("star", 10_000_000)


def test_a_new_family_gets_its_options_and_help(star):
    command = click.command()(family_options()(lambda **given: click.echo(
        family_request("star", given)[1])))
    help_text = CliRunner().invoke(command, ["--help"]).output
    assert "star: the partial of each edge (default 2)." in " ".join(help_text.split())
    result = CliRunner().invoke(command, ["--weight", "0.25"])
    assert (result.exit_code, result.output) == (0, "{'weight': 0.25}\n")
    with pytest.raises(UsageError, match=r"^--width does not apply to family 'star' \(it takes "
                                         r"--size, --weight\)$"):
        family_request("star", {"width": 2})


def test_families_that_take_a_parameter_alike_share_its_help():
    width = [(f, f.param("width")) for f in FAMILIES.values() if f.param("width")]
    assert option_help(width) == ("diamond, diamond-nodes: parallel branches per stage; mlp: "
                                  "units per layer (default 3 for both).")
    mixed = [(FAMILIES["diamond"], Param("x", "int", 1, "one", 0)),
             (FAMILIES["lattice"], Param("x", "int", 2, "two", 0))]
    assert option_help(mixed) == "diamond: one (default 1); lattice: two (default 2)."
