"""Loading and validating graph files (DESIGN §2)."""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from itertools import chain
from numbers import Real
from operator import eq
from pathlib import Path
from typing import Any

import networkx as nx

from .arith import Arithmetic, arithmetic
from .errors import (
    FormulaError,
    InputTypeError,
    NotFiniteError,
    PathsumError,
    SchemaError,
    TooLargeError,
    UnknownNameError,
    UsageError,
)
from .files import missing_reason, os_problem
from .formula import Formula, parse_formula
from .gcpause import paused_gc
from .graph import Graph, add_edges, assemble, check_name, topological_order
from .limits import max_edges, read_limited
from .yamlio import LocatedList, position, read_yaml
from .yamlplain import read_plain

__all__ = ["build", "load", "loads"]

_KEYS = ("name", "description", "inputs", "outputs", "nodes", "edges", "symbols")


@paused_gc()
def load(
    path: str | os.PathLike[str] | Mapping[str, Any],
    *,
    overrides: Mapping[str, Any] | None = None,
    arith: str = "float",
) -> Graph:
    """Load a graph from a YAML (or JSON) file, or from an already parsed mapping.

    A string is always a path, whatever it contains: for YAML or JSON text, use
    :func:`loads`.

    Parameters
    ----------
    path : str, os.PathLike or mapping
        A ``.yaml``/``.yml``/``.json`` file (any other ending is read as YAML), or a
        mapping in the same format (as :func:`pathsum.families.generate` returns).
    overrides : mapping, optional
        New values for inputs (formula dialect) or symbols (edge dialect), as ``--set`` does.
    arith : {"float", "exact", "symbolic"}
        The arithmetic of values and partials (DESIGN §8): floats; fractions read from the
        literal text; or sympy expressions, where inputs listed without values and the
        edge dialect's named partials stay symbols (needs ``pathsum[symbolic]``).

    Returns
    -------
    Graph

    Raises
    ------
    GraphError
        If the file breaks a rule of the format; the message names the file, line, rule
        and node.
    InputTypeError
        If ``path`` is neither a path nor a mapping (bytes, None, a number, a list).
    UsageError
        For an empty path.

    Examples
    --------
    >>> g = load("graphs/olah.yaml")  # doctest: +SKIP
    >>> g = load({"inputs": {"a": 2, "b": 1}, "nodes": {"c": "a * b"}})
    >>> g.values["c"], g.outputs
    (2.0, ['c'])
    """
    if isinstance(path, Mapping):
        return build(path, origin="<mapping>", default_name="graph", overrides=overrides,
                     arith=arith)
    origin = _path_text(path)
    text = _read_text(origin)
    file = Path(origin)
    return _from_text(text, origin, file.stem, overrides, arith,
                      json_file=file.suffix.lower() == ".json")


@paused_gc()
def loads(
    text: str | bytes,
    *,
    source: str = "<string>",
    name: str = "graph",
    overrides: Mapping[str, Any] | None = None,
    arith: str = "float",
) -> Graph:
    """Load a graph from YAML (or JSON) text.

    Parameters
    ----------
    text : str or bytes
        The document; bytes must be UTF-8.
    source : str
        Where the text came from, for messages and the graph's ``source``.
    name : str
        The graph's name when the document has no ``name``.
    overrides, arith
        As for :func:`load`.

    Returns
    -------
    Graph
        With ``source`` as its source, and ``name`` unless the document names it.

    Raises
    ------
    GraphError
        If the text breaks a rule of the format, naming the line and node.
    InputTypeError
        If ``text`` is not a str or bytes (a path object is: use :func:`load`).

    Examples
    --------
    >>> g = loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n")
    >>> g.values["e"], g.outputs
    (6.0, ['e'])
    >>> g.network["c"]["e"][0]["partial"]
    2.0
    >>> loads("inputs: {a: 0.1}\\nnodes: {b: 3 * a}\\n", arith="exact").values["b"]
    Fraction(3, 10)
    """
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise SchemaError(f"not UTF-8 text ({err.reason} at byte {err.start})",
                              source=source) from None
    if not isinstance(text, str):
        hint = " (for a file, use pathsum.load(path))" if isinstance(text, os.PathLike) else ""
        raise InputTypeError(f"loads() takes YAML or JSON text (str or bytes), not "
                             f"{type(text).__name__}{hint}")
    return _from_text(text, source, name, overrides, arith)


def _from_text(text: str, origin: str, name: str, overrides: Mapping[str, Any] | None,
               arith: str, *, json_file: bool = False) -> Graph:
    """The graph in ``text``: through a fast reader where it can (float arithmetic and a
    document it takes), else through the located YAML reading, which names any problem."""
    if arith == "float":
        graph = _load_plain(_json_data(text) if json_file else read_plain(text), origin, name,
                            overrides)
        if graph is not None:
            return graph
    return build(read_yaml(text, origin, exact=arith != "float"), origin=origin,
                 default_name=name, overrides=overrides, arith=arith)


def _path_text(path: Any) -> str:
    """``path`` as a str, or the error saying why it names no file."""
    if isinstance(path, bytes | bytearray):
        raise InputTypeError("load() takes a file path (str or os.PathLike) or a mapping, not "
                             "bytes; for YAML or JSON text, use pathsum.loads(text)")
    if not isinstance(path, str | os.PathLike):
        raise InputTypeError("load() takes a file path (str or os.PathLike) or a mapping, not "
                             f"{type(path).__name__}")
    text = os.fspath(path)
    if not isinstance(text, str):
        raise InputTypeError("load() takes a str path, not a bytes one: decode it first")
    if not text:
        raise UsageError("load(''): an empty path names no file")
    return text


def _read_text(origin: str) -> str:
    try:
        with open(origin, "rb") as handle:
            return read_limited(handle).decode("utf-8")
    except TooLargeError as err:
        raise err.located(origin) from None
    except FileNotFoundError:
        # Paths are never guessed from content; but say what was probably meant.
        hint = " (this path has a newline: for YAML text, use pathsum.loads(text))" \
            if "\n" in origin else ""
        raise SchemaError(f"{missing_reason(origin) or 'no such file'}{hint}",
                          source=origin) from None
    except IsADirectoryError:
        raise SchemaError("is a directory, not a graph file", source=origin) from None
    except UnicodeDecodeError as err:
        raise SchemaError(f"not UTF-8 text ({err.reason} at byte {err.start})",
                          source=origin) from None
    except OSError as err:
        problem = os_problem(err)
        said = problem if err.errno == errno.ELOOP else f"cannot read file ({problem})"
        raise SchemaError(said, source=origin) from None


def _json_data(text: str) -> Any:
    """A ``.json`` file read by the json module, some 20 times faster than as YAML; None at
    anything the json module refuses (JSON is YAML: the YAML reading then names the line).
    """
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError):
        return None


def _load_plain(data: Any, origin: str, name: str,
                overrides: Mapping[str, float] | None) -> Graph | None:
    """The graph built from a document read by a fast reader (json, or
    :func:`~pathsum.yamlplain.read_plain`), which keeps few or no positions; None if there
    is no such document or it has any problem, so that the located reading names it.
    """
    if data is None:
        return None
    try:
        return build(data, origin=origin, default_name=name, overrides=overrides)
    except PathsumError:
        return None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise ValueError("duplicate key")  # the YAML reading names it
    return mapping


@paused_gc()
def build(
    data: Any,
    *,
    origin: str = "<mapping>",
    default_name: str = "graph",
    overrides: Mapping[str, float] | None = None,
    arith: str = "float",
) -> Graph:
    """Validate a parsed document and build its :class:`Graph` (``arith`` as for
    :func:`load`).

    Examples
    --------
    >>> build({"inputs": ["x"], "edges": [["x", "y", 2.5]]}).network["x"]["y"][0]
    {'partial': 2.5}
    """
    if overrides is not None and not isinstance(overrides, Mapping):
        raise InputTypeError(f"overrides must be a mapping of name: number, not "
                             f"{type(overrides).__name__}")
    numbers = arithmetic(arith)
    try:
        return _Builder(data, origin, default_name, dict(overrides or {}), numbers).graph()
    except PathsumError as err:
        raise err.located(origin) from None


def _plain_name(raw: Any) -> str | None:
    """``check_name`` for :meth:`_Builder.plain_edges`: the name, or None if it is not one."""
    try:
        return check_name(raw, "node")
    except SchemaError:
        return None


def _finite_float(value: Any, what: str, wrong_type: type[PathsumError],
                  not_finite: type[PathsumError], **where: Any) -> float:
    """``value`` as a finite float, or the error saying why it is not one."""
    # Exact numbers (Fraction, Decimal, numpy scalars) are welcome from Python callers.
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise wrong_type(f"{what} must be a number, not {value!r}", **where)
    try:
        value = float(value)
    except OverflowError:
        raise not_finite(f"{what} is too large for a float", **where) from None
    if not math.isfinite(value):
        raise not_finite(f"{what} is not finite ({value})", **where)
    return value


class _Builder:
    def __init__(self, data: Any, origin: str, default_name: str, overrides: dict[str, float],
                 arith: Arithmetic):
        if not isinstance(data, Mapping):
            raise SchemaError("a graph file must be a mapping with 'inputs' and 'nodes' or 'edges'",
                              source=origin, line=1)
        self.data = data
        self.origin = origin
        self.default_name = default_name
        # --set names are read as formulas read names (NFKC).
        self.overrides = {unicodedata.normalize("NFKC", k): v for k, v in overrides.items()}
        self.arith = arith
        self.exact = arith.name != "float"  # numbers are read from their text
        self.network = nx.MultiDiGraph()
        #: Each node's and symbol's name as Python reads it -> as the file first wrote it.
        self.spelled: dict[str, str] = {}
        self.symbols_spelled: dict[str, str] = {}
        #: Each formula node's key as the file wrote it, for positions in messages.
        self.keys: dict[str, Any] = {}
        #: The edges in file order, for compile (see Graph.edge_lists).
        self.edge_lists: tuple[list[str], list[str], list[dict[str, Any]]] | None = None

    # -- helpers --------------------------------------------------------------------------
    def at(self, container: Any, key: Any) -> dict[str, Any]:
        line, column = position(container, key)
        return {"source": self.origin, "line": line, "column": column}

    def add_node(self, name: str, container: Any, key: Any, **attrs: Any) -> None:
        line, column = position(container, key)
        self.network.add_node(name, order=self.network.number_of_nodes(), line=line,
                              column=column, **attrs)

    def name(self, raw: Any, what: str, where: dict[str, Any], *, symbol: bool = False,
             defines: bool = True) -> str:
        """A node (or symbol) name as Python reads it; two spellings of one name are refused.

        ``inputs: {a: 1, ａ: 5}`` would otherwise make ``ａ`` a second node that formulas can
        never name: Python reads it as ``a`` (Unicode NFKC).
        """
        name = check_name(raw, what, **where)
        spelled = self.symbols_spelled if symbol else self.spelled
        first = spelled.setdefault(name, raw) if defines else spelled.get(name, raw)
        if first != raw:
            raise SchemaError(f"{what} name '{raw}' and '{first}' are the same name to Python "
                              f"(both read as '{name}', Unicode NFKC); rename one", **where)
        return name

    def number(self, value: Any, what: str, container: Any, key: Any, **subject: Any) -> float:
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                read = Fraction if self.exact else float
                value = read(value.replace("_", "")) if value.strip() else value
        if self.exact and isinstance(value, Fraction):
            return self.arith.number(value)
        checked = _finite_float(value, what, SchemaError, NotFiniteError,
                                **self.at(container, key), **subject)
        return self.arith.number(value) if self.exact else checked

    def override(self, name: str, value: Any) -> float:
        """A ``--set`` value: a finite number."""
        checked = _finite_float(value, f"--set {name}: the value", UsageError, UsageError)
        return self.arith.number(value) if self.exact else checked

    def section(self, key: str, kinds: tuple[type, ...], what: str) -> Any:
        value = self.data[key]
        if not isinstance(value, kinds):
            raise SchemaError(f"'{key}' must be {what}", **self.at(self.data, key))
        return value

    # -- the document ---------------------------------------------------------------------
    def graph(self) -> Graph:
        data = self.data
        for key in data:
            if key not in _KEYS:
                raise SchemaError(f"unknown key '{key}' (expected one of: {', '.join(_KEYS)})",
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
        if "nodes" in data:
            if "symbols" in data:
                raise SchemaError("'symbols' belongs to the edges dialect; formulas use numbers",
                                  **self.at(data, "symbols"))
            inputs, values, formulas = self.formula_nodes()
            symbols = None
        else:
            inputs, symbols = self.edge_list()
            values = None
        outputs = self.outputs()
        order = topological_order(self.network, source=self.origin,
                                  edges=self.edge_lists and self.edge_lists[:2])
        if values is not None:
            self.evaluate(order, values, formulas)
        graph = assemble(self.network, inputs, outputs, name=name, values=values,
                         symbols=symbols, description=description, source=self.origin,
                         order=order, arith=self.arith.name)
        graph.edge_lists = self.edge_lists
        return graph

    def outputs(self) -> list[str] | None:
        if "outputs" not in self.data or self.data["outputs"] is None:
            return None
        raw = self.data["outputs"]
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not items:
            raise SchemaError("'outputs' must be a non-empty list of node names",
                              **self.at(self.data, "outputs"))
        seen: set[str] = set()
        names = []
        for i, node in enumerate(items):
            where = self.at(items, i) if isinstance(raw, list) else self.at(self.data, "outputs")
            node = self.name(node, "output", where, defines=False)
            names.append(node)
            if node not in self.network:
                raise UnknownNameError("output is not a node of the graph", node=node, **where)
            if node in seen:
                raise SchemaError("output listed twice", node=node, **where)
            if self.network.nodes[node].get("kind") == "input":
                raise SchemaError("a node cannot be both an input and an output", node=node,
                                  **where)
            seen.add(node)
        return names

    # -- formula dialect ------------------------------------------------------------------
    def formula_nodes(self) -> tuple[list[str], dict[str, float], dict[str, Formula]]:
        symbolic = self.arith.name == "symbolic"  # inputs listed without values: symbols
        raw_inputs = self.section("inputs", (Mapping, list) if symbolic else (Mapping,),
                                  "a mapping of name: value in the nodes dialect (e.g. "
                                  "inputs: {a: 2})")
        nodes = self.section("nodes", (Mapping,), "a mapping of name: formula")
        values: dict[str, Any] = {}
        inputs = []
        listed = isinstance(raw_inputs, list)
        for i, raw in enumerate(raw_inputs):
            key = i if listed else raw
            name = self.name(raw, "input", self.at(raw_inputs, key))
            if name in values:
                raise SchemaError("input listed twice", node=name, **self.at(raw_inputs, key))
            values[name] = (self.arith.symbol(name) if listed else
                            self.number(raw_inputs[raw], "input value", raw_inputs, raw,
                                        node=name))
            self.add_node(name, raw_inputs, key, kind="input")
            inputs.append(name)
        for name in self.overrides:
            if name not in values:
                raise UsageError(f"--set {name}: not an input of this graph "
                                 f"(inputs: {', '.join(values)})")
        for name, value in self.overrides.items():
            values[name] = self.override(name, value)
        formulas: dict[str, Formula] = {}
        at = self.keys
        for raw, text in nodes.items():
            where = self.at(nodes, raw)
            name = self.name(raw, "node", where)
            at[name] = raw
            if name in values:
                raise SchemaError("node is also an input", node=name, **where)
            try:
                formulas[name] = parse_formula(text)
            except FormulaError as err:
                raise FormulaError(err.message, node=name, **where) from None
            self.add_node(name, nodes, raw, formula=formulas[name].text)
        pending = []
        for name, formula in formulas.items():
            for used in formula.names:
                if used not in self.network:
                    raise UnknownNameError(f"unknown name '{used}' (not an input or a node)",
                                           node=name, **self.at(nodes, at[name]))
                pending.append((used, name, {}))
        add_edges(self.network, pending)
        self.edge_lists = tuple(list(column) for column in zip(*pending, strict=True)) \
            if pending else None
        return inputs, values, formulas

    def evaluate(self, order: list[str], values: dict[str, float],
                 formulas: dict[str, Formula]) -> None:
        network = self.network
        for name in order:
            formula = formulas.get(name)
            if formula is None:
                continue
            try:
                value, partials = formula.evaluate(values, self.arith)
            except (NotFiniteError, FormulaError) as err:
                raise type(err)(err.message, node=name,
                                **self.at(self.data["nodes"], self.keys[name])) from None
            values[name] = value
            for used, partial in partials.items():
                network[used][name][0]["partial"] = partial
        for name, value in values.items():
            network.nodes[name]["value"] = value

    # -- edge dialect ---------------------------------------------------------------------
    def edge_list(self) -> tuple[list[str], dict[str, float]]:
        raw_inputs = self.section("inputs", (Mapping, list), "a list of node names")
        edges = self.section("edges", (list,), "a list of [from, to, partial]")
        if len(edges) > max_edges():  # before networkx spends its ~2 KB on each
            raise TooLargeError(f"{len(edges):,} edges, more than the limit of {max_edges():,}; "
                                "PATHSUM_MAX_EDGES raises it", **self.at(self.data, "edges"))
        raw_symbols = self.data.get("symbols") or {}
        if not isinstance(raw_symbols, Mapping):
            raise SchemaError("'symbols' must be a mapping of name: value",
                              **self.at(self.data, "symbols"))
        symbols: dict[str, float] = {}
        for raw, value in raw_symbols.items():
            name = self.name(raw, "symbol", self.at(raw_symbols, raw), symbol=True)
            symbols[name] = self.number(value, f"symbol '{name}'", raw_symbols, raw)
        for name, value in self.overrides.items():
            if name not in symbols:
                known = ", ".join(symbols) or "none"
                raise UsageError(f"--set {name}: not a symbol of this graph (symbols: {known}); "
                                 "edge-dialect inputs have no values")
            symbols[name] = self.override(name, value)
        keys = []
        for i, raw in enumerate(raw_inputs):
            container, key = (raw_inputs, i) if isinstance(raw_inputs, list) else (raw_inputs, raw)
            name = self.name(raw, "input", self.at(container, key))
            keys.append(name)
            if name in self.network:
                raise SchemaError("input listed twice", node=name, **self.at(container, key))
            self.add_node(name, container, key, kind="input")
        pending = self.plain_edges(edges, symbols)
        if pending is not None:
            add_edges(self.network, pending)
            return keys, symbols
        pending = []
        for i, item in enumerate(edges):
            u, v, label = self.edge(edges, i, item)
            for node in (u, v):
                if node not in self.network:
                    self.add_node(node, edges, i)
            where = self.at(edges, i)
            if isinstance(label, str):
                if label not in symbols:
                    raise UnknownNameError(f"unknown symbol '{label}'", edge=(u, v), **where)
                kept = self.arith.name == "symbolic" and label not in self.overrides
                attrs = {"partial": self.arith.symbol(label) if kept else symbols[label],
                         "symbol": label}
            else:
                attrs = {"partial": label}
            if where["line"] is not None:
                attrs["line"] = where["line"]
            pending.append((u, v, attrs))
        add_edges(self.network, pending)
        return keys, symbols

    def plain_edges(self, edges: list, symbols: dict[str, Any]) -> list | None:
        """The edges, when each is a ``[from, to, partial]`` list of names Python reads as
        written and a finite float or known symbol: what :meth:`edge` makes of them, a column
        at a time, with each distinct name checked once and nothing looked up per edge.

        Changes nothing and returns None at anything else; the edge-by-edge reading then
        names the problem, or reads what this one does not (ints, numbers written as text,
        exact arithmetic, edges as mappings).
        """
        if self.arith.name != "float" or not edges:
            return None
        if not {type(e) for e in edges} <= {list, LocatedList} or {len(e) for e in edges} != {3}:
            return None
        sources, targets, labels = (list(column) for column in zip(*edges, strict=True))
        firsts = dict.fromkeys(chain.from_iterable(zip(sources, targets, strict=True)))
        spelled = self.spelled
        for raw in firsts:
            if type(raw) is not str or _plain_name(raw) != raw or spelled.get(raw, raw) != raw:
                return None
        if any(map(eq, sources, targets)):
            return None
        kinds = {type(p) for p in labels}
        if kinds == {float}:
            if not all(map(math.isfinite, labels)):
                return None
            data = [{"partial": p} for p in labels]
        elif kinds <= {float, str}:
            known = {}
            for label in {p for p in labels if type(p) is str}:
                if not (label.isidentifier() and _plain_name(label) == label
                        and label in symbols and self.symbols_spelled.get(label, label) == label):
                    return None
                known[label] = symbols[label]
            if not all(math.isfinite(p) for p in labels if type(p) is float):
                return None
            data = [{"partial": p} if type(p) is float else {"partial": known[p], "symbol": p}
                    for p in labels]
        else:
            return None
        marks = getattr(edges, "marks", None)
        if marks is not None:
            for attrs, (line, _column) in zip(data, marks, strict=True):
                attrs["line"] = line
        network = self.network
        new = [name for name in firsts if name not in network]
        spelled.update((name, name) for name in new)
        first = network.number_of_nodes()
        if marks is None:
            network.add_nodes_from((name, {"order": first + k, "line": None, "column": None})
                                   for k, name in enumerate(new))
        else:
            where = {}
            for i, pair in enumerate(zip(sources, targets, strict=True)):
                for name in pair:
                    where.setdefault(name, marks[i])
            network.add_nodes_from((name, {"order": first + k, "line": where[name][0],
                                           "column": where[name][1]})
                                   for k, name in enumerate(new))
        self.edge_lists = (sources, targets, data)
        return list(zip(sources, targets, data, strict=True))

    def edge(self, edges: list, i: int, item: Any) -> tuple[str, str, float | str]:
        where = self.at(edges, i)
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
        u = self.name(u, "edge source", where)
        v = self.name(v, "edge target", where)
        if u == v:
            raise SchemaError("an edge from a node to itself is a cycle", edge=(u, v), **where)
        if isinstance(label, str) and label.isidentifier():
            return u, v, self.name(label, "symbol", where, symbol=True, defines=False)
        return u, v, self.number(label, "partial", edges, i, edge=(u, v))
