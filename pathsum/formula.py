"""Formulas parsed by ast against a whitelist (never eval) into a tape run without recursion."""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from .arith import Arithmetic
from .errors import FormulaError, NotFiniteError
from .rules import OPERATORS, RULES, arity

#: The arithmetic of :meth:`Formula.evaluate` unless told otherwise.
FLOAT = Arithmetic()

__all__ = ["Formula", "parse_formula"]

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_UNARY = {ast.USub: "neg", ast.UAdd: "pos"}

@dataclass(frozen=True)
class Formula:
    """A formula's text, names (first use first) and tape: (op, argument, operand positions)."""

    text: str
    names: tuple[str, ...]
    tape: tuple[tuple[str, Any, tuple[int, ...]], ...]

    def value(self, env: dict[str, Any], arith: Arithmetic = FLOAT) -> Any:
        """The value alone, with no partials: the tape run forward."""
        return _finite_value(_guarded(self._run, env, arith)[-1], arith)

    def evaluate(self, env: dict[str, Any],
                 arith: Arithmetic = FLOAT) -> tuple[Any, dict[str, Any]]:
        """The value and the partial with respect to each of :attr:`names`, ``env`` giving
        each name's value in ``arith`` (float by default, :mod:`pathsum.arith`).

        Examples
        --------
        >>> parse_formula("c * c").evaluate({"c": 3.0})
        (9.0, {'c': 6.0})
        """
        values = _guarded(self._run, env, arith)
        partials = _guarded(self._backward, values, arith)
        value = _finite_value(values[-1], arith)
        for name, partial in partials.items():
            if arith is not FLOAT:
                arith.bounded(partial)
            if not arith.finite(partial):
                raise NotFiniteError(f"partial with respect to '{name}' is not finite ({partial})")
        return value, partials

    def _run(self, env: dict[str, Any], arith: Arithmetic) -> list[Any]:
        values: list[Any] = []
        for op, arg, operands in self.tape:
            a = [values[i] for i in operands]
            if op == "name":
                values.append(env[arg])
            elif op == "const":
                values.append(arg[0] if arith is FLOAT else arith.literal(*arg))
            elif op == "call":
                values.append(arith.call(arg, a))
            elif op == "**" and arith is not FLOAT:  # exact and symbolic: their own pow
                values.append(arith.call("pow", a))
            else:
                values.append(OPERATORS[op][0](*a))
            if arith is not FLOAT:  # an exact number must not grow step by step without end
                arith.bounded(values[-1])
        return values

    def _backward(self, values: list[Any], arith: Arithmetic) -> dict[str, Any]:
        # Exact arithmetic must not form log(base) for a constant exponent, so it is told
        # which steps depend on a name; floats never need to know.
        generic = arith is not FLOAT
        varies: list[bool] = []
        if generic:
            for op, _, operands in self.tape:
                varies.append(op == "name" or any(varies[i] for i in operands))
        adjoint = [arith.zero] * len(values)
        adjoint[-1] = arith.one
        partials: dict[Any, Any] = dict.fromkeys(self.names, arith.zero)
        for pos in range(len(self.tape) - 1, -1, -1):
            op, arg, operands = self.tape[pos]
            bar = adjoint[pos]
            if op == "name":
                partials[arg] += bar  # a name used twice gets both uses' partials
            elif operands and bar != 0:
                args = [values[i] for i in operands]
                wanted = [varies[i] for i in operands] if generic else None
                if op in ("call", "**"):
                    local = arith.slope(arg if op == "call" else "pow", args, wanted)
                else:
                    rule = OPERATORS[op][1](*args)
                    local = rule if isinstance(rule, tuple) else (rule,)
                for i, part in zip(operands, local, strict=True):
                    adjoint[i] += bar * part
        return partials

def _guarded(step: Callable[[Any, Arithmetic], Any], first: Any, arith: Arithmetic) -> Any:
    """``step(first, arith)``, its arithmetic failures said as pathsum errors."""
    try:
        return step(first, arith)
    except (ValueError, ZeroDivisionError, OverflowError) as err:
        why = str(err)
        if isinstance(err, ZeroDivisionError) and not why.startswith("the derivative"):
            why = "division by zero"
        elif isinstance(err, OverflowError):
            why = "overflow"
        elif isinstance(err, ValueError) and "domain" not in why:
            why = f"math domain error: {why}"
        raise NotFiniteError(f"formula is not finite at these values ({why})") from None
    except RecursionError:  # sympy recurses on an expression's depth
        raise FormulaError("the expression is nested too deeply to compute symbolically; try "
                           "--arith float") from None

def _finite_value(value: Any, arith: Arithmetic) -> Any:
    if not arith.finite(value):
        raise NotFiniteError(f"value is not finite ({value})")
    return value

def parse_formula(text: object) -> Formula:
    """Parse a formula (a string, or a number for a constant) against the whitelist of
    DESIGN §2; FormulaError says what does not parse or is not allowed.

    Examples
    --------
    >>> parse_formula("sin(a) + b * 2").names
    ('a', 'b')
    """
    if isinstance(text, bool) or not isinstance(text, str | int | float):
        raise FormulaError(f"formula must be a string or a number, not {type(text).__name__}")
    source = str(text).strip()
    if not source:
        raise FormulaError("formula is empty")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as err:
        # Python reports 0 (or nothing) for "unexpected end"; columns here are 1-based.
        column = err.offset if err.offset and 0 < err.offset <= len(source) else len(source) + 1
        raise FormulaError(f"formula does not parse at column {column} ({err.msg})"
                           f"{_juxtaposed(source)}") from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError("formula is too long or too deeply nested to parse; "
                           "split it over several nodes") from None
    return _compile(source, tree.body)

#: A number written against a name, as algebra does: ``2x``, ``3sin(x)``, ``0.5a``.
_JUXTAPOSED = re.compile(r"(?<![\w.])(\d+\.?\d*)([^\W\d]\w*)")

def _juxtaposed(source: str) -> str:
    """The hint for a newcomer's ``2x``: Python, unlike algebra, does not multiply so."""
    for match in _JUXTAPOSED.finditer(source):
        number, name = match.groups()
        try:
            float(number + name)  # 1e5, 2E3: a number after all
        except ValueError:
            return f"; write {number}*{name} to multiply"
    return ""

def _compile(source: str, root: ast.AST) -> Formula:
    tape: list[tuple[str, object, tuple[int, ...]]] = []
    names: dict[str, None] = {}
    # Post-order walk with an explicit stack: a node's step waits there for its children's.
    stack: list[ast.AST | tuple[str, object, int]] = [root]
    positions: list[int] = []
    while stack:
        item = stack.pop()
        if isinstance(item, ast.AST):
            op, arg, children = _step(source, item, names)
            stack.append((op, arg, len(children)))
            stack.extend(reversed(children))
            continue
        op, arg, count = item
        first = len(positions) - count  # the children's tape positions end the list
        tape.append((op, arg, tuple(positions[first:])))
        del positions[first:]
        positions.append(len(tape) - 1)
    return Formula(source, tuple(names), tuple(tape))

def _step(source: str, node: ast.AST, names: dict[str, None]) -> tuple[str, object, list[ast.AST]]:
    """A node's tape step and its operands, or FormulaError for what the whitelist refuses."""
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)], None, [node.left, node.right]
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)], None, [node.operand]
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name):
            what = ast.get_source_segment(source, node.func) or "this"
            raise FormulaError(f"calling '{what}' is not allowed (allowed: {', '.join(RULES)})")
        if node.func.id not in RULES:
            allowed = ", ".join(RULES)
            raise FormulaError(f"function '{node.func.id}' is not allowed (allowed: {allowed})")
        wanted = arity(node.func.id)
        if (len(node.args) != wanted or node.keywords
                or any(isinstance(arg, ast.Starred) for arg in node.args)):
            count = "one argument" if wanted == 1 else f"{wanted} arguments"
            raise FormulaError(f"function '{node.func.id}' takes exactly {count}")
        return "call", node.func.id, list(node.args)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        try:
            text = ast.get_source_segment(source, node)
            return "const", (float(cast(float, node.value)), text), []
        except OverflowError:
            what = ast.get_source_segment(source, node) or "a number"
            raise FormulaError(f"the number {what[:20]}... is too large for a float") from None
    if isinstance(node, ast.Name):
        if node.id == "pi":
            return "const", (math.pi, "pi"), []
        if node.id in RULES:
            raise FormulaError(f"function '{node.id}' is used as a value; call it as {node.id}(...)")
        names.setdefault(node.id, None)
        return "name", node.id, []
    what = ast.get_source_segment(source, node) or type(node).__name__
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitXor):
        raise FormulaError(f"'{what}': ^ is not a power in a formula (Python reads it as "
                           "exclusive or); use ** for powers, as in x**2")
    raise FormulaError(f"'{what}' is not allowed in a formula (only numbers, names, + - * /"
                       " **, and calls)")
