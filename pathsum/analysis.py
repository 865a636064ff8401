"""Run the engines, compare their Jacobians, build the JSON record (DESIGN §5) and its fields."""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Real
from typing import Any, NamedTuple

from . import arguments, backend
from .arith import equal_at_random_points
from .compiled import CompiledGraph, compile_graph
from .counting import PathCounts, count_paths
from .display import exact_text
from .engines import ORDERED, EngineOptions, EngineResult, check_max_paths, check_request, prepare
from .errors import NotFiniteError, NotRunError, TooLargeError
from .graph import Graph
from .loader import load

__all__ = ["DEFAULT_ENGINES", "DEFAULT_MAX_PATHS", "ENGINE_FIELDS", "FIELDS", "VIEWS", "Analysis",
           "EngineField", "agree", "analyze", "engine_cells", "engine_entry", "flat_fields",
           "view_keys", "view_values"]

DEFAULT_ENGINES: tuple[str, ...] = ("path", "forward", "reverse")
DEFAULT_MAX_PATHS = 1_000_000
#: Two float entries agree within this relative tolerance (DESIGN §4).
TOLERANCE = 1e-9

class Disagreement(NamedTuple):
    """One Jacobian entry on which the engines differ."""
    output: str
    input: str
    values: dict[str, Any]

@dataclass
class Analysis:
    """The outcome of :func:`analyze`; :meth:`to_dict` is the JSON record of DESIGN §5."""

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

    def _named(self, rows: Mapping[int, Mapping[int, Any]]) -> dict[str, dict[str, Any]]:
        names = self.compiled.names
        return {names[y]: {names[x]: v for x, v in row.items()} for y, row in rows.items()}

    def paths(self) -> dict[str, dict[str, int]]:
        """Exact path counts keyed output name -> input name."""
        return self._named(self.counts.paths)

    def jacobian(self, engine: str) -> dict[str, dict[str, Any]] | None:
        """An engine's Jacobian keyed output name -> input name; None if it ran without one
        (the path engine over ``max_paths``); a :class:`NotRunError` if it did not run."""
        if not isinstance(engine, str) or engine not in self.results:
            raise NotRunError(f"engine must be one that ran ({', '.join(self.results)}), "
                              f"not {arguments.shown(engine)}")
        jac = self.results[engine].jacobian
        return None if jac is None else self._named(jac)

    def tangents(self) -> dict[str, dict[str, Any]] | None:
        """``{input: {node: d node / d input}}`` if forward ran with ``per_node`` (DESIGN §8)."""
        return self._per_node("forward")

    def adjoints(self) -> dict[str, dict[str, Any]] | None:
        """``{output: {node: d output / d node}}`` if reverse ran with ``per_node``."""
        return self._per_node("reverse")

    def _per_node(self, engine: str) -> dict[str, dict[str, Any]] | None:
        kept = getattr(self.results.get(engine), "per_node", None)
        return None if kept is None else \
            self._named({seed: dict(enumerate(values)) for seed, values in kept.items()})

    def _repr_html_(self) -> str:
        """In a notebook: the tables ``pathsum analyze`` prints, as HTML."""
        from .reports.table import analysis_html  # the reports layer, imported only when shown

        return analysis_html(self)

    def plain(self, value: Any) -> Any:
        """A number as the record writes it: a float in float arithmetic, else its text (DESIGN §8)."""
        if self.graph.arith == "float" and isinstance(value, Real):
            with contextlib.suppress(OverflowError):
                return float(value)
        return exact_text(value)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of DESIGN §5."""
        g, plain = self.graph, self.plain
        record: dict[str, Any] = {
            "graph": g.name, "source": g.source,
            "nodes": self.compiled.n_nodes, "edges": self.compiled.n_edges,
            "inputs": list(g.inputs), "outputs": list(g.outputs),
            "values": None if g.values is None else {n: plain(g.values[n]) for n in g.order},
            "paths": self.paths(), "total_paths": self.total_paths,
            "engines": {name: engine_entry(self, name, plain) for name in self.results},
            "agree": self.agree}
        if g.arith != "float":  # a float record stays exactly as DESIGN §5 shows it
            record["arith"] = g.arith
        return record

def analyze(graph: Graph | str | os.PathLike[str] | Mapping[str, Any],
            engines: Iterable[str] = DEFAULT_ENGINES, max_paths: int | None = DEFAULT_MAX_PATHS,
            *, progress: Callable[[str], None] | None = None, per_node: bool = False,
            options: EngineOptions | None = None, arith: str = "float") -> Analysis:
    """Count paths, run the engines and check that they agree (usage errors come first).

    Parameters
    ----------
    graph : Graph, path or mapping
        A loaded :class:`Graph`, or anything :func:`pathsum.load` accepts (in ``arith``).
    engines : iterable of str
        Names from :data:`pathsum.engines.ENGINES`; some need ``options`` (EngineOptions).
    max_paths : int or None
        Above this many paths the path engine derives its counts instead of enumerating.
    progress, per_node : callable, bool
        Called with a label before each step; keep every node's value from the sweeps.

    Examples
    --------
    >>> from pathsum import loads
    >>> result = analyze(loads("inputs: [X]\\nedges: [[X, Y, 2], [X, Y, 3], [Y, Z, 5]]\\n"))
    >>> result.total_paths, result.jacobian("path"), result.agree
    (2, {'Z': {'X': 25.0}}, True)
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
    backend.prepare(cg, counts)  # the float routes' arrays, off the engines' clocks
    enumerated = max_paths is None or counts.total <= max_paths
    results: dict[str, EngineResult] = {}
    try:
        for name in engines:
            step(name)
            if name == "path" and not enumerated:
                results[name] = EngineResult("path", None, counts.path_engine_mul,
                                             counts.path_engine_add, enumerated=False)
                continue
            start = time.perf_counter()
            sweep = per_node and name in ("forward", "reverse")  # they keep every node's value
            result = runs[name](cg, per_node=True) if sweep else \
                runs[name](cg, counts=counts) if name == "path" else runs[name](cg)
            result.seconds = time.perf_counter() - start
            for y, row in (result.jacobian or {}).items():  # finite partials, overflowed sums
                for x, d in row.items():
                    if isinstance(d, float) and not math.isfinite(d):
                        raise NotFiniteError(
                            f"d{cg.names[y]}/d{cg.names[x]} is not finite ({d}) in the "
                            f"{result.engine} engine: the sum over paths overflows a float",
                            source=graph.source)
            if graph.arith == "symbolic":
                _symbolic_forms(result)
            results[name] = result
        analysis = Analysis(graph, cg, counts, results, max_paths=max_paths)
        analysis.disagreements = _disagreements(analysis)
    except RecursionError:  # sympy recurses on an expression's depth (arith bounds it)
        raise TooLargeError("an expression is nested too deeply for --arith symbolic; "
                            "try --arith float", source=graph.source) from None
    return analysis

def _symbolic_forms(result: EngineResult) -> None:
    """The path engine's entries expanded, the others' factored (DESIGN §8)."""
    form = "expand" if result.engine == "path" else "factor"

    def shown(value: Any) -> Any:
        return getattr(value, form)() if hasattr(value, "free_symbols") else value

    if result.jacobian is not None:
        result.jacobian = {y: {x: shown(d) for x, d in row.items()}
                           for y, row in result.jacobian.items()}
    if result.per_node is not None:
        result.per_node = {s: [shown(v) for v in row] for s, row in result.per_node.items()}

def _disagreements(analysis: Analysis) -> list[Disagreement]:
    """Every Jacobian entry on which two engines that ran do not :func:`agree`."""
    ran = {n: r.jacobian for n, r in analysis.results.items() if r.jacobian is not None}
    if len(ran) < 2:
        return []
    names = analysis.compiled.names
    scale = max([0.0, *(_magnitude(d) for jac in ran.values() for row in jac.values()
                        for d in row.values() if isinstance(d, Real))])
    found = []
    for y, row in next(iter(ran.values())).items():
        for x in row:
            values = {n: jac[y][x] for n, jac in ran.items()}
            first, *others = values.values()
            if not all(agree(first, v, scale) for v in others):
                found.append(Disagreement(names[y], names[x], values))
    return found

def agree(a: Any, b: Any, scale: float = 0.0) -> bool:
    """Whether two Jacobian entries agree (DESIGN §4, §8): floats within 1e-9 times the larger of
    their magnitudes and ``scale``, exact values equal, symbolic ones proven or sampled equal."""
    if a == b:
        return True
    if hasattr(a, "free_symbols") or hasattr(b, "free_symbols"):  # sympy, imported by the loader
        difference = a - b
        return difference.expand() == 0 or difference.simplify() == 0 or \
            equal_at_random_points(a, b)
    if not (isinstance(a, float) or isinstance(b, float)) or \
            not all(isinstance(v, Real) for v in (a, b)):
        return False  # unequal exact values, or a float and something not a number
    # As fractions: an exact entry beyond the float range must not overflow to a float.
    fa, fb = Fraction(a), Fraction(b)
    return abs(fa - fb) <= Fraction(TOLERANCE) * max(abs(fa), abs(fb), Fraction(scale))

def _magnitude(value: Real) -> float:
    """``abs(float(value))``, or the largest float for an exact value beyond its range."""
    try:
        return abs(float(value))
    except OverflowError:
        return sys.float_info.max

Plain = Callable[[Any], Any]  # a number of the graph's arithmetic into its JSON form
Reader = Callable[["Analysis", str, Plain], Any]

@dataclass(frozen=True)
class EngineField:
    """One field: key, reader, kept as None, engines with a column per graph, CSV form, heading."""

    key: str
    read: Reader
    always: bool = False
    engines: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()
    flat: Callable[[Any], Any] | None = None
    heading: str = ""

    def carried_by(self, engine: str) -> bool:
        """Whether a row per graph has a column ``{engine}_{key}``."""
        return engine not in self.excluded and (self.engines is None or engine in self.engines)

    def column(self, engine: str) -> str:
        """``{engine}_{key}``, but ``path_edges`` is not prefixed twice."""
        return self.key if self.key.startswith(f"{engine}_") else f"{engine}_{self.key}"

    def cell(self, value: Any) -> Any:
        """Its value in a flat row."""
        return value if self.flat is None or value is None else self.flat(value)

def _result(attribute: str) -> Reader:
    return lambda analysis, engine, plain: getattr(analysis.results[engine], attribute)

def _rows(kept: dict[str, dict[str, Any]] | None, plain: Plain) -> Any:
    """A mapping of rows (a Jacobian, or the values kept per seed) with its numbers plain."""
    return None if kept is None else \
        {key: {v: plain(d) for v, d in row.items()} for key, row in kept.items()}

def _added(analysis: Analysis, engine: str, plain: Plain) -> None:
    return None  # added to the record by pathsum.comparison

_PATH = frozenset({"path"})
_PROVEN = frozenset({"eliminate-search", "eliminate-optimal", "eliminate-edge-search"})

#: Every field of an engine's entry, in the record's order.
ENGINE_FIELDS: tuple[EngineField, ...] = (
    EngineField("jacobian", lambda a, e, plain: _rows(a.jacobian(e), plain), always=True),
    EngineField("mul", _result("mul"), always=True, heading="mul"),
    EngineField("add", _result("add"), always=True, heading="add"),
    EngineField("enumerated", _result("enumerated"), engines=_PATH),
    EngineField("sweeps", _result("sweeps"), excluded=_PATH | _PROVEN, heading="sweeps"),
    # The values a sweep kept on every node (DESIGN §8), in that sweep's entry only:
    EngineField("tangents", lambda a, e, plain: _rows(a.tangents(), plain)
                if e == "forward" else None),
    EngineField("adjoints", lambda a, e, plain: _rows(a.adjoints(), plain)
                if e == "reverse" else None),
    EngineField("order", lambda a, e, plain: a.results[e].order_names(a.compiled.names),
                engines=frozenset(ORDERED), flat=" ".join, heading="elimination order"),
    EngineField("optimal", _result("optimal"), engines=_PROVEN),
    EngineField("bound", _result("bound"), engines=frozenset({"eliminate-search"})),
    EngineField("bracketing", _result("bracketing")),
    EngineField("seconds", _result("seconds"), always=True, heading="seconds"),
    EngineField("setup_seconds", _result("setup_seconds"), always=True),
    EngineField("path_edges", _added, engines=_PATH),
    EngineField("estimated_seconds", _added, engines=_PATH),
    EngineField("path_edges_per_second", _added, engines=_PATH),
)

FIELDS: dict[str, EngineField] = {f.key: f for f in ENGINE_FIELDS}

#: The fields each output shows, in column order: ``derivative`` (``analyze --format csv``,
#: every engine field per derivative), ``compare`` and ``batch`` (``{engine}_{key}`` columns
#: per graph), ``table`` (``analyze``'s costs) and ``notebook``.
VIEWS: dict[str, tuple[str, ...]] = {
    "derivative": ("mul", "add", "sweeps", "enumerated", "seconds", "order", "optimal"),
    "compare": ("mul", "add", "seconds", "enumerated", "path_edges", "estimated_seconds",
                "optimal", "sweeps"),
    "batch": ("mul", "add", "seconds", "enumerated", "order", "optimal"),
    "table": ("mul", "add", "sweeps", "seconds", "order"),
    "notebook": ("mul", "add", "sweeps"),
}

def view_keys(view: str, engine: str | None = None) -> list[str]:
    """The keys a view shows, in order; with ``engine``, those its row per graph carries."""
    keys = VIEWS[view]
    return list(keys) if engine is None else [k for k in keys if FIELDS[k].carried_by(engine)]

def engine_entry(analysis: Analysis, engine: str, plain: Plain) -> dict[str, Any]:
    """An engine's entry in the record: every field it has, in :data:`ENGINE_FIELDS` order."""
    read = ((field, field.read(analysis, engine, plain)) for field in ENGINE_FIELDS)
    return {field.key: value for field, value in read if value is not None or field.always}

def view_values(analysis: Analysis, engine: str, view: str) -> dict[str, Any]:
    """The fields a view shows of one engine, numbers as the analysis holds them (tables)."""
    return {key: FIELDS[key].read(analysis, engine, lambda v: v) for key in view_keys(view)}

def flat_fields(entry: Mapping[str, Any], view: str, engine: str | None = None
                ) -> dict[str, Any]:
    """The fields of one entry a view shows (those ``engine`` carries, if given) as cells."""
    return {key: FIELDS[key].cell(entry.get(key)) for key in view_keys(view, engine)}

def engine_cells(entries: Mapping[str, Mapping[str, Any]], engines: Iterable[str], view: str
                 ) -> dict[str, Any]:
    """A row per graph's cells by column; an engine without an entry gives None cells."""
    return {FIELDS[key].column(engine): value for engine in engines
            for key, value in flat_fields(entries.get(engine) or {}, view, engine).items()}
