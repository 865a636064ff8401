"""JSON output: plain ``json``, exact integers, no rich."""

from __future__ import annotations

import json
from typing import Any

from ..display import unlimited_digits

__all__ = ["dumps"]


def dumps(record: Any, *, indent: int | None = 2) -> str:
    """Serialise a record; path counts stay exact integers at any size.

    Examples
    --------
    >>> dumps({"total_paths": 3 ** 40}, indent=None)
    '{"total_paths": 12157665459056928801}'
    """
    try:
        return json.dumps(record, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError as err:
        if "integer string conversion" not in str(err):
            raise
    with unlimited_digits():  # a path count of more than 4300 digits
        return json.dumps(record, indent=indent, ensure_ascii=False, allow_nan=False)
