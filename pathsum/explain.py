"""Each derivative as its sum over named paths, and each sweep node by node, as the post shows."""

from __future__ import annotations

import operator
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from typing import Any

from . import arguments
from .analysis import Analysis
from .display import rounded, show, unlimited_digits
from .engines.path import path_products
from .errors import UsageError
from .pathnames import PathNames

__all__ = ["EXPLAIN_LIMIT", "NamedPath", "NotAnEndError", "PathSum", "Sweep", "explain",
           "factor", "lines_of", "named_paths", "narrowed", "path_sums", "sweeps"]

#: More paths than this for one derivative are counted, not listed.
EXPLAIN_LIMIT = 100

class NotAnEndError(UsageError):
    """A name in ``wrt`` (``of``), the ``argument``, is not an input (output) of the graph."""

    def __init__(self, argument: str, name: str, message: str) -> None:
        super().__init__(message)
        self.argument, self.name = argument, name

@unlimited_digits()
def explain(analysis: Analysis, limit: int = EXPLAIN_LIMIT, *,
            wrt: Collection[str] | None = None, of: Collection[str] | None = None,
            max_paths_name: str = "max_paths", digits: int | None = None) -> list[str]:
    """One line per (output, input) pair: each path by name with its product, and their sum.

    Paths are named by their nodes, ``[b→c→e]``, and between parallel edges by the edge's
    symbol or key, ``[X -α→ Y -δ→ Z]`` (:mod:`pathsum.pathnames`).

    Parameters
    ----------
    analysis : Analysis
    limit : int
        A derivative with more paths than this is counted, not listed.
    wrt, of : collections of str, optional
        Only these inputs, and only these outputs (all by default).
    max_paths_name : str
        What the reader calls the analysis's limit on paths (the CLI: ``--max-paths``).
    digits : int, optional
        Significant digits to show; by default as tables show numbers.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n"))
    >>> for line in explain(a):
    ...     print(line)
    de/da = [a→c→e] 1*2 = 2
    de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5
    """
    arguments.text(max_paths_name, "max_paths_name")
    sums = path_sums(analysis, limit, wrt=wrt, of=of, digits=digits)  # checks the rest
    return lines_of(analysis, sums, limit, max_paths_name, digits)

def lines_of(analysis: Analysis, sums: Iterable[PathSum], limit: int, max_paths_name: str,
             digits: int | None) -> list[str]:
    """:func:`explain`'s lines for sums over paths already found."""
    names = analysis.compiled.names
    symbolic = analysis.graph.arith == "symbolic"
    lines = []
    for s in sums:
        y, x = s.output, s.input
        head = f"d{names[y]}/d{names[x]}"
        if s.count == 0:
            lines.append(f"{head} = 0 (no path from {names[x]} to {names[y]})")
        elif s.paths is None:
            lines.append(f"{head}: {s.count} paths, " + (
                f"not listed (the graph has {analysis.total_paths} paths, more than "
                f"{max_paths_name} {analysis.max_paths})" if s.unlisted == "max_paths" else
                f"too many to list (the limit is {limit})"))
        else:
            parts = [" + ".join(f"[{p.name}] {p.term}" for p in s.paths)]
            if any(p.term != p.numeric for p in s.paths):
                parts.append(" + ".join(p.numeric for p in s.paths))
            if symbolic:  # the engines' own forms: expanded for path, factored for sweeps
                lines.append(f"{head} = {parts[0]}")
                forms: dict[str, list[str]] = {}  # each distinct form: the engines giving it
                for engine, result in analysis.results.items():
                    if result.jacobian is not None:
                        at = _number(result.jacobian[y][x], digits)
                        forms.setdefault(at, []).append(engine)
                lines += [f"{' ' * len(head)} = {form}   ({', '.join(engines)})"
                          for form, engines in forms.items()]
            else:
                parts.append(_number(s.value, digits))
                # "= 5 = 5" says nothing twice: a part equal to the one before it is dropped
                lines.append(f"{head} = " + " = ".join(part for part, _ in groupby(parts)))
    if symbolic and lines:
        lines.append("operations: " + "; ".join(
            f"{name} {r.mul} mul, {r.add} add" for name, r in analysis.results.items()))
    return lines

@dataclass
class NamedPath:
    """One path of a sum: name, edge ids, product as written (``α*δ``), in numbers, value."""

    name: str
    edges: list[int]
    term: str
    numeric: str
    value: Any

def named_paths(analysis: Analysis, x: int, y: int, namer: PathNames | None = None,
                digits: int | None = None) -> list[NamedPath]:
    """Every path from input ``x`` to output ``y``, named (all of them: count them first)."""
    cg = analysis.compiled
    namer = namer or PathNames(cg)
    partial, symbol = cg.partial, cg.symbol
    return [NamedPath(namer.name(trail), list(trail),
                      "*".join(symbol[e] or factor(partial[e], digits) for e in trail),
                      "*".join(factor(partial[e], digits) for e in trail), value)
            for _, trail, value in path_products(cg, y, [x])]

@dataclass
class PathSum:
    """One derivative's sum over paths; ``paths`` None when counted, ``unlisted`` saying why."""

    output: int
    input: int
    count: int
    paths: list[NamedPath] | None
    unlisted: str | None = None

    @property
    def value(self) -> Any:
        """The sum of the products (0 for no path); None when the paths are not listed."""
        if self.paths is None:
            return None
        return reduce(operator.add, (p.value for p in self.paths)) if self.paths else 0

def path_sums(analysis: Analysis, limit: int = EXPLAIN_LIMIT, *,
              wrt: Collection[str] | None = None, of: Collection[str] | None = None,
              digits: int | None = None) -> Iterator[PathSum]:
    """Each (output, input) pair's sum over its named paths, or only counted past a limit."""
    limit = arguments.whole(limit, "limit")
    digits = arguments.whole(digits, "digits", none="as tables show", minimum=1,
                             least="at least 1")
    inputs, outputs = narrowed(analysis, wrt, of)
    over = analysis.max_paths is not None and analysis.total_paths > analysis.max_paths
    namer = PathNames(analysis.compiled)

    def found(y: int, x: int, count: int) -> PathSum:
        if count and over:
            return PathSum(y, x, count, None, "max_paths")
        if count > limit:
            return PathSum(y, x, count, None, "limit")
        return PathSum(y, x, count, named_paths(analysis, x, y, namer, digits) if count else [])

    return (found(y, x, analysis.counts.paths[y][x]) for y in outputs for x in inputs)

@dataclass
class Sweep:
    """One sweep node by node (the post's "forward from b"): rows of (node, value)."""

    title: str
    heading: str
    rows: list[tuple[str, Any]]

def sweeps(analysis: Analysis, *, wrt: Collection[str] | None = None,
           of: Collection[str] | None = None) -> list[Sweep]:
    """The forward sweeps from ``wrt`` and reverse sweeps from ``of`` that ran ``per_node``."""
    inputs, outputs = narrowed(analysis, wrt, of)
    names = analysis.compiled.names
    tangents, adjoints = analysis.tangents(), analysis.adjoints()
    found = [Sweep(f"forward from {names[x]}", f"d·/d{names[x]}",
                   list(tangents[names[x]].items()))
             for x in inputs if tangents is not None and (wrt or not of)]
    return found + [Sweep(f"reverse from {names[y]}", f"d{names[y]}/d·",
                          list(adjoints[names[y]].items()))
                    for y in outputs if adjoints is not None and (of or not wrt)]

def narrowed(analysis: Analysis, wrt: Collection[str] | None,
             of: Collection[str] | None) -> tuple[list[int], list[int]]:
    """Input and output ids, narrowed to those named (NotAnEndError for any other name)."""
    arguments.instance(analysis, Analysis, "analysis", "an Analysis (from pathsum.analyze)")
    wrt, of = arguments.names(wrt, "wrt", optional=True), arguments.names(of, "of", optional=True)
    cg = analysis.compiled
    return (_pick(cg.names, cg.inputs, wrt, "wrt", "input"),
            _pick(cg.names, cg.outputs, of, "of", "output"))

def _pick(names: list[str], ids: list[int], wanted: Collection[str] | None, argument: str,
          what: str) -> list[int]:
    if not wanted:
        return ids
    known = {names[i]: i for i in ids}
    for name in wanted:
        if name not in known:
            raise NotAnEndError(argument, name, f"{name}: not an {what} of this graph "
                                                f"({what}s: {', '.join(known)})")
    return [known[name] for name in dict.fromkeys(wanted)]

def _number(value: object, digits: int | None) -> str:
    """``value`` as tables show it, or to ``digits`` significant digits."""
    return show(value) if digits is None else rounded(value, digits)

def factor(value: object, digits: int | None = None) -> str:
    """``value`` as a factor: negatives and sums in parentheses, ``1*(-2)``, ``1*(b + 1)``."""
    text = _number(value, digits)
    return f"({text})" if text.startswith("-") or " " in text else text
