"""Run the engines on a graph, compare their Jacobians, and build the JSON record (DESIGN §5)."""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Real
from typing import Any

from . import arguments
from .arith import equal_at_random_points
from .compiled import CompiledGraph, compile_graph
from .counting import PathCounts, count_paths
from .display import exact_text
from .engine_fields import engine_entry
from .engines import EngineOptions, EngineResult, check_max_paths, check_request, prepare
from .engines.warm import warm_up
from .errors import NotFiniteError, NotRunError, TooLargeError
from .graph import Graph
from .loader import load

__all__ = ["DEFAULT_ENGINES", "DEFAULT_MAX_PATHS", "Analysis", "agree", "analyze"]

DEFAULT_ENGINES: tuple[str, ...] = ("path", "forward", "reverse")
DEFAULT_MAX_PATHS = 1_000_000
#: The engines that can keep every node's value (``per_node``); the record's keys for those
#: values (``tangents``, ``adjoints``) are in :data:`pathsum.engine_fields.ENGINE_FIELDS`.
SWEEPS: frozenset[str] = frozenset({"forward", "reverse"})
#: Two float entries agree within this relative tolerance (DESIGN §4).
TOLERANCE = 1e-9


@dataclass
class Disagreement:
    """One Jacobian entry on which the engines differ."""

    output: str
    input: str
    values: dict[str, Any]


@dataclass
class Analysis:
    """The outcome of :func:`analyze`: path counts, one result per engine, and agreement.

    Use :meth:`to_dict` for the JSON record of DESIGN §5.
    """

    graph: Graph
    compiled: CompiledGraph
    counts: PathCounts
    results: dict[str, EngineResult]
    disagreements: list[Disagreement] = field(default_factory=list)
    max_paths: int | None = DEFAULT_MAX_PATHS

    @property
    def agree(self) -> bool:
        """True when every pair of engines agrees on every Jacobian entry."""
        return not self.disagreements

    @property
    def total_paths(self) -> int:
        """Every input-to-output path of the graph, exact."""
        return self.counts.total

    def paths(self) -> dict[str, dict[str, int]]:
        """Exact path counts keyed output name -> input name."""
        names = self.compiled.names
        return {names[y]: {names[x]: p for x, p in row.items()} for y, row in
                self.counts.paths.items()}

    def jacobian(self, engine: str) -> dict[str, dict[str, Any]] | None:
        """An engine's Jacobian keyed output name -> input name; None if the engine ran
        without one (the path engine over ``max_paths``).

        Raises
        ------
        NotRunError
            If ``engine`` did not run in this analysis (it is also a ``KeyError``).

        Examples
        --------
        >>> from pathsum import loads
        >>> analyze(loads("inputs: [x]\\nedges: [[x, y, 2]]\\n"), ["reverse"]).jacobian("path")
        Traceback (most recent call last):
        ...
        pathsum.errors.NotRunError: engine must be one that ran (reverse), not str ('path')
        """
        if not isinstance(engine, str) or engine not in self.results:
            raise NotRunError(f"engine must be one that ran ({', '.join(self.results)}), "
                              f"not {arguments.shown(engine)}")
        jac = self.results[engine].jacobian
        if jac is None:
            return None
        names = self.compiled.names
        return {names[y]: {names[x]: d for x, d in row.items()} for y, row in jac.items()}

    def tangents(self) -> dict[str, dict[str, Any]] | None:
        """``{input: {node: d node / d input}}`` from the forward sweeps (DESIGN §8), or None
        unless the forward engine ran with ``per_node``.

        Examples
        --------
        >>> from pathsum import loads
        >>> a = analyze(loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n"),
        ...             per_node=True)
        >>> a.tangents()["b"]
        {'a': 0.0, 'b': 1.0, 'c': 1.0, 'd': 1.0, 'e': 5.0}
        >>> a.adjoints()["e"]
        {'a': 2.0, 'b': 5.0, 'c': 2.0, 'd': 3.0, 'e': 1.0}
        """
        return self._per_node("forward")

    def adjoints(self) -> dict[str, dict[str, Any]] | None:
        """``{output: {node: d output / d node}}`` from the reverse sweeps, or None unless
        the reverse engine ran with ``per_node``."""
        return self._per_node("reverse")

    def _per_node(self, engine: str) -> dict[str, dict[str, Any]] | None:
        result = self.results.get(engine)
        if result is None or result.per_node is None:
            return None
        names = self.compiled.names
        return {names[seed]: dict(zip(names, values, strict=True))
                for seed, values in result.per_node.items()}

    def _repr_html_(self) -> str:
        """In a notebook: the tables ``pathsum analyze`` prints, as HTML."""
        from .reports.html import analysis_html  # the reports layer, imported only when shown

        return analysis_html(self)

    def plain(self, value: Any) -> Any:
        """A number of this analysis's arithmetic as its JSON record writes it: a float
        number in float arithmetic, text in exact and symbolic (DESIGN §8).

        Examples
        --------
        >>> from pathsum import loads
        >>> one = "inputs: [x]\\nedges: [[x, y, 2]]\\n"
        >>> analyze(loads(one)).plain(90), analyze(loads(one, arith="exact")).plain(90)
        (90.0, '90')
        """
        return _plain(value) if self.graph.arith == "float" else exact_text(value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of DESIGN §5.

        Examples
        --------
        >>> from pathsum import loads
        >>> olah = loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n")
        >>> rec = analyze(olah).to_dict()
        >>> rec["paths"], rec["engines"]["reverse"]["jacobian"], rec["agree"]
        ({'e': {'a': 1, 'b': 2}}, {'e': {'a': 2.0, 'b': 5.0}}, True)
        """
        g = self.graph
        plain = self.plain
        engines = {name: engine_entry(self, name, plain) for name in self.results}
        record: dict[str, Any] = {
            "graph": g.name,
            "source": g.source,
            "nodes": self.compiled.n_nodes,
            "edges": self.compiled.n_edges,
            "inputs": list(g.inputs),
            "outputs": list(g.outputs),
            "values": None if g.values is None else {n: plain(g.values[n]) for n in g.order},
            "paths": self.paths(),
            "total_paths": self.total_paths,
            "engines": engines,
            "agree": self.agree,
        }
        if g.arith != "float":  # a float record stays exactly as DESIGN §5 shows it
            record["arith"] = g.arith
        return record


def _plain(value: Any) -> Any:
    """A Jacobian entry or value of a float graph for JSON: a real number as a float (ints
    and the exact partials of :func:`pathsum.from_edges` too, as DESIGN §5 shows floats); one
    too large for a float, or a symbolic one, as its text."""
    if isinstance(value, Real):
        try:
            return float(value)
        except OverflowError:  # an exact value beyond the float range stays exact, as text
            return exact_text(value)
    return exact_text(value)


def analyze(
    graph: Graph | str | os.PathLike[str] | Mapping[str, Any],
    engines: Iterable[str] = DEFAULT_ENGINES,
    max_paths: int | None = DEFAULT_MAX_PATHS,
    *,
    progress: Callable[[str], None] | None = None,
    per_node: bool = False,
    options: EngineOptions | None = None,
    arith: str = "float",
) -> Analysis:
    """Count paths, run the engines and check that they agree.

    Parameters
    ----------
    graph : Graph, path or mapping
        A loaded :class:`Graph` (from :func:`pathsum.load` or :func:`pathsum.loads`), or
        anything :func:`pathsum.load` accepts: a file path or a parsed mapping.
    engines : iterable of str
        Names from :data:`pathsum.engines.ENGINES`: ``path``, ``forward``, ``reverse`` (the
        default) and the ``eliminate-*`` orders. Repeated names run once.
    max_paths : int or None
        The path engine does not enumerate when the graph has more paths than this; its
        ``mul``/``add`` are then derived from the exact counts and ``enumerated`` is False.
        None means no limit.
    progress : callable, optional
        Called with a short label before each step, for progress displays.
    per_node : bool
        Keep every node's value from the forward and reverse sweeps (DESIGN §8): see
        :meth:`Analysis.tangents` and :meth:`Analysis.adjoints`.
    options : EngineOptions, optional
        What some engines need beyond the graph: the order for ``eliminate-given``.
    arith : {"float", "exact", "symbolic"}
        The arithmetic to load ``graph`` in (:func:`pathsum.load`); a loaded
        :class:`Graph` keeps its own.

    Returns
    -------
    Analysis

    Raises
    ------
    UsageError
        For an unknown engine or a negative ``max_paths``, before any work.

    Examples
    --------
    >>> from pathsum import loads
    >>> result = analyze(loads("inputs: [X]\\nedges: [[X, Y, 2], [X, Y, 3], [Y, Z, 5]]\\n"))
    >>> result.total_paths, result.jacobian("path"), result.agree
    (2, {'Z': {'X': 25.0}}, True)
    >>> r = result.results["reverse"]
    >>> r.mul, r.add, r.sweeps
    (2, 1, 1)
    """
    engines = check_request(engines, max_paths, options)
    max_paths = check_max_paths(max_paths)
    per_node = arguments.flag(per_node, "per_node")
    step = arguments.function(progress, "progress", optional=True) or (lambda _label: None)
    arguments.text(arith, "arith")
    if not isinstance(graph, Graph):
        step("load")
        graph = load(graph, arith=arith)
    step("compile")
    cg = compile_graph(graph)
    runs = {name: prepare(name, cg, options) for name in engines}  # refusals before any work
    step("count paths")
    counts = count_paths(cg)
    try:
        return _run(graph, cg, runs, counts, engines, max_paths, step, per_node)
    except RecursionError:  # sympy recurses on an expression's depth (arith bounds it)
        raise TooLargeError("an expression is nested too deeply for --arith symbolic; "
                            "try --arith float", source=graph.source) from None


def _run(graph: Graph, cg: CompiledGraph, runs: dict[str, Any], counts: PathCounts,
         engines: list[str], max_paths: int | None, step: Callable[[str], None],
         per_node: bool) -> Analysis:
    """The engines' runs and their comparison, for :func:`analyze`."""
    results: dict[str, EngineResult] = {}
    enumerated = max_paths is None or counts.total <= max_paths
    warm_up(cg, [name for name in engines if name != "path" or enumerated],
            counts.path_edges)  # imports and first calls, off the clock (DESIGN §8)
    for name in engines:
        step(name)
        if name == "path" and not enumerated:
            results[name] = EngineResult("path", None, counts.path_engine_mul,
                                         counts.path_engine_add, enumerated=False)
            continue
        # A fresh view: the engine's figure includes its own setup and nobody else's.
        view = cg.fresh()
        start = time.perf_counter()
        result = runs[name](view, per_node=True) if per_node and name in SWEEPS else \
            runs[name](view)
        result.seconds = time.perf_counter() - start
        _check_finite(result, cg, graph)
        if graph.arith == "symbolic":
            _symbolic_forms(result)
        results[name] = result
    analysis = Analysis(graph, cg, counts, results, max_paths=max_paths)
    analysis.disagreements = compare(analysis)
    return analysis


def _symbolic_forms(result: EngineResult) -> None:
    """The path engine's entries as the expanded sum of its products, the other engines'
    in factored form (DESIGN §8): ``(α + β + γ)*(δ + ε + ζ)`` is what the sweeps save."""
    form = "expand" if result.engine == "path" else "factor"

    def shown(value: Any) -> Any:
        return getattr(value, form)() if hasattr(value, "free_symbols") else value

    if result.jacobian is not None:
        result.jacobian = {y: {x: shown(d) for x, d in row.items()}
                           for y, row in result.jacobian.items()}
    if result.per_node is not None:
        result.per_node = {s: [shown(v) for v in row] for s, row in result.per_node.items()}


def _check_finite(result: EngineResult, cg: CompiledGraph, graph: Graph) -> None:
    """Finite partials can still multiply past the largest float; say so, naming the entry."""
    if result.jacobian is None:
        return
    for y, row in result.jacobian.items():
        for x, d in row.items():
            if isinstance(d, float) and not math.isfinite(d):
                raise NotFiniteError(
                    f"d{cg.names[y]}/d{cg.names[x]} is not finite ({d}) in the {result.engine} "
                    "engine: the sum over paths overflows a float",
                    source=graph.source)


def compare(analysis: Analysis) -> list[Disagreement]:
    """Every Jacobian entry on which two engines that ran do not :func:`agree`."""
    ran = {n: r.jacobian for n, r in analysis.results.items() if r.jacobian is not None}
    if len(ran) < 2:
        return []
    names = analysis.compiled.names
    scale = 0.0
    for jac in ran.values():
        for row in jac.values():
            for d in row.values():
                if isinstance(d, Real):
                    scale = max(scale, _magnitude(d))
    found = []
    first = next(iter(ran.values()))
    for y, row in first.items():
        for x in row:
            values = {n: jac[y][x] for n, jac in ran.items()}
            vs = list(values.values())
            if not all(agree(vs[0], v, scale) for v in vs[1:]):
                found.append(Disagreement(names[y], names[x], values))
    return found


def agree(a: Any, b: Any, scale: float = 0.0) -> bool:
    """Whether two Jacobian entries agree (DESIGN §4).

    Floats agree within 1e-9 times the larger of their magnitudes and ``scale`` (the
    largest magnitude in the Jacobian); exact values must be equal; symbolic ones (sympy)
    agree when their difference simplifies to 0 (DESIGN §8) or, where sympy cannot show
    that, when they are equal at every one of a few seeded random points where both are
    real numbers (:func:`pathsum.arith.equal_at_random_points`).

    Examples
    --------
    >>> agree(0.1 + 0.2, 0.3), agree(1e-17, 0.0, scale=5.0), agree(1.0, 1.001)
    (True, True, False)
    """
    if a == b:
        return True
    if hasattr(a, "free_symbols") or hasattr(b, "free_symbols"):  # sympy, imported by the loader
        difference = a - b
        return (difference.expand() == 0 or difference.simplify() == 0
                or equal_at_random_points(a, b))
    if isinstance(a, float) or isinstance(b, float):
        if not (isinstance(a, Real) and isinstance(b, Real)):
            return False
        # Exactly, as fractions: an exact entry beyond the float range (a float graph's
        # exact partials, pathsum.from_edges) must not overflow on its way to a float.
        tolerance = Fraction(TOLERANCE) * max(abs(Fraction(a)), abs(Fraction(b)),
                                              Fraction(scale))
        return abs(Fraction(a) - Fraction(b)) <= tolerance
    return a == b


def _magnitude(value: Real) -> float:
    """``abs(float(value))``, or the largest float for an exact value beyond its range.

    Examples
    --------
    >>> _magnitude(-2), _magnitude(Fraction(10) ** 400) == sys.float_info.max
    (2.0, True)
    """
    try:
        return abs(float(value))
    except OverflowError:
        return sys.float_info.max
