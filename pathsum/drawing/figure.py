"""A drawing in the format asked for: DOT text as it is; SVG and PNG laid out twice by
Graphviz, first without the caption to learn the drawing's width, so that the caption is
wrapped at that width and never widens the drawing; SVG with each edge's parts in one
group."""

from __future__ import annotations

import re

from ..analysis import Analysis
from .dot import Marks, caption, quote, to_dot
from .graphviz import render

__all__ = ["drawing", "grouped_edges", "measured"]

#: Points of slack between the caption's measured words and the drawing's edge.
_SLACK = 20.0


def drawing(analysis: Analysis, found: Marks | None, kind: str, digits: int = 4) -> bytes:
    """The drawing as ``dot`` text, or ``svg`` or ``png`` bytes made by Graphviz.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("name: g\\ninputs: [x]\\nedges: [[x, y, 2]]\\n"), ["reverse"])
    >>> drawing(a, None, "svg")[:5]  # doctest: +SKIP
    b'<?xml'
    """
    g = analysis.graph
    if kind == "dot":
        return to_dot(analysis, found, digits=digits).encode("utf-8")
    words = f"{g.name} {g.description or ''}".split()
    width, widths = measured(to_dot(analysis, found, digits=digits, title=""), words)
    title = caption(g.name, g.description, max(width - _SLACK, 0.0), widths.__getitem__)
    data = render(to_dot(analysis, found, digits=digits, title=title), kind)
    return grouped_edges(data.decode("utf-8")).encode("utf-8") if kind == "svg" else data


def measured(dot_text: str, words: list[str]) -> tuple[float, dict[str, float]]:
    """The width in points of the drawing ``dot_text`` lays out, and the width of each of
    ``words`` (and of a space) in the caption's font, from one run of Graphviz.

    Examples
    --------
    >>> width, widths = measured("digraph { a -> b }", ["ab", "W"])  # doctest: +SKIP
    >>> width, widths["W"] > widths["ab"] / 2  # doctest: +SKIP
    (54.0, True)
    """
    probes = [*dict.fromkeys(words), "a a", "aa"]
    nodes = "".join(f"  w{i} [label={quote(word)}];\n" for i, word in enumerate(probes))
    probe = ('digraph W {\n  node [shape=plaintext, margin=0, width=0, height=0, '
             f'fontname="Helvetica", fontsize=12];\n{nodes}}}\n')
    plain = render(dot_text + probe, "plain").decode("utf-8")
    width = 72.0 * float(plain.split("\n", 1)[0].split()[2])
    found = {}
    for line in plain[plain.index("stop"):].splitlines():
        if line.startswith("node w"):
            found[int(line.split()[1][1:])] = 72.0 * float(line.split()[4])
    widths = {word: found[i] for i, word in enumerate(probes)}
    widths[" "] = widths.pop("a a") - widths.pop("aa")
    return width, widths


_PART = re.compile(r'<g id="(edge|label)(?:-|&#45;)(\d+)(?:-|&#45;)?(tail)?" class="[^"]*">\n'
                   r"<title>([^<]*)</title>\n(.*?)</g>\n", re.DOTALL)


def grouped_edges(svg: str) -> str:
    """Graphviz's SVG with each edge's three parts (the half without the arrowhead, the
    label node, the half with it, see :func:`pathsum.drawing.dot.to_dot`) in one
    ``<g id="edge-E" class="edge">``, titled ``nU->nV``: one group to find, highlight or
    click per edge of the graph.

    Examples
    --------
    >>> svg = ('<g id="label&#45;0" class="node edge&#45;0">\\n<title>e0</title>\\n<text>2</text>\\n'
    ...        '</g>\\n<g id="edge&#45;0&#45;tail" class="edge edge&#45;0">\\n'
    ...        '<title>n0&#45;&gt;e0</title>\\n<path d="A"/>\\n</g>\\n'
    ...        '<g id="edge&#45;0" class="edge edge&#45;0">\\n<title>e0&#45;&gt;n1</title>\\n'
    ...        '<path d="B"/>\\n</g>\\n')
    >>> print(grouped_edges(svg), end="")
    <g id="edge-0" class="edge">
    <title>n0&#45;&gt;n1</title>
    <path d="A"/>
    <text>2</text>
    <path d="B"/>
    </g>
    """
    parts: dict[tuple[str, str], tuple[str, str]] = {}
    for m in _PART.finditer(svg):
        parts[(m[2], m[3] or m[1])] = (m[4], m[5])

    def joined(m: re.Match[str]) -> str:
        e, part = m[2], m[3] or m[1]
        if any((e, other) not in parts for other in ("edge", "tail", "label")):
            return m[0]
        if part != "edge":
            return ""  # moved into the edge's group
        (tail_title, tail), (_, label) = parts[(e, "tail")], parts[(e, "label")]
        title = tail_title.rsplit("&gt;", 1)[0] + "&gt;" + m[4].rsplit("&gt;", 1)[1]
        return f'<g id="edge-{e}" class="edge">\n<title>{title}</title>\n{tail}{label}{m[5]}</g>\n'

    return _PART.sub(joined, svg)
