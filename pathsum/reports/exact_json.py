"""JSON output: plain ``json``, exact integers, no rich."""

from __future__ import annotations

import json
from typing import Any

from ..display import unlimited_digits
from ..printable import json_escaped

__all__ = ["dumps"]


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
