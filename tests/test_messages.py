"""Messages a user can act on: long cycles cut short, symlink loops named, one graph per file,
and ``analyze -`` reading the graph from stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import pathsum
from pathsum.cli import main

REPO = Path(__file__).resolve().parent.parent
OLAH = (REPO / "graphs" / "olah.yaml").read_text()


def cli(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def refused(*args: str, stdin: str | None = None) -> str:
    result = cli(*args, stdin=stdin)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    return result.stderr[len("Error: "):-1]


@pytest.mark.slow
def test_a_100k_node_cycle_shows_its_ends_and_length() -> None:
    n = 100_000
    edges = [("x", "v0", 1.0)] + [(f"v{i}", f"v{(i + 1) % n}", 1.0) for i in range(n)]
    with pytest.raises(pathsum.CycleError) as info:
        pathsum.from_edges(edges, ["x"])
    assert str(info.value) == ("node 'v0': cycle of 100,000 nodes: v0 -> v1 -> v2 -> v3 -> v4 "
                               "-> ... -> v99996 -> v99997 -> v99998 -> v99999 -> v0")


def test_a_short_cycle_is_shown_whole_and_a_long_one_cut(write) -> None:
    short = write("inputs: [x]\nedges: [[x, a, 1], [a, b, 1], [b, a, 1]]\n")
    assert refused("analyze", short) == f"{short}, line 2, column 9: node 'a': cycle: a -> b -> a"
    ring = [f"[n{i}, n{(i + 1) % 12}, 1]" for i in range(12)]
    long = write("inputs: [x]\nedges: [[x, n0, 1], " + ", ".join(ring) + "]\n")
    assert refused("analyze", long).endswith(
        "node 'n0': cycle of 12 nodes: n0 -> n1 -> n2 -> n3 -> n4 -> ... -> n8 -> n9 -> n10 -> "
        "n11 -> n0")


def test_a_second_document_says_one_graph_per_file(write) -> None:
    path = write("inputs: [x]\nedges: [[x, y, 2]]\n---\ninputs: [a]\nedges: [[a, b, 3]]\n")
    assert refused("analyze", path) == (f"{path}, line 3, column 1: invalid YAML: a second "
                                        "document; a file holds one graph (one YAML document)")


@pytest.mark.parametrize("command", [["analyze"], ["batch"], ["compare"]])
def test_a_symlink_loop_and_a_dangling_link_are_named(tmp_path: Path, command,
                                                      monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("loop.yaml").symlink_to("loop.yaml")
    Path("dangling.yaml").symlink_to("gone.yaml")
    quote = "'" if command == ["compare"] else ""
    assert refused(*command, "loop.yaml") == (f"{quote}loop.yaml{quote}: a symlink loop (too "
                                             "many levels of symbolic links)")
    assert refused(*command, "dangling.yaml") == (f"{quote}dangling.yaml{quote}: a symlink to "
                                                 "'gone.yaml', which does not exist")


def test_a_symlink_loop_in_a_batch_listing_is_an_error_record(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop.name)
    (record,) = pathsum.run_batch([str(loop)])
    assert record["error"] == f"{loop}: a symlink loop (too many levels of symbolic links)"


def test_analyze_dash_reads_the_graph_from_stdin() -> None:
    result = cli("analyze", "-", "--format", "json", stdin=OLAH)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert (record["graph"], record["source"], record["total_paths"]) == ("olah", "<stdin>", 3)
    assert record["engines"]["reverse"]["jacobian"] == {"e": {"a": 2.0, "b": 5.0}}
    unnamed = cli("analyze", "-", "--format", "json", "--set", "a=3",
                  stdin="inputs: {a: 2}\nnodes: {b: a * a}\n")
    assert json.loads(unnamed.stdout)["graph"] == "stdin"
    assert json.loads(unnamed.stdout)["values"]["b"] == 9.0


def test_analyze_dash_with_bad_text_names_stdin_and_the_line() -> None:
    assert refused("analyze", "-", stdin="inputs: [x]\nedges: [[x, y, q]]\n") == (
        "<stdin>, line 2, column 9: edge x -> y: unknown symbol 'q'")
    assert refused("analyze", "-", stdin="") == (
        "<stdin>, line 1: a graph file must be a mapping with 'inputs' and 'nodes' or 'edges'")
