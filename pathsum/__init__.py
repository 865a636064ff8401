"""pathsum: derivatives on computational graphs as sums over paths, measured: :func:`load` a
graph (or :func:`trace`, :func:`from_jax`, :func:`from_networkx` one) and :func:`analyze` it;
:class:`PathsumError` and its subclasses are what goes wrong, naming the node at fault."""

from __future__ import annotations

__version__ = "0.1.0"

import sys
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from . import errors
from .errors import *  # the exceptions are names of the package itself

#: Every other name of the API -> the module that defines it ("" for a module of its own),
#: imported on first use (PEP 562) so that start-up imports no numpy, scipy or networkx.
_LAZY: dict[str, str] = {name: module for module, names in (
    ("", "fn"), ("analysis", "Analysis analyze"),
    ("many_files", "DaskError analyze_file expand_paths run_batch"),
    ("compiled", "CompiledGraph compile_graph"),
    ("counting", "PathCounts count_paths"), ("engines", "ENGINES EngineResult"),
    ("graph", "from_networkx to_networkx"), ("explain", "explain"),
    ("families", "FAMILIES diamond diamond_nodes generate lattice mlp random_dag rnn"),
    ("yamlwrite", "to_yaml"), ("graph", "Graph from_edges"), ("importers.jaxpr", "from_jax"),
    ("loader", "load loads"), ("trace", "Value trace"),
) for name in names.split()}

#: Functions named like their module, which importing the module must not hide.
_SHADOWED = frozenset(n for n, m in _LAZY.items() if m == n)

def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        # a submodule (pathsum.rules ...) is an attribute, as under eager imports
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

__all__ = ["__version__"]
__all__ += errors.__all__
__all__.extend(_LAZY)
