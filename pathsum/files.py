"""Files named by a user, described in a user's words ("a symlink loop"), not the kernel's."""

from __future__ import annotations

import errno
import os
import stat

__all__ = ["file_kind", "missing_reason", "non_regular_kind", "os_problem"]

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))
_PROBLEMS = {
    errno.ENOENT: "no such file",
    errno.ELOOP: "a symlink loop (too many levels of symbolic links)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EISDIR: "is a directory",
}

def file_kind(mode: int) -> str:
    """What an ``st_mode`` is, as a noun phrase."""
    fallback = "a regular file" if stat.S_ISREG(mode) else "not a regular file"
    return next((kind for test, kind in _KINDS if test(mode)), fallback)

def non_regular_kind(path: str | os.PathLike[str]) -> str | None:
    """What ``path`` is if not a regular file, else None; never opened (a FIFO would block)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # opening it says what is wrong, in the caller's words
    return None if stat.S_ISREG(mode) else file_kind(mode)

def os_problem(err: OSError) -> str:
    """The problem an ``OSError`` reports, in a user's words."""
    said = _PROBLEMS.get(err.errno or 0)
    if said is None:
        said = err.strerror or str(err) or type(err).__name__
        said = said[:1].lower() + said[1:]
    return said

def missing_reason(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` names no file, in a user's words; None if it exists."""
    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ENOENT and os.path.islink(path):
            return f"a symlink to '{os.readlink(path)}', which does not exist"
        return os_problem(err)
    return None
