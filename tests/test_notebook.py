"""What Jupyter shows for a loaded graph and an analysis: the ``_repr_*_`` methods."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

from oracles import GRAPHS
from test_draw import needs_dot

import pathsum

SVG = "{http://www.w3.org/2000/svg}"


@needs_dot
def test_a_graph_shows_as_its_drawing():
    graph = pathsum.load(str(GRAPHS / "olah.yaml"))
    bundle = graph._repr_mimebundle_()
    root = ET.fromstring(bundle["image/svg+xml"])
    assert root.tag == f"{SVG}svg"
    texts = {t.text for t in root.iter(f"{SVG}text")}
    assert {"a = 2", "e = c * d", "2", "3"} <= texts  # nodes, and partials on the edges
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    assert sorted(g.get("id") for g in edges) == [f"edge-{e}" for e in range(5)]  # one each
    assert bundle["text/plain"] == repr(graph)


def test_without_graphviz_a_graph_shows_as_dot_text(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    bundle = pathsum.load(str(GRAPHS / "path-explosion.yaml"))._repr_mimebundle_()
    assert list(bundle) == ["text/plain"]
    assert bundle["text/plain"].startswith("digraph G {\n  rankdir=BT;")
    assert bundle["text/plain"].count(" -> ") == 12  # each edge drawn through its label
    assert bundle["text/plain"].count('class="edge-') == 18


def test_an_analysis_shows_as_its_tables():
    result = pathsum.analyze(pathsum.load(str(GRAPHS / "olah.yaml")), per_node=True)
    page = result._repr_html_()
    assert "<td>de/db</td><td>2</td><td>5</td><td>5</td><td>5</td>" in page
    assert "<tr><td>path</td><td>3</td><td>1</td><td></td></tr>" in page
    assert "<p><b>forward from b</b></p>" in page and "<p><b>reverse from e</b></p>" in page
    assert "<tr><td>c</td><td>a + b</td><td>3</td></tr>" in page
    assert "agree on every derivative" in page


def test_the_analysis_html_escapes_what_the_file_says(write):
    graph = pathsum.load(write("name: '<b>x</b>'\ndescription: a & <script>\ninputs: {a: 1}\n"
                               "nodes: {c: a * 2}\n"))
    page = pathsum.analyze(graph)._repr_html_()
    assert "<h4>&lt;b&gt;x&lt;/b&gt;</h4>" in page and "a &amp; &lt;script&gt;" in page
    assert "<script>" not in page
