"""CSV output: every flat row pathsum writes, with its header, and the cells of a row.

Three shapes, their engine columns all read from :data:`pathsum.engine_fields.VIEWS`:
``analyze`` writes a row per (engine, output, input) (:func:`analysis_rows`); ``compare``
(:func:`comparison_rows`) and ``batch`` (:func:`batch_row`) a row per graph, with
``{engine}_{field}`` columns.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from ..analysis import Analysis
from ..display import exact_text, param_text
from ..engine_fields import FIELDS, engine_cells, flat_fields, view_keys
from ..printable import encodable

if TYPE_CHECKING:
    from ..comparison import Comparison

__all__ = ["RowWriter", "analysis_columns", "analysis_rows", "batch_columns", "batch_row",
           "comparison_columns", "comparison_rows", "csv_cell", "write_csv"]

#: The columns of a row per graph before and after the engines'.
_COMPARISON_HEAD = ("graph", "source", "family", "params", "size", "nodes", "edges",
                    "total_paths")
_COMPARISON_TAIL = ("path_over_reverse", "agree")
_BATCH_HEAD = ("graph", "source", "nodes", "edges", "total_paths")
_BATCH_TAIL = ("agree", "error")


def analysis_columns() -> list[str]:
    """The CSV header for :func:`analysis_rows`.

    Examples
    --------
    >>> analysis_columns()  # doctest: +NORMALIZE_WHITESPACE
    ['graph', 'engine', 'output', 'input', 'paths', 'derivative', 'mul', 'add', 'sweeps',
     'enumerated', 'seconds', 'order', 'optimal', 'agree']
    """
    return ["graph", "engine", "output", "input", "paths", "derivative",
            *view_keys("derivative"), "agree"]


def analysis_rows(analysis: Analysis) -> list[dict[str, Any]]:
    """Flatten an analysis: one row per engine and Jacobian entry.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> rows = analysis_rows(analyze(loads("inputs: [X]\\nedges: [[X, Y, 2], [Y, Z, 5]]\\n")))
    >>> [(r["engine"], r["derivative"], r["mul"]) for r in rows]
    [('path', 10.0, 1), ('forward', 10.0, 1), ('reverse', 10.0, 1)]
    """
    record = analysis.to_dict()
    rows = []
    for engine, entry in record["engines"].items():
        fields = flat_fields(entry, "derivative")
        for y, row in record["paths"].items():
            for x, count in row.items():
                jac = entry["jacobian"]
                rows.append({
                    "graph": record["graph"], "engine": engine, "output": y, "input": x,
                    "paths": count, "derivative": None if jac is None else jac[y][x],
                    **fields, "agree": record["agree"],
                })
    return rows


def comparison_columns(engines: Sequence[str]) -> list[str]:
    """The CSV header for :func:`comparison_rows` with these engines.

    Examples
    --------
    >>> comparison_columns(["path", "reverse"])[8:]  # doctest: +NORMALIZE_WHITESPACE
    ['path_mul', 'path_add', 'path_seconds', 'path_enumerated', 'path_edges',
     'path_estimated_seconds', 'reverse_mul', 'reverse_add', 'reverse_seconds',
     'reverse_sweeps', 'path_over_reverse', 'agree']
    """
    return _columns(_COMPARISON_HEAD, engines, "compare", _COMPARISON_TAIL)


def comparison_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """One flat mapping per graph for CSV, keyed by :func:`comparison_columns`.

    Examples
    --------
    >>> from pathsum.comparison import compare_family
    >>> flat = comparison_rows(compare_family("diamond", [3], engines=["path", "reverse"]))[0]
    >>> flat["size"], flat["total_paths"], flat["path_mul"], flat["reverse_mul"]
    (3, 27, 54, 6)
    """
    out = []
    for row in comparison.rows:
        rec = row.record
        family = rec.get("family")
        flat: dict[str, Any] = {
            "graph": rec["graph"],
            "source": rec["source"],
            "family": None if family is None else family["name"],
            "params": None if family is None else _compact(family["params"]),
            "size": rec.get("size"),
            "nodes": rec["nodes"],
            "edges": rec["edges"],
            "total_paths": rec["total_paths"],
            **engine_cells(row.engines, comparison.engines, "compare"),
        }
        for name in comparison.engines:
            if row.engines[name].get("enumerated") is False:  # derived: no time was measured
                flat[FIELDS["seconds"].column(name)] = None
        flat["path_over_reverse"] = rec["path_over_reverse"]
        flat["agree"] = rec["agree"]
        out.append(flat)
    return out


def _compact(params: Mapping[str, Any]) -> str:
    """Parameters as one CSV cell: ``k=5 width=3``, lists comma-separated."""
    return " ".join(f"{k}={param_text(v)}" for k, v in params.items())


def batch_columns(engines: Sequence[str]) -> list[str]:
    """The CSV header of ``pathsum batch`` for these engines.

    Examples
    --------
    >>> batch_columns(["path", "reverse"])  # doctest: +NORMALIZE_WHITESPACE
    ['graph', 'source', 'nodes', 'edges', 'total_paths', 'path_mul', 'path_add',
     'path_seconds', 'path_enumerated', 'reverse_mul', 'reverse_add', 'reverse_seconds',
     'agree', 'error']
    """
    return _columns(_BATCH_HEAD, engines, "batch", _BATCH_TAIL)


def batch_row(record: dict[str, Any]) -> dict[str, Any]:
    """Flatten a §5 record (or an error record) into one CSV row of plain cells.

    Examples
    --------
    >>> row = batch_row({"graph": "g", "source": "g.yaml", "nodes": 2, "edges": 1,
    ...                  "total_paths": 3 ** 40, "agree": True,
    ...                  "engines": {"path": {"mul": 1, "add": 0, "enumerated": False,
    ...                                       "seconds": 0.0}}})
    >>> row["total_paths"], row["path_enumerated"], row["agree"], row["error"]
    ('12157665459056928801', 'false', 'true', '')
    """
    entries = record.get("engines") or {}
    row = {key: record.get(key) for key in (*_BATCH_HEAD, *_BATCH_TAIL)}
    row.update(engine_cells(entries, entries, "batch"))
    return {key: csv_cell(value) for key, value in row.items()}


def _columns(head: Sequence[str], engines: Sequence[str], view: str, tail: Sequence[str]
             ) -> list[str]:
    engine_columns = [FIELDS[key].column(engine) for engine in engines
                      for key in view_keys(view, engine)]
    return [*head, *engine_columns, *tail]


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str], out: TextIO) -> None:
    """Write rows with a header; None becomes an empty field, integers stay exact."""
    writer = RowWriter(out, columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)


class RowWriter:
    """Rows of :func:`csv_cell` cells under a header, one ``\\n``-ended line per row.

    The csv module quotes a cell holding a line feed, but not one holding a carriage
    return (it quotes only the line terminator's characters): a spreadsheet would start a
    new row there, and ``x\\r=1+1`` would run ``=1+1`` past the formula guard (issue 19).
    A row with either character in any cell is written with every cell quoted.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> writer = RowWriter(out, ["graph", "nodes"])
    >>> writer.writeheader()
    >>> writer.writerow({"graph": "x\\r=1+1", "nodes": 2})
    >>> writer.writerow({"graph": "olah", "nodes": 5})
    >>> out.getvalue()
    'graph,nodes\\n"x\\r=1+1","2"\\nolah,5\\n'
    """

    def __init__(self, out: TextIO, columns: Sequence[str]) -> None:
        self._plain = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore",
                                     lineterminator="\n")
        self._quoted = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore",
                                      lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writeheader(self) -> None:
        """Write the header line (the column names, plain)."""
        self._plain.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        """Write one row, each value through :func:`csv_cell`."""
        cells = {key: csv_cell(value) for key, value in row.items()}
        broken = any("\r" in cell or "\n" in cell for cell in cells.values())
        (self._quoted if broken else self._plain).writerow(cells)


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: Text that is a number already (an exact ``-3/10``, a ``-1e-05``): it stays as it is.
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(/\d+)?")


def csv_cell(value: Any) -> str:
    """One CSV field: empty for None, true/false, floats round-trip, integers exact.

    Text that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab or a
    line break) gets a leading ``'``, as spreadsheet tools expect; numbers never do. A line
    break inside a cell is quoted by :class:`RowWriter`.

    Examples
    --------
    >>> csv_cell(None), csv_cell(True), csv_cell(0.1), csv_cell(3 ** 40), csv_cell(-2.5)
    ('', 'true', '0.1', '12157665459056928801', '-2.5')
    >>> csv_cell("=1+1"), csv_cell("@SUM(A1)"), csv_cell("-3/10"), csv_cell("olah")
    ("'=1+1", "'@SUM(A1)", '-3/10', 'olah')
    """
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
