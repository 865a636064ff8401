"""Path names, ``b→c→e``, unique with parallel edges (``X -α→ Y -[1]→ Z``), and read back."""

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
    """A path name, or a list of nodes (``--path``), names no path of the graph, or several."""

    argument = "path"

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name

class PathNames:
    """Path names of one compiled graph and their inverse; per edge, its hop's label and key."""

    def __init__(self, cg: CompiledGraph) -> None:
        self.cg = cg
        self.labels, self.keys = _labels(cg)
        # Each edge's hop as parse reads it: no spaces, "-label→" or "→", then the node.
        self._hops = [("" if label is None else f"-{label}") + ARROW + _tight(cg.names[v])
                      for label, v in zip(self.labels, cg.dst, strict=True)]

    def name(self, trail: Sequence[int]) -> str:
        """The name of the path along the edges ``trail`` (at least one)."""
        names, labels = self.cg.names, self.labels
        return names[self.cg.src[trail[0]]] + "".join(
            (ARROW if labels[e] is None else f" -{labels[e]}{ARROW} ") + names[self.cg.dst[e]]
            for e in trail)

    def parse(self, text: str) -> list[int]:
        """The edge ids of the path named ``text`` (spaces ignored, ``->`` read as ``→``)."""
        cg, hops = self.cg, self._hops
        wanted = _tight(text).replace("->", ARROW)
        # A walk along the text: frames are (position, node, parent frame, edge), and each
        # (position, node) is tried once, so even clashing names cost at most text x edges.
        frames = [(len(_tight(name)), v, -1, -1) for v, name in enumerate(cg.names)
                  if wanted.startswith(_tight(name))]
        stack, tried, furthest = list(range(len(frames))), set(), (-1, -1)
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
        u = furthest[1]  # where reading stopped: say so, and what edges leave it
        if u < 0:
            raise PathNameError(text, f"{text}: names no path: it does not begin with a node "
                                "of this graph")
        onward = [self.name([e]) for e in cg.out_edges[u]]
        more = ", …" if len(onward) > LISTED else ""
        raise PathNameError(text, f"{text}: names no path of this graph: it reads up to "
                            f"{cg.names[u]}, " + (f"whose edges are {', '.join(onward[:LISTED])}"
                                                  f"{more}" if onward else "which no edge leaves"))

    def select(self, text: str | Sequence[str]) -> list[int]:
        """The edges of the one path named, or the one through the nodes listed (``a,b,c``)."""
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
    """Per edge, its label (None, else its symbol if that tells it apart, else ``[key]``), key."""
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
