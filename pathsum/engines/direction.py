"""Which way a sweep runs (DESIGN §3): forward from each input, or in reverse from each output.

The two sweeps are the same loop with the ends of every edge swapped; the rest of the code
asks a :class:`Direction` what differs instead of comparing strings.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ..compiled import CompiledGraph
    from .route import ListedEdges
    from .vector import FloatGraph

    Graph = CompiledGraph | FloatGraph | ListedEdges

__all__ = ["Direction"]

T = TypeVar("T")


class Direction(StrEnum):
    """Forward (one sweep per input) or reverse (one sweep per output); the value is the
    engine's name.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("a", "c", 1), ("b", "c", 2)], ["a", "b"]))
    >>> Direction.FORWARD.seeds(cg), Direction.REVERSE.seeds(cg), Direction.REVERSE.ends(cg)
    ([0, 1], [2], [0, 1])
    >>> Direction.REVERSE.receiving_first("src", "dst")
    ('src', 'dst')
    """

    FORWARD = "forward"
    REVERSE = "reverse"

    def seeds(self, graph: Graph) -> list[int]:
        """The nodes sweeps start from: the inputs forward, the outputs in reverse."""
        return graph.inputs if self is Direction.FORWARD else graph.outputs

    def ends(self, graph: Graph) -> list[int]:
        """The nodes where the Jacobian is read: the other side."""
        return graph.outputs if self is Direction.FORWARD else graph.inputs

    def receiving_first(self, src: T, dst: T) -> tuple[T, T]:
        """An edge's ``(receiving, sending)`` end: a forward sweep pushes a value along the
        edge into its target, a reverse sweep pulls it back into its source."""
        return (dst, src) if self is Direction.FORWARD else (src, dst)

    def walk(self, cg: CompiledGraph, seed: int) -> tuple[range, list[list[int]], list[int]]:
        """The generic sweep from ``seed``: the nodes it visits, in order (after the seed in
        topological order forward, before it in reverse), the edges each node sums over
        (its in-edges forward, its out-edges in reverse, ascending) and each edge's sending
        end (:func:`pathsum.engines.sweeps.accumulate`).

        Examples
        --------
        >>> from pathsum import compile_graph, from_edges
        >>> cg = compile_graph(from_edges([("a", "c", 1), ("b", "c", 2)], ["a", "b"]))
        >>> nodes, edges, sender = Direction.REVERSE.walk(cg, 2)
        >>> list(nodes), edges is cg.out_edges, sender is cg.dst
        ([1, 0], True, True)
        """
        if self is Direction.FORWARD:
            return range(seed + 1, cg.n_nodes), cg.in_edges, cg.src
        return range(seed - 1, -1, -1), cg.out_edges, cg.dst
