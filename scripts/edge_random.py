#!/usr/bin/env python3
"""Where edge elimination beats every vertex order, on seeded random DAGs (issue 18 item 5).

    python scripts/edge_random.py --nodes 12 --seeds 0..199 --budget 1
    python scripts/edge_random.py --nodes 40 --seeds 0..19 --budget 10 --degree 3

For each seed, ``pathsum generate random`` (the ``random_dag`` family) with these
parameters; the least ``mul`` of a vertex order (``eliminate-optimal`` up to 20
intermediates, else ``eliminate-search`` with the budget, which may be unproven) beside
``eliminate-edge`` and ``eliminate-edge-search`` with the same budget. One line per graph
where the edge search is cheaper than the vertex order, then a summary. Nothing here
asserts a time; under load the searches reach less.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathsum import compile_graph, load, random_dag
from pathsum.engines.edge_eliminate import edge_engine
from pathsum.engines.edge_search import edge_search_engine
from pathsum.engines.eliminate import MAX_OPTIMAL, eliminate_engine
from pathsum.engines.linear import intermediates
from pathsum.engines.search import search_engine


def seeds(text: str) -> range:
    first, _, last = text.partition("..")
    return range(int(first), int(last or first) + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=12)
    parser.add_argument("--degree", type=float, default=2.5)
    parser.add_argument("--inputs", type=int, default=2)
    parser.add_argument("--outputs", type=int, default=2)
    parser.add_argument("--seeds", type=seeds, default=seeds("0..99"))
    parser.add_argument("--budget", type=float, default=1.0)
    args = parser.parse_args()
    beaten = proven = heuristic = vertex_proven = 0
    for seed in args.seeds:
        cg = compile_graph(load(random_dag(args.nodes, degree=args.degree, seed=seed,
                                           inputs=args.inputs, outputs=args.outputs)))
        if len(intermediates(cg)) <= MAX_OPTIMAL:
            vertex, vertex_is_optimal = eliminate_engine(cg, "optimal").mul, True
        else:
            found = search_engine(cg, args.budget)
            vertex, vertex_is_optimal = found.mul, bool(found.optimal)
        vertex_proven += vertex_is_optimal
        edges = edge_search_engine(cg, args.budget)
        greedy = edge_engine(cg).mul
        proven += bool(edges.optimal)
        heuristic += greedy < vertex
        if edges.mul < vertex:
            beaten += 1
            print(f"seed {seed}: vertex {vertex}{'' if vertex_is_optimal else ' (unproven)'}, "
                  f"eliminate-edge {greedy}, eliminate-edge-search {edges.mul}"
                  f"{' (proven)' if edges.optimal else ''}", flush=True)
    n = len(args.seeds)
    print(f"{n} random DAGs of {args.nodes} nodes (degree {args.degree}, {args.inputs} inputs, "
          f"{args.outputs} outputs), budget {args.budget:g} s: edge search below the best "
          f"vertex order on {beaten}, eliminate-edge alone on {heuristic}; edge search "
          f"proven on {proven}, vertex order proven on {vertex_proven}")


if __name__ == "__main__":
    main()
