"""Elimination orders in files: a YAML or JSON list of intermediate node names, read by
``--order`` and written by ``--save-order``.

An order file is a list of strings, one a line as written here, after comment lines saying
where the order came from: node names, or an edge-elimination engine's steps
(``front:i->j``, ``back:i->j``), which ``eliminate-given`` tells apart
(:func:`pathsum.engines.edge_eliminate.is_edge_order`). An item that is not a string is
refused here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import yaml

from .atomic import open_output
from .errors import SchemaError, TooLargeError
from .limits import max_edges, read_limited
from .printable import brief, printable
from .yamlio import LocatedList, position, read_yaml

__all__ = ["dump_order", "load_order", "save_order"]


def load_order(path: str | os.PathLike[str]) -> list[str]:
    """The node names listed in an order file, in order, as a list that remembers the line
    of each name (for errors about it later).

    JSON is YAML, so one reader serves both.

    Raises
    ------
    SchemaError
        If the file cannot be read or is not a list of names; naming the file and line.
    TooLargeError
        For a device (``/dev/zero``), a file over :func:`pathsum.limits.max_bytes`, or one
        with room for more names than :func:`pathsum.limits.max_edges`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "o.yaml")
    ...     _ = p.write_text("[v1, v2]\\n")
    ...     load_order(p)
    ['v1', 'v2']
    """
    origin = str(path)
    try:
        with Path(path).open("rb") as handle:
            text = read_limited(handle, "an order file").decode("utf-8")
    except TooLargeError as err:
        raise err.located(origin) from None
    except OSError as err:  # missing, a folder, unreadable: the system says which
        raise SchemaError(f"cannot read the order file ({err.strerror.lower()})",
                          source=origin) from None
    except UnicodeDecodeError as err:
        raise SchemaError(f"not UTF-8 text ({err.reason} at byte {err.start})",
                          source=origin) from None
    # Every intermediate node has an in-edge, so a graph within the edge limit has no more
    # names to order than that; a name ends at a comma or a line's end. Refused before the
    # YAML reading spends some 400 bytes on each.
    room, most = text.count(",") + text.count("\n") + 1, max_edges()
    if room > most:
        raise TooLargeError(f"has room for {room:,} names, more than the {most:,} nodes to "
                            "order a graph within the edge limit may have; PATHSUM_MAX_EDGES "
                            "raises it", source=origin)
    data = read_yaml(text, origin)
    if data is None:
        data = LocatedList()
        data.marks = []
    if not isinstance(data, list):
        raise SchemaError("an order file is a list of intermediate node names, e.g. "
                          "[v1, v3, v2]", source=origin)
    for i, name in enumerate(data):
        if not isinstance(name, str):
            line, column = position(data, i)
            raise SchemaError(f"item {i + 1} of the order, {brief(name)}, is not a node name",
                              source=origin, line=line, column=column)
    return data


def dump_order(names: Sequence[str], comments: Sequence[str] = ()) -> str:
    """The text of an order file: each comment on a ``#`` line, then the names as a YAML
    list, one a line, quoted where YAML would read them as something else; what
    :func:`load_order` reads back as ``names``.

    Examples
    --------
    >>> print(dump_order(["v3", "null", "x[0]", "α"], ["eliminate-optimal: 15 mul, 2 add"]))
    # eliminate-optimal: 15 mul, 2 add
    - v3
    - 'null'
    - x[0]
    - α
    <BLANKLINE>
    >>> print(dump_order([]), end="")
    []
    """
    # A comment ends at a line break, which printable() escapes (\n, \x85, \u2028 ...).
    head = "".join(f"# {printable(line)}\n" for line in comments)
    return head + yaml.safe_dump(list(names), allow_unicode=True, default_flow_style=False,
                                 width=1 << 30)


def save_order(path: str | os.PathLike[str], names: Sequence[str],
               comments: Sequence[str] = ()) -> None:
    """Write an order file (:func:`dump_order`) where ``-o`` would write: a file replaced
    atomically, or a stream (:func:`pathsum.atomic.open_output`).

    Raises
    ------
    UsageError
        For a path that cannot be replaced as a file (a device, a directory); nothing is
        written.
    OSError
        If the file cannot be written (disk full, no permission); the old file stays.
    """
    text = dump_order(names, comments)
    with open_output(path) as out:
        out.write(text)
