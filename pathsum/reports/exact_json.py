"""JSON output: plain ``json``, exact integers, no rich."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..display import unlimited_digits
from ..pathnames import PathNames
from ..printable import json_escaped

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..explain import PathSum

__all__ = ["dumps", "sums_field", "with_sums"]


def dumps(record: Any, *, indent: int | None = 2) -> str:
    """Serialise a record; path counts stay exact integers at any size.

    Text stays readable (``α``, not ``\\u03b1``), but control, bidirectional and zero-width
    characters and lone surrogates are written as ``\\uXXXX`` escapes (issue 19): none
    reaches a terminal or a viewer raw, and the output is always valid UTF-8.

    Examples
    --------
    >>> dumps({"total_paths": 3 ** 40}, indent=None)
    '{"total_paths": 12157665459056928801}'
    >>> print(dumps({"graph": "α\u202egnp.exe"}, indent=None))
    {"graph": "α\\u202egnp.exe"}
    """
    try:
        text = json.dumps(record, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError as err:
        if "integer string conversion" not in str(err):
            raise
        with unlimited_digits():  # a path count of more than 4300 digits
            text = json.dumps(record, indent=indent, ensure_ascii=False, allow_nan=False)
    return json_escaped(text)


def sums_field(analysis: Analysis, sums: Iterable[PathSum]) -> dict[str, dict[str, Any]]:
    """The record's ``sums`` (``analyze --explain --format json``): ``{output: {input:
    entry}}``, keyed as the Jacobians are.

    An entry has the derivative's path ``count`` and whether its paths are ``listed``. A
    listed entry has its ``paths``, each with its ``name`` (:mod:`pathsum.pathnames`), its
    ``edges`` as ``[from, to, key]`` from the input on, its ``term`` as written (``α*δ``)
    and its ``product``, and the ``value`` they sum to; numbers in the record's arithmetic
    (floats, or text in exact and symbolic). An entry not listed says ``why``:
    ``max_paths`` or ``limit``.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> from pathsum.explain import path_sums
    >>> a = analyze(loads("inputs: [X]\\nedges: [[X, Y, α], [X, Y, β], [Y, Z, 3]]\\n"
    ...                   "symbols: {α: 1, β: 2}\\n"))
    >>> print(dumps(sums_field(a, path_sums(a)), indent=None))
    {"Z": {"X": {"count": 2, "listed": true, "paths": [{"name": "X -α→ Y→Z", \
"edges": [["X", "Y", 0], ["Y", "Z", 0]], "term": "α*3", "product": 3.0}, {"name": "X -β→ Y→Z", \
"edges": [["X", "Y", 1], ["Y", "Z", 0]], "term": "β*3", "product": 6.0}], "value": 9.0}}}
    >>> print(dumps(sums_field(a, path_sums(a, 1)), indent=None))
    {"Z": {"X": {"count": 2, "listed": false, "why": "limit"}}}
    """
    cg = analysis.compiled
    names, plain, keys = cg.names, analysis.plain, PathNames(cg).keys
    field: dict[str, dict[str, Any]] = {}
    for s in sums:
        entry: dict[str, Any] = {"count": s.count, "listed": s.paths is not None}
        if s.paths is None:
            entry["why"] = s.unlisted
        else:
            entry["paths"] = [{"name": p.name,
                               "edges": [[names[cg.src[e]], names[cg.dst[e]], keys[e]]
                                         for e in p.edges],
                               "term": p.term, "product": plain(p.value)} for p in s.paths]
            entry["value"] = plain(s.value)
        field.setdefault(names[s.output], {})[names[s.input]] = entry
    return field


def with_sums(record: dict[str, Any], sums: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``record`` with its ``sums`` after ``total_paths``, beside the counts they list.

    Examples
    --------
    >>> list(with_sums({"paths": {}, "total_paths": 1, "engines": {}}, {}))
    ['paths', 'total_paths', 'sums', 'engines']
    """
    out: dict[str, Any] = {}
    for key, value in record.items():
        out[key] = value
        if key == "total_paths":
            out["sums"] = sums
    out.setdefault("sums", sums)
    return out
