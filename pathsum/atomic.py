"""Output files: a reader sees the old file or the whole new one, never half of it.

A named output is replaced atomically: written to a temporary file beside it, then renamed
over it. That is right for a regular file (or a new path) and wrong for anything else, so:

- a symlink is followed, and its target is replaced (the link stays a link);
- a device, FIFO or socket is refused, since a rename would swap it for a plain file;
- the standard streams and stream devices are written directly, as a user naming them
  means: ``-`` and ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` and ``/dev/null``.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import UsageError
from .files import file_kind, os_problem

__all__ = ["atomic_write", "check_output_path", "is_stdout", "open_output"]

#: Written directly, never replaced: what a user naming them means is "this stream".
_STREAM = re.compile(r"/dev/(stdout|stderr|null|fd/\d+)|/proc/self/fd/\d+")


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """Whether an output path means standard output (None, ``-`` or ``/dev/stdout``).

    Examples
    --------
    >>> is_stdout("-"), is_stdout("/dev/stdout"), is_stdout("out.csv")
    (True, True, False)
    """
    return path is None or os.fspath(path) in ("-", "/dev/stdout")


def check_output_path(path: str | os.PathLike[str], inputs: Iterable[str] = ()) -> None:
    """Refuse, before any work, an output path that cannot be written as a file.

    Parameters
    ----------
    path : str or path-like
        The output file.
    inputs : iterable of str, optional
        The files the command reads: the output may be none of them (the same file by
        device and inode, whatever the name, link or relative path that reaches it).

    Raises
    ------
    UsageError
        For an empty name, a folder that does not exist, a directory, a symlink loop, a
        device, FIFO or socket other than the streams written directly, or an input.

    Examples
    --------
    >>> check_output_path("/dev/stdout")
    >>> check_output_path("/dev/zero")
    Traceback (most recent call last):
    ...
    pathsum.errors.UsageError: '/dev/zero' is a character device, not a regular file, and an output file is replaced, not written into (to write into it, redirect stdout: > /dev/zero)
    """
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
    _check_not_an_input(name, found, inputs)


def _check_not_an_input(name: str, found: os.stat_result, inputs: Iterable[str]) -> None:
    """Refuse an existing output file (``found`` is its stat) that is also one of
    ``inputs`` (issue 19: ``batch in.yaml -o in.yaml`` replaced its input without a word)."""
    for source in inputs:
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
                stdout: IO | None = None) -> Iterator[IO]:
    """Open where an ``-o`` option writes: stdout, a stream, or a file replaced atomically.

    Parameters
    ----------
    path : path or None
        None, ``-`` or ``/dev/stdout`` is ``stdout``; ``/dev/stderr``, ``/dev/null`` and
        ``/dev/fd/N`` are opened and written directly; anything else goes through
        :func:`atomic_write`.
    stdout : text stream, optional
        What standard output is (default :data:`sys.stdout`); it is not closed.

    Examples
    --------
    >>> with open_output("/dev/null") as f:
    ...     _ = f.write("gone")
    """
    binary = "b" in mode
    if is_stdout(path):
        out = stdout if stdout is not None else sys.stdout
        yield out.buffer if binary else out
        out.flush()
        return
    name = os.fspath(path)  # type: ignore[arg-type]
    if _STREAM.fullmatch(name):
        with open(name, mode, encoding=None if binary else encoding, newline=newline) as out:
            yield out
        return
    with atomic_write(name, mode, encoding=encoding, newline=newline) as out:
        yield out


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", *, encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success replace ``path`` with it.

    On any exception (Ctrl-C included) the temporary file is removed and ``path`` is left
    as it was. A symlink is followed: its target is replaced and the link kept.

    Raises
    ------
    UsageError
        If ``path`` is not a regular file or a new path (see :func:`check_output_path`);
        nothing is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as f:
    ...     _ = f.write("hello")
    >>> target.read_text()
    'hello'
    """
    name = os.fspath(path)
    if is_stdout(name) or _STREAM.fullmatch(name):
        raise UsageError(f"'{name}' is a stream; it cannot be replaced atomically")
    check_output_path(name)
    target = Path(os.path.realpath(name) if os.path.islink(name) else name)
    if "b" in mode:
        encoding = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OSError(err.errno, f"cannot write in its folder ({os_problem(err)})",
                      str(target)) from None
    try:
        # mkstemp makes the file 0600; give it the mode a plain open() would have had.
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # os.umask can only read the mask by setting it, which for a moment changes it for
    # every thread of the process (a file created meanwhile would get mode 0666): read it
    # where Linux shows it, and set and restore it only elsewhere.
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    umask = os.umask(0)
    os.umask(umask)
    return umask
