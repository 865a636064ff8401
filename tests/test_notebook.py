"""What Jupyter shows for a loaded graph and an analysis (the ``_repr_*_`` methods), and the
tutorial notebooks of docs/, executed in a kernel as the docs build executes them."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
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


# The tutorials (docs/tutorial.ipynb and its Chinese twin), executed as the docs build does.
TUTORIALS = {"en": GRAPHS.parent / "docs" / "tutorial.ipynb",
             "zh": GRAPHS.parent / "docs" / "tutorial-zh.ipynb"}


def execute(notebook):
    """Run every cell of ``notebook`` in a fresh kernel; a cell that raises raises here."""
    nbclient = pytest.importorskip("nbclient")
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(GRAPHS.parent / "docs")}}
                            ).execute()
    return notebook


def printed(notebook) -> str:
    """Everything the code cells showed: streams and the text of results and displays."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
            parts.append(output.get("data", {}).get("image/svg+xml", ""))
    return "\n".join(parts)


def headings(notebook) -> list[str]:
    return [line for cell in notebook.cells if cell.cell_type == "markdown"
            for line in cell.source.splitlines() if line.startswith("## ")]


@pytest.mark.slow
@needs_dot
@pytest.mark.parametrize("language", sorted(TUTORIALS))
def test_the_tutorial_runs_and_shows_the_posts_numbers(language):
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("sympy")
    pytest.importorskip("matplotlib")
    notebook = execute(nbformat.read(TUTORIALS[language], as_version=4))
    shown = printed(notebook)
    for expected in ("de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5",       # the paths of olah
                     "= (α + β + γ)*(δ + ε + ζ)   (forward, reverse)",  # factoring
                     "operations: path 9 mul, 8 add; forward 3 mul, 4 add",
                     "'Y': α + β + γ",                                 # forward from X
                     "'Y': δ + ε + ζ",                                 # reverse from Z
                     "{'a': 2.0, 'b': 5.0, 'c': 2.0, 'd': 3.0, 'e': 1.0}",
                     "205891132094649",                                # 3^30 paths
                     "d·/db", "de/d·"):                                # the sweep tables
        assert expected in shown, (language, expected)
    assert shown.count("<svg") >= 4  # olah, path-explosion and the two sweep figures
    assert any("image/png" in o.get("data", {}) for c in notebook.cells
               for o in c.get("outputs", []))  # the blow-up plot


def test_the_chinese_tutorial_follows_the_english_one_section_by_section():
    nbformat = pytest.importorskip("nbformat")
    english, chinese = (nbformat.read(TUTORIALS[k], as_version=4) for k in ("en", "zh"))
    assert len(headings(english)) == len(headings(chinese)) == 8
    assert [h.split(".")[0] for h in headings(english)[:7]] == \
        [h.split(".")[0] for h in headings(chinese)[:7]]
    for word in ("前向模式", "反向模式", "路径", "偏导数", "计算图", "反向传播"):
        assert word in "".join(c.source for c in chinese.cells), word
    code = [[c.source for c in nb.cells if c.cell_type == "code"] for nb in (english, chinese)]
    assert len(code[0]) == len(code[1])
    # the same computations: every pathsum call of one is in the other
    calls = [sorted(set(re.findall(r"pathsum[ .][\w .,'\"=\[\]-]+", "\n".join(c)))) for c in code]
    assert calls[0] == calls[1]


@pytest.mark.slow
def test_a_failing_command_in_the_tutorial_fails_the_run():
    """The docs build and this suite fail when a tutorial's command fails, not only on an
    exception: the tutorial runs commands through its shell() helper, which raises."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    tutorial = nbformat.read(TUTORIALS["en"], as_version=4)
    setup = next(c for c in tutorial.cells if c.cell_type == "code")
    notebook = nbformat.v4.new_notebook(cells=[
        setup, nbformat.v4.new_code_cell('shell("pathsum analyze graphs/no-such-graph.yaml")')])
    with pytest.raises(nbclient.exceptions.CellExecutionError, match="exited with status 2"):
        execute(notebook)
