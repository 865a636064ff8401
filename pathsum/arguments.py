"""The checks of a Python caller's arguments, made where the public API takes them.

Each check returns the value (normalised: a list of names, an int) or raises a
:class:`~pathsum.errors.PathsumError` whose one-line message names the argument and what was
expected: :class:`~pathsum.errors.InputTypeError` (also a ``TypeError``) for a value of the
wrong type, :class:`~pathsum.errors.ArgumentError` (also a ``ValueError``) for one of the
right type that is refused. A str is never read letter by letter where names are meant, and
a flag must be a real bool.

Examples
--------
>>> names(("a", "b"), "wrt")
['a', 'b']
>>> names("ab", "wrt")
Traceback (most recent call last):
...
pathsum.errors.InputTypeError: wrt must be a list of names, not str ('ab'); for one, write ['ab']
>>> flag("yes", "per_node")
Traceback (most recent call last):
...
pathsum.errors.InputTypeError: per_node must be True or False, not str ('yes')
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Mapping
from numbers import Real
from typing import Any

from .errors import ArgumentError, InputTypeError

__all__ = ["flag", "function", "instance", "items", "mapping", "names", "number", "path", "paths",
           "shown", "stream", "text", "whole", "wrong_type"]

#: The longest repr a message shows of a value (a value can be huge: issue 19, row 1).
_SHOWN = 40


def shown(value: object) -> str:
    """A value's type, and its repr when it is a short scalar: ``str ('10')``, ``NoneType``.

    Examples
    --------
    >>> shown("10"), shown(None), shown([1, 2]), shown("x" * 99), shown(10 ** 100_000)
    ("str ('10')", 'NoneType', 'list', 'str', 'int')
    """
    kind = type(value).__name__
    said = _short_repr(value)
    return kind if said is None else f"{kind} ({said})"


def _short_repr(value: object) -> str | None:
    """The repr of a str, bytes or number if it is short, else None; never computed for a
    long one (a str of a gigabyte, an int of a million digits)."""
    if isinstance(value, str | bytes) and len(value) > _SHOWN:
        return None
    if isinstance(value, int) and value.bit_length() > 4 * _SHOWN:
        return None
    if not isinstance(value, str | bytes | int | float):
        return None
    said = repr(value)
    return said if len(said) <= _SHOWN else None


def wrong_type(argument: str, expected: str, value: object, hint: str = "") -> InputTypeError:
    """The error for ``argument`` given ``value`` where ``expected`` was wanted."""
    return InputTypeError(f"{argument} must be {expected}, not {shown(value)}{hint}")


def instance(value: Any, kinds: type | tuple[type, ...], argument: str, expected: str, *,
             optional: bool = False) -> Any:
    """``value`` if it is one of ``kinds`` (or None, if ``optional``).

    Examples
    --------
    >>> instance(None, dict, "options", "a dict")
    Traceback (most recent call last):
    ...
    pathsum.errors.InputTypeError: options must be a dict, not NoneType
    """
    if (value is None and optional) or isinstance(value, kinds):
        return value
    return _refuse(argument, expected, value, optional)


def _refuse(argument: str, expected: str, value: object, optional: bool, hint: str = "") -> Any:
    raise wrong_type(argument, f"{expected} or None" if optional else expected, value, hint)


def flag(value: Any, argument: str) -> bool:
    """``value`` if it is True or False: ``"yes"``, ``1`` and ``None`` are refused."""
    if not isinstance(value, bool):
        raise wrong_type(argument, "True or False", value)
    return value


def text(value: Any, argument: str, *, optional: bool = False) -> Any:
    """``value`` if it is a str (or None, if ``optional``)."""
    return instance(value, str, argument, "a str", optional=optional)


def function(value: Any, argument: str, *, optional: bool = False) -> Any:
    """``value`` if it can be called (or None, if ``optional``)."""
    if (value is None and optional) or callable(value):
        return value
    return _refuse(argument, "a function", value, optional)


def number(value: Any, argument: str, expected: str = "a number", *,
           nonnegative: bool = True) -> float:
    """``value`` as a float, if it is a finite real number that is not a bool (and, if
    ``nonnegative``, zero or more).

    Examples
    --------
    >>> number(2, "budget", "a number of seconds")
    2.0
    >>> number(float("nan"), "budget", "a number of seconds")
    Traceback (most recent call last):
    ...
    pathsum.errors.ArgumentError: budget must be a finite number of seconds, zero or more, not nan
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise wrong_type(argument, expected, value)
    number = _float(value)
    if not (math.isfinite(number) and (number >= 0 or not nonnegative)):
        finite = expected.replace("a number", "a finite number", 1)
        least = ", zero or more" if nonnegative else ""
        raise ArgumentError(f"{argument} must be {finite}{least}, not {_said(value)}")
    return number


def _float(value: Real) -> float:
    """``value`` as a float; one too large for a float is infinite, with its sign."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def _said(value: Real) -> str:
    """A number as a message shows it: as Python prints it (``2.5``, ``1/3``) if that is
    short, else by its type (:func:`shown`)."""
    if isinstance(value, int) and value.bit_length() > 4 * _SHOWN:
        return shown(value)  # its digits are not even computed
    try:
        said = str(value)
    except ValueError:  # a Fraction of more digits than Python converts
        return shown(value)
    return said if len(said) <= _SHOWN else shown(value)


def whole(value: Any, argument: str, *, none: str | None = None, minimum: int = 0,
          least: str = "zero or more") -> Any:
    """``value`` as an int, if it is a whole number (``1e6`` and ``Fraction(10)`` too) of
    at least ``minimum``; None is allowed when ``none`` says what it means.

    Examples
    --------
    >>> whole(1e6, "max_paths", none="no limit"), whole(None, "max_paths", none="no limit")
    (1000000, None)
    >>> whole(2.5, "max_paths", none="no limit")
    Traceback (most recent call last):
    ...
    pathsum.errors.ArgumentError: max_paths must be a whole number or None (no limit), not 2.5
    """
    expected = "a whole number" if none is None else "a whole number or None"
    if value is None and none is not None:
        return None
    if isinstance(value, bool) or not isinstance(value, Real):
        raise wrong_type(argument, expected, value)
    try:
        whole_value = int(value)  # exact, however large; inf and nan raise
    except (OverflowError, ValueError):
        whole_value = None
    if whole_value is None or value != whole_value:
        meaning = "" if none is None else f" ({none})"
        raise ArgumentError(f"{argument} must be {expected}{meaning}, not {_said(value)}")
    if whole_value < minimum:
        raise ArgumentError(f"{argument} must be {least}")
    return whole_value


def items(value: Any, argument: str, expected: str, *, optional: bool = False) -> list[Any]:
    """``value`` as a list, if it is an iterable other than a str (which would be read
    letter by letter), bytes or a mapping. A list is returned as it is (a list read from
    YAML keeps the positions of its items).

    Examples
    --------
    >>> items(range(3), "sizes", "a list of sizes")
    [0, 1, 2]
    >>> items("12", "sizes", "a list of sizes")
    Traceback (most recent call last):
    ...
    pathsum.errors.InputTypeError: sizes must be a list of sizes, not str ('12'); for one, write ['12']
    """
    if isinstance(value, str):
        said = _short_repr(value)
        _refuse(argument, expected, value, optional,
                f"; for one, write [{said}]" if said else "")
    if isinstance(value, bytes | bytearray | Mapping) or not isinstance(value, Iterable):
        _refuse(argument, expected, value, optional)
    return value if isinstance(value, list) else list(value)


def names(value: Any, argument: str, *, optional: bool = False,
          expected: str = "a list of names") -> Any:
    """``value`` as a list of str (see :func:`items`); None too, if ``optional``.

    Examples
    --------
    >>> names([1], "inputs")
    Traceback (most recent call last):
    ...
    pathsum.errors.InputTypeError: inputs must hold names (str), not int (1)
    """
    if value is None and optional:
        return None
    listed = items(value, argument, expected, optional=optional)
    for item in listed:
        if not isinstance(item, str):
            raise InputTypeError(f"{argument} must hold names (str), not {shown(item)}")
    return listed


def mapping(value: Any, argument: str, expected: str, *, optional: bool = True) -> Any:
    """``value`` as a dict, if it is a mapping whose keys are all str (or None, if
    ``optional``).

    Examples
    --------
    >>> mapping({1: 2}, "overrides", "a mapping of name: number")
    Traceback (most recent call last):
    ...
    pathsum.errors.InputTypeError: overrides must have names (str) as keys, not int (1)
    """
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
    """``value`` if it is an open text stream, or any iterable of lines but a str (which
    would be read letter by letter); None too, if ``optional``."""
    if (value is None and optional) or (isinstance(value, Iterable)
                                        and not isinstance(value, str | bytes | Mapping)):
        return value
    return _refuse(argument, "a text stream", value, optional)


def paths(value: Any, argument: str) -> list[str] | Iterator[str]:
    """Each path of ``value`` as a str (see :func:`path`): an iterator checking each path as
    it is taken when ``value`` is an iterator, so that a long stream is never held at once;
    else a list, checked now. A single str is refused, not read letter by letter.
    """
    if isinstance(value, os.PathLike):
        value = os.fspath(value)  # refused below, as a str
    if isinstance(value, Iterator):
        return (path(item, f"each of {argument}") for item in value)
    return [path(item, f"each of {argument}")
            for item in items(value, argument, "a list of paths")]
