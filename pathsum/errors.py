"""The exception hierarchy. The library raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

from typing import Any, Self

from .printable import printable

__all__ = [
    "ArgumentError", "CycleError", "FormulaError", "GraphError", "InputTypeError",
    "NotFiniteError", "NotRunError", "OverrideError", "PathsumError", "SchemaError",
    "TooLargeError", "TraceError", "UnknownNameError", "UsageError", "YAMLSyntaxError",
]  # fmt: skip

class PathsumError(Exception):
    """Base class of every error pathsum raises on purpose: a one-line message saying where
    (``source`` file, 1-based ``line`` and ``column`` when known), what rule was broken, and
    which ``node`` or ``edge`` ``(u, v)`` is at fault.

    Examples
    --------
    >>> str(PathsumError("unknown name 'z'", source="g.yaml", line=3, column=6, node="b"))
    "g.yaml, line 3, column 6: node 'b': unknown name 'z'"
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 column: int | None = None, node: str | None = None,
                 edge: tuple[str, str] | None = None) -> None:
        self.message = message
        self.edge = edge
        self.source = source
        self.line = line
        self.column = column
        self.node = node
        super().__init__(self.__str__())

    def located(self, source: str | None = None, line: int | None = None,
                column: int | None = None) -> Self:
        """Fill in the location where it is not known yet and return ``self``."""
        if self.source is None:
            self.source = source
        if self.line is None and line is not None:
            self.line, self.column = line, column
        self.args = (self.__str__(),)
        return self

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            line = "" if self.line is None else f", line {self.line}"
            column = "" if self.line is None or self.column is None else f", column {self.column}"
            where = f"{self.source}{line}{column}: "
        what = (f"edge {self.edge[0]} -> {self.edge[1]}: " if self.edge is not None else
                "" if self.node is None else f"node '{self.node}': ")
        # one line, whatever the names hold: a newline is a space, an escape visible
        return printable(" ".join(f"{where}{what}{self.message}".split()))

class GraphError(PathsumError):
    """The graph file breaks a rule of the format (DESIGN §2)."""

class YAMLSyntaxError(GraphError):
    """The file is not well-formed YAML."""

class SchemaError(GraphError):
    """The YAML is well-formed but its structure is wrong (missing keys, wrong types, ...)."""

class FormulaError(GraphError):
    """A formula does not parse or uses something outside the whitelist."""

class UnknownNameError(GraphError):
    """A formula or edge names something that is neither an input, a node nor a symbol."""

class CycleError(GraphError):
    """The graph has a cycle; the message lists its nodes in order."""

class NotFiniteError(GraphError):
    """A value or partial is infinite or NaN (for example ``log`` of a negative number)."""

class UsageError(PathsumError):
    """A request to the library that cannot be honoured (unknown engine, bad override, ...)."""

class OverrideError(UsageError):
    """A new value for an input or symbol ``name`` (``overrides=``, the CLI's ``--set``) is
    refused: ``problem`` says why; the CLI puts its option before the message.

    Examples
    --------
    >>> str(OverrideError("z", "not an input of this graph (inputs: a, b)", source="g.yaml"))
    'g.yaml: z: not an input of this graph (inputs: a, b)'
    """

    argument = "overrides"

    def __init__(self, name: str, problem: str, **where: Any) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}", **where)

class InputTypeError(UsageError, TypeError):
    """A Python caller passed a value of the wrong type (also a :class:`TypeError`)."""

class ArgumentError(UsageError, ValueError):
    """A Python caller passed a refused value of the right type (also a :class:`ValueError`)."""

class NotRunError(ArgumentError, KeyError):
    """An analysis was asked about an engine that did not run in it (also a :class:`KeyError`)."""

class TraceError(PathsumError):
    """A traced or imported function does something a graph cannot express, named with its line."""

class TooLargeError(PathsumError):
    """A file or a requested graph is over the size limits (see :mod:`pathsum.limits`)."""
