"""Drawings of a graph: DOT text, SVG and PNG through Graphviz, and an HTML page."""

from __future__ import annotations

from ..graph import Graph
from .dot import Marks, dot_timeout, drawing, formula_labels, marks, render, require_dot, to_dot

__all__ = ["Marks", "dot_timeout", "drawing", "formula_labels", "graph_bundle", "marks",
           "render", "require_dot", "to_dot"]

def graph_bundle(graph: Graph) -> dict[str, str]:
    """A graph in a notebook: its SVG drawing with Graphviz, else its DOT text."""
    import shutil

    from ..analysis import analyze
    analysis = analyze(graph, ["reverse"])
    if shutil.which("dot") is None:
        return {"text/plain": to_dot(analysis)}
    return {"image/svg+xml": drawing(analysis, None, "svg").decode("utf-8"),
            "text/plain": repr(graph)}
