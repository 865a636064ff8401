"""How numbers and times are written, for people and exactly at any size (JSON, CSV)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from typing import Any

__all__ = ["count_text", "duration", "exact_text", "param_text", "rate_text", "ratio_text",
           "rounded", "show", "unlimited_digits"]

@contextmanager
def unlimited_digits() -> Iterator[None]:
    """Integers of any size as text while this lasts (Python's 4300-digit guard is for input)."""
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(limit)

def exact_text(value: Any) -> str:
    """A value's text with all its digits, however many (an integer, a fraction, sympy)."""
    try:
        return str(value)
    except ValueError:  # more digits than Python converts by default
        with unlimited_digits():
            return str(value)

def show(value: Any, digits: int = 10) -> str:
    """A short, readable form of a value: integral floats without ``.0``."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else \
            f"{value:.{digits}g}"
    return exact_text(value) if isinstance(value, int) else str(value)

def rounded(value: Any, digits: int) -> str:
    """A value to ``digits`` significant digits in every arithmetic: a fraction or sympy number
    with more digits as ``≈`` its decimal, integers exact."""
    if hasattr(value, "free_symbols") and hasattr(value, "xreplace"):  # a sympy expression
        import sympy

        if value.free_symbols:
            return show(value.xreplace({f: sympy.Float(f, digits)
                                        for f in value.atoms(sympy.Float)}), digits)
        if value.is_Float:
            return show(float(value), digits)
        if not value.is_Rational:
            try:
                return "≈" + show(float(value), digits)
            except TypeError:  # not a real number
                return show(value, digits)
        value = Fraction(int(value.p), int(value.q))
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return exact_text(value.numerator)
        if len(str(abs(value.numerator))) + len(str(value.denominator)) <= digits + 2:
            return str(value)
        return "≈" + show(float(value), digits)
    return show(value, digits)

def count_text(n: int, noun: str) -> str:
    """A count with its noun: ``1 edge``, ``2 edges``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"

def ratio_text(value: float | None) -> str:
    """A ratio for a table: two decimals when small, digits grouped when large, else a dash."""
    return "—" if value is None else f"{value:.2f}" if value < 10 else \
        f"{value:,.0f}" if value < 1e6 else f"{value:#.3g}"

def rate_text(rate: float) -> str:
    """A rate in words: millions with three digits, or the whole number grouped."""
    return f"{rate / 1e6:.3g} million" if rate >= 1e6 else f"{rate:,.0f}"

def param_text(value: Any) -> str:
    """A family parameter's value as typed: lists comma-separated."""
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)

_UNITS = ((1e-3, 1e6, "µs"), (1.0, 1e3, "ms"), (60.0, 1.0, "s"), (3600.0, 1 / 60, "min"),
          (86400.0, 1 / 3600, "h"), (365.25 * 86400, 1 / 86400, "days"))

def duration(seconds: float) -> str:
    """A time for people, in the unit that suits it, to three significant digits."""
    for limit, scale, unit in _UNITS:
        if seconds < limit:
            return f"{seconds * scale:#.3g}".rstrip(".") + f" {unit}"
    years = seconds / (365.25 * 86400)
    return f"{years:#.3g}".rstrip(".") + " years" if years < 1e5 else f"{years:.2e} years"
