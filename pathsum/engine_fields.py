"""The fields of an engine's entry in the JSON record (DESIGN §5), listed once.

Every output reads this list: the record :meth:`pathsum.Analysis.to_dict` builds, the CSV
rows of ``analyze``, ``compare`` and ``batch`` and the tables of ``analyze``. A new engine
field is one :class:`EngineField` in :data:`ENGINE_FIELDS`, and its key in the views of
:data:`VIEWS` that should show it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .engines import ORDERED

if TYPE_CHECKING:
    from .analysis import Analysis

__all__ = ["ENGINE_FIELDS", "FIELDS", "VIEWS", "EngineField", "engine_cells", "engine_entry",
           "flat_fields", "view_keys",
           "view_values"]

#: Turns a number of the graph's arithmetic into its JSON form.
Plain = Callable[[Any], Any]
#: What a field reads: the analysis, the engine's name and the JSON form of numbers.
Reader = Callable[["Analysis", str, Plain], Any]


@dataclass(frozen=True)
class EngineField:
    """One field of an engine's entry.

    Attributes
    ----------
    key : str
        Its key in the entry, and the column name (``{engine}_{key}`` in a row per graph).
    read : callable or None
        ``read(analysis, engine, plain)``: its value in the record, None when the engine
        has none. None for a field that :mod:`pathsum.comparison` adds to the record.
    always : bool
        Whether the entry carries it even when it is None (``"jacobian": null``).
    engines : frozenset of str or None
        The engines whose row per graph has a column for it; None: every engine.
    excluded : frozenset of str
        Engines whose row per graph has no column for it, even with ``engines`` None.
    flat : callable or None
        Its form in a CSV cell when that is not its JSON value.
    heading : str
        Its column heading in a table.
    """

    key: str
    read: Reader | None
    always: bool = False
    engines: frozenset[str] | None = None
    excluded: frozenset[str] = frozenset()
    flat: Callable[[Any], Any] | None = None
    heading: str = ""

    def carried_by(self, engine: str) -> bool:
        """Whether a row per graph has a column ``{engine}_{key}``.

        Examples
        --------
        >>> FIELDS["enumerated"].carried_by("path"), FIELDS["enumerated"].carried_by("reverse")
        (True, False)
        """
        return engine not in self.excluded and (self.engines is None or engine in self.engines)

    def column(self, engine: str) -> str:
        """Its column in a row per graph: ``{engine}_{key}``, but a key that already starts
        with the engine's name (``path_edges``) is not prefixed twice.

        Examples
        --------
        >>> FIELDS["mul"].column("reverse"), FIELDS["path_edges"].column("path")
        ('reverse_mul', 'path_edges')
        """
        return self.key if self.key.startswith(f"{engine}_") else f"{engine}_{self.key}"

    def cell(self, value: Any) -> Any:
        """Its value in a flat row.

        Examples
        --------
        >>> FIELDS["order"].cell(["c", "d"]), FIELDS["mul"].cell(3)
        ('c d', 3)
        """
        return value if self.flat is None or value is None else self.flat(value)


def _result(attribute: str) -> Reader:
    return lambda analysis, engine, plain: getattr(analysis.results[engine], attribute)


def _jacobian(analysis: Analysis, engine: str, plain: Plain) -> Any:
    return _rows(analysis.jacobian(engine), plain)


def _tangents(analysis: Analysis, engine: str, plain: Plain) -> Any:
    """The values the forward sweeps kept on every node (DESIGN §8)."""
    return _rows(analysis.tangents(), plain) if engine == "forward" else None


def _adjoints(analysis: Analysis, engine: str, plain: Plain) -> Any:
    """The values the reverse sweeps kept on every node (DESIGN §8)."""
    return _rows(analysis.adjoints(), plain) if engine == "reverse" else None


def _rows(kept: dict[str, dict[str, Any]] | None, plain: Plain) -> Any:
    """A mapping of rows (a Jacobian, or the values kept per seed) with its numbers plain."""
    return None if kept is None else \
        {key: {v: plain(d) for v, d in row.items()} for key, row in kept.items()}


def _order(analysis: Analysis, engine: str, plain: Plain) -> list[str] | None:
    return analysis.results[engine].order_names(analysis.compiled.names)


def _names(order: list[str]) -> str:
    """An elimination order in one field: node names, space-separated (names are
    identifiers, so a space never occurs in one)."""
    return " ".join(order)


_PATH = frozenset({"path"})
_PROVEN = frozenset({"eliminate-search", "eliminate-optimal", "eliminate-edge-search"})

#: Every field of an engine's entry, in the record's order.
ENGINE_FIELDS: tuple[EngineField, ...] = (
    EngineField("jacobian", _jacobian, always=True),
    EngineField("mul", _result("mul"), always=True, heading="mul"),
    EngineField("add", _result("add"), always=True, heading="add"),
    EngineField("enumerated", _result("enumerated"), engines=_PATH),
    EngineField("sweeps", _result("sweeps"), excluded=_PATH | _PROVEN, heading="sweeps"),
    EngineField("tangents", _tangents),
    EngineField("adjoints", _adjoints),
    EngineField("order", _order, engines=frozenset(ORDERED), flat=_names,
                heading="elimination order"),
    EngineField("optimal", _result("optimal"), engines=_PROVEN),
    EngineField("bound", _result("bound"), engines=frozenset({"eliminate-search"})),
    EngineField("bracketing", _result("bracketing")),
    EngineField("seconds", _result("seconds"), always=True, heading="seconds"),
    EngineField("setup_seconds", _result("setup_seconds"), always=True),
    # Added by pathsum.comparison to the path engine's entry:
    EngineField("path_edges", None, engines=_PATH),
    EngineField("estimated_seconds", None, engines=_PATH),
    EngineField("path_edges_per_second", None, engines=_PATH),
)

#: The fields by key.
FIELDS: dict[str, EngineField] = {f.key: f for f in ENGINE_FIELDS}

#: The fields each output shows, in its column order:
#: ``derivative``: ``analyze --format csv``, a row per derivative with every engine field;
#: ``compare`` and ``batch``: a row per graph with ``{engine}_{key}`` columns for the
#: engines that carry the field; ``table``: the costs table of ``analyze``; ``notebook``:
#: the costs table of an analysis shown in a notebook.
VIEWS: dict[str, tuple[str, ...]] = {
    "derivative": ("mul", "add", "sweeps", "enumerated", "seconds", "order", "optimal"),
    "compare": ("mul", "add", "seconds", "enumerated", "path_edges", "estimated_seconds",
                "optimal", "sweeps"),
    "batch": ("mul", "add", "seconds", "enumerated", "order", "optimal"),
    "table": ("mul", "add", "sweeps", "seconds", "order"),
    "notebook": ("mul", "add", "sweeps"),
}


def view_keys(view: str, engine: str | None = None) -> list[str]:
    """The keys a view shows, in order; with ``engine``, those its row per graph carries.

    Examples
    --------
    >>> view_keys("compare", "path"), view_keys("compare", "reverse")
    (['mul', 'add', 'seconds', 'enumerated', 'path_edges', 'estimated_seconds'], \
['mul', 'add', 'seconds', 'sweeps'])
    """
    keys = VIEWS[view]
    return list(keys) if engine is None else [k for k in keys if FIELDS[k].carried_by(engine)]


def engine_entry(analysis: Analysis, engine: str, plain: Plain) -> dict[str, Any]:
    """An engine's entry in the record: every field it has, in :data:`ENGINE_FIELDS` order.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: [x]\\nedges: [[x, y, 2]]\\n"), ["path"])
    >>> list(engine_entry(a, "path", float))
    ['jacobian', 'mul', 'add', 'enumerated', 'seconds', 'setup_seconds']
    """
    entry: dict[str, Any] = {}
    for field in ENGINE_FIELDS:
        if field.read is None:
            continue
        value = field.read(analysis, engine, plain)
        if value is not None or field.always:
            entry[field.key] = value
    return entry


def view_values(analysis: Analysis, engine: str, view: str) -> dict[str, Any]:
    """The fields a view shows of one engine, as the analysis holds them (numbers not made
    plain), for the tables.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: [x]\\nedges: [[x, y, 2]]\\n"), ["reverse"])
    >>> view_values(a, "reverse", "notebook")
    {'mul': 0, 'add': 0, 'sweeps': 1}
    """
    return {key: FIELDS[key].read(analysis, engine, _as_is) for key in view_keys(view)}


def _as_is(value: Any) -> Any:
    return value


def flat_fields(entry: Mapping[str, Any], view: str, engine: str | None = None
                ) -> dict[str, Any]:
    """The fields of one entry that a view shows (those ``engine`` carries, when given), as
    flat cells, keyed by field.

    Examples
    --------
    >>> flat_fields({"mul": 2, "order": ["c", "d"]}, "table")
    {'mul': 2, 'add': None, 'sweeps': None, 'seconds': None, 'order': 'c d'}
    """
    return {key: FIELDS[key].cell(entry.get(key)) for key in view_keys(view, engine)}


def engine_cells(entries: Mapping[str, Mapping[str, Any]], engines: Iterable[str], view: str
                 ) -> dict[str, Any]:
    """The cells of a row per graph, keyed by :meth:`EngineField.column`; an engine missing
    from ``entries`` (a record with an ``error``) gives None cells.

    Examples
    --------
    >>> engine_cells({"path": {"mul": 2, "add": 1, "seconds": 0.5}}, ["path"], "batch")
    {'path_mul': 2, 'path_add': 1, 'path_seconds': 0.5, 'path_enumerated': None}
    """
    cells: dict[str, Any] = {}
    for engine in engines:
        for key, value in flat_fields(entries.get(engine) or {}, view, engine).items():
            cells[FIELDS[key].column(engine)] = value
    return cells
