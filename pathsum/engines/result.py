"""What every engine returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["EngineResult", "Jacobian"]

#: ``jacobian[y][x]`` = d output y / d input x, keyed by node id.
Jacobian = dict[int, dict[int, Any]]


@dataclass
class EngineResult:
    """A Jacobian with the operations an engine actually performed to get it.

    Attributes
    ----------
    engine : str
        The engine's name.
    jacobian : dict or None
        ``jacobian[y][x]`` by node id; None when the engine did not run (``enumerated``
        False).
    mul, add : int
        Multiplications and additions of partial-derivative values (DESIGN §3).
    sweeps : int or None
        Sweeps made, for the factored engines.
    enumerated : bool or None
        For the path engine: False when the counts were derived instead of enumerated.
    seconds : float
        Wall time, filled in by the analysis.
    """

    engine: str
    jacobian: Jacobian | None
    mul: int
    add: int
    sweeps: int | None = None
    enumerated: bool | None = None
    seconds: float = 0.0
