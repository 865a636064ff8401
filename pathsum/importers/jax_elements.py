"""The elements of an imported function's array inputs and outputs, one node each.

A node name is an identifier, since a formula names the nodes it reads (``x_0 * W_1_0``):
element ``x[0]`` of an array ``x`` is the node ``x_0``, element ``W[1,2]`` the node
``W_1_2`` (the indices joined by ``_``). The written file is an ordinary formula file: it
loads back, and ``--wrt``, ``--set`` and every command name its nodes as they stand. A
scalar keeps its own name. An element name that is already taken (a scalar input ``x_0``
beside an array ``x``) is refused for an input, and takes a ``_`` for an output.
"""

from __future__ import annotations

from collections.abc import Iterator
from numbers import Real
from typing import Any

import numpy as np

from ..errors import ArgumentError, InputTypeError, TraceError
from ..limits import check_edges
from ..roles import check_name
from ..trace import Tape, Value, input_value

__all__ = ["element_name", "input_array", "input_values", "output_elements", "shown"]


def element_name(name: str, index: tuple[int, ...]) -> str:
    """The node of element ``index`` of array ``name``.

    >>> element_name("W", (1, 2)), element_name("x", ())
    ('W_1_2', 'x')
    """
    return "_".join([name, *map(str, index)])


def input_array(name: str, value: Any) -> Any:
    """An input's value: a finite float, or a float64 array of finite values (from a list,
    nested lists, a numpy or JAX array).

    Raises
    ------
    InputTypeError
        For a value that is not a number or a rectangular array of numbers.
    ArgumentError
        For an empty array, or one holding a value that is not finite.
    """
    if isinstance(value, Real) or (not isinstance(value, list | tuple)
                                   and getattr(value, "shape", None) in (None, ())):
        return input_value(name, value.item() if hasattr(value, "item") else value)
    check_name(name, "input")
    try:
        data = np.asarray(value)
        kind = data.dtype.kind
        data = data.astype(np.float64) if kind in "iuf" else None
    except (TypeError, ValueError, OverflowError):
        data = None
    if data is None:
        raise InputTypeError(f"input '{name}': the value must be a finite number or an array "
                             f"of them (nested lists of one length), not {_kind(value)}")
    check_edges(data.size, f"input '{name}' of shape {data.shape}", at_least=True)
    if data.size == 0:
        raise ArgumentError(f"input '{name}': the array is empty (shape {data.shape})")
    if not np.isfinite(data).all():
        bad = next(i for i in np.ndindex(data.shape) if not np.isfinite(data[i]))
        raise ArgumentError(f"input '{name}': element {list(bad)} is {data[bad]}, not a "
                            "finite number")
    return data


def _kind(value: Any) -> str:
    shape = getattr(value, "shape", None)
    return f"{type(value).__name__} of {getattr(value, 'dtype', '?')}" if shape is not None \
        else type(value).__name__


def input_values(tape: Tape, values: dict[str, Any]) -> tuple[list[Any], dict[str, float]]:
    """The traced arguments (a Value, or an object array of Values) and the point by node.

    Raises
    ------
    TraceError
        When an element's node name is already an input's.
    """
    arguments: list[Any] = []
    point: dict[str, float] = {}
    for name, value in values.items():
        if not isinstance(value, np.ndarray):
            _claim(point, name, name, float(value))
            arguments.append(Value(tape, value, input=name))
            continue
        traced = np.empty(value.shape, dtype=object)
        for index in np.ndindex(value.shape):
            node = element_name(name, index)
            _claim(point, node, f"{name}{list(index)}", float(value[index]))
            traced[index] = Value(tape, point[node], input=node)
        arguments.append(traced)
    return arguments, point


def _claim(point: dict[str, float], node: str, what: str, value: float) -> None:
    if node in point:
        raise TraceError(f"input {what} would be the node '{node}', which another input "
                         "already is; rename one")
    point[node] = value


def output_elements(outputs: dict[str, Any], inputs: dict[str, float]) -> dict[str, Any]:
    """Each output, an array's element by element (``y_0``, ``y_1``, ...), by node name."""
    result: dict[str, Any] = {}
    for name, value in outputs.items():
        for index, element in _elements(value):
            node = element_name(name, index)
            while node in inputs or node in result or (node in outputs and node != name):
                node += "_"
            result[node] = element
    return result


def _elements(value: Any) -> Iterator[tuple[tuple[int, ...], Any]]:
    if not isinstance(value, np.ndarray):
        yield (), value
        return
    if value.size == 0:
        raise TraceError(f"the function returns an empty array (shape {value.shape})")
    for index in np.ndindex(value.shape):
        yield index, value[index]


def shown(values: dict[str, Any]) -> str:
    """The point, as the description of an imported graph says it: an array by its shape
    (its elements are the inputs), with how its elements are named.

    >>> shown({"t": 0.5, "W": np.zeros((2, 3))})
    't=0.5, W=array[2,3] (element W[0,0] is the input W_0_0)'
    """
    said = ", ".join(f"{name}=array[{','.join(map(str, value.shape))}]"
                     if isinstance(value, np.ndarray) else f"{name}={value!r}"
                     for name, value in values.items())
    first = next(((name, value.ndim) for name, value in values.items()
                  if isinstance(value, np.ndarray)), None)
    if first is None:
        return said
    name, ndim = first
    return f"{said} (element {name}[{','.join('0' * ndim)}] is the input " \
           f"{element_name(name, (0,) * ndim)})"
