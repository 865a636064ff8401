"""Batch output: JSON Lines (one §5 record per line) or CSV (one flat row per graph).

Both writers stream: each record is written as it arrives, so a batch of thousands of
graphs is never held in memory. Integers, path counts above all, are written exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from .csv_rows import RowWriter, batch_columns, batch_row
from .exact_json import dumps

__all__ = ["BatchWriter", "CsvWriter", "JsonLinesWriter", "batch_writer"]


class BatchWriter:
    """Writes records one at a time to a text stream (:func:`pathsum.reports.formats.emit`
    drives it: :meth:`start`, then :meth:`write` for each record as it arrives)."""

    def __init__(self, out: TextIO, engines: Sequence[str], *, flush: bool = False) -> None:
        self.out = out
        self.engines = list(engines)
        self.flush = flush

    def start(self) -> None:
        """Write whatever comes before the first record."""

    def write(self, record: dict[str, Any]) -> None:
        """Write one record (and flush, when asked to)."""
        self._write(record)
        if self.flush:
            self.out.flush()

    def _write(self, record: dict[str, Any]) -> None:
        raise NotImplementedError


class JsonLinesWriter(BatchWriter):
    """One compact JSON record per line.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> JsonLinesWriter(out, ["path"]).write({"graph": "g", "total_paths": 3 ** 40})
    >>> out.getvalue()
    '{"graph": "g", "total_paths": 12157665459056928801}\\n'
    """

    def _write(self, record: dict[str, Any]) -> None:
        self.out.write(dumps(record, indent=None) + "\n")


class CsvWriter(BatchWriter):
    """A header, then one flat row per graph (see :func:`batch_columns`).

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> writer = CsvWriter(out, ["reverse"])
    >>> writer.start()
    >>> writer.write({"graph": "g", "source": "g.yaml", "error": "g.yaml: no such file"})
    >>> print(out.getvalue(), end="")
    graph,source,nodes,edges,total_paths,reverse_mul,reverse_add,reverse_seconds,agree,error
    g,g.yaml,,,,,,,,g.yaml: no such file
    """

    def __init__(self, out: TextIO, engines: Sequence[str], *, flush: bool = False) -> None:
        super().__init__(out, engines, flush=flush)
        self.writer = RowWriter(out, batch_columns(self.engines))

    def start(self) -> None:
        self.writer.writeheader()

    def _write(self, record: dict[str, Any]) -> None:
        self.writer.writerow(batch_row(record))


def batch_writer(fmt: str, out: TextIO, engines: Sequence[str], *, flush: bool = False
                 ) -> BatchWriter:
    """The writer for ``--format jsonl`` or ``--format csv``."""
    writers: dict[str, type[BatchWriter]] = {"jsonl": JsonLinesWriter, "csv": CsvWriter}
    return writers[fmt](out, engines, flush=flush)
