"""The fast loading routes give exactly what the careful ones give (issue 11)."""

from __future__ import annotations

import dataclasses

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

import pathsum
from pathsum.compiled import compile_graph
from pathsum.graph import add_edges, topological_order

NAMES = [f"n{i}" for i in range(12)]


@st.composite
def edge_documents(draw):
    """An edge-dialect document in any node order: parallel edges, symbols, unused inputs."""
    order = draw(st.permutations(NAMES))
    rank = {name: i for i, name in enumerate(order)}
    pairs = draw(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES))
                          .filter(lambda p: rank[p[0]] < rank[p[1]]), min_size=1, max_size=40))
    has_in = {v for _, v in pairs}
    sources = sorted({u for u, _ in pairs} - has_in)
    labels = st.one_of(st.floats(-3, 3, allow_nan=False), st.sampled_from(["α", "β"]))
    edges = [[u, v, draw(labels)] for u, v in pairs]
    return {"inputs": sources, "edges": edges, "symbols": {"α": 0.5, "β": -2.0}}


@given(edge_documents())
def test_compile_from_the_loaders_lists_equals_compile_from_the_network(document):
    graph = pathsum.load(document)
    assert graph.edge_lists is not None
    fast = compile_graph(graph)
    careful = compile_graph(dataclasses.replace(graph, edge_lists=None))
    for column in ("names", "src", "dst", "partial", "symbol", "in_edges", "out_edges",
                   "inputs", "outputs", "active"):
        assert getattr(fast, column) == getattr(careful, column), column


@given(edge_documents())
def test_topological_order_is_networkx_lexicographical_sort_by_file_position(document):
    graph = pathsum.load(document)
    network = graph.network
    order = nx.get_node_attributes(network, "order")
    expected = list(nx.lexicographical_topological_sort(network, key=order.__getitem__))
    assert graph.order == expected
    assert topological_order(network) == expected
    assert topological_order(network, edges=graph.edge_lists[:2]) == expected


@given(edge_documents())
def test_bulk_edges_equal_add_edges_from(document):
    edges = [(u, v, {"partial": p}) for u, v, p in document["edges"]]
    direct, reference = nx.MultiDiGraph(), nx.MultiDiGraph()
    for network in (direct, reference):
        network.add_nodes_from(NAMES)
    add_edges(direct, [(u, v, dict(d)) for u, v, d in edges])
    reference.add_edges_from(edges)
    assert list(direct.edges(keys=True, data=True)) == list(reference.edges(keys=True, data=True))
    assert list(direct.in_edges(keys=True, data=True)) == \
        list(reference.in_edges(keys=True, data=True))
    assert nx.utils.graphs_equal(direct, reference)


# -- the strict YAML reader --------------------------------------------------------------

#: Scalars whose YAML 1.1 meaning differs from the plain reading, and ordinary ones.
TRICKY = ["yes", "No", "on", "OFF", "y", "n", "true", "null", "~", "017", "0x1F", "1:30",
          "1_000", "2001-12-14", ".inf", "-.inf", ".nan", "1e5", "1.0e5", "1.0e-05", "+1",
          "-0.5", "0", "3.", ".5", "x", "α", "abc_1", "0o17", "1.5e+3", "=", "a b", "-x"]
SCALARS = st.one_of(st.sampled_from(TRICKY), st.floats(-1e6, 1e6, allow_nan=False),
                    st.integers(-10**6, 10**6), st.from_regex(r"[a-z_][a-z0-9_]{0,5}",
                                                              fullmatch=True))


@st.composite
def documents(draw):
    keys = draw(st.lists(st.sampled_from(["name", "inputs", "outputs", "edges", "nodes",
                                          "symbols", "on", "1"]), unique=True, max_size=6))
    doc = {}
    for key in keys:
        shape = draw(st.sampled_from(["scalar", "list", "map", "edges"]))
        if shape == "scalar":
            doc[key] = draw(SCALARS)
        elif shape == "list":
            doc[key] = draw(st.lists(SCALARS, max_size=4))
        elif shape == "map":
            doc[key] = draw(st.dictionaries(st.sampled_from(["a", "b", "yes", "c1", "null"]),
                                            SCALARS, max_size=4))
        else:
            doc[key] = draw(st.lists(st.lists(SCALARS, min_size=3, max_size=3), max_size=5))
    return doc


def plain(value):
    """A parsed document with the located containers turned into dicts and lists."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


EDITS = [lambda t: t, lambda t: t.replace("\n", "  # note\n", 1),
         lambda t: t.replace("- [", "- &a [", 1), lambda t: t.replace(": ", ":  ", 1),
         lambda t: t.replace("\n", "\n\n"), lambda t: t.replace("[", "[ ", 1),
         lambda t: "---\n" + t, lambda t: t.replace("\n  ", "\n    ", 1),
         lambda t: t + t.split("\n", 1)[0] + "\n", lambda t: t.replace("[", "{", 1)]


def written(doc, flow):
    """``doc`` as pathsum writes YAML, or as PyYAML does in flow style; None if it cannot be."""
    import yaml

    from pathsum.families import to_yaml

    try:
        return to_yaml(doc) if not flow else yaml.safe_dump(doc, default_flow_style=None,
                                                             allow_unicode=True)
    except ValueError:
        return None


def read_alike_or_given_up(text):
    """The strict reader's promise: the located loader's document, or None."""
    from pathsum.yamlio import read_plain, read_yaml

    fast = read_plain(text)
    try:
        careful = plain(read_yaml(text))
    except pathsum.PathsumError:
        assert fast is None
        return
    assert fast is None or plain(fast) == careful


@given(documents(), st.sampled_from(EDITS), st.booleans())
def test_strict_reader_gives_the_located_loaders_document_or_gives_up(doc, edit, flow):
    text = written(doc, flow)
    if text is not None:
        read_alike_or_given_up(edit(text))


def test_strict_reader_falls_back_on_yaml_1_1_scalars_and_other_shapes():
    from pathsum.yamlio import read_plain, read_yaml

    base = "inputs: [x]\nedges:\n- [x, y, 0.5]\nnodes:\n  b: x * 2\n"
    assert read_plain(base) == {"inputs": ["x"], "edges": [["x", "y", 0.5]],
                                "nodes": {"b": "x * 2"}}
    scalars = ["yes", "on", "null", "~", "017", "2001-12-14", ".inf", "1_000", "0x1F", "1:30"]
    for changed in scalars:  # YAML 1.1 scalars in a long block: read as the located loader
        assert read_plain(base.replace("0.5", changed)) == read_yaml(base.replace("0.5", changed))
    assert read_plain(base.replace("0.5", "1" * 5000)) is None  # the loader names its line
    assert read_plain(base.replace("x * 2", "x\n  yes: 1\n  true: 2")) is None  # a duplicate
    odd = [*scalars, "*a", "&a x", "!!str x", "'x'", '"x"', "{x: 1}", "[x]", "a: b"]
    for changed in odd:  # other shapes: the block is left to the located loader
        read_alike_or_given_up(base.replace("0.5", changed))
        read_alike_or_given_up(base.replace("x * 2", changed))
    for changed in [*(f"inputs: [{o}]" for o in odd), "inputs: [x]  # c", "inputs: [x,y]",
                    "inputs:\n\t- x", "---\ninputs: [x]"]:  # elsewhere: read as YAML reads it
        read_alike_or_given_up(base.replace("inputs: [x]", changed))
    assert read_plain(base + "inputs: [z]\n") is None  # a duplicate key
    read_alike_or_given_up(base.replace("\n- [", "\n-  ["))  # not as pathsum writes


def test_strict_reader_leaves_only_the_short_lines_to_the_located_loader(monkeypatch):
    import pathsum.yamlio

    seen, located = [], pathsum.yamlio.read_yaml
    monkeypatch.setattr(pathsum.yamlio, "read_yaml", lambda text: seen.append(text) or located(text))
    text = "inputs: [x]\nedges:\n- [x, y, 0.5]\n- [y, z, 2.0]\nnodes:\n  b: x\n  c: b\n"
    assert pathsum.yamlio.read_plain(text) == {
        "inputs": ["x"], "edges": [["x", "y", 0.5], ["y", "z", 2.0]], "nodes": {"b": "x", "c": "b"}}
    assert seen == ["inputs: [x]\nedges:\n\n\nnodes:\n\n\n",  # the rest, and each scalar once
                    "- x\n- y\n- 0.5\n- z\n- 2.0\n- b\n- c\n"]


@given(edge_documents())
def test_fast_yaml_route_builds_the_located_routes_graph(document):
    from pathsum.families import to_yaml
    from pathsum.loader import build
    from pathsum.yamlio import read_plain, read_yaml

    text = to_yaml(document)
    data = read_plain(text)
    assert data is not None
    fast, careful = pathsum.loads(text), build(read_yaml(text))
    assert fast.order == careful.order and fast.outputs == careful.outputs
    assert list(fast.network.edges(keys=True, data=True)) == \
        list(careful.network.edges(keys=True, data=True))
