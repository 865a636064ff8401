"""Loading graph files (DESIGN §2): a fast reader where it can, else the located YAML reading."""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import arguments
from .arith import arithmetic
from .document import Document, evaluate, read_edges, read_formulas
from .errors import InputTypeError, PathsumError, SchemaError, TooLargeError, UsageError
from .files import missing_reason, os_problem
from .gcpause import paused_gc
from .graph import Graph, assemble, topological_order
from .limits import read_limited
from .printable import encodable
from .yamlio import check_edge_lines, read_plain, read_yaml

__all__ = ["build", "default_name", "load", "loads"]

def default_name(path: str) -> str:
    """The name of a graph whose file gives none: its stem, with non-UTF-8 bytes escaped."""
    return encodable(Path(path).stem)

@paused_gc()
def load(path: str | os.PathLike[str] | Mapping[str, Any], *,
         overrides: Mapping[str, Any] | None = None, arith: str = "float") -> Graph:
    """Load a graph from a YAML or JSON file (a string is always a path), or a mapping.

    Parameters
    ----------
    path : str, os.PathLike or mapping
        A ``.yaml``/``.yml``/``.json`` file, or a mapping in the same format.
    overrides : mapping, optional
        New values of inputs (formula dialect) or symbols (edge dialect), by name.
    arith : {"float", "exact", "symbolic"}
        The arithmetic of values and partials (DESIGN §8).

    Examples
    --------
    >>> load({"inputs": {"a": 2, "b": 1}, "nodes": {"c": "a * b"}}).values["c"]
    2.0
    """
    if isinstance(path, Mapping):
        return build(path, overrides=overrides, arith=arith)
    if not isinstance(path, str | os.PathLike):
        said = "bytes; for YAML or JSON text, use pathsum.loads(text)" \
            if isinstance(path, bytes | bytearray) else type(path).__name__
        raise InputTypeError("load() takes a file path (str or os.PathLike) or a mapping, not "
                             f"{said}")
    origin = os.fspath(path)
    if not isinstance(origin, str):
        raise InputTypeError("load() takes a str path, not a bytes one: decode it first")
    if not origin:
        raise UsageError("load(''): an empty path names no file")
    try:
        with open(origin, "rb") as handle:
            text = read_limited(handle).decode("utf-8")
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
        raise _not_utf8(err, origin) from None
    except OSError as err:
        problem = os_problem(err)
        said = problem if err.errno == errno.ELOOP else f"cannot read file ({problem})"
        raise SchemaError(said, source=origin) from None
    return _from_text(text, origin, default_name(origin), overrides, arith,
                      json_file=Path(origin).suffix.lower() == ".json")

@paused_gc()
def loads(text: str | bytes, *, source: str = "<string>", name: str = "graph",
          overrides: Mapping[str, Any] | None = None, arith: str = "float") -> Graph:
    """Load a graph from YAML or JSON text (bytes: UTF-8), ``source`` naming it in messages
    and ``name`` its name if it gives none; ``overrides`` and ``arith`` as for :func:`load`.

    Examples
    --------
    >>> loads("inputs: {a: 0.1}\\nnodes: {b: 3 * a}\\n", arith="exact").values["b"]
    Fraction(3, 10)
    """
    arguments.text(source, "source")
    arguments.text(name, "name")
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise _not_utf8(err, source) from None
    if not isinstance(text, str):
        hint = " (for a file, use pathsum.load(path))" if isinstance(text, os.PathLike) else ""
        raise InputTypeError(f"loads() takes YAML or JSON text (str or bytes), not "
                             f"{type(text).__name__}{hint}")
    return _from_text(text, source, name, overrides, arith)

def _not_utf8(err: UnicodeDecodeError, source: str) -> SchemaError:
    return SchemaError(f"not UTF-8 text ({err.reason} at byte {err.start})", source=source)

def _from_text(text: str, origin: str, name: str, overrides: Mapping[str, Any] | None,
               arith: str, *, json_file: bool = False) -> Graph:
    check_edge_lines(text, origin)  # too many edges is refused first, by counting lines
    if arith == "float":
        # A fast reader keeps few or no positions: at any problem, the located reading
        # names it. json is some 20 times faster than YAML.
        data = None
        with contextlib.suppress(ValueError, RecursionError):
            data = (json.loads(text, object_pairs_hook=_unique_keys) if json_file else
                    read_plain(text))
        try:
            if data is not None:
                return build(data, origin=origin, default_name=name, overrides=overrides)
        except TooLargeError:
            raise  # counted already: a second reading would only spend minutes to say the same
        except PathsumError:
            pass
    return build(read_yaml(text, origin, exact=arith != "float"), origin=origin,
                 default_name=name, overrides=overrides, arith=arith)

def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise ValueError("duplicate key")  # the YAML reading names it
    return mapping

@paused_gc()
def build(data: Any, *, origin: str = "<mapping>", default_name: str = "graph",
          overrides: Mapping[str, Any] | None = None, arith: str = "float") -> Graph:
    """Validate a parsed document and build its :class:`Graph` (``arith`` as for :func:`load`)."""
    overrides = arguments.mapping(overrides, "overrides", "a mapping of name: number")
    numbers = arithmetic(arith)
    try:
        doc = Document(data, origin, default_name, overrides or {}, numbers)
        name, description = doc.header()
        values = symbols = None
        if "nodes" in doc.data:
            if "symbols" in doc.data:
                raise SchemaError("'symbols' belongs to the edges dialect; formulas use "
                                  "numbers", **doc.at(doc.data, "symbols"))
            inputs, values, formulas = read_formulas(doc)
        else:
            inputs, symbols = read_edges(doc)
        outputs = doc.outputs(set(inputs))
        order = topological_order(doc.network, source=origin,
                                  edges=doc.edge_lists and doc.edge_lists[:2])
        if values is not None:
            evaluate(doc, order, values, formulas)
        graph = assemble(doc.network, inputs, outputs, name=name, values=values,
                         symbols=symbols, description=description, source=origin, order=order,
                         arith=doc.arith.name)
    except PathsumError as err:
        raise err.located(origin) from None
    graph.edge_lists = doc.edge_lists
    return graph
