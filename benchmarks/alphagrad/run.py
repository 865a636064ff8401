"""Import AlphaGrad's tasks faithfully, run every elimination engine, and lay pathsum's
counts beside AlphaGrad's published ones (``scripts/alphagrad.py`` is the command line).

A task is imported with ``pathsum.from_jax(f, merge=False, ...)``: one node per jaxpr
equation, nothing merged or folded, the graph AlphaGrad counts on. A task that cannot be
imported (an array task before pathsum imports arrays, say) is reported in one line.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

import pathsum
from pathsum.compiled import compile_graph
from pathsum.engines import CONDITIONAL, ENGINES, EngineOptions, prepare
from pathsum.errors import PathsumError

from . import PUBLISHED, TASKS, Task

#: Where the faithful graphs of the scalar tasks are stored.
GRAPHS = Path(__file__).resolve().parents[2] / "graphs" / "alphagrad"

#: The engines that are not vertex (or edge) elimination: the sweeps and path enumeration.
_NOT_ELIMINATION = ("path", "forward", "reverse")


def published() -> dict[str, dict[str, Any]]:
    """AlphaGrad's published counts by task name (``published.yaml``)."""
    with open(PUBLISHED, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def elimination_engines() -> list[str]:
    """Every engine of pathsum's registry that finds an order from the graph alone: all but
    the sweeps, path enumeration and those needing more than a graph (a given order,
    layers). New engines join the table as they join the registry."""
    return [name for name in ENGINES if name not in _NOT_ELIMINATION and
            name not in CONDITIONAL]


def task_named(name: str) -> Task:
    """The task of that name (AlphaGrad's spelling, any case)."""
    for task in TASKS:
        if task.name.lower() == name.lower():
            return task
    raise KeyError(f"no task '{name}' (tasks: {', '.join(t.name for t in TASKS)})")


def faithful_graph(task: Task) -> pathsum.Graph:
    """The task's faithful graph: one node per equation of its jaxpr at its point, named
    after its stored file (``graphs/alphagrad/<stem>.yaml``) when it has one."""
    graph = pathsum.from_jax(task.function, merge=False, **task.point)
    module = Path(inspect.getmodule(task.function).__file__).name
    at = ", ".join(f"{name}={value!r}" for name, value in task.point.items())
    graph.name = task.stem or task.function.__name__
    graph.description = (f"AlphaGrad's {task.name} task: benchmarks/alphagrad/{module}:"
                         f"{task.function.__name__} imported from JAX faithfully (one node per "
                         f"jaxpr equation) at {at}; scripts/alphagrad.py --write-graphs "
                         "writes it again")
    return graph


def run_task(task: Task, engines: Iterable[str], budget: float) -> dict[str, Any]:
    """One task's record: its graph's size and each engine's ``mul``, ``add`` and order
    (``None`` for an engine that does not apply, with the reason), or the one-line reason
    it could not be imported."""
    record: dict[str, Any] = {"task": task.name, "arrays": task.arrays}
    try:
        graph = faithful_graph(task)
    except Exception as err:  # noqa: BLE001 (a benchmark reports any failure in one line)
        message = err.message if isinstance(err, PathsumError) else f"{type(err).__name__}: {err}"
        record["error"] = " ".join(str(message).split())
        return record
    options = EngineOptions(budget=budget)
    cg = compile_graph(graph)
    record.update(nodes=graph.network.number_of_nodes(), edges=graph.network.number_of_edges())
    runnable, skipped = [], {}
    for name in engines:
        try:
            prepare(name, cg, options)
            runnable.append(name)
        except PathsumError as err:
            skipped[name] = " ".join(err.message.split())
    analysis = pathsum.analyze(graph, engines=runnable, options=options)
    results: dict[str, Any] = {}
    for name in engines:
        if name in skipped:
            results[name] = {"skipped": skipped[name]}
            continue
        result = analysis.results[name]
        entry = {"mul": result.mul, "add": result.add}
        for extra in ("optimal", "bound", "order"):
            value = getattr(result, extra, None)
            if value is not None:
                entry[extra] = value
        results[name] = entry
    record["engines"] = results
    record["agree"] = analysis.agree
    return record
