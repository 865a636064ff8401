"""Every path has its own name (issue 16 item 1): in --explain, in the drawing's --path and in
the HTML page's data; a name reads back to exactly its edges."""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from oracles import GRAPHS, run_cli

import pathsum
from pathsum.engines.path import path_products
from pathsum.pathnames import LISTED, PathNameError, PathNames

EXPLOSION = str(GRAPHS / "path-explosion.yaml")
NINE = [f"X -{a}→ Y -{b}→ Z" for a in "αβγ" for b in "δεζ"]

#: Names that are prefixes of one another, so that reading a name back must look ahead.
NODE_NAMES = ["a", "ab", "b", "ba", "c", "x1", "x", "α", "αβ", "v10", "v1"]
SYMBOLS = ["s", "t", "st", "σ"]


def explosion() -> pathsum.Analysis:
    return pathsum.analyze(pathsum.load(EXPLOSION), ["path", "forward", "reverse"])


def test_the_nine_paths_of_path_explosion_have_nine_names():
    cg = explosion().compiled
    names = [PathNames(cg).name(trail) for trail in (t for _, t, _ in path_products(cg, 2, [0]))]
    assert names == NINE


def test_explain_names_the_nine_paths():
    lines = pathsum.explain(explosion())
    assert lines == ["dZ/dX = " + " + ".join(f"[{n}] {n[3]}*{n[9]}" for n in NINE)
                     + " = 1*4 + 1*5 + 1*6 + 2*4 + 2*5 + 2*6 + 3*4 + 3*5 + 3*6 = 90"]


def test_a_graph_without_parallel_edges_keeps_the_plain_names():
    result = run_cli("analyze", str(GRAPHS / "olah.yaml"), "--explain")
    assert "de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5" in result.stdout


def test_only_the_hops_with_parallel_edges_name_their_edge():
    g = pathsum.loads("inputs: [a]\nedges: [[a, b, 2], [b, c, 3], [b, c, 4], [c, d, s], "
                      "[a, d, 5], [a, d, s], [a, d, s]]\nsymbols: {s: 1}\n")
    a = pathsum.analyze(g)
    assert pathsum.explain(a) == [
        ("dd/da = [a→b -[0]→ c→d] 2*3*s + [a→b -[1]→ c→d] 2*4*s + [a -[0]→ d] 5"
         " + [a -[1]→ d] s + [a -[2]→ d] s = 2*3*1 + 2*4*1 + 5 + 1 + 1 = 21")]


def test_numeric_parallel_edges_are_named_by_their_networkx_key():
    g = pathsum.loads((GRAPHS / "diamond-chain.yaml").read_text(encoding="utf-8"))
    cg = pathsum.compile_graph(g)
    namer = PathNames(cg)
    trail = namer.parse("v0 -[2]→ v1 -[0]→ v2 -[1]→ v3 -[2]→ v4 -[2]→ v5 -[0]→ v6")
    keys = [2, 0, 1, 2, 2, 0]
    for e, key, (u, v) in zip(trail, keys, [(f"v{i}", f"v{i + 1}") for i in range(6)],
                              strict=True):
        assert (cg.names[cg.src[e]], cg.names[cg.dst[e]]) == (u, v)
        assert g.network[u][v][key]["partial"] == cg.partial[e] == key + 1


def test_a_name_that_matches_no_path_says_where_it_stopped():
    namer = PathNames(explosion().compiled)
    try:
        namer.parse("X -θ→ Y -δ→ Z")
    except PathNameError as err:
        assert str(err) == ("X -θ→ Y -δ→ Z: names no path of this graph: it reads up to X, "
                            "whose edges are X -α→ Y, X -β→ Y, X -γ→ Y")
    else:
        raise AssertionError("no error")


@st.composite
def multigraphs(draw):
    """A DAG on prefix-clashing names with parallel edges, some partials symbols (repeated
    among parallel edges too), some numbers."""
    n = draw(st.integers(2, 7))
    names = draw(st.permutations(NODE_NAMES))[:n]
    n_inputs = draw(st.integers(1, min(2, n - 1)))
    edges = []
    for v in range(n_inputs, n):
        for u in draw(st.lists(st.integers(0, v - 1), max_size=4)):
            partial = draw(st.one_of(st.sampled_from(SYMBOLS), st.integers(-3, 3)))
            edges.append((names[u], names[v], partial))
    edges.append((names[0], names[-1], draw(st.sampled_from(SYMBOLS))))
    edges = draw(st.permutations(edges))
    return edges, names[:n_inputs]


def every_path(cg):
    for x in cg.inputs:
        for y in range(cg.n_nodes):
            yield from (list(t) for _, t, _ in path_products(cg, y, [x]))


@given(multigraphs())
def test_names_are_unique_and_read_back_to_their_edges(multigraph):
    edges, inputs = multigraph
    g = pathsum.from_edges(edges, inputs, symbols={s: 1.5 for s in SYMBOLS})
    cg = pathsum.compile_graph(g)
    namer = PathNames(cg)
    named = {}
    for trail in every_path(cg):
        name = namer.name(trail)
        assert name not in named, (name, trail, named[name])
        named[name] = trail
        assert namer.parse(name) == trail
        assert namer.parse(name.replace("→", "->").replace(" ", "")) == trail


# -- draw --path and the page's data --------------------------------------------------------

#: A DOT statement of an edge (its head half, when drawn through its label) drawn in red.
HIGHLIGHTED = re.compile(r'^\s*\w+ -> \w+ \[id="edge-(\d+)".*#d62728', re.MULTILINE)


def highlighted(dot_text: str) -> set[int]:
    """The ids of the edges the DOT text draws highlighted."""
    return {int(e) for e in HIGHLIGHTED.findall(dot_text)}


def test_draw_path_lights_exactly_the_named_path_of_the_nine():
    cg = explosion().compiled
    for name, trail in zip(NINE, (t for _, t, _ in path_products(cg, 2, [0])), strict=True):
        result = run_cli("draw", EXPLOSION, "--path", name, "-o", "-")
        assert result.exit_code == 0, result.stderr
        assert highlighted(result.stdout) == set(trail), name


def test_draw_path_reads_the_ascii_spelling_and_the_old_comma_list():
    ascii_ = run_cli("draw", EXPLOSION, "--path", "X-β->Y-ε->Z", "-o", "-").stdout
    assert highlighted(ascii_) == {1, 4}
    olah = run_cli("draw", str(GRAPHS / "olah.yaml"), "--path", "b,d,e", "-o", "-").stdout
    assert highlighted(olah) == {2, 4}
    assert highlighted(run_cli("draw", str(GRAPHS / "olah.yaml"), "--path", "b->d->e", "-o",
                               "-").stdout) == {2, 4}


def test_draw_path_refuses_nodes_that_nine_paths_go_through_and_lists_their_names():
    result = run_cli("draw", EXPLOSION, "--path", "X,Y,Z", "-o", "-")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: --path X,Y,Z: 9 paths go through these nodes (parallel "
                             f"edges); name one: {', '.join(NINE)}\n")


def test_draw_path_refuses_a_name_that_matches_no_path_in_one_line():
    result = run_cli("draw", EXPLOSION, "--path", "X -β→ Y -θ→ Z", "-o", "-")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: --path X -β→ Y -θ→ Z: names no path of this graph: it "
                             "reads up to Y, whose edges are Y -δ→ Z, Y -ε→ Z, Y -ζ→ Z\n")


def test_the_page_data_lists_the_nine_paths_by_name_with_edges_and_terms():
    from pathsum.drawing.page_data import page_data

    a = pathsum.analyze(pathsum.load(EXPLOSION), ["forward", "reverse"], per_node=True)
    (entry,) = page_data(a)["entries"]
    assert [t["name"] for t in entry["terms"]] == NINE
    assert [t["factors"] for t in entry["terms"]] == [f"{n[3]}*{n[9]}" for n in NINE]
    assert [t["edges"] for t in entry["terms"]] == [list(t) for _, t, _ in path_products(a.compiled, 2, [0])]
    assert [t["value"] for t in entry["terms"]] == [str(i * j) for i in (1, 2, 3)
                                                    for j in (4, 5, 6)]


def page_json(html: str) -> dict:
    """The data embedded in a page (its ``pathsum-data`` script element)."""
    start = html.index('id="pathsum-data">') + len('id="pathsum-data">')
    return json.loads(html[start:html.index("</script>", start)])


def test_an_html_page_starts_on_the_named_path(tmp_path):
    if shutil.which("dot") is None and not os.environ.get("CI"):
        pytest.skip("Graphviz is not installed")
    out = tmp_path / "pe.html"
    result = run_cli("draw", EXPLOSION, "--path", "X-γ->Y-δ->Z", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    initial = page_json(out.read_text(encoding="utf-8"))["initial"]
    assert (initial["path"], initial["edges"]) == ("X -γ→ Y -δ→ Z", [2, 3])
    assert initial["title"] == "path X -γ→ Y -δ→ Z"


@given(multigraphs(), st.data())
def test_a_named_path_lights_exactly_its_edges(multigraph, data):
    from pathsum.drawing import marks, to_dot
    from pathsum.drawing.page_data import page_data

    edges, inputs = multigraph
    a = pathsum.analyze(pathsum.from_edges(edges, inputs, symbols={s: 1.5 for s in SYMBOLS}),
                        ["forward", "reverse"], per_node=True)
    trails = list(every_path(a.compiled))
    assume(trails)
    trail = data.draw(st.sampled_from(trails))
    namer = PathNames(a.compiled)
    found = marks(a, path=namer.name(trail))
    assert found.path == trail
    assert highlighted(to_dot(a, found)) == set(trail)
    initial = page_data(a, found=found)["initial"]
    assert (initial["path"], initial["edges"]) == (namer.name(trail), sorted(trail))
    nodes = [a.compiled.names[a.compiled.src[trail[0]]]]
    nodes += [a.compiled.names[a.compiled.dst[e]] for e in trail]
    cg = a.compiled
    same_nodes = [t for t in trails if cg.src[t[0]] == cg.src[trail[0]]
                  and [cg.dst[e] for e in t] == [cg.dst[e] for e in trail]]
    if len(same_nodes) == 1:
        assert marks(a, path=",".join(nodes)).path == trail
    else:  # the message lists the first LISTED names, then the count
        said = re.escape(namer.name(trail)) if same_nodes.index(trail) < LISTED else \
            re.escape(f"({len(same_nodes)} in all)")
        with pytest.raises(PathNameError, match=said):
            marks(a, path=",".join(nodes))


def test_nodes_that_hundreds_of_paths_go_through_list_the_first_names_and_the_count():
    nodes = ",".join(f"v{i}" for i in range(7))
    result = run_cli("draw", str(GRAPHS / "diamond-chain.yaml"), "--path", nodes, "-o", "-")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: --path {nodes}: 729 paths go through these "
                                    "nodes (parallel edges); name one: v0 -[0]→ v1 -[0]→ v2 "
                                    "-[0]→ v3 -[0]→ v4 -[0]→ v5 -[0]→ v6, ")
    assert result.stderr.endswith(" … (729 in all)\n")
    assert result.stderr.count("→ v6") == 9
