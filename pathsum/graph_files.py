"""Which graph files the arguments of ``pathsum batch`` name: files, directories searched
recursively, and ``-`` for a list of paths on stdin."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from . import arguments as checked
from .errors import UsageError
from .files import missing_reason

__all__ = ["GRAPH_SUFFIXES", "expand_paths"]

#: The file endings a directory is searched for.
GRAPH_SUFFIXES: tuple[str, ...] = (".yaml", ".yml", ".json")


def expand_paths(arguments: Iterable[str], stdin: IO[str] | None = None) -> list[str]:
    """The graph files that ``pathsum batch`` arguments name, in order.

    Parameters
    ----------
    arguments : iterable of str
        Each a file (kept as given), a directory (searched recursively for ``*.yaml``,
        ``*.yml`` and ``*.json``, sorted, hidden entries skipped), or ``-`` for paths on
        ``stdin``, one per line (a missing one is kept: it becomes an error record).
    stdin : text stream, optional
        Where ``-`` reads from; default :data:`sys.stdin`.

    Returns
    -------
    list of str

    Raises
    ------
    UsageError
        If an argument does not exist, ``-`` is given twice, or no graph file is found.

    Examples
    --------
    >>> import io
    >>> expand_paths(["-"], stdin=io.StringIO("a.yaml\\n\\n  b.yml  \\n"))
    ['a.yaml', 'b.yml']
    """
    checked.stream(stdin, "stdin", optional=True)
    found: list[str] = []
    read_stdin = False
    for argument in checked.paths(arguments, "arguments"):
        if argument == "-":
            if read_stdin:
                raise UsageError("'-' (read paths from stdin) can be given only once")
            read_stdin = True
            for line in stdin if stdin is not None else sys.stdin:
                entry = line.strip()
                if entry:
                    found.extend(_directory(entry) if os.path.isdir(entry) else [entry])
        elif os.path.isdir(argument):
            found.extend(_directory(argument))
        elif os.path.exists(argument):
            found.append(argument)
        else:
            reason = missing_reason(argument)  # a symlink loop, a dangling link, ...
            if reason in (None, "no such file"):
                reason = "no such file or directory"
            raise UsageError(f"{argument}: {reason}")
    if not found:
        raise UsageError("no graph files found (a directory is searched for "
                         + ", ".join(f"*{s}" for s in GRAPH_SUFFIXES) + ")")
    return found


def _directory(folder: str) -> list[str]:
    """Graph files under ``folder``, recursively, sorted; hidden entries are skipped."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files += [Path(root, name) for name in names
                  if not name.startswith(".") and name.endswith(GRAPH_SUFFIXES)]
    return [str(f) for f in sorted(files)]
