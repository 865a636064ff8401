"""Tracing Python, micrograd style: each operation on a :class:`Value` records one node (loops
unroll, branches follow the point); the tape becomes a formula document the loader builds."""

from __future__ import annotations

import linecache
import math
import operator
import re
import sys
from collections.abc import Callable, Mapping
from numbers import Real
from pathlib import Path
from types import FrameType
from typing import Any

from . import arguments
from .errors import InputTypeError, NotFiniteError, TraceError, UsageError
from .graph import Graph
from .loader import build
from .printable import shown
from .roles import check_name
from .rules import OPERATORS, RESERVED, RULES, arity

__all__ = ["Tape", "Value", "apply", "check_parameters", "evaluate", "input_value", "trace",
           "traceable"]

#: The tracer's own files, whose frames are skipped to find the traced program's.
_TRACER = {str(Path(__file__).with_name(name)) for name in ("trace.py", "fn.py")}

#: The tape's binary operations, by their symbol in :data:`pathsum.rules.OPERATORS`.
_OPERATORS: dict[str, str] = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**"}

class Value:
    """A traced scalar: ``data`` at the traced point, and its place on the tape. Arithmetic,
    :mod:`pathsum.fn` and methods (``v.tanh()``) record nodes; comparisons compare ``data``;
    what would make a plain number of it (``float(v)``, ``round``, ``%``) raises TraceError."""

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

    def _compare(self, other: Any, compare: Callable[[Any, Any], bool]) -> bool:
        if isinstance(other, Value):
            other = other.data
        if not isinstance(other, Real):
            return NotImplemented
        return compare(self.data, other)

    def __lt__(self, other: Any) -> bool: return self._compare(other, operator.lt)
    def __le__(self, other: Any) -> bool: return self._compare(other, operator.le)
    def __gt__(self, other: Any) -> bool: return self._compare(other, operator.gt)
    def __ge__(self, other: Any) -> bool: return self._compare(other, operator.ge)
    def __eq__(self, other: object) -> bool: return self._compare(other, operator.eq)  # fmt: skip

    # != is not ==, as Python gives it; two values equal at the point are two nodes: hash by id.
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

def traceable(name: str) -> Callable[..., Any]:
    """The rule table's function ``name`` (:func:`apply`), for :mod:`pathsum.fn` and methods."""
    def function(*args: Any) -> Any:
        return apply(name, *args)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = (f"``{name}`` of numbers (a number) or traced values (a node); "
                        "value and derivative as in :data:`pathsum.rules.RULES`.")
    return function

for _name in RULES:
    if arity(_name) == 1 and _name != "abs":
        setattr(Value, _name, traceable(_name))

_TO_FLOAT = "it turns a traced value into a plain number, which has no derivative"
_STEP = "it is not one of the traceable operations (+ - * / **, abs, and pathsum.fn)"

class Tape:
    """Steps ``(op, operands)`` (``copy``: an output repeating one); ``locate``: errors name lines."""

    def __init__(self, *, locate: bool = True) -> None:
        self.steps: list[tuple[str, tuple[Value | str, ...]]] = []
        self.locate = locate

    def apply(self, op: str, operands: tuple[Any, ...]) -> Value:
        try:
            if any(isinstance(x, Value) and x._tape is not self for x in operands):
                raise TraceError("a value of another trace was used in this one")
            parts = tuple(x if isinstance(x, Value) else _literal(x) for x in operands)
            args = [x.data if isinstance(x, Value) else float(x) for x in operands]
            value = evaluate(op, args, _what if self.locate else str)
        except (TraceError, NotFiniteError) as err:
            raise (err.located(**site()) if self.locate else err) from None
        self.steps.append((op, parts))
        return Value(self, value, index=len(self.steps) - 1)

    def graph(self, result: Any, inputs: dict[str, float], *, name: str, description: str,
              origin: str) -> Graph:
        """The graph of the steps, ``result`` the outputs: a value, a sequence or a mapping."""
        returned: list[tuple[str | None, Any]]
        if isinstance(result, Mapping):
            returned = [(check_name(key, "output"), value) for key, value in result.items()]
        else:
            returned = [(None, value) for value in (result if isinstance(result, tuple | list)
                                                    else [result])]
        if not returned:
            raise TraceError("the function returned no outputs")
        taken = set(inputs)
        for key, _value in returned:
            if key in taken:
                raise TraceError(f"output name '{key}' is also an input or another output")
            if key is not None:
                taken.add(key)
        names: dict[int, str] = {}
        outputs: dict[int, None] = {}  # the outputs' steps, in order
        copies: list[Value | Real] = []  # an input, a value returned twice, or a constant
        for key, value in returned:
            if isinstance(value, Value) and value._index >= 0 and value._index not in outputs:
                step = value._index
            elif isinstance(value, Value | Real) and not isinstance(value, bool):
                copies.append(value)
                step = len(self.steps) + len(copies) - 1
            else:
                raise TraceError(f"the function returned a {type(value).__name__}; return "
                                 "traced values (or numbers), a tuple or list of them, or a "
                                 "mapping name: value")
            outputs[step] = None
            if key is not None:
                names[step] = key
        self.steps += [("copy", (x if isinstance(x, Value) else _literal(x),)) for x in copies]
        for step, (op, _parts) in enumerate(self.steps):
            if step not in names:
                names[step] = f"{'out' if op == 'copy' else op}{step + 1}"
                while names[step] in taken or names[step] in RESERVED:  # atan2 is no step 2
                    names[step] += "_"
                taken.add(names[step])
        nodes = {names[step]: _formula(op, parts, names)
                 for step, (op, parts) in enumerate(self.steps)}
        return build({"name": name, "description": description, "inputs": dict(inputs),
                      "nodes": nodes, "outputs": [names[i] for i in outputs]}, origin=origin)

def evaluate(op: str, args: list[float], describe: Callable[[str], str] = str) -> float:
    """``op`` on numbers, as the formula computes it; NotFiniteError names ``describe(...)``."""
    try:
        if op == "neg":
            value = -args[0]
        else:
            value = (OPERATORS[_OPERATORS[op]][0] if op in _OPERATORS else RULES[op][0])(*args)
    except (ValueError, ZeroDivisionError, OverflowError) as err:
        why = "division by zero" if isinstance(err, ZeroDivisionError) else str(err)
        raise NotFiniteError(f"{describe(_at(op, args))} is not defined ({why})") from None
    if not math.isfinite(value):
        raise NotFiniteError(f"{describe(_at(op, args))} is not finite ({value})")
    return value

def _program_frame() -> FrameType | None:
    frame: FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename in _TRACER:
        frame = frame.f_back
    return frame

def site() -> dict[str, Any]:
    """``source`` and ``line`` of the traced program's innermost frame, for an error."""
    frame = _program_frame()
    return {} if frame is None else {"source": frame.f_code.co_filename, "line": frame.f_lineno}

def source_text() -> str | None:
    """The source text of the expression the traced program is evaluating, where known."""
    frame = _program_frame()
    if frame is None:
        return None
    try:
        line, end_line, column, end_column = list(frame.f_code.co_positions())[frame.f_lasti // 2]
    except (AttributeError, IndexError, ValueError):
        return None
    text = linecache.getline(frame.f_code.co_filename, line or 0).encode()
    if not text or column is None or end_column is None:
        return None
    end = end_column if end_line == line else len(text.rstrip())
    return text[column:end].decode(errors="replace").strip() or None

def _at(op: str, args: list[float]) -> str:
    return f"{op}({', '.join(f'{x:g}' for x in args)})"

def _what(at: str) -> str:
    """The failing operation: its source text, and the operands' values."""
    segment = source_text()
    return f"'{segment}', that is {at}," if segment else at

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
    """The rule table's function ``name`` on numbers (a number) or traced values (a node)."""
    wanted = arity(name)
    if len(args) != wanted:
        raise InputTypeError(f"{name}() takes exactly {wanted} argument{'s' * (wanted > 1)} "
                             f"({len(args)} given)")
    for x in args:
        if not isinstance(x, Value | Real):
            raise InputTypeError(f"{name}() needs numbers, not {shown(x)}")
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

def trace(f: Callable[..., Any], /, **inputs: float) -> Graph:
    """Run ``f`` on traced scalars and return the graph it computes.

    Parameters
    ----------
    f : callable
        A function of scalars written with arithmetic and :mod:`pathsum.fn`, returning a
        value, a tuple or list of values, or a mapping of output name to value.
    **inputs : float
        The point to trace at, by parameter name.

    Returns
    -------
    Graph
        One node per operation, named after it (``mul3``) or by the returned mapping's keys;
        :class:`~pathsum.errors.TraceError` names an operation a graph cannot express.

    Examples
    --------
    >>> def f(x, y):
    ...     return {"out": x * y + x}
    >>> trace(f, x=2.0, y=1.0).network.nodes["out"]["formula"]
    'mul1 + x'
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
    """Refuse, before ``f`` runs, a non-function or inputs that don't fit its parameters."""
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
