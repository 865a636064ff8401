"""JAX's array primitives on numpy object arrays of scalars: moving elements makes no node,
computing one node per scalar operation (the importer's ``scalar``); indices read at the point."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import TooLargeError, TraceError
from ..limits import check_edges, max_edges
from ..trace import Value

__all__ = ["ARRAY_PRIMITIVES", "at_point", "check_elements", "constant", "expand", "handles"]

Ops = list[Any]
Params = dict[str, Any]
#: The scalar importer's one equation: (primitive, operands, params) -> a scalar.
Scalar = Callable[[str, Ops, Params], Any]
_Expansion = Callable[[str, Ops, Params, Scalar], Ops]

def at_point(x: Any) -> Any:
    """A scalar operand's value at the traced point: a Value's, or the literal itself."""
    return x.data if isinstance(x, Value) else x

def check_elements(what: str, shapes: list[tuple[int, ...]]) -> None:
    """Refuse, before building, arrays over ``max_edges`` elements (constants make no edges)."""
    elements = sum(math.prod(shape) for shape in shapes)
    if elements > max_edges():
        raise TooLargeError(f"{what} makes {elements:,} array elements, more than the limit of "
                            f"{max_edges():,} (PATHSUM_MAX_EDGES raises it)")

def constant(value: Any) -> Any:
    """A JAX or numpy constant (an array, or a scalar) as floats; bools stay bools."""
    data = np.asarray(value)
    check_elements("a constant array", [data.shape])
    kind = data.dtype.kind
    if kind not in "fiub":
        raise TraceError(f"a constant array of {data.dtype}; pathsum imports real functions")
    return _scalar_or_array(data.astype(bool if kind == "b" else float).astype(object))

def _array(x: Any) -> np.ndarray:
    return x if isinstance(x, np.ndarray) else np.array(x, dtype=object)

def _scalar_or_array(a: np.ndarray) -> Any:
    return a[()] if a.shape == () else a

def _filled(shape: tuple[int, ...], element: Callable[[tuple[int, ...]], Any]) -> np.ndarray:
    out = np.empty(shape, dtype=object)
    for index in np.ndindex(shape):
        out[index] = element(index)
    return out

#: ``max``/``min`` with their identity (``jax.nn.softmax``'s ``-inf``) are the other operand.
_IDENTITIES = {"max": -math.inf, "min": math.inf}

def _element(name: str, operands: Ops, params: Params, scalar: Scalar) -> Any:
    identity = _IDENTITIES.get(name)
    if identity is not None:
        for k, x in enumerate(operands):
            if isinstance(x, float) and x == identity:
                return operands[1 - k]
    return scalar(name, operands, params)

def _elementwise(name: str, operands: Ops, params: Params, scalar: Scalar) -> Ops:
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

def _reduce(name: str, operands: Ops, params: Params, scalar: Scalar) -> Ops:
    operation, empty = _REDUCTIONS[name]
    a = _array(operands[0])  # jnp.sum of a scalar reduces a scalar over no axes
    axes = tuple(params["axes"])
    kept = [d for d in range(a.ndim) if d not in axes]
    rows = a.transpose([*kept, *axes]).reshape(
        (*(a.shape[d] for d in kept), math.prod(a.shape[d] for d in axes)))
    check_edges(2 * rows.size, f"JAX equation '{name}' of shape {a.shape}")
    return [_filled(rows.shape[:-1], lambda i: _chain(operation, scalar, list(rows[i]), empty))]

def _cumulative(name: str, operands: Ops, params: Params, scalar: Scalar) -> Ops:
    operation = _REDUCTIONS[name][0]
    out = _array(operands[0]).copy()
    check_edges(2 * out.size, f"JAX equation '{name}' of shape {out.shape}")
    moved = np.moveaxis(out, params["axis"], -1)  # a view: writing it writes out
    for index in np.ndindex(moved.shape[:-1]):
        row = moved[index]
        order = range(len(row) - 1, -1, -1) if params.get("reverse") else range(len(row))
        for previous, k in itertools.pairwise(order):
            row[k] = scalar(operation, [row[previous], row[k]], {})
    return [out]

def _dot_general(name: str, operands: Ops, params: Params, scalar: Scalar) -> Ops:
    (lhs_contract, rhs_contract), (lhs_batch, rhs_batch) = params["dimension_numbers"]
    lhs, rhs = _array(operands[0]), _array(operands[1])

    def arranged(a: np.ndarray, batch: Any, contract: Any) -> tuple[np.ndarray, tuple[int, ...]]:
        free = [d for d in range(a.ndim) if d not in batch and d not in contract]
        sizes = [math.prod(a.shape[d] for d in dims) for dims in (batch, free, contract)]
        return a.transpose([*batch, *free, *contract]).reshape(sizes), \
            tuple(a.shape[d] for d in free)

    left, left_free = arranged(lhs, tuple(lhs_batch), tuple(lhs_contract))
    right, right_free = arranged(rhs, tuple(rhs_batch), tuple(rhs_contract))
    check_edges(4 * left.size * right.shape[1], f"JAX equation 'dot_general' of shapes "
                f"{lhs.shape} and {rhs.shape}")  # a mul and an add per product, 2 edges each

    def product(index: tuple[int, ...]) -> Any:
        b, i, j = index
        terms = [scalar("mul", [x, y], {}) for x, y in zip(left[b, i], right[b, j], strict=True)]
        return _chain("add", scalar, terms, 0.0)

    out = _filled((left.shape[0], left.shape[1], right.shape[1]), product)
    return [out.reshape((*(lhs.shape[d] for d in lhs_batch), *left_free, *right_free))]

def _at_point(x: Any) -> np.ndarray:
    """An array's values at the traced point, as floats."""
    return np.vectorize(at_point, otypes=[float])(_array(x))

def _starts(a: np.ndarray, indices: list[Any], sizes: tuple[int, ...]) -> tuple[slice, ...]:
    """JAX's dynamic indices, read at the point and clamped so the window fits."""
    starts = [min(max(int(at_point(i)), 0), dim - size) for i, dim, size in
              zip(indices, a.shape, sizes, strict=True)]
    return tuple(slice(s, s + size) for s, size in zip(starts, sizes, strict=True))

def _dynamic_slice(name: str, operands: Ops, params: Params, _scalar: Scalar) -> Ops:
    a = _array(operands[0])
    return [a[_starts(a, operands[1:1 + a.ndim], tuple(params["slice_sizes"]))]]

def _dynamic_update_slice(name: str, operands: Ops, params: Params, _scalar: Scalar) -> Ops:
    out, update = _array(operands[0]).copy(), _array(operands[1])
    out[_starts(out, operands[2:], update.shape)] = update
    return [out]

def _pad(name: str, operands: Ops, params: Params, _scalar: Scalar) -> Ops:
    """``lax.pad``: the padding value around and between the elements (negative crops)."""
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

# -- indexing: gather (x[idx], x[i] with a traced i) and scatter (x.at[i].set(v), .add, ...)
#: Scatters: primitive -> the operation combining an update with its element (None: replace).
_SCATTERS: dict[str, str | None] = {"scatter": None, "scatter-add": "add", "scatter-mul": "mul",
                                    "scatter-min": "min", "scatter-max": "max"}

def _layout(numbers: Any, batching_field: str, ndim: int, dropped: Any
            ) -> tuple[list[tuple[int, int]], list[int]]:
    """``vmap``'s batch axes (the operand's, the indices'), and the operand's window axes."""
    batching = list(zip(tuple(getattr(numbers, "operand_batching_dims", ()) or ()),
                        tuple(getattr(numbers, batching_field, ()) or ()), strict=True))
    dropped = set(dropped) | {axis for axis, _ in batching}
    return batching, [axis for axis in range(ndim) if axis not in dropped]

def _windows(shape: tuple[int, ...], window_dims: tuple[int, ...], window_axes: list[int],
             batching: list[tuple[int, int]], sizes: Any, operand_shape: tuple[int, ...],
             to_operand: Any, indices: np.ndarray, params: Params) -> Any:
    """Each index of gather's result (scatter's updates), its batch and operand element by XLA's
    rules: a start clamped into the array, or None out of bounds in mode=fill."""
    fill = "FILL" in str(params.get("mode")).upper()
    batch_axes = [axis for axis in range(len(shape)) if axis not in window_dims]
    for index in np.ndindex(shape):
        batch = tuple(index[axis] for axis in batch_axes)
        start = [0] * len(operand_shape)
        for k, axis in enumerate(to_operand):
            start[axis] = int(indices[batch][k])
        for operand_axis, indices_axis in batching:
            start[operand_axis] = batch[indices_axis]
        bounds = list(zip(start, sizes, operand_shape, strict=True))
        if fill and not all(0 <= begin <= dim - size for begin, size, dim in bounds):
            yield index, batch, None
            continue
        start = [min(max(begin, 0), dim - size) for begin, size, dim in bounds]
        for axis, operand_axis in zip(window_dims, window_axes, strict=True):
            start[operand_axis] += index[axis]
        yield index, batch, tuple(start)

def _gather(name: str, operands: Ops, params: Params, _scalar: Scalar) -> Ops:
    operand, indices = _array(operands[0]), _at_point(operands[1]).astype(np.int64)
    numbers = params["dimension_numbers"]
    batching, window_axes = _layout(numbers, "start_indices_batching_dims", operand.ndim,
                                    numbers.collapsed_slice_dims)
    sizes = tuple(int(s) for s in params["slice_sizes"])
    offset_dims = tuple(numbers.offset_dims)  # ascending, as XLA requires
    batch_sizes, window_sizes = iter(indices.shape[:-1]), (sizes[axis] for axis in window_axes)
    shape = tuple(next(window_sizes) if axis in offset_dims else next(batch_sizes)
                  for axis in range(indices.ndim - 1 + len(offset_dims)))
    out = np.empty(shape, dtype=object)
    for index, batch, target in _windows(shape, offset_dims, window_axes, batching, sizes,
                                         operand.shape, numbers.start_index_map, indices, params):
        if target is None:  # a fill value would be NaN
            raise TraceError(f"'{name}' reads outside the array (indices "
                             f"{indices[batch].tolist()} of shape {operand.shape})")
        out[index] = operand[target]
    return [out]

def _scatter(name: str, operands: Ops, params: Params, scalar: Scalar) -> Ops:
    out = _array(operands[0]).copy()
    indices, updates = _at_point(operands[1]).astype(np.int64), _array(operands[2])
    numbers = params["dimension_numbers"]
    batching, window_axes = _layout(numbers, "scatter_indices_batching_dims", out.ndim,
                                    numbers.inserted_window_dims)
    window_dims = tuple(numbers.update_window_dims)
    sizes = [1] * out.ndim
    for axis, operand_axis in zip(window_dims, window_axes, strict=True):
        sizes[operand_axis] = updates.shape[axis]
    operation = _SCATTERS[name]
    for index, _batch, target in _windows(updates.shape, window_dims, window_axes, batching, sizes,
                                          out.shape, numbers.scatter_dims_to_operand_dims,
                                          indices, params):
        if target is not None:  # out of bounds in mode=fill: dropped
            out[target] = updates[index] if operation is None else \
                scalar(operation, [out[target], updates[index]], {})
    return [out]

#: Primitives that move the elements of their one operand: (array, params) -> array.
_MOVES: dict[str, Callable[[np.ndarray, dict[str, Any]], np.ndarray]] = {
    "broadcast_in_dim": lambda a, params: np.broadcast_to(np.expand_dims(a, [  # dims ascend
        d for d in range(len(params["shape"])) if d not in params["broadcast_dimensions"]]),
        tuple(params["shape"])),
    "reshape": lambda a, params: (a if params.get("dimensions") is None else
                                  a.transpose(params["dimensions"])).reshape(params["new_sizes"]),
    "transpose": lambda a, params: a.transpose(params["permutation"]),
    "squeeze": lambda a, params: np.squeeze(a, axis=tuple(params["dimensions"])),
    "rev": lambda a, params: np.flip(a, axis=tuple(params["dimensions"])),
    "tile": lambda a, params: np.tile(a, tuple(params["reps"])),
    "slice": lambda a, params: a[tuple(map(slice, params["start_indices"], params["limit_indices"],
                                           params.get("strides") or (1,) * a.ndim))],
}

#: Every array primitive: primitive -> its expansion into scalars.
_EXPANSIONS: dict[str, _Expansion] = {
    **dict.fromkeys(_MOVES, lambda name, operands, params, _scalar: [
        _MOVES[name](_array(operands[0]), params)]),
    **{name: _reduce if name.startswith("reduce") else _cumulative for name in _REDUCTIONS},
    "dot_general": _dot_general,
    "dynamic_slice": _dynamic_slice,
    "dynamic_update_slice": _dynamic_update_slice,
    "concatenate": lambda _name, operands, params, _scalar: [
        np.concatenate([_array(x) for x in operands], axis=params["dimension"])],
    "stack": lambda _name, operands, params, _scalar: [
        np.stack([_array(x) for x in operands], axis=params["axis"])],
    "pad": _pad,
    "split": lambda _name, operands, params, _scalar: np.split(
        _array(operands[0]), np.cumsum(params["sizes"])[:-1], axis=params["axis"]),
    "iota": lambda _name, _operands, params, _scalar: [
        _filled(tuple(params["shape"]), lambda index: float(index[params["dimension"]]))],
    # jax.nn.logsumexp asks; always True, as every traced value is finite
    "is_finite": lambda _name, operands, _params, _scalar: [
        np.isfinite(_at_point(operands[0])).astype(object)],
    **dict.fromkeys(("argmax", "argmin"), lambda name, operands, params, _scalar: [
        constant(getattr(np, name)(_at_point(operands[0]), axis=params["axes"][0]))]),
    "add_any": lambda _name, operands, params, scalar: _elementwise("add", operands, params,
                                                                    scalar),
    "gather": _gather,
    **dict.fromkeys(_SCATTERS, _scatter),
}

#: The primitives this module adds to the scalar importer's.
ARRAY_PRIMITIVES: frozenset[str] = frozenset(_EXPANSIONS)

def handles(name: str, operands: list[Any]) -> bool:
    """Whether :func:`expand` computes it: arrays, or ``max``/``min`` with ``-inf``/``inf``."""
    identity = _IDENTITIES.get(name)
    return name in _EXPANSIONS or any(isinstance(x, np.ndarray) for x in operands) or \
        any(isinstance(x, float) and x == identity for x in operands)

def expand(name: str, operands: Ops, params: Params, scalar: Scalar) -> Ops:
    """One result per output (shape ``()`` as a scalar); ``scalar`` makes each element's node."""
    results = _EXPANSIONS.get(name, _elementwise)(name, operands, params, scalar)
    return [_scalar_or_array(_array(result)) for result in results]
