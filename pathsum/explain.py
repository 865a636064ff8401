"""Each derivative written out as its sum over paths, in the post's style."""

from __future__ import annotations

from .analysis import Analysis
from .engines.path import iter_paths, reaching
from .numbers import show

__all__ = ["EXPLAIN_LIMIT", "explain"]

#: More paths than this for one derivative are counted, not listed.
EXPLAIN_LIMIT = 100


def explain(analysis: Analysis, limit: int = EXPLAIN_LIMIT) -> list[str]:
    """One line per (output, input) pair: the path products and their sum.

    Examples
    --------
    >>> from pathsum.analysis import analyze
    >>> a = analyze("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n")
    >>> for line in explain(a):
    ...     print(line)
    de/da = 1*2 = 2
    de/db = 1*2 + 1*3 = 5
    """
    cg = analysis.compiled
    names, partial, symbol = cg.names, cg.partial, cg.symbol
    total_paths, max_paths = analysis.total_paths, analysis.max_paths
    over = max_paths is not None and total_paths > max_paths
    lines = []
    for y in cg.outputs:
        reach = reaching(cg, y)
        for x in cg.inputs:
            head = f"d{names[y]}/d{names[x]}"
            count = analysis.counts.paths[y][x]
            if count == 0:
                lines.append(f"{head} = 0 (no path from {names[x]} to {names[y]})")
                continue
            if over:
                lines.append(f"{head}: {count} paths, not listed (the graph has {total_paths} "
                             f"paths, more than --max-paths {max_paths})")
                continue
            if count > limit:
                lines.append(f"{head}: {count} paths, too many to list (the limit is {limit})")
                continue
            numeric, named, total = [], [], None
            for trail in iter_paths(cg, x, y, reach):
                product = partial[trail[0]]
                for e in trail[1:]:
                    product = product * partial[e]
                total = product if total is None else total + product
                numeric.append("*".join(_factor(partial[e]) for e in trail))
                named.append("*".join(symbol[e] or _factor(partial[e]) for e in trail))
            parts = [" + ".join(named)] if named != numeric else []
            parts += [" + ".join(numeric), show(total)]
            lines.append(f"{head} = " + " = ".join(parts))
    return lines


def _factor(value: object) -> str:
    """A partial as a factor: negative numbers in parentheses, so ``1*(-2)`` reads right."""
    text = show(value)
    return f"({text})" if text.startswith("-") else text
