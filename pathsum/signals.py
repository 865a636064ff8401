"""Signals that end the process, turned into exceptions so that cleanup code runs.

Python ends the process on the spot for SIGTERM, SIGHUP and the like, leaving a temporary
output file and worker processes behind. Raised as ``SystemExit(128 + signal)`` they
unwind like Ctrl-C's ``KeyboardInterrupt``: ``finally`` blocks remove the one and stop the
others, and the exit status is the one a shell reports for a process that signal killed.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

__all__ = ["ENDING_SIGNALS", "deferred", "unwinding"]

#: Catchable signals whose default action ends the process (SIGPIPE and SIGXFSZ are left
#: out: Python ignores them and reports them as errors where they happen).
ENDING_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM", "SIGQUIT", "SIGUSR1", "SIGUSR2",
                                       "SIGALRM", "SIGXCPU", "SIGVTALRM", "SIGPROF")
    if hasattr(signal, name))


def _unwind(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def unwinding() -> Iterator[None]:
    """Within the block, each of :data:`ENDING_SIGNALS` raises ``SystemExit(128 + signum)``.

    A signal that is ignored (``nohup`` ignores SIGHUP) or already handled is left alone.
    Only the main thread can set handlers; elsewhere this does nothing.

    Examples
    --------
    >>> import os
    >>> with unwinding():
    ...     try:
    ...         os.kill(os.getpid(), signal.SIGTERM)
    ...     except SystemExit as stop:
    ...         print(stop.code)
    143
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _unwind) for signum in ENDING_SIGNALS
                if signal.getsignal(signum) is signal.SIG_DFL}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold Ctrl-C and the ending signals until the block is done, then deliver them as they
    would have been.

    For a step that must not be cut in half: interrupted while starting a worker process,
    ``submit`` would leave it to start alone after the parent has gone.

    Examples
    --------
    >>> import os
    >>> with unwinding():
    ...     try:
    ...         with deferred():
    ...             os.kill(os.getpid(), signal.SIGTERM)
    ...             print("the block finishes first")
    ...     except SystemExit as stop:
    ...         print(stop.code)
    the block finishes first
    143
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {signum: signal.signal(signum, lambda n, frame: caught.append(n))
                for signum in (signal.SIGINT, *ENDING_SIGNALS)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)
