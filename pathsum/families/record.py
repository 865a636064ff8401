"""A family's record: what ``generate``, ``compare`` and :func:`family_params` need to know of
it, so that a new family is its generator and one record beside it."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError

__all__ = ["SEED", "Family", "Param", "check_float", "check_int"]


def check_int(value: Any, what: str, minimum: int) -> int:
    """``value`` if it is a whole number of at least ``minimum``; else a UsageError."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"{what} must be a whole number, not {value!r}")
    if value < minimum:
        raise UsageError(f"{what} must be at least {minimum}, not {value}")
    return value


def check_float(value: Any, what: str, minimum: float) -> float:
    """``value`` as a float if it is a finite number of at least ``minimum``; else a UsageError."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise UsageError(f"{what} must be a finite number, not {value!r}")
    if value < minimum:
        raise UsageError(f"{what} must be at least {minimum:g}, not {value:g}")
    return float(value)


@dataclass(frozen=True)
class Param:
    """One parameter of a family.

    Attributes
    ----------
    name : str
        The generator's keyword and, but for the size, the option ``--name``.
    kind : str
        ``"int"``, ``"float"`` or ``"ints"`` (a list such as ``4,8,8,1``).
    default : object
        Its value when not given; None: the resolve hook derives it.
    help : str
        A fragment for ``--help`` (``columns``).
    minimum : int or float or None
        The smallest value (of each item, for ``ints``).
    default_help : str or None
        How ``--help`` states a default of None (``the size, a square``).
    replaces_size : bool
        It gives the whole shape, so ``compare --sizes`` does not offer it.
    argument : bool
        False for a shorthand the resolve hook folds into others (mlp's depth and width).
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
        """``value`` checked against the kind and minimum (``ints`` give a list)."""
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
        """The default as ``--help`` states it (``3``, ``2``, ``the size, a square``), or None."""
        if self.default is None:
            return self.default_help
        return f"{self.default:g}" if isinstance(self.default, float) else str(self.default)


#: The seed of every seeded family (random weights, and a random DAG's structure).
SEED = Param("seed", "int", 0, "seed of the random weights", 0)


@dataclass(frozen=True)
class Family:
    """A family of graphs.

    Attributes
    ----------
    name, summary, dialect : str
        As typed (``diamond-nodes``), one line for ``--help``, ``"edges"`` or ``"nodes"``.
    size : str
        The parameter that ``--size`` and ``--sizes`` set.
    params : tuple of Param
        Every parameter, the size first.
    default_sizes : str
        ``compare``'s default ``--sizes``.
    build : callable
        The generator, called with the resolved parameters that are arguments.
    edges : callable
        A member's edges (at most), from the checked parameters alone, so that a member too
        large is refused before it is built.
    resolve : callable
        The checked parameters completed: derived defaults set, shorthands expanded,
        combinations refused.
    """

    name: str
    summary: str
    dialect: str
    size: str
    params: tuple[Param, ...]
    default_sizes: str
    build: Callable[..., dict[str, Any]]
    edges: Callable[[Mapping[str, Any]], int]
    resolve: Callable[[dict[str, Any]], dict[str, Any]] = dict

    def param(self, name: str) -> Param | None:
        """The parameter called ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    @property
    def seeded(self) -> bool:
        """Whether ``seed`` changes the graph."""
        return self.param("seed") is not None

    @property
    def defaults(self) -> dict[str, Any]:
        """Parameter name -> default value."""
        return {p.name: p.default for p in self.params}

    def document(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The member with these resolved parameters (as :func:`family_params` gives them)."""
        return self.build(**{p.name: params[p.name] for p in self.params if p.argument})
