"""A rich progress display on stderr when it is a terminal, and nothing otherwise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .options import show_progress

__all__ = ["bar", "steps"]


@contextmanager
def steps(label: str) -> Iterator[Callable[[str], None]]:
    """A spinner naming the current step; yields a callback that takes the step's label."""
    if not show_progress():
        yield lambda _step: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield lambda step: progress.update(task, description=f"{label}: {step}")


@contextmanager
def bar(label: str, total: int, *, show: bool = True) -> Iterator[Callable[[int], None]]:
    """A bar over ``total`` items (when ``show`` and stderr is a terminal); yields
    ``advance(n)``."""
    if not (show and show_progress()):
        yield lambda _n=1: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True),
                  transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda n=1: progress.advance(task, n)
