"""Rendering analyses for people (rich tables) and for scripts (JSON, CSV); :func:`emit`
writes any result in any of its formats."""

from __future__ import annotations

from typing import Any

from .csv_rows import analysis_rows, write_csv
from .exact_json import dumps
from .formats import emit
from .table import render_analysis

__all__ = ["analysis_rows", "dumps", "emit", "render_analysis", "render_comparison", "write_csv"]


def __getattr__(name: str) -> Any:
    # The comparison report brings in the families and the comparison itself, which
    # `pathsum analyze` never needs: imported on first use (start-up, issue 10 item 16).
    if name == "render_comparison":
        from .compare import render_comparison
        return render_comparison
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
