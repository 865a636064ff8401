"""The family options of ``pathsum generate`` and ``pathsum compare``, built from the records.

Every parameter of a family other than its size becomes an option ``--name``; families that
share a parameter share the option, and its help names which families take it, from each
:class:`~pathsum.families.Param`'s help and default. An option the chosen family does not
take is refused in one line before any work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..errors import UsageError
from ..families import FAMILIES, Family, Param, find_family

__all__ = ["family_options", "family_request"]

#: The order ``--help`` has always listed the family options in; an option not named here
#: (a new family's) comes after them, in the order the families declare it.
_LISTED = ("width", "widths", "m", "degree", "inputs", "outputs", "seed")

_CLICK_TYPES: dict[str, Any] = {"int": int, "float": float, "ints": str}


def _takers() -> dict[str, list[tuple[Family, Param]]]:
    """Option name -> the families that take it (as a parameter other than their size)."""
    takers: dict[str, list[tuple[Family, Param]]] = {}
    for family in FAMILIES.values():
        for param in family.params:
            if param.name != family.size:
                takers.setdefault(param.name, []).append((family, param))
    listed = {name: i for i, name in enumerate(_LISTED)}
    return dict(sorted(takers.items(), key=lambda item: listed.get(item[0], len(listed))))


def _options(ranged: bool) -> dict[str, list[tuple[Family, Param]]]:
    """The options a command offers: one that sets the size from a range (``--sizes``) does
    not offer a parameter that replaces the size."""
    return {name: takers for name, takers in _takers().items()
            if not (ranged and all(param.replaces_size for _, param in takers))}


def _default(shown: str | None, groups: int = 1) -> str:
    if shown is None:
        return ""
    said = f" {shown}" if shown[:1].isdigit() else f": {shown}"
    return f" (default{said}{'' if groups == 1 else ' for both' if groups == 2 else ' for all'})"


def option_help(takers: list[tuple[Family, Param]]) -> str:
    """``diamond, diamond-nodes: parallel branches per stage; mlp: units per layer (default 3
    for both).``: families that take a parameter alike are named together.

    Examples
    --------
    >>> print(option_help(_takers()["seed"]))
    mlp, rnn, random: seed of the random weights (default 0).
    """
    groups: dict[tuple[str, str | None], list[str]] = {}
    for family, param in takers:
        groups.setdefault((param.help, param.shown_default), []).append(family.name)
    defaults = {shown for _, shown in groups}
    shared = len(defaults) == 1
    text = "; ".join(f"{', '.join(names)}: {help_}" + ("" if shared else _default(shown))
                     for (help_, shown), names in groups.items())
    return text + (_default(defaults.pop(), len(groups)) if shared else "") + "."


def family_options(*, ranged: bool = False) -> Callable[[Callable], Callable]:
    """A decorator adding the family parameter options (``--width``, ``--seed``, ...).

    ``ranged``: the command sets the size from a range (``compare --sizes``), so it has no
    option that replaces the size (``--widths``).

    Examples
    --------
    >>> @click.command()
    ... @family_options(ranged=True)
    ... def show(**given: Any) -> None: ...
    >>> [p.name for p in show.params]
    ['width', 'm', 'degree', 'inputs', 'outputs', 'seed']
    """

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for name, takers in reversed(_options(ranged).items()):
            kind = takers[0][1].kind
            command = click.option(f"--{name}", name, type=_CLICK_TYPES[kind], default=None,
                                   help=option_help(takers),
                                   metavar="N,N,..." if kind == "ints" else None)(command)
        return command

    return decorate


def _takes(family: Family, ranged: bool) -> str:
    names = ["--sizes" if ranged else "--size"]
    names += [f"--{name}" for name in _options(ranged) if family.param(name) is not None]
    return ", ".join(names)


def family_request(family_name: str, given: dict[str, Any], *,
                   ranged: bool = False) -> tuple[Family, dict[str, Any], int]:
    """Check the family options a user gave against the family, before any work.

    Parameters
    ----------
    family_name : str
        As typed.
    given : dict
        Parameter name -> value for each option of :func:`family_options`; None when not
        given.
    ranged : bool
        As for :func:`family_options`: the size comes from ``--sizes``, for messages.

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
    for name in _options(ranged):
        value = given.get(name)
        if value is None:
            continue
        param = family.param(name)
        if param is None:
            raise UsageError(f"--{name} does not apply to family '{family.name}' "
                             f"(it takes {_takes(family, ranged)})")
        if name == "seed":
            seed = value
        elif param.kind == "ints":
            params[name] = _ints(f"--{name}", value)
        else:
            params[name] = value
    return family, params, seed


def _ints(option: str, text: str) -> list[int]:
    parts = [p.strip() for p in text.split(",")]
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise UsageError(f"{option}: '{text}' is not a comma-separated list of whole numbers "
                         "(e.g. 4,8,8,1)") from None
