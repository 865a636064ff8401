"""``pathsum compare``: paths and every engine's cost, graph by graph, as a table, JSON, CSV
and a log-scale plot."""

from __future__ import annotations

import os
import sys
from typing import Any

import click
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from ..comparison import (
    Comparison,
    compare_family,
    compare_files,
    duration,
    flat_columns,
    parse_sizes,
)
from ..errors import UsageError
from ..families import FAMILIES
from ..reports import dumps, write_csv
from .generate import family_options, family_request
from .options import engine_option, format_option, max_paths_option, parse_engines
from .progress import bar

__all__ = ["compare_command"]


@click.command("compare")
@click.argument("targets", nargs=-1, metavar="FAMILY | FILE...")
@click.option("--sizes", metavar="RANGE", default=None,
              help="Family sizes: 1..20, 1..20..2 (a step) or 1,2,5. Default: the family's "
                   "own range (diamond 1..20).")
@family_options(exclude=("widths",))  # --sizes sets the depth
@engine_option
@max_paths_option
@format_option("table", "json", "csv")
@click.option("--plot", "plot_file", metavar="FILE.png|FILE.svg", default=None,
              help="Also draw paths and each engine's mul+add against size, log scale.")
def compare_command(targets: tuple[str, ...], sizes: str | None, engines: tuple[str, ...],
                    max_paths: int, fmt: str, plot_file: str | None, **given: Any) -> None:
    """Compare how paths and each engine's operations grow: a family over sizes, or files.

    One row per graph: nodes, edges, exact paths, then each engine's mul, add and time, and
    the path engine's operations over the reverse sweeps'. Above --max-paths the path engine
    is not run: its counts are derived exactly (marked *) and its time is estimated from the
    enumeration rate measured on the smaller graphs (marked ≈).

    The first argument is a family (see pathsum generate --help) or a graph file; to compare
    a file named like a family, write ./diamond. Exits 1 if the engines disagree on a graph.

    \b
    Examples:
      pathsum compare diamond --sizes 1..30 --plot blowup.png
      pathsum compare lattice --sizes 2..12 --format csv
      pathsum compare mlp --sizes 0..8 --width 4 --seed 1 --format json
      pathsum compare graphs/olah.yaml graphs/path-explosion.yaml
    """
    chosen = parse_engines(engines)
    family = _family_target(targets)
    if plot_file is not None:
        from ..reports.plot import plot_format, require_matplotlib

        plot_format(plot_file)
        require_matplotlib()
    if family is not None:
        fam, params, seed = family_request(family, given, size_option="--sizes",
                                           exclude=("widths",))
        size_list = parse_sizes(sizes if sizes is not None else fam.default_sizes)
        with bar(f"compare {family}", len(size_list)) as advance:
            comparison = compare_family(family, size_list, params=params, seed=seed,
                                        engines=chosen, max_paths=max_paths,
                                        on_row=lambda _row: advance(1))
    else:
        if sizes is not None:
            raise UsageError("--sizes goes with a FAMILY; files are compared as they are")
        for option, value in given.items():
            if value is not None:
                raise UsageError(f"--{option} goes with a FAMILY; files are compared as they are")
        with bar("compare", len(targets)) as advance:
            comparison = compare_files(targets, engines=chosen, max_paths=max_paths,
                                       on_row=lambda _row: advance(1))
    if fmt == "json":
        click.echo(dumps(comparison.records()))
    elif fmt == "csv":
        write_csv(comparison.flat_rows(), flat_columns(comparison.engines), sys.stdout)
    else:
        render(comparison)
    if plot_file is not None:
        from ..reports.plot import plot_comparison

        plot_comparison(comparison, plot_file)
        click.echo(f"Wrote the plot to {plot_file}", err=True)
    if not comparison.agree:
        sys.exit(1)


def _family_target(targets: tuple[str, ...]) -> str | None:
    """The family to compare, or None for files; refuses a mix, before any work."""
    if not targets:
        raise UsageError(f"compare needs a FAMILY ({', '.join(FAMILIES)}) or graph FILEs")
    families = [t for t in targets if t in FAMILIES]
    if families and len(targets) > 1:
        raise UsageError("compare takes one FAMILY or a list of FILEs, not both "
                         f"(got {', '.join(targets)}); to compare a file named like a family, "
                         f"write ./{families[0]}")
    if families:
        return families[0]
    for target in targets:
        if not os.path.exists(target):
            raise UsageError(f"'{target}' is neither a family ({', '.join(FAMILIES)}) nor an "
                             "existing file")
    return None


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


def render(comparison: Comparison, console: Console | None = None) -> None:
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
        cells = [row.label, str(rec["nodes"]), str(rec["edges"]), str(rec["total_paths"])]
        for engine in comparison.engines:
            entry = row.engines[engine]
            derived = entry.get("enumerated") is False
            derived_any |= derived
            if derived:
                estimate = entry.get("estimated_seconds")
                time = "no rate" if estimate is None else f"≈ {duration(estimate)}"
            else:
                time = duration(entry["seconds"])
            cells += [_count(entry["mul"], derived), _count(entry["add"], derived), time]
        if has_ratio:
            cells.append(_ratio(rec["path_over_reverse"]))
        table.add_row(*cells)
    if console is None:
        console = Console()
        if not console.is_terminal:  # a file or a pipe: never fold the numbers
            wide = Measurement.get(console, console.options.update_width(100_000), table)
            console = Console(width=max(80, wide.maximum))
    console.print(comparison.title, highlight=False)
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
    bad = [row.label for row in comparison.rows if not row.record["agree"]]
    if bad:
        console.print(f"[red]✗ the engines disagree on {first} {', '.join(bad)}; "
                      "--format json lists the Jacobians.[/red]")
    else:
        console.print(f"[green]✓ {', '.join(ran)} agree on every graph where they ran.[/green]")
