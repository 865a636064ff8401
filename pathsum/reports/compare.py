"""The rich table a person reads after ``pathsum compare``."""

from __future__ import annotations

import os
from typing import Any

from rich.console import Console, JustifyMethod
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from ..comparison import Comparison
from ..display import duration, rate_text, ratio_text, unlimited_digits
from ..printable import printable, shorten
from .table import fitted_console

__all__ = ["render_comparison"]

#: A column: header, justification, its cells, and when it is dropped to fit a narrow width
#: (lower first; None: always kept). Numbers are never folded mid-digit.
Column = tuple[str, JustifyMethod, list[Any], int | None]


@unlimited_digits()
def _table(columns: list[Column]) -> Table:
    table = Table()
    for header, justify, _cells, _drop in columns:
        table.add_column(header, justify=justify, no_wrap=True)
    for row in zip(*(cells for _h, _j, cells, _d in columns), strict=True):
        table.add_row(*row)
    return table


def render_comparison(comparison: Comparison, console: Console | None = None) -> None:
    """Print the comparison as a table, dropping columns to fit (times, then nodes, edges,
    adds, the ratio), its footnotes and the agreement line."""
    first = comparison.size_name or "graph"
    columns: list[Column] = [
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
        cells = [Text(shorten(row.label)), str(rec["nodes"]), str(rec["edges"]),
                 str(rec["total_paths"])]
        for engine in comparison.engines:
            entry = row.engines[engine]
            derived = entry.get("enumerated") is False
            derived_any |= derived
            if not derived:
                time = duration(entry["seconds"])
            elif entry.get("estimated_seconds") is not None:
                time = f"≈ {duration(entry['estimated_seconds'])}"
            else:  # no rate measured, or an estimate beyond a float's range
                time = "no rate" if comparison.rate is None else "≈ ∞"
            star = "*" if derived else ""
            cells += [f"{entry['mul']}{star}", f"{entry['add']}{star}", time]
        if has_ratio:
            cells.append(ratio_text(rec["path_over_reverse"]))
        for column, cell in zip(columns, cells, strict=True):
            column[2].append(cell)
    width: int | None
    if console is not None:
        width = console.width
    else:  # the terminal's width, or COLUMNS when piped (else no limit)
        console = fitted_console(_table(columns))
        raw = os.environ.get("COLUMNS", "")  # isascii: str.isdigit takes "²", int() not
        width = console.width if console.is_terminal else \
            int(raw) if raw.isascii() and raw.isdigit() and int(raw) > 0 else None
    kept, dropped = list(columns), []
    wide = console.options.update_width(100_000)
    order = sorted((c for c in columns if c[3] is not None), key=lambda c: c[3] or 0)
    table = _table(kept)
    while width is not None and order and Measurement.get(console, wide, table).maximum > width:
        column = order.pop(0)
        kept.remove(column)
        dropped.append(" ".join(column[0].split()))
        table = _table(kept)
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
    if len(comparison.engines) < 2:
        return
    bad = [shorten(row.label) for row in comparison.rows if not row.record["agree"]]
    if bad:
        console.print(Text(f"✗ the engines disagree on {first} {', '.join(bad)}; "
                           "--format json lists the Jacobians.", style="red"))
    else:
        console.print(f"[green]✓ {', '.join(comparison.engines)} agree on every graph where "
                      "they ran.[/green]")
