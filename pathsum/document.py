"""A graph file under validation (DESIGN §2), both dialects; messages name file, line, node."""

from __future__ import annotations

import contextlib
import functools
import math
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import chain
from numbers import Real
from operator import eq
from typing import Any

import networkx as nx

from .arith import Arithmetic, exact_number
from .errors import (
    FormulaError,
    NotFiniteError,
    OverrideError,
    PathsumError,
    SchemaError,
    UnknownNameError,
)
from .formula import Formula, parse_formula
from .graph import add_edges
from .limits import check_edges, check_listed, max_edges
from .printable import SURROGATE, brief
from .roles import check_name, check_output_node, spelled_once
from .yamlio import USED_NAME, LocatedList, position

__all__ = ["Document", "evaluate", "read_edges", "read_formulas"]

KEYS = ("name", "description", "inputs", "outputs", "nodes", "edges", "symbols")

class Document:
    """A parsed graph file (a mapping) and the network being built from it."""

    def __init__(self, data: Any, origin: str, default_name: str,
                 overrides: Mapping[str, Any], arith: Arithmetic):
        if not isinstance(data, Mapping):
            raise SchemaError("a graph file must be a mapping with 'inputs' and 'nodes' or 'edges'",
                              source=origin, line=1)
        self.data, self.origin, self.default_name, self.arith = data, origin, default_name, arith
        # Overridden names are read as formulas read names (NFKC), one spelling each.
        self.overrides: dict[str, Any] = {}
        spelled: dict[str, str] = {}
        for raw, value in overrides.items():
            try:
                self.overrides[spelled_once(raw, "override", spelled)] = value
            except SchemaError as err:
                raise OverrideError(raw, err.message) from None
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
        """Add input ``raw``, listed at ``key`` of ``inputs``, as a node; return its name."""
        where = self.at(inputs, key)
        name = self.name(raw, "input", where)
        if name in self.network:
            raise SchemaError("input listed twice", node=name, **where)
        self.add_node(name, inputs, key, kind="input")
        return name

    def name(self, raw: Any, what: str, where: dict[str, Any], *, symbol: bool = False,
             defines: bool = True) -> str:
        """A name as Python reads it (NFKC), refusing ``a`` and ``ａ`` both in a file."""
        spelled = self.symbols_spelled if symbol else self.spelled
        return spelled_once(raw, what, spelled, defines=defines, **where)

    def number(self, value: Any, what: str, container: Any, key: Any, **subject: Any) -> Any:
        """The finite number at ``key`` of ``container``, in the document's arithmetic."""
        where = {**self.at(container, key), **subject}
        if isinstance(value, str):
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
        checked = _finite_float(value, what, SchemaError, NotFiniteError, **where)
        return self.arith.number(value) if self.exact else checked

    def override(self, name: str, value: Any) -> Any:
        """The new value of input or symbol ``name``, or OverrideError if not a finite number."""
        refused = functools.partial(OverrideError, name)
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

def read_formulas(doc: Document) -> tuple[list[str], dict[str, Any], dict[str, Formula]]:
    """The inputs, their values and the formulas, an edge from each name used (no partial)."""
    symbolic = doc.arith.name == "symbolic"  # inputs listed without values: symbols
    raw_inputs = doc.section("inputs", (Mapping, list) if symbolic else (Mapping,),
                             "a mapping of name: value in the nodes dialect (e.g. "
                             "inputs: {a: 2})")
    nodes = doc.section("nodes", (Mapping,), "a mapping of name: formula")
    values: dict[str, Any] = {}  # the inputs' values first, in order; the nodes' in evaluate
    listed = isinstance(raw_inputs, list)
    for i, raw in enumerate(raw_inputs):
        name = doc.add_input(raw_inputs, i if listed else raw, raw)
        values[name] = (doc.arith.symbol(name) if listed else
                        doc.number(raw_inputs[raw], "input value", raw_inputs, raw,
                                   node=name))
    for name in doc.overrides:
        if name not in values:
            raise OverrideError(name, f"not an input of this graph (inputs: {', '.join(values)})")
    for name, value in doc.overrides.items():
        values[name] = doc.override(name, value)
    inputs = list(values)
    texts = [text for text in nodes.values() if isinstance(text, str)]
    if sum(map(len, texts)) > max_edges():  # each name takes a character at least
        # counted from the text: parsing two million formulas first would take minutes
        count = sum(len(set(_USED.findall(text)) - {"pi"}) for text in texts)
        check_edges(count, "the formulas", **doc.at(doc.data, "nodes"))
    formulas: dict[str, Formula] = {}
    at = doc.keys
    for raw, text in nodes.items():
        where = doc.at(nodes, raw)
        name = doc.name(raw, "node", where)
        at[name] = raw
        if name in values:
            raise SchemaError("node is also an input", node=name, **where)
        try:
            formulas[name] = parse_formula(text)
        except FormulaError as err:
            raise FormulaError(err.message, node=name, **where) from None
        doc.add_node(name, nodes, raw, formula=formulas[name].text)
    pending: list[tuple[str, str, dict[str, Any]]] = []
    for name, formula in formulas.items():
        for used in formula.names:
            if used not in doc.network:
                raise UnknownNameError(f"unknown name '{used}' (not an input or a node)",
                                       node=name, **doc.at(nodes, at[name]))
            pending.append((used, name, {}))
    add_edges(doc.network, pending)
    if pending:
        sources, targets, data = (list(column) for column in zip(*pending, strict=True))
        doc.edge_lists = (sources, targets, data)
    return inputs, values, formulas

_USED = re.compile(USED_NAME)

def evaluate(doc: Document, order: list[str], values: dict[str, Any],
             formulas: dict[str, Formula]) -> None:
    """Each node's value (into ``values`` and onto its node) and partials, in ``order``."""
    network = doc.network
    for name in order:
        formula = formulas.get(name)
        if formula is None:
            continue
        try:
            value, partials = formula.evaluate(values, doc.arith)
        except (NotFiniteError, FormulaError) as err:
            raise type(err)(err.message, node=name,
                            **doc.at(doc.data["nodes"], doc.keys[name])) from None
        values[name] = value
        for used, partial in partials.items():
            network[used][name][0]["partial"] = partial
    for name, value in values.items():
        network.nodes[name]["value"] = value

def read_edges(doc: Document) -> tuple[list[str], dict[str, Any]]:
    """The inputs and each symbol's value; the edges go into the network and ``edge_lists``."""
    raw_inputs = doc.section("inputs", (Mapping, list), "a list of node names")
    edges = doc.section("edges", (list,), "a list of [from, to, partial]")
    check_listed(len(edges), **doc.at(doc.data, "edges"))  # before networkx's ~2 KB each
    raw_symbols = (doc.section("symbols", (Mapping,), "a mapping of name: value")
                   if doc.data.get("symbols") else {})
    symbols: dict[str, float] = {}
    for raw, value in raw_symbols.items():
        name = doc.name(raw, "symbol", doc.at(raw_symbols, raw), symbol=True)
        symbols[name] = doc.number(value, f"symbol '{name}'", raw_symbols, raw)
    for name, value in doc.overrides.items():
        if name not in symbols:
            known = ", ".join(symbols) or "none"
            raise OverrideError(name, f"not a symbol of this graph (symbols: {known}); "
                                "edge-dialect inputs have no values")
        symbols[name] = doc.override(name, value)
    listed = isinstance(raw_inputs, list)
    keys = [doc.add_input(raw_inputs, i if listed else raw, raw)
            for i, raw in enumerate(raw_inputs)]
    pending = _plain_edges(doc, edges, symbols)
    if pending is None:
        pending = [_edge(doc, edges, i, item, symbols) for i, item in enumerate(edges)]
    add_edges(doc.network, pending)
    return keys, symbols

def _plain_edges(doc: Document, edges: list, symbols: dict[str, Any]) -> list | None:
    """Bulk building: the edges a column at a time if all are plain, else None (no change)."""
    if doc.arith.name != "float" or not edges:
        return None
    if not {type(e) for e in edges} <= {list, LocatedList} or {len(e) for e in edges} != {3}:
        return None
    sources, targets, labels = (list(column) for column in zip(*edges, strict=True))
    try:
        firsts = dict.fromkeys(chain.from_iterable(zip(sources, targets, strict=True)))
    except TypeError:  # a list or mapping where a name belongs
        return None
    spelled = doc.spelled
    for raw in firsts:
        if type(raw) is not str or _plain_name(raw) != raw or spelled.get(raw, raw) != raw:
            return None
    if any(map(eq, sources, targets)):
        return None
    kinds = {type(p) for p in labels}
    floats = labels if kinds == {float} else [p for p in labels if type(p) is float]
    if not kinds <= {float, str} or not all(map(math.isfinite, floats)):
        return None
    known = {}
    for label in {p for p in labels if type(p) is str} if str in kinds else ():
        if not (label.isidentifier() and _plain_name(label) == label
                and label in symbols and doc.symbols_spelled.get(label, label) == label):
            return None
        known[label] = symbols[label]
    data = [{"partial": p} if type(p) is float else {"partial": known[p], "symbol": p}
            for p in labels] if known else [{"partial": p} for p in labels]
    marks = getattr(edges, "marks", None)
    where: dict[str, tuple[int, int]] = {}  # each node's first edge's position
    if marks is not None:
        for attrs, mark, u, v in zip(data, marks, sources, targets, strict=True):
            attrs["line"] = mark[0]
            where.setdefault(u, mark)
            where.setdefault(v, mark)
    network = doc.network
    new = [name for name in firsts if name not in network]
    spelled.update((name, name) for name in new)
    first, nowhere = network.number_of_nodes(), (None, None)
    network.add_nodes_from((name, {"order": first + k, "line": at[0], "column": at[1]})
                           for k, name in enumerate(new) for at in (where.get(name, nowhere),))
    doc.edge_lists = (sources, targets, data)
    return list(zip(sources, targets, data, strict=True))

def _edge(doc: Document, edges: list, i: int, item: Any,
          symbols: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """Edge ``i`` (a list or a mapping), its ends added as nodes: (from, to, attributes)."""
    where = doc.at(edges, i)
    if isinstance(item, Mapping):
        missing = [k for k in ("from", "to", "partial") if k not in item]
        extra = [k for k in item if k not in ("from", "to", "partial")]
        if missing or extra:
            wrong = (f"missing {', '.join(missing)}" if missing else
                     f"unexpected {', '.join(map(str, extra))}")
            raise SchemaError(f"edge #{i + 1} needs exactly the keys from, to, partial "
                              f"({wrong})", **where)
        u, v, label = item["from"], item["to"], item["partial"]
    elif isinstance(item, list) and len(item) == 3:
        u, v, label = item
    else:
        raise SchemaError(f"edge #{i + 1} must be [from, to, partial] or "
                          "{from:, to:, partial:}", **where)
    u = doc.name(u, "edge source", where)
    v = doc.name(v, "edge target", where)
    if u == v:
        raise SchemaError("an edge from a node to itself is a cycle", edge=(u, v), **where)
    if isinstance(label, str) and label.isidentifier():
        label = doc.name(label, "symbol", where, symbol=True, defines=False)
        if label not in symbols:
            if non_finite_text(label):  # JSON's NaN and Infinity, YAML's plain nan
                raise NotFiniteError(f"partial is not finite ({label})", edge=(u, v), **where)
            raise UnknownNameError(f"unknown symbol '{label}'", edge=(u, v), **where)
        kept = doc.arith.name == "symbolic" and label not in doc.overrides
        attrs = {"partial": doc.arith.symbol(label) if kept else symbols[label], "symbol": label}
    else:
        attrs = {"partial": doc.number(label, "partial", edges, i, edge=(u, v))}
    for node in (u, v):
        if node not in doc.network:
            doc.add_node(node, edges, i)
    if where["line"] is not None:
        attrs["line"] = where["line"]
    return u, v, attrs

def _plain_name(raw: Any) -> str | None:
    try:
        return check_name(raw, "node")
    except SchemaError:
        return None
