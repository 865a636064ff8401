"""The command line: a thin click group over the library; no math lives here."""

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

__all__ = ["COMMANDS", "OneLineError", "main", "run"]

#: name -> (module in pathsum.cli, its click command, the first line of its help): a
#: command's module (numpy, networkx, ...) is imported only when it runs or shows its help,
#: not for ``pathsum --help``. tests/test_startup.py keeps these lines equal to the commands'.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "analyze": ("analyze", "analyze_command",
                "Analyse one graph: path counts, each engine's Jacobian and its mul/add."),
    "batch": ("batch", "batch_command",
              "Analyse many graph files: one record per graph, in input order."),
    "compare": ("families", "compare_command", ("Compare how paths and each engine's operations "
                "grow: a family over sizes, or files.")),
    "draw": ("analyze", "draw_command", ("Draw a graph bottom to top as the post does: partials on "
             "the edges, formulas and\nvalues on the nodes.")),
    "generate": ("families", "generate_command",
                 "Write a member of a graph family as pathsum YAML (to stdout, or -o FILE)."),
    "import": ("trace", "import_group",
               "Import a function from another system as a graph file (formula dialect)."),
    "trace": ("trace", "trace_command",
              "Trace a Python function of scalars into a graph file (formula dialect)."),
}

class OneLineError(click.ClickException):
    """``Error: ...`` in one line, exit 2: no usage, no ``Try --help``, no traceback."""

    exit_code = 2

def _one_line(err: click.UsageError) -> click.ClickException:
    """A usage error in one line; ``pathsum`` alone (NoArgsIsHelpError) prints its help."""
    if isinstance(err, getattr(click.exceptions, "NoArgsIsHelpError", ())):
        return err
    # An option's value is echoed back: escape what it carries (issue 10: no ANSI injection).
    return OneLineError(printable(" ".join(err.format_message().split())))

def _echo_exit(ctx: click.Context, message: str, code: int = 2) -> None:
    click.echo(message, err=True)
    ctx.exit(code)

class PathsumGroup(click.Group):
    """Loads commands on use and turns every error into one line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
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
                    # What the import built lives as long as the process: no collection need
                    # scan it again (~20 ms, issue 10); never a host program's garbage.
                    gc.freeze()
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        rows = [(name, (click.Command(name, help=COMMANDS[name][2])
                        if name in COMMANDS and name not in self.commands
                        else self.commands[name]).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as err:
            raise _one_line(err) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with unwinding():  # SIGTERM, SIGHUP unwind like Ctrl-C; exit 128 + the signal
                check_environment()  # a bad PATHSUM_MAX_* is refused whatever the command
                return super().invoke(ctx)
        except click.UsageError as err:
            raise _one_line(err) from None
        except PathsumError as err:
            _echo_exit(ctx, f"Error: {err}")
        except MemoryError:
            _echo_exit(ctx, "Error: out of memory: the graph or the work asked for is too "
                       "large for this machine (see Limits and safety in the README)")
        except KeyboardInterrupt:
            _echo_exit(ctx, "Interrupted.", 130)
        except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
            sys.stderr.close()
            ctx.exit(1)
        except OSError as err:  # writing an output file: disk full, no permission, ...
            said = err.strerror or str(err)
            said = f"{err.filename}: {said}" if err.filename else said
            _echo_exit(ctx, f"Error: {printable(said)}")

class _StdoutClosed(Exception):
    """Output was written to a standard output the process was started without."""

class _ClosedStdout(io.RawIOBase):
    """stdout when fd 1 is closed (``>&-``): writing raises instead of vanishing (issue 19)."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if len(data):
            raise _StdoutClosed
        return 0

_OWN_PROCESS = False

def run() -> None:
    """The ``pathsum`` command itself: the console script and ``python -m pathsum``."""
    global _OWN_PROCESS
    _OWN_PROCESS = True
    if sys.stdout is None:
        sys.stdout = io.TextIOWrapper(_ClosedStdout(), encoding="utf-8", write_through=True)
    for name in ("COLUMNS", "LINES"):
        # rich reads these with str.isdigit, which takes "²" that int() then refuses.
        if not ((value := os.environ.get(name, "0")).isascii() and value.isdigit()):
            del os.environ[name]
    try:
        main(prog_name="pathsum")
    except _StdoutClosed:
        click.echo("Error: cannot write output: stdout is closed", err=True)
        sys.exit(1)

@click.group(cls=PathsumGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="pathsum")
def main() -> None:
    """pathsum: derivatives on a computational graph as sums over paths, and what they cost.

    Every derivative is a sum, over input-to-output paths, of products of edge partials.
    The path engine writes that sum out; forward and reverse mode factor it through the
    nodes. pathsum runs them, checks that they agree and counts their operations.

    \b
    Start with:  pathsum analyze graphs/olah.yaml
    """
