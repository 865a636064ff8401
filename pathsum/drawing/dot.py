"""DOT text for a graph, drawn bottom to top as in the post: every edge labelled with its
partial, every node with its formula and value, and optionally one sweep's value on every
node and one path highlighted."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..analysis import Analysis
from ..display import rounded
from ..pathnames import PathNames
from ..printable import printable

__all__ = ["Marks", "caption", "equals", "marks", "quote", "sweep_head", "sweep_note",
           "to_dot"]


@dataclass
class Marks:
    """What a drawing adds to the bare graph."""

    #: Extra label lines per node id, e.g. ``["de/dc = 2"]``.
    notes: dict[int, list[str]] = field(default_factory=dict)
    #: Edge ids drawn highlighted.
    highlight: set[int] = field(default_factory=set)
    #: The edges of the one path given (``--path``), in order from its first node.
    path: list[int] = field(default_factory=list)
    #: Edge labels by edge id, replacing the partial (``--formulas``).
    edge_labels: dict[int, str] = field(default_factory=dict)


def quote(text: str) -> str:
    """A DOT string: quoted, with backslashes and quotes escaped, so any text is safe.

    A line feed breaks the label's line; every other control, bidirectional or zero-width
    character is shown as its escape (:func:`~pathsum.printable.printable`): an ESC would
    make the SVG Graphviz writes ill-formed XML (issue 19).

    Examples
    --------
    >>> print(quote('say "hi" \\\\ bye'))
    "say \\"hi\\" \\\\ bye"
    >>> quote("two\\nlines")
    '"two\\\\nlines"'
    >>> print(quote("olah\\x1b[2J\\u202e"))
    "olah\\\\x1b[2J\\\\u202e"
    """
    lines = (printable(line).replace("\\", "\\\\").replace('"', '\\"')
             for line in text.split("\n"))
    return '"' + "\\n".join(lines) + '"'


def caption(name: str, description: str | None, width: float = 360.0,
            measure: Callable[[str], float] | None = None) -> str:
    """The drawing's caption: the name, then the description, each wrapped into lines no
    wider than ``width`` points, each word's width given by ``measure`` (by default about
    half the font size, 12 points, per character). A word wider than a line has a line of
    its own.

    Examples
    --------
    >>> print(caption("olah", "the graph of the post: e = (a + b) * (b + 1)", 120))
    olah
    the graph of the
    post: e = (a + b) *
    (b + 1)
    >>> caption("olah", None)
    'olah'
    """
    measure = measure or (lambda word: 6.0 * len(word))
    space = measure(" ")
    lines: list[str] = []
    for paragraph in (name, description or ""):
        line, used = "", 0.0
        for word in paragraph.split():
            wide = measure(word)
            if line and used + space + wide > width:
                lines.append(line)
                line, used = "", 0.0
            line, used = (f"{line} {word}", used + space + wide) if line else (word, wide)
        lines += [line] if line else []
    return "\n".join(lines) if lines else name


def sweep_note(direction: str, seed: str, node: str, value: Any, digits: int = 4) -> str:
    """What a sweep writes on a node, its number to ``digits`` significant digits:
    ``dnode/dseed = value`` forward, ``dseed/dnode = value`` in reverse.

    Examples
    --------
    >>> sweep_note("forward", "b", "e", 5.0), sweep_note("reverse", "e", "b", 2 / 3)
    ('de/db = 5', 'de/db = 0.6667')
    """
    return f"{sweep_head(direction, seed, node)} {equals(rounded(value, digits))}"


def sweep_head(direction: str, seed: str, node: str) -> str:
    """The derivative a sweep computes on a node: ``dnode/dseed`` forward, ``dseed/dnode``
    in reverse.

    Examples
    --------
    >>> sweep_head("forward", "b", "e"), sweep_head("reverse", "e", "b")
    ('de/db', 'de/db')
    """
    top, bottom = (node, seed) if direction == "forward" else (seed, node)
    return f"d{top}/d{bottom}"


def marks(analysis: Analysis, *, wrt: Sequence[str] = (), of: Sequence[str] = (),
          path: str | Sequence[str] = (), digits: int = 4) -> Marks:
    """The notes of ``--wrt`` (d node/d input on every node), ``--of`` (d output/d node)
    and the edges of ``--path``, highlighted: one path, given by its name (``X -α→ Y -δ→
    Z``, see :mod:`pathsum.pathnames`) or by its nodes (``"b,d,e"`` or a list of names)
    when no parallel edges leave a choice; the notes' numbers to ``digits`` significant
    digits.

    Raises
    ------
    UsageError
        For a name that is not an input (``wrt``) or output (``of``).
    PathNameError
        For a ``path`` that names no path, or nodes that several paths go through (the
        message lists their names).

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
            found.notes.setdefault(v, []).append(
                sweep_note("forward", names[x], names[v], value, digits))
    for y in outputs if of else []:
        for v, value in enumerate(adjoints[names[y]].values()):
            found.notes.setdefault(v, []).append(
                sweep_note("reverse", names[y], names[v], value, digits))
    if path:
        found.path = PathNames(cg).select(path)
        found.highlight.update(found.path)
    return found


def to_dot(analysis: Analysis, found: Marks | None = None, *, digits: int = 4,
           title: str | None = None) -> str:
    """The graph as DOT text: inputs on the bottom rank, outputs on the top one, as in the
    post (an output that feeds a node other than an output stays below it; one that feeds
    only outputs sits beside them, its edges drawn across).

    Nodes are named ``n0``, ``n1``... (their ids) and carry ``id="node-K"``. Each edge E
    is drawn through a small label node ``eE`` holding its partial, so that parallel edges
    are laid out apart, each with its own label and arrowhead, and no label sits on a
    line: the half without the arrowhead has ``id="edge-E-tail"``, the label
    ``id="label-E"``, the half with the arrowhead ``id="edge-E"``, all three
    ``class="edge-E"`` (:func:`pathsum.drawing.figure.grouped_edges` joins them into one
    SVG group). Numbers are shown to ``digits`` significant digits. The caption is
    ``title`` (:mod:`pathsum.drawing.figure` wraps the name and description at the
    drawing's width), by default :func:`caption` at about 60 characters. Names and labels
    are quoted and escaped (:func:`quote`).

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: [x]\\nedges: [[x, y, 2], [x, y, 3]]\\n"), ["reverse"])
    >>> print(*to_dot(a).splitlines()[5:], sep="\\n")
      n0 [id="node-0", label="x", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
      n1 [id="node-1", label="y", shape=ellipse, peripheries=2];
      node [shape=plaintext, fontsize=11, margin="0.03,0.02", width=0, height=0];
      e0 [id="label-0", class="edge-0", label="2"];
      n0 -> e0 [id="edge-0-tail", class="edge-0", arrowhead=none];
      e0 -> n1 [id="edge-0", class="edge-0"];
      e1 [id="label-1", class="edge-1", label="3"];
      n0 -> e1 [id="edge-1-tail", class="edge-1", arrowhead=none];
      e1 -> n1 [id="edge-1", class="edge-1"];
      { rank=min; n0; }
      { rank=max; n1; }
    }
    """
    found = found or Marks()
    g, cg = analysis.graph, analysis.compiled
    lines = [
        "digraph G {",  # the name goes in the label only: SVG comments repeat this one
        "  rankdir=BT; nodesep=0.3; ranksep=0.2;",
        (f"  label={quote(caption(g.name, g.description) if title is None else title)}; "
         'labelloc=t; fontname="Helvetica"; fontsize=12;'),
        '  node [fontname="Helvetica", fontsize=12];',
        '  edge [fontname="Helvetica", fontsize=11, arrowsize=0.8];',
    ]
    inputs, outputs = set(cg.inputs), set(cg.outputs)
    for v, name in enumerate(cg.names):
        text = [_node_text(g, name, digits), *found.notes.get(v, [])]
        style = ('shape=box, style="rounded,filled", fillcolor="#e8f0fe"' if v in inputs else
                 "shape=ellipse, peripheries=2" if v in outputs else "shape=ellipse")
        lines.append(f'  n{v} [id="node-{v}", label={quote(chr(10).join(text))}, {style}];')
    lines.append('  node [shape=plaintext, fontsize=11, margin="0.03,0.02", width=0, '
                 "height=0];")  # edge labels
    for e in range(cg.n_edges):
        label = found.edge_labels.get(e) or \
            _partial_text(cg.partial[e], cg.symbol[e], g.arith, digits)
        red = ', color="#d62728", penwidth=3' if e in found.highlight else ""
        ink = ', fontcolor="#d62728"' if e in found.highlight else ""
        lines += [f'  e{e} [id="label-{e}", class="edge-{e}", label={quote(label)}{ink}];',
                  (f'  n{cg.src[e]} -> e{e} [id="edge-{e}-tail", class="edge-{e}", '
                   f"arrowhead=none{red}];"),
                  f'  e{e} -> n{cg.dst[e]} [id="edge-{e}", class="edge-{e}"{red}];']
    top = _top_row(cg)
    across = [f"e{e}" for y in top for e in cg.out_edges[y]]  # between two outputs on top
    for row, rank in (([f"n{x}" for x in cg.inputs], "min"),
                      ([f"n{y}" for y in cg.outputs if y in top] + across, "max")):
        if row:  # after every node is declared, so that each keeps its own attributes
            lines.append(f"  {{ rank={rank}; {' '.join(f'{v};' for v in row)} }}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _top_row(cg: Any) -> set[int]:
    """The outputs drawn on the top rank: all but those feeding a node off it."""
    top = set(cg.outputs)
    dropped = True
    while dropped:
        off = {y for y in top if any(cg.dst[e] not in top for e in cg.out_edges[y])}
        top -= off
        dropped = bool(off)
    return top


def _node_text(g: Any, name: str, digits: int) -> str:
    """``c = a + b`` and its value on a second line; an input's value; an edge-dialect
    node's name."""
    attrs = g.network.nodes[name]
    head = f"{name} = {attrs['formula']}" if attrs.get("formula") else name
    if g.values is None:
        return head
    value = equals(rounded(g.values[name], digits))
    return f"{head}\n{value}" if attrs.get("formula") else f"{name} {value}"


def equals(text: str) -> str:
    """``= 0.5``, or ``≈ 0.3333`` for a value :func:`~pathsum.display.rounded` marks as
    rounded.

    Examples
    --------
    >>> equals("0.5"), equals("≈0.3333")
    ('= 0.5', '≈ 0.3333')
    """
    return f"≈ {text[1:]}" if text.startswith("≈") else f"= {text}"


def _partial_text(partial: Any, symbol: str | None, arith: str, digits: int) -> str:
    """A partial as an edge label: its number; under symbolic arithmetic its symbol."""
    if symbol and arith != "symbolic":
        return f"{symbol} {equals(rounded(partial, digits))}"
    return rounded(partial, digits)
