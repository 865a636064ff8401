"""The options several commands share, checked and turned into the library's arguments."""

from __future__ import annotations

import ast
import contextlib
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
from typing import Any

import click

from ..analysis import DEFAULT_ENGINES, DEFAULT_MAX_PATHS
from ..arith import ARITHMETICS, arithmetic
from ..atomic import check_output_path, is_stdout, open_output
from ..engines import BUDGETED, ENGINES, ORDERED, EngineOptions, check_request
from ..errors import PathsumError, UsageError
from ..printable import shorten

__all__ = ["OUTPUT_FILE", "arith_option", "budget_option", "check_output", "engine_option",
           "format_option", "max_paths_option", "naming_options", "output_option",
           "parse_engines", "parse_sets", "parse_sizes", "progress", "save_order_option",
           "saved_order", "search_options", "sets_option", "split_items", "write_text"]

def format_option(*choices: str, default: str = "table",
                  help_: str = "table for people; json or csv for scripts.") -> Any:
    """The one ``--format`` option of every command that writes a result."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help=help_)

engine_option = click.option(
    "--engine", "-e", "engines", multiple=True, metavar="NAME[,NAME]",
    help=f"Engines to run (repeat or comma-separate): {', '.join(ENGINES)}. "
         f"Default: {', '.join(DEFAULT_ENGINES)}.")
max_paths_option = click.option(
    "--max-paths", type=click.IntRange(min=0), default=DEFAULT_MAX_PATHS, show_default=True,
    help="Do not enumerate when the graph has more paths than this; derive the path "
         "engine's counts instead.")

def _check_arith(ctx: click.Context, param: click.Parameter, value: str) -> str:
    arithmetic(value)  # symbolic without sympy: the install hint, before any work
    return value

arith_option = click.option(
    "--arith", type=click.Choice(ARITHMETICS), default="float", show_default=True,
    callback=_check_arith,
    help="Arithmetic of values and partials: float; exact (fractions read from the literal "
         "text, 0.1 is 1/10); symbolic (sympy: inputs listed without values and named "
         "partials stay symbols; needs pathsum[symbolic]).")
budget_option = click.option(
    "--budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
    help="How long eliminate-search (or eliminate-edge-search) may search before it returns "
         "the best order found (default 10; the record says whether that order is proven "
         "optimal).")
sets_option = click.option(
    "--set", "sets", multiple=True, metavar="NAME=VALUE",
    help="Override an input value (formulas) or a symbol (edges). Repeatable.")
#: An output file: a folder or an unwritable file is refused by click, in one line.
OUTPUT_FILE = click.Path(dir_okay=False, writable=True, allow_dash=True)
output_option = click.option(
    "--output", "-o", "output", metavar="FILE", default=None, type=OUTPUT_FILE,
    help="Write here instead of stdout, atomically (a symlink's target is replaced, the link "
         "kept). A device or FIFO is refused; -, /dev/stdout, /dev/stderr, /dev/null and "
         "/dev/fd/N are written directly.")
save_order_option = click.option(
    "--save-order", "save_file", metavar="FILE", default=None, type=OUTPUT_FILE,
    help="Write the order used by the one eliminate-* engine run, as a list of node names (of "
         "eliminations front:i->j, back:i->j for the edge engines) that --order replays "
         "(replaced atomically, as -o is).")

def write_text(text: str, output: str | None) -> None:
    """Write to stdout, or to ``-o FILE`` atomically."""
    if is_stdout(output):
        click.echo(text, nl=False)
        return
    with open_output(output) as handle:
        handle.write(text)

@contextlib.contextmanager
def progress(label: str, total: int | None = None, *,
             show: bool = True) -> Iterator[Callable[..., None]]:
    """On a terminal's stderr, a spinner naming each step (no ``total``) or a progress bar."""
    if not (show and sys.stderr.isatty()):
        yield lambda *_: None
        return
    import rich.progress as rp
    from rich.console import Console
    bar = [rp.BarColumn(), rp.MofNCompleteColumn()] if total is not None else []
    with rp.Progress(rp.SpinnerColumn(), rp.TextColumn("{task.description}"), *bar,
                     rp.TimeElapsedColumn(), console=Console(stderr=True),
                     transient=True) as shown:
        task = shown.add_task(label, total=total)
        yield (lambda step: shown.update(task, description=f"{label}: {step}")) if total is None \
            else (lambda n=1: shown.advance(task, n))

def search_options(chosen: list[str], budget: float | None, **rest: Any) -> EngineOptions:
    """The engine options; ``--budget`` goes with eliminate-search or eliminate-edge-search."""
    if budget is not None and not any(name in BUDGETED for name in chosen):
        raise click.UsageError("--budget goes with --engine eliminate-search (or "
                               "eliminate-edge-search)")
    return EngineOptions(**rest) if budget is None else EngineOptions(budget=budget, **rest)

def saved_order(chosen: list[str], path: str | None, inputs: Iterable[str]) -> str | None:
    """The one engine whose order ``--save-order`` writes, to a file ``-o`` could write."""
    if path is None:
        return None
    ordered = [name for name in chosen if name in ORDERED]
    if len(ordered) != 1:
        said = f"{len(ordered)} run: {', '.join(ordered)}" if ordered else "none runs"
        raise click.UsageError(f"--save-order writes the order of one elimination engine, "
                               f"and {said}; choose one with --engine (eliminate-markowitz, "
                               "eliminate-optimal, ...)")
    if is_stdout(path):
        raise click.BadParameter("stdout carries the report; name a file",
                                 param_hint="'--save-order'")
    check_output(path, "--save-order", inputs)
    return ordered[0]

def parse_engines(values: tuple[str, ...], *implied: str) -> list[str]:
    """``--engine`` values, split and checked; ``implied`` engines (``--order``'s) added."""
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    chosen = names if values else list(DEFAULT_ENGINES)
    options = EngineOptions(order=() if "eliminate-given" in implied else None)
    try:
        if not chosen:  # --engine "" names no engine: refused, not the default
            check_request(chosen, None)
        return check_request([*chosen, *implied], None, options)
    except UsageError as err:
        raise click.BadParameter(err.message, param_hint="'--engine'") from None

def parse_sets(values: Iterable[str], option: str = "--set", *,
               arrays: bool = False) -> dict[str, Any]:
    """``name=value`` pairs as finite floats (with ``arrays``, ``[...]`` as nested lists)."""
    result: dict[str, Any] = {}
    given: dict[str, str] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise click.BadParameter(f"'{item}' is not name=value", param_hint=f"'{option}'")
        try:
            value = _array(raw) if arrays and raw.lstrip().startswith("[") else float(raw)
        except _NotAnArray as err:
            raise click.BadParameter(f"'{shorten(item.strip())}' {err}",
                                     param_hint=f"'{option}'") from None
        except ValueError:
            raise click.BadParameter(f"'{raw}' is not a number (in '{item}')",
                                     param_hint=f"'{option}'") from None
        if isinstance(value, float) and not math.isfinite(value):
            raise click.BadParameter(f"'{item}' is not finite", param_hint=f"'{option}'")
        if name in given:  # the last would win without a word (issue 19)
            raise click.BadParameter(f"'{name}' is given twice ({given[name]}, {item.strip()})",
                                     param_hint=f"'{option}'")
        given[name] = item.strip()
        result[name] = value
    return result

def split_items(text: str) -> list[str]:
    """``text`` split at the commas outside brackets."""
    items: list[str] = []
    depth = start = 0
    for i, char in enumerate(text):
        depth += (char == "[") - (char == "]")
        if char == "," and depth <= 0:
            items.append(text[start:i])
            start = i + 1
    return [*items, text[start:]]

MAX_DEPTH = 32
_NOT_A_LIST = "is not a list of numbers (such as [0.1,0.2] or [[1,2],[3,4]])"

class _NotAnArray(ValueError):
    """What is wrong with an array's text, said after it."""

def _array(text: str) -> list[Any]:
    """Nested lists of floats read through an ``ast`` whitelist, never evaluated."""
    if max(accumulate((char == "[") - (char == "]") for char in text), default=0) > MAX_DEPTH:
        raise _NotAnArray(f"is nested more than {MAX_DEPTH} deep")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        raise _NotAnArray(_NOT_A_LIST) from None
    if isinstance(tree, ast.List):
        return _read(tree)[0]
    raise _NotAnArray(_NOT_A_LIST)

def _read(node: ast.expr) -> tuple[Any, tuple[int, ...]]:
    """A whitelisted node's value and shape (its depth is at most MAX_DEPTH)."""
    if isinstance(node, ast.List):
        items = [_read(item) for item in node.elts]
        shapes = {shape for _value, shape in items}
        if len(shapes) > 1:
            raise _NotAnArray("is not rectangular (nested lists of one length)")
        return [value for value, _shape in items], (len(items), *next(iter(shapes), ()))
    sign = -1.0 if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) else 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        node = node.operand
    number = node.value if isinstance(node, ast.Constant) else None
    if isinstance(number, int | float) and not isinstance(number, bool):
        with contextlib.suppress(OverflowError):  # an int too large for a float
            if math.isfinite(value := sign * float(number)):
                return value, ()
        raise _NotAnArray("holds a number too large for a float")
    raise _NotAnArray("holds something that is not a number")

def check_output(path: str | None, option: str, inputs: Iterable[str] = ()) -> None:
    """Refuse, before any work, an output that cannot be written as a file or is an input."""
    if path is None:
        return
    try:
        check_output_path(path, inputs)
    except UsageError as err:
        raise click.BadParameter(err.message, param_hint=f"'{option}'") from None

@contextlib.contextmanager
def naming_options() -> Iterator[None]:
    """A library error about an argument (``wrt``) names its option instead (``--wrt``)."""
    try:
        yield
    except PathsumError as err:
        if (argument := getattr(err, "argument", None)) is None:
            raise
        option = "--set" if argument == "overrides" else f"--{argument.replace('_', '-')}"
        # After the file and line, where the message says what is wrong.
        raise UsageError(f"{option} {err.message}", source=err.source, line=err.line,
                         column=err.column, node=err.node, edge=err.edge) from None

#: A size or a range in ASCII digits (``\d`` would take ``²``); at most 18 digits each.
_SIZES = re.compile(r"\s*([0-9]+)\s*(?:\.\.\s*([0-9]+)\s*(?:\.\.\s*([0-9]+)\s*)?)?")
#: The most sizes one ``--sizes`` may name: a typo such as 1..1000000 fails fast.
MAX_SIZES = 10_000

def parse_sizes(text: str) -> list[int]:
    """Sizes from ``1..20`` (inclusive), ``1..20..2`` (a step), ``1,2,5`` or a mix."""
    sizes: list[int] = []
    for part in str(text).split(","):
        match = _SIZES.fullmatch(part)
        if not match:
            raise UsageError(f"--sizes: '{shorten(part.strip())}' is not a size or a range "
                             "(write 1..20, 1..20..2 or 1,2,5)")
        if max(len(digits) for digits in match.groups(default="")) > 18:
            raise UsageError(f"--sizes: '{shorten(part.strip())}' is too large")
        first, last, step = int(match[1]), int(match[2] or match[1]), int(match[3] or 1)
        if last < first:
            raise UsageError(f"--sizes: '{part.strip()}' goes down; write the smaller size first")
        if step < 1:
            raise UsageError(f"--sizes: '{part.strip()}' needs a step of at least 1")
        if (last - first) // step + len(sizes) >= MAX_SIZES:  # a single size: a range of one
            raise UsageError(f"--sizes: more than {MAX_SIZES} sizes")
        sizes.extend(range(first, last + 1, step))
    return sizes
