"""Traceable math: the rule table's functions, named as in :mod:`math` (and ``sigmoid``,
``relu``, ``square``, ``abs``, ``max``, ``min``). On numbers each computes as :mod:`math`
does; on a traced value it records one node: ``import pathsum.fn as math`` traces a function.

>>> from pathsum import fn, trace
>>> g = trace(lambda x, y: fn.atan2(y, x) * fn.sigmoid(x), x=1.0, y=2.0)
>>> [g.network.nodes[n]["formula"] for n in g.order[2:]]
['atan2(y, x)', 'sigmoid(x)', 'atan21 * sigmoid2']
"""

from __future__ import annotations

from math import e, pi

from .trace import traceable as _traceable

__all__ = [
    "abs", "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "cos", "cosh", "e", "erf",
    "exp", "expm1", "fabs", "log", "log1p", "max", "min", "pi", "pow", "relu", "sigmoid", "sin",
    "sinh", "sqrt", "square", "tan", "tanh",
]  # fmt: skip

sin, cos, tan, asin, acos, atan, atan2 = map(
    _traceable, ("sin", "cos", "tan", "asin", "acos", "atan", "atan2"))
exp, expm1, log, log1p, sqrt, pow, square = map(
    _traceable, ("exp", "expm1", "log", "log1p", "sqrt", "pow", "square"))
tanh, sigmoid, relu, abs, max, min = map(
    _traceable, ("tanh", "sigmoid", "relu", "abs", "max", "min"))
sinh, cosh, asinh, acosh, atanh, erf = map(
    _traceable, ("sinh", "cosh", "asinh", "acosh", "atanh", "erf"))
fabs = abs
