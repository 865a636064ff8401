"""What every engine returns."""

from __future__ import annotations

from collections.abc import Sequence
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
    jacobian : dict or None
        ``jacobian[y][x]`` by node id; None when the engine did not run.
    mul, add : int
        Multiplications and additions of partial-derivative values (DESIGN §3).
    sweeps : int or None
        Sweeps made, for the factored engines.
    enumerated : bool or None
        For the path engine: False when the counts were derived instead of enumerated.
    seconds, setup_seconds : float
        Wall time of the whole call (filled in by the analysis), and the part of it spent
        building arrays or plans before the first multiplication (DESIGN §8).
    per_node : dict or None
        With ``per_node=True``: ``per_node[seed][v]``, the value the sweep from ``seed`` gave
        ``v``: 1 on the seed, 0 where the sweep did not reach.
    order : list of int, list of str, or None
        For ``eliminate-*``: the nodes in elimination order, or the edge eliminations as
        text (``front:i->j``, ``back:i->j``).
    optimal : bool or None
        Whether the order is proven to use the fewest ``mul`` (the optimal and search engines).
    bracketing : str or None
        For ``eliminate-chain``: the product of the layer Jacobians as bracketed.
    bound : int or None
        For ``eliminate-search``: a lower bound it proved on every order's ``mul``.
    """

    engine: str
    jacobian: Jacobian | None
    mul: int
    add: int
    sweeps: int | None = None
    enumerated: bool | None = None
    seconds: float = 0.0
    setup_seconds: float = 0.0
    per_node: dict[int, list[Any]] | None = None
    order: list[int] | list[str] | None = None
    optimal: bool | None = None
    bracketing: str | None = None
    bound: int | None = None

    def order_names(self, names: Sequence[str]) -> list[str] | None:
        """The order as text: node names by id; edge eliminations are text already."""
        if self.order is None:
            return None
        return [v if isinstance(v, str) else names[v] for v in self.order]
