"""A batch on a Dask distributed cluster (the optional extra ``pathsum[dask]``): the files
are read here and sent to the workers, and the records come back in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from typing import Any

from .errors import TooLargeError, UsageError
from .files import non_regular_kind
from .limits import read_limited
from .many_files import analyze_file, error_record

__all__ = ["DASK_HINT", "WINDOW_PER_WORKER", "DaskError", "dask_records", "run_dask"]

#: Files in flight per Dask worker thread.
WINDOW_PER_WORKER = 8

DASK_HINT = "--dask needs the optional extra: pip install 'pathsum[dask]'"


class DaskError(UsageError):
    """Dask cannot be used: the optional extra is missing or the scheduler is unreachable."""


def run_dask(paths: Iterable[str], task: tuple[Any, ...], dask: Any
             ) -> Iterator[dict[str, Any]]:
    """The records from a Dask cluster; the client connects before any work."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise DaskError(DASK_HINT) from None
    if isinstance(dask, Client):
        return dask_records(dask, False, paths, task)
    address = str(dask)
    _check_address(address)
    try:
        client = Client(address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        message = " ".join(str(err).split())
        raise DaskError(f"cannot reach the Dask scheduler at {address}: {message}") from None
    return dask_records(client, True, paths, task)


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


def dask_records(client: Any, own: bool, paths: Iterable[str], task: tuple[Any, ...]
                 ) -> Iterator[dict[str, Any]]:
    """The records of ``paths`` from the cluster behind ``client`` (closed at the end if
    ``own``), in input order, ``WINDOW_PER_WORKER`` files in flight per worker thread. A file
    unreadable here is analysed here, for its exact message; a lost task costs one record."""
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
                if text is None:
                    done: Future[dict[str, Any]] = Future()
                    done.set_result(analyze_file(path, *task))
                    window.append((path, done))
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
            future.cancel()
        if own:
            client.close()


def _read(path: str) -> str | None:
    """The file's text, read as :func:`pathsum.load` reads it (within the size limit), or None
    when that fails."""
    if non_regular_kind(path) is not None:
        return None
    try:
        with open(path, "rb") as handle:
            return read_limited(handle).decode("utf-8")
    except (OSError, UnicodeDecodeError, TooLargeError):
        return None
