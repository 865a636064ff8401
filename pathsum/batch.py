"""Analyse many graph files: one §5 record per file, in input order, losing nothing.

This is the library layer of ``pathsum batch`` (DESIGN §4). It expands the paths a user
names, analyses each file into its JSON record (DESIGN §5), and turns a file that fails into
a record with an ``error`` field instead of stopping the run. The work runs in this
process, on local worker processes (:class:`concurrent.futures.ProcessPoolExecutor`), or on
a Dask distributed cluster (the optional extra ``pathsum[dask]``). Whatever runs it, the
records come back in input order, as they become available, with a bounded number of files
in flight, so a folder of thousands of graphs is never held in memory at once.

Records are plain dicts of JSON types, so they pickle and serialise as they are.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from numbers import Integral
from pathlib import Path
from typing import IO, Any

from .analysis import DEFAULT_ENGINES, DEFAULT_MAX_PATHS, analyze
from .arith import arithmetic
from .engines import check_max_paths, check_request
from .errors import InputTypeError, PathsumError, UsageError
from .files import missing_reason, non_regular_kind
from .loader import load, loads
from .signals import deferred

__all__ = [
    "GRAPH_SUFFIXES",
    "DaskError",
    "analyze_file",
    "error_record",
    "expand_paths",
    "run_batch",
    "worker_count",
]

#: The file endings a directory is searched for.
GRAPH_SUFFIXES: tuple[str, ...] = (".yaml", ".yml", ".json")

#: Files per task sent to a local worker at most: tiny graphs cost less than their round
#: trip. Fewer when there are few files, so that every worker gets some.
CHUNK_FILES = 8
#: Tasks in flight per local worker: enough to keep it busy, few enough to bound memory.
CHUNKS_PER_WORKER = 3
#: Local workers per core at most: the work is CPU-bound, so more would only add memory
#: and switching (``--jobs 100000`` on 2 cores runs 4).
JOBS_PER_CORE = 2
#: Files in flight per Dask worker thread.
WINDOW_PER_WORKER = 8

DASK_HINT = "--dask needs the optional extra: pip install 'pathsum[dask]'"


class DaskError(UsageError):
    """Dask cannot be used: the optional extra is missing or the scheduler is unreachable."""


# --- which files ------------------------------------------------------------------------


def expand_paths(arguments: Iterable[str], stdin: IO[str] | None = None) -> list[str]:
    """The graph files that ``pathsum batch`` arguments name, in order.

    Parameters
    ----------
    arguments : iterable of str
        Each is a file (kept as given, whatever its ending), a directory (searched
        recursively for ``*.yaml``, ``*.yml`` and ``*.json`` in sorted order, skipping
        hidden files and folders), or ``-`` for a list of paths on ``stdin``, one per line.
    stdin : text stream, optional
        Where ``-`` reads from; default :data:`sys.stdin`.

    Returns
    -------
    list of str
        The paths, as given or joined onto the directory as given.

    Raises
    ------
    UsageError
        If an argument does not exist, ``-`` is given twice, or no graph file is found.
        Paths read from stdin are data, not arguments: one that does not exist is kept, and
        becomes an error record when it is analysed.

    Examples
    --------
    >>> import io
    >>> expand_paths(["-"], stdin=io.StringIO("a.yaml\\n\\n  b.yml  \\n"))
    ['a.yaml', 'b.yml']
    >>> expand_paths(["nope.yaml"])
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: nope.yaml: no such file or directory
    """
    found: list[str] = []
    read_stdin = False
    for argument in arguments:
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
        for name in names:
            if not name.startswith(".") and name.endswith(GRAPH_SUFFIXES):
                files.append(Path(root, name))
    return [str(f) for f in sorted(files)]


# --- one file ---------------------------------------------------------------------------


def error_record(path: str, message: str) -> dict[str, Any]:
    """The record of a file that failed: its ``graph`` (file stem), ``source`` and ``error``.

    Examples
    --------
    >>> error_record("graphs/bad.yaml", "graphs/bad.yaml: no such file")
    {'graph': 'bad', 'source': 'graphs/bad.yaml', 'error': 'graphs/bad.yaml: no such file'}
    """
    return {"graph": Path(path).stem, "source": path, "error": " ".join(message.split())}


def analyze_file(
    path: str,
    engines: Sequence[str] = DEFAULT_ENGINES,
    max_paths: int | None = DEFAULT_MAX_PATHS,
    arith: str = "float",
    text: str | None = None,
) -> dict[str, Any]:
    """Analyse one file into its §5 record, or an error record; never raises on bad input.

    Parameters
    ----------
    path : str
        The file; it becomes the record's ``source`` as given.
    engines, max_paths, arith
        As for :func:`pathsum.analyze`.
    text : str, optional
        The file's contents, already read (as sent to a Dask worker that may not see the
        client's files). Messages and the default graph name still come from ``path``.

    Returns
    -------
    dict
        ``Analysis.to_dict()``, or :func:`error_record` whose ``error`` is the one-line
        message ``pathsum analyze`` prints after ``Error:``. An unexpected exception (a bug,
        or memory running out) is also caught and named in one line, so that one file
        cannot end the run.

    Examples
    --------
    >>> analyze_file("olah.yaml", text="inputs: {a: 2, b: 1}\\nnodes: {e: a * b}\\n")["paths"]
    {'e': {'a': 1, 'b': 1}}
    >>> analyze_file("missing.yaml")["error"]
    'missing.yaml: no such file'
    """
    try:
        kind = None if text is not None else non_regular_kind(path)
        if kind is not None:  # a FIFO would block the run until someone writes to it
            return error_record(path, f"{path}: {kind}, not a regular file; skipped without "
                                      "reading it")
        # With text: what load(path) does after reading the file (same origin and name).
        graph = load(path, arith=arith) if text is None else \
            loads(text, source=path, name=Path(path).stem, arith=arith)
        return analyze(graph, engines, max_paths).to_dict()
    except PathsumError as err:
        return error_record(path, str(err))
    except Exception as err:  # noqa: BLE001 - one file must not end the run
        return error_record(path, f"{path}: unexpected {type(err).__name__} while analysing: "
                                  f"{err}")


# --- many files -------------------------------------------------------------------------


def run_batch(
    paths: Iterable[str],
    engines: Sequence[str] = DEFAULT_ENGINES,
    max_paths: int | None = DEFAULT_MAX_PATHS,
    *,
    jobs: int = 1,
    dask: Any = None,
    arith: str = "float",
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
        Capped by :func:`worker_count`: at :data:`JOBS_PER_CORE` per core and at the number
        of files.
    dask : str or dask.distributed.Client, optional
        A scheduler address (``tcp://host:8786``) or a connected client: run the work on
        that Dask cluster instead. The files are read here and sent to the workers, so the
        workers need not see this machine's files. Needs ``pathsum[dask]``.
    arith : {"float", "exact", "symbolic"}
        The arithmetic, as for :func:`pathsum.load`.

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
    engines = check_request(engines, max_paths)
    max_paths = check_max_paths(max_paths)
    if isinstance(jobs, bool) or not isinstance(jobs, Integral):
        raise InputTypeError(f"jobs must be a whole number, not {type(jobs).__name__} "
                             f"({jobs!r})")
    if jobs < 0:
        raise UsageError("jobs must be zero (all cores) or more")
    if dask is not None and jobs != 1:
        raise UsageError("jobs and dask exclude each other: dask's workers are the parallelism")
    arithmetic(arith)  # an unknown name, or symbolic without sympy: refused before any work
    task = (tuple(engines), max_paths, arith)
    if dask is not None:
        return _run_dask(paths, task, dask)
    workers = worker_count(int(jobs), len(paths) if isinstance(paths, Sequence) else None)
    if workers <= 1:
        return (analyze_file(p, *task) for p in paths)
    chunk = CHUNK_FILES
    if isinstance(paths, Sequence):  # two slow files on two workers run side by side
        chunk = max(1, min(CHUNK_FILES, len(paths) // (workers * CHUNKS_PER_WORKER)))
    return _run_processes(paths, task, workers, chunk)


def worker_count(jobs: int, files: int | None = None) -> int:
    """The local workers ``jobs`` runs: 0 means one per core; never more than
    :data:`JOBS_PER_CORE` per core, nor more than ``files`` (when known).

    Examples
    --------
    >>> worker_count(1, 10), worker_count(3, 2), worker_count(0, 10**6) == cpu_count()
    (1, 2, True)
    >>> worker_count(100_000) == JOBS_PER_CORE * cpu_count()
    True
    """
    workers = min(jobs or cpu_count(), JOBS_PER_CORE * cpu_count())
    return max(1, workers if files is None else min(workers, files))


def cpu_count() -> int:
    """The cores this process may run on (what ``--jobs 0`` means)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: What a terminal sends to the whole process group: Ctrl-C, Ctrl-\\ and a hang-up. Helpers and
#: workers ignore them and leave them to the parent, which stops the run and cleans up once.
_GROUP_SIGNALS = (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT)


def _quiet_worker() -> None:
    """Workers leave the terminal's signals to the parent (see :data:`_GROUP_SIGNALS`)."""
    for signum in _GROUP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def _process_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver (spawn where it is missing), not fork: forking a parent that runs threads
    # (a progress display, a Dask client) can deadlock the child. The fork server is a fresh
    # interpreter started by exec, so workers never inherit a threaded parent's locks.
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server imports pathsum once; each worker forked from it starts at once, instead
        # of spending its first moments importing (when a Ctrl-C would hit it unprepared).
        context.set_forkserver_preload(["pathsum.batch"])
        _start_forkserver()
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet_worker)


def _start_forkserver() -> None:
    """Start the fork server and the resource tracker with the terminal's signals ignored;
    the workers the server forks inherit that.

    Ctrl-C and a hang-up reach the whole process group. Only the parent should act on them
    (stop, clean up, exit 130 or 129): a helper killed by a hang-up would be started again
    with a warning, and a worker caught in its start-up would print a traceback. An ignored
    signal survives exec, and Python then leaves it ignored. Meanwhile the signals are
    blocked in this thread, so one that arrives in that moment stays pending and is
    delivered here, as usual, once the helpers are started. (A thread that does not block
    them, such as a BLAS pool, may still take one and drop it: a Ctrl-C in those few
    milliseconds can be lost, and pressing it again works.)
    """
    from multiprocessing import forkserver, resource_tracker

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    # The resource tracker unblocks SIGINT on its way out (inside the window, a Ctrl-C
    # would be lost), so it starts first, in a window of its own without SIGINT.
    with _ignored(tuple(s for s in _GROUP_SIGNALS if s != signal.SIGINT)):
        resource_tracker.ensure_running()
    with _ignored(_GROUP_SIGNALS):
        forkserver.ensure_running()


@contextlib.contextmanager
def _ignored(signals: tuple[int, ...]) -> Iterator[None]:
    """Ignore ``signals`` in what is started within the block; hold them for this process."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, set(signals))
    try:
        previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in signals}
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _run_processes(paths: Iterable[str], task: tuple, workers: int, chunk_files: int = CHUNK_FILES
                   ) -> Iterator[dict[str, Any]]:
    """Local worker processes; a worker that dies (killed, out of memory) costs one record.

    Files go to the workers in small chunks, so that a folder of tiny graphs is not spent
    on inter-process traffic. When the pool breaks, the files in flight are run again one
    at a time on a new pool; the one that breaks it alone becomes an error record and the
    run goes on.
    """
    pending = iter(paths)
    window: deque[tuple[list[str], Future]] = deque()
    pool = _process_pool(workers)
    finished = False
    try:
        while True:
            while len(window) < workers * CHUNKS_PER_WORKER:
                chunk = list(itertools.islice(pending, chunk_files))
                if not chunk:
                    break
                window.append((chunk, _submit(pool, chunk, task)))
            if not window:
                finished = True
                return
            try:
                records = window[0][1].result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = _process_pool(workers)
                suspects = list(window)
                window.clear()
                for chunk, before in suspects:
                    if before.done() and not before.cancelled() and before.exception() is None:
                        yield from before.result()
                        continue
                    for suspect in chunk:
                        try:
                            yield from _submit(pool, [suspect], task).result()
                        except BrokenProcessPool:
                            yield error_record(suspect, f"{suspect}: the worker process died "
                                                        "while analysing this file (killed, or "
                                                        "out of memory?)")
                            pool.shutdown(wait=True)
                            pool = _process_pool(workers)
                continue
            window.popleft()
            yield from records
    finally:
        if not finished:  # Ctrl-C, a signal, or the reader stopped: do not wait for the files
            _stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's workers now, whatever they are analysing.

    ``shutdown`` alone would wait for every file in progress to finish (minutes for a big
    enumeration); terminated, the pool breaks, and ``shutdown`` then returns at once.
    """
    stop = getattr(pool, "terminate_workers", None)  # Python 3.14
    if stop is not None:
        stop()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError):
            process.terminate()


def _analyze_files(paths: list[str], engines: Sequence[str], max_paths: int | None,
                   arith: str) -> list[dict[str, Any]]:
    """A worker's task: one chunk of files."""
    return [analyze_file(path, engines, max_paths, arith) for path in paths]


def _submit(pool: ProcessPoolExecutor, chunk: list[str], task: tuple) -> Future:
    """Submit, or a failed future if the pool is already broken (handled where it is read)."""
    try:
        with deferred():
            return pool.submit(_analyze_files, chunk, *task)
    except BrokenProcessPool as err:
        failed: Future = Future()
        failed.set_exception(err)
        return failed


def _run_dask(paths: Iterable[str], task: tuple, dask: Any) -> Iterator[dict[str, Any]]:
    """The same records from a Dask cluster; the client connects before any work."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise DaskError(DASK_HINT) from None
    if isinstance(dask, Client):
        client, own = dask, False
    else:
        address = str(dask)
        _check_address(address)
        try:
            client, own = Client(address, timeout="10s", set_as_default=False), True
        except (OSError, TimeoutError, ValueError) as err:
            message = " ".join(str(err).split())
            raise DaskError(f"cannot reach the Dask scheduler at {address}: {message}") from None
    return _dask_records(client, own, paths, task)


def _check_address(address: str) -> None:
    """Refuse a malformed address here: a Client given one fails slowly, with a traceback."""
    from distributed.comm.addressing import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        if scheme in ("tcp", "tls"):
            parse_host_port(location)
    except ValueError as err:
        raise DaskError(f"'{address}' is not a Dask scheduler address such as "
                        f"tcp://host:8786 ({err})") from None


def _dask_records(client: Any, own: bool, paths: Iterable[str], task: tuple
                  ) -> Iterator[dict[str, Any]]:
    workers = max(1, sum(client.nthreads().values()))
    window: deque[tuple[str, Any]] = deque()
    pending = iter(paths)
    try:
        while True:
            while len(window) < workers * WINDOW_PER_WORKER:
                path = next(pending, None)
                if path is None:
                    break
                text = _read(path)
                if text is None:  # unreadable here: analyse locally for the exact message
                    window.append((path, _Done(analyze_file(path, *task))))
                else:
                    window.append((path, client.submit(analyze_file, path, *task, text,
                                                       pure=False)))
            if not window:
                return
            path, future = window.popleft()
            try:
                yield future.result()
            except Exception as err:  # noqa: BLE001 - a lost worker costs one record
                message = f"{type(err).__name__}: {err}"
                yield error_record(path, f"{path}: the Dask task failed: {message}")
    finally:
        for _, future in window:
            if not isinstance(future, _Done):
                future.cancel()
        if own:
            client.close()


def _read(path: str) -> str | None:
    if non_regular_kind(path) is not None:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


class _Done:
    """A finished result in the same window as Dask futures."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record

    def result(self) -> dict[str, Any]:
        return self.record

