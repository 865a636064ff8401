"""CSV output: a row per (engine, output, input) for ``analyze``, a row per graph for
``compare`` and ``batch``; engine columns from :data:`pathsum.analysis.VIEWS`."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from ..analysis import FIELDS, Analysis, engine_cells, flat_fields, view_keys
from ..display import exact_text, param_text
from ..printable import encodable

if TYPE_CHECKING:
    from ..comparison import Comparison

__all__ = ["RowWriter", "analysis_columns", "analysis_rows", "batch_columns", "batch_row",
           "comparison_columns", "comparison_rows", "csv_cell", "write_csv"]

#: The columns of a row per graph before and after the engines'.
_COMPARISON = (("graph", "source", "family", "params", "size", "nodes", "edges", "total_paths"),
               ("path_over_reverse", "agree"))
_BATCH = (("graph", "source", "nodes", "edges", "total_paths"), ("agree", "error"))


def _columns(ends: tuple[tuple[str, ...], tuple[str, ...]], engines: Sequence[str],
             view: str) -> list[str]:
    return [*ends[0], *(FIELDS[key].column(engine) for engine in engines
                        for key in view_keys(view, engine)), *ends[1]]


def analysis_columns() -> list[str]:
    """The header of :func:`analysis_rows`."""
    return ["graph", "engine", "output", "input", "paths", "derivative",
            *view_keys("derivative"), "agree"]


def analysis_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """One row per engine and Jacobian entry."""
    record = analysis.to_dict()
    rows = []
    for engine, entry in record["engines"].items():
        fields = flat_fields(entry, "derivative")
        jac = entry["jacobian"]
        for y, row in record["paths"].items():
            for x, count in row.items():
                rows.append({"graph": record["graph"], "engine": engine, "output": y, "input": x,
                             "paths": count, "derivative": None if jac is None else jac[y][x],
                             **fields, "agree": record["agree"]})
    return rows


def comparison_columns(engines: Sequence[str]) -> list[str]:
    """The header of :func:`comparison_rows` with these engines."""
    return _columns(_COMPARISON, engines, "compare")


def comparison_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One row per graph of the comparison."""
    out = []
    for row in comparison.rows:
        rec = row.record
        family = rec.get("family")
        flat: dict[str, Any] = {
            "graph": rec["graph"], "source": rec["source"],
            "family": None if family is None else family["name"],
            "params": None if family is None else " ".join(
                f"{k}={param_text(v)}" for k, v in family["params"].items()),
            "size": rec.get("size"), "nodes": rec["nodes"], "edges": rec["edges"],
            "total_paths": rec["total_paths"],
            **engine_cells(row.engines, comparison.engines, "compare")}
        for name in comparison.engines:
            if row.engines[name].get("enumerated") is False:  # derived: no time was measured
                flat[FIELDS["seconds"].column(name)] = None
        out.append({**flat, "path_over_reverse": rec["path_over_reverse"],
                    "agree": rec["agree"]})
    return out


def batch_columns(engines: Sequence[str]) -> list[str]:
    """The header of ``pathsum batch --format csv`` for these engines."""
    return _columns(_BATCH, engines, "batch")


def batch_row(record: dict[str, Any]) -> dict[str, Any]:
    """A §5 record (or an error record) as one row of CSV cells."""
    entries = record.get("engines") or {}
    row = {key: record.get(key) for key in (*_BATCH[0], *_BATCH[1])}
    row.update(engine_cells(entries, entries, "batch"))
    return {key: csv_cell(value) for key, value in row.items()}


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str], out: IO[str]) -> None:
    """A header, then the rows."""
    writer = RowWriter(out, columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


class RowWriter:
    """Rows of :func:`csv_cell` cells, ``\\n``-ended. A cell holding ``\\r`` or ``\\n`` has
    the whole row quoted: csv leaves a lone ``\\r`` bare, and a spreadsheet would start a
    row there (``x\\r=1+1`` past the formula guard, issue 19)."""

    def __init__(self, out: IO[str], columns: Sequence[str]) -> None:
        self._plain = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore",
                                     lineterminator="\n")
        self._quoted = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore",
                                      lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writeheader(self) -> None:
        self._plain.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        cells = {key: csv_cell(value) for key, value in row.items()}
        broken = any("\r" in cell or "\n" in cell for cell in cells.values())
        (self._quoted if broken else self._plain).writerow(cells)


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Text that is a number already (an exact ``-3/10``, a ``-1e-05``): it stays as it is.
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(/\d+)?")


def csv_cell(value: Any) -> str:
    """One field: empty for None, true/false, floats round-trip, integers exact; text a
    spreadsheet would run as a formula gets a leading ``'`` (numbers never do)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return exact_text(value)
    text = encodable(str(value))  # an undecodable byte of a file name, as \udcff
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
