"""The edge dialect (DESIGN §2): inputs by name, and edges with their partials, numbers or
named symbols."""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import chain
from operator import eq
from typing import Any

from .document import Document, non_finite_text
from .errors import NotFiniteError, OverrideError, SchemaError, UnknownNameError
from .graph import add_edges
from .limits import check_listed
from .roles import check_name
from .yamlio import LocatedList

__all__ = ["read_edges"]


def read_edges(doc: Document) -> tuple[list[str], dict[str, Any]]:
    """Read an edge-dialect document's inputs, symbols and edges into its network and
    ``edge_lists``; return the inputs in file order and each symbol's value (overrides
    applied)."""
    raw_inputs = doc.section("inputs", (Mapping, list), "a list of node names")
    edges = doc.section("edges", (list,), "a list of [from, to, partial]")
    check_listed(len(edges), **doc.at(doc.data, "edges"))  # before networkx's ~2 KB each
    raw_symbols = doc.data.get("symbols") or {}
    if not isinstance(raw_symbols, Mapping):
        raise SchemaError("'symbols' must be a mapping of name: value",
                          **doc.at(doc.data, "symbols"))
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
    if pending is not None:
        add_edges(doc.network, pending)
        return keys, symbols
    pending = []
    for i, item in enumerate(edges):
        where = doc.at(edges, i)
        u, v, label = _edge(doc, edges, i, item, where)
        for node in (u, v):
            if node not in doc.network:
                doc.add_node(node, edges, i)
        if isinstance(label, str):
            if label not in symbols:
                if non_finite_text(label):  # JSON's NaN and Infinity, YAML's plain nan
                    raise NotFiniteError(f"partial is not finite ({label})", edge=(u, v),
                                         **where)
                raise UnknownNameError(f"unknown symbol '{label}'", edge=(u, v), **where)
            kept = doc.arith.name == "symbolic" and label not in doc.overrides
            attrs = {"partial": doc.arith.symbol(label) if kept else symbols[label],
                     "symbol": label}
        else:
            attrs = {"partial": label}
        if where["line"] is not None:
            attrs["line"] = where["line"]
        pending.append((u, v, attrs))
    add_edges(doc.network, pending)
    return keys, symbols


def _plain_edges(doc: Document, edges: list, symbols: dict[str, Any]) -> list | None:
    """Bulk building: what :func:`_edge` makes of the edges, a column at a time, when each
    is ``[from, to, partial]`` of names Python reads as written and a finite float or known
    symbol; None, changing nothing, at anything else (the edge-by-edge reading then names
    the problem, or reads ints, text numbers, exact arithmetic and mappings)."""
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
    if kinds == {float}:
        if not all(map(math.isfinite, labels)):
            return None
        data = [{"partial": p} for p in labels]
    elif kinds <= {float, str}:
        known = {}
        for label in {p for p in labels if type(p) is str}:
            if not (label.isidentifier() and _plain_name(label) == label
                    and label in symbols and doc.symbols_spelled.get(label, label) == label):
                return None
            known[label] = symbols[label]
        if not all(math.isfinite(p) for p in labels if type(p) is float):
            return None
        data = [{"partial": p} if type(p) is float else {"partial": known[p], "symbol": p}
                for p in labels]
    else:
        return None
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
          where: dict[str, Any]) -> tuple[str, str, float | str]:
    """Edge ``i`` (a list or a mapping, standing at ``where``): its checked ends and its
    partial, a number or a symbol's name."""
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
        return u, v, doc.name(label, "symbol", where, symbol=True, defines=False)
    return u, v, doc.number(label, "partial", edges, i, edge=(u, v))


def _plain_name(raw: Any) -> str | None:
    try:
        return check_name(raw, "node")
    except SchemaError:
        return None
