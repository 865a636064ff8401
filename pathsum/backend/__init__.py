"""The float64 routes behind one entry point, :func:`run`; numpy and scipy are imported only
when a route runs.

The rule: the sweeps take the arrays when every partial is a Python float and the graph has
at least :data:`SMALL_GRAPH` nodes plus edges, the path engine when every partial is a float
and its paths hold more than ``LISTED_PATH_EDGES`` edges in all, or either when a route is
forced (``backend=``); else the engine's own loop. On the arrays, a sweep from a single seed
solves the graph's triangular system; several seeds go level by level when the levels hold
at least 256 edges each on average, else solve it too (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..gcpause import paused_gc

if TYPE_CHECKING:
    from ..compiled import CompiledGraph
    from ..counting import PathCounts
    from ..engines.result import EngineResult

__all__ = ["SMALL_GRAPH", "prepare", "run", "takes_arrays"]

#: Nodes plus edges from which float graphs take the arrays: below, the loop beats them.
SMALL_GRAPH = 256

def takes_arrays(cg: CompiledGraph, backend: str) -> bool:
    """Whether the rule sends ``cg`` to the arrays, by the ``backend`` an engine was given."""
    if backend == "auto":
        return cg.all_float and cg.n_nodes + cg.n_edges >= SMALL_GRAPH
    return backend != "python"

@paused_gc()  # importing numpy beside a million-edge graph: the collector would rescan it
def prepare(cg: CompiledGraph, counts: PathCounts) -> None:
    """Import the float routes and build the arrays they share, once for all views of
    ``cg``, if an engine will take them by the rule (the path engine's by
    :func:`~pathsum.engines.path.takes_blocks`): the analysis does it before any engine's
    clock starts (DESIGN §8)."""
    from ..engines.path import takes_blocks

    if takes_arrays(cg, "auto") or takes_blocks(cg, counts):
        import importlib

        for route in ("pathsum.backend.paths", "pathsum.backend.sweeps"):
            importlib.import_module(route)  # its imports, off the engines' clocks too
        from .arrays import columns

        columns(cg)

def run(cg: CompiledGraph, engine: str, method: str = "auto",
        per_node: bool = False) -> EngineResult:
    """Run ``engine`` (``"forward"``, ``"reverse"`` or ``"path"``) on the arrays by ``method``
    (``"auto"``, ``"arrays"``, or for the sweeps ``"levels"`` or ``"solve"``)."""
    if engine == "path":
        from .paths import enumerate_route

        return enumerate_route(cg)  # the path engine has one route on the arrays
    from ..engines.sweeps import Direction
    from .sweeps import run as sweeps

    return sweeps(cg, Direction(engine), method, per_node)
