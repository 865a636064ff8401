"""Every path has its own name (issue 16 item 1): in --explain, in the drawing's --path and in
the HTML page's data; a name reads back to exactly its edges."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oracles import GRAPHS, run_cli

import pathsum
from pathsum.engines.path import iter_paths
from pathsum.pathnames import PathNameError, PathNames

EXPLOSION = str(GRAPHS / "path-explosion.yaml")
NINE = [f"X -{a}→ Y -{b}→ Z" for a in "αβγ" for b in "δεζ"]

#: Names that are prefixes of one another, so that reading a name back must look ahead.
NODE_NAMES = ["a", "ab", "b", "ba", "c", "x1", "x", "α", "αβ", "v10", "v1"]
SYMBOLS = ["s", "t", "st", "σ"]


def explosion() -> pathsum.Analysis:
    return pathsum.analyze(pathsum.load(EXPLOSION), ["path", "forward", "reverse"])


def test_the_nine_paths_of_path_explosion_have_nine_names():
    cg = explosion().compiled
    names = [PathNames(cg).name(trail) for trail in iter_paths(cg, 0, 2)]
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
            yield from (list(t) for t in iter_paths(cg, x, y))


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
