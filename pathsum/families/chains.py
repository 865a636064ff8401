"""The structured families: diamond chains (DESIGN §3's table) and the lattice (a grid)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..display import count_text
from ..errors import UsageError
from .record import Family, Param, check_int

__all__ = ["DIAMOND", "DIAMOND_NODES", "LATTICE", "diamond", "diamond_nodes", "lattice"]

#: Past this magnitude the diamonds normalise their stages so that values stay finite.
_FLOAT_LIMIT = 1e300

def _stage_partials(k: int, width: int) -> tuple[list[float | int], int | None]:
    """Partials 1..width, over their sum (returned too) where (stage sum)^k overflows a float."""
    total = width * (width + 1) // 2
    if k * math.log10(total) <= math.log10(_FLOAT_LIMIT):
        return list(range(1, width + 1)), None
    return [j / total for j in range(1, width + 1)], total

def diamond(k: int = 3, width: int = 3) -> dict[str, Any]:
    """``k`` stages ``v0 -> ... -> vk`` of ``width`` parallel edges (edge dialect).

    Parameters
    ----------
    k, width : int
        Stages, and parallel edges per stage with partials 1..width (scaled to stay finite).

    Examples
    --------
    >>> diamond(2, width=2)["edges"]
    [['v0', 'v1', 1], ['v0', 'v1', 2], ['v1', 'v2', 1], ['v1', 'v2', 2]]
    """
    k = check_int(k, "diamond: k (stages)", 1)
    width = check_int(width, "diamond: width", 1)
    partials, divisor = _stage_partials(k, width)
    edges = [[f"v{i}", f"v{i + 1}", p] for i in range(k) for p in partials]
    how = f"partials 1..{width}" + (f" divided by their sum {divisor} so the derivative "
                                    "stays finite" if divisor else "")
    return {"name": f"diamond-k{k}-w{width}",
            "description": f"{count_text(k, 'stage')} v0 -> v{k} of "
                           f"{count_text(width, 'parallel edge')} with {how}",
            "inputs": ["v0"], "outputs": [f"v{k}"], "edges": edges}

def diamond_nodes(k: int = 3, width: int = 3) -> dict[str, Any]:
    """The diamond chain in formulas: branches ``b{i}_{j} = j*v{i-1}`` summed into ``v{i}``.

    Parameters
    ----------
    k, width : int
        Stages, and branches per stage.

    Examples
    --------
    >>> diamond_nodes(1, width=2)["nodes"]
    {'b1_1': 'v0', 'b1_2': '2*v0', 'v1': 'b1_1 + b1_2'}
    """
    k = check_int(k, "diamond-nodes: k (stages)", 1)
    width = check_int(width, "diamond-nodes: width", 1)
    partials, divisor = _stage_partials(k, width)
    nodes: dict[str, str] = {}
    for i in range(1, k + 1):
        branches = {f"b{i}_{j}": f"v{i - 1}" if c == 1 else f"{c!r}*v{i - 1}"
                    for j, c in enumerate(partials, start=1)}
        nodes |= branches
        nodes[f"v{i}"] = " + ".join(branches)
    how = "j" + (f"/{divisor} so the values stay finite" if divisor else "")
    return {"name": f"diamond-nodes-k{k}-w{width}",
            "description": f"{count_text(k, 'stage')} v0 -> v{k}; each stage branches into "
                           f"b_j = {how}*v (j = 1..{width}) and joins them in a sum",
            "inputs": {"v0": 1.0}, "nodes": nodes, "outputs": [f"v{k}"]}

_STAGES = Param("k", "int", 3, "stages", 1)
_WIDTH = Param("width", "int", 3, "parallel branches per stage", 1)

DIAMOND = Family(
    "diamond", "k stages of WIDTH parallel edges (edge dialect); paths WIDTH^k.", "edges",
    size="k", params=(_STAGES, _WIDTH), default_sizes="1..20", build=diamond,
    edges=lambda p: p["k"] * p["width"])

DIAMOND_NODES = Family(
    "diamond-nodes", "the diamond chain with a node on every branch (formulas).", "nodes",
    size="k", params=(_STAGES, _WIDTH), default_sizes="1..20", build=diamond_nodes,
    edges=lambda p: 2 * p["k"] * p["width"])

def _columns(n: int, m: int | None) -> int:
    """``m``, or ``n`` (a square) when None; refuses a grid of one node."""
    m = n if m is None else m
    if n * m < 2:
        raise UsageError("lattice: a 1 x 1 grid has no edges; use at least 2 nodes")
    return m

def lattice(n: int = 3, m: int | None = None) -> dict[str, Any]:
    """An ``n`` x ``m`` grid from ``n0_0`` to ``n{n-1}_{m-1}`` (edge dialect), stepping right and
    down; a node with both steps splits a weight of 1 between them.

    Parameters
    ----------
    n, m : int
        Rows and columns (two nodes at least); ``m`` defaults to ``n``.

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
            # A fixed, varied share in [0.25, 0.75] for the right step.
            share = 0.25 + 0.125 * ((3 * i + 7 * j) % 5) if right and down else 1
            if right:
                edges.append([here, f"n{i}_{j + 1}", share])
            if down:
                edges.append([here, f"n{i + 1}_{j}", 1 - share if right else 1])
    return {"name": f"lattice-{n}x{m}",
            "description": f"a {n} x {m} grid from n0_0 to n{n - 1}_{m - 1}, right and down "
                           "steps; each node splits a weight of 1 between its two steps",
            "inputs": ["n0_0"], "outputs": [f"n{n - 1}_{m - 1}"], "edges": edges}

def _edges(p: Mapping[str, Any]) -> int:
    n, m = p["n"], _columns(p["n"], p["m"])
    return n * (m - 1) + m * (n - 1)

LATTICE = Family(
    "lattice", "an n x m grid from corner to corner (edge dialect); size is n.", "edges",
    size="n", default_sizes="2..12", build=lattice, edges=_edges,
    params=(Param("n", "int", 3, "rows", 1),
            Param("m", "int", None, "columns", 1, default_help="the size, a square")),
    resolve=lambda p: {"n": p["n"], "m": _columns(p["n"], p["m"])})
