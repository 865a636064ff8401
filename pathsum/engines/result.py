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
        Wall time of the whole call, filled in by the analysis (DESIGN §8).
    setup_seconds : float
        The part of the call spent building arrays or plans before the first
        multiplication, measured by the engine itself.
    per_node : dict or None
        For the sweeps run with ``per_node=True``: ``per_node[seed][v]``, the value the sweep
        from ``seed`` gave node ``v`` (d v/d seed forward, d seed/d v in reverse): 1 on the
        seed, 0 on every node the sweep did not reach.
    order : list of int, list of str, or None
        For the ``eliminate-*`` engines: the node ids in the order they were eliminated;
        for the edge-elimination engines the eliminations as text, ``front:i->j`` or
        ``back:i->j`` (:func:`pathsum.engines.edge_eliminate.step_names`).
    optimal : bool or None
        For ``eliminate-optimal``, ``eliminate-search`` and ``eliminate-edge-search``: True
        when the order is proven to use the fewest ``mul`` of all elimination orders (of
        all edge-elimination sequences for the last), False when it is only the best found.
    bracketing : str or None
        For ``eliminate-chain``: the product of the layer Jacobians as bracketed.
    bound : int or None
        For ``eliminate-search``: a lower bound it proved on the ``mul`` of every
        elimination order.
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
        """The order as text: node names for vertices (``names`` by id); edge eliminations
        are written already.

        Examples
        --------
        >>> EngineResult("e", None, 0, 0, order=[1, 0]).order_names(["a", "b"])
        ['b', 'a']
        """
        if self.order is None:
            return None
        return [v if isinstance(v, str) else names[v] for v in self.order]
