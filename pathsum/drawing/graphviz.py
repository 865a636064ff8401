"""SVG and PNG from DOT text through Graphviz's ``dot`` program."""

from __future__ import annotations

import shutil
import subprocess

from ..errors import PathsumError, UsageError

__all__ = ["GRAPHVIZ_HINT", "render", "require_dot"]

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


def render(dot_text: str, fmt: str) -> bytes:
    """Lay out and render DOT text as ``svg`` or ``png`` bytes.

    Raises
    ------
    UsageError
        If Graphviz is not installed.
    PathsumError
        If ``dot`` fails, with its first line of complaint.

    Examples
    --------
    >>> render("digraph { a -> b }", "svg")[:5]  # doctest: +SKIP
    b'<?xml'
    """
    program = require_dot(f".{fmt}")
    done = subprocess.run([program, f"-T{fmt}"], input=dot_text.encode("utf-8"),
                          capture_output=True, check=False, timeout=600)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PathsumError(f"Graphviz dot failed: {said[0] if said else done.returncode}")
    return done.stdout
