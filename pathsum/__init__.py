"""pathsum: derivatives on computational graphs as sums over paths, measured.

The Python API:

- :func:`load` reads a graph file (YAML or JSON) into a :class:`Graph`, :func:`loads` YAML text;
- :func:`trace` runs a Python function on traced scalars (:mod:`pathsum.fn`) into a graph;
- :func:`from_jax` imports a JAX function (of scalars or arrays) from its jaxpr (the ``jax`` extra);
- :func:`from_networkx` and :meth:`Graph.to_networkx` exchange graphs with networkx;
- :func:`analyze` counts paths, runs the engines and checks that they agree;
- :func:`generate` (and :func:`diamond`, :func:`lattice`, ...) builds graph families;
- :class:`PathsumError` and its subclasses are what goes wrong, naming the node at fault.

>>> import pathsum
>>> result = pathsum.analyze(pathsum.load("graphs/olah.yaml"))  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

import sys
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from . import errors
from .errors import *  # the exceptions are names of the package itself

#: Every other name of the API -> the module that defines it ("" for a module of its own).
#: Imported on first use (PEP 562): ``import pathsum`` and the CLI's start-up then import
#: no numpy, scipy or networkx, which cost ~0.7 s of CPU (issue 10).
_LAZY: dict[str, str] = {
    "fn": "",
    "Analysis": "analysis",
    "analyze": "analysis",
    "DaskError": "many_files",
    "analyze_file": "many_files",
    "expand_paths": "many_files",
    "run_batch": "many_files",
    "CompiledGraph": "compiled",
    "compile_graph": "compiled",
    "PathCounts": "counting",
    "count_paths": "counting",
    "ENGINES": "engines",
    "EngineResult": "engines",
    "from_networkx": "exchange",
    "to_networkx": "exchange",
    "explain": "explain",
    "FAMILIES": "families",
    "diamond": "families",
    "diamond_nodes": "families",
    "generate": "families",
    "lattice": "families",
    "mlp": "families",
    "random_dag": "families",
    "rnn": "families",
    "to_yaml": "yamlwrite",
    "Graph": "graph",
    "from_edges": "graph",
    "from_jax": "importers.jaxpr",
    "load": "loader",
    "loads": "loader",
    "Value": "trace",
    "trace": "trace",
}

#: Functions named like the module that defines them: importing that module (which sets it
#: as an attribute of the package) must not hide the function, as eager imports never did.
_SHADOWED = frozenset(n for n, m in _LAZY.items() if m == n)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        # A submodule (pathsum.families, pathsum.rules ...) is an attribute once imported,
        # as it was when the package imported everything eagerly.
        if name.startswith("_") or find_spec(f"{__name__}.{name}") is None:
            raise AttributeError(f"module 'pathsum' has no attribute {name!r}")
        return import_module(f"{__name__}.{name}")
    value = import_module(f"{__name__}.{module or name}")
    if module:
        value = getattr(value, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


class _Package(ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, ModuleType):
            value = getattr(value, name)  # pathsum.trace stays the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

#: The version, the exceptions and every lazily imported name.
__all__ = ["__version__"]
__all__ += errors.__all__
__all__.extend(_LAZY)
