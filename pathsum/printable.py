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
import reprlib
from typing import Any

__all__ = ["brief", "printable", "shorten"]

# C0 and C1 controls, DEL, the invisible characters that reorder or break lines, and lone
# surrogates (from a JSON "\ud800"), which no output encoding can write.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
                     "\ud800-\udfff]")
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


class _Brief(reprlib.Repr):
    """:mod:`reprlib`'s bounded repr, also for the located loader's dict and list
    subclasses (reprlib would ``repr`` them whole) and for huge integers."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 2
        self.maxdict = self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = 4
        self.maxstring = self.maxlong = self.maxother = 40

    def repr1(self, x: Any, level: int) -> str:
        if isinstance(x, dict):
            return self.repr_dict(x, level)
        if isinstance(x, list):
            return self.repr_list(x, level)
        if isinstance(x, int) and not isinstance(x, bool) and x.bit_length() > 128:
            return f"<an integer of {x.bit_length()} bits>"
        return super().repr1(x, level)


_BRIEF = _Brief()


def brief(value: Any, width: int = 60) -> str:
    """A repr of ``value`` for a message: at most ``width`` characters, built without
    walking more of it than it shows.

    A YAML alias bomb (``&l1 [*l0, *l0, ...]`` nine deep) is a 400-byte file whose full
    repr would be gigabytes; a message shows its start.

    Examples
    --------
    >>> brief([1, [2, [3, [4]]], "x" * 100])
    "[1, [2, [...]], 'xxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxx']"
    >>> bomb = [["x"] * 9]
    >>> for _ in range(30):
    ...     bomb = [bomb] * 9
    >>> brief(bomb)
    '[[[...], [...], [...], [...], ...], [[...], [...]…...], ...]'
    """
    text = _BRIEF.repr(value)
    if len(text) <= width:
        return text
    tail = min(10, width // 3)
    return f"{text[:width - tail - 1]}…{text[-tail:]}"
