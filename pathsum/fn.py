"""Traceable math: the functions of pathsum's rule table, named as in :mod:`math`.

Each takes numbers or traced values (:class:`pathsum.trace.Value`). On numbers it computes
as :mod:`math` does, so a function written with these runs untraced too; on a traced value
it records one node. ``import pathsum.fn as math`` turns a function written for ``math``
into a traceable one, as far as it uses these.

Beyond :mod:`math`'s names there are ``sigmoid``, ``relu``, ``square``, ``abs``, ``max`` and
``min`` (the last two record a node; Python's builtin ``max`` and ``min`` instead pick one
operand by comparing values, which a trace follows too).

Examples
--------
>>> import pathsum
>>> from pathsum import fn
>>> fn.atan2(1.0, 1.0) == fn.pi / 4
True
>>> graph = pathsum.trace(lambda x, y: fn.atan2(y, x) * fn.sigmoid(x), x=1.0, y=2.0)
>>> [graph.network.nodes[n]["formula"] for n in graph.order[2:]]
['atan2(y, x)', 'sigmoid(x)', 'atan21 * sigmoid2']
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .trace import apply

__all__ = [
    "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cos", "cosh", "e", "erf",
    "exp", "expm1", "fabs", "log", "log1p", "max", "min", "pi", "pow", "relu", "sigmoid", "sin",
    "sinh", "sqrt", "square", "tan", "tanh",
]  # fmt: skip

pi = math.pi
e = math.e


def _traceable(name: str) -> Callable[..., Any]:
    def function(*args: Any) -> Any:
        return apply(name, *args)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = (f"``{name}`` of numbers (a number) or traced values (a node); "
                        "value and derivative as in :data:`pathsum.rules.RULES`.")
    return function


sin, cos, tan, asin, acos, atan, atan2 = map(
    _traceable, ("sin", "cos", "tan", "asin", "acos", "atan", "atan2"))
exp, expm1, log, log1p, sqrt, pow, square = map(
    _traceable, ("exp", "expm1", "log", "log1p", "sqrt", "pow", "square"))
tanh, sigmoid, relu, abs, max, min = map(
    _traceable, ("tanh", "sigmoid", "relu", "abs", "max", "min"))
sinh, cosh, asinh, acosh, atanh, erf = map(
    _traceable, ("sinh", "cosh", "asinh", "acosh", "atanh", "erf"))
fabs = abs
