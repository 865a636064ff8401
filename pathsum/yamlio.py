"""YAML reading through the safe loader, with duplicate keys refused and positions kept."""

from __future__ import annotations

import sys
from fractions import Fraction
from typing import Any

import yaml

from .errors import SchemaError, YAMLSyntaxError
from .gcpause import paused_gc
from .printable import brief

__all__ = ["Located", "LocatedList", "position", "read_yaml"]

# libyaml's C parser is many times faster on large generated graphs; the pure-Python
# one gives the same results where libyaml is missing.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Located(dict):
    """A mapping that remembers the 1-based ``(line, column)`` of each key."""

    marks: dict[Any, tuple[int, int]]


class LocatedList(list):
    """A sequence that remembers the 1-based ``(line, column)`` of each item."""

    marks: list[tuple[int, int]]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Loader(_Base):  # type: ignore[misc,valid-type]
    source = "<string>"

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._tags: dict[tuple[Any, Any], str] = {}

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        # Node names and partials repeat throughout a graph: resolve each spelling once.
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._tags.get(key)
        if tag is None:
            tag = self._tags[key] = super().resolve(kind, value, implicit)
        return tag


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.marks = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            line, column = _mark(key_node)
            raise SchemaError("a mapping key must be a plain value", source=loader.source,
                              line=line, column=column) from None
        if key in result:
            line, column = _mark(key_node)
            first = result.marks[key][0]
            raise SchemaError(f"duplicate key {brief(key)} (first defined on line {first})",
                              source=loader.source, line=line, column=column)
        result[key] = loader.construct_object(value_node, deep=True)
        result.marks[key] = _mark(key_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(_construct_item(loader, child) for child in node.value)
    result.marks = [_mark(child) for child in node.value]
    return result


def _construct_item(loader: _Loader, node: yaml.Node) -> Any:
    # A plain scalar (a name or number in an edge) goes straight to its constructor: the
    # general bookkeeping is for containers and costs more than the scalar itself.
    if type(node) is yaml.ScalarNode:
        constructor = loader.yaml_constructors.get(node.tag)
        if constructor is not None:
            return constructor(loader, node)
    return loader.construct_object(node, deep=True)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)

#: What each scalar tag is called in a message.
_SCALARS = {"null": "null", "bool": "a boolean", "int": "an integer", "float": "a number",
            "timestamp": "a date", "binary": "base64 data"}


def _guarded(tag: str, what: str) -> Any:
    """PyYAML's constructor for ``tag``, its slips (``2024-02-30``, ``!!int abc``, too many
    digits) made into one located message instead of a traceback."""
    construct = _Base.yaml_constructors[tag]

    def constructor(loader: _Loader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as err:
            text = str(node.value)
            shown = text if len(text) <= 40 else f"{text[:20]}…{text[-10:]} ({len(text)} characters)"
            line, column = _mark(node)
            raise SchemaError(f"{shown!r} is not {what}{_why(err, text)}", source=loader.source,
                              line=line, column=column) from None

    return constructor


def _why(err: Exception, text: str) -> str:
    said = str(err)
    if "integer string conversion" in said:
        digits = sum(c.isdigit() for c in text)
        return f" (it has {digits} digits; Python reads at most {sys.get_int_max_str_digits()})"
    if isinstance(err, ValueError) and "out of range" in said:  # 2024-02-30, 2024-13-01
        return f" ({said})"
    return ""


for _tag, _what in _SCALARS.items():
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _guarded(f"tag:yaml.org,2002:{_tag}", _what))


class _ExactLoader(_Loader):
    """Reads a float as the :class:`~fractions.Fraction` its text says (``0.1`` is 1/10)."""


def _construct_exact(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return Fraction(node.value.replace("_", ""))
    except ValueError:  # .inf, .nan, 1:30.5: the float reading (the loader rejects the first two)
        return loader.construct_yaml_float(node)


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_exact)


def read_yaml(text: str, source: str = "<string>", *, exact: bool = False) -> Any:
    """Parse YAML text safely (no tags that build objects, no duplicate keys), keeping
    positions; YAMLSyntaxError names the file, line and column of a problem."""
    loader = None
    try:
        loader = (_ExactLoader if exact else _Loader)(text)
        loader.source = source
        with paused_gc():
            return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "invalid YAML"
        if "nesting depth" in problem:
            # libyaml 0.2.6+ limits depth itself; older builds end in RecursionError below.
            problem = "nested too deeply"
        if "another document" in problem:  # a second '---' document in the stream
            problem = "a second document; a file holds one graph (one YAML document)"
        if mark and _tab_indented(text, mark.line):
            problem = "a tab in the indentation; YAML indentation must use spaces"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YAMLSyntaxError(f"invalid YAML: {problem}", source=source, line=line,
                              column=column) from None
    except yaml.YAMLError as err:
        raise YAMLSyntaxError(f"invalid YAML: {err}", source=source) from None
    except RecursionError:
        raise YAMLSyntaxError("invalid YAML: nested too deeply", source=source) from None
    except UnicodeEncodeError as err:  # libyaml takes UTF-8: a lone surrogate ("\ud800")
        at = err.start
        raise YAMLSyntaxError(f"invalid YAML: a lone surrogate ({err.object[at]!a}) is not "
                              "text", source=source, line=text.count("\n", 0, at) + 1,
                              column=at - text.rfind("\n", 0, at)) from None
    finally:
        if loader is not None:
            loader.dispose()


def _tab_indented(text: str, line: int) -> bool:
    # PyYAML says only "found character that cannot start any token" at a tab indent
    lines = text.split("\n", line + 1)
    if line >= len(lines):
        return False
    here = lines[line]
    return "\t" in here[:len(here) - len(here.lstrip(" \t"))]


def position(container: Any, key: Any) -> tuple[int | None, int | None]:
    """The ``(line, column)`` of ``key`` in a located mapping or list, or ``(None, None)``."""
    marks = getattr(container, "marks", None)
    if marks is None:
        return None, None
    try:
        return marks[key]
    except (KeyError, IndexError, TypeError):
        return None, None
