"""Size limits: work that cannot fit in memory is refused before it starts.

A graph costs about 2.7 KB of memory per edge once loaded from YAML (the parsed document
and the networkx graph the design stores it in), so a file of 4 million edges needs some
11 GB. Two limits, each raised by an environment variable for whoever has the memory:

- ``PATHSUM_MAX_BYTES`` (default 64 MiB): the largest graph file read. A 1,000,000-edge
  YAML file is 26 MB.
- ``PATHSUM_MAX_EDGES`` (default 2,000,000): the most edges a generated graph may have,
  estimated from the family's parameters before anything is built.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from .errors import TooLargeError, UsageError

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_EDGES", "check_edges", "max_bytes", "max_edges",
           "read_limited"]

DEFAULT_MAX_BYTES = 64 * 2**20
DEFAULT_MAX_EDGES = 2_000_000


def _limit(variable: str, default: int) -> int:
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        value = -1
    if value < 1:
        raise UsageError(f"{variable}={raw!r} is not a positive whole number")
    return value


def max_bytes() -> int:
    """The largest graph file read, in bytes: ``PATHSUM_MAX_BYTES`` or 64 MiB."""
    return _limit("PATHSUM_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_edges() -> int:
    """The most edges a generated graph may have: ``PATHSUM_MAX_EDGES`` or 2,000,000."""
    return _limit("PATHSUM_MAX_EDGES", DEFAULT_MAX_EDGES)


def check_edges(edges: int, what: str) -> None:
    """Refuse a graph of ``edges`` edges (an estimate) above :func:`max_edges`.

    Examples
    --------
    >>> check_edges(10, "diamond k=5")
    >>> check_edges(10**8, "diamond k=1, width=100000000")
    Traceback (most recent call last):
    ...
    pathsum.errors.TooLargeError: diamond k=1, width=100000000 would have 100,000,000 edges, more than the limit of 2,000,000 (about 2.7 KB of memory each; PATHSUM_MAX_EDGES raises it)
    """
    limit = max_edges()
    if edges > limit:
        raise TooLargeError(f"{what} would have {edges:,} edges, more than the limit of "
                            f"{limit:,} (about 2.7 KB of memory each; PATHSUM_MAX_EDGES "
                            "raises it)")


def read_limited(handle: BinaryIO) -> bytes:
    """Read an open file whole, refusing devices and anything over :func:`max_bytes`.

    A regular file is checked by its size before reading; a pipe (``/dev/stdin``) is read
    up to the limit and refused past it. ``/dev/zero`` would otherwise never end.
    """
    limit = max_bytes()
    try:
        status = os.fstat(handle.fileno())
        mode, size = status.st_mode, status.st_size
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation: an in-memory stream
        mode, size = stat.S_IFIFO, 0
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise TooLargeError("is a device, not a graph file")
    hint = "; PATHSUM_MAX_BYTES raises the limit"
    if stat.S_ISREG(mode) and size > limit:
        raise TooLargeError(f"is {size:,} bytes, more than the limit of {limit:,}{hint}")
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLargeError(f"is more than the limit of {limit:,} bytes{hint}")
    return data
