"""How numbers are shown to people (tables and explanations), not to scripts."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["exact_text", "show", "unlimited_digits"]


@contextmanager
def unlimited_digits() -> Iterator[None]:
    """Let integers of any size be written as text while this lasts; also a decorator.

    Python refuses to convert integers of more than 4300 digits to and from text, a guard
    against slow parsing of untrusted input (the YAML reader keeps it). Exact path counts
    are ours to write, and 3^10000 has 4772 digits.

    Examples
    --------
    >>> with unlimited_digits():
    ...     len(str(3 ** 10_000))
    4772
    """
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(limit)


def exact_text(value: int) -> str:
    """An integer's decimal digits, at any size.

    Examples
    --------
    >>> exact_text(3 ** 40), len(exact_text(3 ** 10_000))
    ('12157665459056928801', 4772)
    """
    try:
        return str(value)
    except ValueError:  # more digits than Python converts by default
        with unlimited_digits():
            return str(value)


def show(value: Any, digits: int = 10) -> str:
    """A short, readable form of a value: integral floats without ``.0``.

    Examples
    --------
    >>> show(5.0), show(0.1 + 0.2), show(3 ** 40), show(1e300)
    ('5', '0.3', '12157665459056928801', '1e+300')
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.{digits}g}"
    if isinstance(value, int):
        return exact_text(value)
    return str(value)
