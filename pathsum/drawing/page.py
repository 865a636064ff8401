"""One self-contained HTML page (no network) to click through the sweeps and the paths:
everything shown is computed in :mod:`.page_data`; ``page.html``, ``.js`` and ``.css`` show it."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from importlib.resources import files
from typing import Any

from ..analysis import Analysis
from .dot import Marks, drawing
from .page_data import page_data

__all__ = ["note_room", "page", "page_data"]

def page(analysis: Analysis, found: Marks | None = None, digits: int = 4, *,
         wrt: Sequence[str] = (), of: Sequence[str] = ()) -> str:
    """The page: the SVG drawing inline, opened on ``found`` (``--wrt``, ``--of``,
    ``--path``), everything escaped; each node has room for the widest note it gets."""
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
    template = here.joinpath("page.html").read_text(encoding="utf-8")
    return re.sub("|".join(parts), lambda m: parts[m.group(0)], template)

def note_room(data: dict[str, Any]) -> dict[int, list[str]]:
    """Per node, lines as wide as the widest note any selection writes on it, as many as
    the most notes one selection writes on a node: the page fills them in place."""
    written: list[list[str]] = [[] for _ in data["names"]]
    for sweeps in data["sweeps"].values():
        for sweep in sweeps.values():
            for v, note in enumerate(sweep["notes"]):
                written[v].append(note)
    for v, lines in data["initial"]["notes"].items():
        written[int(v)] += lines
    return {v: [max(notes, key=len) + "00"] * data["notes_per_node"]
            for v, notes in enumerate(written) if notes}
