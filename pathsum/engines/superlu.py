"""The sweeps' sparse triangular solve, by scipy's SuperLU through a private entry point
when it checks out, else by the public ``spsolve_triangular`` (DESIGN §7).

``spsolve_triangular(..., unit_diagonal=True)`` checks and copies its matrix before handing
it to SuperLU's ``gstrs``; the sweeps' matrix is already in the form ``gstrs`` takes, so
calling it directly skips those checks and copies (half the time of a sweep on a long
chain). ``gstrs`` is private to scipy: it is used only after :func:`_direct_gstrs` has
checked it, once per process, on a small system.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ..arrays import unit_lower_system
from .direction import Direction

if TYPE_CHECKING:
    from scipy.sparse import csc_array

__all__ = ["triangular_solve"]


def triangular_solve(lower: csc_array, direction: Direction, b: np.ndarray) -> np.ndarray:
    """Solve ``lower @ x = b`` (forward) or ``lower.T @ x = b`` (reverse), overwriting ``b``.

    ``lower`` is unit lower triangular with its diagonal stored, as
    :func:`pathsum.arrays.unit_lower_system` builds it.

    Examples
    --------
    >>> lower = unit_lower_system(2, np.array([1]), np.array([0]), np.array([3.0]))
    >>> triangular_solve(lower, Direction.FORWARD, np.array([1.0, 0.0])).tolist()
    [1.0, 3.0]
    >>> triangular_solve(lower, Direction.REVERSE, np.array([0.0, 1.0])).tolist()
    [3.0, 1.0]
    """
    trans = "N" if direction is Direction.FORWARD else "T"
    if lower.indices.dtype == np.intc and _direct_gstrs():
        return _gstrs(lower, trans, b)
    from scipy.sparse.linalg import spsolve_triangular

    # Not overwrite_A: ``lower`` may be the matrix cached for every sweep of the graph
    # (EdgeArrays.system), and spsolve_triangular rewrites the diagonal of what it is given.
    if trans == "N":
        return spsolve_triangular(lower, b, lower=True, unit_diagonal=True, overwrite_b=True)
    return spsolve_triangular(lower.T.tocsr(), b, lower=False, unit_diagonal=True,
                              overwrite_b=True)


def _gstrs(lower: csc_array, trans: str, b: np.ndarray) -> np.ndarray:
    # What spsolve_triangular(..., unit_diagonal=True) hands SuperLU once it has checked
    # and copied its argument.
    from scipy.sparse.linalg._dsolve import _superlu

    n = lower.shape[0]
    empty = np.zeros(n + 1, dtype=lower.indptr.dtype)
    x, info = _superlu.gstrs(trans, n, lower.nnz, lower.data, lower.indices, lower.indptr,
                             n, 0, np.zeros(0), empty[:0], empty, b)
    if info:
        raise np.linalg.LinAlgError("singular triangular system")  # ids are topological
    return x


@cache
def _direct_gstrs() -> bool:
    """Whether this scipy's SuperLU triangular solve can be called as spsolve_triangular
    calls it (a private function).

    Checked once per process, on a 3x3 system in the exact form the sweeps pass (unit
    diagonal stored, C-int indices), by multiplying the solution back in both directions;
    any exception or a wrong answer means spsolve_triangular is used instead.
    """
    try:
        from scipy.sparse.linalg._dsolve import _superlu
    except ImportError:  # pragma: no cover - a scipy that moved it: spsolve_triangular is used
        return False
    if not hasattr(_superlu, "gstrs"):
        return False
    lower = unit_lower_system(3, np.array([1, 2, 2]), np.array([0, 0, 1]),
                              np.array([2.0, 3.0, 5.0]))
    try:
        for trans, dense in (("N", lower.toarray()), ("T", lower.toarray().T)):
            b = np.array([1.0, 0.5, 0.25])
            if not np.allclose(dense @ _gstrs(lower, trans, b.copy()), b, rtol=1e-14, atol=0):
                return False
    except Exception:  # noqa: BLE001 - any change in the private API means: do not use it
        return False
    return True
