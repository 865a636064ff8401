"""The float64 fast path of the forward and reverse sweeps (DESIGN §3, §7).

When every partial is a Python float, a sweep runs on numpy arrays instead of Python
lists. It processes exactly the edges that the generic loop processes, and counts from the
sizes of the arrays it dispatches:

- ``mul``: the lanes of every product array, less the lanes that touch the seed (their
  partial passes through unmultiplied, by ``np.multiply(..., where=...)``);
- ``add``: for each group of contributions to one node, its size less one.

Two ways of running the sweep's sequential part:

- a **sparse triangular solve**: (I - A)·values = b, scipy's compiled loop over rows, with A
  the processed edges that need a product and b the seed's partials passed through. With a
  single seed (one input forward, one output reverse) a sweep processes every active edge,
  and solves the system that compile built over all edges (``EdgeArrays.system``);
- by **topological level**, for several seeds, whose sweeps each process a different part
  of the graph: the edges into (forward) or out of (reverse) the nodes of one level take one
  gather, one product and one ``bincount``, and a sweep keeps only the edges whose sending
  end it has reached, level by level. Python pays per level, so graphs with more than
  :data:`MIN_LEVELS` levels of fewer than :data:`LEVEL_WIDTH` edges each use the solve,
  on the edges that a breadth-first search from the seed reaches.

By default :func:`pathsum.engines.route.choose_route` picks the route, or the generic
loop, by a cost estimate. scripts/bench.py measures every route
(``forward_engine(cg, backend="levels")``, ``"solve"`` or ``"python"``). The triangular
solve itself is :mod:`pathsum.engines.superlu`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..arrays import new_group, row_pointers, row_spans, unit_lower_system
from ..compiled import CompiledGraph
from .direction import Direction
from .superlu import triangular_solve

if TYPE_CHECKING:
    # scipy is imported where a solve runs: a small graph takes the loop and never needs it
    # (start-up, issue 10 item 16).
    from scipy.sparse import csr_array

__all__ = ["LEVEL_WIDTH", "FloatGraph", "float_graph", "sweep"]

#: Levels pay off when they hold at least this many edges each on average (measured by
#: scripts/bench.py on this kind of 2-core machine); up to this many levels they always do.
LEVEL_WIDTH = 256
MIN_LEVELS = 1024


@dataclass
class _Plan:
    """One direction's edges, sorted by stage and then by receiving node.

    ``recv[e]`` receives ``partial[e] * value[send[e]]``. Group g (the edges into one
    receiver) starts at edge ``starts[g]``; ``slot[e]`` is e's group counted from the
    first group of its stage. ``stages`` lists, per level, the edge range, the group range
    and whether a possible seed sends in it; it is None for the triangular solve.
    """

    recv: np.ndarray
    send: np.ndarray
    partial: np.ndarray
    starts: np.ndarray
    receivers: np.ndarray
    slot: np.ndarray | None
    stages: list[tuple[int, int, int, int, bool]] | None


class FloatGraph:
    """A compiled graph's active edges as numpy arrays, built once and cached on it.

    Parameters
    ----------
    cg : CompiledGraph
    method : {"levels", "solve"}, optional
        Force one way of running the sweeps; by default the route recorded in
        :attr:`routes`, else levels for several seeds unless the graph has more than
        :data:`MIN_LEVELS` levels with fewer than :data:`LEVEL_WIDTH` edges each.

    Attributes
    ----------
    n : int
        Number of nodes.
    src, dst, partial : ndarray
        The edges between active nodes: the only ones a sweep can process.
    """

    def __init__(self, cg: CompiledGraph, method: str | None = None) -> None:
        self.n = cg.n_nodes
        arrays = cg.arrays
        src, dst, partial = arrays.src, arrays.dst, arrays.partial
        if partial is None:
            partial = np.asarray(cg.partial, dtype=np.float64)
        # Compile's edge ids grouped by target and by source (by receiving end forward and
        # in reverse) serve as they are when no edge is dropped as inactive.
        self._grouped: dict[Direction, np.ndarray] = {}
        if arrays.active.all():
            self.src, self.dst, self.partial = src, dst, partial
            self._grouped = {Direction.FORWARD: arrays.in_order,
                             Direction.REVERSE: arrays.out_order}
        else:
            keep = np.flatnonzero(arrays.active[src] & arrays.active[dst])
            self.src, self.dst, self.partial = src[keep], dst[keep], partial[keep]
        self.inputs, self.outputs = list(cg.inputs), list(cg.outputs)
        self.method = method
        self._plans: dict[Direction, _Plan] = {}
        self.active = arrays.active
        self.system = arrays.system
        self._single: dict[Direction, tuple[np.ndarray, int, int]] = {}
        self._adjacency: dict[Direction, csr_array] = {}
        #: The route :func:`~pathsum.engines.route.choose_route` picked, by direction.
        self.routes: dict[Direction, str] = {}
        self._levels: np.ndarray | None = None
        self._levels_tried = -1

    def plan(self, direction: Direction) -> _Plan:
        """All active edges, sorted for sweeps in ``direction``; built once."""
        if direction in self._plans:
            return self._plans[direction]
        recv, send = direction.receiving_first(self.src, self.dst)
        seeds = direction.seeds(self)
        route = self.method or self.routes.get(direction) or ("levels" if len(seeds) > 1
                                                              else "solve")
        level = self.levels_within() if route == "levels" else None
        stage = None
        if level is not None:
            stage = level[recv] if direction is Direction.FORWARD else -level[recv]
        if stage is None and direction in self._grouped:
            order = self._grouped[direction]
        else:
            # One stable sort on a combined key: np.lexsort is ten times slower.
            key = recv if stage is None else (stage - stage.min(initial=0)) * self.n + recv
            order = np.argsort(key, kind="stable")
        recv, send, partial = recv[order], send[order], self.partial[order]
        starts = np.flatnonzero(new_group(recv))
        is_seed = np.zeros(self.n, dtype=bool)
        is_seed[seeds] = True
        slot = None  # only the sweeps by level use it
        stages = None
        if stage is not None and recv.size:
            slot = np.cumsum(new_group(recv)) - 1
            gstage = stage[order][starts]
            gbounds = [0, *(np.flatnonzero(np.diff(gstage)) + 1).tolist(), starts.size]
            ebounds = [*starts[gbounds[:-1]].tolist(), recv.size]
            seeding = np.logical_or.reduceat(is_seed[send], ebounds[:-1]).tolist()
            stages = list(zip(ebounds[:-1], ebounds[1:], gbounds[:-1], gbounds[1:], seeding,
                              strict=True))
            slot -= np.repeat(np.asarray(gbounds[:-1]), np.diff(ebounds))
        elif stage is not None:
            stages = []
        plan = _Plan(recv, send, partial, starts, recv[starts], slot, stages)
        self._plans[direction] = plan
        return plan

    def solves_system(self, direction: Direction) -> bool:
        """Whether the sweeps in ``direction`` solve compile's system: one seed, a system
        built, and levels not forced."""
        return (self.method != "levels" and self.system is not None
                and len(direction.seeds(self)) == 1)

    def prepare(self, direction: Direction) -> None:
        """Build everything the sweeps in ``direction`` share, before the first one."""
        if self.solves_system(direction):
            self.single_seed(direction)
        elif self.plan(direction).stages is None:
            self.adjacency(direction)

    def levels_within(self, most: int | None = None) -> np.ndarray | None:
        """Longest-path depth of each node, or None past ``most`` levels (by default: the
        number of nodes when levels are forced, else :data:`MIN_LEVELS` or one level per
        :data:`LEVEL_WIDTH` edges)."""
        if most is None:
            most = self.n if self.method == "levels" else max(MIN_LEVELS,
                                                              self.src.size // LEVEL_WIDTH)
        if self._levels is None and most > self._levels_tried:
            self._levels = _depths(self.n, self.src, self.dst, most)
            self._levels_tried = most
        return self._levels

    def adjacency(self, direction: Direction) -> csr_array:
        """Sender -> receiver adjacency of the active edges, for reachability."""
        if direction not in self._adjacency:
            from scipy.sparse import csr_array

            plan = self.plan(direction)
            ones = np.ones(plan.recv.size)
            self._adjacency[direction] = csr_array((ones, (plan.send, plan.recv)),
                                                   shape=(self.n, self.n))
        return self._adjacency[direction]

    def single_seed(self, direction: Direction) -> tuple[np.ndarray, int, int]:
        """What a sweep from the only seed of ``direction`` processes: the nodes it reaches
        (every active node), its edges (every active edge) and their receivers.

        The sweep itself solves compile's system over all edges, with the seed's value 1:
        edges out of the seed then multiply by 1 exactly, and inactive nodes hold zeros or
        values no active node reads, so the active nodes get the generic loop's values.
        """
        if direction not in self._single:
            recv, _ = direction.receiving_first(self.src, self.dst)
            receivers = int(np.count_nonzero(np.bincount(recv, minlength=self.n)))
            self._single[direction] = (self.active, recv.size, receivers)
        return self._single[direction]


def float_graph(cg: CompiledGraph, method: str | None = None) -> FloatGraph:
    """The :class:`FloatGraph` of ``cg`` for ``method``, built on first use and cached.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2.0), ("y", "z", 3.0), ("w", "z", 1.0)], ["x"]))
    >>> fg = float_graph(cg)
    >>> fg is float_graph(cg), fg.src.tolist(), fg.dst.tolist()  # w is a constant: inactive
    (True, [0, 1], [1, 3])
    """
    built = cg.cache.setdefault("float_graphs", {})
    if method not in built:
        built[method] = FloatGraph(cg, method)
    return built[method]


# Python floats overflow to inf and nan without a word; so do these arrays. The analysis
# reports a non-finite derivative.
@np.errstate(over="ignore", invalid="ignore")
def sweep(fg: FloatGraph, direction: Direction,
          seed: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    """One forward sweep from input ``seed``, or one reverse sweep from output ``seed``.

    Returns
    -------
    values : ndarray
        d·/dseed (forward) or dseed/d· (reverse) for every node, 1 at the seed; meaningful
        where reached.
    reached : ndarray of bool
        The nodes the sweep gave a value, and the seed.
    mul, add : int
        The operations dispatched.

    Examples
    --------
    >>> from pathsum import compile_graph, from_edges
    >>> cg = compile_graph(from_edges([("x", "y", 2.0), ("x", "y", 3.0), ("y", "z", 5.0)], ["x"]))
    >>> values, reached, mul, add = sweep(float_graph(cg), Direction.REVERSE, 2)
    >>> values.tolist(), reached.tolist(), mul, add
    ([25.0, 5.0, 1.0], [True, True, True], 2, 1)
    """
    if fg.solves_system(direction):
        return _solve_single(fg, direction, seed)
    plan = fg.plan(direction)
    if plan.stages is None:
        return _solve(fg, plan, direction, seed)
    return _levels(fg.n, plan, seed)


def _levels(n: int, plan: _Plan, seed: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    values = np.zeros(n)
    values[seed] = 1.0  # never multiplied: the seed's edges pass their partial through
    reached = np.zeros(n, dtype=bool)
    reached[seed] = True
    mul = add = 0
    for e0, e1, g0, g1, seeding in plan.stages:  # type: ignore[union-attr]
        send, partial, slot = plan.send[e0:e1], plan.partial[e0:e1], plan.slot[e0:e1]
        receivers = plan.receivers[g0:g1]
        # A sweep processes an edge only if its sending end has a value (DESIGN §3).
        live = reached[send]
        if not live.all():
            if not live.any():
                continue
            pick = np.flatnonzero(live)
            send, partial, slot = send[pick], partial[pick], slot[pick]
            hit = np.bincount(slot, minlength=g1 - g0) > 0
        if seeding:
            # Edges from the seed pass their partial through: those lanes are not multiplied.
            multiply = send != seed
            terms = partial.copy()
            np.multiply(partial, values[send], out=terms, where=multiply)
            mul += int(np.count_nonzero(multiply))
        else:
            terms = partial * values[send]
            mul += terms.size
        # bincount adds each group's terms in edge order, as the generic loop does.
        sums = np.bincount(slot, terms, g1 - g0)
        if send.size < e1 - e0:
            receivers, sums = receivers[hit], sums[hit]
        values[receivers] = sums
        reached[receivers] = True
        add += terms.size - receivers.size
    return values, reached, mul, add


def _solve_single(fg: FloatGraph, direction: Direction,
                  seed: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    # The only seed: every active node is reached from (reaches) it and every active edge
    # is processed; the edges that touch the seed pass their partial through.
    active, processed, receivers = fg.single_seed(direction)
    b = np.zeros(fg.n)
    b[seed] = 1.0
    values = triangular_solve(fg.system, direction, b)
    reached = active.copy()
    reached[seed] = True
    _, sent = direction.receiving_first(fg.src, fg.dst)
    from_seed = int(np.count_nonzero(sent == seed))
    return values, reached, processed - from_seed, processed - receivers


def _solve(fg: FloatGraph, plan: _Plan, direction: Direction,
           seed: int) -> tuple[np.ndarray, np.ndarray, int, int]:
    # values = b + A·values, with b the seed's partials passed through and A the other
    # processed edges: (I - A)·values = b, triangular since ids are in topological order.
    from scipy.sparse.csgraph import breadth_first_order

    reached = np.zeros(fg.n, dtype=bool)
    reached[breadth_first_order(fg.adjacency(direction), seed,
                                return_predecessors=False)] = True
    live = reached[plan.send]
    all_recv, send, all_partial = plan.recv[live], plan.send[live], plan.partial[live]
    from_seed = send == seed
    recv, partial = all_recv[from_seed], all_partial[from_seed]
    processed = all_recv.size
    receivers = int(np.count_nonzero(new_group(all_recv)))
    other = ~from_seed
    # The system's rows are the edges' targets, its columns their sources.
    rows, cols = ((all_recv[other], send[other]) if direction is Direction.FORWARD else
                  (send[other], all_recv[other]))
    system = unit_lower_system(fg.n, rows, cols, all_partial[other])
    b = np.bincount(recv, weights=partial, minlength=fg.n)
    # Building the matrix folds parallel edges into one entry; the counts are per edge
    # dispatched, as in the generic loop.
    mul = processed - recv.size
    add = processed - receivers
    values = triangular_solve(system, direction, b)
    values[seed] = 1.0
    return values, reached, mul, add


def _depths(n: int, src: np.ndarray, dst: np.ndarray, most: int) -> np.ndarray | None:
    """Longest-path depth of every node (Kahn's algorithm, one frontier per numpy step).

    Gives up and returns None past ``most`` levels: such a graph is too deep for
    level-by-level sweeps.
    """
    if most < 0:
        return None
    indeg = np.bincount(dst, minlength=n)
    heads = dst[np.argsort(src, kind="stable")]
    ptr = row_pointers(src, n)
    level = np.zeros(n, dtype=np.int64)
    frontier = np.flatnonzero(indeg == 0)
    depth = 0
    while frontier.size:
        if depth > most:
            return None
        level[frontier] = depth
        pos, _ = row_spans(ptr, frontier)
        if not pos.size:
            break
        nodes, hits = np.unique(heads[pos], return_counts=True)
        indeg[nodes] -= hits
        frontier = nodes[indeg[nodes] == 0]
        depth += 1
    return level
