"""The researchers' guide's examples (docs/research.md: trace, import, networkx) run as written."""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest
from oracles import run_cli
from test_trace import example

import pathsum

REPO = Path(__file__).resolve().parent.parent


def subsection(title: str) -> str:
    research = (REPO / "docs" / "research.md").read_text(encoding="utf-8")
    assert f"\n## {title}\n" in research, title
    return research.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def run_examples(title: str) -> None:
    examples = re.findall(r"^```pycon\n(.*?)^```", subsection(title), re.MULTILINE | re.DOTALL)
    assert examples, title
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    test = doctest.DocTestParser().get_doctest("\n".join(examples), {}, title, "docs/research.md", 0)
    runner.run(test, out=sys.stdout.write)
    summary = runner.summarize(verbose=False)
    assert summary.failed == 0, f"{summary.failed} docs/research.md example(s) failed; see the output"
    assert summary.attempted >= 3


@pytest.mark.parametrize("title", ["Trace a Python function", "networkx both ways"])
def test_research_examples_run_as_written(title, monkeypatch):
    monkeypatch.chdir(REPO)
    run_examples(title)


def commands(title: str) -> list[list[str]]:
    blocks = re.findall(r"^```bash\n(.*?)^```", subsection(title), re.MULTILINE | re.DOTALL)
    return [shlex.split(line)[1:] for block in blocks for line in block.splitlines()
            if line.startswith("pathsum ")]


@pytest.mark.parametrize("title", ["Trace a Python function", "Import from JAX"])
def test_research_commands_run_as_written(title, tmp_path, monkeypatch):
    if title == "Import from JAX":
        pytest.importorskip("jax")
    for folder in ("examples", "graphs"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    ran = commands(title)
    assert len(ran) >= 2
    for args in ran:
        result = run_cli(*args)
        assert result.exit_code == 0, (args, result.stderr)


def test_the_dipole_table_is_what_the_engines_count(monkeypatch):
    pytest.importorskip("jax")
    monkeypatch.chdir(REPO)
    table = subsection("Import from JAX").split("| graph |", 1)[1]
    rows = {line.split("|")[1].strip(): [int(cell) for cell in line.split("|")[2:-1]]
            for line in table.splitlines()[2:4]}
    module = example("heart_dipole")
    point = {"a": 0.3, "b": 0.2, "c": 0.1, "d": 0.4, "t": 0.5, "u": 0.6, "v": 0.7, "w": 0.8}
    engines = ["path", "forward", "reverse", "eliminate-markowitz",
               "eliminate-relative-markowitz", "eliminate-fill-in", "eliminate-search"]
    for label, graph in (("traced from Python", pathsum.trace(module.dipole, **point)),
                         ("imported from JAX", pathsum.from_jax(module.dipole, **point))):
        result = pathsum.analyze(graph, engines)
        assert result.agree
        counted = [graph.network.number_of_nodes(), graph.network.number_of_edges(),
                   result.total_paths, *(result.results[name].mul for name in engines)]
        assert rows[label] == counted, label
        assert {result.results[name].add for name in engines} == {24}
        assert result.to_dict()["engines"]["eliminate-search"]["optimal"] is True
