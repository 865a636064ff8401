"""pathsum: derivatives on computational graphs as sums over paths, measured.

The Python API:

- :func:`load` reads a graph file (YAML or JSON) into a :class:`Graph`, :func:`loads` YAML text;
- :func:`trace` runs a Python function on traced scalars (:mod:`pathsum.fn`) into a graph;
- :func:`from_jax` imports a JAX function of scalars from its jaxpr (the ``jax`` extra);
- :func:`from_networkx` and :meth:`Graph.to_networkx` exchange graphs with networkx;
- :func:`analyze` counts paths, runs the engines and checks that they agree;
- :func:`generate` (and :func:`diamond`, :func:`lattice`, ...) builds graph families;
- :class:`PathsumError` and its subclasses are what goes wrong, naming the node at fault.

>>> import pathsum
>>> result = pathsum.analyze(pathsum.load("graphs/olah.yaml"))  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from . import fn
from .analysis import Analysis, analyze
from .batch import DaskError, analyze_file, expand_paths, run_batch
from .compiled import CompiledGraph, compile_graph
from .counting import PathCounts, count_paths
from .engines import ENGINES, EngineResult
from .errors import (
    CycleError,
    FormulaError,
    GraphError,
    InputTypeError,
    NotFiniteError,
    PathsumError,
    SchemaError,
    TooLargeError,
    TraceError,
    UnknownNameError,
    UsageError,
    YAMLSyntaxError,
)
from .exchange import from_networkx, to_networkx
from .explain import explain
from .families import (
    FAMILIES,
    diamond,
    diamond_nodes,
    generate,
    lattice,
    mlp,
    random_dag,
    rnn,
    to_yaml,
)
from .graph import Graph, from_edges
from .importers.jaxpr import from_jax
from .loader import load, loads
from .trace import Value, trace

__all__ = [
    "ENGINES",
    "FAMILIES",
    "Analysis",
    "CompiledGraph",
    "CycleError",
    "DaskError",
    "EngineResult",
    "FormulaError",
    "Graph",
    "GraphError",
    "InputTypeError",
    "NotFiniteError",
    "PathCounts",
    "PathsumError",
    "SchemaError",
    "TooLargeError",
    "TraceError",
    "UnknownNameError",
    "UsageError",
    "Value",
    "YAMLSyntaxError",
    "__version__",
    "analyze",
    "analyze_file",
    "compile_graph",
    "count_paths",
    "diamond",
    "diamond_nodes",
    "expand_paths",
    "explain",
    "fn",
    "from_edges",
    "from_jax",
    "from_networkx",
    "generate",
    "lattice",
    "load",
    "loads",
    "mlp",
    "random_dag",
    "rnn",
    "run_batch",
    "to_networkx",
    "to_yaml",
    "trace",
]
