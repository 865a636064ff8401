"""The record of a graph family: its parameters, how to build a member, how to resolve them.

A :class:`Family` holds everything that ``pathsum generate``, ``pathsum compare`` and
:func:`pathsum.families.family_params` need to know about one family, so that adding a family
means writing its generator and one record beside it, and nothing else.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import UsageError

__all__ = ["SEED", "Family", "Param", "check_float", "check_int", "generator", "plural"]


_Generator = TypeVar("_Generator", bound=Callable[..., dict[str, Any]])

#: What every generator returns, written once: ``{returns}`` in a generator's docstring.
_RETURNS = """Returns
    -------
    dict
        A document for :func:`pathsum.load`."""


def generator(function: _Generator) -> _Generator:
    """Mark a family's generator: the ``{returns}`` line of its docstring becomes the Returns
    section that every generator shares.

    Examples
    --------
    >>> def empty() -> dict:
    ...     '''An empty graph.  {returns}'''
    ...     return {}
    >>> "A document for :func:`pathsum.load`." in generator(empty).__doc__
    True
    """
    function.__doc__ = (function.__doc__ or "").replace("{returns}", _RETURNS)
    return function


def check_int(value: Any, what: str, minimum: int) -> int:
    """``value`` if it is a whole number of at least ``minimum``; else a UsageError.

    Examples
    --------
    >>> check_int(3, "diamond: k", 1)
    3
    >>> check_int(2.5, "diamond: k", 1)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: diamond: k must be a whole number, not 2.5
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"{what} must be a whole number, not {value!r}")
    if value < minimum:
        raise UsageError(f"{what} must be at least {minimum}, not {value}")
    return value


def check_float(value: Any, what: str, minimum: float) -> float:
    """``value`` as a float if it is a finite number of at least ``minimum``; else a UsageError.

    Examples
    --------
    >>> check_float(2, "random: degree", 1.0)
    2.0
    >>> check_float(0.5, "random: degree", 1.0)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: random: degree must be at least 1, not 0.5
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise UsageError(f"{what} must be a finite number, not {value!r}")
    if value < minimum:
        raise UsageError(f"{what} must be at least {minimum:g}, not {value:g}")
    return float(value)


def plural(n: int, word: str) -> str:
    """``1 stage``, ``2 stages``.

    Examples
    --------
    >>> plural(1, "stage"), plural(3, "input")
    ('1 stage', '3 inputs')
    """
    return f"{n} {word}" + ("" if n == 1 else "s")


@dataclass(frozen=True)
class Param:
    """One parameter of a family.

    Attributes
    ----------
    name : str
        The generator's keyword (and, for all but the size, the CLI option ``--name``).
    kind : str
        ``"int"``, ``"float"`` or ``"ints"`` (a list of ints such as ``4,8,8,1``).
    default : object
        The value used when the parameter is not given (None: derived from others by the
        family's resolve hook).
    help : str
        What the parameter is, for ``--help``: a fragment such as ``columns``.
    minimum : int or float or None
        The smallest allowed value (each item, for ``ints``).
    default_help : str or None
        How ``--help`` states a default of None: a value (``3``) or words (``the size, a
        square``).
    replaces_size : bool
        It gives the whole shape instead of the size, so a command that sets the size from a
        range (``pathsum compare --sizes``) does not offer it.
    argument : bool
        Whether the build function takes it; False for a shorthand that the resolve hook folds
        into other parameters (mlp's depth and width become its widths).

    Examples
    --------
    >>> Param("k", "int", 3, "stages", 1).check(0, "diamond: k")
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: diamond: k must be at least 1, not 0
    """

    name: str
    kind: str
    default: Any
    help: str
    minimum: int | float | None = None
    default_help: str | None = None
    replaces_size: bool = False
    argument: bool = True

    def check(self, value: Any, what: str) -> Any:
        """``value`` checked against the kind and the minimum (``what`` names it in errors):
        the value itself for ``int`` and ``float``, a list for ``ints``."""
        if self.kind == "int":
            check_int(value, what, int(self.minimum or 0))
        elif self.kind == "float":
            check_float(value, what, float(self.minimum or 0))
        else:
            if isinstance(value, str | bytes) or not isinstance(value, Sequence):
                raise UsageError(f"{what} must be a list of whole numbers, not {value!r}")
            return [check_int(v, what, int(self.minimum or 0)) for v in value]
        return value

    @property
    def shown_default(self) -> str | None:
        """The default as ``--help`` states it (``3``, ``2``, ``the size, a square``), or None.

        Examples
        --------
        >>> Param("degree", "float", 2.0, "mean in-degree").shown_default
        '2'
        """
        if self.default is None:
            return self.default_help
        return f"{self.default:g}" if isinstance(self.default, float) else str(self.default)


#: The seed of every seeded family (random weights, and a random DAG's structure).
SEED = Param("seed", "int", 0, "seed of the random weights", 0)


def _unchanged(params: dict[str, Any]) -> dict[str, Any]:
    return params


@dataclass(frozen=True)
class Family:
    """A family of graphs: its parameters, its build function and its resolve hook.

    Attributes
    ----------
    name : str
        As typed on the command line, e.g. ``diamond-nodes``.
    summary : str
        One line for ``--help``.
    dialect : str
        ``"edges"`` or ``"nodes"``.
    size : str
        The parameter that ``size`` (``--size``, ``--sizes``) sets.
    params : tuple of Param
        Every parameter, the size first; ``seed`` is listed for seeded families.
    default_sizes : str
        A sensible ``--sizes`` range for ``pathsum compare``.
    build : callable
        The generator, called with the resolved parameters whose :attr:`Param.argument` is
        true, as keywords (see :meth:`document`).
    edges : callable
        The number of edges (at most) of the member with the given parameters, checked but
        not yet resolved, computed from them alone so that a graph too large to build is
        refused before it is built (:func:`pathsum.limits.check_edges`).
    resolve : callable
        Takes the checked parameters with defaults filled in and returns them complete:
        derived defaults set (a lattice's ``m``), shorthands expanded (mlp's depth and width
        into ``widths``), combinations refused, before any member is built.

    Examples
    --------
    >>> from pathsum.families import FAMILIES
    >>> lattice = FAMILIES["lattice"]
    >>> lattice.size, [p.name for p in lattice.params], lattice.seeded
    ('n', ['n', 'm'], False)
    >>> lattice.edges({"n": 3, "m": None}), lattice.resolve({"n": 3, "m": None})
    (12, {'n': 3, 'm': 3})
    """

    name: str
    summary: str
    dialect: str
    size: str
    params: tuple[Param, ...]
    default_sizes: str
    build: Callable[..., dict[str, Any]]
    edges: Callable[[Mapping[str, Any]], int]
    resolve: Callable[[dict[str, Any]], dict[str, Any]] = field(default=_unchanged)

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    @property
    def seeded(self) -> bool:
        """Whether ``seed`` changes the graph (the family has a ``seed`` parameter)."""
        return self.param("seed") is not None

    @property
    def defaults(self) -> dict[str, Any]:
        """Parameter name -> default value."""
        return {p.name: p.default for p in self.params}

    def document(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The member with these resolved parameters (as :func:`family_params` returns them).

        Examples
        --------
        >>> from pathsum.families import FAMILIES, family_params
        >>> FAMILIES["diamond"].document(family_params("diamond", 2))["name"]
        'diamond-k2-w3'
        """
        return self.build(**{p.name: params[p.name] for p in self.params if p.argument})
