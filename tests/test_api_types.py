"""The Python API refuses misuse with one clear PathsumError, and takes exact numbers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import pathsum
import pathsum.comparison
from pathsum import InputTypeError, PathsumError, UsageError

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
                        "names, not int")),
    (b"path", InputTypeError, ("engines must be an engine name, a comma-separated str or a list "
                              "of names, not bytes")),
    (["path", 3], InputTypeError, "engine names must be str, not int (3)"),
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
    assert str(info.value) == "overrides must be a mapping of name: number, not str"


def test_every_misuse_is_a_pathsum_error() -> None:
    for call in (lambda: pathsum.load(3.5), lambda: pathsum.loads(None),
                 lambda: pathsum.analyze(OLAH_TEXT.encode()),
                 lambda: pathsum.analyze(pathsum.loads(OLAH_TEXT), engines=None)):
        with pytest.raises(PathsumError):
            call()
