"""SVG and PNG from DOT text through Graphviz's ``dot`` program."""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import signal
import subprocess

from ..errors import PathsumError, UsageError

__all__ = ["DEFAULT_DOT_TIMEOUT", "GRAPHVIZ_HINT", "dot_timeout", "render", "require_dot"]

#: Seconds ``dot`` may take to lay out a drawing; ``PATHSUM_DOT_TIMEOUT`` changes it.
DEFAULT_DOT_TIMEOUT = 60.0

GRAPHVIZ_HINT = ("needs Graphviz's dot program, which is not installed (Debian/Ubuntu: "
                 "apt-get install graphviz; macOS: brew install graphviz); .dot works "
                 "without it")


def require_dot(what: str) -> str:
    """The path of ``dot``, or a one-line :class:`UsageError` saying how to install it.

    Examples
    --------
    >>> require_dot(".svg")  # doctest: +SKIP
    '/usr/bin/dot'
    """
    found = shutil.which("dot")
    if found is None:
        raise UsageError(f"drawing {what} {GRAPHVIZ_HINT}")
    return found


def dot_timeout() -> float:
    """The seconds ``dot`` may run: ``PATHSUM_DOT_TIMEOUT`` (a positive number) or 60.

    Raises
    ------
    UsageError
        For a value that is not a positive, finite number of seconds.

    Examples
    --------
    >>> dot_timeout()
    60.0
    """
    raw = os.environ.get("PATHSUM_DOT_TIMEOUT")
    if raw is None or not raw.strip():
        return DEFAULT_DOT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise UsageError(f"PATHSUM_DOT_TIMEOUT={raw[:40]!r} is not a positive number of "
                         "seconds")
    return seconds


def render(dot_text: str, fmt: str) -> bytes:
    """Lay out and render DOT text as ``svg`` or ``png`` bytes.

    ``dot`` runs for at most :func:`dot_timeout` seconds, and is killed (with whatever it
    started) however this ends: done, timed out, interrupted.

    Raises
    ------
    UsageError
        If Graphviz is not installed, or ``PATHSUM_DOT_TIMEOUT`` is not a number.
    PathsumError
        If ``dot`` fails, with its first line of complaint, or runs out of time.

    Examples
    --------
    >>> render("digraph { a -> b }", "svg")[:5]  # doctest: +SKIP
    b'<?xml'
    """
    program = require_dot(f".{fmt}")
    seconds = dot_timeout()
    # A session of its own: dot and anything it starts are one process group to kill.
    with subprocess.Popen([program, f"-T{fmt}"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as process:
        try:
            out, err = process.communicate(dot_text.encode("utf-8"), timeout=seconds)
        except subprocess.TimeoutExpired:
            raise PathsumError(f"Graphviz dot did not finish in {seconds:g} s and was stopped "
                               "(PATHSUM_DOT_TIMEOUT gives it longer; a .dot file is written "
                               "without Graphviz)") from None
        finally:
            if process.returncode is None:  # not reaped: its id is still its group's
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
    if process.returncode != 0:
        said = err.decode("utf-8", "replace").strip().splitlines()
        raise PathsumError(f"Graphviz dot failed: {said[0] if said else process.returncode}")
    return out
