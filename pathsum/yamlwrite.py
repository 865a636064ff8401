"""The YAML writer: documents out in exactly the shapes the fast reader (read_plain) takes."""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from . import arguments
from .errors import InputTypeError

__all__ = ["to_yaml"]

_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

class _FlowDumper(_Dumper):
    """Block mappings; short lists of scalars (edges, inputs, outputs) on one line."""

def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    flat = all(isinstance(item, str | int | float | bool) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)

_FlowDumper.add_representer(list, _represent_list)
_FlowDumper.add_representer(tuple, _represent_list)

def to_yaml(document: dict[str, Any]) -> str:
    """Write a document (a mapping of str, numbers, lists and mappings) as pathsum YAML:
    keys in order, Unicode as is, one edge a line.

    Examples
    --------
    >>> print(to_yaml({"inputs": ["x"], "edges": [["x", "y", 1e-05], ["x", "null", "α"]]}))
    inputs: [x]
    edges:
    - [x, y, 1.0e-05]
    - [x, 'null', α]
    <BLANKLINE>
    """
    document = arguments.mapping(document, "document", "a mapping (a graph document)",
                                 optional=False)
    parts = []
    for key, value in document.items():
        fast = _edges_yaml(value) if key == "edges" else None
        try:
            parts.append(f"{key}:\n{fast}" if fast is not None else _dump({key: value}))
        except yaml.representer.RepresenterError as err:
            held = type(err.args[1]).__name__ if len(err.args) > 1 else "value"
            raise InputTypeError(f"document[{key!r}] must hold only str, numbers, lists and "
                                 f"mappings, not {held}") from None
    return "".join(parts)

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_RESOLVER = yaml.resolver.Resolver()

def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_FlowDumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1_000_000)

def _edges_yaml(edges: Any) -> str | None:
    """``- [u, v, partial]`` lines as PyYAML writes them, many times faster (or None)."""
    if not isinstance(edges, list) or not edges:
        return None
    scalars: dict[Any, str] = {}

    def scalar(value: Any) -> str:
        if value in scalars:
            return scalars[value]
        if type(value) is float and math.isfinite(value):
            text = repr(value).lower()  # as SafeRepresenter.represent_float writes it
            if "." not in text and "e" in text:
                text = text.replace("e", ".0e", 1)
            return text
        if type(value) is int:
            return str(value)
        if _PLAIN.fullmatch(value) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) \
                == "tag:yaml.org,2002:str":
            scalars[value] = value
            return value
        text = _dump([value])  # anything else is rendered by PyYAML itself, once
        if not (text.startswith("[") and text.endswith("]\n")) or "\n" in text[:-1]:
            raise ValueError(value)
        scalars[value] = text[1:-2]
        return scalars[value]

    lines = []
    try:
        for edge in edges:
            u, v, p = edge
            if not (type(edge) is list and type(u) is str and type(v) is str
                    and type(p) in (str, int, float)):
                return None
            lines.append(f"- [{scalar(u)}, {scalar(v)}, {scalar(p)}]\n")
    except (ValueError, TypeError):
        return None
    return "".join(lines)
