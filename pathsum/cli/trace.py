"""``pathsum trace`` and ``pathsum import jax``: a Python function as a formula file."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import PathsumError, UsageError
from .options import check_output, output_option, parse_sets, split_items, write_text

__all__ = ["import_group", "parse_at", "trace_command"]

T = TypeVar("T")

at_option = click.option(
    "--at", "at", multiple=True, required=True, metavar="NAME=VALUE[,NAME=VALUE...]",
    help="The inputs and the point: the function's parameters to differentiate with respect "
         "to, with their values (repeat or comma-separate). Parameters not given keep their "
         "defaults, as constants.")

def parse_at(values: tuple[str, ...], *, arrays: bool = False) -> dict[str, Any]:
    """``--at x=2,y=1`` (or repeated) as ``{"x": 2.0, "y": 1.0}``; ``x=[1,2]`` with arrays."""
    return parse_sets([part for value in values for part in split_items(value)],
                      option="--at", arrays=arrays)

def _is_file(module: str) -> bool:
    return module.endswith(".py") or os.sep in module or "/" in module

def source_files(spec: str) -> list[str]:
    """The files ``MODULE:FUNCTION`` may be read from, which an output must not replace."""
    module = spec.rpartition(":")[0]
    stem = module.replace(".", "/")
    return [module] if _is_file(module) else [module, f"{stem}.py", f"{stem}/__init__.py"]

def load_function(spec: str) -> Callable[..., Any]:
    """The function ``MODULE:FUNCTION`` names (``FUNCTION`` may be ``Class.method``)."""
    module_part, sep, attribute = spec.rpartition(":")
    if not sep or not module_part or not attribute:
        raise UsageError(f"'{spec}' is not MODULE:FUNCTION (e.g. mymodule:f or path/to/f.py:f)")
    target: Any = run_user_code(spec, lambda: _import(module_part))
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            raise UsageError(f"{spec}: '{module_part}' has no '{attribute}'") from None
    if not callable(target):
        raise UsageError(f"{spec}: '{attribute}' is a {type(target).__name__}, not a function")
    return target

def _import(name: str) -> Any:
    """A module as ``python -c "import MODULE"`` here would import it, or a .py file."""
    if _is_file(name):
        path = Path(name).resolve()
        if not path.is_file():
            raise UsageError(f"no such file: {name}")
        if str(path.parent) not in sys.path:
            sys.path.insert(0, str(path.parent))  # its sibling modules import, as when run
        # Under its own name, so that a file called json.py never replaces json.
        name = f"_pathsum_target_{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None  # a .py file always has both
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    if "" not in sys.path and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # the console script does not put it there
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name is not None and (name == err.name or name.startswith(err.name + ".")):
            raise UsageError(f"no module named '{name}' (in the current directory or on "
                             "sys.path; give a path to a .py file instead?)") from None
        raise

def run_user_code(spec: str, call: Callable[[], T]) -> T:
    """Run ``call``; the user's code failing becomes one line naming its place."""
    try:
        return call()
    except PathsumError:
        raise
    except Exception as err:  # noqa: BLE001 (the user's module or function failed, its own way)
        frames = traceback.extract_tb(err.__traceback__)
        where = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
        said = " ".join(str(err).split())
        raise UsageError(f"{spec}: {type(err).__name__}: {said}{where}") from None

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
    from ..trace import trace
    check_output(output, "-o", source_files(target))
    values = parse_at(at)
    function = load_function(target)
    write_text(run_user_code(target, lambda: trace(function, **values)).to_yaml(), output)

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
