"""Values and file text made safe and short to read: controls escaped, names cut, reprs bounded."""

from __future__ import annotations

import re
import reprlib
from collections.abc import Callable
from typing import Any

__all__ = ["NAME_WIDTH", "SURROGATE", "brief", "encodable", "json_escaped", "printable",
           "short_repr", "shorten", "shown"]

# Beyond the C0 controls: DEL, C1, invisible characters that reorder or break lines (a bidi
# override), and lone surrogates (undecodable bytes of a file name), which no output writes.
_SURROGATES = "\ud800-\udfff"
_INVISIBLE = f"\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff{_SURROGATES}"
_UNSAFE = re.compile(f"[\x00-\x1f{_INVISIBLE}]")
# json.dumps escapes the C0 controls in strings itself; outside them they are its layout.
_JSON_UNSAFE = re.compile(f"[{_INVISIBLE}]")
#: A lone surrogate, which no UTF-8 output can write.
SURROGATE = re.compile(f"[{_SURROGATES}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Names in tables are cut to this many characters.
NAME_WIDTH = 48
#: The longest repr a message shows of a value (a value can be huge: issue 19, row 1).
_SHOWN = 40

def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _NAMED.get(match.group()) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

def printable(text: str) -> str:
    """``text`` with every control and reordering character written as its escape."""
    return _UNSAFE.sub(_escaped, text)

def json_escaped(text: str) -> str:
    """``json.dumps`` text with what :func:`printable` escapes, past C0, as ``\\uXXXX``."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)

def encodable(text: str) -> str:
    """``text`` with each lone surrogate escaped, so that any UTF-8 output can hold it."""
    return SURROGATE.sub(_escaped, text)

def _cut(text: str, width: int, tail: int) -> str:
    return text if len(text) <= width else f"{text[:width - tail - 1]}…{text[-tail:]}"

def shorten(text: str, width: int = NAME_WIDTH) -> str:
    """``text`` made printable and cut in the middle, where generated names are alike."""
    return _cut(printable(text), width, (width - 1) // 2)

class _Brief(reprlib.Repr):
    """:mod:`reprlib`'s bounded repr, also of dict and list subclasses and of huge integers."""

    def repr1(self, x: Any, level: int) -> str:
        if isinstance(x, dict):
            return self.repr_dict(x, level)
        if isinstance(x, list):
            return self.repr_list(x, level)
        if isinstance(x, int) and not isinstance(x, bool) and x.bit_length() > 128:
            return f"<an integer of {x.bit_length()} bits>"
        return super().repr1(x, level)

_BRIEF = _Brief()
_BRIEF.maxlevel = 2
_BRIEF.maxdict = _BRIEF.maxlist = _BRIEF.maxtuple = _BRIEF.maxset = _BRIEF.maxfrozenset = 4
_BRIEF.maxstring = _BRIEF.maxlong = _BRIEF.maxother = _SHOWN

def brief(value: Any) -> str:
    """A repr of at most 60 characters, walking no more than it shows (a YAML alias bomb)."""
    return _cut(_BRIEF.repr(value), 60, 10)

def short_repr(value: object, text: Callable[[Any], str] = repr) -> str | None:
    """``text(value)`` if it is short, else None, never computed for a long one (a huge int)."""
    if (isinstance(value, str | bytes) and len(value) > _SHOWN) or \
            (isinstance(value, int) and value.bit_length() > 4 * _SHOWN) or \
            (text is repr and not isinstance(value, str | bytes | int | float)):
        return None
    try:
        said = text(value)
    except ValueError:  # a Fraction of more digits than Python converts
        return None
    return said if len(said) <= _SHOWN else None

def shown(value: object) -> str:
    """A value's type, and its repr when it is a short scalar: ``str ('10')``, ``NoneType``."""
    said = short_repr(value)
    return type(value).__name__ if said is None else f"{type(value).__name__} ({said})"
