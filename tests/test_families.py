"""Graph families: closed forms, agreement, determinism and the YAML round trip.

The closed forms live here, in the tests only; the library counts with its engines.
"""

from __future__ import annotations

import itertools
import math
from math import comb, prod

import networkx as nx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import pathsum
from pathsum import (
    FAMILIES,
    UsageError,
    analyze,
    generate,
    load,
    loads,
    to_yaml,
    yamlwrite,
)
from pathsum.families import (
    MAX_FAN_IN,
    diamond,
    diamond_nodes,
    family_params,
    lattice,
    mlp,
    random_dag,
    rnn,
)


def costs(analysis):
    return {name: (r.mul, r.add) for name, r in analysis.results.items()}


# -- closed forms -----------------------------------------------------------------------------

@pytest.mark.parametrize(("k", "w"), [(1, 1), (1, 3), (2, 2), (3, 3), (5, 3), (4, 4), (6, 2)])
def test_diamond_closed_forms(k, w):
    a = analyze(diamond(k, width=w))
    assert a.total_paths == w**k
    assert a.results["path"].mul == w**k * (k - 1)
    assert a.results["path"].add == w**k - 1
    for sweep in ("forward", "reverse"):
        assert a.results[sweep].mul == w * (k - 1)
        assert a.results[sweep].add == k * (w - 1)
        assert a.results[sweep].sweeps == 1
    stage_sum = w * (w + 1) // 2
    assert a.jacobian("reverse") == {f"v{k}": {"v0": float(stage_sum**k)}}
    assert a.agree


def test_diamond_at_design_reference_sizes():
    """DESIGN §3: 3^k paths, path engine 3^k(k-1) / 3^k-1, sweeps 3(k-1) / 2k."""
    for k in range(1, 9):
        a = analyze(generate("diamond", k))
        assert (a.total_paths, costs(a)) == (3**k, {
            "path": (3**k * (k - 1), 3**k - 1),
            "forward": (3 * (k - 1), 2 * k),
            "reverse": (3 * (k - 1), 2 * k),
        })


def test_diamond_beyond_max_paths_is_derived_exactly():
    a = analyze(generate("diamond", 40), max_paths=1000)
    assert a.total_paths == 3**40
    assert a.results["path"].enumerated is False
    assert (a.results["path"].mul, a.results["path"].add) == (3**40 * 39, 3**40 - 1)
    assert a.results["reverse"].mul == 3 * 39


@pytest.mark.parametrize(("k", "w"), [(1, 3), (3, 3), (4, 2)])
def test_diamond_nodes_closed_forms(k, w):
    a = analyze(diamond_nodes(k, width=w))
    assert a.total_paths == w**k
    assert a.results["path"].mul == w**k * (2 * k - 1)  # each path has 2k edges
    assert a.compiled.n_nodes == 1 + k * (w + 1)
    assert a.compiled.n_edges == 2 * k * w
    assert a.jacobian("forward")[f"v{k}"]["v0"] == pytest.approx((w * (w + 1) / 2) ** k)
    assert a.agree


@pytest.mark.parametrize(("n", "m"), [(1, 2), (2, 1), (2, 2), (3, 3), (4, 4), (3, 6), (6, 3)])
def test_lattice_closed_forms(n, m):
    a = analyze(lattice(n, m))
    paths = comb(n + m - 2, n - 1)
    assert a.total_paths == paths
    assert a.results["path"].mul == paths * (n + m - 3)
    assert a.compiled.n_nodes == n * m
    assert a.compiled.n_edges == n * (m - 1) + m * (n - 1)
    assert a.agree


def test_lattice_weights_keep_the_derivative_at_most_one():
    a = analyze(lattice(12, 12), max_paths=0)
    value = a.jacobian("reverse")["n11_11"]["n0_0"]
    assert 0 < value <= 1


@pytest.mark.parametrize("widths", [[1, 1], [2, 1], [3, 3, 1], [2, 4, 3, 2], [4, 8, 8, 1]])
def test_mlp_paths_are_the_product_of_the_widths(widths):
    a = analyze(mlp(widths, seed=1))
    assert a.total_paths == prod(widths)
    for y in a.graph.outputs:
        for x in a.graph.inputs:
            assert a.paths()[y][x] == prod(widths[1:-1])
    assert a.compiled.n_edges == sum(a * b for a, b in itertools.pairwise(widths))
    assert a.agree


def test_mlp_size_is_the_depth():
    doc = generate("mlp", 3, width=2)
    assert doc["name"] == "mlp-2-2-2-2-1-s0"
    assert analyze(doc).total_paths == 2**4


@pytest.mark.slow
def test_mlp_formulas_are_flat_sums_that_parse_at_the_widest_layer():
    doc = mlp([MAX_FAN_IN, 1])
    formula = doc["nodes"]["y1"]
    assert "(" not in formula and formula.count("*") == MAX_FAN_IN
    assert load(doc).network.in_degree("y1") == MAX_FAN_IN


def test_mlp_refuses_layers_too_wide_to_parse():
    with pytest.raises(UsageError) as err:
        mlp([3, MAX_FAN_IN + 1, 1])
    assert str(err.value) == (
        f"mlp: layer 1 is {MAX_FAN_IN + 1} wide; a layer that feeds another may be at most "
        f"{MAX_FAN_IN} wide, since each unit's formula is one sum over it")


@pytest.mark.parametrize("steps", [1, 2, 7])
def test_rnn_shape(steps):
    doc = rnn(steps, seed=4)
    assert list(doc["inputs"]) == ["h0", *(f"x{t}" for t in range(1, steps + 1))]
    assert doc["outputs"] == [f"h{steps}"]
    a = analyze(doc)
    assert a.total_paths == steps + 1  # one path from each input
    assert a.compiled.n_edges == 2 * steps
    assert a.agree


def test_rnn_unrolls_deep_without_recursion():
    a = analyze(rnn(3000), engines=["reverse"])
    assert a.total_paths == 3001
    assert math.isfinite(a.jacobian("reverse")["h3000"]["h0"])


@given(nodes=st.integers(2, 40), degree=st.floats(1.0, 4.0), seed=st.integers(0, 10**6),
       inputs=st.integers(1, 4), outputs=st.integers(1, 4))
@settings(max_examples=40)
def test_random_dag_is_a_dag_where_every_node_is_active(nodes, degree, seed, inputs, outputs):
    doc = random_dag(nodes, degree, seed, inputs=inputs, outputs=outputs)
    g = load(doc)
    assert nx.is_directed_acyclic_graph(g.network)
    assert g.network.number_of_nodes() == nodes
    assert 1 <= len(g.inputs) <= inputs and 1 <= len(g.outputs) <= outputs
    a = analyze(g, max_paths=10_000)
    assert all(a.compiled.active)
    assert a.agree


def test_random_dag_mean_in_degree():
    doc = random_dag(2000, degree=3.0, seed=5)
    non_inputs = 2000 - len(doc["inputs"])
    assert len(doc["edges"]) / non_inputs == pytest.approx(3.0, rel=0.01)
    assert len({(u, v) for u, v, _ in doc["edges"]}) == len(doc["edges"])  # distinct pairs


# -- every family ---------------------------------------------------------------------------

SMALL = {"diamond": 3, "diamond-nodes": 3, "lattice": 3, "mlp": 2, "rnn": 4, "random": 12}


def test_small_sizes_cover_every_family():
    assert set(SMALL) == set(FAMILIES)


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_family_analyses_with_the_engines_agreeing(family, seed):
    a = analyze(generate(family, SMALL[family], seed=seed))
    assert a.agree
    assert a.total_paths > 0
    assert {r.jacobian is not None for r in a.results.values()} == {True}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_defaults_generate(family):
    doc = generate(family)
    assert doc["name"] and doc["description"]
    assert analyze(doc).agree


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_deterministic_for_a_seed(family):
    size = SMALL[family]
    assert to_yaml(generate(family, size, seed=7)) == to_yaml(generate(family, size, seed=7))
    if FAMILIES[family].seeded:
        assert generate(family, size, seed=7) != generate(family, size, seed=8)
    else:
        assert generate(family, size, seed=7) == generate(family, size, seed=8)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_yaml_round_trip(family, tmp_path):
    doc = generate(family, SMALL[family], seed=3)
    text = to_yaml(doc)
    assert yaml.safe_load(text) == doc
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    from_file, from_doc = load(path), load(doc)
    assert from_file.name == doc["name"] and from_file.description == doc["description"]
    assert from_file.order == from_doc.order
    assert list(from_file.network.edges(data="partial")) == \
        list(from_doc.network.edges(data="partial"))
    assert analyze(from_file).to_dict()["engines"]["reverse"]["jacobian"] == \
        analyze(from_doc).to_dict()["engines"]["reverse"]["jacobian"]


def test_dialects():
    for family in FAMILIES.values():
        doc = generate(family.name, SMALL[family.name])
        assert (family.dialect in doc) and ({"nodes", "edges"} - {family.dialect}).isdisjoint(doc)


def test_huge_diamonds_normalise_their_stages_to_stay_finite():
    small, big = diamond(5), diamond(500)
    assert small["edges"][:3] == [["v0", "v1", 1], ["v0", "v1", 2], ["v0", "v1", 3]]
    assert big["edges"][:3] == [["v0", "v1", 1 / 6], ["v0", "v1", 2 / 6], ["v0", "v1", 3 / 6]]
    assert "divided by their sum 6" in big["description"]
    a = analyze(big, max_paths=0)
    assert a.jacobian("reverse")["v500"]["v0"] == pytest.approx(1.0)
    assert a.agree
    nodes = analyze(diamond_nodes(500), engines=["forward", "reverse"])
    assert nodes.graph.values["v500"] == pytest.approx(1.0)
    assert nodes.agree


def test_to_yaml_writes_unicode_and_quotes_what_yaml_would_misread():
    doc = {"name": "g", "inputs": ["X"], "outputs": ["null"],
           "edges": [["X", "Y", "α"], ["Y", "null", 1e-05], ["X", "on", -0.0], ["on", "null", 2]],
           "symbols": {"α": 1.5}}
    text = to_yaml(doc)
    assert "- [X, Y, α]\n" in text
    assert "- [Y, 'null', 1.0e-05]\n" in text
    assert yaml.safe_load(text) == doc
    assert analyze(loads(text + "\n")).jacobian("path") == {"null": {"X": 1.5 * 1e-05 + 0.0}}


@pytest.mark.parametrize("doc", [diamond(100), diamond(2_000), random_dag(300, seed=2),
                                 lattice(5, 7)], ids=["diamond", "scaled", "random", "lattice"])
def test_to_yaml_writes_edges_directly_exactly_as_pyyaml_would(doc):
    """The direct writer for plain edge triples (fast on big graphs; no timing asserted) is
    taken, and gives PyYAML's own text for the same document, which loads back as it was."""
    assert yamlwrite._edges_yaml(doc["edges"]) is not None
    text = to_yaml(doc)
    assert text == yamlwrite._dump(doc)  # the whole document through PyYAML's dumper
    assert text.count("\n- [") == len(doc["edges"])
    assert yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) == doc


# -- parameters and errors ------------------------------------------------------------------

def test_family_metadata():
    for family in FAMILIES.values():
        assert family.param(family.size) is not None
        assert family.params[0].name == family.size
        assert (family.param("seed") is not None) == family.seeded
        assert family.dialect in ("nodes", "edges")


def test_family_params_fill_in_defaults():
    assert family_params("lattice", 4) == {"n": 4, "m": 4}
    assert family_params("lattice", 4, m=2) == {"n": 4, "m": 2}
    assert family_params("random", 30, seed=2) == {
        "nodes": 30, "degree": 2.0, "seed": 2, "inputs": 2, "outputs": 1}
    assert family_params("mlp", widths=[4, 8, 1]) == {
        "depth": None, "width": None, "widths": [4, 8, 1], "seed": 0}


@pytest.mark.parametrize(("call", "message"), [
    (lambda: generate("hexagon"), ("unknown family 'hexagon' (choose from diamond, "
                                  "diamond-nodes, lattice, mlp, rnn, random)")),
    (lambda: generate("diamond", 3, m=2), ("family 'diamond' has no parameter 'm' "
                                          "(it takes k, width)")),
    (lambda: generate("diamond", 3, k=2), "family 'diamond': give the size or k, not both"),
    (lambda: generate("diamond", 0), "diamond: k (the size) must be at least 1, not 0"),
    (lambda: generate("diamond", 2, width=0), "diamond: width must be at least 1, not 0"),
    (lambda: generate("lattice", 1), "lattice: a 1 x 1 grid has no edges; use at least 2 nodes"),
    (lambda: generate("mlp", 2, widths=[2, 1]),
     "mlp: widths gives the whole shape; do not combine it with a size (depth) or width"),
    (lambda: generate("mlp", widths=[3]),
     "mlp: widths needs at least two layers (inputs and outputs), not 1"),
    (lambda: generate("random", 5, degree=0.5), "random: degree must be at least 1, not 0.5"),
    (lambda: generate("rnn", 2.5), "rnn: steps (the size) must be a whole number, not 2.5"),
])
def test_errors_name_the_parameter(call, message):
    with pytest.raises(UsageError) as err:
        call()
    assert str(err.value) == message


def test_exported_from_the_package():
    for name in ("FAMILIES", "generate", "to_yaml", "diamond", "diamond_nodes", "lattice", "mlp",
                 "rnn", "random_dag"):
        assert name in pathsum.__all__
        assert getattr(pathsum, name) is getattr(pathsum.families, name)
