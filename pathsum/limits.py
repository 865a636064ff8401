"""Size limits: work that cannot fit in memory is refused before it starts.

A graph costs about 2.7 KB of memory per edge once loaded from YAML (the parsed document
and the networkx graph the design stores it in), so a file of 4 million edges needs some
11 GB. Two limits, each raised by an environment variable for whoever has the memory:

- ``PATHSUM_MAX_BYTES`` (default 64 MiB): the largest graph file read. A 1,000,000-edge
  YAML file is 26 MB.
- ``PATHSUM_MAX_EDGES`` (default 2,000,000): the most edges a graph may have: counted in a
  file before networkx stores them, or estimated from a family's parameters before anything
  is built.
- ``PATHSUM_MAX_DRAWN`` (default 5,000): the most nodes plus edges ``draw`` lays out through
  Graphviz (SVG, PNG, the HTML page). Graphviz's time grows much faster than the graph:
  on a busy 2-core machine ``draw`` took 8 s for a 2,000-item diamond, 43 s for a
  4,000-item one. DOT text has no such limit.

Every ``PATHSUM_MAX_*`` variable is read here, by :func:`limit`: a value that is not a
positive whole number is refused in one line naming the variable, and one beyond any
machine's memory (``9223372036854775807``) is the same as no limit.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import Any, BinaryIO

from .errors import TooLargeError, UsageError
from .printable import brief

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_DRAWN", "DEFAULT_MAX_EDGES", "check_drawn",
           "check_edges", "check_environment", "check_listed", "limit", "max_bytes",
           "max_drawn", "max_edges", "read_limited"]

DEFAULT_MAX_BYTES = 64 * 2**20
DEFAULT_MAX_EDGES = 2_000_000
DEFAULT_MAX_DRAWN = 5_000


#: The prefix of every limit's variable.
PREFIX = "PATHSUM_MAX_"

#: Read in pieces of this many bytes: a limit of 2**63 must not become one allocation.
_CHUNK = 1 << 20


def limit(variable: str, default: int) -> int:
    """The positive whole number in environment variable ``variable``, or ``default`` when
    it is unset or blank; values above ``sys.maxsize`` are ``sys.maxsize`` (no limit).

    Raises
    ------
    UsageError
        For anything else (``-5``, ``lots``, ``1e6``), naming the variable.

    Examples
    --------
    >>> import os
    >>> os.environ["PATHSUM_MAX_EXAMPLE"] = "1_000"
    >>> limit("PATHSUM_MAX_EXAMPLE", 5)
    1000
    >>> os.environ["PATHSUM_MAX_EXAMPLE"] = "-5"
    >>> limit("PATHSUM_MAX_EXAMPLE", 5)
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: PATHSUM_MAX_EXAMPLE='-5' is not a positive whole number
    >>> del os.environ["PATHSUM_MAX_EXAMPLE"]
    """
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return default
    text = raw.strip().replace("_", "")
    if not (text.isascii() and text.isdigit()) or not text.strip("0"):
        raise UsageError(f"{variable}={brief(raw)} is not a positive whole number")
    digits = text.lstrip("0")  # leading zeros must not make a small limit look huge
    return sys.maxsize if len(digits) > 19 else min(int(digits), sys.maxsize)


def check_environment() -> None:
    """Refuse any ``PATHSUM_MAX_*`` variable set to something :func:`limit` refuses, before
    any work, whether or not this run would have consulted it.

    Examples
    --------
    >>> check_environment()
    """
    for variable in sorted(os.environ):
        if variable.startswith(PREFIX):
            limit(variable, 0)


def max_bytes() -> int:
    """The largest graph file read, in bytes: ``PATHSUM_MAX_BYTES`` or 64 MiB."""
    return limit("PATHSUM_MAX_BYTES", DEFAULT_MAX_BYTES)


def max_edges() -> int:
    """The most edges a generated graph may have: ``PATHSUM_MAX_EDGES`` or 2,000,000."""
    return limit("PATHSUM_MAX_EDGES", DEFAULT_MAX_EDGES)


def max_drawn() -> int:
    """The most nodes plus edges laid out by Graphviz: ``PATHSUM_MAX_DRAWN`` or 5,000."""
    return limit("PATHSUM_MAX_DRAWN", DEFAULT_MAX_DRAWN)


def check_drawn(nodes: int, edges: int, what: str) -> None:
    """Refuse to lay out ``what`` through Graphviz when its nodes plus edges are over
    :func:`max_drawn` (issue 19: ``dot`` on 100,000 nodes never finishes).

    Examples
    --------
    >>> check_drawn(5, 5, "olah.yaml")
    >>> check_drawn(100_000, 199_998, "chain.yaml")
    Traceback (most recent call last):
    ...
    pathsum.errors.TooLargeError: chain.yaml has 100,000 nodes and 199,998 edges, more than the 5,000 nodes plus edges Graphviz is given (PATHSUM_MAX_DRAWN raises it; a .dot file is written without Graphviz)
    """
    most = max_drawn()
    if nodes + edges > most:
        raise TooLargeError(f"{what} has {nodes:,} nodes and {edges:,} edges, more than the "
                            f"{most:,} nodes plus edges Graphviz is given (PATHSUM_MAX_DRAWN "
                            "raises it; a .dot file is written without Graphviz)")


def check_edges(edges: int, what: str, *, at_least: bool = False) -> None:
    """Refuse a graph of ``edges`` edges (an estimate; ``at_least``: a lower bound) above
    :func:`max_edges`.

    Examples
    --------
    >>> check_edges(10, "diamond k=5")
    >>> check_edges(10**8, "diamond k=1, width=100000000")
    Traceback (most recent call last):
    ...
    pathsum.errors.TooLargeError: diamond k=1, width=100000000 would have 100,000,000 edges, more than the limit of 2,000,000 (about 2.7 KB of memory each; PATHSUM_MAX_EDGES raises it)
    """
    most = max_edges()
    if edges > most:
        bound = "at least " if at_least else ""
        raise TooLargeError(f"{what} would have {bound}{edges:,} edges, more than the limit of "
                            f"{most:,} (about 2.7 KB of memory each; PATHSUM_MAX_EDGES "
                            "raises it)")


def check_listed(edges: int, **where: Any) -> None:
    """Refuse a file that lists ``edges`` edges, more than :func:`max_edges`; ``where`` is
    the file, line and column of its edge list.

    Examples
    --------
    >>> check_listed(6, source="g.yaml", line=2, column=1)
    >>> check_listed(3_000_000, source="g.yaml", line=2, column=1)
    Traceback (most recent call last):
    ...
    pathsum.errors.TooLargeError: g.yaml, line 2, column 1: 3,000,000 edges, more than the limit of 2,000,000; PATHSUM_MAX_EDGES raises it
    """
    most = max_edges()
    if edges > most:
        raise TooLargeError(f"{edges:,} edges, more than the limit of {most:,}; "
                            "PATHSUM_MAX_EDGES raises it", **where)


def read_limited(handle: BinaryIO, kind: str = "a graph file") -> bytes:
    """Read an open file whole, refusing devices and anything over :func:`max_bytes`.

    A regular file is checked by its size before reading; a pipe (``/dev/stdin``) is read
    up to the limit and refused past it. ``/dev/zero`` would otherwise never end. ``kind``
    says what the file should have been (``"an order file"``) in the refusal of a device.
    """
    most = max_bytes()
    try:
        status = os.fstat(handle.fileno())
        mode, size = status.st_mode, status.st_size
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation: an in-memory stream
        mode, size = stat.S_IFIFO, 0
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise TooLargeError(f"is a device, not {kind}")
    hint = "; PATHSUM_MAX_BYTES raises the limit"
    if stat.S_ISREG(mode) and size > most:
        raise TooLargeError(f"is {size:,} bytes, more than the limit of {most:,}{hint}")
    pieces, total = [], 0
    while total <= most:
        piece = handle.read(min(most + 1 - total, max(size + 1, _CHUNK)))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    if total > most:
        raise TooLargeError(f"is more than the limit of {most:,} bytes{hint}")
    return b"".join(pieces)
