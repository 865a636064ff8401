"""The command line: a thin click layer over the library. No math lives here."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import PathsumError
from .analyze import analyze_command
from .batch import batch_command
from .compare import compare_command
from .generate import generate_command

__all__ = ["main"]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class PathsumGroup(click.Group):
    """Turns library errors into one-line messages and exit codes; no tracebacks."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PathsumError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # The reader went away (e.g. `| head`); say nothing more on a closed pipe.
            sys.stderr.close()
            ctx.exit(1)


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
