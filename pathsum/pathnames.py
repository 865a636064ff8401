"""Path names: every path of a graph written so that no two share a name, and read back.

A path is named by its nodes joined by arrows, ``b→c→e``. Where two or more edges join the
same two nodes (parallel edges, a multigraph), a hop between them names its edge inside the
arrow: by its symbol (edge dialect), ``X -α→ Y -δ→ Z``, or, when the edge has no symbol or
another edge between the same nodes has the same one, by its key, ``v0 -[2]→ v1``: the
networkx key of the edge in :attr:`Graph.network <pathsum.graph.Graph.network>`, counting
the edges from one node to the other from 0 in file order. Only such hops are qualified,
so a graph without parallel edges keeps the plain names (olah: ``b→c→e``), and the rest of
a path stays plain (``a→b -[1]→ c→d``).

Two different paths differ in a node or, between the same two nodes, in an edge; a hop
that can differ in its edge names it, so names are unique (for node names and symbols that
are identifiers, as every graph file's are). :meth:`PathNames.parse` is the inverse of
:meth:`PathNames.name`; it also takes ``->`` for ``→`` and ignores spaces, so
``X-α->Y-δ->Z`` reads as ``X -α→ Y -δ→ Z``. :meth:`PathNames.select` reads the ``--path``
of ``pathsum draw``: a name, or nodes separated by commas (``b,d,e``) when only one path
goes through them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import islice, pairwise, product

from .compiled import CompiledGraph
from .errors import UsageError

__all__ = ["ARROW", "PathNameError", "PathNames"]

#: The arrow between two nodes of a path name.
ARROW = "→"
#: Names listed at most in a message about a list of nodes that several paths go through.
LISTED = 9


class PathNameError(UsageError):
    """A path name, or a list of nodes, names no path of the graph, or several.

    The CLI puts the option (``--path``) before the message.

    Attributes
    ----------
    argument : str
        The argument the text came through: ``"path"``.
    name : str
        The text given.
    """

    argument = "path"

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name


class PathNames:
    """Names of the paths of one compiled graph, and their inverse.

    Parameters
    ----------
    cg : CompiledGraph

    Attributes
    ----------
    labels : list of str or None
        Per edge, what its hop says inside the arrow: None where no other edge joins the
        same two nodes, else the edge's symbol, or ``[k]`` with its key ``k``.
    keys : list of int
        Per edge, its key: the edges from one node to the other counted from 0 in file
        order (0 for an edge that no other parallels).

    Examples
    --------
    >>> from pathsum import compile_graph, loads
    >>> cg = compile_graph(loads(
    ...     "inputs: [X]\\nedges: [[X, Y, α], [X, Y, β], [Y, Z, 2], [Y, Z, 3], [Z, W, 1]]\\n"
    ...     "symbols: {α: 1, β: 2}\\n"))
    >>> names = PathNames(cg)
    >>> [names.name(trail) for trail in ([0, 2, 4], [1, 3, 4])]
    ['X -α→ Y -[0]→ Z→W', 'X -β→ Y -[1]→ Z→W']
    >>> names.parse("X -β→ Y -[1]→ Z→W"), names.parse("X-β->Y-[1]->Z->W")
    ([1, 3, 4], [1, 3, 4])
    >>> names.keys
    [0, 1, 0, 1, 0]
    """

    def __init__(self, cg: CompiledGraph) -> None:
        self.cg = cg
        self.labels, self.keys = _labels(cg)
        names = cg.names
        #: Each edge's hop as parse reads it: no spaces, "-label→" or "→", then the node.
        self._hops = [("" if label is None else f"-{label}") + ARROW + _tight(names[v])
                      for label, v in zip(self.labels, cg.dst, strict=True)]

    def name(self, trail: Sequence[int], start: int | None = None) -> str:
        """The name of the path along the edges ``trail``.

        Parameters
        ----------
        trail : sequence of int
            Edge ids, each starting where the one before it ends.
        start : int, optional
            The first node; needed only when ``trail`` is empty.
        """
        cg, labels = self.cg, self.labels
        first = cg.src[trail[0]] if trail else start
        if first is None:
            raise ValueError("an empty path needs its start node")
        parts = [cg.names[first]]
        for e in trail:
            label = labels[e]
            parts.append(ARROW if label is None else f" -{label}{ARROW} ")
            parts.append(cg.names[cg.dst[e]])
        return "".join(parts)

    def parse(self, text: str) -> list[int]:
        """The edge ids of the path named ``text``: the inverse of :meth:`name`.

        Spaces are ignored and ``->`` reads as ``→``. A name of one node is the empty path.

        Raises
        ------
        PathNameError
            If ``text`` names no path of the graph, saying how far it was read and which
            hops the graph offers there.
        """
        cg, hops = self.cg, self._hops
        wanted = _tight(text).replace("->", ARROW)
        # A walk along the text: frames are (position, node, parent frame, edge), and each
        # (position, node) is tried once, so even clashing names cost at most text x edges.
        frames = [(len(_tight(name)), v, -1, -1) for v, name in enumerate(cg.names)
                  if wanted.startswith(_tight(name))]
        stack, tried = list(range(len(frames))), set()
        furthest = (-1, -1)
        while stack:
            i = stack.pop()
            at, u, _, _ = frames[i]
            if (at, u) in tried:
                continue
            tried.add((at, u))
            furthest = max(furthest, (at, u))
            if at == len(wanted):
                trail = []
                while frames[i][3] >= 0:
                    trail.append(frames[i][3])
                    i = frames[i][2]
                return trail[::-1]
            for e in cg.out_edges[u]:
                if wanted.startswith(hops[e], at):
                    frames.append((at + len(hops[e]), cg.dst[e], i, e))
                    stack.append(len(frames) - 1)
        raise PathNameError(text, self._unread(text, furthest))

    def _unread(self, text: str, furthest: tuple[int, int]) -> str:
        """Why ``text`` names no path: the node where reading it stopped and its edges."""
        u = furthest[1]
        if u < 0:
            return f"{text}: names no path: it does not begin with a node of this graph"
        onward = [self.name([e]) for e in self.cg.out_edges[u]]
        if not onward:
            return f"{text}: names no path of this graph: it reads up to {self.cg.names[u]}, " \
                   "which no edge leaves"
        more = ", …" if len(onward) > LISTED else ""
        return (f"{text}: names no path of this graph: it reads up to {self.cg.names[u]}, "
                f"whose edges are {', '.join(onward[:LISTED])}{more}")

    def select(self, text: str | Sequence[str]) -> list[int]:
        """The edges of the one path that ``text`` gives: a name (with ``→`` or ``->``) or
        node names, separated by commas or as a sequence.

        Nodes joined by parallel edges leave the choice open: a list of nodes that more than
        one path goes through is refused with their names, for the reader to pick one.

        Raises
        ------
        PathNameError
            If the text names no path, or its nodes are not joined by edges, or more than
            one path goes through them.

        Examples
        --------
        >>> from pathsum import compile_graph, loads
        >>> cg = compile_graph(loads("inputs: [X]\\nedges: [[X, Y, 1], [X, Y, 2], [Y, Z, 3]]\\n"))
        >>> PathNames(cg).select("Y,Z"), PathNames(cg).select("X -[1]→ Y→Z")
        ([2], [1, 2])
        >>> PathNames(cg).select("X,Y,Z")
        Traceback (most recent call last):
        ...
        pathsum.pathnames.PathNameError: X,Y,Z: 2 paths go through these nodes (parallel edges); name one: X -[0]→ Y→Z, X -[1]→ Y→Z
        """
        if isinstance(text, str) and (ARROW in text or "->" in text):
            return self.parse(text)
        nodes = [n.strip() for n in text.split(",")] if isinstance(text, str) else list(text)
        said = text if isinstance(text, str) else ",".join(text)
        cg = self.cg
        ids = {name: i for i, name in enumerate(cg.names)}
        for node in nodes:
            if node not in ids:
                raise PathNameError(said, f"{said}: '{node}' is not a node of this graph")
        choices = []
        for u, v in pairwise(nodes):
            joined = [e for e in cg.out_edges[ids[u]] if cg.dst[e] == ids[v]]
            if not joined:
                raise PathNameError(said, f"{said}: no edge from {u} to {v}")
            choices.append(joined)
        count = math.prod(len(joined) for joined in choices)
        if count == 1:
            return [joined[0] for joined in choices]
        names = [self.name(trail) for trail in islice(product(*choices), LISTED)]
        more = f" … ({count} in all)" if count > LISTED else ""
        raise PathNameError(said, f"{said}: {count} paths go through these nodes (parallel "
                                  f"edges); name one: {', '.join(names)}{more}")


def _labels(cg: CompiledGraph) -> tuple[list[str | None], list[int]]:
    """Per edge, None without a parallel edge, else its symbol when that tells it apart from
    the edges joining the same nodes, else ``[key]``; and per edge, its key."""
    joining: dict[tuple[int, int], list[int]] = {}
    for e, pair in enumerate(zip(cg.src, cg.dst, strict=True)):
        joining.setdefault(pair, []).append(e)
    labels: list[str | None] = [None] * cg.n_edges
    keys = [0] * cg.n_edges
    for edges in joining.values():
        if len(edges) == 1:
            continue
        symbols = [cg.symbol[e] for e in edges]
        for key, (e, symbol) in enumerate(zip(edges, symbols, strict=True)):
            labels[e] = symbol if symbol and symbols.count(symbol) == 1 else f"[{key}]"
            keys[e] = key
    return labels, keys


def _tight(text: str) -> str:
    """``text`` without whitespace: how names are compared."""
    return "".join(text.split())
