"""The library layer of ``pathsum batch`` (DESIGN §4): many graph files analysed here, on
local worker processes or on a Dask cluster, their records back in input order as they
become available, with a bounded number of files in flight."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from . import arguments
from .analysis import DEFAULT_ENGINES, DEFAULT_MAX_PATHS
from .arith import arithmetic
from .dask_workers import DaskError, run_dask
from .engines import EngineOptions, check_max_paths, check_request
from .errors import UsageError
from .file_records import analyze_file, error_record
from .graph_files import GRAPH_SUFFIXES, expand_paths
from .local_workers import CHUNK_FILES, CHUNKS_PER_WORKER, run_processes, worker_count

__all__ = ["GRAPH_SUFFIXES", "DaskError", "analyze_file", "error_record", "expand_paths",
           "run_batch", "worker_count"]


def run_batch(
    paths: Iterable[str],
    engines: Sequence[str] = DEFAULT_ENGINES,
    max_paths: int | None = DEFAULT_MAX_PATHS,
    *,
    jobs: int = 1,
    dask: Any = None,
    arith: str = "float",
    options: EngineOptions | None = None,
) -> Iterator[dict[str, Any]]:
    """Analyse every file and yield its record, in input order, as results arrive.

    Parameters
    ----------
    paths : iterable of str
        Graph files, for example from :func:`expand_paths`.
    engines, max_paths, arith, options
        As for :func:`pathsum.analyze`, the same for every file.
    jobs : int
        Local worker processes: 1 runs in this process, 0 one per core; at most
        :data:`~pathsum.local_workers.JOBS_PER_CORE` per core and one per file. A script
        passing another value must start its work under ``if __name__ == "__main__":``.
    dask : str or dask.distributed.Client, optional
        A scheduler address (``tcp://host:8786``) or a client: run on that cluster instead;
        the files are read here and sent to it. Needs ``pathsum[dask]``.

    Returns
    -------
    iterator of dict
        One record per path: ``Analysis.to_dict()``, or :func:`error_record` for a file that
        failed (a worker process that dies costs only the record of its file).

    Raises
    ------
    UsageError
        When called, before any work: an unknown engine, a negative ``max_paths`` or
        ``jobs``, both ``jobs`` and ``dask``; :class:`DaskError` if Dask is missing or its
        scheduler cannot be reached.

    Examples
    --------
    >>> [record["error"] for record in run_batch(["missing.yaml"])]
    ['missing.yaml: no such file']
    """
    paths = arguments.paths(paths, "paths")
    engines = check_request(engines, max_paths, options)
    max_paths = check_max_paths(max_paths)
    jobs = arguments.whole(jobs, "jobs", least="zero (all cores) or more")
    if dask is not None and jobs != 1:
        raise UsageError("jobs and dask exclude each other: dask's workers are the parallelism")
    arithmetic(arith)  # an unknown name, or symbolic without sympy: refused before any work
    task = (tuple(engines), max_paths, arith, options)
    if dask is not None:
        return run_dask(paths, task, dask)
    workers = worker_count(int(jobs), len(paths) if isinstance(paths, Sequence) else None)
    if workers <= 1:
        return (analyze_file(p, *task) for p in paths)
    chunk = CHUNK_FILES
    if isinstance(paths, Sequence):  # two slow files on two workers run side by side
        chunk = max(1, min(CHUNK_FILES, len(paths) // (workers * CHUNKS_PER_WORKER)))
    return run_processes(paths, task, workers, chunk)
