"""Elimination order files, read by ``--order`` and written by ``--save-order``: a YAML or
JSON list of node names or of edge eliminations (``front:i->j``, ``back:i->j``)."""

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
    """The names an order file lists, as a list remembering each one's line; refused
    (naming the file and line) unless a list of strings within the size limits."""
    origin = str(path)
    try:
        with Path(path).open("rb") as handle:
            text = read_limited(handle, "an order file").decode("utf-8")
    except TooLargeError as err:
        raise err.located(origin) from None
    except OSError as err:  # missing, a folder, unreadable: the system says which
        raise SchemaError(f"cannot read the order file ({(err.strerror or str(err)).lower()})",
                          source=origin) from None
    except UnicodeDecodeError as err:
        raise SchemaError(f"not UTF-8 text ({err.reason} at byte {err.start})",
                          source=origin) from None
    # No more names than edges (each intermediate has an in-edge), refused before YAML.
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
    """The text of an order file: each comment on a ``#`` line, then the names one a line,
    quoted where YAML would read them as something else."""
    # A comment ends at a line break, which printable() escapes (\n, \x85, \u2028 ...).
    head = "".join(f"# {printable(line)}\n" for line in comments)
    return head + yaml.safe_dump(list(names), allow_unicode=True, default_flow_style=False,
                                 width=1 << 30)

def save_order(path: str | os.PathLike[str], names: Sequence[str],
               comments: Sequence[str] = ()) -> None:
    """Write an order file (:func:`dump_order`) where ``-o`` would write: a file replaced
    atomically, or a stream."""
    text = dump_order(names, comments)
    with open_output(path) as out:
        out.write(text)
