"""Local derivative rules: one line per function, value and partial side by side.

This is the only place that knows what a function means. A formula may call exactly the
functions in :data:`RULES`; any other name in call position is rejected with its name.
"""

from __future__ import annotations

import math
from collections.abc import Callable

__all__ = ["RESERVED", "RULES", "rule"]

Real = Callable[[float], float]


def _sigmoid(x: float) -> float:
    # Split by sign so that exp never overflows for large |x|.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


#: name -> (value, derivative); the derivative of relu and abs at 0 is 0 (DESIGN §2).
RULES: dict[str, tuple[Real, Real]] = {
    "sin":     (math.sin,                 math.cos),
    "cos":     (math.cos,                 lambda x: -math.sin(x)),
    "tan":     (math.tan,                 lambda x: 1.0 / math.cos(x) ** 2),
    "exp":     (math.exp,                 math.exp),
    "log":     (math.log,                 lambda x: 1.0 / x),
    "sqrt":    (math.sqrt,                lambda x: 0.5 / math.sqrt(x)),
    "tanh":    (math.tanh,                lambda x: 1.0 - math.tanh(x) ** 2),
    "sigmoid": (_sigmoid,                 lambda x: _sigmoid(x) * (1.0 - _sigmoid(x))),
    "relu":    (lambda x: max(x, 0.0),    lambda x: 1.0 if x > 0 else 0.0),
    "abs":     (abs,                      lambda x: 1.0 if x > 0 else (-1.0 if x < 0 else 0.0)),
}  # fmt: skip

#: Names a node may not take: the functions and the constant ``pi``.
RESERVED: frozenset[str] = frozenset(RULES) | {"pi"}


def rule(name: str) -> tuple[Real, Real]:
    """Return ``(value, derivative)`` for the function ``name``.

    Raises
    ------
    KeyError
        If ``name`` is not a known function; the message names it.

    Examples
    --------
    >>> value, partial = rule("tanh")
    >>> value(0.0), partial(0.0)
    (0.0, 1.0)
    """
    try:
        return RULES[name]
    except KeyError:
        raise KeyError(f"unknown function '{name}'") from None
