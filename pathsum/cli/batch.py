"""``pathsum batch``: many graphs, one record each, for scripts."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Generator, Iterator
from typing import Any, cast

import click

from ..atomic import is_stdout, open_output
from ..local_workers import JOBS_PER_CORE, cpu_count, worker_count
from ..many_files import expand_paths, run_batch
from ..reports.formats import FORMATS, emit
from . import OneLineError
from . import options as opts

__all__ = ["batch_command"]

@click.command("batch")
@click.argument("paths", metavar="PATH...", nargs=-1, required=True)
@opts.format_option(*FORMATS["records"], default="jsonl",
                    help_="jsonl: the JSON record of each graph, one per line; csv: one flat "
                          "row per graph.")
@opts.output_option
@opts.engine_option
@opts.max_paths_option
@opts.arith_option
@opts.budget_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help=f"Local worker processes; 0 means one per core. Capped at {JOBS_PER_CORE} per "
                   "core and one per file, with a note on stderr.  [default: 1]")
@click.option("--dask", "dask_address", metavar="ADDRESS",
              help="Run on this Dask distributed scheduler (tcp://host:8786) instead; needs "
                   "pip install 'pathsum[dask]'.")
def batch_command(paths: tuple[str, ...], fmt: str, output: str | None,
                  engines: tuple[str, ...], max_paths: int, arith: str, budget: float | None,
                  jobs: int | None, dask_address: str | None) -> None:
    """Analyse many graph files: one record per graph, in input order.

    PATH is a graph file, a directory (searched recursively for *.yaml, *.yml and *.json,
    in sorted order), or - to read paths from stdin, one per line. A named PATH that does
    not exist is bad usage (exit 2, before any work); a file that fails to load or analyse
    becomes a record with an "error" field and the run goes on.

    Exits 0 when every graph was analysed, 1 when any record has an error, 2 on bad usage.

    \b
    Examples:
      pathsum batch graphs/ > records.jsonl
      pathsum batch graphs/ --format csv -o out.csv --jobs 2
      find runs -name '*.yaml' | pathsum batch - --format csv
      pathsum batch graphs/ --dask tcp://scheduler:8786 -o out.jsonl
      pathsum batch graphs/ -e eliminate-search --budget 5 --format csv
    """
    chosen = opts.parse_engines(engines)
    options = opts.search_options(chosen, budget)
    if jobs is not None and dask_address is not None:
        raise click.UsageError("--jobs and --dask exclude each other: on Dask the cluster's "
                               "workers are the parallelism")
    files = expand_paths(paths)
    opts.check_output(output, "-o", files)
    output = None if is_stdout(output) else output
    workers = worker_count(jobs, len(files)) if jobs else 0
    if jobs and workers < jobs:
        why = ("one per file" if workers == len(files) else
               f"at most {JOBS_PER_CORE} per core, on {cpu_count()} cores")
        click.echo(f"Note: --jobs {jobs} runs {workers} worker processes ({why}).", err=True)
    records = run_batch(files, chosen, max_paths, jobs=1 if jobs is None else jobs,
                        dask=dask_address, arith=arith, options=options)
    stdout = sys.stdout  # before any progress display redirects it
    failed = 0

    def tally(advance: Callable[[int], None]) -> Iterator[dict[str, Any]]:
        nonlocal failed
        for record in records:
            yield record
            failed += "error" in record
            advance(1)
    try:
        # Records printed on the terminal are their own progress; a bar would garble them.
        # run_batch yields from a generator: closing it stops and cleans up the workers.
        with contextlib.closing(cast(Generator[dict[str, Any], None, None], records)), \
                open_output(output, newline="", stdout=stdout) as out, \
                opts.progress("batch", len(files),
                              show=output is not None or not stdout.isatty()) as advance:
            emit(tally(advance), fmt, out, engines=chosen, flush=output is None)
    except BrokenPipeError:
        raise  # the reader went away; the group says nothing more
    except OSError as err:  # disk full, output folder gone, ...
        kept = "" if output is None else f" and {output} was left as it was"
        raise OneLineError(f"{err}; the batch stopped{kept}") from None
    if failed:
        click.echo(f"{failed} of {len(files)} graph files failed; their records carry an "
                   "'error' field.", err=True)
        sys.exit(1)

