"""Importing from JAX: a function's jaxpr, one node per equation (per element of an array).

``jax.make_jaxpr`` records the primitives a function applies. Each equation becomes one
node of a formula graph: its primitive is one operation of pathsum's tape
(:class:`pathsum.trace.Tape`, the one Python tracing uses), with literals inlined. Calls
(``jit``/``pjit``, ``closed_call``, ``remat``/``checkpoint``, and the primal functions of
``custom_jvp``/``custom_vjp``) are inlined; equations of literals alone are folded into a
literal; and the same primitive on the same operands is one node (common subexpressions
merged). With ``merge=False`` (faithful mode) neither happens: one node per equation, as
AlphaGrad and Graphax count (see :func:`from_jax`). Array primitives expand into one scalar
equation per element (:mod:`pathsum.importers.jax_arrays`). A primitive with no formula is
refused in one line naming it.

JAX is imported only here, and only when a function is imported (the ``pathsum[jax]`` extra).
"""

from __future__ import annotations

import contextlib
import math
import operator
from collections.abc import Callable, Iterator
from typing import Any

from .. import arguments
from ..errors import PathsumError, TraceError
from ..graph import Graph
from ..roles import check_name
from ..trace import Tape, Value, check_parameters, evaluate
from . import jax_elements
from .jax_arrays import ARRAY_PRIMITIVES, check_elements, constant, expand, handles
from .jax_indexing import at_point

__all__ = ["PRIMITIVES", "from_jax"]

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

#: Primitives whose value is read at the traced point: comparisons and the choices they make
#: (``jnp.where``), and steps whose derivative is 0 (``stop_gradient``, ``sign``, ...). No
#: node: the result is a literal, or the operand chosen, as a Python tracer's branch is.
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

    By default repeated subexpressions are merged (the same primitive on the same operands
    is one node) and equations of literals alone are folded into a literal: the smallest
    graph of the function, which costs the least to differentiate and is what a user wants.

    ``merge=False`` is the faithful mode, whose counts compare with AlphaGrad's and Graphax's
    (which build their graphs from the jaxpr the same way): one node per equation, none
    merged, none folded. Both modes share these rules:

    - every arithmetic equation is a node, including a ``mul``/``add``/``sub``/``div`` by a
      literal, ``neg``, ``integer_pow``, ``square``, ``sqrt``/``rsqrt`` and each function;
    - calls (``jit``/``pjit``, ``remat``, ``custom_jvp``/``custom_vjp``) are inlined, one
      node per equation of the called jaxpr (AlphaGrad counts a ``custom_jvp_call`` as one
      vertex);
    - ``convert_element_type`` and ``copy`` are no node: they pass their operand on, as
      AlphaGrad's copy edges cost no multiplication;
    - comparisons, ``select_n`` (``jnp.where``), ``stop_gradient``, ``sign``, ``floor`` and
      ``ceil`` are read at the point, with no node;
    - an output that other equations also use keeps its value in a sink copy behind
      partial 1 when eliminated (pathsum's rule, AlphaGrad's extra copy vertex);
    - nodes that reach no output (dead equations) and nodes that depend on no input
      (constants, such as an unfolded equation of literals) take no part in any engine.

    On arrays, "one node per equation" is one node per element of each equation's result,
    as pathsum's scalar model counts it (AlphaGrad counts an array equation as one vertex).

    Parameters
    ----------
    f : callable
        A function written with ``jax.numpy``/``jax.lax``, returning a scalar or an array, a
        tuple or list of them, or a mapping (outputs are named ``y``, ``y1``, ``y2``, ... or
        by the mapping's keys; an array's elements ``y_0``, ``y_1``, ...).
    merge : bool, default True
        Merge repeated subexpressions and fold equations of literals alone; ``False`` keeps
        one node per equation (faithful mode). An input of ``f`` cannot be called ``merge``.
    **inputs : float or array-like
        The inputs and the point, by parameter name: a number, or an array (a list, nested
        lists, a numpy or JAX array) whose element ``x[i,j]`` is the input node ``x_i_j``
        (:mod:`pathsum.importers.jax_elements`). The trace runs in 64-bit floats.

    Raises
    ------
    TraceError
        Naming every primitive that has no pathsum formula, or a complex value.
    InputTypeError, ArgumentError
        For an input that is not a finite number or a rectangular array of them.

    Examples
    --------
    >>> import jax.numpy as jnp  # doctest: +SKIP
    >>> from_jax(lambda x, y: jnp.sin(x) * y, x=1.0, y=2.0).to_yaml()  # doctest: +SKIP
    """
    import jax  # the optional extra: only here

    merge = arguments.flag(merge, "merge")
    check_parameters(f, inputs)
    names = list(inputs)
    values = {name: jax_elements.input_array(name, inputs[name]) for name in names}

    def positional(*args: Any) -> Any:
        return f(**dict(zip(names, args, strict=True)))

    with _x64(jax):
        closed, shape = jax.make_jaxpr(positional, return_shape=True)(*values.values())
    _check_supported(closed)
    tape = Tape(locate=False)
    traced, point = jax_elements.input_values(tape, values)
    outputs = _replay(closed, traced, tape, merge=merge)
    paths, _ = jax.tree_util.tree_flatten_with_path(shape)
    result = dict(zip(_output_names([path for path, _leaf in paths], names), outputs,
                      strict=True))
    label = getattr(f, "__qualname__", None) or getattr(f, "__name__", None) or "function"
    at = jax_elements.shown(values)
    return tape.graph(jax_elements.output_elements(result, point), point,
                      name=getattr(f, "__name__", None) or "imported",
                      description=f"imported from JAX: {label} at {at}",
                      origin=f"<jaxpr of {label}>")


@contextlib.contextmanager
def _x64(jax: Any) -> Iterator[None]:
    """64-bit floats for this trace only, where JAX can scope it (>= 0.6), else globally."""
    scoped = getattr(jax, "enable_x64", None)
    if callable(scoped):
        with scoped(True):
            yield
        return
    jax.config.update("jax_enable_x64", True)
    yield


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
        listed = ", ".join(sorted(unsupported))
        raise TraceError(f"JAX primitive{'s' * (len(unsupported) > 1)} {listed} "
                         f"{'have' if len(unsupported) > 1 else 'has'} no pathsum formula "
                         f"(supported: {', '.join(sorted(PRIMITIVES))})")
    for var, what in typed:
        _check_real(var, what)


def _check_real(var: Any, what: str) -> None:
    aval = getattr(var, "aval", None)
    dtype = getattr(aval, "dtype", None)
    if dtype is not None and getattr(dtype, "kind", "f") not in "fiub":
        raise TraceError(f"{what} gives a {dtype} value; pathsum imports real functions")


def _replay(closed: Any, arguments: list[Value], tape: Tape, *, merge: bool) -> list[Any]:
    """Run the jaxpr's equations on the tape, calls inlined, without recursion; with
    ``merge``, repeated subexpressions merged and equations of literals folded."""
    # (operation, operands) -> its node; None keeps every equation's own node
    merged: dict[tuple[Any, ...], Value] | None = {} if merge else None

    # A frame: the jaxpr, its variables' operands (Values or floats), the next equation,
    # and where the results go in the calling frame.
    def frame(jaxpr: Any, consts: list[Any], args: list[Any], results: list[Any] | None):
        env = dict(zip(jaxpr.constvars, (_constant(c) for c in consts), strict=True))
        env.update(zip(jaxpr.invars, args, strict=True))
        return [jaxpr, env, 0, results]

    def scalar(name: str, operands: list[Any], params: dict[str, Any]) -> Any:
        return _equation(name, operands, params, tape, merged)  # one element of an array

    top_results: list[Any] = []
    stack = [frame(closed.jaxpr, list(closed.consts), list(arguments), top_results)]
    while stack:
        current = stack[-1]
        jaxpr, env, position, results = current
        if position == len(jaxpr.eqns):
            stack.pop()
            results.extend(_read(env, var) for var in jaxpr.outvars)
            if stack:
                caller_jaxpr, caller_env, caller_position, _ = stack[-1]
                eqn = caller_jaxpr.eqns[caller_position - 1]
                caller_env.update(zip(eqn.outvars, results, strict=True))
            continue
        eqn = jaxpr.eqns[position]
        current[2] = position + 1
        operands = [_read(env, var) for var in eqn.invars]
        name = eqn.primitive.name
        if name in _CALLS:
            inner, consts = _called(eqn)
            stack.append(frame(inner, consts, operands, []))
            continue
        if handles(name, operands):  # arrays: jax_arrays
            check_elements(f"JAX equation '{name}'", [v.aval.shape for v in eqn.outvars])
            env.update(zip(eqn.outvars, expand(name, operands, eqn.params, scalar), strict=True))
            continue
        (out,) = eqn.outvars
        env[out] = _equation(name, operands, eqn.params, tape, merged)
    return top_results


def _equation(name: str, operands: list[Any], params: dict[str, Any], tape: Tape,
              merged: dict[tuple[Any, ...], Value] | None) -> Any:
    """One equation's result: a node (new, or merged unless ``merged`` is None), an operand
    passed on, or a literal."""
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
    if hasattr(var, "val"):  # a Literal
        return _constant(var.val)
    return env[var]


def _constant(value: Any) -> Any:
    if getattr(value, "shape", ()) != ():
        return constant(value)
    return bool(value) if getattr(getattr(value, "dtype", None), "kind", "") == "b" or \
        isinstance(value, bool) else float(value)


def _output_names(paths: list[tuple[Any, ...]], inputs: list[str]) -> list[str]:
    """``y`` for one output, ``y1``, ``y2``, ... by position, or the mapping's keys (joined
    by ``_`` when nested); a name an input has takes a ``_``."""
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
