"""The rich table a person reads after ``pathsum compare``."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..comparison import Comparison, duration
from ..numbers import unlimited_digits
from ..printable import printable, shorten
from .table import fitted_console

__all__ = ["render_comparison"]


def _count(row_value: int, derived: bool) -> str:
    return f"{row_value}*" if derived else str(row_value)


def _ratio(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 10:
        return f"{value:.2f}"
    if value < 1e6:
        return f"{value:,.0f}"
    return f"{value:#.3g}"


@unlimited_digits()
def render_comparison(comparison: Comparison, console: Console | None = None) -> None:
    """Print the comparison as a table, its footnotes and the agreement line."""
    first = comparison.size_name or "graph"
    table = Table()
    # On a narrow terminal rich squeezes columns: fold long numbers, never cut them short.
    table.add_column(first, justify="right" if comparison.family else "left", overflow="fold")
    for column in ("nodes", "edges", "paths"):
        table.add_column(column, justify="right", overflow="fold")
    for engine in comparison.engines:
        for what in ("mul", "add", "time"):
            table.add_column(f"{engine}\n{what}", justify="right", overflow="fold")
    has_ratio = "path" in comparison.engines and "reverse" in comparison.engines
    if has_ratio:
        table.add_column("path ops /\nreverse ops", justify="right", overflow="fold")
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
            cells.append(_ratio(rec["path_over_reverse"]))
        table.add_row(*cells)
    if console is None:
        console = fitted_console(table)
    console.print(Text(printable(comparison.title)))
    console.print(table)
    if derived_any:
        note = (f"* derived from the exact path counts, not enumerated: more than --max-paths "
                f"{comparison.max_paths:,} paths.")
        if comparison.rate is not None:
            rate = comparison.rate
            said = f"{rate / 1e6:.3g} million" if rate >= 1e6 else f"{rate:,.0f}"
            note += (f" ≈ estimated at {said} path edges/s, the enumeration rate measured on "
                     f"{comparison.rate_basis} ({duration(comparison.rate_seconds)} of "
                     "enumeration).")
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
