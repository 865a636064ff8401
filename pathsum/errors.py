"""The exception hierarchy. The library raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

from typing import Any, Self

from .printable import printable

__all__ = [
    "ArgumentError",
    "CycleError",
    "FormulaError",
    "GraphError",
    "InputTypeError",
    "NotFiniteError",
    "NotRunError",
    "OverrideError",
    "PathsumError",
    "SchemaError",
    "TooLargeError",
    "TraceError",
    "UnknownNameError",
    "UsageError",
    "YAMLSyntaxError",
]


class PathsumError(Exception):
    """Base class of every error pathsum raises on purpose.

    The message is one line: where (file, line, column when known), what rule was broken,
    and which node or edge is at fault.

    Parameters
    ----------
    message : str
        What is wrong, naming the node or edge.
    source : str, optional
        The file (or ``<string>``) the problem was found in.
    line, column : int, optional
        1-based position in the file, when YAML gives it.
    node : str, optional
        The node at fault.
    edge : tuple of str, optional
        The edge ``(u, v)`` at fault.

    Examples
    --------
    >>> str(PathsumError("unknown name 'z'", source="g.yaml", line=3, column=6, node="b"))
    "g.yaml, line 3, column 6: node 'b': unknown name 'z'"
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        column: int | None = None,
        node: str | None = None,
        edge: tuple[str, str] | None = None,
    ) -> None:
        self.message = message
        self.edge = edge
        self.source = source
        self.line = line
        self.column = column
        self.node = node
        super().__init__(self.__str__())

    def located(self, source: str | None = None, line: int | None = None,
                column: int | None = None) -> Self:
        """Fill in the location where it is not known yet and return ``self``.

        Examples
        --------
        >>> str(PathsumError("bad", line=3).located("g.yaml", line=9, column=1))
        'g.yaml, line 3: bad'
        """
        if self.source is None:
            self.source = source
        if self.line is None and line is not None:
            self.line, self.column = line, column
        self.args = (self.__str__(),)
        return self

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            where = self.source
            if self.line is not None:
                where += f", line {self.line}"
                if self.column is not None:
                    where += f", column {self.column}"
            where += ": "
        what = ""
        if self.edge is not None:
            what = f"edge {self.edge[0]} -> {self.edge[1]}: "
        elif self.node is not None:
            what = f"node '{self.node}': "
        # One line, whatever the file put in its names: a newline or \r becomes a space,
        # an ANSI escape its visible \x1b.
        return printable(" ".join(f"{where}{what}{self.message}".split()))


class GraphError(PathsumError):
    """The graph file breaks a rule of the format (DESIGN §2)."""


class YAMLSyntaxError(GraphError):
    """The file is not well-formed YAML."""


class SchemaError(GraphError):
    """The YAML is well-formed but its structure is wrong (missing keys, wrong types, duplicates)."""


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
    """A new value for an input or symbol (``overrides=``; the CLI's ``--set``) is refused.

    The message begins with the name; the CLI puts its option before it.

    Attributes
    ----------
    argument : str
        The argument the value came through: ``"overrides"``.
    name : str
        The input or symbol the value was given for.
    problem : str
        What is wrong with it.

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
    """A Python caller passed a value of the wrong type (bytes for a path, a str for a number).

    It is also a :class:`TypeError`, which such a mistake raised before this class existed.

    Examples
    --------
    >>> isinstance(InputTypeError("max_paths must be a whole number"), TypeError)
    True
    """


class ArgumentError(UsageError, ValueError):
    """A Python caller passed a value of the right type that is refused (a negative limit,
    an empty name). The message names the argument and what it must be.

    It is also a :class:`ValueError`, as Python's own functions raise for such values.

    Examples
    --------
    >>> isinstance(ArgumentError("limit must be zero or more"), ValueError)
    True
    """


class NotRunError(ArgumentError, KeyError):
    """What an analysis holds was asked of an engine that did not run in it.

    It is also a :class:`KeyError`, which such a request raised before this class existed.

    Examples
    --------
    >>> str(NotRunError("engine must be one that ran (path), not 'nope'"))
    "engine must be one that ran (path), not 'nope'"
    """


class TraceError(PathsumError):
    """A traced or imported function does something a graph cannot express.

    The message names the operation (and, when tracing Python, the line that does it).
    """


class TooLargeError(PathsumError):
    """A file or a requested graph is over the size limits (see :mod:`pathsum.limits`)."""
