"""How large an exact number may grow (``--arith exact`` and ``symbolic``): a literal or a
power beyond the limit is refused before it is computed, any other result once it is made.

``10 ** 10 ** 10`` would otherwise take minutes and gigabytes before anything could be
said about it; a number of at most :data:`MAX_EXACT_BITS` bits is written out in a
fraction of a second.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

from .display import unlimited_digits
from .errors import FormulaError

__all__ = ["MAX_EXACT_BITS", "check_power", "check_size", "exact_number"]

#: The largest number exact and symbolic arithmetic make: 2**19 bits of numerator and
#: denominator together, about 158,000 decimal digits (writing one out takes a fraction of a
#: second). A literal or a power beyond it is refused before it is computed, estimated from
#: the literal's digits and exponent or from the base's size times the exponent; any other
#: step of a formula is refused once its result is beyond it, so none grows past twice it.
MAX_EXACT_BITS = 1 << 19

#: A decimal literal with an exponent, which may stand for a very large or very small number.
_SCIENTIFIC = re.compile(r"([+-]?[0-9]*\.?[0-9]*)[eE]([+-]?[0-9]+)")


def exact_number(text: str) -> Fraction:
    """A number written as text, exactly: ``0.1`` is 1/10, ``0x10`` is 16. One larger than
    :data:`MAX_EXACT_BITS` is refused before it is made, its size estimated from its digits
    and exponent.

    Raises
    ------
    FormulaError
        For a number too large; ValueError for text that is not a number.

    Examples
    --------
    >>> exact_number("0.1"), exact_number("0x10"), exact_number("-2.5e-3")
    (Fraction(1, 10), Fraction(16, 1), Fraction(-1, 400))
    >>> exact_number("1e999999999")
    Traceback (most recent call last):
    ...
    pathsum.errors.FormulaError: the number 1e999999999 is too large to compute exactly (about 3,321,928,095 bits; the limit is 524,288 bits)
    """
    plain = text.replace("_", "").strip()
    scientific = _SCIENTIFIC.fullmatch(plain)
    mantissa, exponent = (scientific[1], scientific[2]) if scientific else (plain, "0")
    shown = "the number " + (plain if len(plain) <= 30 else plain[:27] + "...")
    if len(exponent) > 30:
        _too_large(shown, None)
    # 10**|e| times the mantissa's digits: about this many bits, known before it is made
    per_digit = 4 if mantissa.lower().lstrip("+-").startswith("0x") else math.log2(10)
    digits = sum(ch.isalnum() for ch in mantissa)
    bits = math.ceil((digits + abs(int(exponent))) * per_digit)
    if bits > MAX_EXACT_BITS:
        _too_large(shown, bits)
    with unlimited_digits():  # within the limit: a literal of more than 4300 digits is fine
        try:
            return Fraction(plain)
        except ValueError:
            return Fraction(int(plain, 0))


def _too_large(what: str, bits: int | None) -> None:
    size = ("" if bits is None else f"about {bits:,} bits; " if bits < 10**15 else
            f"about 2**{bits.bit_length() - 1} bits; ")
    raise FormulaError(f"{what} is too large to compute exactly "
                       f"({size}the limit is {MAX_EXACT_BITS:,} bits)")


def check_size(number: Any) -> Any:
    """``number`` (a fraction or an integer), refused if it has more than
    :data:`MAX_EXACT_BITS` bits of numerator and denominator.

    Raises
    ------
    FormulaError
        Saying its size.

    Examples
    --------
    >>> check_size(Fraction(3, 4))
    Fraction(3, 4)
    >>> check_size(1 << 600_000)
    Traceback (most recent call last):
    ...
    pathsum.errors.FormulaError: a result is too large to compute exactly (about 600,002 bits; the limit is 524,288 bits)
    """
    bits = int(number.numerator).bit_length() + int(number.denominator).bit_length()
    if bits > MAX_EXACT_BITS:
        _too_large("a result", bits)
    return number


def check_power(numerator: int, denominator: int, exponent: int) -> None:
    """Refuse ``(numerator/denominator) ** exponent`` before computing it if it would be
    beyond the limit: its size is at least the base's whole bits (``bit_length() - 1``)
    times ``|exponent|`` and at most about twice that, so a power that fits is never refused.

    Examples
    --------
    >>> check_power(2, 1, 10 ** 10)
    Traceback (most recent call last):
    ...
    pathsum.errors.FormulaError: a power ** 10000000000 is too large to compute exactly (about 10,000,000,000 bits; the limit is 524,288 bits)
    """
    bits = (abs(numerator).bit_length() - 1 + denominator.bit_length() - 1) * abs(exponent)
    if bits > MAX_EXACT_BITS:
        _too_large(f"a power ** {exponent}" if exponent.bit_length() < 64 else
                   f"a power with a {exponent.bit_length():,}-bit exponent", bits)
