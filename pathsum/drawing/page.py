"""One self-contained HTML page (no network): the drawn graph, where clicking an input
shows its forward sweep on every node, clicking an output its reverse sweep, and clicking
a Jacobian entry highlights its paths and writes out their sum."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from ..analysis import Analysis
from ..compiled import reached_by_search
from ..display import rounded
from ..explain import explain

__all__ = ["page", "page_data"]

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} · pathsum</title>
<style>
body {{ font-family: Helvetica, Arial, sans-serif; margin: 1.5em; color: #222; }}
#drawing {{ overflow-x: auto; }}
#drawing svg {{ max-width: none; height: auto; }}
.node.clickable {{ cursor: pointer; }}
.node.seed ellipse, .node.seed polygon, .node.seed path {{ stroke: #1f77b4; stroke-width: 3; }}
text.sweep {{ fill: #1f77b4; font-weight: bold; font-size: 13px; }}
.edge.hl path {{ stroke: #d62728; stroke-width: 3; }}
.edge.hl polygon {{ stroke: #d62728; fill: #d62728; }}
.edge.hl text {{ fill: #d62728; }}
table {{ border-collapse: collapse; margin: 0.5em 0; }}
td, th {{ border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }}
#jacobian td {{ cursor: pointer; }}
#jacobian td.on {{ background: #fde0e0; }}
#paths {{ font-family: monospace; white-space: pre-wrap; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>Click an input (bottom) for its forward sweep: d node/d input on every node. Click an
output (top) for its reverse sweep: d output/d node on every node. Click a Jacobian entry
to highlight its paths.</p>
<div id="drawing">{svg}</div>
<h2 id="sweep-title">No sweep shown</h2>
<table id="sweep"></table>
<h2>Jacobian</h2>
<table id="jacobian"></table>
<p id="paths"></p>
<script>
const DATA = {data};
const SVG_NS = "http://www.w3.org/2000/svg";
function nodeGroup(v) {{ return document.getElementById("node-" + v); }}
function note(v, text) {{
  const g = nodeGroup(v);
  let t = g.querySelector("text.sweep");
  if (!t) {{
    const box = g.getBBox();
    t = document.createElementNS(SVG_NS, "text");
    t.setAttribute("class", "sweep");
    t.setAttribute("text-anchor", "start");
    t.setAttribute("x", box.x + box.width + 4);
    t.setAttribute("y", box.y + box.height / 2 + 4);
    g.appendChild(t);
  }}
  t.textContent = text;
}}
function showSweep(kind, seed) {{
  const values = DATA[kind][seed];
  const name = DATA.names[seed];
  document.querySelectorAll(".node.seed").forEach(g => g.classList.remove("seed"));
  nodeGroup(seed).classList.add("seed");
  const heading = kind === "forward" ? "d·/d" + name : "d" + name + "/d·";
  document.getElementById("sweep-title").textContent =
    (kind === "forward" ? "forward from " : "reverse from ") + name;
  const table = document.getElementById("sweep");
  table.replaceChildren();
  const head = table.insertRow();
  for (const text of ["node", heading]) {{
    const th = document.createElement("th"); th.textContent = text; head.appendChild(th);
  }}
  DATA.names.forEach((node, v) => {{
    note(v, values[v]);
    const row = table.insertRow();
    row.insertCell().textContent = node;
    row.insertCell().textContent = values[v];
  }});
}}
function showEntry(k) {{
  const entry = DATA.entries[k];
  document.querySelectorAll(".edge.hl").forEach(g => g.classList.remove("hl"));
  entry.edges.forEach(e => document.getElementById("edge-" + e).classList.add("hl"));
  document.querySelectorAll("#jacobian td.on").forEach(td => td.classList.remove("on"));
  document.getElementById("entry-" + k).classList.add("on");
  document.getElementById("paths").textContent = entry.explain;
}}
(function setUp() {{
  for (const [kind, seeds] of [["forward", DATA.inputs], ["reverse", DATA.outputs]]) {{
    for (const seed of seeds) {{
      const g = nodeGroup(seed);
      g.classList.add("clickable");
      g.addEventListener("click", () => showSweep(kind, seed));
    }}
  }}
  const table = document.getElementById("jacobian");
  const head = table.insertRow();
  head.appendChild(document.createElement("th"));
  for (const x of DATA.inputs) {{
    const th = document.createElement("th"); th.textContent = "d·/d" + DATA.names[x];
    head.appendChild(th);
  }}
  let k = 0;
  for (const y of DATA.outputs) {{
    const row = table.insertRow();
    const th = document.createElement("th"); th.textContent = "d" + DATA.names[y];
    row.appendChild(th);
    for (const x of DATA.inputs) {{
      const cell = row.insertCell();
      const mine = k;
      cell.id = "entry-" + mine;
      cell.textContent = DATA.entries[mine].value;
      cell.addEventListener("click", () => showEntry(mine));
      k += 1;
    }}
  }}
}})();
</script>
</body>
</html>
"""


def page_data(analysis: Analysis, digits: int = 4) -> dict[str, Any]:
    """What the page's script needs: names, every sweep's values as text (to ``digits``
    significant digits), and for each Jacobian entry its value, the edges on its paths
    and its sum over paths written out.

    Examples
    --------
    >>> from pathsum import analyze, loads
    >>> a = analyze(loads("inputs: {a: 2, b: 1}\\nnodes: {c: a + b, d: b + 1, e: c * d}\\n"),
    ...             ["forward", "reverse"], per_node=True)
    >>> data = page_data(a)
    >>> data["forward"][1], data["entries"][1]["edges"], data["entries"][1]["explain"]
    (['0', '1', '1', '1', '5'], [1, 2, 3, 4], 'de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5')
    """
    cg = analysis.compiled
    names = cg.names
    tangents, adjoints = analysis.tangents() or {}, analysis.adjoints() or {}
    jacobian = analysis.results["reverse"].jacobian or {}
    from_input = {x: reached_by_search(cg.n_nodes, cg.src, cg.dst, [x]) for x in cg.inputs}
    entries = []
    for y in cg.outputs:
        to_y = cg.reaching([y])
        for x in cg.inputs:
            from_x = from_input[x]
            edges = [e for e in range(cg.n_edges) if from_x[cg.src[e]] and to_y[cg.dst[e]]]
            line = explain(analysis, wrt=[names[x]], of=[names[y]], max_paths_name="--max-paths",
                           digits=digits)
            entries.append({"output": y, "input": x, "value": rounded(jacobian[y][x], digits),
                            "edges": edges, "explain": "\n".join(line)})
    return {
        "names": names,
        "inputs": cg.inputs,
        "outputs": cg.outputs,
        "forward": {x: [rounded(v, digits) for v in tangents[names[x]].values()]
                    for x in cg.inputs},
        "reverse": {y: [rounded(v, digits) for v in adjoints[names[y]].values()]
                    for y in cg.outputs},
        "entries": entries,
    }


def page(analysis: Analysis, svg: str, digits: int = 4) -> str:
    """The page, with Graphviz's ``svg`` of the graph inline and everything escaped: names,
    descriptions and values can never close a tag or the script; numbers to ``digits``
    significant digits.
    """
    g = analysis.graph
    # Keep only the <svg> element: no XML prolog, doctype or comments inside HTML.
    svg = re.sub(r"<!--.*?-->", "", svg[svg.index("<svg"):], flags=re.DOTALL)
    data = json.dumps(page_data(analysis, digits), ensure_ascii=False)
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                      ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        data = data.replace(raw, safe)
    return _PAGE.format(title=html.escape(g.name), svg=svg, data=data)
