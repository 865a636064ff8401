"""Checks of a caller's arguments: the value, or InputTypeError or ArgumentError naming it."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Mapping
from numbers import Real
from typing import Any

from .errors import ArgumentError, InputTypeError
from .printable import short_repr, shown

__all__ = ["flag", "function", "instance", "items", "mapping", "names", "number", "path", "paths",
           "shown", "stream", "text", "whole", "wrong_type"]

def wrong_type(argument: str, expected: str, value: object, hint: str = "") -> InputTypeError:
    """The error for ``argument`` given ``value`` where ``expected`` was wanted."""
    return InputTypeError(f"{argument} must be {expected}, not {shown(value)}{hint}")

def _accepted(ok: bool, value: Any, argument: str, expected: str, optional: bool,
              hint: str = "") -> Any:
    """``value`` if ``ok`` (or None, if ``optional``), else the error naming ``expected``."""
    if ok or (value is None and optional):
        return value
    raise wrong_type(argument, f"{expected} or None" if optional else expected, value, hint)

def instance(value: Any, kinds: type | tuple[type, ...], argument: str, expected: str, *,
             optional: bool = False) -> Any:
    """``value`` if it is one of ``kinds`` (or None, if ``optional``)."""
    return _accepted(isinstance(value, kinds), value, argument, expected, optional)

def flag(value: Any, argument: str) -> bool:
    """``value`` if it is True or False: ``"yes"``, ``1`` and ``None`` are refused."""
    return _accepted(isinstance(value, bool), value, argument, "True or False", False)

def text(value: Any, argument: str, *, optional: bool = False) -> Any:
    """``value`` if it is a str (or None, if ``optional``)."""
    return instance(value, str, argument, "a str", optional=optional)

def function(value: Any, argument: str, *, optional: bool = False) -> Any:
    """``value`` if it can be called (or None, if ``optional``)."""
    return _accepted(callable(value), value, argument, "a function", optional)

def _real(value: Any) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)

def number(value: Any, argument: str, expected: str = "a number", *,
           nonnegative: bool = True) -> float:
    """``value`` as a float, if it is a finite real number, not a bool (and zero or more)."""
    if not _real(value):
        raise wrong_type(argument, expected, value)
    try:
        number = float(value)
    except OverflowError:  # too large for a float: infinite, with its sign
        number = -math.inf if value < 0 else math.inf
    if not (math.isfinite(number) and (number >= 0 or not nonnegative)):
        finite = expected.replace("a number", "a finite number", 1)
        least = ", zero or more" if nonnegative else ""
        raise ArgumentError(f"{argument} must be {finite}{least}, not {_said(value)}")
    return number

def _said(value: Real) -> str:
    """A number as Python prints it (``2.5``, ``1/3``) if short, else by its type."""
    return short_repr(value, str) or shown(value)

def whole(value: Any, argument: str, *, none: str | None = None, minimum: int = 0,
          least: str = "zero or more") -> Any:
    """``value`` as an int if whole (``1e6`` too), at least ``minimum``; None if ``none`` says."""
    expected = "a whole number" if none is None else "a whole number or None"
    if value is None and none is not None:
        return None
    if not _real(value):
        raise wrong_type(argument, expected, value)
    try:
        whole_value = int(value)  # exact, however large
    except (OverflowError, ValueError):  # inf and nan
        whole_value = None
    if whole_value is None or value != whole_value:
        meaning = "" if none is None else f" ({none})"
        raise ArgumentError(f"{argument} must be {expected}{meaning}, not {_said(value)}")
    if whole_value < minimum:
        raise ArgumentError(f"{argument} must be {least}")
    return whole_value

def items(value: Any, argument: str, expected: str, *, optional: bool = False) -> list[Any]:
    """``value`` as a list, if it is an iterable but a str (read letter by letter), bytes or map."""
    if isinstance(value, str):
        said = short_repr(value)
        _accepted(False, value, argument, expected, optional,
                  f"; for one, write [{said}]" if said else "")
    _accepted(isinstance(value, Iterable) and not isinstance(value, bytes | bytearray | Mapping),
              value, argument, expected, optional)
    return value if isinstance(value, list) else list(value)

def names(value: Any, argument: str, *, optional: bool = False,
          expected: str = "a list of names") -> Any:
    """``value`` as a list of str (see :func:`items`); None too, if ``optional``."""
    if value is None and optional:
        return None
    listed = items(value, argument, expected, optional=optional)
    for item in listed:
        if not isinstance(item, str):
            raise InputTypeError(f"{argument} must hold names (str), not {shown(item)}")
    return listed

def mapping(value: Any, argument: str, expected: str, *, optional: bool = True) -> Any:
    """``value`` as a dict, if it is a mapping with str keys (or None, if ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, Mapping):
        raise wrong_type(argument, expected, value)
    for key in value:
        if not isinstance(key, str):
            raise InputTypeError(f"{argument} must have names (str) as keys, not {shown(key)}")
    return dict(value)

def path(value: Any, argument: str) -> str:
    """``value`` as a str path, if it is a str or an ``os.PathLike`` giving one."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise wrong_type(argument, "a str or os.PathLike", value)
    return value

def stream(value: Any, argument: str, *, optional: bool = False) -> Any:
    """``value`` if it is an open text stream or an iterable of lines but a str; or None."""
    return _accepted(isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping),
                     value, argument, "a text stream", optional)

def paths(value: Any, argument: str) -> list[str] | Iterator[str]:
    """Each path of ``value`` as a str, an iterator's checked as taken (never held at once)."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)  # refused below, as a str
    if isinstance(value, Iterator):
        return (path(item, f"each of {argument}") for item in value)
    return [path(item, f"each of {argument}")
            for item in items(value, argument, "a list of paths")]
