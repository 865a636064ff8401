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
    """One parameter of a family: ``name`` (the generator's keyword and, but for the size, the
    option ``--name``), ``kind`` (``int``, ``float`` or ``ints``: ``4,8,8,1``), ``default``
    (None: the resolve hook derives it), ``help`` for ``--help``, the ``minimum`` (of each item),
    ``default_help`` (a default of None in words), ``replaces_size`` (it gives the whole shape,
    so ``compare --sizes`` does not offer it), ``argument`` (False for a shorthand the resolve
    hook folds into others, as mlp's depth and width)."""

    name: str
    kind: str
    default: Any
    help: str
    minimum: int | float | None = None
    default_help: str | None = None
    replaces_size: bool = False
    argument: bool = True

    def check(self, value: Any, what: str) -> Any:
        """``value`` checked against the kind and minimum (``what`` names it)."""
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
    """A family of graphs: ``name`` as typed, a ``summary`` line, its ``dialect``, the ``size``
    parameter (``--size``, ``--sizes``), its ``params`` (the size first), ``compare``'s
    ``default_sizes``; ``build``, the generator, called with the resolved arguments;
    ``edges``, a member's edges (at most) from the checked parameters alone, so that a member
    too large is refused before it is built; ``resolve``, which completes the checked
    parameters (derived defaults, shorthands expanded, combinations refused)."""

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
