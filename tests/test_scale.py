"""Deep graphs: no recursion anywhere on graph depth (DESIGN §6)."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

import pytest
from oracles import GRAPHS, ROOT, cli_json

import pathsum

N = 100_000


@pytest.fixture(scope="module")
def long_chain():
    """x0 -> x1 -> ... -> x100000 with partials 2, 1/2, 2, 1/2, ... and 3 on the last edge."""
    edges = [(f"x{i}", f"x{i + 1}", Fraction(2) if i % 2 == 0 else Fraction(1, 2))
             for i in range(N - 1)]
    edges.append((f"x{N - 1}", f"x{N}", Fraction(3)))
    return pathsum.from_edges(edges, ["x0"], name="chain")


@pytest.mark.slow
def test_100k_chain_through_all_engines(long_chain):
    result = pathsum.analyze(long_chain)
    # N - 1 edges alternate 2, 1/2 (N - 1 is odd: one 2 left over), then 3.
    expected = Fraction(2) * 3
    assert result.total_paths == 1
    for name in ("path", "forward", "reverse"):
        r = result.results[name]
        assert result.jacobian(name) == {f"x{N}": {"x0": expected}}, name
        assert (r.mul, r.add) == (N - 1, 0), name  # one path of N edges; the seed is free
    assert result.agree


@pytest.mark.slow
def test_100k_chain_counts_and_explain(long_chain):
    result = pathsum.analyze(long_chain, ["forward"])
    assert result.counts.lengths == {N: {0: N}}
    lines = pathsum.explain(result)
    assert len(lines) == 1
    assert lines[0].startswith(f"dx{N}/dx0 = [x0→x1→x2→")
    assert f"→x{N}] 2*1/2*2*" in lines[0]
    assert lines[0].endswith("*2*3 = 6")


@pytest.mark.slow
def test_deep_formula_chain_through_the_cli(write):
    n = 20_000
    body = "\n".join(f"  v{i + 1}: v{i} * 1.0001 + sin(v{i}) * 0" for i in range(n))
    path = write(f"name: deep\ninputs: {{v0: 1}}\nnodes:\n{body}\n")
    record = cli_json(path, "--engine", "forward,reverse,path")
    assert record["total_paths"] == 1
    assert record["nodes"] == n + 1
    for name in ("path", "forward", "reverse"):
        entry = record["engines"][name]
        assert entry["mul"] == n - 1 and entry["add"] == 0
        assert entry["jacobian"][f"v{n}"]["v0"] == pytest.approx(1.0001 ** n, rel=1e-9)


@pytest.mark.slow
def test_python_dash_m_pathsum():
    run = subprocess.run(
        [sys.executable, "-m", "pathsum", "analyze", str(GRAPHS / "olah.yaml"), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert record["engines"]["reverse"]["jacobian"] == {"e": {"a": 2.0, "b": 5.0}}
    run = subprocess.run([sys.executable, "-m", "pathsum", "--version"], capture_output=True,
                         text=True, timeout=120, check=False)
    assert (run.returncode, run.stdout) == (0, f"pathsum, version {pathsum.__version__}\n")
    run = subprocess.run([sys.executable, "-m", "pathsum", "analyze", "nope.yaml"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert (run.returncode, run.stdout, run.stderr) == (2, "", "Error: nope.yaml: no such file\n")
