"""The compiled form: integer ids in topological order with in- and out-edge lists.

Built once per graph; every engine reads only this. Edge ``e`` goes from ``src[e]`` to
``dst[e]`` and carries ``partial[e]``. Node ids follow the deterministic topological order,
so ``src[e] < dst[e]`` for every edge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .graph import Graph
from .yamlio import paused_gc

__all__ = ["CompiledGraph", "compile_graph"]


@dataclass(eq=False)
class CompiledGraph:
    """A graph as flat lists, ready for the engines.

    Attributes
    ----------
    names : list of str
        Node names; the index is the node id, in topological order.
    src, dst, partial : list
        One entry per edge.
    symbol : list of str or None
        The symbol each partial was named by (edge dialect), else None.
    in_edges, out_edges : list of list of int
        Edge ids into and out of each node, ascending. Edges are numbered as networkx lists
        them: by source node in file order, then in the order each source's edges were
        given; so ``[a, c], [b, c], [a, c]`` gives ``c`` the in-edges a, a, b.
    inputs, outputs : list of int
        Node ids, in the order the graph lists them.
    """

    names: list[str]
    src: list[int]
    dst: list[int]
    partial: list[Any]
    symbol: list[str | None]
    in_edges: list[list[int]]
    out_edges: list[list[int]]
    inputs: list[int]
    outputs: list[int]
    #: Derived arrays that the vectorised engines build once per graph.
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def n_nodes(self) -> int:
        return len(self.names)

    @property
    def n_edges(self) -> int:
        return len(self.src)

    @cached_property
    def from_inputs(self) -> list[bool]:
        """Whether each node is reachable from some input (inputs included)."""
        reached = [False] * self.n_nodes
        for x in self.inputs:
            reached[x] = True
        for v in range(self.n_nodes):
            if not reached[v]:
                reached[v] = any(reached[self.src[e]] for e in self.in_edges[v])
        return reached

    @cached_property
    def to_outputs(self) -> list[bool]:
        """Whether each node reaches some output (outputs included)."""
        return self.reaching(self.outputs)

    def reaching(self, targets: Iterable[int]) -> list[bool]:
        """Whether each node has a path to one of ``targets`` (the targets included).

        Examples
        --------
        >>> from pathsum.graph import from_edges
        >>> cg = compile_graph(from_edges([("x", "y", 1), ("x", "z", 1)], ["x"]))
        >>> cg.reaching([1])
        [True, True, False]
        """
        reach = [False] * self.n_nodes
        last = -1
        for t in targets:
            reach[t] = True
            last = max(last, t)
        # Ids are in topological order: no node after the last target reaches one.
        for u in range(last - 1, -1, -1):
            if not reach[u]:
                reach[u] = any(reach[self.dst[e]] for e in self.out_edges[u])
        return reach

    @cached_property
    def active(self) -> list[bool]:
        """Activity analysis: on some path from some input to some output (DESIGN §3)."""
        return [a and b for a, b in zip(self.from_inputs, self.to_outputs, strict=True)]

    @cached_property
    def all_float(self) -> bool:
        """Whether every partial is a Python float, so the vectorised float paths apply.

        Exact and symbolic values (ints, ``Fraction``, ...) keep the generic loops.
        """
        return all(type(p) is float for p in self.partial)


@paused_gc()
def compile_graph(graph: Graph) -> CompiledGraph:
    """Compile a :class:`Graph` into flat integer lists in its topological order.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2.0), ("y", "z", 3.0)], inputs=["x"]))
    >>> cg.names, cg.src, cg.dst, cg.in_edges
    (['x', 'y', 'z'], [0, 1], [1, 2], [[], [0], [1]])
    """
    names = list(graph.order)
    ids = {name: i for i, name in enumerate(names)}
    src: list[int] = []
    dst: list[int] = []
    partial: list[Any] = []
    symbol: list[str | None] = []
    in_edges: list[list[int]] = [[] for _ in names]
    out_edges: list[list[int]] = [[] for _ in names]
    for u, v, attrs in graph.network.edges(data=True):
        e = len(src)
        i, j = ids[u], ids[v]
        src.append(i)
        dst.append(j)
        partial.append(attrs["partial"])
        symbol.append(attrs.get("symbol"))
        out_edges[i].append(e)
        in_edges[j].append(e)
    return CompiledGraph(
        names, src, dst, partial, symbol, in_edges, out_edges,
        [ids[x] for x in graph.inputs], [ids[y] for y in graph.outputs],
    )
