"""Arrays written on the command line: ``--at x=[0.1,0.2]``, ``--at W=[[1,2],[3,4]]``.

The text is parsed by :mod:`ast` and read through a whitelist (lists, and numbers with an
optional sign), never evaluated; a list nested too deep is refused before it is parsed.
"""

from __future__ import annotations

import ast
import math
from typing import Any

__all__ = ["MAX_DEPTH", "parse_array", "split_items"]

#: The deepest nesting of lists an array may have (an array of this many dimensions).
MAX_DEPTH = 32


def split_items(text: str) -> list[str]:
    """``text`` split at the commas outside brackets.

    >>> split_items("x=[1,2],y=3")
    ['x=[1,2]', 'y=3']
    """
    items: list[str] = []
    depth = start = 0
    for i, char in enumerate(text):
        depth += (char == "[") - (char == "]")
        if char == "," and depth <= 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return items


def parse_array(text: str) -> list[Any]:
    """Nested lists of floats, from their text.

    Raises
    ------
    ValueError
        Saying what is wrong: not a list of numbers, a value that is not a finite number,
        rows of different lengths, nesting deeper than :data:`MAX_DEPTH`.

    Examples
    --------
    >>> parse_array("[[1, 2], [3, -4.5e-1]]")
    [[1.0, 2.0], [3.0, -0.45]]
    >>> parse_array("[1, [2]]")
    Traceback (most recent call last):
    ...
    ValueError: is not rectangular (nested lists of one length)
    >>> parse_array("[__import__('os')]")
    Traceback (most recent call last):
    ...
    ValueError: holds something that is not a number
    """
    depth = deepest = 0
    for char in text:
        depth += (char == "[") - (char == "]")
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise ValueError(f"is nested more than {MAX_DEPTH} deep")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        raise ValueError("is not a list of numbers (such as [0.1,0.2] or [[1,2],[3,4]])") \
            from None
    if isinstance(tree, ast.List):
        return _read(tree)[0]
    raise ValueError("is not a list of numbers (such as [0.1,0.2] or [[1,2],[3,4]])")


def _read(node: ast.expr) -> tuple[Any, tuple[int, ...]]:
    """The value of a whitelisted node, and its shape (depth is at most MAX_DEPTH)."""
    if isinstance(node, ast.List):
        items = [_read(item) for item in node.elts]
        shapes = {shape for _value, shape in items}
        if len(shapes) > 1:
            raise ValueError("is not rectangular (nested lists of one length)")
        return [value for value, _shape in items], (len(items), *next(iter(shapes), ()))
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    if not (isinstance(node, ast.Constant) and type(node.value) in (int, float)):
        raise ValueError("holds something that is not a number")
    try:
        value = sign * float(node.value)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise ValueError("holds a number too large for a float")
    return value, ()
