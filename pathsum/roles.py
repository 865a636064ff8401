"""The names and roles of a graph's nodes (DESIGN §2): names are identifiers Python reads
as written, inputs have no incoming edges, outputs are nodes listed once, and no node is both.

Loading checks each output where the file lists it (:func:`check_output_node`);
:func:`~pathsum.graph.assemble` checks every graph, however it was built, with
:func:`check_roles`.
"""

from __future__ import annotations

import keyword
import unicodedata
from collections.abc import Container
from typing import TYPE_CHECKING, Any

from .errors import SchemaError, UnknownNameError
from .printable import brief
from .rules import RESERVED

if TYPE_CHECKING:
    import networkx as nx

    from .graph import Graph

__all__ = ["check_name", "check_output_node", "check_roles", "spelled_once"]


def check_name(name: object, what: str, *, source: str | None = None, line: int | None = None,
               column: int | None = None) -> str:
    """Return ``name`` as Python reads it (Unicode NFKC), if it is a valid node name.

    Python folds identifiers to NFKC, so in a formula the fullwidth ``ａ`` *is* ``a``; names
    are kept in that form so that a formula finds the node it names. Reserved names are
    refused in any form.

    Raises
    ------
    SchemaError
        If ``name`` is not an identifier, is a keyword, or reads as a reserved name.

    Examples
    --------
    >>> check_name("α", "input"), check_name("ａ", "input")
    ('α', 'a')
    >>> check_name("ｓｉｎ", "node")
    Traceback (most recent call last):
    ...
    pathsum.errors.SchemaError: node name 'ｓｉｎ' is reserved (it reads as 'sin', a function name or pi)
    """
    where = {"source": source, "line": line, "column": column}
    if not isinstance(name, str):
        raise SchemaError(f"{what} name {brief(name)} must be an identifier, not "
                          f"{type(name).__name__}", **where)
    folded = unicodedata.normalize("NFKC", name)
    if not name.isidentifier() or not folded.isidentifier() or keyword.iskeyword(folded):
        raise SchemaError(f"{what} name {brief(name)} is not a valid identifier", **where)
    if folded in RESERVED:
        said = "" if folded == name else f" (it reads as '{folded}', a function name or pi)"
        raise SchemaError(f"{what} name '{name}' is reserved{said or ' (a function name or pi)'}",
                          **where)
    return folded


def spelled_once(raw: object, what: str, spelled: dict[str, str], *, defines: bool = True,
                 **where: Any) -> str:
    """:func:`check_name`, and one spelling per name: return ``raw`` as Python reads it.

    ``spelled`` maps each name met so far, as Python reads it, to its first spelling; a node
    ``ａ`` after a node ``a`` would be a second node that formulas can never name, and a file
    holding both would not load back. With ``defines`` False, ``raw`` names a node met
    before (an output) and is not recorded.

    Raises
    ------
    SchemaError
        For a bad name, or a second spelling of a name met before.

    Examples
    --------
    >>> spelled = {}
    >>> spelled_once("x", "node", spelled), spelled_once("x", "node", spelled)
    ('x', 'x')
    >>> spelled_once("ｘ", "node", spelled)
    Traceback (most recent call last):
    ...
    pathsum.errors.SchemaError: node name 'ｘ' and 'x' are the same name to Python (both read as 'x', Unicode NFKC); rename one
    """
    name = check_name(raw, what, **where)
    first = spelled.setdefault(name, raw) if defines else spelled.get(name, raw)  # type: ignore[arg-type]
    if first != raw:
        raise SchemaError(f"{what} name '{raw}' and '{first}' are the same name to Python "
                          f"(both read as '{name}', Unicode NFKC); rename one", **where)
    return name


def check_roles(graph: Graph) -> None:
    """Inputs have no in-edges, outputs exist, and no node is both (DESIGN §2).

    Raises
    ------
    SchemaError
        Naming the node at fault (or saying that the graph has no outputs).
    UnknownNameError
        For an output that is not a node.

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> from_edges([("x", "y", 2.0)], inputs=["y"])
    Traceback (most recent call last):
    ...
    pathsum.errors.SchemaError: node 'y': an input must have no incoming edges (it has one from 'x')
    """
    where = {"source": graph.source}
    seen: set[str] = set()
    for node in graph.inputs:
        attrs = graph.network.nodes[node] if node in graph.network else {}
        at = {"line": attrs.get("line"), "column": attrs.get("column")}
        if node in seen:
            raise SchemaError("input listed twice", node=node, **at, **where)
        seen.add(node)
        if graph.network.in_degree(node):
            parent = next(iter(graph.network.predecessors(node)))
            raise SchemaError(f"an input must have no incoming edges (it has one from '{parent}')",
                              node=node, **at, **where)
    listed: set[str] = set()
    for node in graph.outputs:
        check_output_node(graph.network, node, seen, listed, **where)
    if not graph.outputs:
        raise SchemaError("the graph has no outputs", **where)


def check_output_node(network: nx.MultiDiGraph, node: str, inputs: Container[str],
                      listed: set[str], **where: Any) -> None:
    """Check one output, after ``listed`` (those before it), and add it there.

    It must be a node of ``network``, listed once, and not one of ``inputs``.

    Raises
    ------
    UnknownNameError
        If ``node`` is not in ``network``.
    SchemaError
        If it is listed twice, or is an input; at ``where`` (source, line, column).

    Examples
    --------
    >>> from pathsum.graph import from_edges
    >>> g = from_edges([("x", "y", 2.0)], inputs=["x"])
    >>> check_output_node(g.network, "x", {"x"}, set(), source="g.yaml", line=3)
    Traceback (most recent call last):
    ...
    pathsum.errors.SchemaError: g.yaml, line 3: node 'x': a node cannot be both an input and an output
    """
    if node not in network:
        raise UnknownNameError("output is not a node of the graph", node=node, **where)
    if node in listed:
        raise SchemaError("output listed twice", node=node, **where)
    if node in inputs:
        raise SchemaError("a node cannot be both an input and an output", node=node, **where)
    listed.add(node)
