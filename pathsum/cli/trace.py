"""``pathsum trace MODULE:FUNCTION --at x=2,y=1``: a Python function's graph as a formula file."""

from __future__ import annotations

import click

from .options import output_option, write_text
from .parsing import check_output
from .target import at_option, load_function, parse_at, run_user_code, source_files

__all__ = ["trace_command"]


@click.command("trace")
@click.argument("target", metavar="MODULE:FUNCTION")
@at_option
@output_option
def trace_command(target: str, at: tuple[str, ...], output: str | None) -> None:
    """Trace a Python function of scalars into a graph file (formula dialect).

    The function runs once, on traced values: every arithmetic operation and call of a
    pathsum.fn function (sin, tanh, atan2, max, ... as in math) becomes one node, a
    reassignment a new node, and loops unroll. An operation a graph cannot express
    (math.sin on a traced value, %, round) is refused in one line naming it.

    \b
    MODULE is imported from the current directory, or is a path to a .py file:
      pathsum trace examples/lighthouse.py:lighthouse --at nu=2,gamma=3,omega=0.5,t=0.7
      pathsum trace mymodule:f --at x=2,y=1 -o f.yaml && pathsum analyze f.yaml
    """
    from ..trace import trace  # only this command needs it

    check_output(output, "-o", source_files(target))
    values = parse_at(at)
    function = load_function(target)
    graph = run_user_code(target, lambda: trace(function, **values))
    write_text(graph.to_yaml(), output)
