"""Turning option values into the library's arguments, before any work is done; and
library errors about an argument told in the words of the option that gave it."""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

import click

from ..analysis import DEFAULT_ENGINES
from ..atomic import check_output_path, is_stdout
from ..engines import BUDGETED, ORDERED, EngineOptions, check_request
from ..errors import PathsumError, UsageError
from ..printable import shorten
from .literals import parse_array

__all__ = ["MAX_SIZES", "check_output", "naming_options", "parse_engines", "parse_sets",
           "parse_sizes", "saved_order", "search_options"]


def search_options(chosen: list[str], budget: float | None, **rest) -> EngineOptions:
    """The engine options of the command line; ``--budget`` goes with eliminate-search or
    eliminate-edge-search."""
    if budget is None:
        return EngineOptions(**rest)
    if not any(name in BUDGETED for name in chosen):
        raise click.UsageError("--budget goes with --engine eliminate-search (or "
                               "eliminate-edge-search)")
    return EngineOptions(budget=budget, **rest)


def saved_order(chosen: list[str], path: str | None, inputs: Iterable[str]) -> str | None:
    """The engine whose order ``--save-order`` writes, checked before any work: exactly one
    of the engines run must report an order, and the path must be a file that ``-o`` could
    write and none of the command's ``inputs``."""
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
    """Split and check ``--engine`` values before any work is done; ``implied`` engines
    (asked for by another option, as ``--order`` asks for eliminate-given) are added."""
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    chosen = names if values else list(DEFAULT_ENGINES)
    options = EngineOptions(order=() if "eliminate-given" in implied else None)
    try:
        if not chosen:  # --engine "" or --engine , names no engine: refused, not the default
            check_request(chosen, None)
        return check_request([*chosen, *implied], None, options)
    except UsageError as err:
        raise click.BadParameter(err.message, param_hint="'--engine'") from None


def parse_sets(values: tuple[str, ...], option: str = "--set", *,
               arrays: bool = False) -> dict[str, Any]:
    """``--set name=value`` pairs (or another option's) as a mapping of finite floats; with
    ``arrays``, a value in brackets is an array, as nested lists of floats
    (:func:`~pathsum.cli.literals.parse_array`).

    Examples
    --------
    >>> parse_sets(("a=3", "b=-0.5"))
    {'a': 3.0, 'b': -0.5}
    >>> parse_sets(("x=1", "x=2"), "--at")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'x' is given twice (x=1, x=2)
    >>> parse_sets(("x=[1,2]",), "--at", arrays=True)
    {'x': [1.0, 2.0]}
    """
    hint = f"'{option}'"
    result: dict[str, Any] = {}
    given: dict[str, str] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            raise click.BadParameter(f"'{item}' is not name=value", param_hint=hint)
        value = _value(raw, item, hint, arrays=arrays)
        if name in given:  # the last would win without a word (issue 19 row 20)
            raise click.BadParameter(f"'{name}' is given twice ({given[name]}, {item.strip()})",
                                     param_hint=hint)
        given[name] = item.strip()
        result[name] = value
    return result


def _value(raw: str, item: str, hint: str, *, arrays: bool) -> Any:
    """The value of ``item`` (``name=raw``): a finite float, or with ``arrays`` a list."""
    if arrays and raw.lstrip().startswith("["):
        try:
            return parse_array(raw)
        except ValueError as err:
            raise click.BadParameter(f"'{shorten(item.strip())}' {err}", param_hint=hint) \
                from None
    try:
        value = float(raw)
    except ValueError:
        raise click.BadParameter(f"'{raw}' is not a number (in '{item}')",
                                 param_hint=hint) from None
    if not math.isfinite(value):
        raise click.BadParameter(f"'{item}' is not finite", param_hint=hint)
    return value


def check_output(path: str | None, option: str, inputs: Iterable[str] = ()) -> None:
    """Refuse an output that cannot be written as a file, before any work is done: an empty
    name, a missing folder, a symlink loop, a device or FIFO, one of the command's
    ``inputs`` (see :mod:`pathsum.atomic`)."""
    if path is None:
        return
    try:
        check_output_path(path, inputs)
    except UsageError as err:
        raise click.BadParameter(err.message, param_hint=f"'{option}'") from None


@contextlib.contextmanager
def naming_options() -> Iterator[None]:
    """Name the option behind a library error about one argument: the library speaks of
    its arguments (``wrt``), the command line of its options (``--wrt``).

    Examples
    --------
    >>> from pathsum.explain import NotAnEndError
    >>> with naming_options():
    ...     raise NotAnEndError("wrt", "c", "c: not an input of this graph (inputs: a, b)")
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: --wrt c: not an input of this graph (inputs: a, b)
    >>> from pathsum.errors import OverrideError
    >>> with naming_options():
    ...     raise OverrideError("z", "not an input of this graph (inputs: a, b)", source="g.yaml")
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: g.yaml: --set z: not an input of this graph (inputs: a, b)
    """
    try:
        yield
    except PathsumError as err:
        argument = getattr(err, "argument", None)
        if argument is None:
            raise
        option = _OPTIONS.get(argument) or f"--{argument.replace('_', '-')}"
        # The option goes after the file and line, where the message says what is wrong.
        raise UsageError(f"{option} {err.message}", source=err.source, line=err.line,
                         column=err.column, node=err.node, edge=err.edge) from None


#: The option behind each library argument that the command line names otherwise.
_OPTIONS = {"overrides": "--set"}


#: A size or a range in ASCII digits: ``str.isdigit`` and ``\d`` would also take ``²``
#: or ``٣``, which ``int`` refuses or reads as a number nobody typed (issue 19 row 10).
_SIZE = re.compile(r"\s*([0-9]+)\s*")
_RANGE = re.compile(r"\s*([0-9]+)\s*\.\.\s*([0-9]+)\s*(?:\.\.\s*([0-9]+)\s*)?")
#: Longer numbers are refused before ``int`` (which stops at 4,300 digits) reads them.
_MAX_DIGITS = 18


#: The most sizes one ``--sizes`` may name: a typo such as 1..1000000 fails fast.
MAX_SIZES = 10_000


def parse_sizes(text: str) -> list[int]:
    """Sizes from ``1..20`` (inclusive), ``1..20..2`` (a step) or ``1,2,5`` (or a mix).

    Raises
    ------
    UsageError
        For anything else, naming the bad part.

    Examples
    --------
    >>> parse_sizes("1..5"), parse_sizes("1..10..3"), parse_sizes("1, 2, 5"), parse_sizes("2,8..9")
    ([1, 2, 3, 4, 5], [1, 4, 7, 10], [1, 2, 5], [2, 8, 9])
    >>> parse_sizes("5..1")
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: --sizes: '5..1' goes down; write the smaller size first
    """
    sizes: list[int] = []
    for part in str(text).split(","):
        match = _SIZE.fullmatch(part) or _RANGE.fullmatch(part)
        if not match:
            raise UsageError(f"--sizes: '{shorten(part.strip())}' is not a size or a range "
                             "(write 1..20, 1..20..2 or 1,2,5)")
        if max(len(digits) for digits in match.groups(default="")) > _MAX_DIGITS:
            raise UsageError(f"--sizes: '{shorten(part.strip())}' is too large")
        if match.re is _SIZE:
            sizes.append(int(match[1]))
            continue
        first, last = int(match[1]), int(match[2])
        step = int(match[3]) if match[3] else 1
        if last < first:
            raise UsageError(f"--sizes: '{part.strip()}' goes down; write the smaller size first")
        if step < 1:
            raise UsageError(f"--sizes: '{part.strip()}' needs a step of at least 1")
        if (last - first) // step + len(sizes) >= MAX_SIZES:
            raise UsageError(f"--sizes: more than {MAX_SIZES} sizes")
        sizes.extend(range(first, last + 1, step))
    if len(sizes) > MAX_SIZES:
        raise UsageError(f"--sizes: more than {MAX_SIZES} sizes")
    return sizes
