"""The documented Python API, and the examples of it in docs/api.md, run as written."""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from oracles import without_seconds

import pathsum
from pathsum.cli import main

REPO = Path(__file__).resolve().parent.parent
API_PAGE = REPO / "docs" / "api.md"
#: The page and section that show ``pathsum batch`` on the command line.
BATCH_PAGE, BATCH_SECTION = REPO / "docs" / "research.md", "## Many graphs: `pathsum batch`"


def page_section(page: Path, heading: str | None = None) -> str:
    text = page.read_text(encoding="utf-8")
    if heading is None:
        return text
    assert f"\n{heading}\n" in text, heading
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def blocks(language: str, text: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.MULTILINE | re.DOTALL)


def test_the_api_page_python_examples_run_as_written(monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    examples = blocks("pycon", page_section(API_PAGE))
    assert len(examples) >= 4
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    # One namespace, as in one interactive session that types the examples in order.
    session = "\n".join(examples)
    runner.run(parser.get_doctest(session, {}, "API examples", "docs/api.md", 0),
               out=sys.stdout.write)
    summary = runner.summarize(verbose=False)
    assert summary.failed == 0, f"{summary.failed} docs/api.md example(s) failed; see the output"
    assert summary.attempted >= 15


@pytest.mark.slow
def test_the_documented_batch_commands_run(tmp_path: Path) -> None:
    shutil.copytree(REPO / "graphs", tmp_path / "graphs")
    shutil.copytree(REPO / "graphs", tmp_path / "runs" / "first")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    commands = [line.split("  #")[0].strip() for block in blocks("bash", page_section(BATCH_PAGE, BATCH_SECTION))
                for line in block.splitlines() if "pathsum batch" in line]
    local = [c for c in commands if "--dask" not in c]
    assert len(local) >= 3
    for command in local:
        done = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=tmp_path,
                              env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, (command, done.stderr)
    assert (tmp_path / "records.jsonl").read_text().count("\n") == len(
        pathsum.expand_paths([str(tmp_path / "graphs")]))
    assert (tmp_path / "out.csv").read_text().startswith("graph,source,nodes,edges,total_paths,")


def test_to_dict_is_the_record_analyze_prints() -> None:
    for path in pathsum.expand_paths([str(REPO / "graphs")]):
        result = CliRunner().invoke(main, ["analyze", path, "--format", "json"])
        assert result.exit_code == 0, result.output
        printed = json.loads(result.stdout)
        assert without_seconds(pathsum.analyze(pathsum.load(path)).to_dict()) == \
            without_seconds(printed)
        assert printed["source"] == path


def test_load_reads_a_path_or_mapping_and_loads_reads_text() -> None:
    text = (REPO / "graphs" / "path-explosion.yaml").read_text(encoding="utf-8")
    from_file = pathsum.load(REPO / "graphs" / "path-explosion.yaml")
    from_text = pathsum.loads(text)
    from_mapping = pathsum.load({"name": "path-explosion", "inputs": ["X"], "outputs": ["Z"],
                                 "edges": [["X", "Y", 1], ["X", "Y", 2], ["X", "Y", 3],
                                           ["Y", "Z", 4], ["Y", "Z", 5], ["Y", "Z", 6]]})
    for graph in (from_file, from_text, from_mapping):
        result = pathsum.analyze(graph, engines=["path", "reverse"], max_paths=100)
        assert result.total_paths == 9
        assert result.jacobian("reverse") == {"Z": {"X": 90.0}}
        assert (result.results["path"].mul, result.results["path"].add) == (9, 8)


def test_every_error_is_a_pathsum_error() -> None:
    names = ["GraphError", "YAMLSyntaxError", "SchemaError", "FormulaError",
             "UnknownNameError", "CycleError", "NotFiniteError", "UsageError", "DaskError"]
    for name in names:
        assert name in pathsum.__all__
        assert issubclass(getattr(pathsum, name), pathsum.PathsumError)
    with pytest.raises(pathsum.UsageError, match="unknown engine 'sideways'"):
        pathsum.analyze(REPO / "graphs" / "olah.yaml", engines=["sideways"])


def test_batch_functions_are_public() -> None:
    for name in ("run_batch", "expand_paths", "analyze_file"):
        assert name in pathsum.__all__
        assert getattr(pathsum, name).__doc__


def test_family_documents_load_and_analyse() -> None:
    from pathsum import families

    for family in families.FAMILIES:
        doc = families.generate(family)
        via_yaml = pathsum.analyze(pathsum.loads(families.to_yaml(doc)))
        direct = pathsum.analyze(doc)
        assert via_yaml.agree and direct.agree
        assert without_seconds(via_yaml.to_dict()) == {
            **without_seconds(direct.to_dict()), "source": "<string>"}


def test_submodules_are_attributes_of_the_package_without_importing_them_first() -> None:
    code = "import pathsum; print(pathsum.families.rnn.__name__, hasattr(pathsum, 'nope'))"
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=False)
    assert (child.returncode, child.stdout, child.stderr) == (0, "rnn False\n", "")
