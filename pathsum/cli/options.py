"""Options shared by several commands, so that they mean the same thing everywhere (their
values are turned into the library's arguments in :mod:`pathsum.cli.parsing`)."""

from __future__ import annotations

import sys

import click

from ..analysis import DEFAULT_ENGINES, DEFAULT_MAX_PATHS
from ..arith import ARITHMETICS, arithmetic
from ..atomic import is_stdout, open_output
from ..engines import ENGINES
from ..errors import UsageError

__all__ = [
    "OUTPUT_FILE",
    "OUTPUT_HELP",
    "arith_option",
    "budget_option",
    "engine_option",
    "format_option",
    "max_paths_option",
    "output_option",
    "save_order_option",
    "show_progress",
    "write_text",
]


def format_option(*choices: str, default: str = "table",
                  help_: str = "table for people; json or csv for scripts."):
    """The shared ``--format`` option."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help=help_)


engine_option = click.option(
    "--engine", "-e", "engines", multiple=True, metavar="NAME[,NAME]",
    help=f"Engines to run (repeat or comma-separate): {', '.join(ENGINES)}. "
         f"Default: {', '.join(DEFAULT_ENGINES)}.",
)

max_paths_option = click.option(
    "--max-paths", type=click.IntRange(min=0), default=DEFAULT_MAX_PATHS, show_default=True,
    help="Do not enumerate when the graph has more paths than this; derive the path "
         "engine's counts instead.",
)


def _check_arith(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        arithmetic(value)  # symbolic without sympy: the install hint, before any work
    except UsageError as err:
        raise click.UsageError(err.message) from None
    return value


arith_option = click.option(
    "--arith", type=click.Choice(ARITHMETICS), default="float", show_default=True,
    callback=_check_arith,
    help="Arithmetic of values and partials: float; exact (fractions read from the "
         "literal text, 0.1 is 1/10); symbolic (sympy: inputs listed without values and "
         "named partials stay symbols; needs pathsum[symbolic]).",
)


budget_option = click.option(
    "--budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
    help="How long eliminate-search (or eliminate-edge-search) may search before it "
         "returns the best order found "
         "(default 10; the record says whether that order is proven optimal).",
)


#: What -o does, for every command that has it.
OUTPUT_HELP = ("Write here instead of stdout, atomically (a symlink's target is replaced, the "
               "link kept). A device or FIFO is refused; -, /dev/stdout, /dev/stderr, /dev/null "
               "and /dev/fd/N are written directly.")

#: For an output file option: a folder or an unwritable file is refused by click, in one line.
OUTPUT_FILE = click.Path(dir_okay=False, writable=True, allow_dash=True)

#: ``-o/--output FILE`` of the commands that write stdout otherwise.
output_option = click.option("--output", "-o", "output", metavar="FILE", default=None,
                             type=OUTPUT_FILE, help=OUTPUT_HELP)


#: ``--save-order FILE`` of ``analyze``: checked as ``-o`` is, in ``parsing.saved_order``.
save_order_option = click.option(
    "--save-order", "save_file", metavar="FILE", default=None, type=OUTPUT_FILE,
    help="Write the order used by the one eliminate-* engine run, as a list of node names "
         "(of eliminations front:i->j, back:i->j for the edge engines) that --order replays "
         "(replaced atomically, as -o is).")


def write_text(text: str, output: str | None) -> None:
    """Write to stdout, or to the ``-o FILE`` of :data:`output_option` atomically."""
    if is_stdout(output):
        click.echo(text, nl=False)
        return
    with open_output(output) as handle:
        handle.write(text)


def show_progress() -> bool:
    """Progress bars only for a person at a terminal; never on a pipe or in CI logs."""
    return sys.stderr.isatty()
