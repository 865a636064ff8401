"""DOT text for a graph, drawn bottom to top as in the post: every edge labelled with its
partial, every node with its formula and value, and optionally one sweep's value on every
node and one path highlighted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..analysis import Analysis
from ..display import show
from ..errors import UsageError

__all__ = ["Marks", "marks", "quote", "to_dot"]


@dataclass
class Marks:
    """What a drawing adds to the bare graph."""

    #: Extra label lines per node id, e.g. ``["de/dc = 2"]``.
    notes: dict[int, list[str]] = field(default_factory=dict)
    #: Edge ids drawn highlighted.
    highlight: set[int] = field(default_factory=set)
    #: Edge labels by edge id, replacing the partial (``--formulas``).
    edge_labels: dict[int, str] = field(default_factory=dict)


def quote(text: str) -> str:
    """A DOT string: quoted, with backslashes and quotes escaped, so any text is safe.

    Examples
    --------
    >>> print(quote('say "hi" \\\\ bye'))
    "say \\"hi\\" \\\\ bye"
    >>> quote("two\\nlines")
    '"two\\\\nlines"'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", "").replace("\n", "\\n") + '"'


def marks(analysis: Analysis, *, wrt: Sequence[str] = (), of: Sequence[str] = (),
          path: Sequence[str] = ()) -> Marks:
    """The notes of ``--wrt`` (d node/d input on every node), ``--of`` (d output/d node)
    and the edges of ``--path`` (a list of node names, each edge between two consecutive
    ones highlighted, parallel edges all).

    Raises
    ------
    UsageError
        For a name that is not an input (``wrt``) or output (``of``), or a ``path`` whose
        consecutive nodes are not joined by an edge.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n"),
    ...             ["forward", "reverse"], per_node=True)
    >>> m = marks(a, of=["e"], path=["b", "d", "e"])
    >>> m.notes[2], sorted(m.highlight)
    (['de/dc = 2'], [2, 4])
    """
    from ..explain import narrowed

    cg = analysis.compiled
    names = cg.names
    inputs, outputs = narrowed(analysis, wrt, of)
    found = Marks()
    tangents, adjoints = analysis.tangents() or {}, analysis.adjoints() or {}
    for x in inputs if wrt else []:
        for v, value in enumerate(tangents[names[x]].values()):
            found.notes.setdefault(v, []).append(f"d{names[v]}/d{names[x]} = {show(value)}")
    for y in outputs if of else []:
        for v, value in enumerate(adjoints[names[y]].values()):
            found.notes.setdefault(v, []).append(f"d{names[y]}/d{names[v]} = {show(value)}")
    ids = {name: i for i, name in enumerate(names)}
    for name in path:
        if name not in ids:
            raise UsageError(f"--path: '{name}' is not a node of this graph")
    for u, v in pairwise(path):
        joined = [e for e in cg.out_edges[ids[u]] if cg.dst[e] == ids[v]]
        if not joined:
            raise UsageError(f"--path: no edge from {u} to {v}")
        found.highlight.update(joined)
    return found


def to_dot(analysis: Analysis, found: Marks | None = None) -> str:
    """The graph as DOT text: inputs at the bottom, outputs at the top.

    Nodes are named ``n0``, ``n1``... (their ids) and carry ``id="node-K"``; edges carry
    ``id="edge-E"``, so that the SVG Graphviz makes keeps them findable. Names and labels
    are quoted and escaped (:func:`quote`).

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: [x]\\nedges: [[x, y, 2], [x, y, 3]]\\n"), ["reverse"])
    >>> print(to_dot(a), end="")  # doctest: +ELLIPSIS
    digraph G {
      rankdir=BT; nodesep=0.9; ranksep=0.9;
    ...
      n0 [id="node-0", label="x", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
      n1 [id="node-1", label="y", shape=ellipse, peripheries=2];
      n0 -> n1 [id="edge-0", label="2"];
      n0 -> n1 [id="edge-1", label="3"];
    }
    """
    found = found or Marks()
    g, cg = analysis.graph, analysis.compiled
    title = g.name + (f": {g.description}" if g.description else "")
    lines = [
        "digraph G {",  # the name goes in the label only: SVG comments repeat this one
        "  rankdir=BT; nodesep=0.9; ranksep=0.9;",
        f"  label={quote(title)}; labelloc=t; fontname=\"Helvetica\";",
        '  node [fontname="Helvetica", fontsize=12];',
        '  edge [fontname="Helvetica", fontsize=11];',
    ]
    inputs, outputs = set(cg.inputs), set(cg.outputs)
    for v, name in enumerate(cg.names):
        text = [_node_text(g, name), *found.notes.get(v, [])]
        style = ('shape=box, style="rounded,filled", fillcolor="#e8f0fe"' if v in inputs else
                 "shape=ellipse, peripheries=2" if v in outputs else "shape=ellipse")
        lines.append(f'  n{v} [id="node-{v}", label={quote(chr(10).join(text))}, {style}];')
    for e in range(cg.n_edges):
        label = found.edge_labels.get(e) or _partial_text(cg.partial[e], cg.symbol[e], g.arith)
        extra = ', color="#d62728", penwidth=3, fontcolor="#d62728"' \
            if e in found.highlight else ""
        lines.append(f'  n{cg.src[e]} -> n{cg.dst[e]} [id="edge-{e}", '
                     f"label={quote(label)}{extra}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_text(g: Any, name: str) -> str:
    """``c = a + b`` and its value on a second line; an input's value; an edge-dialect
    node's name."""
    attrs = g.network.nodes[name]
    head = f"{name} = {attrs['formula']}" if attrs.get("formula") else name
    if g.values is None:
        return head
    return f"{head}\n= {show(g.values[name])}" if attrs.get("formula") else \
        f"{name} = {show(g.values[name])}"


def _partial_text(partial: Any, symbol: str | None, arith: str) -> str:
    """A partial as an edge label: its number; under symbolic arithmetic its symbol."""
    if symbol and arith != "symbolic":
        return f"{symbol} = {show(partial)}"
    return show(partial)
