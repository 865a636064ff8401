"""The rich table a person reads after ``pathsum compare``."""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..comparison import Comparison
from ..display import duration, rate_text, ratio_text, unlimited_digits
from ..printable import printable, shorten
from .table import fitted_console

__all__ = ["render_comparison"]


def _count(row_value: int, derived: bool) -> str:
    return f"{row_value}*" if derived else str(row_value)


@unlimited_digits()
def _table(columns: list[tuple[str, str, list[Any], int | None]]) -> Table:
    table = Table()
    for header, justify, _cells, _drop in columns:
        table.add_column(header, justify=justify, no_wrap=True)
    for row in zip(*(cells for _h, _j, cells, _d in columns), strict=True):
        table.add_row(*row)
    return table


def _asked_width(console: Console) -> int | None:
    """The width to fit: the terminal's, or ``COLUMNS`` when piped (else no limit)."""
    if console.is_terminal:
        return console.width
    raw = os.environ.get("COLUMNS", "")
    # isascii: str.isdigit also takes "²", which int() refuses.
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) > 0 else None


def _fitted(columns: list[tuple[str, str, list[Any], int | None]], console: Console,
            width: int | None) -> tuple[Table, list[str]]:
    """The table with the fewest columns dropped (times, then nodes, edges, adds, the ratio)
    that fits ``width``: a number is never broken over two lines."""
    kept = list(columns)
    dropped: list[str] = []
    wide = console.options.update_width(100_000)
    order = sorted((c for c in columns if c[3] is not None), key=lambda c: c[3])
    table = _table(kept)
    while width is not None and order and \
            Measurement.get(console, wide, table).maximum > width:
        column = order.pop(0)
        kept.remove(column)
        dropped.append(" ".join(column[0].split()))
        table = _table(kept)
    return table, dropped


def render_comparison(comparison: Comparison, console: Console | None = None) -> None:
    """Print the comparison as a table, its footnotes and the agreement line."""
    first = comparison.size_name or "graph"
    # Each column: header, justification, its cells, and when it is dropped to fit a narrow
    # width (lower first; None: always kept). Numbers are never folded mid-digit.
    columns: list[tuple[str, str, list[Any], int | None]] = [
        (first, "right" if comparison.family else "left", [], None),
        ("nodes", "right", [], 1), ("edges", "right", [], 2), ("paths", "right", [], None)]
    for engine in comparison.engines:
        columns += [(f"{engine}\nmul", "right", [], None), (f"{engine}\nadd", "right", [], 3),
                    (f"{engine}\ntime", "right", [], 0)]
    has_ratio = "path" in comparison.engines and "reverse" in comparison.engines
    if has_ratio:
        columns.append(("path ops /\nreverse ops", "right", [], 4))
    derived_any = False
    for row in comparison.rows:
        rec = row.record
        cells = [Text(shorten(row.label)), str(rec["nodes"]), str(rec["edges"]), str(rec["total_paths"])]
        for engine in comparison.engines:
            entry = row.engines[engine]
            derived = entry.get("enumerated") is False
            derived_any |= derived
            if derived:
                estimate = entry.get("estimated_seconds")
                if estimate is not None:
                    time = f"≈ {duration(estimate)}"
                else:  # no rate measured, or an estimate beyond a float's range
                    time = "no rate" if comparison.rate is None else "≈ ∞"
            else:
                time = duration(entry["seconds"])
            cells += [_count(entry["mul"], derived), _count(entry["add"], derived), time]
        if has_ratio:
            cells.append(ratio_text(rec["path_over_reverse"]))
        for column, cell in zip(columns, cells, strict=True):
            column[2].append(cell)
    if console is None:
        console = fitted_console(_table(columns))
        width = _asked_width(console)
    else:
        width = console.width
    table, dropped = _fitted(columns, console, width)
    console.print(Text(printable(comparison.title)))
    console.print(table)
    if dropped:
        console.print(f"Left out to fit {width} columns: {', '.join(dropped)} (a wider "
                      "terminal, COLUMNS=200, or --format csv shows them).", soft_wrap=True,
                      highlight=False, markup=False)
    if derived_any:
        note = (f"* derived from the exact path counts, not enumerated: more than --max-paths "
                f"{comparison.max_paths:,} paths.")
        if comparison.rate is not None:
            note += (f" ≈ estimated at {rate_text(comparison.rate)} path edges/s, the "
                     f"enumeration rate measured on {comparison.rate_basis} "
                     f"({duration(comparison.rate_seconds)} of enumeration).")
        else:
            note += (" No time estimate: no graph was enumerated, so no rate was measured "
                     "(raise --max-paths to enumerate the smaller ones).")
        console.print(note, soft_wrap=True, highlight=False)
    ran = comparison.engines
    if len(ran) < 2:
        return
    bad = [shorten(row.label) for row in comparison.rows if not row.record["agree"]]
    if bad:
        console.print(Text(f"✗ the engines disagree on {first} {', '.join(bad)}; "
                           "--format json lists the Jacobians.", style="red"))
    else:
        console.print(f"[green]✓ {', '.join(ran)} agree on every graph where they ran.[/green]")
