"""Every result (analysis, comparison, batch records) written in its format: tables, JSON, CSV."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from ..analysis import FIELDS, Analysis, engine_cells, flat_fields, view_keys
from ..display import exact_text, param_text, unlimited_digits
from ..pathnames import PathNames
from ..printable import encodable, json_escaped
from .table import render_analysis, render_comparison

if TYPE_CHECKING:
    from ..comparison import Comparison
    from ..explain import PathSum, Sweep

__all__ = ["FORMATS", "analysis_rows", "batch_columns", "batch_row", "comparison_columns",
           "comparison_rows", "dumps", "emit", "sums_field"]

FORMATS: dict[str, tuple[str, ...]] = {
    "analysis": ("table", "json", "csv"),
    "comparison": ("table", "json", "csv"),
    "records": ("jsonl", "csv"),
}

def emit(result: Any, fmt: str, out: IO[str] | None = None, *,
         engines: Sequence[str] = (), flush: bool = False,
         explanation: list[str] | None = None, sweeps: list[Sweep] | None = None,
         sums: Iterable[PathSum] | None = None) -> None:
    """Write ``result`` in one of its :data:`FORMATS` to ``out`` (tables: to stdout)."""
    kind = "analysis" if isinstance(result, Analysis) else "records" if isinstance(
        result, Iterable) and not isinstance(result, str | bytes | dict) else "comparison"
    stream = out or sys.stdout
    if fmt == "table" and kind == "analysis":
        render_analysis(result, explanation=explanation, sweeps=sweeps)
    elif fmt == "table":
        render_comparison(result)
    elif fmt == "csv" or kind == "records":
        write: Callable[[Any], object]
        if fmt == "csv":
            columns, rows = ((batch_columns(engines), map(batch_row, result)) if kind == "records"
                             else (analysis_columns(), analysis_rows(result)) if kind == "analysis"
                             else (comparison_columns(result.engines), comparison_rows(result)))
            write = writer(stream, columns)
        else:
            rows, write = result, lambda record: stream.write(dumps(record, indent=None) + "\n")
        for row in rows:
            write(row)
            if flush:
                stream.flush()
    else:
        record = result.to_dict() if kind == "analysis" else result.records()
        if sums is not None:  # after total_paths, beside the counts they list
            items = list(record.items())
            at = [key for key, _ in items].index("total_paths") + 1
            record = dict([*items[:at], ("sums", sums_field(result, sums)), *items[at:]])
        stream.write(dumps(record) + "\n")
        stream.flush()

def dumps(record: Any, *, indent: int | None = 2) -> str:
    """JSON: exact integers at any size, ``α`` as is, controls and bidi escaped (issue 19)."""
    with unlimited_digits():  # a path count of more than 4300 digits
        return json_escaped(json.dumps(record, indent=indent, ensure_ascii=False, allow_nan=False))

def sums_field(analysis: Analysis, sums: Iterable[PathSum]) -> dict[str, dict[str, Any]]:
    """The record's ``sums`` (``--explain --format json``), keyed as the Jacobians are."""
    cg = analysis.compiled
    names, plain, keys = cg.names, analysis.plain, PathNames(cg).keys
    field: dict[str, dict[str, Any]] = {}
    for s in sums:
        entry: dict[str, Any] = {"count": s.count, "listed": s.paths is not None}
        if s.paths is None:
            entry["why"] = s.unlisted
        else:
            entry["paths"] = [{"name": p.name,
                               "edges": [[names[cg.src[e]], names[cg.dst[e]], keys[e]]
                                         for e in p.edges],
                               "term": p.term, "product": plain(p.value)} for p in s.paths]
            entry["value"] = plain(s.value)
        field.setdefault(names[s.output], {})[names[s.input]] = entry
    return field

def _columns(head: Sequence[str], engines: Sequence[str], view: str, *tail: str) -> list[str]:
    return [*head, *(FIELDS[key].column(engine) for engine in engines
                     for key in view_keys(view, engine)), *tail]

_BATCH_HEAD = ("graph", "source", "nodes", "edges", "total_paths")

def analysis_columns() -> list[str]:
    return ["graph", "engine", "output", "input", "paths", "derivative",
            *view_keys("derivative"), "agree"]

def comparison_columns(engines: Sequence[str]) -> list[str]:
    return _columns(("graph", "source", "family", "params", "size", "nodes", "edges",
                     "total_paths"), engines, "compare", "path_over_reverse", "agree")

def batch_columns(engines: Sequence[str]) -> list[str]:
    return _columns(_BATCH_HEAD, engines, "batch", "agree", "error")

def analysis_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per engine and Jacobian entry."""
    record = analysis.to_dict()
    fields = {name: flat_fields(entry, "derivative") for name, entry in record["engines"].items()}
    return [{"graph": record["graph"], "engine": engine, "output": y, "input": x, "paths": count,
             "derivative": None if entry["jacobian"] is None else entry["jacobian"][y][x],
             **fields[engine], "agree": record["agree"]}
            for engine, entry in record["engines"].items()
            for y, row in record["paths"].items() for x, count in row.items()]

def comparison_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One row per graph of the comparison."""
    out: list[dict[str, Any]] = []
    for row in comparison.rows:
        rec = row.record
        family = rec.get("family")
        out.append({
            "graph": rec["graph"], "source": rec["source"],
            "family": None if family is None else family["name"],
            "params": None if family is None else " ".join(
                f"{k}={param_text(v)}" for k, v in family["params"].items()),
            "size": rec.get("size"), "nodes": rec["nodes"], "edges": rec["edges"],
            "total_paths": rec["total_paths"],
            **engine_cells(row.engines, comparison.engines, "compare"),
            **{FIELDS["seconds"].column(name): None for name in comparison.engines
               if row.engines[name].get("enumerated") is False},  # derived: no time measured
            "path_over_reverse": rec["path_over_reverse"], "agree": rec["agree"]})
    return out

def batch_row(record: dict[str, Any]) -> dict[str, Any]:
    """A §5 record (or an error record) as one row of CSV cells."""
    entries = record.get("engines") or {}
    row = {key: record.get(key) for key in (*_BATCH_HEAD, "agree", "error")}
    row.update(engine_cells(entries, entries, "batch"))
    return {key: csv_cell(value) for key, value in row.items()}

def writer(out: IO[str], columns: Sequence[str]) -> Callable[[Mapping[str, Any]], None]:
    """Write the header; return a row writer (a row with a line break quoted whole, issue 19)."""
    plain = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n")
    quoted = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\n",
                            quoting=csv.QUOTE_ALL)
    plain.writeheader()

    def write(row: Mapping[str, Any]) -> None:
        cells = {key: csv_cell(value) for key, value in row.items()}
        (quoted if any("\r" in c or "\n" in c for c in cells.values()) else plain).writerow(cells)
    return write

#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Text that is a number already (an exact ``-3/10``, a ``-1e-05``): it stays as it is.
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(/\d+)?")

def csv_cell(value: Any) -> str:
    """One field, exact; text a spreadsheet would run as a formula gets a leading ``'``."""
    if value is None or isinstance(value, bool):
        return "" if value is None else "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return exact_text(value)
    text = encodable(str(value))  # an undecodable byte of a file name, as \udcff
    return "'" + text if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text) \
        else text
