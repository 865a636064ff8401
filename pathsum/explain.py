"""Each derivative written out as its sum over named paths, and each sweep node by node, in
the post's style."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
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
        self.argument = argument
        self.name = name


@unlimited_digits()
def explain(analysis: Analysis, limit: int = EXPLAIN_LIMIT, *,
            wrt: Collection[str] | None = None, of: Collection[str] | None = None,
            max_paths_name: str = "max_paths", digits: int | None = None) -> list[str]:
    """One line per (output, input) pair: each path by name with its product, and their sum.

    Each path is named by its nodes, ``[b→c→e]``; a hop between two nodes that parallel
    edges join names its edge, by symbol or key: ``[X -α→ Y -δ→ Z]``
    (:mod:`pathsum.pathnames`), so no two paths share a name.

    Parameters
    ----------
    analysis : Analysis
    limit : int
        A derivative with more paths than this is counted, not listed.
    wrt, of : collections of str, optional
        Only these inputs, and only these outputs (all by default).
    max_paths_name : str
        What the limit on paths is called where the reader set it, for the lines of a
        graph with more paths than the analysis enumerated (the CLI says ``--max-paths``).
    digits : int, optional
        Show numbers to this many significant digits (the drawing's page); by default as
        tables do (:func:`~pathsum.display.show`).

    In symbolic arithmetic each engine's own form follows, with what each engine spent:

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n"))
    >>> for line in explain(a):
    ...     print(line)
    de/da = [a→c→e] 1*2 = 2
    de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5
    >>> a = analyze(loads("inputs: [a, b]\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n",
    ...                   arith="symbolic"))
    >>> for line in explain(a, wrt=["b"]):
    ...     print(line)
    de/db = [b→c→e] 1*(b + 1) + [b→d→e] 1*(a + b)
          = a + 2*b + 1   (path, forward, reverse)
    operations: path 3 mul, 1 add; forward 3 mul, 1 add; reverse 3 mul, 1 add
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
            continue
        if s.paths is None and s.unlisted == "max_paths":
            lines.append(f"{head}: {s.count} paths, not listed (the graph has "
                         f"{analysis.total_paths} paths, more than {max_paths_name} "
                         f"{analysis.max_paths})")
            continue
        if s.paths is None:
            lines.append(f"{head}: {s.count} paths, too many to list (the limit is {limit})")
            continue
        paths = s.paths
        parts = [" + ".join(f"[{p.name}] {p.term}" for p in paths)]
        if any(p.term != p.numeric for p in paths):
            parts.append(" + ".join(p.numeric for p in paths))
        if symbolic:  # the engines' own forms: expanded for path, factored for sweeps
            lines.append(f"{head} = {parts[0]}")
            lines += _forms(analysis, y, x, " " * len(head), digits)
            continue
        parts.append(_number(s.value, digits))
        lines.append(f"{head} = " + " = ".join(_dedup(parts)))
    if symbolic and lines:
        lines.append("operations: " + "; ".join(
            f"{name} {r.mul} mul, {r.add} add" for name, r in analysis.results.items()))
    return lines


@dataclass
class NamedPath:
    """One path of a derivative's sum: its name, its edges and its product."""

    #: The path's own name (:mod:`pathsum.pathnames`), e.g. ``X -α→ Y -δ→ Z``.
    name: str
    #: Edge ids, from the input to the output.
    edges: list[int]
    #: The product of its partials as written, a symbol for a named partial: ``α*δ``.
    term: str
    #: The same product with every partial as a number: ``1*4``.
    numeric: str
    #: The product's value.
    value: Any


def named_paths(analysis: Analysis, x: int, y: int, namer: PathNames | None = None,
                digits: int | None = None) -> list[NamedPath]:
    """Every path from input ``x`` to output ``y`` (ids), named, with its product; as many
    as there are, so callers check the count first.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: [X]\\nedges: [[X, Y, α], [X, Y, β], [Y, Z, 3]]\\n"
    ...                   "symbols: {α: 1, β: 2}\\n"))
    >>> for p in named_paths(a, 0, 2):
    ...     print(p.name, p.edges, p.term, p.numeric, show(p.value))
    X -α→ Y→Z [0, 2] α*3 1*3 3
    X -β→ Y→Z [1, 2] β*3 2*3 6
    """
    cg = analysis.compiled
    namer = namer or PathNames(cg)
    partial, symbol = cg.partial, cg.symbol
    return [NamedPath(namer.name(trail), list(trail),
                      "*".join(symbol[e] or factor(partial[e], digits) for e in trail),
                      "*".join(factor(partial[e], digits) for e in trail), value)
            for _, trail, value in path_products(cg, y, [x])]


@dataclass
class PathSum:
    """One derivative as its sum over paths: the paths listed, or only counted."""

    #: The output's id.
    output: int
    #: The input's id.
    input: int
    #: How many paths go from the input to the output.
    count: int
    #: The paths, named, with their products; None when they are not listed.
    paths: list[NamedPath] | None
    #: Why they are not listed: ``"max_paths"`` (the graph has more paths than the analysis
    #: enumerates) or ``"limit"`` (this derivative has more than the limit); else None.
    unlisted: str | None = None

    @property
    def value(self) -> Any:
        """The sum of the products (0 for no path); None when the paths are not listed."""
        if self.paths is None:
            return None
        total: Any = 0
        for i, p in enumerate(self.paths):
            total = p.value if i == 0 else total + p.value
        return total


def path_sums(analysis: Analysis, limit: int = EXPLAIN_LIMIT, *,
              wrt: Collection[str] | None = None, of: Collection[str] | None = None,
              digits: int | None = None) -> Iterator[PathSum]:
    """Each (output, input) pair's sum over its named paths, output by output.

    A derivative's paths are listed when the graph has no more paths than the analysis
    enumerates (``max_paths``) and the derivative has no more than ``limit``; otherwise
    only counted, and never walked, so no more than ``limit`` paths are held at a time.

    Parameters
    ----------
    analysis, limit, wrt, of, digits
        As for :func:`explain`; ``digits`` sets each path's ``term`` only.

    Raises
    ------
    NotAnEndError
        If a name in ``wrt`` or ``of`` is not an input or an output (before any is yielded).

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n"))
    >>> for s in path_sums(a, wrt=["b"]):
    ...     print(s.count, [p.name for p in s.paths], show(s.value))
    2 ['b→c→e', 'b→d→e'] 5
    >>> [(s.count, s.paths is None, s.unlisted) for s in path_sums(a, 1)]
    [(1, False, None), (2, True, 'limit')]
    """
    limit = arguments.whole(limit, "limit")
    digits = arguments.whole(digits, "digits", none="as tables show", minimum=1,
                             least="at least 1")
    inputs, outputs = narrowed(analysis, wrt, of)
    return _path_sums(analysis, limit, inputs, outputs, digits)


def _path_sums(analysis: Analysis, limit: int, inputs: list[int], outputs: list[int],
               digits: int | None) -> Iterator[PathSum]:
    max_paths = analysis.max_paths
    over = max_paths is not None and analysis.total_paths > max_paths
    namer = PathNames(analysis.compiled)
    for y in outputs:
        for x in inputs:
            count = analysis.counts.paths[y][x]
            if count and over:
                yield PathSum(y, x, count, None, "max_paths")
            elif count > limit:
                yield PathSum(y, x, count, None, "limit")
            else:
                yield PathSum(y, x, count,
                              named_paths(analysis, x, y, namer, digits) if count else [])


def _forms(analysis: Analysis, y: int, x: int, indent: str, digits: int | None) -> list[str]:
    """One line per distinct form of d y/d x among the engines, naming the engines."""
    forms: dict[str, list[str]] = {}
    for name, result in analysis.results.items():
        if result.jacobian is not None:
            forms.setdefault(_number(result.jacobian[y][x], digits), []).append(name)
    return [f"{indent} = {form}   ({', '.join(names)})" for form, names in forms.items()]


@dataclass
class Sweep:
    """One sweep, node by node: the post's "forward from b" or "reverse from e" figure."""

    title: str
    #: Column heading for the values, e.g. ``d·/db`` or ``de/d·``.
    heading: str
    #: ``(node, value)`` for every node, in topological order.
    rows: list[tuple[str, Any]]


def sweeps(analysis: Analysis, *, wrt: Collection[str] | None = None,
           of: Collection[str] | None = None) -> list[Sweep]:
    """The forward sweep from each input and the reverse sweep from each output that ran with
    ``per_node``, every node with its value.

    Naming only ``wrt`` inputs shows just their forward sweeps; naming only ``of`` outputs,
    just their reverse sweeps.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n"),
    ...             per_node=True)
    >>> for s in sweeps(a, of=["e"]):
    ...     print(s.title, s.heading, [(n, show(v)) for n, v in s.rows])
    reverse from e de/d· [('a', '2'), ('b', '5'), ('c', '2'), ('d', '3'), ('e', '1')]
    """
    inputs, outputs = narrowed(analysis, wrt, of)
    names = analysis.compiled.names
    found = []
    tangents, adjoints = analysis.tangents(), analysis.adjoints()
    if tangents is not None and (wrt or not of):
        for x in inputs:
            found.append(Sweep(f"forward from {names[x]}", f"d·/d{names[x]}",
                               list(tangents[names[x]].items())))
    if adjoints is not None and (of or not wrt):
        for y in outputs:
            found.append(Sweep(f"reverse from {names[y]}", f"d{names[y]}/d·",
                               list(adjoints[names[y]].items())))
    return found


def narrowed(analysis: Analysis, wrt: Collection[str] | None,
             of: Collection[str] | None) -> tuple[list[int], list[int]]:
    """Input and output ids, narrowed to the named ones.

    Raises
    ------
    NotAnEndError
        If a name is not an input (``wrt``) or an output (``of``) of the graph.
    InputTypeError
        If ``analysis`` is not an :class:`~pathsum.analysis.Analysis`, or ``wrt`` or ``of``
        is not a list of names (a str is refused: it would be read letter by letter).

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: {a: 2, b: 1}\\nnodes: {e: a * b}\\n"))
    >>> narrowed(a, ["b"], None)
    ([1], [2])
    >>> narrowed(a, ["e"], None)
    Traceback (most recent call last):
    ...
    pathsum.explain.NotAnEndError: e: not an input of this graph (inputs: a, b)
    """
    arguments.instance(analysis, Analysis, "analysis", "an Analysis (from pathsum.analyze)")
    cg = analysis.compiled
    return (_pick(cg.names, cg.inputs, arguments.names(wrt, "wrt", optional=True), "wrt",
                  "input"),
            _pick(cg.names, cg.outputs, arguments.names(of, "of", optional=True), "of",
                  "output"))


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


def _dedup(parts: list[str]) -> list[str]:
    """``= 5 = 5`` says nothing twice: drop a part equal to the one before it."""
    return [p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1]]


def _number(value: object, digits: int | None) -> str:
    """``value`` as tables show it, or to ``digits`` significant digits."""
    return show(value) if digits is None else rounded(value, digits)


def factor(value: object, digits: int | None = None) -> str:
    """A value as a factor of a product: negative numbers and sums in parentheses, so
    ``1*(-2)`` and ``1*(b + 1)`` read right; to ``digits`` significant digits if given.

    Examples
    --------
    >>> factor(-2.0), factor(0.25), factor(2 / 3, 4)
    ('(-2)', '0.25', '0.6667')
    """
    text = _number(value, digits)
    return f"({text})" if text.startswith("-") or " " in text else text
