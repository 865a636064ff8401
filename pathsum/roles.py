"""The names and roles of a graph's nodes (DESIGN §2): identifiers, inputs, outputs."""

from __future__ import annotations

import keyword
import unicodedata
from collections.abc import Container
from typing import TYPE_CHECKING, Any, cast

from .errors import SchemaError, UnknownNameError
from .printable import brief
from .rules import RESERVED

if TYPE_CHECKING:
    import networkx as nx

    from .graph import Graph

__all__ = ["check_name", "check_output_node", "check_roles", "spelled_once"]

def check_name(name: object, what: str, *, source: str | None = None, line: int | None = None,
               column: int | None = None) -> str:
    """``name`` as Python reads it (NFKC: ``ａ`` is ``a``): an identifier, no keyword, unreserved."""
    folded = unicodedata.normalize("NFKC", name) if isinstance(name, str) else ""
    if not isinstance(name, str):
        problem = f"{brief(name)} must be an identifier, not {type(name).__name__}"
    elif not name.isidentifier() or not folded.isidentifier() or keyword.iskeyword(folded):
        problem = f"{brief(name)} is not a valid identifier"
    elif folded in RESERVED:
        said = "" if folded == name else f" (it reads as '{folded}', a function name or pi)"
        problem = f"'{name}' is reserved{said or ' (a function name or pi)'}"
    else:
        return folded
    raise SchemaError(f"{what} name {problem}", source=source, line=line, column=column)

def spelled_once(raw: object, what: str, spelled: dict[str, str], *, defines: bool = True,
                 **where: Any) -> str:
    """:func:`check_name`, one spelling per name in ``spelled`` (``defines``: record ``raw``)."""
    name = check_name(raw, what, **where)
    text = cast(str, raw)  # check_name refused anything else
    first = spelled.setdefault(name, text) if defines else spelled.get(name, text)
    if first != raw:
        raise SchemaError(f"{what} name '{raw}' and '{first}' are the same name to Python "
                          f"(both read as '{name}', Unicode NFKC); rename one", **where)
    return name

def check_roles(graph: Graph) -> None:
    """Inputs have no in-edges and are listed once, outputs exist, and no node is both."""
    seen: set[str] = set()
    for node in graph.inputs:
        problem = "input listed twice" if node in seen else None
        if problem is None and graph.network.in_degree(node):
            parent = next(iter(graph.network.predecessors(node)))
            problem = f"an input must have no incoming edges (it has one from '{parent}')"
        if problem is not None:
            attrs = graph.network.nodes[node] if node in graph.network else {}
            raise SchemaError(problem, node=node, source=graph.source, line=attrs.get("line"),
                              column=attrs.get("column"))
        seen.add(node)
    listed: set[str] = set()
    for node in graph.outputs:
        check_output_node(graph.network, node, seen, listed, source=graph.source)
    if not graph.outputs:
        raise SchemaError("the graph has no outputs", source=graph.source)

def check_output_node(network: nx.MultiDiGraph, node: str, inputs: Container[str],
                      listed: set[str], **where: Any) -> None:
    """Check one output after ``listed`` (those before it), and add it there."""
    if node not in network:
        raise UnknownNameError("output is not a node of the graph", node=node, **where)
    if node in listed:
        raise SchemaError("output listed twice", node=node, **where)
    if node in inputs:
        raise SchemaError("a node cannot be both an input and an output", node=node, **where)
    listed.add(node)
