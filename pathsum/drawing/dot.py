"""A graph drawn bottom to top as in the post: DOT text made here; SVG and PNG by Graphviz;
one self-contained HTML page to click through the sweeps and paths (data: :mod:`.page_data`)."""

from __future__ import annotations

import contextlib
import html
import json
import math
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from ..analysis import Analysis
from ..compiled import CompiledGraph
from ..display import rounded, show
from ..errors import PathsumError, UsageError
from ..graph import Graph
from ..pathnames import PathNames
from ..printable import printable

__all__ = ["Marks", "dot_timeout", "drawing", "equals", "formula_labels", "marks", "note_room",
           "page", "render", "require_dot", "sweep_head", "sweep_note", "to_dot"]

@dataclass
class Marks:
    """What a drawing adds to the bare graph, by node or edge id."""
    notes: dict[int, list[str]] = field(default_factory=dict)  # e.g. ["de/dc = 2"]
    highlight: set[int] = field(default_factory=set)
    path: list[int] = field(default_factory=list)  # --path's edges from its first node
    edge_labels: dict[int, str] = field(default_factory=dict)  # replace the partials

def quote(text: str) -> str:
    """A DOT string; a line feed breaks the line, other controls shown escaped (issue 19)."""
    lines = (printable(line).replace("\\", "\\\\").replace('"', '\\"')
             for line in text.split("\n"))
    return '"' + "\\n".join(lines) + '"'

def caption(name: str, description: str | None, width: float = 360.0,
            measure: Callable[[str], float] | None = None) -> str:
    """The name, then the description, wrapped into lines at most ``width`` points wide."""
    measure = measure or (lambda word: 6.0 * len(word))
    space = measure(" ")
    lines: list[str] = []
    for paragraph in (name, description or ""):
        line, used = "", 0.0
        for word in paragraph.split():
            wide = measure(word)
            if line and used + space + wide > width:
                lines.append(line)
                line, used = "", 0.0
            line, used = (f"{line} {word}", used + space + wide) if line else (word, wide)
        lines += [line] if line else []
    return "\n".join(lines) if lines else name

def sweep_note(direction: str, seed: str, node: str, value: Any, digits: int = 4) -> str:
    """``dnode/dseed = value`` forward, ``dseed/dnode = value`` in reverse."""
    return f"{sweep_head(direction, seed, node)} {equals(rounded(value, digits))}"

def sweep_head(direction: str, seed: str, node: str) -> str:
    """``dnode/dseed`` forward, ``dseed/dnode`` in reverse."""
    top, bottom = (node, seed) if direction == "forward" else (seed, node)
    return f"d{top}/d{bottom}"

def equals(text: str) -> str:
    """``= 0.5``, or ``≈ 0.3333`` for a value :func:`~pathsum.display.rounded` rounded."""
    return f"≈ {text[1:]}" if text.startswith("≈") else f"= {text}"

def marks(analysis: Analysis, *, wrt: Sequence[str] = (), of: Sequence[str] = (),
          path: str | Sequence[str] = (), digits: int = 4) -> Marks:
    """The notes of ``--wrt`` and ``--of`` on every node, and the edges of ``--path``."""
    from ..explain import narrowed
    names = analysis.compiled.names
    inputs, outputs = narrowed(analysis, wrt, of)
    found = Marks()
    for direction, ends, values in (("forward", inputs if wrt else [], analysis.tangents()),
                                    ("reverse", outputs if of else [], analysis.adjoints())):
        for seed in ends:
            for v, value in enumerate((values or {})[names[seed]].values()):
                found.notes.setdefault(v, []).append(
                    sweep_note(direction, names[seed], names[v], value, digits))
    if path:
        found.path = PathNames(analysis.compiled).select(path)
        found.highlight.update(found.path)
    return found

def to_dot(analysis: Analysis, found: Marks | None = None, *, digits: int = 4,
           title: str | None = None) -> str:
    """The graph as DOT; each edge E through a label node ``eE``, its parts of class ``edge-E``."""
    found = found or Marks()
    g, cg = analysis.graph, analysis.compiled
    lines = [
        "digraph G {",  # the name goes in the label only: SVG comments repeat this one
        "  rankdir=BT; nodesep=0.3; ranksep=0.2;",
        (f"  label={quote(caption(g.name, g.description) if title is None else title)}; "
         'labelloc=t; fontname="Helvetica"; fontsize=12;'),
        '  node [fontname="Helvetica", fontsize=12];',
        '  edge [fontname="Helvetica", fontsize=11, arrowsize=0.8];',
    ]
    inputs, outputs = set(cg.inputs), set(cg.outputs)
    for v, name in enumerate(cg.names):
        formula = g.network.nodes[name].get("formula")  # c = a + b, its value below
        head = f"{name} = {formula}" if formula else name
        if g.values is not None:
            value = equals(rounded(g.values[name], digits))
            head = f"{head}\n{value}" if formula else f"{name} {value}"
        text = [head, *found.notes.get(v, [])]
        style = ('shape=box, style="rounded,filled", fillcolor="#e8f0fe"' if v in inputs else
                 "shape=ellipse, peripheries=2" if v in outputs else "shape=ellipse")
        lines.append(f'  n{v} [id="node-{v}", label={quote(chr(10).join(text))}, {style}];')
    lines.append('  node [shape=plaintext, fontsize=11, margin="0.03,0.02", width=0, '
                 "height=0];")  # edge labels
    for e in range(cg.n_edges):
        partial = rounded(cg.partial[e], digits)  # under symbolic arithmetic, the symbol
        label = found.edge_labels.get(e) or (f"{cg.symbol[e]} {equals(partial)}" if cg.symbol[e]
                                             and g.arith != "symbolic" else partial)
        red = ', color="#d62728", penwidth=3' if e in found.highlight else ""
        ink = ', fontcolor="#d62728"' if e in found.highlight else ""
        lines += [f'  e{e} [id="label-{e}", class="edge-{e}", label={quote(label)}{ink}];',
                  (f'  n{cg.src[e]} -> e{e} [id="edge-{e}-tail", class="edge-{e}", '
                   f"arrowhead=none{red}];"),
                  f'  e{e} -> n{cg.dst[e]} [id="edge-{e}", class="edge-{e}"{red}];']
    top = set(cg.outputs)  # less those feeding a node off the top rank, repeatedly
    while off := {y for y in top if any(cg.dst[e] not in top for e in cg.out_edges[y])}:
        top -= off
    across = [f"e{e}" for y in top for e in cg.out_edges[y]]  # between two outputs on top
    for row, rank in (([f"n{x}" for x in cg.inputs], "min"),
                      ([f"n{y}" for y in cg.outputs if y in top] + across, "max")):
        if row:  # after every node is declared, so that each keeps its own attributes
            lines.append(f"  {{ rank={rank}; {' '.join(f'{v};' for v in row)} }}")
    return "\n".join([*lines, "}"]) + "\n"

def formula_labels(graph: Graph, cg: CompiledGraph) -> dict[int, str]:
    """Edge id -> ``∂v/∂u = formula`` (``draw --formulas``), differentiated by sympy."""
    from ..arith import Symbolic
    from ..formula import parse_formula
    derivatives: dict[str, dict[str, str]] = {}
    if graph.values is not None:
        symbolic = Symbolic(asked_by="--formulas")
        for name in cg.names:
            if (text := graph.network.nodes[name].get("formula")) is not None:
                formula = parse_formula(text)
                _value, partials = formula.evaluate(
                    {used: symbolic.symbol(used) for used in formula.names}, symbolic)
                derivatives[name] = {used: str(d) for used, d in partials.items()}
    labels: dict[int, str] = {}
    for e in range(cg.n_edges):
        u, v = cg.names[cg.src[e]], cg.names[cg.dst[e]]
        local = derivatives[v][u] if v in derivatives else cg.symbol[e] or show(cg.partial[e])
        labels[e] = f"∂{v}/∂{u} = {local}"
    return labels

def require_dot(what: str) -> str:
    """The path of ``dot``, or a one-line :class:`UsageError` saying how to install it."""
    if (found := shutil.which("dot")) is None:
        raise UsageError(f"drawing {what} needs Graphviz's dot program, which is not installed "
                         "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install "
                         "graphviz); .dot works without it")
    return found

def dot_timeout() -> float:
    """The seconds ``dot`` may run: ``PATHSUM_DOT_TIMEOUT`` (a positive number) or 60."""
    raw = os.environ.get("PATHSUM_DOT_TIMEOUT", "")
    if not raw.strip():
        return 60.0
    with contextlib.suppress(ValueError):
        if math.isfinite(seconds := float(raw)) and seconds > 0:
            return seconds
    raise UsageError(f"PATHSUM_DOT_TIMEOUT={raw[:40]!r} is not a positive number of seconds")

def render(dot_text: str, fmt: str) -> bytes:
    """DOT text laid out as ``svg``, ``png`` or ``plain`` bytes; ``dot`` killed however it ends."""
    program = require_dot(f".{fmt}")
    seconds = dot_timeout()
    # A session of its own: dot and anything it starts are one process group to kill.
    with subprocess.Popen([program, f"-T{fmt}"], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as process:
        try:
            out, err = process.communicate(dot_text.encode("utf-8"), timeout=seconds)
        except subprocess.TimeoutExpired:
            raise PathsumError(f"Graphviz dot did not finish in {seconds:g} s and was stopped "
                               "(PATHSUM_DOT_TIMEOUT gives it longer; a .dot file is written "
                               "without Graphviz)") from None
        finally:
            if process.returncode is None:  # not reaped: its id is still its group's
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
    if process.returncode != 0:
        said = err.decode("utf-8", "replace").strip().splitlines()
        raise PathsumError(f"Graphviz dot failed: {said[0] if said else process.returncode}")
    return out

def drawing(analysis: Analysis, found: Marks | None, kind: str, digits: int = 4) -> bytes:
    """The drawing as ``dot`` text, or ``svg`` or ``png`` bytes made by Graphviz."""
    g = analysis.graph
    if kind == "dot":
        return to_dot(analysis, found, digits=digits).encode("utf-8")
    words = f"{g.name} {g.description or ''}".split()
    width, widths = measured(to_dot(analysis, found, digits=digits, title=""), words)
    # 20 points of slack between the caption's measured words and the drawing's edge
    title = caption(g.name, g.description, max(width - 20.0, 0.0), widths.__getitem__)
    data = render(to_dot(analysis, found, digits=digits, title=title), kind)
    return grouped_edges(data.decode("utf-8")).encode("utf-8") if kind == "svg" else data

def measured(dot_text: str, words: list[str]) -> tuple[float, dict[str, float]]:
    """The drawing's width in points, and each word's (and a space's), from one Graphviz run."""
    probes = [*dict.fromkeys(words), "a a", "aa"]
    nodes = "".join(f"  w{i} [label={quote(word)}];\n" for i, word in enumerate(probes))
    probe = ('digraph W {\n  node [shape=plaintext, margin=0, width=0, height=0, '
             f'fontname="Helvetica", fontsize=12];\n{nodes}}}\n')
    plain = render(dot_text + probe, "plain").decode("utf-8")
    width = 72.0 * float(plain.split("\n", 1)[0].split()[2])
    found = {int(line.split()[1][1:]): 72.0 * float(line.split()[4])
             for line in plain[plain.index("stop"):].splitlines() if line.startswith("node w")}
    widths = {word: found[i] for i, word in enumerate(probes)}
    widths[" "] = widths.pop("a a") - widths.pop("aa")
    return width, widths

_PART = re.compile(r'<g id="(edge|label)(?:-|&#45;)(\d+)(?:-|&#45;)?(tail)?" class="[^"]*">\n'
                   r"<title>([^<]*)</title>\n(.*?)</g>\n", re.DOTALL)

def grouped_edges(svg: str) -> str:
    """Graphviz's SVG with each edge's three parts in one ``<g id="edge-E" class="edge">``."""
    parts = {(m[2], m[3] or m[1]): (m[4], m[5]) for m in _PART.finditer(svg)}

    def joined(m: re.Match[str]) -> str:
        e, part = m[2], m[3] or m[1]
        if any((e, other) not in parts for other in ("edge", "tail", "label")):
            return m[0]
        if part != "edge":
            return ""  # moved into the edge's group
        (tail_title, tail), (_, label) = parts[(e, "tail")], parts[(e, "label")]
        title = tail_title.rsplit("&gt;", 1)[0] + "&gt;" + m[4].rsplit("&gt;", 1)[1]
        return f'<g id="edge-{e}" class="edge">\n<title>{title}</title>\n{tail}{label}{m[5]}</g>\n'
    return _PART.sub(joined, svg)

def page(analysis: Analysis, found: Marks | None = None, digits: int = 4, *,
         wrt: Sequence[str] = (), of: Sequence[str] = ()) -> str:
    """The page: the SVG drawing inline, opened on ``found``, everything escaped."""
    from .page_data import page_data  # which imports this module
    found = found or Marks()
    data = page_data(analysis, digits, found=found, wrt=wrt, of=of)
    room = Marks(notes=note_room(data), edge_labels=found.edge_labels)
    svg = drawing(analysis, room, "svg", digits).decode("utf-8")
    # Keep only the <svg> element: no XML prolog, doctype or comments inside HTML.
    svg = re.sub(r"<!--.*?-->", "", svg[svg.index("<svg"):], flags=re.DOTALL)
    text = json.dumps(data, ensure_ascii=False).translate(
        {ord(c): f"\\u{ord(c):04x}" for c in "<>&\u2028\u2029"})
    here = files(__package__)
    parts = {"@TITLE@": html.escape(analysis.graph.name), "@SVG@": svg, "@DATA@": text,
             "@CSS@": here.joinpath("page.css").read_text(encoding="utf-8"),
             "@JS@": here.joinpath("page.js").read_text(encoding="utf-8")}
    template = here.joinpath("page.html").read_text(encoding="utf-8")
    return re.sub("|".join(parts), lambda m: parts[m.group(0)], template)

def note_room(data: dict[str, Any]) -> dict[int, list[str]]:
    """Per node, room for the widest note and the most notes any selection writes on it."""
    written: list[list[str]] = [[] for _ in data["names"]]
    for sweeps in data["sweeps"].values():
        for sweep in sweeps.values():
            for v, note in enumerate(sweep["notes"]):
                written[v].append(note)
    for v, lines in data["initial"]["notes"].items():
        written[int(v)] += lines
    return {v: [max(notes, key=len) + "00"] * data["notes_per_node"]
            for v, notes in enumerate(written) if notes}
