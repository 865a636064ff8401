"""``pathsum batch``'s library (DESIGN §4): a record per file, here, on workers or on Dask."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from . import arguments as checked
from .analysis import DEFAULT_ENGINES, DEFAULT_MAX_PATHS, analyze
from .arith import arithmetic
from .engines import EngineOptions, check_max_paths, check_request
from .errors import PathsumError, TooLargeError, UsageError
from .files import missing_reason, non_regular_kind
from .limits import read_limited
from .loader import default_name, load, loads

__all__ = ["DASK_HINT", "GRAPH_SUFFIXES", "DaskError", "analyze_file", "analyze_files",
           "error_record", "expand_paths", "run_batch"]

GRAPH_SUFFIXES: tuple[str, ...] = (".yaml", ".yml", ".json")

def expand_paths(arguments: Iterable[str], stdin: IO[str] | None = None) -> list[str]:
    """The graph files that ``pathsum batch`` arguments name, in order.

    Parameters
    ----------
    arguments : iterable of str
        Files (kept as given), directories (searched recursively for ``*.yaml``, ``*.yml`` and
        ``*.json``, hidden entries skipped), or ``-``: paths on ``stdin``, one per line.
    stdin : text stream, optional
        Where ``-`` reads from; default :data:`sys.stdin`.

    Examples
    --------
    >>> import io
    >>> expand_paths(["-"], stdin=io.StringIO("a.yaml\\n\\n  b.yml  \\n"))
    ['a.yaml', 'b.yml']
    """
    checked.stream(stdin, "stdin", optional=True)
    found: list[str] = []
    read_stdin = False
    for argument in checked.paths(arguments, "arguments"):
        if argument == "-":
            if read_stdin:
                raise UsageError("'-' (read paths from stdin) can be given only once")
            read_stdin = True
            for line in stdin if stdin is not None else sys.stdin:
                entry = line.strip()
                if entry:
                    found.extend(_directory(entry) if os.path.isdir(entry) else [entry])
        elif os.path.isdir(argument):
            found.extend(_directory(argument))
        elif os.path.exists(argument):
            found.append(argument)
        else:
            reason = missing_reason(argument)  # a symlink loop, a dangling link, ...
            if reason in (None, "no such file"):
                reason = "no such file or directory"
            raise UsageError(f"{argument}: {reason}")
    if not found:
        raise UsageError("no graph files found (a directory is searched for "
                         + ", ".join(f"*{s}" for s in GRAPH_SUFFIXES) + ")")
    return found

def _directory(folder: str) -> list[str]:
    """Graph files under ``folder``, recursively, sorted; hidden entries are skipped."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += [Path(root, name) for name in names
                  if not name.startswith(".") and name.endswith(GRAPH_SUFFIXES)]
    return [str(f) for f in sorted(files)]

def error_record(path: str, message: str) -> dict[str, Any]:
    """The record of a file that failed: its ``graph`` (file stem), ``source`` and ``error``."""
    return {"graph": default_name(path), "source": path, "error": " ".join(message.split())}

def analyze_file(path: str, engines: Sequence[str] = DEFAULT_ENGINES,
                 max_paths: int | None = DEFAULT_MAX_PATHS, arith: str = "float",
                 options: EngineOptions | None = None, text: str | None = None
                 ) -> dict[str, Any]:
    """One file's §5 record, or an :func:`error_record` with ``pathsum analyze``'s message.

    Parameters
    ----------
    path : str or os.PathLike
        The file; the record's ``source``.
    engines, max_paths, arith, options
        As for :func:`pathsum.analyze`.
    text : str, optional
        The file's contents, already read (on a Dask worker).

    Examples
    --------
    >>> analyze_file("missing.yaml")["error"]
    'missing.yaml: no such file'
    """
    path = checked.path(path, "path")
    options = checked.instance(options, EngineOptions, "options",
                               "an EngineOptions (pathsum.engines.EngineOptions)", optional=True)
    try:
        kind = None if text is not None else non_regular_kind(path)
        if kind is not None:  # a FIFO would block the run until someone writes to it
            return error_record(path, f"{path}: {kind}, not a regular file; skipped without "
                                      "reading it")
        # With text: what load(path) does after reading the file (same origin and name).
        graph = load(path, arith=arith) if text is None else \
            loads(text, source=path, name=default_name(path), arith=arith)
        return analyze(graph, engines, max_paths, options=options).to_dict()
    except PathsumError as err:
        return error_record(path, str(err))
    except Exception as err:  # noqa: BLE001 - one file must not end the run
        return error_record(path, f"{path}: unexpected {type(err).__name__} while analysing: "
                                  f"{err}")

def analyze_files(paths: list[str], engines: Sequence[str], max_paths: int | None,
                  arith: str, options: EngineOptions | None = None) -> list[dict[str, Any]]:
    """A local worker's task: a chunk of files, a record each, in order."""
    return [analyze_file(path, engines, max_paths, arith, options) for path in paths]

def run_batch(paths: Iterable[str], engines: Sequence[str] = DEFAULT_ENGINES,
              max_paths: int | None = DEFAULT_MAX_PATHS, *, jobs: int = 1, dask: Any = None,
              arith: str = "float", options: EngineOptions | None = None
              ) -> Iterator[dict[str, Any]]:
    """Analyse every file and yield its record, in input order, as they arrive (a worker that dies
    costs its file's); usage errors and a ``DaskError`` come when this is called.

    Parameters
    ----------
    paths : iterable of str
        Graph files, for example from :func:`expand_paths`.
    engines, max_paths, arith, options
        As for :func:`pathsum.analyze`, the same for every file.
    jobs : int
        Local worker processes: 1 runs here, 0 one per core (at most two per core, one per
        file); a script passing another must start under ``if __name__ == "__main__":``.
    dask : str or dask.distributed.Client, optional
        A scheduler address or a client: run on that cluster (``pathsum[dask]``) instead.

    Examples
    --------
    >>> [record["error"] for record in run_batch(["missing.yaml"])]
    ['missing.yaml: no such file']
    """
    paths = checked.paths(paths, "paths")
    engines = check_request(engines, max_paths, options)
    max_paths = check_max_paths(max_paths)
    jobs = checked.whole(jobs, "jobs", least="zero (all cores) or more")
    if dask is not None and jobs != 1:
        raise UsageError("jobs and dask exclude each other: dask's workers are the parallelism")
    arithmetic(arith)  # an unknown name, or symbolic without sympy: refused before any work
    task = (tuple(engines), max_paths, arith, options)
    if dask is not None:
        return _run_dask(paths, task, dask)
    # Imported here: local_workers imports this module's records.
    from .local_workers import CHUNK_FILES, CHUNKS_PER_WORKER, run_processes, worker_count

    workers = worker_count(int(jobs), len(paths) if isinstance(paths, Sequence) else None)
    if workers <= 1:
        return (analyze_file(p, *task) for p in paths)
    chunk = CHUNK_FILES
    if isinstance(paths, Sequence):  # two slow files on two workers run side by side
        chunk = max(1, min(CHUNK_FILES, len(paths) // (workers * CHUNKS_PER_WORKER)))
    return run_processes(paths, task, workers, chunk)

#: Files in flight per Dask worker thread.
WINDOW_PER_WORKER = 8

DASK_HINT = "--dask needs the optional extra: pip install 'pathsum[dask]'"

class DaskError(UsageError):
    """Dask cannot be used: the optional extra is missing or the scheduler is unreachable."""

def _run_dask(paths: Iterable[str], task: tuple[Any, ...], dask: Any
              ) -> Iterator[dict[str, Any]]:
    """The records from a Dask cluster, connected (and its address checked) before any work."""
    try:
        from dask.distributed import Client
        from distributed.comm.addressing import parse_address, parse_host_port
    except ImportError:
        raise DaskError(DASK_HINT) from None
    if isinstance(dask, Client):
        return dask_records(dask, False, paths, task)
    address = str(dask)
    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as err:
        raise DaskError(f"'{address}' is not a Dask scheduler address such as "
                        f"tcp://host:8786 ({err})") from None
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        raise DaskError(f"cannot reach the Dask scheduler at {address}: "
                        f"{' '.join(str(err).split())}") from None
    return dask_records(client, True, paths, task)

def dask_records(client: Any, own: bool, paths: Iterable[str], task: tuple[Any, ...]
                 ) -> Iterator[dict[str, Any]]:
    """The records from the cluster behind ``client`` (closed after if ``own``), in order."""
    workers = max(1, sum(client.nthreads().values()))
    window: deque[tuple[str, Any]] = deque()
    pending = iter(paths)
    try:
        while True:
            while len(window) < workers * WINDOW_PER_WORKER and \
                    (path := next(pending, None)) is not None:
                text = _read(path)  # None: analysed here when its turn comes, for its message
                window.append((path, None if text is None else
                               client.submit(analyze_file, path, *task, text, pure=False)))
            if not window:
                return
            path, future = window.popleft()
            try:
                yield analyze_file(path, *task) if future is None else future.result()
            except Exception as err:  # noqa: BLE001 - a lost worker costs one record
                yield error_record(path, f"{path}: the Dask task failed: {type(err).__name__}: "
                                         f"{err}")
    finally:
        for _, future in window:
            if future is not None:
                future.cancel()
        if own:
            client.close()

def _read(path: str) -> str | None:
    """The file's text, read as :func:`pathsum.load` reads it (within the size limit), or None
    when that fails."""
    if non_regular_kind(path) is None:
        with contextlib.suppress(OSError, UnicodeDecodeError, TooLargeError), \
                open(path, "rb") as handle:
            return read_limited(handle).decode("utf-8")
    return None
