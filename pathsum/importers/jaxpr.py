"""A JAX function's jaxpr replayed on the tracing tape, one node per equation (per element:
:mod:`.jax_arrays`), calls inlined; JAX is imported only here (the ``pathsum[jax]`` extra)."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator
from numbers import Real
from typing import Any

import numpy as np

from .. import arguments
from ..errors import ArgumentError, InputTypeError, PathsumError, TraceError
from ..graph import Graph
from ..limits import check_edges
from ..roles import check_name
from ..trace import Tape, Value, check_parameters, evaluate, input_value
from .jax_arrays import ARRAY_PRIMITIVES, at_point, check_elements, constant, expand, handles

__all__ = ["PRIMITIVES", "element_name", "from_jax"]

#: JAX primitive -> the tape's operation (the rule table's function, or arithmetic).
_SAME = ("add", "sub", "mul", "div", "neg", "pow", "max", "min", "atan2", "sin", "cos", "tan",
         "asin", "acos", "atan", "exp", "log", "log1p", "expm1", "sqrt", "tanh", "abs", "square",
         "sinh", "cosh", "asinh", "acosh", "atanh", "erf")
_OPERATION: dict[str, str] = {**{name: name for name in _SAME}, "logistic": "sigmoid"}

#: Primitives that are one operation with a literal: (operation, operands from x and params).
_WITH_LITERAL: dict[str, Callable[[Any, dict[str, Any]], tuple[str, tuple[Any, ...]]]] = {
    "integer_pow": lambda x, params: ("pow", (x, int(params["y"]))),
    "rsqrt": lambda x, _params: ("pow", (x, -0.5)),
    "exp2": lambda x, _params: ("pow", (2.0, x)),
}

#: Primitives that pass their operand on unchanged (to a 64-bit float, or a bool to a number).
_SAME_VALUE = frozenset({"convert_element_type", "copy"})

#: Primitives read at the traced point, no node: comparisons, and steps whose derivative is 0
#: (``stop_gradient``, ``sign``, ...), as a Python tracer's branches are.
_AT_THE_POINT: dict[str, Callable[..., Any]] = {
    "gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le,
    "eq": operator.eq, "ne": operator.ne, "and": operator.and_, "or": operator.or_,
    "not": operator.not_, "stop_gradient": float, "sign": lambda x: float(math.copysign(x != 0, x)),
    "floor": math.floor, "ceil": math.ceil,
}

#: Calls, inlined: primitive -> the parameter holding the called jaxpr.
_CALLS: dict[str, str] = {
    "jit": "jaxpr", "remat2": "jaxpr", "custom_jvp_call": "call_jaxpr",
    "custom_vjp_call": "call_jaxpr",
    # the same calls under the names older JAX versions give them
    "pjit": "jaxpr", "checkpoint": "jaxpr", "custom_vjp_call_jaxpr": "fun_jaxpr",
}

#: Every primitive an imported function may use.
PRIMITIVES: frozenset[str] = frozenset(_OPERATION) | frozenset(_WITH_LITERAL) | _SAME_VALUE | \
    frozenset(_CALLS) | frozenset(_AT_THE_POINT) | {"select_n"} | ARRAY_PRIMITIVES

def from_jax(f: Callable[..., Any], /, *, merge: bool = True, **inputs: Any) -> Graph:
    """The graph of a JAX function of scalars or arrays, from its jaxpr at the given point.

    Parameters
    ----------
    f : callable
        A function written with ``jax.numpy``/``jax.lax``, returning a scalar or an array, a
        tuple or list of them, or a mapping (outputs are named ``y``, ``y1``, ``y2``, ... or
        by the mapping's keys; an array's elements ``y_0``, ``y_1``, ...).
    merge : bool, default True
        Merge repeated subexpressions and fold equations of literals alone: the smallest
        graph. ``False`` keeps one node per equation (faithful mode, whose counts compare
        with AlphaGrad's: ``docs/research.md``). No input of ``f`` can be called ``merge``.
    **inputs : float or array-like
        The point, by parameter name: a number, or an array whose element ``x[i,j]`` is the
        input node ``x_i_j``. JAX runs in float64.

    Raises
    ------
    TraceError
        Naming every primitive that has no pathsum formula, or a complex value.

    Examples
    --------
    >>> import jax.numpy as jnp  # doctest: +SKIP
    >>> from_jax(lambda x, y: jnp.sin(x) * y, x=1.0, y=2.0).to_yaml()  # doctest: +SKIP
    """
    import jax  # the optional extra: only here

    merge = arguments.flag(merge, "merge")
    check_parameters(f, inputs)
    names = list(inputs)
    values = {name: _input_array(name, inputs[name]) for name in names}
    with jax.enable_x64(True):  # for this trace only
        closed, shape = jax.make_jaxpr(lambda *args: f(**dict(zip(names, args, strict=True))),
                                       return_shape=True)(*values.values())
    _check_supported(closed)
    tape = Tape(locate=False)
    traced, point = _input_values(tape, values)
    outputs = _replay(closed, traced, tape, merge=merge)
    paths = [path for path, _leaf in jax.tree_util.tree_flatten_with_path(shape)[0]]
    label = getattr(f, "__qualname__", None) or getattr(f, "__name__", None) or "function"
    return tape.graph(_output_elements(_output_names(paths, names), outputs, point), point,
                      name=getattr(f, "__name__", None) or "imported",
                      description=f"imported from JAX: {label} at {_shown(values)}",
                      origin=f"<jaxpr of {label}>")

def _called(eqn: Any) -> tuple[Any, list[Any]]:
    """The jaxpr a call equation runs, and its constants."""
    inner = eqn.params[_CALLS[eqn.primitive.name]]
    if hasattr(inner, "jaxpr"):  # a ClosedJaxpr
        return inner.jaxpr, list(inner.consts)
    return inner, []

def _check_supported(closed: Any) -> None:
    """Refuse, before any work, every primitive without a formula, then any complex value."""
    unsupported: set[str] = set()
    typed: list[tuple[Any, str]] = []  # (variable, what makes it) to check once all is known
    stack = [closed.jaxpr]
    while stack:
        jaxpr = stack.pop()
        typed += [(var, "the function") for var in [*jaxpr.invars, *jaxpr.outvars]]
        for eqn in jaxpr.eqns:
            name = eqn.primitive.name
            if name in _CALLS:
                stack.append(_called(eqn)[0])
            elif name not in PRIMITIVES:
                unsupported.add(name)
            typed += [(var, f"'{name}'") for var in eqn.outvars]
    if unsupported:
        many = len(unsupported) > 1
        raise TraceError(f"JAX primitive{'s' * many} {', '.join(sorted(unsupported))} "
                         f"{'have' if many else 'has'} no pathsum formula "
                         f"(supported: {', '.join(sorted(PRIMITIVES))})")
    for var, what in typed:
        dtype = getattr(getattr(var, "aval", None), "dtype", None)
        if dtype is not None and getattr(dtype, "kind", "f") not in "fiub":
            raise TraceError(f"{what} gives a {dtype} value; pathsum imports real functions")

def _replay(closed: Any, arguments: list[Value], tape: Tape, *, merge: bool) -> list[Any]:
    """Run the jaxpr's equations on the tape, calls inlined, without recursion."""
    # (operation, operands) -> its node; None keeps every equation's own node
    merged: dict[tuple[Any, ...], Value] | None = {} if merge else None

    def scalar(name: str, operands: list[Any], params: dict[str, Any]) -> Any:
        return _equation(name, operands, params, tape, merged)  # one element of an array

    def bound(jaxpr: Any, consts: list[Any], args: list[Any]) -> dict[Any, Any]:
        env = dict(zip(jaxpr.constvars, map(constant, consts), strict=True))
        return env | dict(zip(jaxpr.invars, args, strict=True))

    # A frame: a jaxpr, its variables' values, its equations to run, and the call it runs.
    stack: list[tuple[Any, dict[Any, Any], Iterator[Any], Any]] = [
        (closed.jaxpr, bound(closed.jaxpr, closed.consts, arguments), iter(closed.jaxpr.eqns),
         None)]
    while True:
        jaxpr, env, eqns, call = stack[-1]
        eqn = next(eqns, None)
        if eqn is None:
            stack.pop()
            results = [_read(env, var) for var in jaxpr.outvars]
            if not stack:
                return results
            stack[-1][1].update(zip(call.outvars, results, strict=True))
            continue
        operands = [_read(env, var) for var in eqn.invars]
        name = eqn.primitive.name
        if name in _CALLS:
            inner, consts = _called(eqn)
            stack.append((inner, bound(inner, consts, operands), iter(inner.eqns), eqn))
        elif handles(name, operands):  # arrays: jax_arrays
            check_elements(f"JAX equation '{name}'", [v.aval.shape for v in eqn.outvars])
            env.update(zip(eqn.outvars, expand(name, operands, eqn.params, scalar), strict=True))
        else:
            (out,) = eqn.outvars
            env[out] = _equation(name, operands, eqn.params, tape, merged)

def _equation(name: str, operands: list[Any], params: dict[str, Any], tape: Tape,
              merged: dict[tuple[Any, ...], Value] | None) -> Any:
    """One equation's result: a node (merged unless ``merged`` is None), an operand or a literal."""
    if name in _SAME_VALUE:
        dtype = params.get("new_dtype")
        if dtype is not None and isinstance(operands[0], Value) and \
                (dtype.kind != "f" or dtype.itemsize != 8):
            raise TraceError(f"JAX equation '{name}' converts a traced value to {dtype}; "
                             "pathsum computes in 64-bit floats")
        return operands[0]
    if name == "select_n":  # the case the predicate picks at the traced point
        return operands[1 + int(at_point(operands[0]))]
    if name in _AT_THE_POINT:
        return _AT_THE_POINT[name](*(at_point(x) for x in operands))
    if name in _WITH_LITERAL:
        operation, args = _WITH_LITERAL[name](operands[0], params)
    else:
        operation, args = _OPERATION[name], tuple(operands)
    try:
        if merged is None:  # faithful: every equation its own node
            return tape.apply(operation, args)
        key = (operation, *((id(x), None) if isinstance(x, Value) else (None, float(x))
                            for x in args))
        node = merged.get(key)
        if node is not None:
            return node
        if not any(isinstance(x, Value) for x in args):
            return evaluate(operation, [float(x) for x in args])  # literals alone: folded
        node = merged[key] = tape.apply(operation, args)
    except PathsumError as err:
        raise type(err)(f"JAX equation '{name}': {err.message}") from None
    return node

def _read(env: dict[Any, Any], var: Any) -> Any:
    return constant(var.val) if hasattr(var, "val") else env[var]  # a Literal, or a variable

def _output_names(paths: list[tuple[Any, ...]], inputs: list[str]) -> list[str]:
    """``y``, or ``y1``, ``y2``, ... or the mapping's keys joined by ``_``; taken ones add ``_``."""
    names: list[str] = []
    for i, path in enumerate(paths):
        parts = [str(key.key) if hasattr(key, "key") else
                 str(key.idx + 1) if hasattr(key, "idx") else str(getattr(key, "name", i + 1))
                 for key in path]
        name = "_".join(parts) if parts else "y"
        if not name[:1].isalpha():
            name = f"y{name}"
        try:
            name = check_name(name, "output")
        except PathsumError:  # a key that is no node name: number it instead
            name = f"y{i + 1}"
        while name in inputs or name in names:
            name += "_"
        names.append(name)
    return names

def element_name(name: str, index: tuple[int, ...]) -> str:
    """The node of element ``index`` of array ``name``: ``W_1_2``, or ``x`` for a scalar."""
    return "_".join([name, *map(str, index)])

def _input_array(name: str, value: Any) -> Any:
    """An input's value: a finite float, or a float64 array of finite values."""
    if isinstance(value, Real) or (not isinstance(value, list | tuple)
                                   and getattr(value, "shape", None) in (None, ())):
        return input_value(name, value.item() if hasattr(value, "item") else value)
    check_name(name, "input")
    try:
        data = np.asarray(value)
        real = data.dtype.kind in "iuf"
        data = data.astype(np.float64) if real else data
    except (TypeError, ValueError, OverflowError):
        real = False
    if not real:
        kind = type(value).__name__
        if getattr(value, "shape", None) is not None:
            kind += f" of {getattr(value, 'dtype', '?')}"
        raise InputTypeError(f"input '{name}': the value must be a finite number or an array "
                             f"of them (nested lists of one length), not {kind}")
    check_edges(data.size, f"input '{name}' of shape {data.shape}", at_least=True)
    if data.size == 0:
        raise ArgumentError(f"input '{name}': the array is empty (shape {data.shape})")
    if not np.isfinite(data).all():
        bad = next(i for i in np.ndindex(data.shape) if not np.isfinite(data[i]))
        raise ArgumentError(f"input '{name}': element {list(bad)} is {data[bad]}, not a "
                            "finite number")
    return data

def _input_values(tape: Tape, values: dict[str, Any]) -> tuple[list[Any], dict[str, float]]:
    """The traced arguments (a Value, or an object array of Values) and the point by node."""
    traced: list[Any] = []
    point: dict[str, float] = {}
    for name, value in values.items():
        data = np.asarray(value)
        array = np.empty(data.shape, dtype=object)
        for index in np.ndindex(array.shape):
            node = element_name(name, index)
            if node in point:
                what = f"{name}{list(index)}" if array.shape else name
                raise TraceError(f"input {what} would be the node '{node}', which another "
                                 "input already is; rename one")
            point[node] = float(data[index])
            array[index] = Value(tape, point[node], input=node)
        traced.append(array if array.shape else array[()])
    return traced, point

def _output_elements(names: list[str], outputs: list[Any], inputs: dict[str, float]
                     ) -> dict[str, Any]:
    """Each output by node name, an array's by element (``y_0``); a taken name adds ``_``."""
    result: dict[str, Any] = {}
    for name, value in zip(names, outputs, strict=True):
        if isinstance(value, np.ndarray) and value.size == 0:
            raise TraceError(f"the function returns an empty array (shape {value.shape})")
        for index, element in (np.ndenumerate(value) if isinstance(value, np.ndarray)
                               else [((), value)]):
            node = element_name(name, index)
            while node in inputs or node in result or (node in names and node != name):
                node += "_"
            result[node] = element
    return result

def _shown(values: dict[str, Any]) -> str:
    """The point as the description says it: an array by its shape and its elements' names."""
    said = ", ".join(f"{name}=array[{','.join(map(str, value.shape))}]"
                     if isinstance(value, np.ndarray) else f"{name}={value!r}"
                     for name, value in values.items())
    for name, value in values.items():
        if isinstance(value, np.ndarray):
            return f"{said} (element {name}[{','.join('0' * value.ndim)}] is the input " \
                   f"{element_name(name, (0,) * value.ndim)})"
    return said
