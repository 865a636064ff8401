"""JAX's array primitives as scalar equations: every element of an array is one scalar.

An array is a numpy array of ``dtype=object`` whose elements are what the scalar importer
handles (a traced :class:`~pathsum.trace.Value`, a float, a bool); a shape-``()`` result is
that scalar itself. Primitives that only move elements (``reshape``, ``transpose``,
``broadcast_in_dim``, ``slice``, ``concatenate``, ``split``, ...) make no node: they
rearrange the same scalars. Primitives that compute make one scalar equation per operation,
through the scalar importer's ``scalar(name, operands, params)`` (so its merging and folding
rules, or its faithful mode, apply to every element): ``dot_general`` one ``mul`` per product
and one ``add`` per sum, ``reduce_sum``/``cumsum`` a chain of ``add``, ``reduce_max`` a chain
of ``max``; any other primitive applies elementwise, scalars and arrays broadcast together as
numpy broadcasts them. Indices (``dynamic_slice``, ``argmax``) are read at the traced point.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import TooLargeError, TraceError
from ..limits import check_edges, max_edges
from .jax_indexing import INDEXING, at_point

__all__ = ["ARRAY_PRIMITIVES", "check_elements", "constant", "expand", "handles"]

#: The scalar importer's one equation: (primitive, operands, params) -> a scalar.
Scalar = Callable[[str, list[Any], dict[str, Any]], Any]


def check_elements(what: str, shapes: list[tuple[int, ...]]) -> None:
    """Refuse arrays of more elements in all than :func:`pathsum.limits.max_edges`, before
    they are built: each element is a Python object, and a constant one (``iota``, ``tile``,
    ``pad``) makes no edge that a later check would count.

    >>> check_elements("JAX equation 'iota'", [(3, 4)])
    """
    elements = sum(math.prod(shape) for shape in shapes)
    if elements > max_edges():
        raise TooLargeError(f"{what} makes {elements:,} array elements, more than the limit of "
                            f"{max_edges():,} (PATHSUM_MAX_EDGES raises it)")


def constant(value: Any) -> Any:
    """A JAX or numpy constant array as an array of floats (bools stay bools)."""
    data = np.asarray(value)
    check_elements("a constant array", [data.shape])
    kind = data.dtype.kind
    if kind not in "fiub":
        raise TraceError(f"a constant array of {data.dtype}; pathsum imports real functions")
    return _scalar_or_array(_filled(data.shape, lambda index: bool(data[index]) if kind == "b"
                                    else float(data[index])))


def _array(x: Any) -> np.ndarray:
    if isinstance(x, np.ndarray):
        return x
    out = np.empty((), dtype=object)
    out[()] = x
    return out


def _scalar_or_array(a: np.ndarray) -> Any:
    return a[()] if a.shape == () else a


def _filled(shape: tuple[int, ...], element: Callable[[tuple[int, ...]], Any]) -> np.ndarray:
    out = np.empty(shape, dtype=object)
    for index in np.ndindex(shape):
        out[index] = element(index)
    return out


def _index(x: Any) -> int:
    return int(at_point(x))


# -- primitives that compute -----------------------------------------------------------
#: ``max``/``min`` with the literal that is their identity (``jax.nn.softmax`` takes the
#: ``max`` of its rows' maxima and ``-inf``): the other operand, no node (a formula holds no
#: infinite number).
_IDENTITIES = {"max": -math.inf, "min": math.inf}


def _element(name: str, operands: list[Any], params: dict[str, Any], scalar: Scalar) -> Any:
    identity = _IDENTITIES.get(name)
    if identity is not None:
        for k, x in enumerate(operands):
            if isinstance(x, float) and x == identity:
                return operands[1 - k]
    return scalar(name, operands, params)


def _elementwise(name: str, operands: list[Any], params: dict[str, Any],
                 scalar: Scalar) -> list[Any]:
    arrays = np.broadcast_arrays(*(_array(x) for x in operands))
    shape = arrays[0].shape if arrays else ()
    check_edges(math.prod(shape) * len(arrays), f"JAX equation '{name}' of shape {shape}")
    return [_filled(shape, lambda i: _element(name, [a[i] for a in arrays], params, scalar))]


def _chain(operation: str, scalar: Scalar, items: list[Any], empty: float | None) -> Any:
    """``items`` combined left to right by the binary ``operation`` (one node each)."""
    if not items:
        if empty is None:
            raise TraceError(f"a '{operation}' reduction over no elements")
        return empty
    return functools.reduce(lambda acc, x: scalar(operation, [acc, x], {}), items)


#: Reductions: primitive -> (the binary operation, the value over no elements).
_REDUCTIONS: dict[str, tuple[str, float | None]] = {
    "reduce_sum": ("add", 0.0), "reduce_max": ("max", None), "reduce_min": ("min", None),
    "reduce_prod": ("mul", 1.0),
    "cumsum": ("add", 0.0), "cummax": ("max", None), "cummin": ("min", None),
    "cumprod": ("mul", 1.0),
}


def _last(a: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """``a`` with ``axes`` moved to the end and flattened into one."""
    kept = [d for d in range(a.ndim) if d not in axes]
    moved = a.transpose([*kept, *axes])
    return moved.reshape((*(a.shape[d] for d in kept), math.prod(a.shape[d] for d in axes)))


def _reduce(name: str, operands: list[Any], params: dict[str, Any],
            scalar: Scalar) -> list[Any]:
    operation, empty = _REDUCTIONS[name]
    operand = _array(operands[0])  # jnp.sum of a scalar reduces a scalar over no axes
    rows = _last(operand, tuple(params["axes"]))
    check_edges(2 * rows.size, f"JAX equation '{name}' of shape {operand.shape}")
    return [_filled(rows.shape[:-1], lambda i: _chain(operation, scalar, list(rows[i]), empty))]


def _cumulative(name: str, operands: list[Any], params: dict[str, Any],
                scalar: Scalar) -> list[Any]:
    operation = _REDUCTIONS[name][0]
    out = _array(operands[0]).copy()
    check_edges(2 * out.size, f"JAX equation '{name}' of shape {out.shape}")
    axis = params["axis"]
    moved = np.moveaxis(out, axis, -1)  # a view: writing it writes out
    for index in np.ndindex(moved.shape[:-1]):
        row = moved[index]
        order = range(len(row) - 1, -1, -1) if params.get("reverse") else range(len(row))
        previous = None
        for k in order:
            if previous is not None:
                row[k] = scalar(operation, [row[previous], row[k]], {})
            previous = k
    return [out]


def _dot_general(name: str, operands: list[Any], params: dict[str, Any],
                 scalar: Scalar) -> list[Any]:
    (lhs_contract, rhs_contract), (lhs_batch, rhs_batch) = params["dimension_numbers"]
    lhs, rhs = _array(operands[0]), _array(operands[1])

    def arranged(a: np.ndarray, batch: Any, contract: Any) -> tuple[np.ndarray, tuple[int, ...]]:
        free = [d for d in range(a.ndim) if d not in batch and d not in contract]
        moved = a.transpose([*batch, *free, *contract])
        shape = tuple(a.shape[d] for d in free)
        sizes = [math.prod(a.shape[d] for d in dims) for dims in (batch, free, contract)]
        return moved.reshape(sizes), shape

    left, left_free = arranged(lhs, tuple(lhs_batch), tuple(lhs_contract))
    right, right_free = arranged(rhs, tuple(rhs_batch), tuple(rhs_contract))
    batch = tuple(lhs.shape[d] for d in lhs_batch)
    check_edges(4 * left.size * right.shape[1], f"JAX equation 'dot_general' of shapes "
                f"{lhs.shape} and {rhs.shape}")  # a mul and an add per product, 2 edges each

    def product(index: tuple[int, ...]) -> Any:
        b, i, j = index
        terms = [scalar("mul", [x, y], {}) for x, y in zip(left[b, i], right[b, j], strict=True)]
        return _chain("add", scalar, terms, 0.0)

    out = _filled((left.shape[0], left.shape[1], right.shape[1]), product)
    return [out.reshape((*batch, *left_free, *right_free))]


def _is_finite(name: str, operands: list[Any], params: dict[str, Any],
               _scalar: Scalar) -> list[Any]:
    """``is_finite`` (``jax.nn.logsumexp`` asks it), read at the point: always True, since
    every traced value is finite."""
    a = _array(operands[0])
    return [_filled(a.shape, lambda i: math.isfinite(at_point(a[i])))]


def _argument(name: str, operands: list[Any], params: dict[str, Any],
              _scalar: Scalar) -> list[Any]:
    data = np.vectorize(at_point, otypes=[float])(_array(operands[0]))
    (axis,) = params["axes"]
    found = (np.argmax if name == "argmax" else np.argmin)(data, axis=axis)
    return [constant(found)]


# -- primitives that move elements -----------------------------------------------------
def _broadcast_in_dim(a: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    shape = tuple(params["shape"])
    expanded = [1] * len(shape)
    for axis, size in zip(params["broadcast_dimensions"], a.shape, strict=True):
        expanded[axis] = size
    return np.broadcast_to(a.reshape(expanded), shape)


def _reshape(a: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    if params.get("dimensions") is not None:
        a = a.transpose(params["dimensions"])
    return a.reshape(tuple(params["new_sizes"]))


def _slice(a: np.ndarray, params: dict[str, Any]) -> np.ndarray:
    strides = params.get("strides") or (1,) * a.ndim
    return a[tuple(slice(start, stop, step) for start, stop, step in
                   zip(params["start_indices"], params["limit_indices"], strides, strict=True))]


def _starts(a: np.ndarray, indices: list[Any], sizes: tuple[int, ...]) -> tuple[slice, ...]:
    """JAX's dynamic indices, read at the point and clamped so the window fits."""
    starts = [min(max(_index(i), 0), dim - size) for i, dim, size in
              zip(indices, a.shape, sizes, strict=True)]
    return tuple(slice(s, s + size) for s, size in zip(starts, sizes, strict=True))


def _dynamic_slice(name: str, operands: list[Any], params: dict[str, Any],
                   _scalar: Scalar) -> list[Any]:
    a = _array(operands[0])
    sizes = tuple(params["slice_sizes"])
    return [a[_starts(a, operands[1:1 + a.ndim], sizes)]]


def _dynamic_update_slice(name: str, operands: list[Any], params: dict[str, Any],
                          _scalar: Scalar) -> list[Any]:
    out = _array(operands[0]).copy()
    update = _array(operands[1])
    out[_starts(out, operands[2:], update.shape)] = update
    return [out]


def _concatenate(name: str, operands: list[Any], params: dict[str, Any],
                 _scalar: Scalar) -> list[Any]:
    return [np.concatenate([_array(x) for x in operands], axis=params["dimension"])]


def _stack(name: str, operands: list[Any], params: dict[str, Any],
           _scalar: Scalar) -> list[Any]:
    return [np.stack([_array(x) for x in operands], axis=params["axis"])]


def _pad(name: str, operands: list[Any], params: dict[str, Any],
         _scalar: Scalar) -> list[Any]:
    """``lax.pad``: the padding value around and between the elements (a negative low or
    high padding crops)."""
    a, fill = _array(operands[0]), operands[1]
    config = [(int(low), int(high), int(interior)) for low, high, interior in
              params["padding_config"]]
    shape = tuple(low + high + size + max(size - 1, 0) * interior
                  for (low, high, interior), size in zip(config, a.shape, strict=True))
    out = _filled(shape, lambda _index: fill)
    for index in np.ndindex(a.shape):
        at = tuple(low + i * (interior + 1) for (low, _high, interior), i in
                   zip(config, index, strict=True))
        if all(0 <= k < size for k, size in zip(at, shape, strict=True)):
            out[at] = a[index]
    return [out]


def _split(name: str, operands: list[Any], params: dict[str, Any],
           _scalar: Scalar) -> list[Any]:
    offsets = np.cumsum([int(size) for size in params["sizes"]])[:-1]
    return list(np.split(_array(operands[0]), offsets, axis=params["axis"]))


def _iota(name: str, operands: list[Any], params: dict[str, Any],
          _scalar: Scalar) -> list[Any]:
    shape = tuple(params["shape"])
    dimension = params["dimension"]
    return [_filled(shape, lambda index: float(index[dimension]))]


#: Primitives that move the elements of their one operand: (array, params) -> array.
_MOVES: dict[str, Callable[[np.ndarray, dict[str, Any]], np.ndarray]] = {
    "broadcast_in_dim": _broadcast_in_dim,
    "reshape": _reshape,
    "transpose": lambda a, params: a.transpose(params["permutation"]),
    "squeeze": lambda a, params: np.squeeze(a, axis=tuple(params["dimensions"])),
    "rev": lambda a, params: np.flip(a, axis=tuple(params["dimensions"])),
    "tile": lambda a, params: np.tile(a, tuple(params["reps"])),
    "slice": _slice,
}


def _move(name: str, operands: list[Any], params: dict[str, Any],
          _scalar: Scalar) -> list[Any]:
    return [_MOVES[name](_array(operands[0]), params)]


_Expansion = Callable[[str, list[Any], dict[str, Any], Scalar], list[Any]]

#: Every array primitive: primitive -> its expansion into scalars.
_EXPANSIONS: dict[str, _Expansion] = {
    **dict.fromkeys(_MOVES, _move),
    **dict.fromkeys(("reduce_sum", "reduce_max", "reduce_min", "reduce_prod"), _reduce),
    **dict.fromkeys(("cumsum", "cummax", "cummin", "cumprod"), _cumulative),
    "dot_general": _dot_general,
    "dynamic_slice": _dynamic_slice,
    "dynamic_update_slice": _dynamic_update_slice,
    "concatenate": _concatenate,
    "stack": _stack,
    "pad": _pad,
    "split": _split,
    "iota": _iota,
    "is_finite": _is_finite,
    "argmax": _argument,
    "argmin": _argument,
    "add_any": lambda _name, operands, params, scalar: _elementwise("add", operands, params,
                                                                    scalar),
    **{name: functools.partial(index, array=_array) for name, index in INDEXING.items()},
}

#: The primitives this module adds to the scalar importer's.
ARRAY_PRIMITIVES: frozenset[str] = frozenset(_EXPANSIONS)


def handles(name: str, operands: list[Any]) -> bool:
    """Whether :func:`expand` computes this equation: an array primitive, an operand that is
    an array, or ``max``/``min`` with their identity (``-inf``/``inf``), which no formula
    can hold."""
    identity = _IDENTITIES.get(name)
    return name in _EXPANSIONS or any(isinstance(x, np.ndarray) for x in operands) or \
        any(isinstance(x, float) and x == identity for x in operands)


def expand(name: str, operands: list[Any], params: dict[str, Any], scalar: Scalar) -> list[Any]:
    """The results of one equation on arrays (or of an array primitive on scalars).

    Parameters
    ----------
    name : str
        The JAX primitive.
    operands : list
        Its operands: arrays of this module, or scalars.
    params : dict
        The equation's parameters.
    scalar : callable
        The scalar importer's equation, ``scalar(primitive, operands, params)``, applied to
        each element of an elementwise primitive and to each ``mul``/``add``/``max`` made.

    Returns
    -------
    list
        One result per output variable of the equation; a shape-``()`` result as a scalar.
    """
    expansion = _EXPANSIONS.get(name)
    results = (expansion or _elementwise)(name, operands, params, scalar)
    return [_scalar_or_array(_array(result)) for result in results]
