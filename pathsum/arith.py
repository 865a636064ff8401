"""The three arithmetics a graph can be loaded in (DESIGN §8): what a literal, a function,
a power and a logarithm mean in each, so that one formula tape serves them all.

- ``float``: Python floats and :mod:`math`, through the rule table of :mod:`pathsum.rules`;
- ``exact``: :class:`fractions.Fraction` read from the literal text (``0.1`` is 1/10);
  only what fractions can do exactly, so any transcendental function is refused by name;
- ``symbolic``: sympy expressions, imported only when asked for (``pathsum[symbolic]``);
  inputs without values and the named partials of the edge dialect stay symbols.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from typing import Any, ClassVar

from . import arguments
from .errors import FormulaError, UsageError
from .exact_size import check_power, check_size, exact_number
from .rules import RULES, real_pow

__all__ = ["ARITHMETICS", "MAX_SYMBOLIC_DEPTH", "Arithmetic", "arithmetic", "equal_at_random_points"]

#: The names ``--arith`` accepts.
ARITHMETICS = ("float", "exact", "symbolic")

#: What is refused without sympy, by what asked for it (``--arith symbolic``, ``--formulas``).
SYMPY_HINT = "{} needs sympy, which is not installed: pip install 'pathsum[symbolic]'"

#: The deepest expression symbolic arithmetic builds: a node whose value or partial nests
#: deeper (``sin(sin(...))`` 101 times) is refused as it is made. sympy's own functions
#: (``has``, ``factor``, ``simplify``, printing) recurse on depth and give up near 200.
MAX_SYMBOLIC_DEPTH = 100


def _show(args: list[Any]) -> str:
    return ", ".join(f"{x:g}" for x in args)


class Arithmetic:
    """Float arithmetic, and the interface the other two follow.

    ``call`` and ``slope`` take a function's arguments as a list; ``slope`` returns one
    partial per argument. ``wanted[i]`` says whether argument i depends on a name: a
    partial nobody reads (a constant exponent's) need not be formed.

    Examples
    --------
    >>> a = arithmetic("float")
    >>> a.literal(0.5, "0.5"), a.call("exp", [0.0]), a.slope("atan2", [1.0, 1.0], [True, True])
    (0.5, 1.0, (0.5, -0.5))
    """

    name = "float"
    #: The seed and the local partials of + and -: 1.0 keeps floats floats; 1 keeps
    #: fractions and symbols exact.
    one: Any = 1.0
    zero: Any = 0.0

    def literal(self, value: float, text: str) -> Any:
        """A number written in a formula (``text``; ``pi`` for pi), read as a float."""
        return value

    def number(self, value: Any) -> Any:
        """A number from the file (an input value or a partial), already checked finite."""
        return value

    def symbol(self, name: str) -> Any:
        """An input given without a value, or a named partial that stays a name."""
        raise UsageError(f"'{name}' has no value; only --arith symbolic keeps names as symbols")

    def call(self, fn: str, args: list[Any]) -> Any:
        try:
            return RULES[fn][0](*args)
        except ValueError:
            raise ValueError(f"{fn}({_show(args)}) is not defined") from None

    def power(self, base: Any, exponent: Any) -> Any:
        """``base ** exponent`` as a formula writes it (``pow`` is the function form)."""
        return real_pow(base, exponent)

    def slope(self, fn: str, args: list[Any], wanted: list[bool] | None) -> tuple[Any, ...]:
        try:
            local = RULES[fn][1](*args)
        except ZeroDivisionError:
            raise ZeroDivisionError(f"the derivative of {fn} at {_show(args)} is infinite"
                                    ) from None
        return local if isinstance(local, tuple) else (local,)

    def finite(self, x: Any) -> bool:
        return isinstance(x, float | int) and math.isfinite(x)

    def bounded(self, x: Any) -> Any:
        """``x``, refused if it is a number beyond :data:`~pathsum.exact_size.MAX_EXACT_BITS` (exact and
        symbolic arithmetic; a float cannot grow)."""
        return x


class Exact(Arithmetic):
    """Fractions: + - * /, integer powers and the piecewise-linear functions; nothing
    transcendental.

    Examples
    --------
    >>> a = arithmetic("exact")
    >>> a.literal(0.1, "0.1") * 3, a.number(0.25), a.call("pow", [Fraction(2, 3), Fraction(2)])
    (Fraction(3, 10), Fraction(1, 4), Fraction(4, 9))
    >>> a.call("sin", [Fraction(1)])
    Traceback (most recent call last):
    ...
    pathsum.errors.FormulaError: sin has no exact value: --arith exact takes + - * /, integer powers, abs, relu, square, max and min (try --arith symbolic)
    """

    name = "exact"
    one = 1
    zero = 0

    #: name -> (value, partials); at a kink or a tie the partial is 0, as in RULES.
    FUNCTIONS: ClassVar[dict[str, tuple[Any, Any]]] = {
        "abs":    (abs,                      lambda x: ((x > 0) - (x < 0),)),
        "relu":   (lambda x: max(x, 0),      lambda x: (1 if x > 0 else 0,)),
        "square": (lambda x: x * x,          lambda x: (2 * x,)),
        "max":    (max,                      lambda a, b: (int(a > b), int(b > a))),
        "min":    (min,                      lambda a, b: (int(a < b), int(b < a))),
    }  # fmt: skip

    def literal(self, value: float, text: str) -> Any:
        if text == "pi":
            raise _inexact("pi")
        return exact_number(text)

    def number(self, value: Any) -> Any:
        if isinstance(value, float):  # from --set, or a YAML form such as 1:30.5
            return Fraction(repr(value))
        return Fraction(value)

    def call(self, fn: str, args: list[Any]) -> Any:
        if fn == "pow":
            base, exponent = args
            if Fraction(exponent).denominator != 1:
                raise FormulaError(f"** {exponent} has no exact value: --arith exact takes "
                                   "integer powers only (try --arith symbolic)")
            base = Fraction(base)
            check_power(base.numerator, base.denominator, int(exponent))
            return base ** int(exponent)
        if fn not in self.FUNCTIONS:
            raise _inexact(fn)
        return self.FUNCTIONS[fn][0](*args)

    def power(self, base: Any, exponent: Any) -> Any:
        return self.call("pow", [base, exponent])

    def slope(self, fn: str, args: list[Any], wanted: list[bool]) -> tuple[Any, ...]:
        if fn == "pow":
            base, exponent = args
            if wanted[1]:
                raise FormulaError("a power with a variable exponent needs log, which has no "
                                   "exact value (try --arith symbolic)")
            return (exponent * self.call("pow", [base, exponent - 1]) if exponent else 0, 0)
        if fn not in self.FUNCTIONS:
            raise _inexact(fn)
        return self.FUNCTIONS[fn][1](*args)

    def finite(self, x: Any) -> bool:
        return True

    def bounded(self, x: Any) -> Any:
        return check_size(x)


def _inexact(fn: str) -> FormulaError:
    return FormulaError(f"{fn} has no exact value: --arith exact takes + - * /, integer powers, "
                        f"{', '.join(list(Exact.FUNCTIONS)[:-1])} and min (try --arith symbolic)")


class Symbolic(Arithmetic):
    """sympy expressions; every name is a real symbol. A function's partials are sympy's
    derivatives of its value, except at the kinks, where they are 0 as in RULES.

    Examples
    --------
    >>> a = arithmetic("symbolic")
    >>> x = a.symbol("x")
    >>> a.call("tanh", [x]), a.slope("tanh", [x], [True]), a.slope("relu", [a.zero], [True])
    (tanh(x), (1 - tanh(x)**2,), (0,))
    """

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
        self.slopes = {
            "relu": lambda t: (step(t, 0),), "abs": lambda t: (sp.sign(t),),
            "max": lambda a, b: (step(a - b, 0), step(b - a, 0)),
            "min": lambda a, b: (step(b - a, 0), step(a - b, 0)),
        }

    def literal(self, value: float, text: str) -> Any:
        if text == "pi":
            return self.sympy.pi
        exact = exact_number(text)
        return self.sympy.Rational(exact.numerator, exact.denominator)

    def number(self, value: Any) -> Any:
        if isinstance(value, float):
            return self.sympy.Rational(repr(value))
        return self.sympy.Rational(value.numerator, value.denominator)

    def symbol(self, name: str) -> Any:
        return self.sympy.Symbol(name, real=True)

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

    def power(self, base: Any, exponent: Any) -> Any:
        return self.call("pow", [base, exponent])

    def slope(self, fn: str, args: list[Any], wanted: list[bool]) -> tuple[Any, ...]:
        if fn in self.slopes:
            return self.slopes[fn](*args)
        ts = self.dummies[:len(args)]
        value = self._function(fn)(*ts)
        at = dict(zip(ts, args, strict=True))
        return tuple(self.sympy.diff(value, t).subs(at) if want else self.zero
                     for t, want in zip(ts, wanted, strict=True))

    def bounded(self, x: Any) -> Any:
        x = self.sympy.sympify(x)
        depth = self.depth(x)
        if depth > MAX_SYMBOLIC_DEPTH:
            raise FormulaError(f"the expression is nested {depth} deep, deeper than --arith "
                               f"symbolic takes ({MAX_SYMBOLIC_DEPTH}); try --arith float")
        coefficient = x.as_coeff_Mul()[0]
        return check_size(coefficient) if coefficient.is_Rational else x

    def depth(self, x: Any) -> int:
        """How deeply ``x`` nests (a symbol or number is 1), without recursion: each
        expression seen is remembered, so a formula step costs about its own arguments.

        Examples
        --------
        >>> a = arithmetic("symbolic")
        >>> x = a.symbol("x")
        >>> a.depth(x), a.depth(a.call("sin", [a.call("sin", [x])])), a.depth(x + x + x)
        (1, 3, 2)
        """
        known = self.depths
        stack = [x]
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


#: The points :func:`equal_at_random_points` tries, the fewest that must be real numbers
#: there, the digits it works to, and how close two values must be (relative).
POINTS, ENOUGH_POINTS, DIGITS, CLOSE = 8, 3, 50, 1e-30


def equal_at_random_points(a: Any, b: Any) -> bool:
    """Whether two sympy expressions have the same value, to :data:`CLOSE`, at every one of
    :data:`POINTS` points drawn with a fixed seed (each symbol in (0, 2) at every other
    point, in (-2, 2) at the rest) where both are finite real numbers, and there are at
    least :data:`ENOUGH_POINTS` such points.

    ``simplify`` cannot show that ``a**(a**a + a**(a**a))`` and ``a**a*a**(a**a)*...`` are
    equal; their values at 50 digits can. Two expressions that differ by a formula (a
    wrong engine) differ at almost every point.

    Examples
    --------
    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> equal_at_random_points(x**(x**x) * sympy.log(x), sympy.exp(x**x * sympy.log(x))
    ...                         * sympy.log(x)), equal_at_random_points(x, x + 10**-20)
    (True, False)
    """
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
    """The arithmetic called ``name``.

    Raises
    ------
    UsageError
        For an unknown name, or for ``symbolic`` when sympy is not installed (with the hint
        to install ``pathsum[symbolic]``).

    Examples
    --------
    >>> arithmetic("exact").name
    'exact'
    """
    arguments.text(name, "arith")
    if name == "float":
        return Arithmetic()
    if name == "exact":
        return Exact()
    if name == "symbolic":
        return Symbolic()
    raise UsageError(f"unknown arithmetic '{name}' (choose from {', '.join(ARITHMETICS)})")
