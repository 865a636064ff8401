"""``pathsum import jax MODULE:FUNCTION --at x=2,y=1``: another system's record of a function
as a formula file."""

from __future__ import annotations

import click

from ..errors import UsageError
from .options import output_option, write_text
from .parsing import check_output
from .target import at_option, load_function, parse_at, run_user_code, source_files

__all__ = ["import_group"]


@click.group("import")
def import_group() -> None:
    """Import a function from another system as a graph file (formula dialect)."""


@import_group.command("jax")
@click.argument("target", metavar="MODULE:FUNCTION")
@at_option
@click.option("--no-merge", "no_merge", is_flag=True,
              help="Faithful mode: one node per equation, none merged, none folded, so that "
                   "counts compare with AlphaGrad's and Graphax's.")
@output_option
def jax_command(target: str, at: tuple[str, ...], no_merge: bool, output: str | None) -> None:
    """Import a JAX function from its jaxpr (needs the pathsum[jax] extra).

    One node per equation of jax.make_jaxpr, in 64-bit floats: literals inlined, the same
    primitive on the same operands one node, equations of literals alone folded, jit/pjit,
    checkpoint and the primal functions of custom_jvp/custom_vjp inlined. Comparisons and
    jnp.where follow the point given by --at. --no-merge keeps every equation's own node (the
    graphs AlphaGrad and Graphax count on); the default, merged, is the cheaper graph of the
    same function.
    An array argument (--at 'x=[0.1,0.2]', --at 'W=[[1,2],[3,4]]') is one input per
    element, named x_0, x_1, W_0_0, ... (x[0], W[0,0]); array primitives (dot_general,
    reshape, reduce_sum, ...) expand into one node per element. A primitive with no pathsum
    formula is refused in one line naming it.

    \b
      pathsum import jax examples/lighthouse_jax.py:lighthouse \\
          --at nu=2,gamma=3,omega=0.5,t=0.7 -o lighthouse.yaml
    """
    check_output(output, "-o", source_files(target))
    values = parse_at(at, arrays=True)
    try:
        import jax  # noqa: F401  (only to say it is missing, before any work)

        from ..importers.jaxpr import from_jax
    except ImportError:
        raise UsageError("JAX is not installed: pip install 'pathsum[jax]' "
                         "(or pip install jax)") from None
    function = load_function(target)
    graph = run_user_code(target, lambda: from_jax(function, merge=not no_merge, **values))
    write_text(graph.to_yaml(), output)
