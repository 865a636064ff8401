"""A batch on a Dask distributed cluster (the optional extra ``pathsum[dask]``): the files
are read here and sent to the workers, and the records come back in input order."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import TooLargeError, UsageError
from .file_records import analyze_file, error_record
from .files import non_regular_kind
from .limits import read_limited

__all__ = ["DASK_HINT", "WINDOW_PER_WORKER", "DaskError", "dask_records", "run_dask"]

#: Files in flight per Dask worker thread.
WINDOW_PER_WORKER = 8

DASK_HINT = "--dask needs the optional extra: pip install 'pathsum[dask]'"


class DaskError(UsageError):
    """Dask cannot be used: the optional extra is missing or the scheduler is unreachable."""


def run_dask(paths: Iterable[str], task: tuple, dask: Any) -> Iterator[dict[str, Any]]:
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
    return dask_records(client, own, paths, task)


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


def dask_records(client: Any, own: bool, paths: Iterable[str], task: tuple
                  ) -> Iterator[dict[str, Any]]:
    """The records of ``paths`` from the cluster behind ``client``, in input order.

    The files are read here and sent as text, so the workers need no shared disk; a
    bounded window of tasks (``WINDOW_PER_WORKER`` per worker thread) keeps memory flat
    however many files there are. A file unreadable here is analysed locally for its exact
    message; a task the cluster loses becomes one error record.

    Parameters
    ----------
    client : distributed.Client
    own : bool
        Whether the client was made for this batch, and is closed at the end.
    paths : iterable of str
    task : tuple
        The arguments of :func:`pathsum.file_records.analyze_file` after the path.
    """
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
    """The file's text, read as :func:`pathsum.load` reads it (within the size limit), or None
    when that fails: the file is then analysed here, for load's exact message."""
    if non_regular_kind(path) is not None:
        return None
    try:
        with open(path, "rb") as handle:
            return read_limited(handle).decode("utf-8")
    except (OSError, UnicodeDecodeError, TooLargeError):
        return None


class _Done:
    """A finished result in the same window as Dask futures."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record

    def result(self) -> dict[str, Any]:
        return self.record
