"""How numbers and times are written: for people (tables, explanations, plots), and exactly
at any size (JSON and CSV)."""

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


def exact_text(value: Any) -> str:
    """An integer's decimal digits, at any size; so too an exact or symbolic value's text
    (a fraction, a sympy expression), all its digits however many (``2e99999``).

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


def rounded(value: Any, digits: int) -> str:
    """A value for a drawing or a page, to ``digits`` significant digits in every
    arithmetic: a float rounded; a fraction or a sympy number with more digits than that
    as ``≈`` its rounded decimal; the floats inside a sympy expression of symbols rounded.
    Integers stay exact.

    Examples
    --------
    >>> from fractions import Fraction
    >>> rounded(0.2770644723, 4), rounded(-1.0, 4), rounded(Fraction(1, 3), 4)
    ('0.2771', '-1', '1/3')
    >>> rounded(Fraction(83119341, 100000000), 4), rounded(Fraction(-7, 2), 4)
    ('≈0.8312', '-7/2')
    """
    if hasattr(value, "free_symbols") and hasattr(value, "xreplace"):  # a sympy expression
        import sympy

        if value.free_symbols:
            floats = value.atoms(sympy.Float)
            return show(value.xreplace({f: sympy.Float(f, digits) for f in floats}), digits)
        if value.is_Rational:
            value = Fraction(int(value.p), int(value.q))
        elif value.is_Float:
            return show(float(value), digits)
        else:
            try:
                return "≈" + show(float(value), digits)
            except TypeError:  # not a real number
                return show(value, digits)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return exact_text(value.numerator)
        if len(str(abs(value.numerator))) + len(str(value.denominator)) <= digits + 2:
            return str(value)
        return "≈" + show(float(value), digits)
    return show(value, digits)


def count_text(n: int, noun: str) -> str:
    """A count with its noun: ``1 edge``, ``2 edges``.

    Examples
    --------
    >>> count_text(1, "edge"), count_text(3 ** 40, "path")
    ('1 edge', '12157665459056928801 paths')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def ratio_text(value: float | None) -> str:
    """A ratio for a table column: two decimals when small, digits grouped when large, a
    dash when there is none.

    Examples
    --------
    >>> ratio_text(None), ratio_text(2.4286), ratio_text(12345.6), ratio_text(3.2e9)
    ('—', '2.43', '12,346', '3.20e+09')
    """
    if value is None:
        return "—"
    if value < 10:
        return f"{value:.2f}"
    if value < 1e6:
        return f"{value:,.0f}"
    return f"{value:#.3g}"


def rate_text(rate: float) -> str:
    """A rate in words: millions with three digits, or the whole number grouped.

    Examples
    --------
    >>> rate_text(48_123_456.0), rate_text(5432.1)
    ('48.1 million', '5,432')
    """
    return f"{rate / 1e6:.3g} million" if rate >= 1e6 else f"{rate:,.0f}"


def param_text(value: Any) -> str:
    """A family parameter's value as typed: lists comma-separated.

    Examples
    --------
    >>> param_text([4, 8, 8, 1]), param_text(3)
    ('4,8,8,1', '3')
    """
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


_UNITS = ((1e-3, 1e6, "µs"), (1.0, 1e3, "ms"), (60.0, 1.0, "s"), (3600.0, 1 / 60, "min"),
          (86400.0, 1 / 3600, "h"), (365.25 * 86400, 1 / 86400, "days"))


def duration(seconds: float) -> str:
    """A time for people, in the unit that suits it.

    Examples
    --------
    >>> duration(0.0000123), duration(0.25), duration(42), duration(5400), duration(2.1e8)
    ('12.3 µs', '250 ms', '42.0 s', '1.50 h', '6.65 years')
    >>> duration(3e15)
    '9.51e+07 years'
    """
    for limit, scale, unit in _UNITS:
        if seconds < limit:
            return f"{_three(seconds * scale)} {unit}"
    years = seconds / (365.25 * 86400)
    return f"{_three(years)} years" if years < 1e5 else f"{years:.2e} years"


def _three(value: float) -> str:
    """Three significant digits, trailing zeros kept: 42.0, 1.50, 250."""
    return f"{value:#.3g}".rstrip(".")
