"""The comparison as a log-scale figure (matplotlib's Agg, no pyplot state), written atomically."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..comparison import Comparison
from ..display import duration
from ..errors import UsageError
from ..families import FAMILIES

__all__ = ["PLOT_HINT", "plot_comparison", "plot_format", "require_matplotlib"]

PLOT_HINT = "--plot needs matplotlib, an optional extra: pip install 'pathsum[plot]'"

#: engine -> (marker, line style, width): lines that coincide stay visible.
_STYLE = {"path": ("o", "-", 3.0), "forward": ("s", "-", 1.6), "reverse": ("x", "--", 1.6)}

def plot_format(path: str | os.PathLike[str]) -> str:
    """``"png"`` or ``"svg"`` from the file's ending; any other is a UsageError."""
    fmt = Path(path).suffix.lower()[1:]
    if fmt not in ("png", "svg"):
        raise UsageError(f"--plot: '{os.fspath(path)}' must end in .png or .svg")
    return fmt

def require_matplotlib() -> None:
    """Refuse, before any work, a plot without matplotlib (:data:`PLOT_HINT`)."""
    try:
        import matplotlib  # noqa: F401
        from matplotlib.backends import backend_agg  # noqa: F401
    except ImportError:
        raise UsageError(PLOT_HINT) from None

def _positive(value: Any) -> float:
    """A count as a float for a log axis; NaN (a gap) where it cannot be drawn."""
    try:
        x = float(value)
    except (TypeError, OverflowError):
        return math.nan
    return x if x > 0 and math.isfinite(x) else math.nan

def plot_comparison(comparison: Comparison, path: str | os.PathLike[str]) -> None:
    """Paths and each engine's ``mul + add`` against size, log scale, to a .png or .svg file."""
    fmt = plot_format(path)
    require_matplotlib()
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator
    family = FAMILIES.get(comparison.family) if comparison.family else None
    rows = list(comparison.rows) if family is None else \
        sorted(comparison.rows, key=lambda row: row.record["size"])
    xs = list(range(len(rows))) if family is None else [row.record["size"] for row in rows]
    with matplotlib.rc_context({"svg.hashsalt": "pathsum", "svg.fonttype": "path"}):
        fig = Figure(figsize=(8.0, 5.0), dpi=120, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        ax.set_yscale("log")
        ax.plot(xs, [_positive(r.record["total_paths"]) for r in rows], color="black",
                linewidth=2.5, marker="o", markersize=4 if family is not None else 7,
                linestyle="-" if family is not None else "none",  # files: no trend to draw
                label="paths (exact count)")
        # tab10 as before for up to ten engines; past that (there are 14) tab20, one each
        colors = matplotlib.color_sequences["tab10" if len(comparison.engines) <= 10 else "tab20"]
        for i, engine in enumerate(comparison.engines):
            color = colors[i % len(colors)]
            marker, style, width = _STYLE.get(engine, ("^", "-.", 1.6))
            ops = [_positive(r.ops(engine)) for r in rows]
            derived = [r.engines[engine].get("enumerated") is False for r in rows]
            ran = [math.nan if d else y for y, d in zip(ops, derived, strict=True)]
            name = f"{engine} engine" if engine == "path" else engine
            ax.plot(xs, ran, color=color, marker=marker, markersize=5, linewidth=width,
                    linestyle=style if family is not None else "none",
                    label=f"{name}: mul + add")
            if any(derived):
                # Join the derived points to the last enumerated one so the line carries on.
                joined = [y if d or (i + 1 < len(rows) and derived[i + 1]) else math.nan
                          for i, (y, d) in enumerate(zip(ops, derived, strict=True))]
                dotted = ":" if family is not None else "none"
                ax.plot(xs, joined, color=color, linestyle=dotted)
                only = [y if d else math.nan for y, d in zip(ops, derived, strict=True)]
                ax.plot(xs, only, color=color, marker=marker, markerfacecolor="white",
                        linestyle=dotted, markersize=5,
                        label=f"{name}: mul + add, derived (not enumerated)"
                              f"{_estimate(xs, rows, derived, family)}")
        if comparison.max_paths is not None and any(
                r.engines.get("path", {}).get("enumerated") is False for r in rows):
            ax.axhline(comparison.max_paths, color="grey", linewidth=0.8, linestyle="--",
                       label=f"--max-paths {comparison.max_paths:,}")
        if family is not None:
            param = family.param(family.size)
            what = param.help.split(" (")[0].rstrip(".") if param else ""
            what = what[:1].lower() + what[1:]
            ax.set_xlabel(f"{family.size}: {what}" if what else family.size)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        else:
            ax.set_xticks(xs, [r.label for r in rows], rotation=30, ha="right")
            ax.set_xlabel("graph")
        ax.set_title(comparison.title)
        ax.set_ylabel("count (log scale)")
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(loc="best", fontsize="small")
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        with atomic_write(path, "wb") as handle:
            fig.savefig(handle, format=fmt, metadata=metadata)

def _estimate(xs: list, rows: list, derived: list[bool], family: Any) -> str:
    """``; ≈ 10.5 years to enumerate at k = 30`` for the largest derived row, if estimated."""
    last = max((i for i, d in enumerate(derived) if d), key=lambda i: (xs[i], i))
    seconds = rows[last].engines["path"].get("estimated_seconds")
    if seconds is None:
        return ""
    where = f"{family.size} = {xs[last]}" if family is not None else rows[last].label
    return f";\n≈ {duration(seconds)} to enumerate at {where}"
