"""A family's record: all that ``generate``, ``compare`` and :func:`family_params` need."""

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
    """One parameter of a family: its generator keyword (the option ``--name`` but for the size),
    kind (``int``, ``float``, ``ints``), default (None: derived by the resolve hook, shown as
    ``default_help``), help and minimum; ``replaces_size`` for a whole shape, ``argument``
    False for a shorthand that the resolve hook folds into others (mlp's depth and width)."""

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
    """A family: name, summary, dialect, size parameter, params (the size first), ``compare``'s
    default sizes; ``build`` (the generator), ``edges`` (a member's edges from the checked
    parameters alone, to refuse one too large before it is built) and ``resolve`` (the checked
    parameters completed: derived defaults, shorthands expanded, combinations refused)."""

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

    def document(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The member with these resolved parameters (as :func:`family_params` gives them)."""
        return self.build(**{p.name: params[p.name] for p in self.params if p.argument})
