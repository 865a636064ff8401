"""An analysis as HTML tables, for notebooks (``Analysis._repr_html_``)."""

from __future__ import annotations

from html import escape
from typing import Any

from ..analysis import FIELDS, Analysis, view_keys, view_values
from ..display import show
from ..explain import sweeps
from .table import MAX_ROWS

__all__ = ["analysis_html"]

def analysis_html(analysis: Analysis) -> str:
    """The tables ``pathsum analyze`` prints, as HTML (``Analysis._repr_html_``)."""
    g = analysis.graph
    parts = [f"<h4>{escape(g.name)}</h4>"]
    rows: list[tuple[Any, ...]]
    if g.description:
        parts.append(f"<p>{escape(g.description)}</p>")
    if g.values is not None:
        rows = [(n, g.network.nodes[n].get("formula", "input"), show(g.values[n]))
                for n in g.order]
        parts.append(_table("Node values", ("node", "formula", "value"), rows))
    engines = list(analysis.results)
    jacobians = [analysis.jacobian(n) for n in engines]
    paths = analysis.paths()
    rows = [(f"d{y}/d{x}", paths[y][x], *("—" if j is None else show(j[y][x]) for j in jacobians))
            for y in g.outputs for x in g.inputs]
    parts.append(_table("Paths and derivatives", ("derivative", "paths", *engines), rows))
    rows = [(n, *("" if v is None else v for v in view_values(analysis, n, "notebook").values()))
            for n in analysis.results]
    header = ("engine", *(FIELDS[key].heading for key in view_keys("notebook")))
    parts.append(_table("Operations on partials", header, rows))
    for sweep in sweeps(analysis):
        parts.append(_table(sweep.title, ("node", sweep.heading),
                            [(n, show(v)) for n, v in sweep.rows]))
    verdict = "agree on every derivative" if analysis.agree else \
        f"disagree on {len(analysis.disagreements)} derivative(s)"
    parts.append(f"<p>{escape(', '.join(engines))}: {verdict}.</p>")
    return "<div class=\"pathsum\">" + "".join(parts) + "</div>"

def _table(title: str, header: tuple[Any, ...], rows: list[tuple[Any, ...]]) -> str:
    shown = rows[:MAX_ROWS]
    cut = f"<caption>first {MAX_ROWS} of {len(rows)} rows</caption>" \
        if len(rows) > MAX_ROWS else ""
    head = "".join(f"<th>{escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in shown)
    return (f"<p><b>{escape(title)}</b></p><table>{cut}<thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")
