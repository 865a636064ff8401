"""``pathsum compare``: paths and every engine's cost, graph by graph, as a table, JSON, CSV
and a log-scale plot."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ..comparison import compare_family, compare_files
from ..errors import UsageError
from ..families import FAMILIES
from ..files import missing_reason
from ..printable import printable
from ..reports.formats import FORMATS, emit
from .family_options import family_options, family_request
from .options import (
    OUTPUT_FILE,
    arith_option,
    budget_option,
    engine_option,
    format_option,
    max_paths_option,
)
from .parsing import check_output, parse_engines, parse_sizes, search_options
from .progress import bar

__all__ = ["compare_command"]


@click.command("compare")
@click.argument("targets", nargs=-1, metavar="FAMILY | FILE...")
@click.option("--sizes", metavar="RANGE", default=None,
              help="Family sizes: 1..20, 1..20..2 (a step) or 1,2,5. Default: the family's "
                   "own range (diamond 1..20).")
@family_options(ranged=True)  # --sizes sets the size, so no --widths
@engine_option
@max_paths_option
@arith_option
@budget_option
@format_option(*FORMATS["comparison"])
@click.option("--plot", "plot_file", metavar="FILE.png|FILE.svg", default=None, type=OUTPUT_FILE,
              help="Also draw paths and each engine's mul+add against size, log scale; written "
                   "atomically, as -o is in pathsum batch --help.")
def compare_command(targets: tuple[str, ...], sizes: str | None, engines: tuple[str, ...],
                    max_paths: int, arith: str, budget: float | None, fmt: str,
                    plot_file: str | None, **given: Any) -> None:
    """Compare how paths and each engine's operations grow: a family over sizes, or files.

    One row per graph: nodes, edges, exact paths, then each engine's mul, add and time, and
    the path engine's operations over the reverse sweeps'. Above --max-paths the path engine
    is not run: its counts are derived exactly (marked *) and its time is estimated from the
    enumeration rate measured on the smaller graphs (marked ≈). Every row is timed warm:
    before the first, each engine runs once, untimed, on a small stand-in graph, so that no
    row's time includes an import or the process's first-call warm-up.

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
    options = search_options(chosen, budget)
    family = _family_target(targets)
    if plot_file is not None:
        from ..reports.plot import plot_format, require_matplotlib

        plot_format(plot_file)
        check_output(plot_file, "--plot", targets)
        require_matplotlib()
    if family is not None:
        fam, params, seed = family_request(family, given, ranged=True)
        size_list = parse_sizes(sizes if sizes is not None else fam.default_sizes)
        with bar(f"compare {family}", len(size_list)) as advance:
            comparison = compare_family(family, size_list, params=params, seed=seed,
                                        engines=chosen, max_paths=max_paths, arith=arith,
                                        options=options, on_row=lambda _row: advance(1))
    else:
        if sizes is not None:
            raise UsageError("--sizes goes with a FAMILY; files are compared as they are")
        for option, value in given.items():
            if value is not None:
                raise UsageError(f"--{option} goes with a FAMILY; files are compared as they are")
        with bar("compare", len(targets)) as advance:
            comparison = compare_files(targets, engines=chosen, max_paths=max_paths,
                                       arith=arith, options=options,
                                       on_row=lambda _row: advance(1))
    emit(comparison, fmt)
    if plot_file is not None:
        from ..reports.plot import plot_comparison

        plot_comparison(comparison, plot_file)
        click.echo(f"Wrote the plot to {printable(plot_file)}", err=True)
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
        if not os.path.exists(target) and os.path.lexists(target):
            raise UsageError(f"'{target}': {missing_reason(target)}")
        if not os.path.exists(target):
            raise UsageError(f"'{target}' is neither a family ({', '.join(FAMILIES)}) nor an "
                             "existing file")
    return None
