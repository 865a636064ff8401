"""Ending signals raised as ``SystemExit(128 + signal)``, so that ``finally`` blocks run."""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["ENDING_SIGNALS", "deferred", "unwinding"]

#: Catchable signals whose default action ends the process (Python ignores SIGPIPE, SIGXFSZ).
ENDING_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGHUP", "SIGTERM", "SIGQUIT", "SIGUSR1", "SIGUSR2",
                                       "SIGALRM", "SIGXCPU", "SIGVTALRM", "SIGPROF")
    if hasattr(signal, name))

@contextlib.contextmanager
def _handled(signums: Iterable[int], handler: Callable[[int, Any], None]) -> Iterator[None]:
    """``handler`` for ``signums`` within the block; only the main thread can set them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, handler) for signum in signums}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)

def unwinding() -> contextlib.AbstractContextManager[None]:
    """Each of :data:`ENDING_SIGNALS` not ignored or handled raises ``SystemExit(128 + n)``."""
    return _handled([signum for signum in ENDING_SIGNALS
                     if signal.getsignal(signum) is signal.SIG_DFL],
                    lambda signum, _frame: sys.exit(128 + signum))

@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold Ctrl-C and ending signals to the block's end, then deliver them (no orphan worker)."""
    caught: list[int] = []
    try:
        with _handled((signal.SIGINT, *ENDING_SIGNALS), lambda n, frame: caught.append(n)):
            yield
    finally:
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)
