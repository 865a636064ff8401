"""One self-contained HTML page (no network): the drawn graph as an explorable explanation.

Clicking an input shows its forward sweep on every node, clicking an output its reverse
sweep; Next and Previous walk a sweep node by node. Clicking a Jacobian entry lights its
paths and sets its sum over paths beside what the sweeps spent; clicking one term lights
that one path. Everything shown is computed in Python (:mod:`pathsum.drawing.page_data`)
and embedded as JSON; the script and style are this package's ``page.js`` and ``page.css``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from ..analysis import Analysis
from .dot import Marks
from .figure import drawing
from .page_data import page_data

__all__ = ["note_room", "page", "page_data"]

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>@TITLE@ · pathsum</title>
<style>
@CSS@</style>
</head>
<body>
<h1>@TITLE@</h1>
<p>Click an input (bottom) for its forward sweep: d node/d input on every node. Click an
output (top) for its reverse sweep: d output/d node on every node; Next and Previous walk
the sweep node by node. Click a Jacobian entry for its paths, and one of its terms for one
path. Tab moves between them, Enter selects, the arrow keys step, Escape clears.</p>
<div id="drawing">@SVG@</div>
<h2 id="sweep-title" aria-live="polite">Nothing selected</h2>
<div id="stepper" hidden><button id="prev" type="button">◀ Previous</button>
<button id="next" type="button">Next ▶</button> <span id="step-at"></span></div>
<p id="step-said"></p>
<table id="step-terms"></table>
<table id="sweep"></table>
<h2>Jacobian</h2>
<table id="jacobian"></table>
<div id="entry" hidden><div class="sides">
<div><h3>The paths: the sum written out</h3><p id="paths"></p><ol id="terms"></ol>
<p id="path-cost"></p></div>
<div><h3>The sweeps: the sum factored</h3><p id="sweep-value"></p><ul id="sweep-costs"></ul>
</div></div></div>
<script type="application/json" id="pathsum-data">@DATA@</script>
<script>
@JS@</script>
</body>
</html>
"""


def page(analysis: Analysis, found: Marks | None = None, digits: int = 4, *,
         wrt: Sequence[str] = (), of: Sequence[str] = ()) -> str:
    """The page: the graph drawn by Graphviz as inline SVG, its numbers to ``digits``
    significant digits, and everything escaped: names, descriptions and values can never
    close a tag or the script.

    ``found`` is the drawing's marks, ``wrt`` and ``of`` the names that made its notes
    (:func:`~pathsum.drawing.dot.marks`; ``found.path`` is the ``--path`` given): the page
    opens on them as its first selection,
    which the first click replaces like any other. Each node is drawn with room for the
    widest note any selection writes on it (:func:`note_room`), so Graphviz's layout keeps
    every note clear of the rest of the drawing.
    """
    found = found or Marks()
    data = page_data(analysis, digits, found=found, wrt=wrt, of=of)
    room = Marks(notes=note_room(data), edge_labels=found.edge_labels)
    svg = drawing(analysis, room, "svg", digits).decode("utf-8")
    # Keep only the <svg> element: no XML prolog, doctype or comments inside HTML.
    svg = re.sub(r"<!--.*?-->", "", svg[svg.index("<svg"):], flags=re.DOTALL)
    text = json.dumps(data, ensure_ascii=False)
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, safe)
    here = files(__package__)
    parts = {"@TITLE@": html.escape(analysis.graph.name), "@SVG@": svg, "@DATA@": text,
             "@CSS@": here.joinpath("page.css").read_text(encoding="utf-8"),
             "@JS@": here.joinpath("page.js").read_text(encoding="utf-8")}
    return re.sub("|".join(parts), lambda m: parts[m.group(0)], _PAGE)


def note_room(data: dict[str, Any]) -> dict[int, list[str]]:
    """Per node, lines of text as wide as the widest note any selection of the page writes
    on it (a sweep's, or the first selection's), as many as the most notes one selection
    writes on a node: the page fills them in place.

    Examples
    --------
    >>> data = {"names": ["a", "b"], "notes_per_node": 1, "initial": {"notes": {}},
    ...         "sweeps": {"forward": {"0": {"notes": ["da/da = 1", "db/da = 0.6667"]}}}}
    >>> note_room(data)
    {0: ['da/da = 100'], 1: ['db/da = 0.666700']}
    """
    written: list[list[str]] = [[] for _ in data["names"]]
    for sweeps in data["sweeps"].values():
        for sweep in sweeps.values():
            for v, note in enumerate(sweep["notes"]):
                written[v].append(note)
    for v, lines in data["initial"]["notes"].items():
        written[int(v)] += lines
    return {v: [max(notes, key=len) + "00"] * data["notes_per_node"]
            for v, notes in enumerate(written) if notes}
