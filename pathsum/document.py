"""A parsed graph file under validation (DESIGN §2), through which both dialects read their
sections, so that every message names the file, line, column and node or edge alike."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from numbers import Real
from typing import Any

import networkx as nx

from .arith import Arithmetic, exact_number
from .errors import FormulaError, NotFiniteError, OverrideError, PathsumError, SchemaError
from .printable import SURROGATE, brief
from .roles import check_output_node, spelled_once
from .yamlio import position

__all__ = ["KEYS", "Document"]

KEYS = ("name", "description", "inputs", "outputs", "nodes", "edges", "symbols")


class Document:
    """A parsed graph file (a mapping) and the network being built from it."""

    def __init__(self, data: Any, origin: str, default_name: str,
                 overrides: Mapping[str, Any], arith: Arithmetic):
        if not isinstance(data, Mapping):
            raise SchemaError("a graph file must be a mapping with 'inputs' and 'nodes' or 'edges'",
                              source=origin, line=1)
        self.data = data
        self.origin = origin
        self.default_name = default_name
        # Overridden names are read as formulas read names (NFKC), one spelling each.
        self.overrides = _folded(overrides)
        self.arith = arith
        self.exact = arith.name != "float"  # numbers are read from their text
        self.network = nx.MultiDiGraph()
        # Each node's and symbol's name as Python reads it -> as the file first wrote it.
        self.spelled: dict[str, str] = {}
        self.symbols_spelled: dict[str, str] = {}
        # Each formula node's key as the file wrote it, for positions in messages.
        self.keys: dict[str, Any] = {}
        # The edges in file order, for compile (see Graph.edge_lists).
        self.edge_lists: tuple[list[str], list[str], list[dict[str, Any]]] | None = None

    def at(self, container: Any, key: Any) -> dict[str, Any]:
        """Where ``key`` of ``container`` stands: keywords for a :class:`PathsumError`."""
        line, column = position(container, key)
        return {"source": self.origin, "line": line, "column": column}

    def add_node(self, name: str, container: Any, key: Any, **attrs: Any) -> None:
        """Add node ``name``, defined at ``key`` of ``container``, after those before it."""
        line, column = position(container, key)
        self.network.add_node(name, order=self.network.number_of_nodes(), line=line,
                              column=column, **attrs)

    def add_input(self, inputs: Any, key: Any, raw: Any) -> str:
        """Add input ``raw``, listed at ``key`` of ``inputs``, as a node (inputs come first);
        return its name as Python reads it."""
        where = self.at(inputs, key)
        name = self.name(raw, "input", where)
        if name in self.network:
            raise SchemaError("input listed twice", node=name, **where)
        self.add_node(name, inputs, key, kind="input")
        return name

    def name(self, raw: Any, what: str, where: dict[str, Any], *, symbol: bool = False,
             defines: bool = True) -> str:
        """A node (or symbol) name as Python reads it (NFKC): ``a`` and ``ａ`` both in a
        file are refused, as the second could never be named in a formula."""
        spelled = self.symbols_spelled if symbol else self.spelled
        return spelled_once(raw, what, spelled, defines=defines, **where)

    def number(self, value: Any, what: str, container: Any, key: Any, **subject: Any) -> Any:
        """The number at ``key`` of ``container`` in the document's arithmetic: finite, and
        read from its text where the arithmetic is exact."""
        if isinstance(value, str):
            where = {**self.at(container, key), **subject}
            if non_finite_text(value):
                raise NotFiniteError(f"{what} is not finite ({value.strip()})", **where)
            with contextlib.suppress(ValueError):
                read = exact_number if self.exact else float
                try:
                    value = read(value.replace("_", "")) if value.strip() else value
                except FormulaError as err:  # 1e999999999, refused before it is made
                    raise FormulaError(f"{what}: {err.message}", **where) from None
        if self.exact and isinstance(value, Fraction):
            return self.arith.number(value)
        checked = _finite_float(value, what, SchemaError, NotFiniteError,
                                **self.at(container, key), **subject)
        return self.arith.number(value) if self.exact else checked

    def override(self, name: str, value: Any) -> Any:
        """The new value of input or symbol ``name``, or OverrideError if not a finite number."""
        def refused(problem: str) -> OverrideError:
            return OverrideError(name, problem)

        checked = _finite_float(value, "the value", refused, refused)
        return self.arith.number(value) if self.exact else checked

    def section(self, key: str, kinds: tuple[type, ...], what: str) -> Any:
        """The value of top-level ``key``, if it is one of ``kinds`` (``what`` says which)."""
        value = self.data[key]
        if not isinstance(value, kinds):
            raise SchemaError(f"'{key}' must be {what}", **self.at(self.data, key))
        return value

    def header(self) -> tuple[str, str | None]:
        """The graph's name and description, once the top level is checked."""
        data = self.data
        for key in data:
            if key not in KEYS:
                raise SchemaError(f"unknown key {brief(key)} (expected one of: {', '.join(KEYS)})",
                                  **self.at(data, key))
        if "nodes" in data and "edges" in data:
            raise SchemaError("a file uses either 'nodes' (formulas) or 'edges' (partials), "
                              "not both", **self.at(data, "edges"))
        if "nodes" not in data and "edges" not in data:
            raise SchemaError("a graph needs 'nodes' (formulas) or 'edges' (partials)",
                              source=self.origin, line=1)
        if "inputs" not in data:
            raise SchemaError("a graph needs 'inputs'", source=self.origin, line=1)
        name = data.get("name", self.default_name)
        if not isinstance(name, str) or not name:
            raise SchemaError("'name' must be a non-empty string", **self.at(data, "name"))
        description = data.get("description")
        if description is not None and not isinstance(description, str):
            raise SchemaError("'description' must be a string", **self.at(data, "description"))
        for key, text in (("name", name), ("description", description or "")):
            surrogate = SURROGATE.search(text)
            if surrogate:  # from JSON's "\ud800" or Python: no output could write it
                raise SchemaError(f"'{key}' holds a lone surrogate ({surrogate.group()!a}), "
                                  "which is not text", **self.at(data, key))
        return name, description

    def outputs(self, inputs: set[str]) -> list[str] | None:
        """The listed outputs, each checked where it stands; None where none are listed."""
        if "outputs" not in self.data or self.data["outputs"] is None:
            return None
        raw = self.data["outputs"]
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not items:
            raise SchemaError("'outputs' must be a non-empty list of node names",
                              **self.at(self.data, "outputs"))
        listed: set[str] = set()
        names = []
        for i, node in enumerate(items):
            where = self.at(items, i) if isinstance(raw, list) else self.at(self.data, "outputs")
            node = self.name(node, "output", where, defines=False)
            names.append(node)
            check_output_node(self.network, node, inputs, listed, **where)
        return names


def _folded(overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The overrides by name as Python reads it; ``a`` and ``ａ`` together are refused."""
    folded: dict[str, Any] = {}
    spelled: dict[str, str] = {}
    for raw, value in overrides.items():
        try:
            folded[spelled_once(raw, "override", spelled)] = value
        except SchemaError as err:
            raise OverrideError(raw, err.message) from None
    return folded


#: How JSON (``NaN``, ``-Infinity``) and YAML (``.nan``, ``.inf``) write a number that is not
#: finite, in any case and sign: read as text where a number is expected, never as a name.
NON_FINITE = frozenset({"nan", "inf", "infinity", ".nan", ".inf"})


def non_finite_text(value: Any) -> bool:
    """Whether ``value`` is text spelling a number that is not finite."""
    return isinstance(value, str) and value.strip().lstrip("+-").lower() in NON_FINITE


def _finite_float(value: Any, what: str, wrong_type: Callable[..., PathsumError],
                  not_finite: Callable[..., PathsumError], **where: Any) -> float:
    # Exact numbers (Fraction, Decimal, numpy scalars) are welcome from Python callers.
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise wrong_type(f"{what} must be a number, not {brief(value)}", **where)
    try:
        value = float(value)
    except OverflowError:
        raise not_finite(f"{what} is too large for a float", **where) from None
    if not math.isfinite(value):
        raise not_finite(f"{what} is not finite ({value})", **where)
    return value
