"""Tracing plain Python: run a function on traced scalars and keep the graph it computes.

micrograd style: each input is a :class:`Value`, and every arithmetic operation on a Value,
or call of a :mod:`pathsum.fn` function, records one node whose formula is that one
operation on its operands (earlier nodes by name, numbers inlined). A reassignment is a new
operation, hence a new node; loops unroll. Comparisons read the values at the traced point,
so branches follow that point, as in any tracer. The finished tape is a formula document that
the loader builds like a file, so a traced graph has exactly the values and partials its YAML
has. Nothing here recurses: a 10,000-step loop is a 10,000-node tape.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from numbers import Real
from typing import Any

from . import arguments
from .callsite import site, source_text
from .errors import InputTypeError, NotFiniteError, TraceError, UsageError
from .graph import Graph
from .loader import build
from .roles import check_name
from .rules import OPERATORS, RESERVED, RULES, arity

__all__ = ["Tape", "Value", "apply", "check_parameters", "evaluate", "input_value", "trace"]

#: The tape's binary operations, by their symbol in :data:`pathsum.rules.OPERATORS`.
_OPERATORS: dict[str, str] = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**"}


class Value:
    """A traced scalar: its value at the traced point, and its place on the tape.

    Arithmetic (``+ - * / **``, unary ``-``, ``abs``) and the :mod:`pathsum.fn` functions
    record nodes; so do the methods named after them, micrograd style (``v.tanh()``,
    ``v.relu()``, ``v.exp()``, ...). Comparisons compare ``data``. Anything that would turn a
    Value into a plain number (``float(v)``, ``math.sin(v)``, ``round``, ``%``, ``//``) is
    refused with a :class:`~pathsum.errors.TraceError` naming it, since the derivative would be
    lost without a trace.

    Attributes
    ----------
    data : float
        The value at the traced point.
    """

    __slots__ = ("_index", "_input", "_tape", "data")

    def __init__(self, tape: Tape, data: float, *, index: int = -1, input: str | None = None):
        self._tape = tape
        self._index = index  # the step that made it; -1 for an input
        self._input = input
        self.data = data

    def __repr__(self) -> str:
        where = f"input {self._input}" if self._input else f"step {self._index + 1}"
        return f"Value({self.data!r}, {where})"

    def __format__(self, spec: str) -> str:
        return format(self.data, spec)  # so that print(f"{loss:.3f}") works while tracing

    def _apply(self, op: str, *operands: Any) -> Value:
        if not all(isinstance(x, Value | Real) for x in operands):
            return NotImplemented
        return self._tape.apply(op, operands)

    def __add__(self, other: Any) -> Value: return self._apply("add", self, other)
    def __radd__(self, other: Any) -> Value: return self._apply("add", other, self)
    def __sub__(self, other: Any) -> Value: return self._apply("sub", self, other)
    def __rsub__(self, other: Any) -> Value: return self._apply("sub", other, self)
    def __mul__(self, other: Any) -> Value: return self._apply("mul", self, other)
    def __rmul__(self, other: Any) -> Value: return self._apply("mul", other, self)
    def __truediv__(self, other: Any) -> Value: return self._apply("div", self, other)
    def __rtruediv__(self, other: Any) -> Value: return self._apply("div", other, self)
    def __rpow__(self, other: Any) -> Value: return self._apply("pow", other, self)
    def __neg__(self) -> Value: return self._apply("neg", self)
    def __pos__(self) -> Value: return self
    def __abs__(self) -> Value: return self._apply("abs", self)  # fmt: skip

    def __pow__(self, other: Any, modulo: Any = None) -> Value:
        if modulo is not None:
            raise _refusal("pow(x, y, modulo)", "a remainder has no derivative")
        return self._apply("pow", self, other)

    def _compare(self, other: Any, compare: Callable[[float, float], bool]) -> bool:
        if isinstance(other, Value):
            other = other.data
        if not isinstance(other, Real):
            return NotImplemented
        return compare(self.data, other)

    def __lt__(self, other: Any) -> bool: return self._compare(other, operator.lt)
    def __le__(self, other: Any) -> bool: return self._compare(other, operator.le)
    def __gt__(self, other: Any) -> bool: return self._compare(other, operator.gt)
    def __ge__(self, other: Any) -> bool: return self._compare(other, operator.ge)
    def __eq__(self, other: object) -> bool: return self._compare(other, operator.eq)
    def __ne__(self, other: object) -> bool: return self._compare(other, operator.ne)  # fmt: skip

    # Two values equal at the traced point are still two nodes: hash by identity.
    __hash__ = object.__hash__

    def __bool__(self) -> bool:
        return self.data != 0

    def __float__(self) -> float: raise _refusal("float()", _TO_FLOAT)
    def __int__(self) -> int: raise _refusal("int()", _TO_FLOAT)
    def __index__(self) -> int: raise _refusal("an index", _TO_FLOAT)
    def __complex__(self) -> complex: raise _refusal("complex()", _TO_FLOAT)
    def __round__(self, ndigits: Any = None) -> Any: raise _refusal("round()", _STEP)
    def __trunc__(self) -> Any: raise _refusal("math.trunc()", _STEP)
    def __floor__(self) -> Any: raise _refusal("math.floor()", _STEP)
    def __ceil__(self) -> Any: raise _refusal("math.ceil()", _STEP)
    def __mod__(self, other: Any) -> Any: raise _refusal("%", _STEP)
    def __rmod__(self, other: Any) -> Any: raise _refusal("%", _STEP)
    def __floordiv__(self, other: Any) -> Any: raise _refusal("//", _STEP)
    def __rfloordiv__(self, other: Any) -> Any: raise _refusal("//", _STEP)
    def __divmod__(self, other: Any) -> Any: raise _refusal("divmod()", _STEP)
    def __rdivmod__(self, other: Any) -> Any: raise _refusal("divmod()", _STEP)  # fmt: skip


def _method(name: str) -> Callable[[Value], Value]:
    def method(self: Value) -> Value:
        return self._apply(name, self)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"``{name}`` of this value, as a new node (micrograd style)."
    return method


for _name in RULES:
    if arity(_name) == 1 and _name != "abs":
        setattr(Value, _name, _method(_name))

_TO_FLOAT = "it turns a traced value into a plain number, which has no derivative"
_STEP = "it is not one of the traceable operations (+ - * / **, abs, and pathsum.fn)"


class Tape:
    """The operations recorded so far: ``(op, operands)``, each operand a Value or a literal.

    ``op`` is ``add sub mul div pow neg``, ``copy`` (an output that repeats its operand) or a
    function of :data:`pathsum.rules.RULES`. With ``locate`` (tracing Python), a failure
    names the traced program's line; an importer replaying another program's operations
    names them itself.
    """

    def __init__(self, *, locate: bool = True) -> None:
        self.steps: list[tuple[str, tuple[Value | str, ...]]] = []
        self.locate = locate

    def apply(self, op: str, operands: tuple[Any, ...]) -> Value:
        """Record ``op`` on ``operands`` (Values of this tape, or numbers) as a new node."""
        parts: list[Value | str] = []
        args: list[float] = []
        try:
            for x in operands:
                if isinstance(x, Value):
                    if x._tape is not self:
                        raise TraceError("a value of another trace was used in this one")
                    parts.append(x)
                    args.append(x.data)
                else:
                    parts.append(_literal(x))
                    args.append(float(x))
            value = evaluate(op, args, _what if self.locate else str)
        except (TraceError, NotFiniteError) as err:
            raise (err.located(**site()) if self.locate else err) from None
        self.steps.append((op, tuple(parts)))
        return Value(self, value, index=len(self.steps) - 1)

    def graph(self, result: Any, inputs: dict[str, float], *, name: str, description: str,
              origin: str) -> Graph:
        """The graph of the recorded steps, with ``result`` as the outputs (see :func:`trace`)."""
        document = {"name": name, "description": description,
                    **_document(self, result, inputs)}
        return build(document, origin=origin)


def evaluate(op: str, args: list[float], describe: Callable[[str], str] = str) -> float:
    """``op`` on numbers, as the graph's formula computes it.

    Raises
    ------
    NotFiniteError
        Naming ``describe(op(args))`` when the value is not a finite real number.

    Examples
    --------
    >>> evaluate("atan2", [1.0, 1.0]) == math.pi / 4, evaluate("pow", [2.0, 10.0])
    (True, 1024.0)
    """
    try:
        if op == "neg":
            value = -args[0]
        elif op in _OPERATORS:
            value = OPERATORS[_OPERATORS[op]][0](*args)
        else:
            value = RULES[op][0](*args)
    except (ValueError, ZeroDivisionError, OverflowError) as err:
        why = "division by zero" if isinstance(err, ZeroDivisionError) else str(err)
        raise NotFiniteError(f"{describe(f'{op}({_show(args)})')} is not defined ({why})") \
            from None
    if not math.isfinite(value):
        raise NotFiniteError(f"{describe(f'{op}({_show(args)})')} is not finite ({value})")
    return value


def _what(at: str) -> str:
    """The failing operation: its source text, and the operands' values."""
    segment = source_text()
    return f"'{segment}', that is {at}," if segment else at


def _show(args: list[float]) -> str:
    return ", ".join(f"{x:g}" for x in args)


def _literal(x: Real) -> str:
    """A number as a formula reads it: exact integers as such, negatives in parentheses."""
    try:
        value = float(x)
    except OverflowError:
        raise TraceError(f"the constant {x} is too large for a float") from None
    if not math.isfinite(value):
        raise TraceError(f"the constant {value} is not finite")
    text = str(int(x)) if isinstance(x, int) and abs(x) < 2**53 else float.__repr__(value)
    return f"({text})" if text.startswith("-") else text


def apply(name: str, *args: Any) -> Any:
    """The function ``name`` of the rule table on numbers (a number) or traced values (a node).

    Raises :class:`~pathsum.errors.InputTypeError` (also a ``TypeError``) for the wrong
    number of arguments, or a non-number.

    >>> apply("atan2", 1.0, 1.0) == math.atan2(1.0, 1.0)
    True
    """
    wanted = arity(name)
    if len(args) != wanted:
        raise InputTypeError(f"{name}() takes exactly {wanted} argument{'s' * (wanted > 1)} "
                             f"({len(args)} given)")
    for x in args:
        if not isinstance(x, Value | Real):
            raise InputTypeError(f"{name}() needs numbers, not {arguments.shown(x)}")
    traced = next((x for x in args if isinstance(x, Value)), None)
    if traced is not None:
        return traced._apply(name, *args)
    return RULES[name][0](*(float(x) for x in args))


def _refusal(operation: str, reason: str) -> TraceError:
    what = source_text() or operation
    hint = ""
    called = re.match(r"(?:\w+\.)*(\w+)\s*\(", what)
    if reason == _TO_FLOAT and called:
        name = {"fabs": "abs"}.get(called.group(1), called.group(1))
        if name in RULES:
            hint = f"; use pathsum.fn.{name}"
    return TraceError(f"'{what}' cannot be traced: {reason}{hint}", **site())


# -- the whole trace ---------------------------------------------------------------------
def trace(f: Callable[..., Any], /, **inputs: float) -> Graph:
    """Run ``f`` on traced scalars and return the graph it computes.

    Parameters
    ----------
    f : callable
        A function of scalars, written with arithmetic and :mod:`pathsum.fn` (or
        micrograd-style methods such as ``v.tanh()``). It may return one value, a tuple or
        list of values, or a mapping of output name to value.
    **inputs : float
        The inputs and the point to trace at, by parameter name. Parameters not given keep
        their defaults, as constants.

    Returns
    -------
    Graph
        One node per operation, named after it (``mul3``, ``tanh4``); outputs returned in
        a mapping take their names from it. ``graph.to_yaml()`` writes the formula file.

    Raises
    ------
    TraceError
        For an operation a graph cannot express, naming it and its line.

    Examples
    --------
    >>> def f(x, y):
    ...     z = x * y
    ...     for _ in range(2):
    ...         z = z + x
    ...     return {"out": z}
    >>> print(trace(f, x=2.0, y=1.0).to_yaml(), end="")
    name: f
    description: traced from f at x=2.0, y=1.0
    inputs:
      x: 2.0
      y: 1.0
    nodes:
      mul1: x * y
      add2: mul1 + x
      out: add2 + x
    outputs: [out]
    """
    check_parameters(f, inputs)
    tape = Tape()
    values = {name: input_value(name, value) for name, value in inputs.items()}
    result = f(**{name: Value(tape, value, input=name) for name, value in values.items()})
    label = getattr(f, "__qualname__", None) or getattr(f, "__name__", None) or "function"
    at = ", ".join(f"{name}={value!r}" for name, value in values.items())
    return tape.graph(result, values, name=getattr(f, "__name__", None) or "traced",
                      description=f"traced from {label} at {at}", origin=f"<trace of {label}>")


def check_parameters(f: Callable[..., Any], inputs: Mapping[str, Any]) -> None:
    """Refuse, before ``f`` runs, a non-function ``f`` or inputs that don't fit its parameters."""
    arguments.function(f, "f")
    import inspect  # only here: it is slow to import, and tracing is rare

    try:
        signature = inspect.signature(f)
    except (TypeError, ValueError):
        return  # a builtin or extension: let the call say what is wrong
    try:
        signature.bind(**inputs)
    except TypeError as err:
        raise UsageError(f"cannot trace {getattr(f, '__name__', f)!s}: {err}") from None


def input_value(name: str, value: Any) -> float:
    """An input's value as a finite float; the name checked as a node name."""
    check_name(name, "input")
    return arguments.number(value, name, "a finite number", nonnegative=False)


def _document(tape: Tape, result: Any, inputs: dict[str, float]) -> dict[str, Any]:
    """The formula document: names for the steps, the outputs, and one formula per step."""
    if isinstance(result, Mapping):
        returned = [(check_name(key, "output"), value) for key, value in result.items()]
    elif isinstance(result, tuple | list):
        returned = [(None, value) for value in result]
    else:
        returned = [(None, result)]
    if not returned:
        raise TraceError("the function returned no outputs")
    names: dict[int, str] = {}
    taken = set(inputs)
    for key, _value in returned:
        if key in taken:
            raise TraceError(f"output name '{key}' is also an input or another output")
        if key is not None:
            taken.add(key)
    copies: list[tuple[str | None, Value | Real]] = []
    outputs: list[str | int] = []
    claimed: set[int] = set()
    for key, value in returned:
        if isinstance(value, Value) and value._index >= 0 and value._index not in claimed:
            if key is not None:
                names[value._index] = key
            claimed.add(value._index)
            outputs.append(value._index)
        elif isinstance(value, Value | Real) and not isinstance(value, bool):
            copies.append((key, value))  # an input, a value returned twice, or a constant
            outputs.append(len(tape.steps) + len(copies) - 1)
        else:
            raise TraceError(f"the function returned a {type(value).__name__}; return traced "
                             "values (or numbers), a tuple or list of them, or a mapping "
                             "name: value")
    for key, value in copies:
        step = len(tape.steps)
        tape.steps.append(("copy", (value if isinstance(value, Value) else _literal(value),)))
        if key is not None:
            names[step] = key
    for step, (op, _parts) in enumerate(tape.steps):
        if step not in names:
            name = f"{'out' if op == 'copy' else op}{step + 1}"
            while name in taken or name in RESERVED:  # atan at step 2 is not atan2
                name += "_"
            names[step] = name
            taken.add(name)
    nodes = {names[step]: _formula(op, parts, names) for step, (op, parts) in enumerate(tape.steps)}
    return {"inputs": dict(inputs), "nodes": nodes, "outputs": [names[i] for i in outputs]}


def _formula(op: str, parts: tuple[Value | str, ...], names: dict[int, str]) -> str:
    texts = [part if isinstance(part, str) else part._input or names[part._index]
             for part in parts]
    if op in _OPERATORS:
        return f"{texts[0]} {_OPERATORS[op]} {texts[1]}"
    if op == "neg":
        return f"-{texts[0]}"
    if op == "copy":
        return texts[0]
    return f"{op}({', '.join(texts)})"
