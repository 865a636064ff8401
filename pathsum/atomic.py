"""Output files replaced atomically (a temporary file renamed over them); streams written as is."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TextIO

from .errors import UsageError
from .files import file_kind, os_problem

__all__ = ["atomic_write", "check_output_path", "is_stdout", "open_output"]

#: Written directly, never replaced: what a user naming them means is "this stream".
_STREAM = re.compile(r"/dev/(stdout|stderr|null|fd/\d+)|/proc/self/fd/\d+")

def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """Whether an output path means standard output (None, ``-`` or ``/dev/stdout``)."""
    return path is None or os.fspath(path) in ("-", "/dev/stdout")

def check_output_path(path: str | os.PathLike[str], inputs: Iterable[str] = ()) -> None:
    """Refuse, before any work, an output path that cannot be replaced, or is an input."""
    name = os.fspath(path)
    if not name:
        raise UsageError("an empty file name ('') names no file")
    if is_stdout(name) or _STREAM.fullmatch(name):
        return
    try:
        found = os.stat(name)
    except FileNotFoundError:
        folder = os.path.dirname(os.path.realpath(name)) if os.path.islink(name) else \
            os.path.dirname(name) or "."
        if not os.path.isdir(folder):
            raise UsageError(f"folder '{folder}' does not exist") from None
        return
    except OSError as err:
        raise UsageError(f"'{name}': {os_problem(err)}") from None
    mode = found.st_mode
    if stat.S_ISDIR(mode):
        raise UsageError(f"'{name}' is a directory")
    if not stat.S_ISREG(mode):
        raise UsageError(f"'{name}' is {file_kind(mode)}, not a regular file, and an output "
                         "file is replaced, not written into (to write into it, redirect "
                         f"stdout: > {name})")
    for source in inputs:  # issue 19: `batch in.yaml -o in.yaml` replaced its input
        try:
            seen = os.stat(source)
        except (OSError, ValueError):  # a missing input is its own error, elsewhere
            continue
        if os.path.samestat(seen, found):
            same = "" if source == name else f" (as '{source}')"
            raise UsageError(f"'{name}' is also an input{same}: writing it would replace what "
                             "is read; write to another file")

@contextlib.contextmanager
def open_output(path: str | os.PathLike[str] | None, mode: str = "w", *,
                encoding: str | None = "utf-8", newline: str | None = None,
                stdout: TextIO | None = None) -> Iterator[IO]:
    """Open where ``-o`` writes: stdout (not closed), a stream device, or an atomic write."""
    binary = "b" in mode
    if path is None or is_stdout(path):
        out = stdout if stdout is not None else sys.stdout
        yield out.buffer if binary else out
        out.flush()
        return
    name = os.fspath(path)
    if _STREAM.fullmatch(name):
        with open(name, mode, encoding=None if binary else encoding, newline=newline) as out:
            yield out
        return
    with atomic_write(name, mode, encoding=encoding, newline=newline) as out:
        yield out

@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """A temporary file beside ``path`` replacing it on success; else removed, ``path`` kept."""
    name = os.fspath(path)
    if is_stdout(name) or _STREAM.fullmatch(name):
        raise UsageError(f"'{name}' is a stream; it cannot be replaced atomically")
    check_output_path(name)
    target = Path(os.path.realpath(name) if os.path.islink(name) else name)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OSError(err.errno, f"cannot write in its folder ({os_problem(err)})",
                      str(target)) from None
    try:
        os.chmod(tmp, _mode_for(target))  # mkstemp's 0600, made what open() would give
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding,
                       newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise

def _mode_for(target: Path) -> int:
    with contextlib.suppress(FileNotFoundError):
        return target.stat().st_mode & 0o7777
    # os.umask can only read the mask by setting it, which for a moment changes it for
    # every thread of the process (a file created meanwhile would get mode 0666): read it
    # where Linux shows it, and set and restore it only elsewhere.
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
