"""``pathsum generate``: write a member of a graph family as YAML.

The family options are shared with ``pathsum compare``; an option the chosen family does not
take is refused in one line before any work.
"""

from __future__ import annotations

from typing import Any

import click

from ..families import FAMILIES, Param, generate
from ..yamlwrite import to_yaml
from .family_options import family_options, family_request
from .options import output_option, write_text
from .parsing import check_output

__all__ = ["generate_command"]


def _help() -> str:
    lines = [
        "Write a member of a graph family as pathsum YAML (to stdout, or -o FILE).",
        "",
        ("Every family is deterministic for a given --seed, and loads back with pathsum "
         "analyze. --size sets the family's size (in brackets below)."),
        "",
        "\b",
    ]
    lines += [f"  {f.name:<14} [{f.size}] {f.summary}" for f in FAMILIES.values()]
    lines += [
        "",
        "\b",
        "Examples:",
        "  pathsum generate diamond --size 10 -o diamond10.yaml",
        "  pathsum generate lattice --size 4 --m 6",
        "  pathsum generate mlp --widths 4,8,8,1 --seed 1",
        "  pathsum generate random --size 200 --degree 3 --seed 7 | pathsum analyze /dev/stdin",
    ]
    return "\n".join(lines)


def _size_help() -> str:
    """Each size parameter once, named by the first family that has it (diamond-nodes shares
    diamond's k)."""
    sizes: dict[Param, str] = {}
    for family in FAMILIES.values():
        sizes.setdefault(family.params[0], f"{family.name} {family.size}")
    return f"The family's size: {', '.join(sizes.values())}."


@click.command("generate", help=_help())
@click.argument("family_name", metavar="FAMILY")
@click.option("--size", type=int, default=None, help=_size_help())
@family_options()
@output_option
def generate_command(family_name: str, size: int | None, output: str | None,
                     **given: Any) -> None:
    _, params, seed = family_request(family_name, given)
    check_output(output, "-o")
    write_text(to_yaml(generate(family_name, size, seed=seed, **params)), output)
