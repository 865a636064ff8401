"""Menger's lower bound on every vertex elimination order: v's cost is at least the disjoint
paths from the inputs to v times those from v to the outputs (Naumann 2012, §9). Our own
flows: networkx's gave the same bounds 38-550 times slower on the AlphaGrad graphs."""

from __future__ import annotations

import time
from collections import deque

from .masks import Masks, bits

__all__ = ["lower_bounds"]

#: A node of the split graph: (x, False) is x's entry, (x, True) its exit.
Node = tuple[int, bool]

def lower_bounds(masks: Masks, deadline: float | None = None) -> dict[int, int]:
    """The bound of each intermediate, by index; one not reached by ``deadline`` gets 1,
    the bound that needs no flow."""
    sources = {v for v, p in enumerate(masks.preds) if not p}
    sinks = {v for v, s in enumerate(masks.succs) if not s}
    return {v: 1 if deadline is not None and time.perf_counter() >= deadline else
            disjoint_paths(v, masks.preds, sources) * disjoint_paths(v, masks.succs, sinks)
            for v in masks.inner}

def disjoint_paths(start: int, near: list[int], ends: set[int]) -> int:
    """The most paths from ``start`` to ``ends`` (stepping from x into ``near[x]``) sharing
    no vertex but ``start``, at least 1: a unit-capacity flow on the vertex-split graph."""
    cap = min(near[start].bit_count(), len(ends))
    if cap <= 1:
        return 1
    used: set[int] = set()  # vertices a path runs through
    came: dict[int, int] = {}  # the vertex a path enters y from
    flow: set[tuple[int, int]] = set()  # the edges the paths use
    ended: set[int] = set()  # ends a path finishes at
    # Greedy depth-first paths first (often all of them), then Edmonds-Karp augmenting paths.
    seen, count = {start}, 0
    for first in bits(near[start]):
        if count == cap:
            break
        if first in seen:
            continue
        seen.add(first)
        path = [first]
        while path and path[-1] not in ends:
            nxt = next((y for y in bits(near[path[-1]]) if y not in seen), None)
            if nxt is None:
                path.pop()  # a dead end: backtrack
            else:
                seen.add(nxt)
                path.append(nxt)
        if path:
            for x, y in zip([start, *path[:-1]], path, strict=True):
                flow.add((x, y))
                came[y] = x
                used.add(y)
            ended.add(path[-1])
            count += 1
    while count < cap and _augment(start, near, ends, used, came, flow, ended):
        count += 1
    return max(count, 1)

def _augment(start: int, near: list[int], ends: set[int], used: set[int],
             came: dict[int, int], flow: set[tuple[int, int]], ended: set[int]) -> bool:
    """Send one more path along a shortest augmenting path, if the residual graph has one
    (a simple path: the order its steps are applied in does not matter)."""
    parent: dict[Node, Node | None] = {(start, True): None}
    queue = deque(parent)
    while queue:
        node = queue.popleft()
        x, out = node
        if out and x in ends and x not in ended:
            ended.add(x)
            back = parent[node]
            while back is not None:
                (u, u_out), (y, y_out) = back, node
                if u_out and not y_out and u != y:  # u's exit to y's entry
                    flow.add((u, y))
                    came[y] = u
                elif u_out and not y_out:  # back from u's exit to its entry
                    used.discard(u)
                elif not u_out and y_out and u == y:  # through u
                    used.add(u)
                else:  # back from u's entry along the edge y -> u
                    flow.discard((y, u))
                    if came.get(u) == y:
                        del came[u]
                node, back = back, parent[back]
            return True
        if out:
            nexts = [(y, False) for y in bits(near[x]) if (x, y) not in flow]
            if x in used and x != start:
                nexts.append((x, False))  # back along x's own entry-exit
        else:
            nexts = [] if x in used else [(x, True)]
            if x in came:
                nexts.append((came[x], True))  # back along the edge a path enters x by
        for nxt in nexts:
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    return False
