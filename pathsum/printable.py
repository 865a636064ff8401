"""Text from a graph file made safe to show a person: control characters escaped, long
names shortened.

A graph's name, description or file name can carry ANSI escapes (``\\x1b[2J`` clears the
screen), a carriage return that overwrites what came before, or bidirectional overrides
that show text in another order than it is read; a file name can carry bytes that are
not UTF-8 (Python holds them as lone surrogates, which no UTF-8 output can write).
Everything pathsum prints for people (messages, tables, DOT labels) passes through
:func:`printable`; JSON writes the same characters as ``\\uXXXX`` escapes
(:func:`json_escaped`), and CSV keeps the data as it is, save lone surrogates
(:func:`encodable`; see :func:`pathsum.reports.csv_rows.csv_cell`).
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

__all__ = ["SURROGATE", "brief", "encodable", "json_escaped", "printable", "shorten"]

# Beyond the C0 controls: DEL, the C1 controls, the invisible characters that reorder or
# break lines, and lone surrogates (undecodable bytes of a file name, a JSON "\ud800"),
# which no output encoding can write.
_SURROGATES = "\ud800-\udfff"
_INVISIBLE = f"\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff{_SURROGATES}"
_UNSAFE = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
# json.dumps escapes the C0 controls in strings itself; outside them they are its layout.
_JSON_UNSAFE = re.compile(f"[{_INVISIBLE}]")
#: A lone surrogate: half of a UTF-16 pair, alone; a str can hold one, no UTF-8 output can
#: write it.
SURROGATE = re.compile(f"[{_SURROGATES}]")
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


def json_escaped(text: str) -> str:
    """JSON text from ``json.dumps`` with every character :func:`printable` escapes beyond
    the C0 controls (which ``json.dumps`` escapes) written as ``\\uXXXX``.

    Such characters occur only inside JSON strings, and the escape reads back as the same
    character: the data stays whole, and nothing invisible or unwritable reaches the output.

    Examples
    --------
    >>> print(json_escaped('{"name": "\u202eexe.txt\u200b\\udcff"}'))
    {"name": "\\u202eexe.txt\\u200b\\udcff"}
    """
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def encodable(text: str) -> str:
    """``text`` with each lone surrogate (an undecodable byte of a file name) written as its
    escape, so that any UTF-8 output can hold it; everything else as it is.

    Examples
    --------
    >>> encodable("bad\\udcffname.yaml\\t")
    'bad\\\\udcffname.yaml\\t'
    """
    return SURROGATE.sub(_escaped, text)


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
