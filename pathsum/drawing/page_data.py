"""What the HTML page shows, computed here from the engines' results, embedded as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..analysis import Analysis
from ..display import count_text, rounded
from ..engines.sweeps import Direction
from ..explain import EXPLAIN_LIMIT, factor, lines_of, named_paths, path_sums
from ..pathnames import PathNames
from .dot import Marks, equals, sweep_head, sweep_note

__all__ = ["page_data", "sweep_steps"]

def page_data(analysis: Analysis, digits: int = 4, *, found: Marks | None = None,
              wrt: Sequence[str] = (), of: Sequence[str] = ()) -> dict[str, Any]:
    """The page script's JSON-ready data, opening on what ``found`` (``--wrt`` ...) marked."""
    cg = analysis.compiled
    names = cg.names
    found = found or Marks()
    sweeps: dict[str, dict[str, Any]] = {}
    for direction in Direction:
        kept = analysis.results[direction.value].per_node or {}
        sweeps[direction.value] = {
            str(seed): _sweep(analysis, direction, seed, kept[seed], digits)
            for seed in direction.seeds(cg)}
    from_input = {x: cg.reached_from([x]) for x in cg.inputs}
    entries, namer = [], PathNames(cg)
    for y in cg.outputs:
        to_y = cg.reaching([y])
        for x in cg.inputs:
            edges = [e for e in range(cg.n_edges) if from_input[x][cg.src[e]] and to_y[cg.dst[e]]]
            entries.append(_entry(analysis, sweeps, y, x, edges, namer, digits))
    # The first selection: what --wrt, --of and --path marked.
    ids = {name: v for v, name in enumerate(names)}
    path = namer.name(found.path) if found.path else None
    said = [*(f"forward from {x}" for x in wrt), *(f"reverse from {y}" for y in of),
            *([f"path {path}"] if path else [])]
    initial = {"notes": {str(v): lines for v, lines in sorted(found.notes.items())},
               "edges": sorted(found.highlight), "seeds": sorted({ids[n] for n in (*wrt, *of)}),
               "path": path, "title": "; ".join(said) or "Nothing selected"}
    return {"names": names, "edge_names": [namer.name([e]) for e in range(cg.n_edges)],
            "inputs": cg.inputs, "outputs": cg.outputs, "sweeps": sweeps,
            "entries": entries, "initial": initial,
            "notes_per_node": max([1, *(len(lines) for lines in found.notes.values())])}

def sweep_steps(analysis: Analysis, direction: Direction, seed: int, values: list[Any],
                digits: int = 4) -> list[dict[str, Any]]:
    """The sweep from ``seed`` node by node: each node reached, the edges read, terms added."""
    cg = analysis.compiled
    names, partial, active = cg.names, cg.partial, cg.active
    nodes, edges, sender = direction.walk(cg, seed)
    reached = {seed}
    steps = [_step(direction, names, seed, seed, values[seed], [], 0, digits)]
    for v in nodes:
        if not active[v]:
            continue
        terms: list[dict[str, Any]] = []
        total: Any = None
        mul = 0
        for e in edges[v]:
            u = sender[e]
            if u not in reached:
                continue
            term = partial[e] if u == seed else partial[e] * values[u]
            mul += u != seed
            total = term if total is None else total + term
            terms.append({"edge": e, "from": u, "partial": rounded(partial[e], digits),
                          "factor": None if u == seed else rounded(values[u], digits),
                          "term": rounded(term, digits), "sum": rounded(total, digits),
                          "product": factor(partial[e], digits) + (
                              "" if u == seed else "×" + factor(values[u], digits))})
        if terms:
            reached.add(v)
            steps.append(_step(direction, names, seed, v, values[v], terms, mul, digits))
    return steps

def _step(direction: Direction, names: list[str], seed: int, v: int, value: Any,
          terms: list[dict[str, Any]], mul: int, digits: int) -> dict[str, Any]:
    note = sweep_note(direction.value, names[seed], names[v], value, digits)
    if v == seed:
        said = f"{names[v]} is the seed: {note}"
    else:
        ends = ", ".join(names[t["from"]] for t in terms)
        side = "in-edges from" if direction is Direction.FORWARD else "out-edges to"
        added = " + ".join(t["product"] for t in terms)
        head = sweep_head(direction.value, names[seed], names[v])
        said = (f"{names[v]} reads its {side} {ends}: {head} = {added} "
                f"{equals(rounded(value, digits))} ({mul} mul, {len(terms) - 1} add)")
    return {"node": v, "value": rounded(value, digits), "note": note, "terms": terms,
            "mul": mul, "add": max(len(terms) - 1, 0), "said": said}

def _sweep(analysis: Analysis, direction: Direction, seed: int, values: list[Any],
           digits: int) -> dict[str, Any]:
    names = analysis.compiled.names
    name = names[seed]
    steps = sweep_steps(analysis, direction, seed, values, digits)
    return {"title": f"{direction.value} from {name}",
            "heading": f"d·/d{name}" if direction is Direction.FORWARD else f"d{name}/d·",
            "values": [rounded(value, digits) for value in values],
            "notes": [sweep_note(direction.value, name, names[v], value, digits)
                      for v, value in enumerate(values)],
            "steps": steps, "mul": sum(s["mul"] for s in steps),
            "add": sum(s["add"] for s in steps)}

def _entry(analysis: Analysis, sweeps: dict[str, dict[str, Any]], y: int, x: int,
           edges: list[int], namer: PathNames, digits: int) -> dict[str, Any]:
    """One Jacobian entry: the path engine's sum term by term and the sweeps', with costs."""
    names = analysis.compiled.names
    count, length = analysis.counts.paths[y][x], analysis.counts.lengths[y][x]
    head = f"d{names[y]}/d{names[x]}"
    listed = count <= EXPLAIN_LIMIT
    (sums,) = path_sums(analysis, wrt=[names[x]], of=[names[y]], digits=digits)
    lines = lines_of(analysis, [sums], EXPLAIN_LIMIT, "--max-paths", digits)
    paths = sums.paths if sums.paths is not None else \
        named_paths(analysis, x, y, namer, digits) if listed else []  # past max_paths
    terms = [{"name": p.name, "edges": p.edges, "factors": p.term,
              "value": rounded(p.value, digits)} for p in paths]
    costs = []
    for d, seed, other in ((Direction.FORWARD, x, "d·/d" + names[x]),
                           (Direction.REVERSE, y, f"d{names[y]}/d·")):
        sweep = sweeps[d.value][str(seed)]
        costs.append(f"{d.value} sweep from {names[seed]}: {sweep['mul']} mul, {sweep['add']} "
                     f"add, and with it {other} on every node")
    jacobians = [analysis.results[d.value].jacobian or {} for d in Direction]
    forms = {rounded(jacobian[y][x], digits) for jacobian in jacobians}
    return {"output": y, "input": x, "head": head, "value": rounded(jacobians[-1][y][x], digits),
            "explain": "\n".join(lines), "terms": terms, "edges": edges, "listed": listed,
            "path_cost": (f"path engine: {count_text(count, 'term')}, one per path: "
                          f"{length - count} mul, {max(count - 1, 0)} add"),
            "sweep_value": f"forward and reverse: {head} {' '.join(map(equals, sorted(forms)))}",
            "sweep_costs": costs}
