"""Rendering analyses for people (rich tables) and for scripts (JSON, CSV)."""

from .compare import render_comparison
from .csv import analysis_rows, write_csv
from .json import dumps
from .table import render_analysis

__all__ = ["analysis_rows", "dumps", "render_analysis", "render_comparison", "write_csv"]
