"""Orders as certificates (issue 18 item 6): ``analyze --save-order FILE`` writes the order
an elimination engine used, and ``--order FILE`` replays it to the same mul and add."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oracles import GRAPHS, run_cli
from test_eliminate import small_dags

from pathsum import analyze, compile_graph, load, mlp, random_dag
from pathsum.engines import BUDGETED, ORDERED, EngineOptions
from pathsum.engines.chain import layers
from pathsum.engines.eliminate import MAX_OPTIMAL, given_engine
from pathsum.engines.linear import intermediates
from pathsum.errors import UsageError
from pathsum.orderfile import dump_order, load_order, save_order

LIGHTHOUSE = str(GRAPHS / "lighthouse.yaml")
#: Every engine with an order but the given one, which replays the others.
SAVED = [name for name in ORDERED if name != "eliminate-given"]


def _runs_on(engine: str, graph) -> bool:
    """Whether ``engine`` takes this graph: optimal refuses large ones, chain unlayered."""
    cg = compile_graph(graph)
    if engine == "eliminate-optimal":
        return len(intermediates(cg)) <= MAX_OPTIMAL
    if engine == "eliminate-chain":
        try:
            layers(cg)
        except UsageError:
            return False
    return True


def _replays(graph, engine: str) -> None:
    """Run ``engine``, save its order to a file, read the file back, replay it."""
    options = EngineOptions(budget=0.05) if engine in BUDGETED else None
    run = analyze(graph, [engine], options=options).results[engine]
    cg = compile_graph(graph)
    names = run.order_names(cg.names)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "order.yaml")
        save_order(path, names, [f"{engine}: {run.mul} mul"])
        read = load_order(path)
    assert read == names
    replay = given_engine(cg, read)
    assert (replay.mul, replay.add, replay.order) == (run.mul, run.add, run.order), engine
    assert replay.jacobian == run.jacobian


@settings(max_examples=120, deadline=None)
@given(small_dags(), st.sampled_from([e for e in SAVED if e != "eliminate-chain"]))
def test_every_saved_order_replays_on_random_graphs(graph, engine):
    _replays(graph, engine)


@pytest.mark.parametrize("seed", range(4))
def test_saved_orders_replay_on_seeded_random_dags(seed):
    graph = load(random_dag(nodes=16, degree=2.5, seed=seed))
    for engine in SAVED:
        if _runs_on(engine, graph):
            _replays(graph, engine)


@pytest.mark.parametrize("widths", [(3, 4, 2, 3), (2, 5, 1, 4, 2), (4, 1, 4)])
def test_the_chain_order_replays_on_dense_layers(widths):
    """The chain multiplies dense matrices, zeros included: its order replays to its counts
    where the layers are dense, as in the mlp family."""
    _replays(load(mlp(widths)), "eliminate-chain")


@pytest.mark.parametrize("path", sorted(GRAPHS.rglob("*.yaml")), ids=lambda p: p.stem)
def test_cli_saved_order_replays_on_every_graph_file(path, tmp_path):
    graph = load(path)
    for engine in SAVED:
        if not _runs_on(engine, graph):
            continue
        saved = str(tmp_path / f"{engine}.yaml")
        budget = ["--budget", "0.05"] if engine in BUDGETED else []
        first = run_cli("analyze", str(path), "-e", engine, *budget, "--save-order", saved,
                        "--format", "json")
        assert first.exit_code == 0, first.output
        entry = json.loads(first.stdout)["engines"][engine]
        assert load_order(saved) == entry["order"]
        again = run_cli("analyze", str(path), "-e", "reverse", "--order", saved,
                        "--format", "json")
        assert again.exit_code == 0, again.output
        replay = json.loads(again.stdout)["engines"]["eliminate-given"]
        if engine == "eliminate-chain" and "mlp" not in path.stem:
            continue  # a chain's counts replay only on dense layers
        assert (replay["mul"], replay["add"], replay["order"]) == \
            (entry["mul"], entry["add"], entry["order"]), engine


def test_the_file_is_names_one_a_line_after_a_comment(tmp_path):
    saved = tmp_path / "order.yaml"
    result = run_cli("analyze", LIGHTHOUSE, "-e", "eliminate-optimal", "--save-order",
                     str(saved))
    assert result.exit_code == 0, result.output
    assert saved.read_text(encoding="utf-8") == (
        "# eliminate-optimal on lighthouse: 15 mul, 2 add\n"
        "# pathsum analyze GRAPH --order FILE replays it\n"
        "- v3\n- v4\n- v2\n- v1\n- y1\n")


def test_names_yaml_would_misread_are_quoted_and_read_back(tmp_path):
    """Node names such as null, yes, on or True are identifiers YAML reads as null or
    booleans unless quoted; an imported array element is named x[0]."""
    names = ["null", "yes", "on", "True", "No", "α", "x[0]", "W[1,2]", "a: b", "#c"]
    path = tmp_path / "order.yaml"
    save_order(path, names, ["a comment\nwith a line break\u2028and another"])
    assert load_order(path) == names
    assert dump_order(names, ["x\ny"]).startswith("# x\\ny\n- 'null'\n")


def test_a_graph_with_such_names_replays_through_the_cli(write, tmp_path):
    graph = write("inputs: [x]\noutputs: [z]\nedges: [[x, 'null', 2], ['null', 'yes', 3], "
                  "['yes', z, 5], [x, 'yes', 7]]\n")
    saved = str(tmp_path / "o.yaml")
    result = run_cli("analyze", graph, "-e", "eliminate-reverse", "--save-order", saved)
    assert result.exit_code == 0, result.output
    assert load_order(saved) == ["yes", "null"]
    again = run_cli("analyze", graph, "--order", saved, "-e", "reverse", "--format", "json")
    assert json.loads(again.stdout)["engines"]["eliminate-given"]["order"] == ["yes", "null"]


def test_an_order_given_is_saved_as_given(write, tmp_path):
    order = write("[y1, v4, v3, v2, v1]\n", "given.yaml")
    saved = tmp_path / "again.yaml"
    result = run_cli("analyze", LIGHTHOUSE, "--order", order, "--save-order", str(saved))
    assert result.exit_code == 0, result.output
    assert load_order(saved) == ["y1", "v4", "v3", "v2", "v1"]


def test_a_graph_without_intermediates_saves_an_empty_order(write, tmp_path):
    graph = write("inputs: [x]\nedges: [[x, y, 2]]\n")
    saved = tmp_path / "o.yaml"
    result = run_cli("analyze", graph, "-e", "eliminate-markowitz", "--save-order", str(saved))
    assert result.exit_code == 0, result.output
    assert load_order(saved) == []
    assert run_cli("analyze", graph, "--order", str(saved)).exit_code == 0


# -- refused before any work -----------------------------------------------------------------
BAD_GRAPH = "inputs: [x]\nedges: [[x, x, 2]]\n"  # a cycle: refused if it were ever read


@pytest.mark.parametrize(("engines", "message"), [
    ((), ("--save-order writes the order of one elimination engine, and none runs; choose "
         "one with --engine (eliminate-markowitz, eliminate-optimal, ...)")),
    (("-e", "forward,reverse"), "and none runs"),
    (("-e", "eliminate-optimal,eliminate-markowitz"),
     "and 2 run: eliminate-optimal, eliminate-markowitz; choose one"),
])
def test_not_exactly_one_elimination_engine_is_refused(write, tmp_path, engines, message):
    graph = write(BAD_GRAPH)
    saved = tmp_path / "o.yaml"
    result = run_cli("analyze", graph, *engines, "--save-order", str(saved))
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert not saved.exists()


def test_an_order_beside_another_elimination_engine_is_two(write, tmp_path):
    order = write("[v1, v2, v3, v4, y1]\n", "o.yaml")
    result = run_cli("analyze", LIGHTHOUSE, "-e", "eliminate-markowitz", "--order", order,
                     "--save-order", str(tmp_path / "saved.yaml"))
    assert result.exit_code == 2
    assert "2 run: eliminate-markowitz, eliminate-given" in result.stderr


@pytest.mark.parametrize(("target", "message"), [
    ("-", "Invalid value for '--save-order': stdout carries the report; name a file"),
    ("/dev/stdout", "stdout carries the report"),
    ("/dev/zero", "'/dev/zero' is a character device, not a regular file"),
    ("{graph}", "is also an input: writing it would replace what is read"),
    ("{folder}", "is a directory"),
    ("{folder}/missing/o.yaml", "does not exist"),
])
def test_a_path_that_cannot_be_the_order_file_is_refused(write, tmp_path, target, message):
    graph = write(BAD_GRAPH)
    target = target.format(graph=graph, folder=tmp_path)
    result = run_cli("analyze", graph, "-e", "eliminate-optimal", "--save-order", target)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_the_order_file_read_is_not_the_one_written(tmp_path):
    order = tmp_path / "o.yaml"
    order.write_text("[v3, v4, v2, v1, y1]\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(order)
    result = run_cli("analyze", LIGHTHOUSE, "--order", str(order), "--save-order", str(link))
    assert result.exit_code == 2
    assert "also an input" in result.stderr
    assert order.read_text() == "[v3, v4, v2, v1, y1]\n"


def test_a_run_that_fails_leaves_the_old_file(tmp_path):
    """The optimal order is refused above 20 intermediates after the flags are checked: the
    file named keeps what it had."""
    chain = tmp_path / "chain.yaml"
    chain.write_text("inputs: [v0]\nedges: [" + ", ".join(
        f"[v{i}, v{i + 1}, 1]" for i in range(22)) + "]\n")
    saved = tmp_path / "o.yaml"
    saved.write_text("kept\n")
    result = run_cli("analyze", str(chain), "-e", "eliminate-optimal", "--save-order",
                     str(saved))
    assert result.exit_code == 2
    assert "refused above 20" in result.stderr
    assert saved.read_text() == "kept\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dev_null_is_written_directly(tmp_path):
    result = run_cli("analyze", LIGHTHOUSE, "-e", "eliminate-markowitz", "--save-order",
                     "/dev/null")
    assert result.exit_code == 0, result.output


def test_save_order_from_python_replaces_a_file_atomically(tmp_path):
    path = Path(tmp_path, "o.yaml")
    path.write_text("old\n")
    save_order(path, ["a", "b"])
    assert path.read_text() == "- a\n- b\n"
    with pytest.raises(UsageError, match="is a directory"):
        save_order(tmp_path, ["a"])
