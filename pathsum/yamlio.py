"""YAML by the safe loader, keys unique and positions kept; and read_plain, the fast reader."""

from __future__ import annotations

import re
import sys
from fractions import Fraction
from itertools import chain
from typing import Any

import yaml

from .errors import PathsumError, SchemaError, YAMLSyntaxError
from .gcpause import paused_gc
from .limits import check_edges, check_listed, max_edges
from .printable import brief

__all__ = ["USED_NAME", "Located", "LocatedList", "check_edge_lines", "position", "read_plain",
           "read_yaml"]

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

def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.marks = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line, column = _mark(key_node)
        try:
            hash(key)
        except TypeError:
            raise SchemaError("a mapping key must be a plain value", source=loader.source,
                              line=line, column=column) from None
        if key in result:
            first = result.marks[key][0]
            raise SchemaError(f"duplicate key {brief(key)} (first defined on line {first})",
                              source=loader.source, line=line, column=column)
        result[key] = loader.construct_object(value_node, deep=True)
        result.marks[key] = line, column
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
    """PyYAML's constructor for ``tag``, its slips (``2024-02-30``) made located messages."""
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
    """Parse YAML text safely, keeping positions; errors name the file, line and column."""
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
    return line < len(lines) and re.match(r"[ \t]*\t", lines[line]) is not None

def position(container: Any, key: Any) -> tuple[int | None, int | None]:
    """The ``(line, column)`` of ``key`` in a located mapping or list, or ``(None, None)``."""
    marks = getattr(container, "marks", None)
    if marks is None:
        return None, None
    try:
        return marks[key]
    except (KeyError, IndexError, TypeError):
        return None, None

#: Anything YAML does not print as is, or reads as a line break (``\x85``, ``\u2028``,
#: ``\u2029``: PyYAML ends a line there, ``str.split("\n")`` does not), a lone surrogate,
#: or a comment or tab.
_UNUSUAL = re.compile("[^\n\x20-\x22\x24-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe"
                      "\uff00-\ufffd\U00010000-\U0010ffff]")
_TOP_KEY = re.compile(r"^[^\s-]", re.MULTILINE)
#: White space and the characters that start something other than a plain scalar.
_INDICATOR = r"\s\-?:,\[\]{}#&*!|>'\"%@`"
#: A plain scalar inside ``[...]``: no spaces, no flow indicators, no indicator first.
_TOKEN = rf"(?:[^{_INDICATOR}]|-[0-9.])[^\s,\[\]{{}}#:'\"]*"
#: A top-level key opening a block; the blocks read here, one edge a line, and a mapping of
#: plain scalars (no ``: `` in a value, none at its end).
_OPENS = re.compile(rf"^([^{_INDICATOR}][^\s:#]*):\n", re.MULTILINE)
_EDGE = re.compile(rf"^- \[({_TOKEN}), ({_TOKEN}), ({_TOKEN})\]$", re.MULTILINE)
_PAIR = re.compile(rf"^  ([^{_INDICATOR}][^\s:#]*): ((?:[^{_INDICATOR}]|-[^\s:])"
                   r"(?:[^:\n]++|:(?=\S))*+(?<! ))$", re.MULTILINE)

def read_plain(text: str) -> Located | None:
    """The located loader's document, its long blocks read by regular expressions (or None)."""
    if _UNUSUAL.search(text):
        return None
    blocks, kept, done = [], [], 0
    for head in _OPENS.finditer(text):
        after = _TOP_KEY.search(text, head.end())
        body = text[head.end():after.start() if after else len(text)].rstrip("\n")
        lines = body.count("\n") + 1
        if body.startswith("- ") and len(rows := _EDGE.findall(body)) == lines:
            blocks.append((head, True, rows))
        elif body.startswith("  ") and len(rows := _PAIR.findall(body)) == lines:
            blocks.append((head, False, rows))
        else:
            continue
        kept += [text[done:head.end()], "\n" * (lines - 1)]  # the same lines, left blank
        done = head.end() + len(body)
    tokens = list(dict.fromkeys(chain.from_iterable(chain.from_iterable(r for *_, r in blocks))))
    try:
        document = read_yaml("".join(kept) + text[done:])
        read = read_yaml("".join(f"- {token}\n" for token in tokens)) or []
    except PathsumError:
        return None
    value = dict(zip(tokens, read, strict=True))
    if not isinstance(document, Located):
        return None
    for head, edges, rows in blocks:  # each a top-level key whose value was left blank
        key, line = head[1], text.count("\n", 0, head.start()) + 1
        if document.get(key, 0) is not None or document.marks[key][0] != line:
            return None
        if edges:
            document[key] = LocatedList([[value[u], value[v], value[p]] for u, v, p in rows])
            document[key].marks = [(line + 1 + k, 3) for k in range(len(rows))]
        else:
            document[key] = {value[k]: value[v] for k, v in rows}
            if len(document[key]) != len(rows):  # a duplicate key
                return None
    return document

#: A name a formula uses: an identifier that is not part of a number (``1e5``) or an
#: attribute, and is not called (``sin(``). Exact for every formula the whitelist takes.
USED_NAME = r"(?<![\w.])[^\W\d]\w*+(?!\s*\()"
#: An edge as pathsum writes it, one a line: ``- [u, v, 0.5]``.
_EDGE_LINE = re.compile(r"^(?= *- \[[^\n\[\]{}#&*!'\"]*\]$)", re.MULTILINE)
#: A formula node on its line whose formula (before any comment) uses a name but pi.
_NAMING_LINE = re.compile(rf"^(?= +[^\s:#]+: [^#\n]*?(?!pi\b){USED_NAME})", re.MULTILINE)

def check_edge_lines(text: str, source: str) -> None:
    """Refuse text of too many edges from its lines, before a reader spends its gigabytes."""
    if text.count("\n") <= max_edges():
        return
    edges, line = _counted(text, "edges", _EDGE_LINE)
    check_listed(edges, source=source, line=line, column=1)
    named, line = _counted(text, "nodes", _NAMING_LINE)
    check_edges(named, "the formulas", at_least=True, source=source, line=line, column=1)

def _counted(text: str, key: str, pattern: re.Pattern[str]) -> tuple[int, int]:
    """The lines matching ``pattern`` under top-level ``key:``, and that key's line, or 0, 0."""
    start = ("\n" + text).find(f"\n{key}:\n")  # the key's own position in text
    if start < 0:
        return 0, 0
    body = start + len(key) + 2
    after = _TOP_KEY.search(text, body)
    count = len(pattern.findall(text, body, after.start() if after else len(text)))
    return count, text.count("\n", 0, start) + 1
