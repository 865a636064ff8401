"""CSV output: one flat row per (engine, output, input), with a header."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any, TextIO

from ..analysis import Analysis
from ..display import exact_text

__all__ = ["ANALYSIS_COLUMNS", "analysis_rows", "csv_cell", "write_csv"]

ANALYSIS_COLUMNS = ["graph", "engine", "output", "input", "paths", "derivative", "mul", "add",
                    "sweeps", "enumerated", "seconds", "order", "optimal", "agree"]


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
        for y, row in record["paths"].items():
            for x, count in row.items():
                jac = entry["jacobian"]
                rows.append({
                    "graph": record["graph"], "engine": engine, "output": y, "input": x,
                    "paths": count, "derivative": None if jac is None else jac[y][x],
                    "mul": entry["mul"], "add": entry["add"], "sweeps": entry.get("sweeps"),
                    "enumerated": entry.get("enumerated"), "seconds": entry["seconds"],
                    "order": _names(entry.get("order")), "optimal": entry.get("optimal"),
                    "agree": record["agree"],
                })
    return rows


def _names(order: list[str] | None) -> str | None:
    """An elimination order in one field: node names, space-separated (names are
    identifiers, so a space never occurs in one)."""
    return None if order is None else " ".join(order)


def write_csv(rows: Iterable[dict[str, Any]], columns: list[str], out: TextIO) -> None:
    """Write rows with a header; None becomes an empty field, integers stay exact."""
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_cell(v) for k, v in row.items()})


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Text that is a number already (an exact ``-3/10``, a ``-1e-05``): it stays as it is.
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?(/\d+)?")


def csv_cell(value: Any) -> str:
    """One CSV field: empty for None, true/false, floats round-trip, integers exact.

    Text that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab or a
    carriage return) gets a leading ``'``, as spreadsheet tools expect; numbers never do.

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
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text
