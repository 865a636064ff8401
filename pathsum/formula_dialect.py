"""The formula dialect (DESIGN §2): inputs with values, and nodes defined by formulas whose
partials come from the rule table at the inputs' values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .document import Document
from .errors import (
    FormulaError,
    NotFiniteError,
    OverrideError,
    SchemaError,
    TooLargeError,
    UnknownNameError,
)
from .formula import Formula, parse_formula
from .graph import add_edges
from .limits import check_edges, max_edges
from .yamlplain import USED_NAME

__all__ = ["evaluate", "read_formulas"]


def read_formulas(doc: Document) -> tuple[list[str], dict[str, Any], dict[str, Formula]]:
    """Read a formula-dialect document's inputs and formulas into its network, an edge from
    each name a formula uses; return the inputs, their values (overrides applied) and the
    parsed formulas, in file order. The partials come later, from :func:`evaluate`."""
    symbolic = doc.arith.name == "symbolic"  # inputs listed without values: symbols
    raw_inputs = doc.section("inputs", (Mapping, list) if symbolic else (Mapping,),
                             "a mapping of name: value in the nodes dialect (e.g. "
                             "inputs: {a: 2})")
    nodes = doc.section("nodes", (Mapping,), "a mapping of name: formula")
    values: dict[str, Any] = {}
    inputs = []
    listed = isinstance(raw_inputs, list)
    for i, raw in enumerate(raw_inputs):
        name = doc.add_input(raw_inputs, i if listed else raw, raw)
        values[name] = (doc.arith.symbol(name) if listed else
                        doc.number(raw_inputs[raw], "input value", raw_inputs, raw,
                                   node=name))
        inputs.append(name)
    for name in doc.overrides:
        if name not in values:
            raise OverrideError(name, f"not an input of this graph (inputs: {', '.join(values)})")
    for name, value in doc.overrides.items():
        values[name] = doc.override(name, value)
    _count_edges(doc, nodes)
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


def _count_edges(doc: Document, nodes: Mapping[Any, Any]) -> None:
    """Refuse formulas using more edges than ``max_edges()``, counted from their text:
    parsing two million formulas first would take minutes."""
    most = max_edges()
    texts = [text for text in nodes.values() if isinstance(text, str)]
    if sum(map(len, texts)) <= most:  # each name takes a character at least
        return
    find = _USED.findall
    count = sum(len(set(find(text)) - {"pi"}) for text in texts)
    try:
        check_edges(count, "the formulas")
    except TooLargeError as err:
        raise err.located(**doc.at(doc.data, "nodes")) from None


def evaluate(doc: Document, order: list[str], values: dict[str, Any],
             formulas: dict[str, Formula]) -> None:
    """Evaluate the formulas in ``order``: each node's value into ``values`` and onto its
    node, each partial onto its edge; errors name the node and line."""
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
