"""Text from a graph file made safe to show a person: control characters escaped, long
names shortened.

A graph's name, description or file name can carry ANSI escapes (``\\x1b[2J`` clears the
screen), a carriage return that overwrites what came before, or bidirectional overrides
that show text in another order than it is read. Everything pathsum prints for people
(messages, tables) passes through :func:`printable`; JSON escapes such characters itself,
and CSV keeps the data as it is (see :func:`pathsum.reports.csv_rows.csv_cell`).
"""

from __future__ import annotations

import re

__all__ = ["printable", "shorten"]

# C0 and C1 controls, DEL, and the invisible characters that reorder or break lines.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control and reordering character written as its escape.

    Examples
    --------
    >>> printable("olah\\x1b[2J\\r\\u202egnp.exe")
    'olah\\\\x1b[2J\\\\r\\\\u202egnp.exe'
    >>> printable("α → β")
    'α → β'
    """
    return _UNSAFE.sub(_escaped, text)


#: Names in tables are cut to this many characters (JSON and CSV carry them whole).
NAME_WIDTH = 48


def shorten(text: str, width: int = NAME_WIDTH) -> str:
    """``text`` made printable and, if longer than ``width``, cut in the middle with ``…``.

    The middle goes because generated names differ at their ends (``layer3_unit17``).

    Examples
    --------
    >>> shorten("x" * 10 + "_unit_" + "9" * 50, 20)
    'xxxxxxxxxx…999999999'
    >>> shorten("short")
    'short'
    """
    text = printable(text)
    if len(text) <= width:
        return text
    tail = (width - 1) // 2
    head = width - 1 - tail
    return f"{text[:head]}…{text[-tail:]}"
