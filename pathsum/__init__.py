"""pathsum: derivatives on computational graphs as sums over paths, measured.

The Python API:

- :func:`load` reads a graph file (YAML or JSON) into a :class:`Graph`;
- :func:`analyze` counts paths, runs the engines and checks that they agree;
- :class:`PathsumError` and its subclasses are what goes wrong, naming the node at fault.

>>> import pathsum
>>> result = pathsum.analyze(pathsum.load("graphs/olah.yaml"))  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .analysis import Analysis, analyze
from .batch import DaskError, analyze_file, expand_paths, run_batch
from .compiled import CompiledGraph, compile_graph
from .counting import PathCounts, count_paths
from .engines import ENGINES, EngineResult
from .errors import (
    CycleError,
    FormulaError,
    GraphError,
    NotFiniteError,
    PathsumError,
    SchemaError,
    UnknownNameError,
    UsageError,
    YAMLSyntaxError,
)
from .explain import explain
from .graph import Graph, from_edges
from .loader import load

__all__ = [
    "ENGINES",
    "Analysis",
    "CompiledGraph",
    "CycleError",
    "DaskError",
    "EngineResult",
    "FormulaError",
    "Graph",
    "GraphError",
    "NotFiniteError",
    "PathCounts",
    "PathsumError",
    "SchemaError",
    "UnknownNameError",
    "UsageError",
    "YAMLSyntaxError",
    "__version__",
    "analyze",
    "analyze_file",
    "compile_graph",
    "count_paths",
    "expand_paths",
    "explain",
    "from_edges",
    "load",
    "run_batch",
]
