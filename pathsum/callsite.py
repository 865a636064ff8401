"""Where the traced program is: its file, line and the source text it is evaluating.

A refusal while tracing names the user's code, not pathsum's: the innermost frame outside
the tracer (:mod:`pathsum.trace`, :mod:`pathsum.fn`), and the expression that frame is
evaluating, from the column positions Python 3.11+ keeps for every instruction.
"""

from __future__ import annotations

import linecache
import sys
from pathlib import Path
from types import FrameType
from typing import Any

__all__ = ["site", "source_text"]

#: The tracer's own files, whose frames are skipped.
_TRACER = {str(Path(__file__).with_name(name)) for name in ("trace.py", "fn.py", "callsite.py")}


def _program_frame() -> FrameType | None:
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename in _TRACER:
        frame = frame.f_back
    return frame


def site() -> dict[str, Any]:
    """``source`` and ``line`` of the traced program's innermost frame, for an error.

    Examples
    --------
    >>> site()["line"] > 0
    True
    """
    frame = _program_frame()
    return {} if frame is None else {"source": frame.f_code.co_filename, "line": frame.f_lineno}


def source_text() -> str | None:
    """The source text of the expression the traced program is evaluating, where known.

    Examples
    --------
    >>> source_text()
    'source_text()'
    """
    frame = _program_frame()
    if frame is None:
        return None
    try:
        line, end_line, column, end_column = list(frame.f_code.co_positions())[frame.f_lasti // 2]
    except (AttributeError, IndexError, ValueError):
        return None
    text = linecache.getline(frame.f_code.co_filename, line or 0).encode()
    if not text or column is None or end_column is None:
        return None
    end = end_column if end_line == line else len(text.rstrip())
    return text[column:end].decode(errors="replace").strip() or None
