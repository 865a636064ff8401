"""Pausing the cyclic garbage collector while large graphs are read, built and compiled:
they are millions of fresh containers and no cycles, and rescanning them took four times
the parsing of a 300,000-edge file."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]

@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the collector (nests; serves as a decorator)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
