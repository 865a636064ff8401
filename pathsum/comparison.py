"""``pathsum compare``'s library: a family over sizes, or files, a §5 record per row."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import arguments
from .analysis import DEFAULT_ENGINES, DEFAULT_MAX_PATHS, Analysis, analyze
from .display import count_text, param_text
from .engines import EngineOptions, check_max_paths, check_request
from .errors import UsageError
from .families import FAMILIES, family_params

__all__ = ["Comparison", "Row", "compare_family", "compare_files"]

@dataclass
class Row:
    """One graph: its record, with ``family``, ``size``, ``path_over_reverse`` and path estimates."""

    record: dict[str, Any]

    @property
    def label(self) -> str:
        """The size for a family member, else the graph's name."""
        size = self.record.get("size")
        return self.record["graph"] if size is None else str(size)

    @property
    def engines(self) -> dict[str, dict[str, Any]]:
        return self.record["engines"]

    def ops(self, engine: str) -> int:
        return self.engines[engine]["mul"] + self.engines[engine]["add"]

@dataclass
class Comparison:
    """The rows and how they were made; ``rate``: path edges enumerated per second, if measured."""

    rows: list[Row]
    engines: list[str]
    max_paths: int | None
    family: str | None = None
    size_name: str | None = None
    rate: float | None = None
    rate_basis: str = ""
    rate_seconds: float = 0.0
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        """The heading of the table and the plot."""
        if self.family is None:
            return "paths and operations per graph"
        shown = ", ".join(f"{k}={param_text(v)}" for k, v in self.params.items() if v is not None)
        return f"{self.family}{f' ({shown})' if shown else ''}: paths and operations by " \
               f"{self.size_name}"

    @property
    def agree(self) -> bool:
        """Whether the engines agree on every graph."""
        return all(row.record["agree"] for row in self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The JSON array: one record per row."""
        return [row.record for row in self.rows]

def compare_family(family: str, sizes: Iterable[int], *, params: Mapping[str, Any] | None = None,
                   engines: Iterable[str] = DEFAULT_ENGINES,
                   max_paths: int | None = DEFAULT_MAX_PATHS,
                   on_row: Callable[[Row], None] | None = None, arith: str = "float",
                   options: EngineOptions | None = None, seed: int = 0) -> Comparison:
    """A family's member at each size analysed into a row, arguments checked before any work."""
    engines = check_request(engines, max_paths, options)
    max_paths = check_max_paths(max_paths)
    sizes = arguments.items(sizes, "sizes", "a list of sizes")
    if not sizes:
        raise UsageError("no sizes to compare")
    params = arguments.mapping(params, "params", "a mapping of parameter: value") or {}
    arguments.function(on_row, "on_row", optional=True)
    resolved = [family_params(family, size, seed=seed, **params) for size in sizes]
    fam = FAMILIES[family]
    shared = {k: v for k, v in resolved[0].items()
              if k != fam.size and all(used[k] == v for used in resolved)}
    # fam.document is what generate() does with the checked parameters; one at a time.
    members = ((fam.document(used), {"name": family, "params": used}, size, None)
               for size, used in zip(sizes, resolved, strict=True))
    return _filled(Comparison([], engines, max_paths, family, fam.size, params=shared),
                   members, arith, options, on_row)

def compare_files(paths: Iterable[str | os.PathLike[str]], *,
                  engines: Iterable[str] = DEFAULT_ENGINES,
                  max_paths: int | None = DEFAULT_MAX_PATHS,
                  on_row: Callable[[Row], None] | None = None, arith: str = "float",
                  options: EngineOptions | None = None) -> Comparison:
    """Graph files analysed in order, a row each; the first bad file raises its GraphError."""
    engines = check_request(engines, max_paths, options)
    max_paths = check_max_paths(max_paths)
    paths = list(arguments.paths(paths, "paths"))
    arguments.function(on_row, "on_row", optional=True)
    if not paths:
        raise UsageError("no files to compare")
    return _filled(Comparison([], engines, max_paths), ((p, None, None, p) for p in paths),
                   arith, options, on_row)

def _filled(comparison: Comparison, graphs: Iterable[tuple[Any, ...]], arith: str,
            options: EngineOptions | None, on_row: Callable[[Row], None] | None) -> Comparison:
    """Each graph (with its family, size and source) analysed into its row, then the estimates."""
    for graph, family, size, source in graphs:
        analysis = analyze(graph, comparison.engines, comparison.max_paths, arith=arith,
                           options=options)
        comparison.rows.append(_row(analysis, family, size, source))
        if on_row is not None:
            on_row(comparison.rows[-1])
    _estimate(comparison)
    return comparison

def _row(analysis: Analysis, family: dict[str, Any] | None, size: int | None,
         source: Any) -> Row:
    base = analysis.to_dict()
    record = {"graph": base["graph"], "source": source, "family": family, "size": size}
    record |= {k: v for k, v in base.items() if k not in record}
    row = Row(record)
    path = row.engines.get("path")
    if path is not None:
        path["path_edges"] = analysis.counts.path_edges
        if path["enumerated"] is False:
            path["estimated_seconds"] = path["path_edges_per_second"] = None
    reverse = row.ops("reverse") if "reverse" in row.engines else 0
    record["path_over_reverse"] = _quotient(row.ops("path"), reverse) if path and reverse \
        else None
    return row

def _quotient(a: float, b: float) -> float | None:
    """``a / b``, or None beyond a float's range (diamond k=1000 has 3^1000 paths)."""
    try:
        return a / b
    except OverflowError:
        return None

def _estimate(comparison: Comparison) -> None:
    """Measure the enumeration rate on the enumerated rows and estimate the derived ones."""
    measured = [row.engines["path"] | {"label": row.label} for row in comparison.rows
                if (e := row.engines.get("path")) and e["enumerated"] and e["path_edges"]
                and e["seconds"]]
    edges, seconds = (sum((e[key] for e in measured), 0.0) for key in ("path_edges", "seconds"))
    if not seconds:
        return
    comparison.rate = rate = edges / seconds
    comparison.rate_seconds = seconds
    if comparison.size_name is None:
        comparison.rate_basis = count_text(len(measured), "enumerated graph")
    else:
        sizes = sorted(int(e["label"]) for e in measured)
        comparison.rate_basis = f"{comparison.size_name} = " + (
            f"{sizes[0]}..{sizes[-1]}" if len(sizes) > 1 else str(sizes[0]))
    for row in comparison.rows:
        entry = row.engines.get("path")
        if entry and entry["enumerated"] is False:
            entry["estimated_seconds"] = _quotient(entry["path_edges"], rate)
            entry["path_edges_per_second"] = rate
