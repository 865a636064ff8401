"""One way to write any result: an analysis, a comparison or a stream of batch records, in
the format asked for.

The CLI hands every result to :func:`emit`; which renderer a format means is decided here
only (as in sqlite-utils). JSON and CSV are plain text on ``out``; tables are rich, on
stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from ..analysis import Analysis
from .csv_rows import (
    analysis_columns,
    analysis_rows,
    comparison_columns,
    comparison_rows,
    write_csv,
)
from .exact_json import dumps, sums_field, with_sums
from .record_streams import batch_writer
from .table import render_analysis

if TYPE_CHECKING:
    from ..explain import PathSum, Sweep

__all__ = ["FORMATS", "emit"]

#: The formats of each kind of result: an analysis, a comparison, batch records.
FORMATS: dict[str, tuple[str, ...]] = {
    "analysis": ("table", "json", "csv"),
    "comparison": ("table", "json", "csv"),
    "records": ("jsonl", "csv"),
}


def emit(result: Any, fmt: str, out: TextIO | None = None, *,
         engines: Sequence[str] = (), flush: bool = False,
         explanation: list[str] | None = None, sweeps: list[Sweep] | None = None,
         sums: Iterable[PathSum] | None = None) -> None:
    """Write a result in a format.

    Parameters
    ----------
    result : Analysis, Comparison or iterable of dict
        What to write: an analysis (from :func:`pathsum.analyze`), a comparison (from
        :mod:`pathsum.comparison`), or batch records (from :func:`pathsum.run_batch`), which
        are written one by one as they arrive.
    fmt : str
        One of :data:`FORMATS` for that kind of result: ``table``, ``json`` or ``csv``;
        ``jsonl`` or ``csv`` for records.
    out : text stream, optional
        Where JSON, JSON Lines and CSV go; default :data:`sys.stdout`. Tables always go to
        the terminal (stdout).
    engines : sequence of str
        For records: the engines run, which make the CSV header.
    flush : bool
        For records: flush ``out`` after each one (a reader sees them as they come).
    explanation, sweeps
        For an analysis as a table: the sums over paths and the sweeps to show, from
        :func:`pathsum.explain.explain` and :func:`pathsum.explain.sweeps`.
    sums : iterable of PathSum, optional
        For an analysis as JSON: the sums over named paths to add to the record as its
        ``sums`` (from :func:`pathsum.explain.path_sums`;
        :func:`~pathsum.reports.exact_json.sums_field` says their form).

    Raises
    ------
    ValueError
        For a format that the result does not have.

    Examples
    --------
    >>> import io
    >>> from pathsum import analyze, loads
    >>> out = io.StringIO()
    >>> emit(analyze(loads("inputs: [x]\\nedges: [[x, y, 2]]\\n"), ["reverse"]), "csv", out)
    >>> out.getvalue().splitlines()[0]
    'graph,engine,output,input,paths,derivative,mul,add,sweeps,enumerated,seconds,order,optimal,agree'
    >>> emit([{"graph": "g", "total_paths": 3 ** 40}], "jsonl", out := io.StringIO())
    >>> out.getvalue()
    '{"graph": "g", "total_paths": 12157665459056928801}\\n'
    """
    kind = _kind(result)
    if fmt not in FORMATS[kind]:
        raise ValueError(f"{kind} comes as {', '.join(FORMATS[kind])}, not {fmt!r}")
    if kind == "records":
        writer = batch_writer(fmt, out or sys.stdout, engines, flush=flush)
        writer.start()
        for record in result:
            writer.write(record)
    elif fmt == "json":
        record = result.to_dict() if kind == "analysis" else result.records()
        if sums is not None and kind == "analysis":
            record = with_sums(record, sums_field(result, sums))
        _echo(dumps(record), out)
    elif fmt == "csv":
        if kind == "analysis":
            write_csv(analysis_rows(result), analysis_columns(), out or sys.stdout)
        else:
            write_csv(comparison_rows(result), comparison_columns(result.engines),
                      out or sys.stdout)
    elif kind == "analysis":
        render_analysis(result, explanation=explanation, sweeps=sweeps)
    else:
        from .compare import render_comparison  # brings in the families: only when needed

        render_comparison(result)


def _kind(result: Any) -> str:
    if isinstance(result, Analysis):
        return "analysis"
    if isinstance(result, Iterable) and not isinstance(result, (str, bytes, dict)):
        return "records"
    return "comparison"


def _echo(text: str, out: TextIO | None) -> None:
    """A line of text, flushed, as ``click.echo`` writes it."""
    stream = out or sys.stdout
    stream.write(text + "\n")
    stream.flush()
