"""A strict, fast reader of exactly the YAML shapes pathsum writes (issue 11), several times
faster than libyaml on a million edges; at anything else it returns None and the located
loader reads the text. A scalar's meaning is PyYAML's own resolver's."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import TooLargeError
from .limits import check_edges, check_listed, max_edges
from .yamlio import Located, LocatedList

__all__ = ["USED_NAME", "check_edge_lines", "read_plain"]

_RESOLVER = yaml.resolver.Resolver()
_STR, _INT, _FLOAT = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float"))
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?[0-9]*\.[0-9]*(?:[eE][-+][0-9]+)?")
#: A plain scalar inside ``[...]``: no spaces, no flow indicators, no indicator first.
_FLOW_TOKEN = re.compile(r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`]|-[0-9.])[^\s,\[\]{}#:'\"]*")
#: Characters that start something other than a plain scalar in block context.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_KEY = re.compile(r"([^\s\-?:,\[\]{}#&*!|>'\"%@`][^\s:#]*)(?::|: (.*))")
#: Anything YAML does not print as is, or reads as a line break (``\x85``, ``\u2028``,
#: ``\u2029``: PyYAML ends a line there, ``str.split("\n")`` does not), a lone surrogate,
#: or a comment or tab.
_UNUSUAL = re.compile("[^\n\x20-\x22\x24-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe"
                      "\uff00-\ufffd\U00010000-\U0010ffff]")


class _GiveUp(Exception):
    """The text has a shape this reader does not take."""


def read_plain(text: str) -> Located | None:
    """The document (its top level and edge lists located, as the located loader gives
    them) if ``text`` has only the shapes pathsum writes; else None."""
    if _UNUSUAL.search(text):
        return None
    try:
        return _Reader(text.split("\n")).document()
    except _GiveUp:
        return None


#: A name a formula uses: an identifier that is not part of a number (``1e5``) or an
#: attribute, and is not called (``sin(``). Exact for every formula the whitelist takes.
USED_NAME = r"(?<![\w.])[^\W\d]\w*+(?!\s*\()"
#: An edge as pathsum writes it, one a line: ``- [u, v, 0.5]``; a top-level key's line.
_EDGE_LINE = re.compile(r"^(?= *- \[[^\n\[\]{}#&*!'\"]*\]$)", re.MULTILINE)
_TOP_KEY = re.compile(r"^[^\s-]", re.MULTILINE)
#: A formula node on its line whose formula (before any comment) uses a name but pi.
_NAMING_LINE = re.compile(rf"^(?= +[^\s:#]+: [^#\n]*?(?!pi\b){USED_NAME})", re.MULTILINE)


def check_edge_lines(text: str) -> None:
    """Refuse text of more edges than ``max_edges()``, counted from its lines before any
    reader spends seconds and gigabytes: one-line edges, or formulas that name something."""
    if text.count("\n") <= max_edges():
        return
    edges, line = _counted(text, "edges", _EDGE_LINE)
    check_listed(edges, line=line, column=1)
    named, line = _counted(text, "nodes", _NAMING_LINE)
    try:
        check_edges(named, "the formulas", at_least=True)
    except TooLargeError as err:
        raise err.located(None, line, 1) from None


def _counted(text: str, key: str, pattern: re.Pattern[str]) -> tuple[int, int]:
    """The lines matching ``pattern`` in the block under top-level ``key:``, and the line of
    that key; ``(0, 0)`` where there is none."""
    head = f"{key}:\n"
    if text.startswith(head):
        start = 0
    else:
        start = text.find(f"\n{head}") + 1
        if not start:
            return 0, 0
    body = start + len(head)
    after = _TOP_KEY.search(text, body)
    count = len(pattern.findall(text, body, after.start() if after else len(text)))
    return count, text.count("\n", 0, start) + 1


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.scalars: dict[str, Any] = {}
        self.flow_scalars: dict[str, Any] = {}

    def document(self) -> Located:
        lines, result = self.lines, Located()
        result.marks = {}
        i = 0
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            match = _KEY.fullmatch(line)
            if match is None or line.endswith(" "):
                raise _GiveUp
            key, value = self.key(match.group(1)), match.group(2) or ""
            if key in result:
                raise _GiveUp
            result.marks[key] = (i + 1, 1)
            if value:
                result[key] = self.value(value, top=True)
                i += 1
            else:
                result[key], i = self.block(i + 1)
        if not result:
            raise _GiveUp
        return result

    def key(self, token: str) -> str:
        if self.scalar(token) != token:
            raise _GiveUp
        return token

    def block(self, i: int) -> tuple[Any, int]:
        """The block list or mapping starting on line ``i``, None if neither does."""
        lines = self.lines
        while i < len(lines) and not lines[i].strip():
            i += 1
        if i == len(lines) or not lines[i].startswith((" ", "-")):
            return None, i
        line = lines[i]
        indent = len(line) - len(line.lstrip(" "))
        if line.startswith("- ", indent):
            return self.sequence(i, indent)
        if indent == 0:
            raise _GiveUp
        return self.mapping(i, indent)

    def sequence(self, i: int, indent: int) -> tuple[LocatedList, int]:
        lines, items, marks = self.lines, LocatedList(), []
        prefix = " " * indent + "- "
        column = indent + 3
        flow, scalar = self.flow, self.value
        while i < len(lines):
            line = lines[i]
            if not line.startswith(prefix):
                if line.strip() and line.startswith(" " * (indent + 1)):
                    raise _GiveUp  # more indented: a multi-line item
                if not line.strip() and i + 1 < len(lines) and lines[i + 1].startswith(prefix):
                    i += 1
                    continue
                break
            body = line[indent + 2:]
            if not body:
                raise _GiveUp
            items.append(flow(body) if body.startswith("[") else scalar(body))
            marks.append((i + 1, column))
            i += 1
        items.marks = marks
        return items, i

    def mapping(self, i: int, indent: int) -> tuple[dict[str, Any], int]:
        lines, result = self.lines, {}
        prefix = " " * indent
        while i < len(lines):
            line = lines[i]
            if not line.strip():
                i += 1
                continue
            if not line.startswith(prefix):
                break
            match = _KEY.fullmatch(line, indent)
            if match is None or line.endswith(" ") or not match.group(2):
                raise _GiveUp
            key = self.key(match.group(1))
            if key in result:
                raise _GiveUp
            result[key] = self.value(match.group(2))
            i += 1
        return result, i

    def value(self, text: str, top: bool = False) -> Any:
        """A flow list, a one-line single-quoted string (top level only) or a plain scalar."""
        if text.startswith(" "):
            raise _GiveUp
        if text.startswith("["):
            return self.flow(text)
        if top and text.startswith("'") and text.endswith("'") and len(text) > 1:
            inner = text[1:-1]
            if "'" in inner.replace("''", ""):
                raise _GiveUp
            return inner.replace("''", "'")
        if text[0] in _INDICATORS and not (text[0] == "-" and len(text) > 1
                                           and text[1] not in " "):
            raise _GiveUp
        if ": " in text or text.endswith((":", " ")):
            raise _GiveUp
        return self.scalar(text)

    def flow(self, text: str) -> list[Any]:
        """``[a, b, c]`` of plain scalars, on one line."""
        if not text.endswith("]"):
            raise _GiveUp
        inner = text[1:-1]
        if not inner.strip():
            if inner:
                raise _GiveUp
            return []
        tokens = inner.split(", ")
        # Tokens seen in a flow list before are known good there (a block scalar may hold
        # commas, so the two contexts keep apart).
        seen, scalar = self.flow_scalars, self.scalar
        items = []
        for token in tokens:
            value = seen.get(token)
            if value is None:
                if not _FLOW_TOKEN.fullmatch(token):
                    raise _GiveUp
                value = seen[token] = scalar(token)
            items.append(value)
        return items

    def scalar(self, token: str) -> Any:
        """A plain scalar's value, as PyYAML gives it, if a string or a decimal number."""
        known = self.scalars.get(token)
        if known is not None:
            return known
        tag = _RESOLVER.resolve(yaml.ScalarNode, token, (True, False))
        if tag == _STR:
            value: Any = token
        elif tag == _INT and _DECIMAL_INT.fullmatch(token):
            try:
                value = int(token)
            except ValueError:  # beyond Python's digit limit: the located reading says so
                raise _GiveUp from None
        elif tag == _FLOAT and _DECIMAL_FLOAT.fullmatch(token):
            value = float(token)
        else:
            raise _GiveUp
        self.scalars[token] = value
        return value
