"""One graph file into its §5 record, or into a record with an ``error`` field: a file that
fails never stops a batch. Records are plain dicts of JSON types: they pickle as they are."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import arguments
from .analysis import DEFAULT_ENGINES, DEFAULT_MAX_PATHS, analyze
from .engines import EngineOptions
from .errors import PathsumError
from .files import non_regular_kind
from .loader import default_name, load, loads

__all__ = ["analyze_file", "analyze_files", "error_record"]


def error_record(path: str, message: str) -> dict[str, Any]:
    """The record of a file that failed: its ``graph`` (file stem), ``source`` and ``error``."""
    return {"graph": default_name(path), "source": path, "error": " ".join(message.split())}


def analyze_file(
    path: str,
    engines: Sequence[str] = DEFAULT_ENGINES,
    max_paths: int | None = DEFAULT_MAX_PATHS,
    arith: str = "float",
    options: EngineOptions | None = None,
    text: str | None = None,
) -> dict[str, Any]:
    """Analyse one file into its §5 record, or an error record; never raises on bad input.

    Parameters
    ----------
    path : str or os.PathLike
        The file; the record's ``source``.
    engines, max_paths, arith, options
        As for :func:`pathsum.analyze`.
    text : str, optional
        The file's contents, already read (a Dask worker may not see the client's files).

    Returns
    -------
    dict
        ``Analysis.to_dict()``, or :func:`error_record` with the one-line message ``pathsum
        analyze`` prints; an unexpected exception (a bug, memory running out) too.

    Examples
    --------
    >>> analyze_file("missing.yaml")["error"]
    'missing.yaml: no such file'
    """
    path = arguments.path(path, "path")
    options = arguments.instance(options, EngineOptions, "options",
                                 "an EngineOptions (pathsum.engines.EngineOptions)",
                                 optional=True)
    try:
        kind = None if text is not None else non_regular_kind(path)
        if kind is not None:  # a FIFO would block the run until someone writes to it
            return error_record(path, f"{path}: {kind}, not a regular file; skipped without "
                                      "reading it")
        # With text: what load(path) does after reading the file (same origin and name).
        graph = load(path, arith=arith) if text is None else \
            loads(text, source=path, name=default_name(path), arith=arith)
        return analyze(graph, engines, max_paths, options=options).to_dict()
    except PathsumError as err:
        return error_record(path, str(err))
    except Exception as err:  # noqa: BLE001 - one file must not end the run
        return error_record(path, f"{path}: unexpected {type(err).__name__} while analysing: "
                                  f"{err}")


def analyze_files(paths: list[str], engines: Sequence[str], max_paths: int | None,
                  arith: str, options: EngineOptions | None = None) -> list[dict[str, Any]]:
    """A local worker's task: a chunk of files, a record each, in order."""
    return [analyze_file(path, engines, max_paths, arith, options) for path in paths]
