"""How numbers are shown to people (tables and explanations), not to scripts."""

from __future__ import annotations

from typing import Any

__all__ = ["show"]


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
    return str(value)
