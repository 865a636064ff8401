"""Local worker processes for a batch, started safely; one that dies costs one record."""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .many_files import analyze_files, error_record
from .signals import deferred

__all__ = ["CHUNKS_PER_WORKER", "CHUNK_FILES", "JOBS_PER_CORE", "cpu_count", "run_processes",
           "worker_count"]

#: Files per task sent to a local worker at most (fewer when there are few files).
CHUNK_FILES = 8
#: Tasks in flight per local worker: enough to keep it busy, few enough to bound memory.
CHUNKS_PER_WORKER = 3
#: Local workers per core at most: the work is CPU-bound (``--jobs 100000`` on 2 cores runs 4).
JOBS_PER_CORE = 2

def worker_count(jobs: int, files: int | None = None) -> int:
    """The local workers ``jobs`` runs (0: one per core), at most two per core and one per file."""
    workers = min(jobs or cpu_count(), JOBS_PER_CORE * cpu_count())
    return max(1, workers if files is None else min(workers, files))

def cpu_count() -> int:
    """The cores this process may run on (what ``--jobs 0`` means)."""
    if hasattr(os, "sched_getaffinity"):  # Linux
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1

#: What a terminal sends to the whole process group: the parent alone acts on them.
_GROUP_SIGNALS = (signal.SIGINT, signal.SIGHUP, signal.SIGQUIT)

def _quiet_worker() -> None:
    """Workers leave the terminal's signals to the parent."""
    for signum in _GROUP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)

def _process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool whose workers come from a fork server (spawn where it is missing): a forked parent
    that runs threads (a progress display) can deadlock the child."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        spawn = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(workers, mp_context=spawn, initializer=_quiet_worker)
    server = multiprocessing.get_context("forkserver")
    # The server imports pathsum once; each worker forked from it starts at once, instead of
    # spending its first moments importing (when a Ctrl-C would hit it unprepared).
    server.set_forkserver_preload(["pathsum.local_workers"])
    _start_forkserver()
    return ProcessPoolExecutor(workers, mp_context=server, initializer=_quiet_worker)

def _start_forkserver() -> None:
    """Start the helpers with the terminal's signals ignored (an ignored signal survives exec and
    is inherited), so that only the parent acts on them; blocked meanwhile, one stays pending."""
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

def run_processes(paths: Iterable[str], task: tuple[Any, ...], workers: int,
                  chunk_files: int = CHUNK_FILES) -> Iterator[dict[str, Any]]:
    """The records from local workers, files sent in chunks; when the pool breaks, the files in
    flight run again one at a time, and the one that breaks it becomes an error record."""
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
        # Ctrl-C, a signal, or the reader stopped: terminate the workers, or shutdown would
        # wait for the files in progress (minutes for a big enumeration).
        if not finished and hasattr(pool, "terminate_workers"):  # Python 3.14
            pool.terminate_workers()
        elif not finished:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                with contextlib.suppress(OSError, ValueError):
                    process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

def _submit(pool: ProcessPoolExecutor, chunk: list[str], task: tuple[Any, ...]) -> Future:
    """Submit, or a failed future if the pool is already broken (handled where it is read)."""
    try:
        with deferred():
            return pool.submit(analyze_files, chunk, *task)
    except BrokenProcessPool as err:
        failed: Future = Future()
        failed.set_exception(err)
        return failed
