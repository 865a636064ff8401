"""The command line: a thin click layer over the library. No math lives here."""

from __future__ import annotations

import difflib
import gc
import io
import os
import sys
from importlib import import_module
from typing import Any

import click

from .. import __version__
from ..errors import PathsumError
from ..gcpause import paused_gc
from ..limits import check_environment
from ..printable import printable
from ..signals import unwinding

__all__ = ["COMMANDS", "main"]

#: name -> (module in pathsum.cli, the click command in it, the first line of its help).
#: A command's module is imported only when that command runs (or shows its own help):
#: they import numpy, scipy and networkx, which cost ~0.7 s of CPU that ``pathsum --help``
#: has no use for. tests/test_startup.py keeps the lines here equal to the commands' own.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "analyze": ("analyze", "analyze_command",
                "Analyse one graph: path counts, each engine's Jacobian and its mul/add."),
    "batch": ("batch", "batch_command",
              "Analyse many graph files: one record per graph, in input order."),
    "compare": ("compare", "compare_command",
                ("Compare how paths and each engine's operations grow: a family over sizes, "
                 "or files.")),
    "draw": ("draw", "draw_command",
             ("Draw a graph bottom to top as the post does: partials on the edges, formulas "
              "and\nvalues on the nodes.")),
    "generate": ("generate", "generate_command",
                 "Write a member of a graph family as pathsum YAML (to stdout, or -o FILE)."),
    "import": ("imports", "import_group",
               "Import a function from another system as a graph file (formula dialect)."),
    "trace": ("trace", "trace_command",
              "Trace a Python function of scalars into a graph file (formula dialect)."),
}

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _OneLineUsageError(click.ClickException):
    """A usage error shown as click shows it, less the usage and ``Try --help`` lines."""

    exit_code = 2


#: ``pathsum`` alone prints its help (click >= 8.2 raises this for it); that is no error.
_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _one_line(err: click.UsageError) -> click.ClickException:
    if isinstance(err, _HELP):
        return err
    # An option's value is echoed back: escape what it carries (issue 10: no ANSI injection).
    return _OneLineUsageError(printable(" ".join(err.format_message().split())))


class PathsumGroup(click.Group):
    """Turns library errors into one-line messages and exit codes; no tracebacks.

    Usage errors that click finds (a bad option value, a missing argument) are one line
    too, exactly like those the library raises: ``Error: ...``, exit 2.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """The command ``args`` begin with; a misspelt one is refused with the nearest
        name (``pathsum analize``: did you mean analyze?)."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            known = self.list_commands(ctx)
            close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else f"the commands: {', '.join(known)}"
            raise click.UsageError(f"no such command '{name}'; {hint}", ctx)
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            module, attribute, _help = COMMANDS[name]
            with paused_gc():
                command = getattr(import_module(f"{__name__}.{module}"), attribute)
                if _OWN_PROCESS:
                    # What the import built lives as long as the process: no collection
                    # needs to scan it again (about 20 ms of a small graph's ~0.3 s,
                    # issue 10). Only in pathsum's own process: freezing would also keep a
                    # host program's garbage of the moment forever.
                    gc.freeze()
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``pathsum --help``, from :data:`COMMANDS`: no command is
        imported to list it."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            if name in COMMANDS and name not in self.commands:
                # A bare Command shortens the help as the real one will (public API, unlike
                # click.utils.make_default_short_help, deprecated in click 8.5).
                said = click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit)
            else:
                said = self.commands[name].get_short_help_str(limit)
            rows.append((name, said))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as err:
            raise _one_line(err) from None

    def invoke(self, ctx: click.Context):
        try:
            # SIGTERM, SIGHUP, ... unwind like Ctrl-C: temporary files and workers are
            # cleaned up, and the exit status is 128 + the signal (143, 129, ...).
            with unwinding():
                check_environment()  # a bad PATHSUM_MAX_* is refused whatever the command
                return super().invoke(ctx)
        except click.UsageError as err:
            raise _one_line(err) from None
        except PathsumError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(2)
        except MemoryError:
            # Refused sizes catch most of this before any work (pathsum.limits); what is left
            # (a dense file under the byte limit, a huge --max-paths run) ends here, not in a
            # traceback.
            click.echo("Error: out of memory: the graph or the work asked for is too large "
                       "for this machine (see Limits and safety in the README)", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (e.g. `| head`); say nothing more on a closed pipe.
            sys.stderr.close()
            ctx.exit(1)
        except OSError as err:  # writing an output file: disk full, no permission, ...
            said = err.strerror or str(err)
            said = f"{err.filename}: {said}" if err.filename else said
            click.echo(f"Error: {printable(said)}", err=True)
            ctx.exit(2)


class _StdoutClosed(Exception):
    """Output was written to a standard output that the process was started without."""


class _ClosedStdout(io.RawIOBase):
    """Under ``sys.stdout`` when the process starts with file descriptor 1 closed (``>&-``):
    Python sets it to None, and ``print``, ``click.echo`` and rich then drop the output
    without a word, exit 0 (issue 19 row 20). Writing here raises instead; a command that
    writes only to ``-o FILE`` runs as usual."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if len(data):
            raise _StdoutClosed
        return 0


#: Whether the process is the ``pathsum`` command's own (set by :func:`run`), rather than a
#: program or test that calls :func:`main`.
_OWN_PROCESS = False


def run() -> None:
    """The ``pathsum`` command itself: the console script and ``python -m pathsum``."""
    global _OWN_PROCESS
    _OWN_PROCESS = True
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(_ClosedStdout(), encoding="utf-8", write_through=True)
    for name in ("COLUMNS", "LINES"):
        # rich reads these with str.isdigit, which takes "²" that int() then refuses (a
        # traceback, issue 19 row 10): a size that is not plain digits is no size at all.
        value = os.environ.get(name)
        if value is not None and not (value.isascii() and value.isdigit()):
            del os.environ[name]
    try:
        main(prog_name="pathsum")
    except _StdoutClosed:
        click.echo("Error: cannot write output: stdout is closed", err=True)
        sys.exit(1)


@click.group(cls=PathsumGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="pathsum")
def main() -> None:
    """pathsum: derivatives on a computational graph as sums over paths, and what they cost.

    Every derivative is a sum, over input-to-output paths, of products of edge partials.
    The path engine writes that sum out; forward and reverse mode factor it through the
    nodes. pathsum runs them, checks that they agree and counts their operations.

    \b
    Start with:  pathsum analyze graphs/olah.yaml
    """
