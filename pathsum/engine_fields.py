"""The fields of an engine's entry in the JSON record (DESIGN §5), listed once: the record,
the CSV rows of ``analyze``, ``compare`` and ``batch`` and the tables all read this list."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .engines import ORDERED

if TYPE_CHECKING:
    from .analysis import Analysis

__all__ = ["ENGINE_FIELDS", "FIELDS", "VIEWS", "EngineField", "engine_cells", "engine_entry",
           "flat_fields", "view_keys", "view_values"]

#: Turns a number of the graph's arithmetic into its JSON form.
Plain = Callable[[Any], Any]
#: What a field reads: the analysis, the engine's name and the JSON form of numbers.
Reader = Callable[["Analysis", str, Plain], Any]

@dataclass(frozen=True)
class EngineField:
    """One field: its key, its reader, whether the entry keeps it as None, the engines whose rows
    per graph have a column for it, its CSV form and table heading."""

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

#: The fields by key.
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
