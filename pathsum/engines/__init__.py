"""The engines: each a function from a CompiledGraph to an EngineResult with the operations
it counted while running."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from .. import arguments
from ..compiled import CompiledGraph
from ..errors import UsageError
from .chain import chain_engine, layers
from .edge_eliminate import edge_engine, is_edge_order, replay
from .edge_search import edge_search_engine
from .eliminate import ORDERS, check_given_order, check_optimal_size, eliminate_engine, given_engine
from .forward import forward_engine
from .path import path_engine
from .result import EngineResult, Jacobian
from .reverse import reverse_engine
from .search import DEFAULT_BUDGET, search_engine

__all__ = ["BUDGETED", "CONDITIONAL", "ENGINES", "ORDERED", "EngineOptions", "EngineResult", "Jacobian",
           "chain_engine", "check_max_paths", "check_request", "eliminate_engine",
           "forward_engine", "given_engine", "path_engine", "prepare", "reverse_engine",
           "search_engine"]

#: name -> engine, in the order reports list them. The elimination orders run on request;
#: ``eliminate-given`` also needs :attr:`EngineOptions.order`.
ENGINES: dict[str, Callable[..., EngineResult]] = {
    "path": path_engine,
    "forward": forward_engine,
    "reverse": reverse_engine,
    **{f"eliminate-{order}": partial(eliminate_engine, order=order) for order in ORDERS},
    "eliminate-search": search_engine,
    "eliminate-given": given_engine,
    "eliminate-chain": chain_engine,
    "eliminate-edge": edge_engine,
    "eliminate-edge-search": edge_search_engine,
}
#: The engines that need more than a graph: an order to follow, or layers.
CONDITIONAL = ("eliminate-given", "eliminate-chain")
#: The engines that search within :attr:`EngineOptions.budget` seconds.
BUDGETED = ("eliminate-search", "eliminate-edge-search")
#: The engines whose result has the elimination ``order`` they used.
ORDERED = tuple(name for name in ENGINES if name.startswith("eliminate-"))

@dataclass(frozen=True)
class EngineOptions:
    """What some engines need beyond the graph: ``order`` (for ``eliminate-given``, the
    intermediates by name), ``order_source`` (the file it came from, named in its errors)
    and ``budget`` (the seconds each :data:`BUDGETED` engine may search; default 10).

    >>> EngineOptions(order="cd")
    Traceback (most recent call last):
    ...
    pathsum.errors.InputTypeError: order must be a list of names or None, not str ('cd'); for one, write ['cd']
    """

    order: Sequence[str] | None = None
    order_source: str | None = None
    budget: float = DEFAULT_BUDGET

    def __post_init__(self) -> None:
        object.__setattr__(self, "order", arguments.names(self.order, "order", optional=True))
        arguments.text(self.order_source, "order_source", optional=True)
        arguments.number(self.budget, "budget", "a number of seconds")

    def arguments(self, engine: str) -> dict[str, Any]:
        if engine == "eliminate-given":
            return {"order": self.order}
        if engine in BUDGETED:
            return {"budget": self.budget}
        return {}


def check_request(engines: str | Iterable[str], max_paths: int | None,
                  options: EngineOptions | None = None) -> list[str]:
    """Validate engine names (a list, or one str: a name or a comma-separated list),
    ``max_paths`` and the options before any work; return the names, deduplicated.

    >>> check_request("path, forward, path", None)
    ['path', 'forward']
    >>> check_request(["eliminate-given"], None)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: eliminate-given needs an order: the intermediates by name (--order FILE)
    """
    options = arguments.instance(options, EngineOptions, "options",
                                 "an EngineOptions (pathsum.engines.EngineOptions)",
                                 optional=True) or EngineOptions()
    chosen = list(dict.fromkeys(_engine_names(engines)))
    for name in chosen:
        if name not in ENGINES:
            raise UsageError(f"unknown engine '{name}' (choose from {', '.join(ENGINES)})")
    if not chosen:
        raise UsageError("no engine selected")
    check_max_paths(max_paths)
    given = "eliminate-given" in chosen
    if given and options.order is None:
        raise UsageError("eliminate-given needs an order: the intermediates by name "
                         "(--order FILE)")
    if not given and options.order is not None:
        raise UsageError("an order goes with the eliminate-given engine")
    return chosen

def _engine_names(engines: object) -> list[str]:
    # A str is one name or a comma list, never a sequence of one-letter names.
    if isinstance(engines, str):
        return [name.strip() for name in engines.split(",") if name.strip()]
    return arguments.names(engines, "engines", expected="an engine name, a comma-separated "
                                                        "str or a list of names")

def check_max_paths(max_paths: object) -> int | None:
    """``max_paths`` as an int (any whole number, ``1e6`` included; None: no limit)."""
    return arguments.whole(max_paths, "max_paths", none="no limit")

def prepare(name: str, cg: CompiledGraph,
            options: EngineOptions | None = None) -> Callable[..., EngineResult]:
    """Check that engine ``name`` can run on ``cg`` (cheap checks, before any engine runs,
    so that a request that must fail fails first); return it with its options bound."""
    options = options or EngineOptions()
    if name == "eliminate-optimal":
        check_optimal_size(cg)
    elif name == "eliminate-given" and options.order is not None:
        check = replay if is_edge_order(options.order) else check_given_order
        check(cg, options.order, options.order_source)
    elif name == "eliminate-chain":
        layers(cg)
    return partial(ENGINES[name], **options.arguments(name))
