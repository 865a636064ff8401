"""The Python API refuses misuse with one clear PathsumError, and takes exact numbers."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import networkx as nx
import pytest

import pathsum
import pathsum.comparison
from pathsum import (
    ArgumentError,
    InputTypeError,
    NotRunError,
    PathsumError,
    SchemaError,
    UsageError,
    fn,
)
from pathsum.comparison import compare_family, compare_files
from pathsum.engines import EngineOptions
from pathsum.explain import path_sums, sweeps
from pathsum.graph import to_document

OLAH_TEXT = "inputs: {a: 2, b: 1}\nnodes: {c: a + b, d: b + 1, e: c * d}\n"
# A legal file name that is also a legal graph (ending in a comment, so that a directory
# search finds it): its own name must never be analysed.
TRAP_NAME = "inputs: {a: 7}\nnodes: {b: a * 3}\n# .yaml"


def test_a_path_with_a_newline_is_read_as_a_file_not_as_yaml(tmp_path: Path,
                                                            monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(TRAP_NAME).write_text(OLAH_TEXT)
    graph = pathsum.load(TRAP_NAME)
    assert pathsum.loads(TRAP_NAME).values == {"a": 7.0, "b": 21.0}  # what it must not read
    assert graph.values["e"] == 6.0
    assert pathsum.analyze(TRAP_NAME).jacobian("reverse") == {"e": {"a": 2.0, "b": 5.0}}
    record = pathsum.analyze_file(TRAP_NAME)
    assert record["values"]["e"] == 6.0
    (record,) = pathsum.run_batch(pathsum.expand_paths([str(tmp_path)]))
    assert record["source"] == str(tmp_path / TRAP_NAME) and record["values"]["e"] == 6.0


def test_yaml_text_given_to_load_is_a_missing_file_with_a_hint() -> None:
    with pytest.raises(pathsum.SchemaError) as info:
        pathsum.load(OLAH_TEXT)
    assert str(info.value).endswith(
        ": no such file (this path has a newline: for YAML text, use pathsum.loads(text))")
    assert "\n" not in str(info.value)


def test_loads_reads_str_and_utf8_bytes() -> None:
    for text in (OLAH_TEXT, OLAH_TEXT.encode()):
        graph = pathsum.loads(text)
        assert (graph.values["e"], graph.source, graph.name) == (6.0, "<string>", "graph")
    named = pathsum.loads(OLAH_TEXT, source="<stdin>", name="stdin")
    assert (named.source, named.name) == ("<stdin>", "stdin")
    with pytest.raises(pathsum.SchemaError, match=r"^<string>: not UTF-8 text"):
        pathsum.loads(b"inputs: [\xff]\n")


@pytest.mark.parametrize(("value", "message"), [
    (b"inputs: [x]\n", ("load() takes a file path (str or os.PathLike) or a mapping, not bytes; "
                       "for YAML or JSON text, use pathsum.loads(text)")),
    (None, "load() takes a file path (str or os.PathLike) or a mapping, not NoneType"),
    (7, "load() takes a file path (str or os.PathLike) or a mapping, not int"),
    (["graphs/olah.yaml"], ("load() takes a file path (str or os.PathLike) or a mapping, not "
                           "list")),
])
def test_load_of_the_wrong_type(value, message) -> None:
    with pytest.raises(InputTypeError) as info:
        pathsum.load(value)
    assert str(info.value) == message
    assert isinstance(info.value, TypeError)  # what callers caught before
    with pytest.raises(InputTypeError):
        pathsum.analyze(value)


def test_load_of_an_empty_path() -> None:
    with pytest.raises(UsageError) as info:
        pathsum.load("")
    assert str(info.value) == "load(''): an empty path names no file"


@pytest.mark.parametrize("value", [None, 3, Path("graphs/olah.yaml"), ["inputs: [x]"]])
def test_loads_of_the_wrong_type(value) -> None:
    with pytest.raises(InputTypeError, match=r"^loads\(\) takes YAML or JSON text"):
        pathsum.loads(value)


def test_a_path_object_given_to_loads_points_to_load() -> None:
    with pytest.raises(InputTypeError, match=r"for a file, use pathsum.load\(path\)"):
        pathsum.loads(Path("graphs/olah.yaml"))


@pytest.mark.parametrize(("engines", "ran"), [
    ("path", ["path"]),
    ("reverse, path", ["reverse", "path"]),
    (("forward",), ["forward"]),
    (iter(["reverse"]), ["reverse"]),
])
def test_engines_as_a_string_is_a_name_or_a_comma_list(engines, ran) -> None:
    result = pathsum.analyze(pathsum.loads(OLAH_TEXT), engines=engines)
    assert list(result.results) == ran


@pytest.mark.parametrize(("engines", "error", "message"), [
    (5, InputTypeError, ("engines must be an engine name, a comma-separated str or a list of "
                        "names, not int (5)")),
    (b"path", InputTypeError, ("engines must be an engine name, a comma-separated str or a list "
                              "of names, not bytes (b'path')")),
    (["path", 3], InputTypeError, "engines must hold names (str), not int (3)"),
    ("", UsageError, "no engine selected"),
    ("p,a,t,h", UsageError, f"unknown engine 'p' (choose from {', '.join(pathsum.ENGINES)})"),
])
def test_bad_engines(engines, error, message) -> None:
    with pytest.raises(error) as info:
        pathsum.analyze(pathsum.loads(OLAH_TEXT), engines=engines)
    assert str(info.value) == message


@pytest.mark.parametrize(("max_paths", "enumerated"), [
    (1e6, True), (Fraction(2), False), (2, False), (3, True), (None, True)])
def test_max_paths_takes_any_whole_number(max_paths, enumerated) -> None:
    result = pathsum.analyze(pathsum.loads(OLAH_TEXT), engines=["path"], max_paths=max_paths)
    assert result.results["path"].enumerated is enumerated
    assert result.max_paths == (None if max_paths is None else int(max_paths))


@pytest.mark.parametrize(("max_paths", "error", "message"), [
    ("10", InputTypeError, "max_paths must be a whole number or None, not str ('10')"),
    (True, InputTypeError, "max_paths must be a whole number or None, not bool (True)"),
    (2.5, UsageError, "max_paths must be a whole number or None (no limit), not 2.5"),
    (float("inf"), UsageError, "max_paths must be a whole number or None (no limit), not inf"),
    (-1, UsageError, "max_paths must be zero or more"),
])
def test_bad_max_paths(max_paths, error, message) -> None:
    for call in (lambda: pathsum.analyze(pathsum.loads(OLAH_TEXT), max_paths=max_paths),
                 lambda: pathsum.run_batch(["graphs/olah.yaml"], max_paths=max_paths),
                 lambda: pathsum.comparison.compare_family("diamond", [1], max_paths=max_paths)):
        with pytest.raises(error) as info:
            call()
        assert str(info.value) == message


def test_a_mapping_with_exact_numbers_loads() -> None:
    doc = {"inputs": ["x"], "symbols": {"s": Decimal("0.5")},
           "edges": [["x", "y", Fraction(1, 3)], ["y", "z", "s"], ["x", "z", 2]]}
    graph = pathsum.load(doc)
    assert graph.network["x"]["y"][0]["partial"] == pytest.approx(1 / 3)
    result = pathsum.analyze(graph)
    assert result.jacobian("reverse")["z"]["x"] == pytest.approx(1 / 3 * 0.5 + 2)
    formulas = pathsum.load({"inputs": {"a": Fraction(1, 2)}, "nodes": {"b": "a * a"}},
                            overrides={"a": Fraction(3, 2)})
    assert formulas.values["b"] == 2.25


def test_overrides_must_be_a_mapping() -> None:
    with pytest.raises(InputTypeError) as info:
        pathsum.loads(OLAH_TEXT, overrides="a=3")
    assert str(info.value) == "overrides must be a mapping of name: number, not str ('a=3')"


def test_every_misuse_is_a_pathsum_error() -> None:
    for call in (lambda: pathsum.load(3.5), lambda: pathsum.loads(None),
                 lambda: pathsum.analyze(OLAH_TEXT.encode()),
                 lambda: pathsum.analyze(pathsum.loads(OLAH_TEXT), engines=None)):
        with pytest.raises(PathsumError):
            call()


# -- issue 19, row 17: every public function refuses arguments of the wrong type ----------
# Each row: what is misused, the call, the PathsumError subclass, and the argument the
# one-line message must name. Every row broke before (a TypeError, AttributeError or
# KeyError from deep inside, a str read letter by letter, or the misuse silently taken).


def _olah() -> pathsum.Graph:
    return pathsum.loads(OLAH_TEXT)


def _analysis() -> pathsum.Analysis:
    return pathsum.analyze(_olah())


def _chain() -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_edge("x", "y", partial=2.0)
    G.add_edge("y", "z", partial=3.0)
    return G


def _twins() -> nx.DiGraph:
    G = nx.DiGraph()  # x and the fullwidth ｘ: one name to Python (NFKC)
    G.add_edge("x", "z", partial=2.0)
    G.add_edge("ｘ", "z", partial=3.0)
    return G


def _given(options: EngineOptions) -> Callable[[], object]:
    return lambda: pathsum.analyze(_olah(), ["eliminate-given"], options=options)


MISUSES: list[tuple[str, Callable[[], object], type[PathsumError], str]] = [
    # load / loads
    ("loads overrides={1: 2}", lambda: pathsum.loads(OLAH_TEXT, overrides={1: 2}),
     InputTypeError, "overrides"),
    ("load overrides={1: 2}", lambda: pathsum.load("graphs/olah.yaml", overrides={1: 2}),
     InputTypeError, "overrides"),
    ("loads source=5", lambda: pathsum.loads(OLAH_TEXT, source=5), InputTypeError, "source"),
    ("loads name=5", lambda: pathsum.loads(OLAH_TEXT, name=5), InputTypeError, "name"),
    ("loads arith=5", lambda: pathsum.loads(OLAH_TEXT, arith=5), InputTypeError, "arith"),
    ("load arith=None", lambda: pathsum.load("graphs/olah.yaml", arith=None), InputTypeError,
     "arith"),
    # analyze and its result
    ("analyze options={...}", lambda: pathsum.analyze(_olah(), options={"order": ["c", "d"]}),
     InputTypeError, "options"),
    ("analyze per_node='yes'", lambda: pathsum.analyze(_olah(), per_node="yes"),
     InputTypeError, "per_node"),
    ("analyze per_node=1", lambda: pathsum.analyze(_olah(), per_node=1), InputTypeError,
     "per_node"),
    ("analyze progress=5", lambda: pathsum.analyze(_olah(), progress=5), InputTypeError,
     "progress"),
    ("analyze arith=5", lambda: pathsum.analyze("graphs/olah.yaml", arith=5), InputTypeError,
     "arith"),
    ("result.jacobian('nope')", lambda: _analysis().jacobian("nope"), NotRunError, "engine"),
    ("result.jacobian(5)", lambda: _analysis().jacobian(5), NotRunError, "engine"),
    ("result.jacobian of an engine not run",
     lambda: _analysis().jacobian("eliminate-forward"), NotRunError, "engine"),
    # EngineOptions
    ("EngineOptions(order='cd')", lambda: EngineOptions(order="cd"), InputTypeError, "order"),
    ("EngineOptions(order=5)", lambda: EngineOptions(order=5), InputTypeError, "order"),
    ("EngineOptions(order=[1, 2])", lambda: EngineOptions(order=[1, 2]), InputTypeError,
     "order"),
    ("EngineOptions(order_source=5)", lambda: EngineOptions(order=["c"], order_source=5),
     InputTypeError, "order_source"),
    ("analyze with EngineOptions(order='cd')", lambda: _given(EngineOptions(order="cd"))(),
     InputTypeError, "order"),
    ("EngineOptions(budget=nan)", lambda: EngineOptions(budget=float("nan")), ArgumentError,
     "budget"),
    # explain, sweeps
    ("explain(5)", lambda: pathsum.explain(5), InputTypeError, "analysis"),
    ("explain wrt='ab'", lambda: pathsum.explain(_analysis(), wrt="ab"), InputTypeError, "wrt"),
    ("explain wrt='a'", lambda: pathsum.explain(_analysis(), wrt="a"), InputTypeError, "wrt"),
    ("explain of='e'", lambda: pathsum.explain(_analysis(), of="e"), InputTypeError, "of"),
    ("explain wrt=5", lambda: pathsum.explain(_analysis(), wrt=5), InputTypeError, "wrt"),
    ("explain wrt=[1]", lambda: pathsum.explain(_analysis(), wrt=[1]), InputTypeError, "wrt"),
    ("explain limit='5'", lambda: pathsum.explain(_analysis(), limit="5"), InputTypeError,
     "limit"),
    ("explain limit=True", lambda: pathsum.explain(_analysis(), limit=True), InputTypeError,
     "limit"),
    ("explain limit=-1", lambda: pathsum.explain(_analysis(), limit=-1), ArgumentError, "limit"),
    ("explain max_paths_name=5", lambda: pathsum.explain(_analysis(), max_paths_name=5),
     InputTypeError, "max_paths_name"),
    ("explain digits='3'", lambda: pathsum.explain(_analysis(), digits="3"), InputTypeError,
     "digits"),
    ("explain digits=0", lambda: pathsum.explain(_analysis(), digits=0), ArgumentError,
     "digits"),
    ("sweeps of='e'", lambda: sweeps(_analysis(), of="e"), InputTypeError, "of"),
    ("path_sums(5)", lambda: path_sums(5), InputTypeError, "analysis"),
    ("path_sums wrt='ab'", lambda: path_sums(_analysis(), wrt="ab"), InputTypeError, "wrt"),
    ("path_sums limit=-1", lambda: path_sums(_analysis(), limit=-1), ArgumentError, "limit"),
    ("path_sums digits=0", lambda: path_sums(_analysis(), digits=0), ArgumentError, "digits"),
    # networkx
    ("from_networkx({})", lambda: pathsum.from_networkx({}), InputTypeError, "G"),
    ("from_networkx(None)", lambda: pathsum.from_networkx(None), InputTypeError, "G"),
    ("from_networkx inputs='x'", lambda: pathsum.from_networkx(_chain(), inputs="x"),
     InputTypeError, "inputs"),
    ("from_networkx inputs=5", lambda: pathsum.from_networkx(_chain(), inputs=5),
     InputTypeError, "inputs"),
    ("from_networkx inputs=[1]", lambda: pathsum.from_networkx(_chain(), inputs=[1]),
     InputTypeError, "inputs"),
    ("from_networkx outputs='z'",
     lambda: pathsum.from_networkx(_chain(), inputs=["x"], outputs="z"), InputTypeError,
     "outputs"),
    ("from_networkx partial=5", lambda: pathsum.from_networkx(_chain(), ["x"], partial=5),
     InputTypeError, "partial"),
    ("from_networkx name=5", lambda: pathsum.from_networkx(_chain(), ["x"], name=5),
     InputTypeError, "name"),
    ("from_networkx symbols=5", lambda: pathsum.from_networkx(_chain(), ["x"], symbols=5),
     InputTypeError, "symbols"),
    ("to_networkx(5)", lambda: pathsum.to_networkx(5), InputTypeError, "graph"),
    ("to_document(5)", lambda: to_document(5), InputTypeError, "graph"),
    # from_edges
    ("from_edges(5, ...)", lambda: pathsum.from_edges(5, ["x"]), InputTypeError, "edges"),
    ("from_edges pairs", lambda: pathsum.from_edges([("x", "y")], ["x"]), InputTypeError,
     "edges"),
    ("from_edges inputs='xy'", lambda: pathsum.from_edges([("xy", "z", 1)], "xy"),
     InputTypeError, "inputs"),
    ("from_edges int names", lambda: pathsum.from_edges([(1, 2, 3)], [1]), InputTypeError,
     "inputs"),
    ("from_edges outputs='y'", lambda: pathsum.from_edges([("x", "y", 1)], ["x"], "y"),
     InputTypeError, "outputs"),
    ("from_edges name=5", lambda: pathsum.from_edges([("x", "y", 1)], ["x"], name=5),
     InputTypeError, "name"),
    ("from_edges symbols=5", lambda: pathsum.from_edges([("x", "y", 1)], ["x"], symbols=5),
     InputTypeError, "symbols"),
    ("from_edges description=5",
     lambda: pathsum.from_edges([("x", "y", 1)], ["x"], description=5), InputTypeError,
     "description"),
    ("from_edges a None partial", lambda: pathsum.from_edges([("x", "y", None)], ["x"]),
     InputTypeError, "partial"),
    # the rest of the package
    ("to_yaml(5)", lambda: pathsum.to_yaml(5), InputTypeError, "document"),
    ("to_yaml({1: 2})", lambda: pathsum.to_yaml({1: 2}), InputTypeError, "document"),
    ("to_yaml of an object", lambda: pathsum.to_yaml({"inputs": object()}), InputTypeError,
     "document"),
    ("count_paths(None)", lambda: pathsum.count_paths(None), InputTypeError, "cg"),
    ("count_paths(graph)", lambda: pathsum.count_paths(_olah()), InputTypeError, "cg"),
    ("compile_graph(path)", lambda: pathsum.compile_graph("graphs/olah.yaml"), InputTypeError,
     "graph"),
    ("trace(5, x=1)", lambda: pathsum.trace(5, x=1), InputTypeError, "f"),
    ("fn.max(1, 2, 3)", lambda: fn.max(1, 2, 3), InputTypeError, "max"),
    ("fn.sin('a')", lambda: fn.sin("a"), InputTypeError, "sin"),
    ("fn.atan2(traced, 'a')", lambda: pathsum.trace(lambda x: fn.atan2(x, "a"), x=1.0),
     InputTypeError, "atan2"),
    ("generate(5)", lambda: pathsum.generate(5), InputTypeError, "family"),
    ("generate(['diamond'])", lambda: pathsum.generate(["diamond"]), InputTypeError, "family"),
    ("mlp(5)", lambda: pathsum.mlp(5), InputTypeError, "widths"),
    ("mlp('33')", lambda: pathsum.mlp("33"), InputTypeError, "widths"),
    ("analyze_file(5)", lambda: pathsum.analyze_file(5), InputTypeError, "path"),
    ("run_batch('graphs/olah.yaml')", lambda: pathsum.run_batch("graphs/olah.yaml"),
     InputTypeError, "paths"),
    ("run_batch(5)", lambda: pathsum.run_batch(5), InputTypeError, "paths"),
    ("run_batch([5])", lambda: pathsum.run_batch([5]), InputTypeError, "paths"),
    ("run_batch options=5", lambda: pathsum.run_batch(["graphs/olah.yaml"], options=5),
     InputTypeError, "options"),
    ("analyze_file options=5", lambda: pathsum.analyze_file("graphs/olah.yaml", options=5),
     InputTypeError, "options"),
    ("expand_paths('graphs')", lambda: pathsum.expand_paths("graphs"), InputTypeError,
     "arguments"),
    ("expand_paths(5)", lambda: pathsum.expand_paths(5), InputTypeError, "arguments"),
    ("expand_paths([5])", lambda: pathsum.expand_paths([5]), InputTypeError, "arguments"),
    ("expand_paths stdin='a.yaml'", lambda: pathsum.expand_paths(["-"], stdin="a.yaml\n"),
     InputTypeError, "stdin"),
    ("expand_paths stdin=5", lambda: pathsum.expand_paths(["-"], stdin=5), InputTypeError,
     "stdin"),
    ("compare_family sizes='12'", lambda: compare_family("diamond", "12"), InputTypeError,
     "sizes"),
    ("compare_family params=5", lambda: compare_family("diamond", [1], params=5),
     InputTypeError, "params"),
    ("compare_family on_row=5", lambda: compare_family("diamond", [1], on_row=5),
     InputTypeError, "on_row"),
    ("compare_files('graphs/olah.yaml')", lambda: compare_files("graphs/olah.yaml"),
     InputTypeError, "paths"),
]


@pytest.mark.parametrize(("call", "error", "argument"), [row[1:] for row in MISUSES],
                         ids=[row[0] for row in MISUSES])
def test_a_misuse_is_refused_naming_the_argument(call, error, argument) -> None:
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    subject = message.split(" must ")[0]  # what the message is about: the argument
    assert re.search(rf"(?<![\w']){re.escape(argument)}(?![\w'])", subject), message
    assert "\n" not in message and len(message) < 200


def test_from_jax_of_something_not_a_function() -> None:
    pytest.importorskip("jax")
    with pytest.raises(InputTypeError, match=r"^f must be a function, not int \(5\)$"):
        pathsum.from_jax(5, x=1.0)
    with pytest.raises(InputTypeError, match=r"^merge must be "):
        pathsum.from_jax(lambda x: x, merge="no", x=1.0)


def test_type_errors_are_type_errors_and_value_errors_value_errors() -> None:
    """Callers that caught what these raised before still catch them."""
    with pytest.raises(TypeError):
        pathsum.from_networkx({})
    with pytest.raises(ValueError):
        pathsum.explain(_analysis(), limit=-1)
    with pytest.raises(KeyError):
        _analysis().jacobian("nope")


@pytest.mark.parametrize(("call", "one"), [
    (lambda: EngineOptions(order="cd"), "['cd']"),
    (lambda: pathsum.explain(_analysis(), wrt="ab"), "['ab']"),
    (lambda: pathsum.from_edges([("xy", "z", 1)], "xy"), "['xy']"),
    (lambda: pathsum.run_batch("graphs/olah.yaml"), "['graphs/olah.yaml']"),
])
def test_a_str_where_a_list_is_meant_says_how_to_write_one(call, one) -> None:
    with pytest.raises(InputTypeError, match=r", not str \(") as info:
        call()
    assert str(info.value).endswith(f"; for one, write {one}")


def test_a_huge_value_is_named_by_its_type_alone() -> None:
    # Its repr would be a gigabyte, or (an int of 100,000 digits) refused by Python itself.
    with pytest.raises(InputTypeError) as info:
        pathsum.explain(_analysis(), wrt="w" * 10_000_000)
    assert str(info.value) == "wrt must be a list of names or None, not str"
    with pytest.raises(InputTypeError) as info:
        pathsum.explain(_analysis(), limit=str(10 ** 1000))
    assert str(info.value) == "limit must be a whole number, not str"
    with pytest.raises(ArgumentError) as info:
        pathsum.explain(_analysis(), limit=-(10 ** 100_000))
    assert str(info.value) == "limit must be zero or more"
    with pytest.raises(InputTypeError) as info:
        EngineOptions(order=[10 ** 100_000])
    assert str(info.value) == "order must hold names (str), not int"


def test_from_networkx_refuses_two_spellings_of_one_name() -> None:
    with pytest.raises(SchemaError) as info:
        pathsum.from_networkx(_twins(), inputs=["x", "ｘ"])
    assert str(info.value) == ("node name 'ｘ' and 'x' are the same name to Python (both read "
                               "as 'x', Unicode NFKC); rename one")
    with pytest.raises(SchemaError, match="the same name to Python"):
        pathsum.from_edges([("x", "z", 2.0), ("ｘ", "z", 3.0)], ["x", "ｘ"])


@pytest.mark.parametrize("overrides", [{"a": 1, "ａ": 5}, {"ａ": 5, "a": 1}])
def test_two_spellings_of_one_name_in_overrides_are_refused(overrides) -> None:
    # Both read as 'a': the value kept depended on the order of the mapping.
    with pytest.raises(pathsum.OverrideError) as info:
        pathsum.loads("inputs: {a: 2}\nnodes: {c: a * 2}\n", overrides=overrides)
    assert info.value.argument == "overrides"
    assert "are the same name to Python (both read as 'a', Unicode NFKC)" in str(info.value)


@pytest.mark.parametrize("make", [_chain, _twins])
def test_a_graph_from_networkx_is_refused_or_its_yaml_loads_back(make) -> None:
    try:
        graph = pathsum.from_networkx(make(), inputs=["x", "ｘ"] if make is _twins else ["x"])
    except SchemaError:
        return
    again = pathsum.loads(graph.to_yaml())
    assert list(again.network.edges) == list(graph.network.edges)


def test_right_types_still_work() -> None:
    """What the checks must let through: tuples, iterators, Paths, PathLike orders."""
    a = pathsum.analyze(_olah(), engines=("reverse",), per_node=True, progress=print)
    assert pathsum.explain(a, wrt=("b",), of=iter(["e"])) == [
        "de/db = [b→c→e] 1*2 + [b→d→e] 1*3 = 5"]
    options = EngineOptions(order=iter(["c", "d"]), budget=Fraction(1, 2))
    assert pathsum.analyze(_olah(), ["eliminate-given"], options=options).agree
    (record,) = pathsum.run_batch(iter([Path("graphs/olah.yaml")]))
    assert record["source"] == "graphs/olah.yaml"
    assert pathsum.expand_paths((Path("graphs/olah.yaml"),)) == ["graphs/olah.yaml"]
    g = pathsum.from_edges(iter([("x", "y", Fraction(1, 3))]), ("x",), name="g")
    assert pathsum.count_paths(pathsum.compile_graph(g)).total == 1
    assert pathsum.mlp(range(2, 0, -1))["inputs"] is not None


def test_every_public_function_has_a_misuse_row() -> None:
    """A function added to ``pathsum.__all__`` needs its rows above (or a reason here)."""
    import inspect

    covered = " ".join(row[0] for row in MISUSES) + " from_jax"  # its own test, above
    # Already refused with a PathsumError naming the parameter before issue 19 (see
    # tests/test_families.py) or covered by the tests above this table:
    held = {"load", "loads", "diamond", "diamond_nodes", "lattice", "random_dag",
            "rnn"}
    missing = [name for name in pathsum.__all__
               if inspect.isfunction(getattr(pathsum, name)) and name not in held
               and name not in covered]
    assert not missing
