"""The engines: each a plain function from a :class:`~pathsum.compiled.CompiledGraph` to an
:class:`EngineResult` with the operations it counted while running."""

from __future__ import annotations

from collections.abc import Callable

from ..compiled import CompiledGraph
from .forward import forward_engine
from .path import path_engine
from .result import EngineResult, Jacobian
from .reverse import reverse_engine

__all__ = ["ENGINES", "EngineResult", "Jacobian", "forward_engine", "path_engine",
           "reverse_engine"]

#: name -> engine, in the order reports list them.
ENGINES: dict[str, Callable[[CompiledGraph], EngineResult]] = {
    "path": path_engine,
    "forward": forward_engine,
    "reverse": reverse_engine,
}
