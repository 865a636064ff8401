"""Analyse many graph files: one §5 record per file, in input order, losing nothing.

This is the library layer of ``pathsum batch`` (DESIGN §4): :func:`run_batch` checks the
request and chooses where the work runs. The paths a user names are expanded in
:mod:`pathsum.graph_files`; each file becomes its JSON record (DESIGN §5), or a record with
an ``error`` field instead of stopping the run, in :mod:`pathsum.file_records`. The work runs
in this process, on local worker processes (:mod:`pathsum.local_workers`), or on a Dask
distributed cluster (:mod:`pathsum.dask_workers`, the optional extra ``pathsum[dask]``).
Whatever runs it, the records come back in input order, as they become available, with a
bounded number of files in flight, so a folder of thousands of graphs is never held in
memory at once.

Records are plain dicts of JSON types, so they pickle and serialise as they are.
"""

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

__all__ = [
    "GRAPH_SUFFIXES",
    "DaskError",
    "analyze_file",
    "error_record",
    "expand_paths",
    "run_batch",
    "worker_count",
]


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
    engines : sequence of str
        Engine names, as for :func:`pathsum.analyze`.
    max_paths : int or None
        As for :func:`pathsum.analyze`.
    jobs : int
        Local worker processes: 1 (the default) runs in this process, 0 uses every core.
        Capped by :func:`worker_count`: at :data:`~pathsum.local_workers.JOBS_PER_CORE` per
        core and at the number of files.
    dask : str or dask.distributed.Client, optional
        A scheduler address (``tcp://host:8786``) or a connected client: run the work on
        that Dask cluster instead. The files are read here and sent to the workers, so the
        workers need not see this machine's files. Needs ``pathsum[dask]``.
    arith : {"float", "exact", "symbolic"}
        The arithmetic, as for :func:`pathsum.load`.
    options : EngineOptions, optional
        As for :func:`pathsum.analyze`, the same for every file: ``eliminate-search``'s
        ``budget``, say.

    Yields
    ------
    dict
        One record per path: ``Analysis.to_dict()``, or :func:`error_record` for a file
        that failed.

    Raises
    ------
    UsageError
        Before any work, for an unknown engine, a negative ``max_paths`` or ``jobs``, or
        both ``jobs`` and ``dask``.
    InputTypeError
        Before any work, for an argument of the wrong type: ``paths`` a single str rather
        than a list of paths, ``jobs`` not a whole number, ...
    DaskError
        If Dask is asked for but not installed, or its scheduler cannot be reached.

    Notes
    -----
    Validation, and connecting to Dask, happen when this is called; the files are analysed
    as the records are consumed. Local workers are started with the ``forkserver`` method
    (``spawn`` where it is missing), so, as with any ``multiprocessing`` code, a script that
    passes ``jobs`` other than 1 must start its work under ``if __name__ == "__main__":``.
    A worker process that dies (killed, out of memory) costs only the record of the file
    it was analysing: the files in flight are run again one at a time on a new pool.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "g.yaml").write_text("inputs: [x]\\nedges: [[x, y, 2], [x, y, 3]]\\n")
    >>> _ = (folder / "bad.yaml").write_text("inputs: [x]\\nedges: [[x, x, 2]]\\n")
    >>> for record in run_batch(expand_paths([str(folder)])):
    ...     print(record["graph"], record.get("total_paths"), "error" in record)
    bad None True
    g 2 False
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
