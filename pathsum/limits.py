"""Size limits, refused before work starts; PATHSUM_MAX_* variables raise them (docs/limits.md)."""

from __future__ import annotations

import os
import stat
import sys
from typing import Any, BinaryIO

from .errors import TooLargeError, UsageError
from .printable import brief

__all__ = ["check_drawn", "check_edges", "check_environment", "check_listed", "max_edges",
           "read_limited"]

_CHUNK = 1 << 20  # read in pieces: a limit of 2**63 must not become one allocation

def limit(variable: str, default: int) -> int:
    """The positive whole number in ``variable`` (``default`` when unset; at most no limit)."""
    raw = os.environ.get(variable)
    if raw is None or not raw.strip():
        return default
    text = raw.strip().replace("_", "")
    if not (text.isascii() and text.isdigit()) or not text.strip("0"):
        raise UsageError(f"{variable}={brief(raw)} is not a positive whole number")
    digits = text.lstrip("0")  # leading zeros must not make a small limit look huge
    return sys.maxsize if len(digits) > 19 else min(int(digits), sys.maxsize)

def check_environment() -> None:
    """Refuse a bad ``PATHSUM_MAX_*`` variable before any work, whether or not it is read."""
    for variable in sorted(os.environ):
        if variable.startswith("PATHSUM_MAX_"):
            limit(variable, 0)

def max_edges() -> int:
    return limit("PATHSUM_MAX_EDGES", 2_000_000)

def check_drawn(nodes: int, edges: int, what: str) -> None:
    """Refuse to lay out ``what`` through Graphviz, whose time grows faster than the graph."""
    most = limit("PATHSUM_MAX_DRAWN", 5_000)
    if nodes + edges > most:
        raise TooLargeError(f"{what} has {nodes:,} nodes and {edges:,} edges, more than the "
                            f"{most:,} nodes plus edges Graphviz is given (PATHSUM_MAX_DRAWN "
                            "raises it; a .dot file is written without Graphviz)")

def check_edges(edges: int, what: str, *, at_least: bool = False, **where: Any) -> None:
    """Refuse a graph of ``edges`` edges (an estimate; ``at_least``: a lower bound) at ``where``."""
    most = max_edges()
    if edges > most:
        bound = "at least " if at_least else ""
        raise TooLargeError(f"{what} would have {bound}{edges:,} edges, more than the limit of "
                            f"{most:,} (about 2.7 KB of memory each; PATHSUM_MAX_EDGES "
                            "raises it)", **where)

def check_listed(edges: int, **where: Any) -> None:
    """Refuse a file that lists ``edges`` edges; ``where`` locates its edge list."""
    most = max_edges()
    if edges > most:
        raise TooLargeError(f"{edges:,} edges, more than the limit of {most:,}; "
                            "PATHSUM_MAX_EDGES raises it", **where)

def read_limited(handle: BinaryIO, kind: str = "a graph file") -> bytes:
    """Read an open file whole, refusing devices (``/dev/zero``) and anything over the limit."""
    most = limit("PATHSUM_MAX_BYTES", 64 * 2**20)
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
