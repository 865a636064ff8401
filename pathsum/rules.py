"""Local derivative rules, value and partial side by side: the one place that defines each."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable

__all__ = ["OPERATORS", "RESERVED", "RULES", "arity", "real_pow"]

Rule = tuple[Callable[..., float], Callable[..., float | tuple[float, float]]]

def _sigmoid(x: float) -> float:
    # Split by sign so that exp never overflows for large |x|.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)

def real_pow(base: float, exponent: float) -> float:
    """``base ** exponent``, refusing a result that is not a real number."""
    result = base**exponent
    if isinstance(result, complex):
        raise ValueError(f"{base!r} ** {exponent!r} is not a real number")  # noqa: TRY004
    return result

def _pow_partials(base: float, exponent: float) -> tuple[float, float]:
    d_base = exponent * base ** (exponent - 1) if exponent != 0 else 0.0
    # d/dexponent is base**exponent * log(base): 0 at base 0, NaN for a negative base, which
    # is an error only if the exponent names a variable (a constant's partial is never read).
    d_exponent = base**exponent * math.log(base) if base > 0 else 0.0 if base == 0 else math.nan
    return d_base, d_exponent

#: A formula's operators: symbol -> (value, derivative); ``neg`` and ``pos`` are unary - and +.
#: The partials are integers so that exact and symbolic arithmetic stay exact; ``**`` is
#: ``pow`` below (exact and symbolic arithmetic give it their own meaning, pathsum.arith).
OPERATORS: dict[str, Rule] = {
    "+":   (operator.add,             lambda a, b: (1, 1)),
    "-":   (operator.sub,             lambda a, b: (1, -1)),
    "*":   (operator.mul,             lambda a, b: (b, a)),
    "/":   (operator.truediv,         lambda a, b: (1 / b, -a / (b * b))),
    "**":  (real_pow,                 _pow_partials),
    "neg": (operator.neg,             lambda a: -1),
    "pos": (operator.pos,             lambda a: 1),
}  # fmt: skip

_TWO_OVER_ROOT_PI = 2.0 / math.sqrt(math.pi)  # erf's derivative, not recomputed per call

#: name -> (value, derivative). At a kink the derivative is 0 (DESIGN §2: relu and abs at 0):
#: max and min at a tie give 0 for both arguments, as relu(x) = max(x, 0) does at 0.
RULES: dict[str, Rule] = {
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
    "asin":    (math.asin,                lambda x: 1.0 / math.sqrt(1.0 - x * x)),
    "acos":    (math.acos,                lambda x: -1.0 / math.sqrt(1.0 - x * x)),
    "atan":    (math.atan,                lambda x: 1.0 / (1.0 + x * x)),
    "square":  (lambda x: x * x,          lambda x: 2.0 * x),
    "log1p":   (math.log1p,               lambda x: 1.0 / (1.0 + x)),
    "expm1":   (math.expm1,               math.exp),
    "sinh":    (math.sinh,                math.cosh),
    "cosh":    (math.cosh,                math.sinh),
    "asinh":   (math.asinh,               lambda x: 1.0 / math.hypot(1.0, x)),
    "acosh":   (math.acosh,               lambda x: 1.0 / (math.sqrt(x - 1.0) * math.sqrt(x + 1.0))),
    "atanh":   (math.atanh,               lambda x: 1.0 / ((1.0 - x) * (1.0 + x))),
    "erf":     (math.erf,                 lambda x: _TWO_OVER_ROOT_PI * math.exp(-x * x)),
    "atan2":   (math.atan2,               lambda y, x: (x / (x * x + y * y), -y / (x * x + y * y))),
    "pow":     (real_pow,                 _pow_partials),
    "max":     (lambda a, b: max(a, b),   lambda a, b: (1.0, 0.0) if a > b else (0.0, 1.0) if b > a else (0.0, 0.0)),
    "min":     (lambda a, b: min(a, b),   lambda a, b: (1.0, 0.0) if a < b else (0.0, 1.0) if b < a else (0.0, 0.0)),
}  # fmt: skip

_BINARY = frozenset({"atan2", "pow", "max", "min"})
#: Names a node may not take: the functions and the constant ``pi``.
RESERVED: frozenset[str] = frozenset(RULES) | {"pi"}

def arity(name: str) -> int:
    """How many arguments function ``name`` takes; KeyError naming an unknown one."""
    if name not in RULES:
        raise KeyError(f"unknown function '{name}'")
    return 2 if name in _BINARY else 1
