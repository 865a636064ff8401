"""The registry: every family by name, and the one way to check parameters and build a member.

Nothing here knows a family by name: each :class:`~pathsum.families.record.Family` record
says what it takes, how large a member would be, and how to resolve and build it.
"""

from __future__ import annotations

from typing import Any

from ..arguments import text
from ..errors import UsageError
from ..limits import check_edges
from .chains import DIAMOND, DIAMOND_NODES
from .dag import RANDOM
from .grid import LATTICE
from .networks import MLP, RNN
from .record import Family

__all__ = ["FAMILIES", "family_params", "find_family", "generate"]

#: Family name -> its record, in the order ``--help`` lists them.
FAMILIES: dict[str, Family] = {
    f.name: f for f in (DIAMOND, DIAMOND_NODES, LATTICE, MLP, RNN, RANDOM)
}


def find_family(name: str) -> Family:
    """The family called ``name``.

    Raises
    ------
    UsageError
        For an unknown name, listing the families.
    InputTypeError
        For a name that is not a str.

    Examples
    --------
    >>> find_family("rnn").size
    'steps'
    """
    text(name, "family")
    try:
        return FAMILIES[name]
    except KeyError:
        raise UsageError(f"unknown family '{name}' (choose from {', '.join(FAMILIES)})") from None


def family_params(family: str, size: int | None = None, *, seed: int = 0,
                  **params: Any) -> dict[str, Any]:
    """The complete parameters :func:`generate` would use, checked, defaults filled in.

    ``seed`` is kept only for seeded families. The family's resolve hook completes them (for
    ``mlp``, the effective ``widths`` are included).

    Raises
    ------
    UsageError
        For an unknown family or parameter, or a size given twice.
    TooLargeError
        For a member with more edges than :func:`pathsum.limits.max_edges`.

    Examples
    --------
    >>> family_params("diamond", 5)
    {'k': 5, 'width': 3}
    >>> family_params("mlp", 1, width=2)
    {'depth': 1, 'width': 2, 'widths': [2, 2, 1], 'seed': 0}
    >>> family_params("diamond", 5, depth=2)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: family 'diamond' has no parameter 'depth' (it takes k, width)
    """
    fam = find_family(family)
    for name in params:
        if fam.param(name) is None:
            takes = ", ".join(p.name for p in fam.params)
            raise UsageError(f"family '{fam.name}' has no parameter '{name}' (it takes {takes})")
    if size is not None:
        if fam.size in params:
            raise UsageError(f"family '{fam.name}': give the size or {fam.size}, not both")
        params[fam.size] = size
    resolved = fam.defaults
    resolved.update(params)
    if fam.seeded:
        resolved["seed"] = seed
    for param in fam.params:
        if resolved[param.name] is not None:
            what = f"{fam.name}: {param.name}" + (" (the size)" if param.name == fam.size else "")
            resolved[param.name] = param.check(resolved[param.name], what)
    check_edges(fam.edges(resolved), _request(fam.name, resolved))
    return fam.resolve(resolved)


def _request(family: str, params: dict[str, Any]) -> str:
    """``diamond k=1, width=100000000``, for a message."""
    said = ", ".join(f"{k}={v}" for k, v in params.items() if k != "seed" and v is not None)
    return f"{family} {said if len(said) <= 80 else said[:79] + '…'}"


def generate(family: str, size: int | None = None, *, seed: int = 0,
             **params: Any) -> dict[str, Any]:
    """A member of a family, as a document :func:`pathsum.load` accepts.

    Parameters
    ----------
    family : str
        A key of :data:`FAMILIES`: ``diamond``, ``diamond-nodes``, ``lattice``, ``mlp``,
        ``rnn`` or ``random``.
    size : int, optional
        The family's size parameter (``FAMILIES[family].size``); default the family's.
    seed : int
        Seed for the seeded families (``mlp``, ``rnn``, ``random``); others ignore it.
    **params
        The family's other parameters, e.g. ``width=4`` or ``widths=[4, 8, 8, 1]``.

    Returns
    -------
    dict
        The document: ``name``, ``description``, ``inputs``, ``outputs`` and ``edges`` or
        ``nodes``.

    Raises
    ------
    UsageError
        For an unknown family or parameter, or a value out of range.

    Examples
    --------
    >>> generate("lattice", 3, m=4)["name"]
    'lattice-3x4'
    >>> generate("mlp", widths=[4, 8, 8, 1], seed=2)["name"]
    'mlp-4-8-8-1-s2'
    >>> generate("hexagon")
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: unknown family 'hexagon' (choose from diamond, diamond-nodes, \
lattice, mlp, rnn, random)
    """
    return find_family(family).document(family_params(family, size, seed=seed, **params))
