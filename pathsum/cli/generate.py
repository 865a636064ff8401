"""``pathsum generate``: write a member of a graph family as YAML.

The family options are shared with ``pathsum compare``; an option the chosen family does not
take is refused in one line before any work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..atomic import is_stdout, open_output
from ..errors import UsageError
from ..families import FAMILIES, Family, find_family, generate, to_yaml
from .options import check_output, output_option

__all__ = ["family_options", "family_request", "generate_command"]

#: Family parameters offered as options: (option, parameter name, click type, help).
_OPTIONS: tuple[tuple[str, str, Any, str], ...] = (
    ("--width", "width", int,
     ("diamond, diamond-nodes: parallel branches per stage; mlp: units per layer (default 3 "
      "for both).")),
    ("--widths", "widths", str,
     "mlp: the whole shape, inputs to outputs, e.g. 4,8,8,1 (instead of --size and --width)."),
    ("--m", "m", int, "lattice: columns (default: the size, a square)."),
    ("--degree", "degree", float, "random: mean in-degree of the non-input nodes (default 2)."),
    ("--inputs", "inputs", int, "random: how many inputs, the first nodes (default 2)."),
    ("--outputs", "outputs", int, "random: how many outputs, the last nodes (default 1)."),
    ("--seed", "seed", int, "mlp, rnn, random: seed of the random weights (default 0)."),
)


def family_options(*, exclude: tuple[str, ...] = ()) -> Callable[[Callable], Callable]:
    """A decorator adding the family parameter options (``--width``, ``--seed``, ...).

    ``exclude`` names parameters the command cannot use (``compare`` sets the size itself,
    so it has no ``--widths``).
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option, name, kind, help_ in reversed(_OPTIONS):
            if name not in exclude:
                command = click.option(option, name, type=kind, default=None, help=help_,
                                       metavar="N,N,..." if name == "widths" else None)(command)
        return command

    return decorate


def _takes(family: Family, size_option: str, exclude: tuple[str, ...]) -> str:
    names = [size_option]
    names += [f"--{p.name}" for p in family.params
              if p.name not in (family.size, "seed", *exclude)]
    if family.seeded:
        names.append("--seed")
    return ", ".join(names)


def family_request(family_name: str, given: dict[str, Any], *, size_option: str = "--size",
                   exclude: tuple[str, ...] = ()) -> tuple[Family, dict[str, Any], int]:
    """Check the family options a user gave against the family, before any work.

    Parameters
    ----------
    family_name : str
        As typed.
    given : dict
        Parameter name -> value for each option in :data:`_OPTIONS`; None when not given.
    size_option : str
        How this command sets the size, for messages (``--size`` or ``--sizes``).
    exclude : tuple of str
        Parameters the command does not offer, left out of messages.

    Returns
    -------
    family, params, seed
        The family, the parameters to pass to the generator, and the seed.

    Raises
    ------
    UsageError
        For an unknown family or an option it does not take, in one line.

    Examples
    --------
    >>> family_request("diamond", {"width": 2, "seed": None})[1]
    {'width': 2}
    >>> family_request("diamond", {"degree": 3.0})
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: --degree does not apply to family 'diamond' (it takes --size, --width)
    """
    family = find_family(family_name)
    params: dict[str, Any] = {}
    seed = 0
    for option, name, _kind, _help in _OPTIONS:
        value = given.get(name)
        if value is None:
            continue
        applies = family.seeded if name == "seed" else family.param(name) is not None
        if not applies:
            raise UsageError(f"{option} does not apply to family '{family.name}' "
                             f"(it takes {_takes(family, size_option, exclude)})")
        if name == "seed":
            seed = value
        elif name == "widths":
            params[name] = _widths(value)
        else:
            params[name] = value
    return family, params, seed


def _widths(text: str) -> list[int]:
    parts = [p.strip() for p in text.split(",")]
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise UsageError(f"--widths: '{text}' is not a comma-separated list of whole numbers "
                         "(e.g. 4,8,8,1)") from None


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


@click.command("generate", help=_help())
@click.argument("family_name", metavar="FAMILY")
@click.option("--size", type=int, default=None,
              help="The family's size: diamond k, lattice n, mlp depth, rnn steps, random nodes.")
@family_options()
@output_option
def generate_command(family_name: str, size: int | None, output: str | None,
                     **given: Any) -> None:
    _, params, seed = family_request(family_name, given)
    check_output(output, "-o")
    text = to_yaml(generate(family_name, size, seed=seed, **params))
    if is_stdout(output):
        click.echo(text, nl=False)
        return
    with open_output(output) as handle:
        handle.write(text)
