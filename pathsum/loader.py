"""Loading graph files (DESIGN §2): text goes through a fast reader where it can (yamlplain,
or json for a ``.json`` file), else, or at any problem, through the located YAML reading,
which names the line; :mod:`pathsum.document` and the two dialects check what it says."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import arguments
from .arith import arithmetic
from .document import Document
from .edge_dialect import read_edges
from .errors import InputTypeError, PathsumError, SchemaError, TooLargeError, UsageError
from .files import missing_reason, os_problem
from .formula_dialect import evaluate, read_formulas
from .gcpause import paused_gc
from .graph import Graph, assemble, topological_order
from .limits import read_limited
from .printable import encodable
from .yamlio import read_yaml
from .yamlplain import check_edge_lines, read_plain

__all__ = ["build", "default_name", "load", "loads"]


def default_name(path: str) -> str:
    """The name of a graph whose file gives none: its stem, with non-UTF-8 bytes escaped."""
    return encodable(Path(path).stem)


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
        New values for inputs (formula dialect) or symbols (edge dialect), by name.
    arith : {"float", "exact", "symbolic"}
        The arithmetic of values and partials (DESIGN §8).

    Returns
    -------
    Graph

    Raises
    ------
    GraphError
        If the file breaks a rule of the format, naming the file, line, rule and node.
    InputTypeError, OverrideError, UsageError
        For a ``path`` that is neither a path nor a mapping, a bad override, an empty path.

    Examples
    --------
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
    return _from_text(text, origin, default_name(origin), overrides, arith,
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

    Raises
    ------
    GraphError
        If the text breaks a rule of the format, naming the line and node.
    InputTypeError
        If ``text`` is not a str or bytes (a path object is: use :func:`load`).

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
            raise SchemaError(f"not UTF-8 text ({err.reason} at byte {err.start})",
                              source=source) from None
    if not isinstance(text, str):
        hint = " (for a file, use pathsum.load(path))" if isinstance(text, os.PathLike) else ""
        raise InputTypeError(f"loads() takes YAML or JSON text (str or bytes), not "
                             f"{type(text).__name__}{hint}")
    return _from_text(text, source, name, overrides, arith)


def _from_text(text: str, origin: str, name: str, overrides: Mapping[str, Any] | None,
               arith: str, *, json_file: bool = False) -> Graph:
    # Too many edges is refused first, by counting lines.
    try:
        check_edge_lines(text)
    except TooLargeError as err:
        raise err.located(origin) from None
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
    """A ``.json`` file by the json module, some 20 times faster than as YAML; None at what
    it refuses, so that the YAML reading names the line."""
    try:
        return json.loads(text, object_pairs_hook=_unique_keys)
    except (ValueError, RecursionError):
        return None


def _load_plain(data: Any, origin: str, name: str,
                overrides: Mapping[str, float] | None) -> Graph | None:
    """The graph of a document read by a fast reader, which keeps few or no positions; None
    at any problem, so that the located reading names it."""
    if data is None:
        return None
    try:
        return build(data, origin=origin, default_name=name, overrides=overrides)
    except TooLargeError:
        raise  # counted already: a second reading would only spend minutes to say the same
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
    """Validate a parsed document and build its :class:`Graph` (``arith`` as for :func:`load`)."""
    overrides = arguments.mapping(overrides, "overrides", "a mapping of name: number")
    numbers = arithmetic(arith)
    try:
        return _graph(Document(data, origin, default_name, overrides or {}, numbers))
    except PathsumError as err:
        raise err.located(origin) from None


def _graph(doc: Document) -> Graph:
    name, description = doc.header()
    if "nodes" in doc.data:
        if "symbols" in doc.data:
            raise SchemaError("'symbols' belongs to the edges dialect; formulas use numbers",
                              **doc.at(doc.data, "symbols"))
        inputs, values, formulas = read_formulas(doc)
        symbols = None
    else:
        inputs, symbols = read_edges(doc)
        values = None
    outputs = doc.outputs(set(inputs))
    order = topological_order(doc.network, source=doc.origin,
                              edges=doc.edge_lists and doc.edge_lists[:2])
    if values is not None:
        evaluate(doc, order, values, formulas)
    graph = assemble(doc.network, inputs, outputs, name=name, values=values, symbols=symbols,
                     description=description, source=doc.origin, order=order,
                     arith=doc.arith.name)
    graph.edge_lists = doc.edge_lists
    return graph
