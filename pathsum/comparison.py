"""Compare graphs side by side: a family over a range of sizes, or a list of files.

This is the library layer of ``pathsum compare``. Each graph becomes one :class:`Row`: its
DESIGN §5 record (:meth:`pathsum.Analysis.to_dict`) with a few fields added:

- ``family``: ``{"name": ..., "params": {...}}`` with every parameter the generator used, or
  None for a file; ``size``: the family's size parameter, or None;
- ``path_over_reverse``: the path engine's operations (``mul + add``) divided by the reverse
  sweeps', or None when either did not run or the reverse sweeps spent nothing;
- on the path engine: ``path_edges``, the summed length of all paths, which is what
  enumeration walks; and when it did not enumerate (more paths than ``max_paths``),
  ``estimated_seconds``, the time enumeration would take at ``path_edges_per_second``, the
  rate measured on the rows that were enumerated (both None when no row was).

The counts come from the engines and the exact path counting, never from formulas of a
family's shape.
"""

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

__all__ = [
    "Comparison",
    "Row",
    "compare_family",
    "compare_files",
]

@dataclass
class Row:
    """One graph of a comparison.

    Attributes
    ----------
    record : dict
        The DESIGN §5 record with ``family``, ``size``, ``path_over_reverse`` and the path
        engine's ``path_edges`` (and estimate, when derived) added.
    """

    record: dict[str, Any]

    @property
    def label(self) -> str:
        """The size for a family member, else the graph's name."""
        size = self.record.get("size")
        return self.record["graph"] if size is None else str(size)

    @property
    def engines(self) -> dict[str, dict[str, Any]]:
        """The record's ``engines`` entries."""
        return self.record["engines"]

    @property
    def derived(self) -> bool:
        """Whether the path engine ran but did not enumerate (too many paths)."""
        return self.engines.get("path", {}).get("enumerated") is False

    def ops(self, engine: str) -> int:
        """An engine's ``mul + add``.

        Examples
        --------
        >>> row = compare_family("diamond", [2]).rows[0]
        >>> row.ops("path"), row.ops("reverse")
        (17, 7)
        """
        entry = self.engines[engine]
        return entry["mul"] + entry["add"]


@dataclass
class Comparison:
    """The rows of a comparison and how they were made.

    Attributes
    ----------
    rows : list of Row
    engines : list of str
        The engines run, in order.
    max_paths : int or None
        The limit above which the path engine did not enumerate.
    family : str or None
        The family compared, or None for files.
    size_name : str or None
        The family's size parameter (``k`` for the diamonds), or None.
    params : dict
        The family parameters that every row shares (for titles).
    rate : float or None
        Path edges enumerated per second, measured on the enumerated rows.
    rate_basis : str
        Which rows the rate was measured on, for people (empty without a rate).
    rate_seconds : float
        The enumeration time the rate was measured over (0 without a rate).
    """

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
        """The heading of the table and the plot: the family, the parameters every row
        shares, and the size; or that files are compared.

        Examples
        --------
        >>> compare_family("diamond", [1, 2], params={"width": 2}).title
        'diamond (width=2): paths and operations by k'
        """
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


def compare_family(
    family: str,
    sizes: Iterable[int],
    *,
    params: Mapping[str, Any] | None = None,
    engines: Iterable[str] = DEFAULT_ENGINES,
    max_paths: int | None = DEFAULT_MAX_PATHS,
    on_row: Callable[[Row], None] | None = None,
    arith: str = "float",
    options: EngineOptions | None = None,
    seed: int = 0,
) -> Comparison:
    """Generate a family at each size, analyse each member and collect one row per size.

    Parameters
    ----------
    family : str
        A key of :data:`pathsum.families.FAMILIES`.
    sizes : iterable of int
        Values of the family's size parameter, in the order the rows should come.
    params : mapping, optional
        The family's other parameters, e.g. ``{"width": 2}``.
    engines : iterable of str
        Engines to run, as for :func:`pathsum.analyze`.
    max_paths : int or None
        Above this many paths the path engine is not run; its counts are derived and its
        time estimated.
    on_row : callable, optional
        Called with each row as it is finished, for progress displays.
    arith : {"float", "exact", "symbolic"}
        The arithmetic, as for :func:`pathsum.load`.
    options : EngineOptions, optional
        As for :func:`pathsum.analyze` (the budget of ``eliminate-search``).
    seed : int
        For the seeded families.

    Returns
    -------
    Comparison

    Raises
    ------
    UsageError
        For an unknown family, parameter or engine, or a size out of range, before any work.

    Examples
    --------
    >>> cmp = compare_family("diamond", [1, 2, 3], max_paths=10)
    >>> [(r.record["total_paths"], r.derived, r.engines["reverse"]["mul"]) for r in cmp.rows]
    [(3, False, 0), (9, False, 3), (27, True, 6)]
    >>> cmp.rows[2].record["family"]
    {'name': 'diamond', 'params': {'k': 3, 'width': 3}}
    """
    engines = check_request(engines, max_paths, options)
    max_paths = check_max_paths(max_paths)
    sizes = arguments.items(sizes, "sizes", "a list of sizes")
    if not sizes:
        raise UsageError("no sizes to compare")
    params = arguments.mapping(params, "params", "a mapping of parameter: value") or {}
    arguments.function(on_row, "on_row", optional=True)
    resolved = [family_params(family, size, seed=seed, **params) for size in sizes]
    fam = FAMILIES[family]
    # fam.document is what generate() does with the checked parameters; one at a time.
    members = ((fam.document(used), {"name": family, "params": used}, size, None)
               for size, used in zip(sizes, resolved, strict=True))
    rows = _analysed(members, engines, max_paths, arith, options, on_row)
    shared = {k: v for k, v in resolved[0].items()
              if k != fam.size and all(used[k] == v for used in resolved)}
    comparison = Comparison(rows, engines, max_paths, family, fam.size, params=shared)
    _estimate(comparison)
    return comparison


def compare_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    engines: Iterable[str] = DEFAULT_ENGINES,
    max_paths: int | None = DEFAULT_MAX_PATHS,
    on_row: Callable[[Row], None] | None = None,
    arith: str = "float",
    options: EngineOptions | None = None,
) -> Comparison:
    """Analyse graph files in order, one row per file (``arith`` as for
    :func:`pathsum.load`).

    Raises
    ------
    GraphError
        For the first file that breaks a rule; nothing is compared.
    UsageError
        For an unknown engine, before any work.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from pathsum.families import diamond, to_yaml
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "d.yaml"
    >>> _ = path.write_text(to_yaml(diamond(2)), encoding="utf-8")
    >>> [(r.label, r.record["total_paths"]) for r in compare_files([path]).rows]
    [('diamond-k2-w3', 9)]
    """
    engines = check_request(engines, max_paths, options)
    max_paths = check_max_paths(max_paths)
    paths = list(arguments.paths(paths, "paths"))
    arguments.function(on_row, "on_row", optional=True)
    if not paths:
        raise UsageError("no files to compare")
    files = ((path, None, None, path) for path in paths)
    comparison = Comparison(_analysed(files, engines, max_paths, arith, options, on_row),
                            engines, max_paths)
    _estimate(comparison)
    return comparison


def _analysed(graphs: Iterable[tuple[Any, dict[str, Any] | None, int | None, str | None]],
              engines: list[str], max_paths: int | None, arith: str,
              options: EngineOptions | None, on_row: Callable[[Row], None] | None
              ) -> list[Row]:
    """Each graph (with its family, size and source) analysed in turn into its row;
    ``on_row`` hears of each row as it is finished."""
    rows = []
    for graph, family, size, source in graphs:
        analysis = analyze(graph, engines, max_paths, arith=arith, options=options)
        rows.append(_row(analysis, family, size, source))
        if on_row is not None:
            on_row(rows[-1])
    return rows


def _row(analysis: Analysis, family: dict[str, Any] | None, size: int | None,
         source: str | None) -> Row:
    base = analysis.to_dict()
    record: dict[str, Any] = {"graph": base["graph"], "source": source, "family": family,
                              "size": size}
    record.update((k, v) for k, v in base.items() if k not in record)
    counts = analysis.counts
    engines = record["engines"]
    if "path" in engines:
        engines["path"]["path_edges"] = counts.path_edges
        if engines["path"]["enumerated"] is False:
            engines["path"]["estimated_seconds"] = None
            engines["path"]["path_edges_per_second"] = None
    ratio = None
    if "path" in engines and "reverse" in engines:
        reverse = engines["reverse"]["mul"] + engines["reverse"]["add"]
        if reverse:
            ratio = _quotient(engines["path"]["mul"] + engines["path"]["add"], reverse)
    record["path_over_reverse"] = ratio
    return Row(record)


def _quotient(a: float, b: float) -> float | None:
    """``a / b`` as a float, or None beyond a float's range (diamond k=1000 has 3^1000 paths).

    Examples
    --------
    >>> _quotient(6, 4), _quotient(3 ** 1000, 2)
    (1.5, None)
    """
    try:
        return a / b
    except OverflowError:
        return None


def _estimate(comparison: Comparison) -> None:
    """Measure the enumeration rate on the enumerated rows and estimate the derived ones."""
    edges = seconds = 0.0
    measured = []
    for row in comparison.rows:
        entry = row.engines.get("path")
        if entry and entry["enumerated"] and entry["path_edges"] and entry["seconds"]:
            edges += entry["path_edges"]
            seconds += entry["seconds"]
            measured.append(row.label)
    if not seconds:
        return
    rate = edges / seconds
    comparison.rate = rate
    comparison.rate_seconds = seconds
    if comparison.size_name is None:
        comparison.rate_basis = count_text(len(measured), "enumerated graph")
    else:
        sizes = sorted(int(s) for s in measured)
        comparison.rate_basis = f"{comparison.size_name} = " + (
            f"{sizes[0]}..{sizes[-1]}" if len(sizes) > 1 else str(sizes[0]))
    for row in comparison.rows:
        entry = row.engines.get("path")
        if entry and entry["enumerated"] is False:
            entry["estimated_seconds"] = _quotient(entry["path_edges"], rate)
            entry["path_edges_per_second"] = rate
