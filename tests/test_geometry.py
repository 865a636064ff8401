"""The drawings' geometry as a browser lays them out (issue 16): on every graph of graphs/
and on a traced program of 27 nodes, as SVG and inside the HTML page, no piece of text
overlaps another, a node it does not belong to, or an edge line it does not label; the
page shows the text at a readable size."""

from __future__ import annotations

import pytest
from oracles import GRAPHS, ROOT, run_cli
from test_page import browser  # noqa: F401  (the headless Chromium fixture)
from test_page import pytestmark as needs_browser

pytestmark = [needs_browser, pytest.mark.slow]

#: The check, run in the page: every <text> is a piece of the label of its node or edge
#: group (the caption lines, one piece). Boxes are the browser's, in client pixels; a text's
#: box is grown by GAP, so that two labels must stand apart ("βγ" read as one word before)
#: and a line must pass a label at a distance. The line of an edge may come up to its own
#: label, but not into it (a "-1" whose minus sits on its line reads as "1"). Arrowheads of
#: two edges must not overlap.
OVERLAPS = """
const svg = arguments[0] ? document.querySelector(arguments[0]) : document.documentElement;
const GAP = 1.5;
function owner(el) {
  const g = el.closest("g.node, g.edge");
  return g ? g.id : "caption";
}
function box(el, grow = 0) {
  const r = el.getBoundingClientRect();
  return {x0: r.left - grow, y0: r.top - grow, x1: r.right + grow, y1: r.bottom + grow};
}
function meet(a, b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }
function inside(p, b) { return b.x0 < p.x && p.x < b.x1 && b.y0 < p.y && p.y < b.y1; }
function hitsEllipse(b, e) {  // does box b meet the ellipse inscribed in e's box?
  const cx = (e.x0 + e.x1) / 2, cy = (e.y0 + e.y1) / 2;
  const rx = (e.x1 - e.x0) / 2, ry = (e.y1 - e.y0) / 2;
  const nx = Math.max(b.x0, Math.min(cx, b.x1)), ny = Math.max(b.y0, Math.min(cy, b.y1));
  return ((nx - cx) / rx) ** 2 + ((ny - cy) / ry) ** 2 < 1;
}
const texts = [...svg.querySelectorAll("text")].filter(t => t.textContent.trim())
  .map(t => ({owner: owner(t), box: box(t, GAP), own: box(t), text: t.textContent}));
const shapes = [...svg.querySelectorAll("g.node")].map(g => {
  const outline = g.querySelector("ellipse, polygon, path");
  return {owner: g.id, box: box(outline), round: outline.tagName === "ellipse"};
});
const found = [];
texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
  if (a.owner !== b.owner && meet(a.box, b.box))
    found.push(`text "${a.text}" (${a.owner}) overlaps text "${b.text}" (${b.owner})`);
}));
for (const t of texts) for (const s of shapes) {
  if (t.owner !== s.owner && (s.round ? hitsEllipse(t.box, s.box) : meet(t.box, s.box)))
    found.push(`text "${t.text}" (${t.owner}) overlaps node ${s.owner}`);
}
for (const g of svg.querySelectorAll("g.edge")) {
  const points = [];
  for (const path of g.querySelectorAll("path")) {
    const m = path.getScreenCTM(), length = path.getTotalLength();
    for (let s = 0; s <= length; s += 1) points.push(path.getPointAtLength(s).matrixTransform(m));
  }
  for (const polygon of g.querySelectorAll("polygon")) {
    const m = polygon.getScreenCTM();
    for (const q of polygon.points) points.push(q.matrixTransform(m));
  }
  for (const t of texts) {
    if (points.some(p => inside(p, t.owner === g.id ? t.own : t.box)))
      found.push(`the line of ${g.id} crosses text "${t.text}" (${t.owner})`);
  }
}
const heads = [...svg.querySelectorAll("g.edge")].flatMap(
  g => [...g.querySelectorAll("polygon")].map(p => ({owner: g.id, box: box(p)})));
heads.forEach((a, i) => heads.slice(i + 1).forEach(b => {
  if (a.owner !== b.owner && meet(a.box, b.box))
    found.push(`the arrowheads of ${a.owner} and ${b.owner} overlap`);
}));
return {found: found, texts: texts.length, edges: svg.querySelectorAll("g.edge").length,
        smallest: Math.min(...texts.map(t => t.own.y1 - t.own.y0))};
"""


def traced_program(tmp_path) -> str:
    """micrograd's expression traced: 27 nodes, 39 edges, negative partials."""
    out = tmp_path / "traced.yaml"
    result = run_cli("trace", str(ROOT / "examples" / "micrograd.py") + ":expression",
                     "--at", "a=-4,b=2", "-o", str(out))
    assert result.exit_code == 0, result.output
    return str(out)


GRAPH_FILES = [*sorted(p.name for p in GRAPHS.glob("*.yaml")), "traced micrograd"]
CASES = [(g, []) for g in GRAPH_FILES] + [
    ("path-explosion.yaml", ["--arith", "symbolic"]),
    ("olah.yaml", ["--wrt", "b", "--of", "e", "--path", "b,d,e"]),
    ("lighthouse.yaml", ["--of", "y1", "--wrt", "gamma"]),
    ("lighthouse.yaml", ["--arith", "symbolic"]),
    ("olah.yaml", ["--arith", "exact", "--formulas"]),
]


@pytest.mark.parametrize("suffix", [".svg", ".html"])
@pytest.mark.parametrize(("graph", "args"), CASES, ids=[" ".join([g, *a]) for g, a in CASES])
def test_no_text_overlaps_text_a_node_or_a_line(browser, tmp_path, graph, args,  # noqa: F811
                                                 suffix):
    source = traced_program(tmp_path) if graph == "traced micrograd" else str(GRAPHS / graph)
    out = tmp_path / f"drawing{suffix}"
    result = run_cli("draw", source, *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    browser.get(out.as_uri())
    seen = browser.execute_script(OVERLAPS, "#drawing svg" if suffix == ".html" else None)
    assert seen["texts"] > 3 and seen["edges"] > 0
    assert seen["found"] == []
    if suffix == ".html":  # the page shows the drawing at its size, never shrunk to fit
        assert seen["smallest"] >= 12, f"text drawn {seen['smallest']:.1f} px tall"


def test_the_check_finds_overlaps(browser, tmp_path):  # noqa: F811
    """The check can fail: Graphviz's own edge labels, as pathsum drew them before, put
    the labels of parallel edges side by side ("βγ"), their arrowheads on each other, and
    a label against its line."""
    from pathsum.drawing import render

    edges = "".join(f'{u} -> {v} [label="{label}"]; ' for u, v, label in [
        ("X", "Y", "α"), ("X", "Y", "β"), ("X", "Y", "γ"), ("Y", "Z", "δ"), ("Y", "Z", "ε"),
        ("Y", "Z", "ζ"), ("Y", "W", "-1")])
    dot_text = ('digraph { rankdir=BT; nodesep=0.9; ranksep=0.9; node [fontname="Helvetica", '
                'fontsize=12]; edge [fontname="Helvetica", fontsize=11]; ' + edges + "}")
    out = tmp_path / "old.svg"
    out.write_bytes(render(dot_text, "svg"))
    browser.get(out.as_uri())
    found = browser.execute_script(OVERLAPS, None)["found"]
    assert any("overlaps text" in said for said in found), found
    assert any("arrowheads" in said for said in found), found
    assert 'the line of edge7 crosses text "-1" (edge7)' in found
