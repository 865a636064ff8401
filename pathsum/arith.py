"""The three arithmetics (DESIGN §8): float, exact (fractions) and symbolic (sympy, on demand)."""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any, ClassVar, NoReturn

from . import arguments
from .display import unlimited_digits
from .errors import FormulaError, UsageError
from .rules import RULES

__all__ = ["ARITHMETICS", "MAX_EXACT_BITS", "MAX_SYMBOLIC_DEPTH", "Arithmetic", "Symbolic",
           "arithmetic", "equal_at_random_points", "exact_number"]

ARITHMETICS = ("float", "exact", "symbolic")
SYMPY_HINT = "{} needs sympy, which is not installed: pip install 'pathsum[symbolic]'"
#: sympy's own functions recurse on an expression's depth and give up near 200.
MAX_SYMBOLIC_DEPTH = 100
#: 2**19 bits of numerator and denominator together, about 158,000 digits: a literal or a
#: power beyond it is refused before it is computed, any other result once it is made.
MAX_EXACT_BITS = 1 << 19
_SCIENTIFIC = re.compile(r"([+-]?[0-9]*\.?[0-9]*)[eE]([+-]?[0-9]+)")

def exact_number(text: str) -> Fraction:
    """A number written as text, exactly; one too large refused before it is made."""
    plain = text.replace("_", "").strip()
    scientific = _SCIENTIFIC.fullmatch(plain)
    mantissa, exponent = (scientific[1], scientific[2]) if scientific else (plain, "0")
    shown = "the number " + (plain if len(plain) <= 30 else plain[:27] + "...")
    if len(exponent) > 30:
        _too_large(shown, None)
    per_digit = 4 if mantissa.lower().lstrip("+-").startswith("0x") else math.log2(10)
    digits = sum(ch.isalnum() for ch in mantissa)
    bits = math.ceil((digits + abs(int(exponent))) * per_digit)
    if bits > MAX_EXACT_BITS:
        _too_large(shown, bits)
    with unlimited_digits():  # within the limit: a literal of more than 4300 digits is fine
        try:
            return Fraction(plain)
        except ValueError:
            return Fraction(int(plain, 0))

def _too_large(what: str, bits: int | None) -> NoReturn:
    size = ("" if bits is None else f"about {bits:,} bits; " if bits < 10**15 else
            f"about 2**{bits.bit_length() - 1} bits; ")
    raise FormulaError(f"{what} is too large to compute exactly "
                       f"({size}the limit is {MAX_EXACT_BITS:,} bits)")

def check_size(number: Any) -> Any:
    """``number`` (a fraction or integer), refused beyond :data:`MAX_EXACT_BITS`."""
    bits = int(number.numerator).bit_length() + int(number.denominator).bit_length()
    if bits > MAX_EXACT_BITS:
        _too_large("a result", bits)
    return number

def check_power(numerator: int, denominator: int, exponent: int) -> None:
    """Refuse a power too large before computing it: it has at least bits * ``|exponent|``."""
    bits = (abs(numerator).bit_length() - 1 + denominator.bit_length() - 1) * abs(exponent)
    if bits > MAX_EXACT_BITS:
        _too_large(f"a power ** {exponent}" if exponent.bit_length() < 64 else
                   f"a power with a {exponent.bit_length():,}-bit exponent", bits)

class Arithmetic:
    """Float arithmetic, and the interface the other two follow (one partial per argument)."""

    name = "float"
    one: Any = 1.0  # 1.0 keeps floats floats; 1 keeps fractions and symbols exact
    zero: Any = 0.0

    def literal(self, value: float, text: str) -> Any: return value  # a formula's number
    def number(self, value: Any) -> Any: return value  # from the file, checked finite
    def finite(self, x: Any) -> bool: return isinstance(x, float | int) and math.isfinite(x)
    def bounded(self, x: Any) -> Any: return x  # a float cannot grow

    def symbol(self, name: str) -> Any:
        """An input given without a value, or a named partial that stays a name."""
        raise UsageError(f"'{name}' has no value; only --arith symbolic keeps names as symbols")

    def call(self, fn: str, args: list[Any]) -> Any:
        try:
            return RULES[fn][0](*args)
        except ValueError:
            raise ValueError(f"{fn}({', '.join(f'{x:g}' for x in args)}) is not defined"
                             ) from None

    def slope(self, fn: str, args: list[Any], wanted: list[bool] | None) -> tuple[Any, ...]:
        try:
            local = RULES[fn][1](*args)
        except ZeroDivisionError:
            at = ", ".join(f"{x:g}" for x in args)
            raise ZeroDivisionError(f"the derivative of {fn} at {at} is infinite") from None
        return local if isinstance(local, tuple) else (local,)

class Exact(Arithmetic):
    """Fractions: + - * /, integer powers and the piecewise-linear functions."""

    name, one, zero = "exact", 1, 0
    #: name -> (value, partials); at a kink or a tie the partial is 0, as in RULES.
    FUNCTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {
        "abs":    (abs,                      lambda x: ((x > 0) - (x < 0),)),
        "relu":   (lambda x: max(x, 0),      lambda x: (1 if x > 0 else 0,)),
        "square": (lambda x: x * x,          lambda x: (2 * x,)),
        "max":    (max,                      lambda a, b: (int(a > b), int(b > a))),
        "min":    (min,                      lambda a, b: (int(a < b), int(b < a))),
    }  # fmt: skip

    def finite(self, x: Any) -> bool: return True
    def bounded(self, x: Any) -> Any: return check_size(x)

    def literal(self, value: float, text: str) -> Any:
        if text == "pi":
            self._function("pi")  # refused, as a function with no exact value is
        return exact_number(text)

    def number(self, value: Any) -> Any:
        return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)

    def call(self, fn: str, args: list[Any]) -> Any:
        if fn == "pow":
            base, exponent = args
            if Fraction(exponent).denominator != 1:
                raise FormulaError(f"** {exponent} has no exact value: --arith exact takes "
                                   "integer powers only (try --arith symbolic)")
            base = Fraction(base)
            check_power(base.numerator, base.denominator, int(exponent))
            return base ** int(exponent)
        return self._function(fn)[0](*args)

    def slope(self, fn: str, args: list[Any], wanted: list[bool] | None) -> tuple[Any, ...]:
        if fn == "pow":
            base, exponent = args
            if wanted is None or wanted[1]:
                raise FormulaError("a power with a variable exponent needs log, which has no "
                                   "exact value (try --arith symbolic)")
            return (exponent * self.call("pow", [base, exponent - 1]) if exponent else 0, 0)
        return self._function(fn)[1](*args)

    def _function(self, fn: str) -> tuple[Any, Any]:
        if fn not in self.FUNCTIONS:
            raise FormulaError(f"{fn} has no exact value: --arith exact takes + - * /, integer "
                               f"powers, {', '.join(list(self.FUNCTIONS)[:-1])} and min (try "
                               "--arith symbolic)")
        return self.FUNCTIONS[fn]

class Symbolic(Arithmetic):
    """sympy expressions of real symbols; the partials at the kinks are 0, as in RULES."""

    name = "symbolic"

    def __init__(self, asked_by: str = "--arith symbolic") -> None:
        try:
            import sympy
        except ImportError:
            raise UsageError(SYMPY_HINT.format(asked_by)) from None
        self.sympy = sp = sympy
        self.depths: dict[Any, int] = {}  # expression -> its depth, for bounded()
        self.one, self.zero = sp.Integer(1), sp.Integer(0)
        self.dummies = sp.symbols("t0 t1", real=True, cls=sp.Dummy)
        self.functions = {
            "sigmoid": lambda t: 1 / (1 + sp.exp(-t)), "relu": lambda t: sp.Max(t, 0),
            "abs": sp.Abs, "square": lambda t: t**2, "log1p": lambda t: sp.log(1 + t),
            "expm1": lambda t: sp.exp(t) - 1, "pow": sp.Pow, "max": sp.Max, "min": sp.Min,
        }
        step = sp.Heaviside  # with 0 at 0: the kinks' convention
        self.slopes: dict[str, Callable[..., tuple[Any, ...]]] = {
            "relu": lambda t: (step(t, 0),), "abs": lambda t: (sp.sign(t),),
            "max": lambda a, b: (step(a - b, 0), step(b - a, 0)),
            "min": lambda a, b: (step(b - a, 0), step(a - b, 0)),
        }

    def symbol(self, name: str) -> Any: return self.sympy.Symbol(name, real=True)

    def literal(self, value: float, text: str) -> Any:
        return self.sympy.pi if text == "pi" else self.number(exact_number(text))

    def number(self, value: Any) -> Any:
        if isinstance(value, float):
            return self.sympy.Rational(repr(value))
        return self.sympy.Rational(value.numerator, value.denominator)

    def _function(self, fn: str) -> Any:
        found = self.functions.get(fn) or getattr(self.sympy, fn, None)
        if found is None:
            raise FormulaError(f"{fn} has no symbolic form")
        return found

    def call(self, fn: str, args: list[Any]) -> Any:
        if fn == "pow" and args[1].is_Rational:  # sympy makes 2**(10**10) at once
            coefficient = args[0].as_coeff_Mul()[0]  # (2*x)**n is 2**n * x**n
            if coefficient.is_Rational:
                check_power(coefficient.p, coefficient.q, int(args[1]))
        return self._function(fn)(*args)

    def slope(self, fn: str, args: list[Any], wanted: list[bool] | None) -> tuple[Any, ...]:
        if fn in self.slopes:
            return self.slopes[fn](*args)
        ts = self.dummies[:len(args)]
        value = self._function(fn)(*ts)
        at = dict(zip(ts, args, strict=True))
        return tuple(self.sympy.diff(value, t).subs(at) if want else self.zero
                     for t, want in zip(ts, wanted or [True] * len(ts), strict=True))

    def bounded(self, x: Any) -> Any:
        x = self.sympy.sympify(x)
        depth = self.depth(x)
        if depth > MAX_SYMBOLIC_DEPTH:
            raise FormulaError(f"the expression is nested {depth} deep, deeper than --arith "
                               f"symbolic takes ({MAX_SYMBOLIC_DEPTH}); try --arith float")
        coefficient = x.as_coeff_Mul()[0]
        return check_size(coefficient) if coefficient.is_Rational else x

    def depth(self, x: Any) -> int:
        """How deeply ``x`` nests (a symbol is 1), without recursion, remembering each seen."""
        known, stack = self.depths, [x]
        while stack:
            top = stack[-1]
            if top in known:
                stack.pop()
                continue
            pending = [arg for arg in top.args if arg not in known]
            if pending:
                stack.extend(pending)
                continue
            known[top] = 1 + max((known[arg] for arg in top.args), default=0)
            stack.pop()
        return known[x]

    def finite(self, x: Any) -> bool:
        s = self.sympy.S
        return not self.sympy.sympify(x).has(s.ComplexInfinity, s.Infinity,
                                              s.NegativeInfinity, s.NaN)

#: Points tried, the fewest that must be real, digits worked to, closeness (relative).
POINTS, ENOUGH_POINTS, DIGITS, CLOSE = 8, 3, 50, 1e-30

def equal_at_random_points(a: Any, b: Any) -> bool:
    """Whether sympy expressions agree at fixed random points (``simplify`` cannot always say)."""
    import sympy

    a, b = sympy.sympify(a), sympy.sympify(b)
    symbols = sorted(a.free_symbols | b.free_symbols, key=str)
    draw = random.Random(19)  # the same points on every run: a verdict never changes
    real = 0
    for i in range(POINTS):  # every other point positive: log(a) and a**a are real there
        low = 1 if i % 2 == 0 else -1999
        at = {s: sympy.Rational(draw.randint(low, 1999), 1000) for s in symbols}
        va, vb = (v.evalf(DIGITS, subs=at) for v in (a, b))
        if not (va.is_extended_real and vb.is_extended_real and va.is_finite and vb.is_finite):
            continue  # a log or a power of a negative number there: no evidence either way
        real += 1
        if abs(va - vb) > CLOSE * max(abs(va), abs(vb), 1e-300):
            return False
    return real >= ENOUGH_POINTS

def arithmetic(name: str) -> Arithmetic:
    """The arithmetic called ``name`` (UsageError for an unknown one, or sympy missing)."""
    arguments.text(name, "arith")
    known = {"float": Arithmetic, "exact": Exact, "symbolic": Symbolic}
    if name not in known:
        raise UsageError(f"unknown arithmetic '{name}' (choose from {', '.join(ARITHMETICS)})")
    return known[name]()
