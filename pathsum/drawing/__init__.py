"""Drawings of a graph: DOT text made here, SVG and PNG through Graphviz, and a
self-contained HTML page where the sweeps can be clicked through (the post's figures)."""

from __future__ import annotations

from .dot import Marks, marks, to_dot
from .graphviz import render, require_dot

__all__ = ["Marks", "graph_bundle", "marks", "render", "require_dot", "to_dot"]


def graph_bundle(graph: object) -> dict[str, str]:
    """A graph for a notebook: its drawing as SVG when Graphviz is installed, else its
    DOT text (``Graph._repr_mimebundle_``)."""
    import shutil

    from ..analysis import analyze
    from .figure import drawing

    analysis = analyze(graph, ["reverse"])  # type: ignore[arg-type]
    if shutil.which("dot") is None:
        return {"text/plain": to_dot(analysis)}
    return {"image/svg+xml": drawing(analysis, None, "svg").decode("utf-8"),
            "text/plain": repr(graph)}
