"""One way to write any result (an analysis, a comparison, a stream of batch records) in
the format asked for: which renderer a format means is decided here only."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from ..analysis import Analysis
from ..display import unlimited_digits
from ..pathnames import PathNames
from ..printable import json_escaped
from . import csv_rows
from .table import render_analysis

if TYPE_CHECKING:
    from ..explain import PathSum, Sweep

__all__ = ["FORMATS", "dumps", "emit", "sums_field"]

#: The formats of each kind of result.
FORMATS: dict[str, tuple[str, ...]] = {
    "analysis": ("table", "json", "csv"),
    "comparison": ("table", "json", "csv"),
    "records": ("jsonl", "csv"),
}


def emit(result: Any, fmt: str, out: IO[str] | None = None, *,
         engines: Sequence[str] = (), flush: bool = False,
         explanation: list[str] | None = None, sweeps: list[Sweep] | None = None,
         sums: Iterable[PathSum] | None = None) -> None:
    """Write an analysis, a comparison or batch records (one by one, as they arrive) in one
    of its :data:`FORMATS`: JSON, JSON Lines and CSV to ``out`` (default stdout), tables to
    stdout. ``engines`` and ``flush`` are for records (the CSV header; flush each one);
    ``explanation`` and ``sweeps`` for an analysis as a table, ``sums`` as JSON."""
    kind = "analysis" if isinstance(result, Analysis) else "records" if isinstance(
        result, Iterable) and not isinstance(result, str | bytes | dict) else "comparison"
    if fmt not in FORMATS[kind]:
        raise ValueError(f"{kind} comes as {', '.join(FORMATS[kind])}, not {fmt!r}")
    stream = out or sys.stdout
    if kind == "records":
        rows = csv_rows.RowWriter(stream, csv_rows.batch_columns(engines)) if fmt == "csv" \
            else None
        if rows is not None:
            rows.writeheader()
        for record in result:
            if rows is not None:
                rows.writerow(csv_rows.batch_row(record))
            else:
                stream.write(dumps(record, indent=None) + "\n")
            if flush:
                stream.flush()
    elif fmt == "json":
        record = result.to_dict() if kind == "analysis" else result.records()
        if sums is not None and kind == "analysis":
            record = _with_sums(record, sums_field(result, sums))
        stream.write(dumps(record) + "\n")
        stream.flush()
    elif fmt == "csv" and kind == "analysis":
        csv_rows.write_csv(csv_rows.analysis_rows(result), csv_rows.analysis_columns(), stream)
    elif fmt == "csv":
        csv_rows.write_csv(csv_rows.comparison_rows(result),
                           csv_rows.comparison_columns(result.engines), stream)
    elif kind == "analysis":
        render_analysis(result, explanation=explanation, sweeps=sweeps)
    else:
        from .compare import render_comparison  # brings in the families: only when needed

        render_comparison(result)


def dumps(record: Any, *, indent: int | None = 2) -> str:
    """JSON with exact integers at any size, readable text (``α``), and control,
    bidirectional and zero-width characters escaped (issue 19)."""
    try:
        text = json.dumps(record, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError as err:
        if "integer string conversion" not in str(err):
            raise
        with unlimited_digits():  # a path count of more than 4300 digits
            text = json.dumps(record, indent=indent, ensure_ascii=False, allow_nan=False)
    return json_escaped(text)


def sums_field(analysis: Analysis, sums: Iterable[PathSum]) -> dict[str, dict[str, Any]]:
    """The record's ``sums`` (``--explain --format json``), keyed as the Jacobians are;
    docs/reference.md describes an entry."""
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


def _with_sums(record: dict[str, Any], sums: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``record`` with its ``sums`` after ``total_paths``, beside the counts they list."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        out[key] = value
        if key == "total_paths":
            out["sums"] = sums
    out.setdefault("sums", sums)
    return out
