"""AlphaGrad's benchmark (issue 18): the stored faithful graphs of its scalar tasks count
what AlphaGrad published, and they are what benchmarks/alphagrad's functions import to."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import pathsum
from pathsum import engines as pathsum_engines

REPO = Path(__file__).resolve().parent.parent
PUBLISHED = yaml.safe_load((REPO / "benchmarks" / "alphagrad" / "published.yaml")
                           .read_text(encoding="utf-8"))
STORED = {name: row["graph"] for name, row in PUBLISHED.items() if "graph" in row}
ORDERS = {"eliminate-forward": "forward", "eliminate-reverse": "reverse",
          "eliminate-markowitz": "markowitz"}


def test_every_scalar_task_has_its_graph_stored() -> None:
    assert set(STORED) == {"HumanHeartDipole", "PropaneCombustion", "RoeFlux_1d",
                           "RobotArm_6DOF", "g", "BlackScholes_Jacobian"}
    assert sorted((REPO / "graphs" / "alphagrad").glob("*.yaml")) == \
        sorted(REPO / path for path in STORED.values())


@pytest.mark.parametrize("task", sorted(STORED))
def test_stored_graph_counts_what_alphagrad_published(task: str) -> None:
    graph = pathsum.load(REPO / STORED[task])
    assert graph.name == Path(STORED[task]).stem
    result = pathsum.analyze(graph, engines=list(ORDERS))
    assert result.agree
    counted = {key: result.results[engine].mul for engine, key in ORDERS.items()}
    assert counted == {key: PUBLISHED[task][key] for key in ORDERS.values()}


# -- the functions (needs JAX, and pathsum's faithful import) ---------------------------------
def _run():
    pytest.importorskip("jax")
    from benchmarks.alphagrad import run
    return run


@pytest.mark.parametrize("task", sorted(STORED))
def test_stored_graph_is_what_the_function_imports_to_today(task: str) -> None:
    run = _run()
    graph = run.faithful_graph(run.task_named(task))
    assert graph.to_yaml() == (REPO / STORED[task]).read_text(encoding="utf-8")
    result = pathsum.analyze(graph, engines=list(ORDERS))
    counted = {key: result.results[engine].mul for engine, key in ORDERS.items()}
    assert counted == {key: PUBLISHED[task][key] for key in ORDERS.values()}


def test_a_task_that_cannot_be_imported_is_one_line() -> None:
    run = _run()
    from benchmarks.alphagrad import Task

    record = run.run_task(Task("Broken", lambda x: x[0], {"x": 1.0}), ["eliminate-forward"], 0)
    assert record["task"] == "Broken" and "engines" not in record
    assert record["error"] and "\n" not in record["error"]


def test_every_registered_elimination_engine_is_in_the_table() -> None:
    run = _run()
    from pathsum.engines import CONDITIONAL, ENGINES

    engines = run.elimination_engines()
    assert {"eliminate-forward", "eliminate-reverse", "eliminate-markowitz",
            "eliminate-relative-markowitz", "eliminate-fill-in", "eliminate-search"} <= \
        set(engines)
    assert not {"path", "forward", "reverse", *CONDITIONAL} & set(engines)
    assert set(engines) | {"path", "forward", "reverse", *CONDITIONAL} == set(ENGINES)


@pytest.mark.slow
def test_the_script_runs_on_one_task() -> None:
    pytest.importorskip("jax")
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "alphagrad.py"), "--tasks",
         "PropaneCombustion", "--budget", "0", "--format", "json"],
        capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (record,) = json.loads(done.stdout)["tasks"]
    assert record["published"]["forward"] == 151
    engines = record["engines"]
    assert [engines[f"eliminate-{key}"]["mul"] for key in ORDERS.values()] == [151, 90, 111]
    assert engines["eliminate-search"]["mul"] <= 90
    assert "skipped" in engines["eliminate-optimal"]  # over its 20 intermediates
    table = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "alphagrad.py"), "--tasks",
         "PropaneCombustion", "--budget", "0"], capture_output=True, text=True, check=False)
    assert table.returncode == 0, table.stderr
    assert "| PropaneCombustion | 73 nodes (scalar) | 151 | 90 | 111 | 88 | 151 | 90 | 111 |" \
        in table.stdout


# -- docs/research.md's section ---------------------------------------------------------------
def _section() -> str:
    research = (REPO / "docs" / "research.md").read_text(encoding="utf-8")
    return research.split("\n## AlphaGrad's benchmark\n", 1)[1].split("\n## ", 1)[0]


def test_the_documented_commands_run(monkeypatch) -> None:
    from oracles import run_cli

    monkeypatch.chdir(REPO)
    blocks = re.findall(r"^```bash\n(.*?)^```", _section(), re.MULTILINE | re.DOTALL)
    ran = [shlex.split(line)[1:] for block in blocks for line in block.splitlines()
           if line.startswith("pathsum ")]
    assert len(ran) >= 2
    for args in ran:
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stderr)


def test_the_documented_table_is_what_the_engines_count() -> None:
    """Every column but the search's (which depends on the machine): AlphaGrad's columns are
    published.yaml's, pathsum's are what the engines count on the stored graphs."""
    lines = [line for line in _section().splitlines() if line.startswith("| ")]
    head = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert head[:6] == ["task", "graph", "AlphaGrad forward", "reverse", "Markowitz", "best"]
    engines = ["eliminate-" + name.removeprefix("pathsum ") for name in head[6:]]
    rows = {cells[0]: cells for cells in
            ([cell.strip() for cell in line.strip("|").split("|")] for line in lines[1:])}
    assert set(rows) == {"HumanHeartDipole", "PropaneCombustion", "RoeFlux_1d", "RoeFlux_3d",
                         "RobotArm_6DOF", "g", "f", "BlackScholes", "BlackScholes_Jacobian",
                         "Perceptron", "Encoder"}
    for task, cells in rows.items():
        published = PUBLISHED.get(task, {})
        assert cells[2:6] == [str(published.get(key, "")) for key in
                              ("forward", "reverse", "markowitz", "best")], task
    for task, path in STORED.items():
        cells = rows[task]
        graph = pathsum.load(REPO / path)
        assert cells[1] == f"{graph.network.number_of_nodes()} nodes (scalar)"
        budgeted = getattr(pathsum_engines, "BUDGETED", ("eliminate-search",))
        fixed = [name for name in engines if name not in (*budgeted, "eliminate-optimal")]
        result = pathsum.analyze(graph, engines=fixed)
        for name in fixed:
            assert cells[6 + engines.index(name)] == str(result.results[name].mul), (task, name)
        assert int(cells[6 + engines.index("eliminate-search")].split()[0]) <= \
            PUBLISHED[task]["best"], task
