"""The compiled form every engine reads: node ids in topological order, one column per edge
field and each node's in- and out-edges, on plain Python lists whatever the graph's size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import add, itemgetter
from typing import Any

from . import arguments
from .gcpause import paused_gc
from .graph import Graph

__all__ = ["CompiledGraph", "compile_graph"]

@dataclass(eq=False)
class CompiledGraph:
    """A graph as flat lists, ready for the engines.

    ``names[v]`` is node v's name, ids in topological order (``src[e] < dst[e]``); edge e
    (numbered as networkx lists them) has ``src``, ``dst``, ``partial`` and the ``symbol``
    that named it or None; ``in_edges``/``out_edges`` list each node's edge ids ascending;
    ``from_inputs``, ``to_outputs`` and ``active`` (both) are per node (DESIGN §3).
    ``shared`` holds the arrays the float routes build once (:func:`pathsum.backend.prepare`);
    engines write nothing else here, so no engine's run depends on which ran before it.
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
    from_inputs: list[bool]
    to_outputs: list[bool]
    active: list[bool]
    all_float: bool
    shared: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def n_nodes(self) -> int:
        return len(self.names)

    @property
    def n_edges(self) -> int:
        return len(self.src)

    def cone(self, y: int) -> tuple[list[int], list[int]]:
        """The nodes (``y`` first, in the order found) and edges on some input-to-``y`` path,
        found by walking up from ``y``: it costs what it finds, not the whole graph.

        >>> from pathsum.graph import from_edges
        >>> cg = compile_graph(from_edges([("x", "y", 1), ("c", "y", 1), ("x", "z", 1)], ["x"]))
        >>> cg.names, cg.cone(2)
        (['x', 'c', 'y', 'z'], ([2, 0], [0]))
        """
        from_inputs, src, in_edges = self.from_inputs, self.src, self.in_edges
        if not from_inputs[y]:
            return [y], []
        nodes, edges, seen, stack = [y], [], {y}, [y]
        while stack:
            for e in in_edges[stack.pop()]:
                u = src[e]
                if from_inputs[u]:
                    edges.append(e)
                    if u not in seen:
                        seen.add(u)
                        nodes.append(u)
                        stack.append(u)
        return nodes, edges

    def reached_from(self, seeds: Iterable[int]) -> list[bool]:
        """Whether each node is reached from one of ``seeds`` (the seeds included)."""
        return _reached(self.n_nodes, seeds, self.out_edges, self.dst, reverse=False)

    def reaching(self, targets: Iterable[int]) -> list[bool]:
        """Whether each node has a path to one of ``targets`` (the targets included)."""
        return _reached(self.n_nodes, targets, self.in_edges, self.src, reverse=True)

def _reached(n: int, seeds: Iterable[int], edges: list[list[int]], far: list[int],
             reverse: bool) -> list[bool]:
    """Whether each node is reached from ``seeds`` along ``edges[u]`` to ``far[e]``: one pass
    in topological order (in reverse when the edges lead backwards)."""
    found = [False] * n
    for seed in seeds:
        found[seed] = True
    for u in range(n - 1, -1, -1) if reverse else range(n):
        if found[u]:
            for e in edges[u]:
                found[far[e]] = True
    return found

def _grouped(n: int, keys: list[int]) -> list[list[int]]:
    """Edge ids grouped by ``keys`` (their source or target), ascending within a group."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    bounds = [0] * (n + 1)
    for k in keys:
        bounds[k + 1] += 1
    for v in range(n):
        bounds[v + 1] += bounds[v]
    return [order[bounds[v]:bounds[v + 1]] for v in range(n)]

@paused_gc()
def compile_graph(graph: Graph) -> CompiledGraph:
    """Compile a :class:`Graph` into flat integer lists in its topological order.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2.0), ("y", "z", 3.0)], inputs=["x"]))
    >>> cg.names, cg.src, cg.dst, cg.in_edges, cg.active
    (['x', 'y', 'z'], [0, 1], [1, 2], [[], [0], [1]], [True, True, True])
    """
    arguments.instance(graph, Graph, "graph", "a Graph (from pathsum.load)")
    names = list(graph.order)
    ids = {name: i for i, name in enumerate(names)}
    if graph.edge_lists is not None:
        sources, targets, data = graph.edge_lists
        # networkx lists edges by source in node order, then by the first appearance of
        # each (source, target) pair, then in file order: one stable sort on that key, by
        # C-level maps over ids (a Python loop per edge doubled the compile of 1M edges).
        count, n = len(sources), len(names)
        tails, heads = list(map(ids.__getitem__, sources)), list(map(ids.__getitem__, targets))
        pairs = list(map(add, map(n.__mul__, tails), heads))
        first = dict(zip(reversed(pairs), range(count - 1, -1, -1), strict=True))
        position = [0] * n
        for i, name in enumerate(graph.network):
            position[ids[name]] = count * i
        key = list(map(add, map(position.__getitem__, tails), map(first.__getitem__, pairs)))
        listing = sorted(range(count), key=key.__getitem__)
        edges = list(map(data.__getitem__, listing))
        src, dst = list(map(tails.__getitem__, listing)), list(map(heads.__getitem__, listing))
    else:
        triples = list(graph.network.edges(data=True))
        edges = [attrs for _, _, attrs in triples]
        src = [ids[u] for u, _, _ in triples]
        dst = [ids[v] for _, v, _ in triples]
    partial = list(map(itemgetter("partial"), edges))
    symbol: list[str | None] = ([attrs.get("symbol") for attrs in edges] if graph.symbols
                                else [None] * len(src))
    in_edges, out_edges = _grouped(len(names), dst), _grouped(len(names), src)
    inputs, outputs = [ids[x] for x in graph.inputs], [ids[y] for y in graph.outputs]
    from_inputs = _reached(len(names), inputs, out_edges, dst, reverse=False)
    to_outputs = _reached(len(names), outputs, in_edges, src, reverse=True)
    active = [a and b for a, b in zip(from_inputs, to_outputs, strict=True)]
    return CompiledGraph(names, src, dst, partial, symbol, in_edges, out_edges, inputs,
                         outputs, from_inputs, to_outputs, active,
                         set(map(type, partial)) <= {float})
