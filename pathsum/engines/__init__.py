"""The engines: each a plain function from a :class:`~pathsum.compiled.CompiledGraph` to an
:class:`EngineResult` with the operations it counted while running."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from ..compiled import CompiledGraph
from ..errors import UsageError
from .eliminate import ORDERS, eliminate_engine
from .forward import forward_engine
from .path import path_engine
from .result import EngineResult, Jacobian
from .reverse import reverse_engine

__all__ = ["ENGINES", "EngineResult", "Jacobian", "check_request", "eliminate_engine",
           "forward_engine", "path_engine", "reverse_engine"]

#: name -> engine, in the order reports list them. The elimination orders run on request.
ENGINES: dict[str, Callable[[CompiledGraph], EngineResult]] = {
    "path": path_engine,
    "forward": forward_engine,
    "reverse": reverse_engine,
    **{f"eliminate-{order}": partial(eliminate_engine, order=order) for order in ORDERS},
}


def check_request(engines: Iterable[str], max_paths: int | None) -> list[str]:
    """Validate engine names and ``max_paths`` before any work; return the names, deduplicated.

    Raises
    ------
    UsageError
        Naming the unknown engine, or saying what is wrong with the request.

    Examples
    --------
    >>> check_request(["reverse", "path", "reverse"], 10)
    ['reverse', 'path']
    >>> check_request(["backprop"], None)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: unknown engine 'backprop' (choose from path, forward, reverse, eliminate-forward, eliminate-reverse, eliminate-markowitz, eliminate-optimal)
    """
    chosen = list(dict.fromkeys(engines))
    for name in chosen:
        if name not in ENGINES:
            raise UsageError(f"unknown engine '{name}' (choose from {', '.join(ENGINES)})")
    if not chosen:
        raise UsageError("no engine selected")
    if max_paths is not None and max_paths < 0:
        raise UsageError("max_paths must be zero or more")
    return chosen
