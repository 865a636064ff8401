"""The command line: a thin click layer over the library. No math lives here."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import PathsumError
from ..printable import printable
from ..signals import unwinding
from .analyze import analyze_command
from .batch import batch_command
from .compare import compare_command
from .draw import draw_command
from .generate import generate_command
from .imports import import_group
from .trace import trace_command

__all__ = ["main"]

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


main.add_command(analyze_command)
main.add_command(batch_command)
main.add_command(generate_command)
main.add_command(compare_command)
main.add_command(trace_command)
main.add_command(draw_command)
main.add_command(import_group)
