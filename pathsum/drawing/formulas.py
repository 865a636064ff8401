"""Each edge's local derivative as a formula (``∂e/∂c = d``), for ``draw --formulas``."""

from __future__ import annotations

from ..arith import Symbolic
from ..compiled import CompiledGraph
from ..display import show
from ..formula import parse_formula
from ..graph import Graph

__all__ = ["formula_labels"]


def formula_labels(graph: Graph, cg: CompiledGraph) -> dict[int, str]:
    """Edge id -> ``∂v/∂u = formula``: the formula dialect's derivatives differentiated
    symbolically (sympy, ``pathsum[symbolic]``); the edge dialect's symbol or number.

    Raises
    ------
    UsageError
        If sympy is not installed (with the hint to install ``pathsum[symbolic]``).

    Examples
    --------
    >>> from pathsum import loads
    >>> from pathsum.compiled import compile_graph
    >>> g = loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n")
    >>> sorted(formula_labels(g, compile_graph(g)).values())
    ['∂c/∂a = 1', '∂c/∂b = 1', '∂d/∂b = 1', '∂e/∂c = d', '∂e/∂d = c']
    """
    names = cg.names
    labels: dict[int, str] = {}
    derivatives: dict[str, dict[str, str]] = {}
    if graph.values is not None:
        symbolic = Symbolic(asked_by="--formulas")
        for name in names:
            text = graph.network.nodes[name].get("formula")
            if text is None:
                continue
            formula = parse_formula(text)
            env = {used: symbolic.symbol(used) for used in formula.names}
            _value, partials = formula.evaluate(env, symbolic)
            derivatives[name] = {used: str(d) for used, d in partials.items()}
    for e in range(cg.n_edges):
        u, v = names[cg.src[e]], names[cg.dst[e]]
        local = derivatives[v][u] if v in derivatives else cg.symbol[e] or show(cg.partial[e])
        labels[e] = f"∂{v}/∂{u} = {local}"
    return labels
