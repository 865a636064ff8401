"""``pathsum draw``: DOT made by pathsum, SVG/PNG through Graphviz, and the HTML page."""

from __future__ import annotations

import os
import re
import shutil
import struct
import sys
import warnings
import xml.etree.ElementTree as ET

import pydot
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, run_cli

import pathsum
import pathsum.drawing.dot
from pathsum.drawing import to_dot

OLAH = str(GRAPHS / "olah.yaml")
EXPLOSION = str(GRAPHS / "path-explosion.yaml")
SVG = "{http://www.w3.org/2000/svg}"
#: CI installs Graphviz (.ci/run), so there a missing one fails instead of skipping.
needs_dot = pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"),
                               reason="Graphviz is not installed")

#: Names DOT treats as keywords, and text that would break quoting, HTML or the script.
HOSTILE = """\
name: '</script><script>window.pwned = 1</script>"\\'
description: 'say "hi" \\ n<b>old</b> & -- --> "'
inputs: {node: 2, graph: 1}
nodes:
  edge: node + graph
  subgraph: graph * 3
  strict: edge * subgraph
  σ: strict / 2
"""


def draw(*args: str) -> None:
    result = run_cli("draw", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""


def one_line_error(*args: str) -> str:
    result = run_cli("draw", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stderr.rstrip("\n")


def parsed(path) -> pydot.Dot:
    # pydot's parser calls pyparsing names that newer pyparsing deprecates (not our code).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        (graph,) = pydot.graph_from_dot_file(str(path), encoding="utf-8")
    return graph


def graph_edges(graph: pydot.Dot) -> dict[str, tuple[str, str, str, str | None]]:
    """Each edge of the graph, drawn n -> eE -> n through its label node eE: label node ->
    (tail, head, label, colour of both halves)."""
    labels = {n.get_name(): n for n in graph.get_nodes() if re.fullmatch(r"e\d+", n.get_name())}
    tails = {e.get_destination(): e for e in graph.get_edges() if e.get_destination() in labels}
    heads = {e.get_source(): e for e in graph.get_edges() if e.get_source() in labels}
    assert set(tails) == set(heads) == set(labels)
    assert all(tails[k].get_color() == heads[k].get_color() for k in labels)
    assert len(graph.get_edges()) == 2 * len(labels)
    return {k: (tails[k].get_source(), heads[k].get_destination(),
                pydot_unquote(labels[k].get_label()), heads[k].get_color()) for k in labels}


def edge_labels(graph: pydot.Dot) -> list[tuple[str, str, str]]:
    return [(u, v, label) for u, v, label, _colour in graph_edges(graph).values()]


def node_labels(graph: pydot.Dot) -> dict[str, str]:
    return {n.get_name(): pydot_unquote(n.get_label()) for n in graph.get_nodes()
            if re.fullmatch(r"n\d+", n.get_name())}


def pydot_unquote(text: str) -> str:
    """pydot keeps DOT's quoting: undo it as Graphviz reads it."""
    assert text.startswith('"') and text.endswith('"'), text
    out, i, body = [], 0, text[1:-1]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", '"': '"', "\\": "\\"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


# -- DOT -----------------------------------------------------------------------------------
def test_dot_parses_and_carries_every_edge_and_label(tmp_path):
    out = tmp_path / "olah.dot"
    draw(OLAH, "-o", str(out))
    graph = parsed(out)
    assert graph.get_rankdir() == "BT"  # bottom to top, as the post draws it
    assert sorted(edge_labels(graph)) == [("n0", "n2", "1"), ("n1", "n2", "1"),
                                          ("n1", "n3", "1"), ("n2", "n4", "2"),
                                          ("n3", "n4", "3")]
    assert node_labels(graph) == {"n0": "a = 2", "n1": "b = 1", "n2": "c = a + b\n= 3",
                                  "n3": "d = b + 1\n= 2", "n4": "e = c * d\n= 6"}


def test_parallel_edges_are_each_drawn_with_their_partial(tmp_path):
    out = tmp_path / "explosion.dot"
    draw(EXPLOSION, "-o", str(out))
    labels = sorted(label for _u, _v, label in edge_labels(parsed(out)))
    assert labels == ["α = 1", "β = 2", "γ = 3", "δ = 4", "ε = 5", "ζ = 6"]
    draw(EXPLOSION, "--arith", "symbolic", "-o", str(out))
    assert sorted(label for _u, _v, label in edge_labels(parsed(out))) == list("αβγδεζ")


def test_wrt_of_path_and_formulas(tmp_path):
    out = tmp_path / "olah.dot"
    draw(OLAH, "--wrt", "b", "-o", str(out))
    assert [label.splitlines()[-1] for label in node_labels(parsed(out)).values()] == [
        "da/db = 0", "db/db = 1", "dc/db = 1", "dd/db = 1", "de/db = 5"]
    draw(OLAH, "--of", "e", "--path", "b,d,e", "--formulas", "-o", str(out))
    graph = parsed(out)
    assert [label.splitlines()[-1] for label in node_labels(graph).values()] == [
        "de/da = 2", "de/db = 5", "de/dc = 2", "de/dd = 3", "de/de = 1"]
    assert sorted(edge_labels(graph)) == [
        ("n0", "n2", "∂c/∂a = 1"), ("n1", "n2", "∂c/∂b = 1"), ("n1", "n3", "∂d/∂b = 1"),
        ("n2", "n4", "∂e/∂c = d"), ("n3", "n4", "∂e/∂d = c")]
    red = {(u, v) for u, v, _label, colour in graph_edges(graph).values()
           if colour == '"#d62728"'}
    assert red == {("n1", "n3"), ("n3", "n4")}


def test_hostile_names_cannot_break_the_dot(tmp_path, write):
    out = tmp_path / "hostile.dot"
    draw(write(HOSTILE), "-o", str(out))
    graph = parsed(out)
    caption = pydot_unquote(graph.get_label()).replace("\n", " ")  # wrapped at spaces
    assert caption == '</script><script>window.pwned = 1</script>"\\ say "hi" \\ n<b>old</b> & -- --> "'
    assert [label.split(" = ")[0] for label in node_labels(graph).values()] == [
        "node", "graph", "edge", "subgraph", "strict", "σ"]
    assert len(edge_labels(graph)) == 6


@pytest.mark.parametrize(("args", "said"), [
    (("-o", "g.txt"), "Error: -o g.txt: the file must end in .dot, .gv, .svg, .png, .html"),
    (("--path", "b,e", "-o", "g.dot"), "Error: --path b,e: no edge from b to e"),
    (("--path", "b,zz", "-o", "g.dot"),
     "Error: --path b,zz: 'zz' is not a node of this graph"),
    (("--wrt", "e", "-o", "g.dot"), "Error: --wrt e: not an input of this graph (inputs: a, b)"),
])
def test_bad_requests_are_one_line(tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    assert one_line_error(OLAH, *args).startswith(said)
    assert not list(tmp_path.iterdir())  # nothing written


# -- Graphviz ------------------------------------------------------------------------------
@needs_dot
def test_png_and_svg_are_real_images(tmp_path):
    png, svg = tmp_path / "olah.png", tmp_path / "olah.svg"
    draw(OLAH, "--wrt", "b", "-o", str(png))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    width, height = struct.unpack(">II", data[16:24])
    assert width > 200 and height > 200
    draw(OLAH, "--of", "e", "-o", str(svg))
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"e = c * d", "= 6", "de/dc = 2", "de/db = 5"} <= texts
    ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert {f"node-{v}" for v in range(5)} | {f"edge-{e}" for e in range(5)} <= ids


def test_without_graphviz_a_one_line_hint(tmp_path, monkeypatch):
    monkeypatch.setattr(pathsum.drawing.dot.shutil, "which", lambda _name: None)
    for suffix in (".svg", ".png", ".html"):
        line = one_line_error(OLAH, "-o", str(tmp_path / f"g{suffix}"))
        assert line == (f"Error: drawing {suffix} needs Graphviz's dot program, which is not "
                        "installed (Debian/Ubuntu: apt-get install graphviz; macOS: brew "
                        "install graphviz); .dot works without it")
    draw(OLAH, "-o", str(tmp_path / "g.dot"))  # DOT needs no Graphviz
    assert [p.name for p in tmp_path.iterdir()] == ["g.dot"]


def test_formulas_without_sympy_a_one_line_hint(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sympy", None)  # import sympy now raises ImportError
    assert one_line_error(OLAH, "--formulas", "-o", str(tmp_path / "g.dot")) == (
        "Error: --formulas needs sympy, which is not installed: pip install "
        "'pathsum[symbolic]'")
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
@settings(max_examples=50)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40),
       st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40))
def test_any_name_and_description_survive_the_dot_quoting(name, description):
    graph = pathsum.from_edges([("x", "y", 2.0)], ["x"], name=name, description=description)
    dot_text = to_dot(pathsum.analyze(graph, ["reverse"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        (parsed_graph,) = pydot.graph_from_dot_data(dot_text)
    caption = pydot_unquote(parsed_graph.get_label())
    assert caption == name if not (name + description).split() else \
        caption.split() == (name + " " + description).split()
    assert [(u, v) for u, v, _label in edge_labels(parsed_graph)] == [("n0", "n1")]


def svg_edges(path) -> dict[str, ET.Element]:
    root = ET.fromstring(path.read_text(encoding="utf-8"))
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"}


def arrowhead_box(group: ET.Element) -> tuple[float, float, float, float]:
    (polygon,) = group.iter(f"{SVG}polygon")
    points = [tuple(map(float, p.split(","))) for p in polygon.get("points").split()]
    xs, ys = [x for x, _y in points], [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@needs_dot
@pytest.mark.parametrize(("arith", "labels"), [
    ("float", ["α = 1", "β = 2", "γ = 3", "δ = 4", "ε = 5", "ζ = 6"]),
    ("symbolic", list("αβγδεζ"))])
def test_parallel_edges_are_drawn_apart(tmp_path, arith, labels):
    svg = tmp_path / "explosion.svg"
    draw(EXPLOSION, "--arith", arith, "-o", str(svg))
    edges = svg_edges(svg)
    assert sorted(edges) == [f"edge-{e}" for e in range(6)]  # one group per edge
    # Each edge: its own label, a line to it and one from it, its own arrowhead.
    assert [[t.text for t in edges[f"edge-{e}"].iter(f"{SVG}text")] for e in range(6)] == \
        [[label] for label in labels]
    curves = [p.get("d") for g in edges.values() for p in g.iter(f"{SVG}path")]
    assert len(curves) == 12 and len(set(curves)) == 12  # no two drawn on each other
    for into in ([0, 1, 2], [3, 4, 5]):  # X -> Y, then Y -> Z
        heads = [arrowhead_box(edges[f"edge-{e}"]) for e in into]
        assert all(apart(a, b) for k, a in enumerate(heads) for b in heads[k + 1:]), heads


def plain_heights(dot_file) -> dict[str, float]:
    """Node name -> height of its centre in Graphviz's layout (up is up)."""
    from pathsum.drawing import render

    plain = render(dot_file.read_text(encoding="utf-8"), "plain").decode("utf-8")
    return {line.split()[1]: float(line.split()[3]) for line in plain.splitlines()
            if line.startswith("node n")}


@needs_dot
@pytest.mark.parametrize("graph", sorted(p.name for p in GRAPHS.glob("*.yaml")))
def test_inputs_on_the_bottom_rank_outputs_on_the_top(tmp_path, graph):
    out = tmp_path / "g.dot"
    draw(str(GRAPHS / graph), "-o", str(out))
    cg = pathsum.compile_graph(pathsum.load(str(GRAPHS / graph)))
    height = plain_heights(out)
    bottom, top = min(height.values()), max(height.values())
    assert {height[f"n{x}"] for x in cg.inputs} == {bottom}
    assert {height[f"n{y}"] for y in cg.outputs} == {top}  # lighthouse's y1 feeds y2 across


def test_numbers_to_digits_in_every_arithmetic(tmp_path, write):
    out = tmp_path / "g.dot"
    lighthouse = str(GRAPHS / "lighthouse.yaml")
    draw(lighthouse, "--of", "y1", "-o", str(out))  # y1 = 0.2770644723210643
    nodes, edges = node_labels(parsed(out)), edge_labels(parsed(out))
    assert nodes["n8"] == "y1 = v4 / v3\n= 0.2771\ndy1/dy1 = 1"
    assert nodes["n6"] == "v3 = gamma - v2\n= 2.635\ndy1/dv3 = -0.1051"  # the sign kept
    assert ("n5", "n6", "-1") in edges
    draw(lighthouse, "--digits", "7", "-o", str(out))
    assert node_labels(parsed(out))["n8"] == "y1 = v4 / v3\n= 0.2770645"
    draw(lighthouse, "--arith", "symbolic", "--of", "y2", "-o", str(out))  # 6*tan(7/20)/...
    assert node_labels(parsed(out))["n9"] == "y2 = y1 * gamma\n≈ 0.8312\ndy2/dy2 = 1"
    tiny = write("inputs: {a: 0.123456, b: 0.5}\nnodes: {c: a * a / 3 - b}\n")
    draw(tiny, "--arith", "exact", "--wrt", "b", "-o", str(out))
    assert node_labels(parsed(out)) == {"n0": "a ≈ 0.1235\nda/db = 0", "n1": "b = 1/2\ndb/db = 1",
                                        "n2": "c = a * a / 3 - b\n≈ -0.4949\ndc/db = -1"}
    from pathsum.drawing.page_data import page_data

    analysis = pathsum.analyze(pathsum.load(lighthouse), ["forward", "reverse"], per_node=True)
    entry = page_data(analysis)["entries"][1]  # the page's numbers too, its sums over paths
    assert (entry["value"], entry["explain"]) == (
        "-0.1051", "dy1/dgamma = [gamma→v3→y1] 1*(-0.1051) = -0.1051")
    assert page_data(analysis, 6)["entries"][0]["explain"] == \
        "dy1/dnu = [nu→v4→y1] 0.365028*0.379511 = 0.138532"
    assert one_line_error(OLAH, "--digits", "0", "-o", str(out)).startswith(
        "Error: Invalid value for '--digits'")


@needs_dot
@pytest.mark.parametrize("graph", ["lighthouse.yaml", "diamond-chain.yaml", "olah.yaml"])
def test_the_caption_wraps_and_never_widens_the_drawing(tmp_path, write, graph):
    text = (GRAPHS / graph).read_text(encoding="utf-8")
    long = "description: " + " ".join(["a long description of this graph"] * 12) + "\n"
    bare = re.sub(r"(?ms)^description:.*?(?=^\w)", "", text)
    widths = []
    for k, body in enumerate([bare, long + bare]):
        svg = tmp_path / f"g{k}.svg"
        draw(write(body, f"g{k}.yaml"), "-o", str(svg))
        root = ET.fromstring(svg.read_text(encoding="utf-8"))
        widths.append(float(root.get("viewBox").split()[2]))
        caption = [t.text for t in root.iter(f"{SVG}text") if t.text and set(t.text.split())
                   <= {"a", "long", "description", "of", "this", "graph"}]
    assert widths[1] == pytest.approx(widths[0], abs=0.5)
    assert len(caption) > 3  # set in several lines


def test_dash_writes_the_dot_text_to_stdout(tmp_path):
    result = run_cli("draw", OLAH, "--of", "e", "-o", "-")
    assert result.exit_code == 0, result.output
    out = tmp_path / "olah.dot"
    draw(OLAH, "--of", "e", "-o", str(out))
    assert result.stdout == out.read_text(encoding="utf-8")
    assert result.stdout.startswith("digraph G {")
