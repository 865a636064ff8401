"""JAX's indexing primitives on arrays of scalars: ``gather`` (``x[idx]`` with an array of
indices, ``x[i]`` with a traced ``i``) and the ``scatter`` family (``x.at[i].set(v)``,
``.add``, ``.mul``, ``.min``, ``.max``).

The indices are read at the traced point, as a comparison is: no derivative flows through
them. A gathered element is the operand's element itself (no node); a scattered one
replaces the element (``scatter``) or combines with it through one scalar equation
(``scatter-add`` an ``add``, ...), so the scalar importer's rules apply to it. XLA's
semantics, ``vmap``'s batch axes included: the start of each window is clamped into the array (``mode=clip`` and the promise of in-bounds indices);
with ``mode=fill`` a window out of bounds is dropped (scatter) or refused (gather, whose
fill value would be NaN).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..errors import TraceError
from ..trace import Value

__all__ = ["INDEXING", "at_point"]

#: The scatter primitives: primitive -> the binary scalar operation combining an update
#: with the element it lands on (None: the update replaces it).
_SCATTERS: dict[str, str | None] = {"scatter": None, "scatter-add": "add", "scatter-mul": "mul",
                                    "scatter-min": "min", "scatter-max": "max"}


def at_point(x: Any) -> Any:
    """A scalar operand's value at the traced point: a Value's, or the literal itself."""
    return x.data if isinstance(x, Value) else x


def _indices(x: Any) -> np.ndarray:
    """An index array read at the point, as integers."""
    if not isinstance(x, np.ndarray):
        return np.asarray(int(at_point(x)))
    return np.vectorize(lambda v: int(at_point(v)), otypes=[np.int64])(x) \
        if x.size else np.zeros(x.shape, dtype=np.int64)


def _fills(mode: Any) -> bool:
    return "FILL" in str(mode).upper()


def _batching(numbers: Any, operand_field: str, indices_field: str) -> list[tuple[int, int]]:
    """``vmap``'s batch axes: (the operand's axis, the indices' axis that runs along it)."""
    return list(zip(tuple(getattr(numbers, operand_field, ()) or ()),
                    tuple(getattr(numbers, indices_field, ()) or ()), strict=True))


def _start(operand_shape: tuple[int, ...], sizes: tuple[int, ...], to_operand: Any,
           indices: np.ndarray, batch: tuple[int, ...], batching: list[tuple[int, int]],
           fill: bool) -> list[int] | None:
    """The window's start in the operand for the index vector at ``batch``: clamped, or
    None when ``fill`` and out of bounds."""
    position = [0] * len(operand_shape)
    for k, axis in enumerate(to_operand):
        position[axis] = int(indices[batch][k])
    for operand_axis, indices_axis in batching:
        position[operand_axis] = batch[indices_axis]
    for axis, (begin, size, dim) in enumerate(zip(position, sizes, operand_shape, strict=True)):
        if fill and not 0 <= begin <= dim - size:
            return None
        position[axis] = min(max(begin, 0), dim - size)
    return position


def _gather(name: str, operands: list[Any], params: dict[str, Any],
            _scalar: Callable[..., Any], array: Callable[[Any], np.ndarray]) -> list[Any]:
    operand, indices = array(operands[0]), _indices(operands[1])
    numbers = params["dimension_numbers"]
    batching = _batching(numbers, "operand_batching_dims", "start_indices_batching_dims")
    sizes = tuple(int(s) for s in params["slice_sizes"])
    offset_dims = tuple(numbers.offset_dims)
    collapsed = set(numbers.collapsed_slice_dims) | {axis for axis, _ in batching}
    window_axes = [axis for axis in range(operand.ndim) if axis not in collapsed]
    batch_shape = indices.shape[:-1]
    rank = len(batch_shape) + len(offset_dims)
    batch_axes = [axis for axis in range(rank) if axis not in offset_dims]
    shape = [0] * rank
    for axis, size in zip(batch_axes, batch_shape, strict=True):
        shape[axis] = size
    for axis, operand_axis in zip(offset_dims, window_axes, strict=True):
        shape[axis] = sizes[operand_axis]
    out = np.empty(tuple(shape), dtype=object)
    fill = _fills(params.get("mode"))
    for index in np.ndindex(out.shape):
        batch = tuple(index[axis] for axis in batch_axes)
        start = _start(operand.shape, sizes, numbers.start_index_map, indices, batch,
                       batching, fill)
        if start is None:
            raise TraceError(f"'{name}' reads outside the array (indices "
                             f"{indices[batch].tolist()} of shape {operand.shape})")
        for axis, operand_axis in zip(offset_dims, window_axes, strict=True):
            start[operand_axis] += index[axis]
        out[index] = operand[tuple(start)]
    return [out]


def _scatter(name: str, operands: list[Any], params: dict[str, Any],
             scalar: Callable[..., Any], array: Callable[[Any], np.ndarray]) -> list[Any]:
    out = array(operands[0]).copy()
    indices, updates = _indices(operands[1]), array(operands[2])
    numbers = params["dimension_numbers"]
    batching = _batching(numbers, "operand_batching_dims", "scatter_indices_batching_dims")
    window_dims = tuple(numbers.update_window_dims)
    inserted = set(numbers.inserted_window_dims) | {axis for axis, _ in batching}
    window_axes = [axis for axis in range(out.ndim) if axis not in inserted]
    scatter_axes = [axis for axis in range(updates.ndim) if axis not in window_dims]
    sizes = [1] * out.ndim
    for axis, operand_axis in zip(window_dims, window_axes, strict=True):
        sizes[operand_axis] = updates.shape[axis]
    operation = _SCATTERS[name]
    fill = _fills(params.get("mode"))
    for index in np.ndindex(updates.shape):
        batch = tuple(index[axis] for axis in scatter_axes)
        start = _start(out.shape, tuple(sizes), numbers.scatter_dims_to_operand_dims,
                       indices, batch, batching, fill)
        if start is None:
            continue  # fill or drop: an update out of bounds is dropped
        for axis, operand_axis in zip(window_dims, window_axes, strict=True):
            start[operand_axis] += index[axis]
        target = tuple(start)
        update = updates[index]
        out[target] = update if operation is None else scalar(operation, [out[target], update],
                                                               {})
    return [out]


#: primitive -> its expansion (with the function making an operand an array).
INDEXING: dict[str, Callable[..., list[Any]]] = {
    "gather": _gather, **dict.fromkeys(_SCATTERS, _scatter)}
