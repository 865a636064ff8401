"""The engines: each a plain function from a :class:`~pathsum.compiled.CompiledGraph` to an
:class:`EngineResult` with the operations it counted while running."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from numbers import Real

from ..compiled import CompiledGraph
from ..errors import InputTypeError, UsageError
from .eliminate import ORDERS, eliminate_engine
from .forward import forward_engine
from .path import path_engine
from .result import EngineResult, Jacobian
from .reverse import reverse_engine

__all__ = ["ENGINES", "EngineResult", "Jacobian", "check_max_paths", "check_request",
           "eliminate_engine", "forward_engine", "path_engine", "reverse_engine"]

#: name -> engine, in the order reports list them. The elimination orders run on request.
ENGINES: dict[str, Callable[[CompiledGraph], EngineResult]] = {
    "path": path_engine,
    "forward": forward_engine,
    "reverse": reverse_engine,
    **{f"eliminate-{order}": partial(eliminate_engine, order=order) for order in ORDERS},
}


def check_request(engines: str | Iterable[str], max_paths: int | None) -> list[str]:
    """Validate engine names and ``max_paths`` before any work; return the names, deduplicated.

    ``engines`` is a list of names, or one string: a name or a comma-separated list.

    Raises
    ------
    UsageError
        Naming the unknown engine, or saying what is wrong with the request.
    InputTypeError
        For engines or ``max_paths`` of the wrong type.

    Examples
    --------
    >>> check_request(["reverse", "path", "reverse"], 10)
    ['reverse', 'path']
    >>> check_request("path, forward", None)
    ['path', 'forward']
    >>> check_request(["backprop"], None)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: unknown engine 'backprop' (choose from path, forward, reverse, eliminate-forward, eliminate-reverse, eliminate-markowitz, eliminate-optimal)
    """
    chosen = list(dict.fromkeys(_engine_names(engines)))
    for name in chosen:
        if name not in ENGINES:
            raise UsageError(f"unknown engine '{name}' (choose from {', '.join(ENGINES)})")
    if not chosen:
        raise UsageError("no engine selected")
    check_max_paths(max_paths)
    return chosen


def _engine_names(engines: object) -> list[str]:
    # A str is one name or a comma list, never a sequence of one-letter names.
    if isinstance(engines, str):
        return [name.strip() for name in engines.split(",") if name.strip()]
    wrong = InputTypeError("engines must be an engine name, a comma-separated str or a list "
                           f"of names, not {type(engines).__name__}")
    if isinstance(engines, bytes | bytearray | Mapping):
        raise wrong
    try:
        names = list(engines)  # type: ignore[call-overload]
    except TypeError:
        raise wrong from None
    for name in names:
        if not isinstance(name, str):
            raise InputTypeError(f"engine names must be str, not {type(name).__name__} "
                                 f"({name!r})")
    return names


def check_max_paths(max_paths: object) -> int | None:
    """``max_paths`` as an int (or None: no limit), or the error saying what is wrong.

    Any whole number is accepted, ``1e6`` and ``Fraction(10)`` included.

    Examples
    --------
    >>> check_max_paths(1e6), check_max_paths(None)
    (1000000, None)
    >>> check_max_paths("10")
    Traceback (most recent call last):
    ...
    pathsum.errors.InputTypeError: max_paths must be a whole number or None, not str ('10')
    """
    if max_paths is None:
        return None
    if isinstance(max_paths, bool) or not isinstance(max_paths, Real):
        raise InputTypeError("max_paths must be a whole number or None, not "
                             f"{type(max_paths).__name__} ({max_paths!r})")
    if not math.isfinite(max_paths) or max_paths != int(max_paths):
        raise UsageError(f"max_paths must be a whole number or None (no limit), not {max_paths}")
    if max_paths < 0:
        raise UsageError("max_paths must be zero or more")
    return int(max_paths)
