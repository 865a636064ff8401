"""The lattice: an n x m grid walked right and down, C(n + m - 2, n - 1) paths on < 2nm edges."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import UsageError
from .record import Family, Param, check_int

__all__ = ["LATTICE", "lattice"]


def _columns(n: int, m: int | None) -> int:
    """``m``, or ``n`` (a square) when None; refuses a grid of one node."""
    m = n if m is None else m
    if n * m < 2:
        raise UsageError("lattice: a 1 x 1 grid has no edges; use at least 2 nodes")
    return m


def _lattice_split(i: int, j: int) -> float:
    """A fixed, varied share in [0.25, 0.75] for the right step out of node (i, j)."""
    return 0.25 + 0.125 * ((3 * i + 7 * j) % 5)


def lattice(n: int = 3, m: int | None = None) -> dict[str, Any]:
    """An ``n`` x ``m`` grid of nodes ``n{i}_{j}`` from ``n0_0`` to ``n{n-1}_{m-1}`` (edge dialect).

    Every node has an edge right and down where the grid goes on; a node with both splits a
    weight of 1 between them, so every path product is at most 1.

    Parameters
    ----------
    n : int
        Rows, at least 1.
    m : int, optional
        Columns, at least 1; default ``n``. The grid needs two nodes or more.

    Returns
    -------
    dict
        A document for :func:`pathsum.load`.

    Examples
    --------
    >>> lattice(2, 2)["edges"]
    [['n0_0', 'n0_1', 0.25], ['n0_0', 'n1_0', 0.75], ['n0_1', 'n1_1', 1], ['n1_0', 'n1_1', 1]]
    """
    n = check_int(n, "lattice: n (rows)", 1)
    m = _columns(n, None if m is None else check_int(m, "lattice: m (columns)", 1))
    edges: list[list[Any]] = []
    for i in range(n):
        for j in range(m):
            here = f"n{i}_{j}"
            right, down = j + 1 < m, i + 1 < n
            share = _lattice_split(i, j) if right and down else 1
            if right:
                edges.append([here, f"n{i}_{j + 1}", share])
            if down:
                edges.append([here, f"n{i + 1}_{j}", 1 - share if right else 1])
    return {
        "name": f"lattice-{n}x{m}",
        "description": f"a {n} x {m} grid from n0_0 to n{n - 1}_{m - 1}, right and down steps; "
                       "each node splits a weight of 1 between its two steps",
        "inputs": ["n0_0"],
        "outputs": [f"n{n - 1}_{m - 1}"],
        "edges": edges,
    }


def _edges(p: Mapping[str, Any]) -> int:
    n, m = p["n"], _columns(p["n"], p["m"])
    return n * (m - 1) + m * (n - 1)


LATTICE = Family(
    "lattice", "an n x m grid from corner to corner (edge dialect); size is n.", "edges",
    size="n", default_sizes="2..12", build=lattice, edges=_edges,
    params=(Param("n", "int", 3, "rows", 1),
            Param("m", "int", None, "columns", 1, default_help="the size, a square")),
    resolve=lambda p: {"n": p["n"], "m": _columns(p["n"], p["m"])})
