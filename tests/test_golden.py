"""Golden outputs: every command's stdout, stderr, exit code and written file.

Everything is compared byte for byte except floats: two routes may add the same terms in
another order, so a float may move in its last bits (docs/reference.md, "Floats and
routes"). A float token matches within FLOAT_REL_TOL relative (FLOAT_ABS_TOL near zero),
and only then may the padding around it (spaces, a table's rules) differ with its width.
Counts, names, messages and exact or symbolic values have no tolerance. Timings are the
only output that varies between runs, so the clock reads 0 while a case runs.

Regenerate (only when a change of output is intended, and say so in the commit):
    PATHSUM_REGEN_GOLDEN=1 pytest tests/test_golden.py
"""

from __future__ import annotations

import math
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathsum.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("PATHSUM_REGEN_GOLDEN") == "1"

FLOAT_REL_TOL = 1e-9
FLOAT_ABS_TOL = 1e-12
# a float token: digits with a point or an exponent (integers, counts, stay exact text)
FLOAT = re.compile(r"[-+]?(?:\d+\.\d*(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+)")
# padding a float's width may change: runs of spaces and of a table's horizontal rules
PADDING = re.compile(r" +|[─━═]+|-{3,}")

GRAPHS = sorted(p.name for p in (ROOT / "graphs").glob("*.yaml"))
FAMILIES = ["diamond", "diamond-nodes", "lattice", "mlp", "rnn", "random"]
ALL_ENGINES = ("path,forward,reverse,eliminate-forward,eliminate-reverse,eliminate-markowitz,"
               "eliminate-relative-markowitz,eliminate-fill-in,eliminate-optimal,eliminate-search")

# name -> (argv, stdin, file written by the command or None)
CASES: dict[str, tuple[list[str], str | None, str | None]] = {
    "help": (["--help"], None, None),
    "version": (["--version"], None, None),
}
for command in ["analyze", "batch", "compare", "draw", "generate", "import", "trace"]:
    CASES[f"help-{command}"] = ([command, "--help"], None, None)
CASES["help-import-jax"] = (["import", "jax", "--help"], None, None)
for graph in GRAPHS:
    stem = graph.removesuffix(".yaml")
    for fmt in ["table", "json", "csv"]:
        CASES[f"analyze-{stem}-{fmt}"] = (["analyze", f"graphs/{graph}", "--format", fmt],
                                          None, None)
    CASES[f"analyze-{stem}-all-engines-json"] = (
        ["analyze", f"graphs/{graph}", "-e", ALL_ENGINES, "--format", "json"], None, None)
    CASES[f"analyze-{stem}-all-engines-table"] = (
        ["analyze", f"graphs/{graph}", "-e", ALL_ENGINES], None, None)
    CASES[f"analyze-{stem}-explain"] = (["analyze", f"graphs/{graph}", "--explain"], None, None)
    CASES[f"draw-{stem}-dot"] = (["draw", f"graphs/{graph}", "-o", "out.dot"], None, "out.dot")
CASES.update({
    "analyze-olah-per-node-json": (["analyze", "graphs/olah.yaml", "--per-node", "--format",
                                    "json"], None, None),
    "analyze-olah-per-node-table": (["analyze", "graphs/olah.yaml", "--per-node"], None, None),
    "analyze-olah-explain-wrt-of": (["analyze", "graphs/olah.yaml", "--explain", "--wrt", "b",
                                     "--of", "e"], None, None),
    "analyze-olah-explain-json": (["analyze", "graphs/olah.yaml", "--explain", "--format",
                                   "json"], None, None),
    "analyze-path-explosion-explain-json": (["analyze", "graphs/path-explosion.yaml",
                                             "--explain", "--format", "json"], None, None),
    "analyze-path-explosion-explain-json-symbolic": (
        ["analyze", "graphs/path-explosion.yaml", "--explain", "--arith", "symbolic",
         "--format", "json"], None, None),
    "analyze-path-explosion-explain-json-max-paths": (
        ["analyze", "graphs/path-explosion.yaml", "--explain", "--max-paths", "8", "--format",
         "json"], None, None),
    "analyze-olah-set": (["analyze", "graphs/olah.yaml", "--set", "a=3", "-e", "forward,reverse",
                          "--format", "json"], None, None),
    "analyze-olah-exact": (["analyze", "graphs/olah.yaml", "--arith", "exact", "--format",
                            "json"], None, None),
    "analyze-explosion-symbolic": (["analyze", "graphs/path-explosion.yaml", "--arith",
                                    "symbolic", "--explain"], None, None),
    "analyze-explosion-symbolic-json": (["analyze", "graphs/path-explosion.yaml", "--arith",
                                         "symbolic", "--format", "json"], None, None),
    "analyze-lighthouse-max-paths": (["analyze", "graphs/lighthouse.yaml", "--max-paths", "1",
                                      "--format", "json"], None, None),
    "analyze-stdin": (["analyze", "-"], "inputs: {x: 2}\nnodes: {y: x*x}\n", None),
    "analyze-order": (["analyze", "graphs/olah.yaml", "--order", "order.yaml", "--format",
                       "json"], None, None),
    "analyze-save-order": (["analyze", "graphs/lighthouse.yaml", "-e", "eliminate-optimal",
                            "--save-order", "saved.yaml"], None, "saved.yaml"),
    "analyze-chain": (["analyze", "graphs/mlp.yaml", "-e", "eliminate-chain,forward,reverse",
                       "--format", "json"], None, None),
    "draw-olah-formulas": (["draw", "graphs/olah.yaml", "--formulas", "--wrt", "b", "-o",
                            "f.dot"], None, "f.dot"),
    "draw-olah-path": (["draw", "graphs/olah.yaml", "--path", "b,c,e", "-o", "p.dot"],
                       None, "p.dot"),
    "batch-jsonl": (["batch", "graphs", "--jobs", "1"], None, None),
    "batch-csv": (["batch", "graphs", "--jobs", "1", "--format", "csv"], None, None),
    "batch-csv-out": (["batch", "graphs", "--jobs", "1", "--format", "csv", "-o", "b.csv"],
                      None, "b.csv"),
    "batch-errors": (["batch", "bad", "--jobs", "1"], None, None),
    "compare-files": (["compare", "graphs/olah.yaml", "graphs/path-explosion.yaml"], None, None),
    "compare-files-json": (["compare", "graphs/olah.yaml", "graphs/path-explosion.yaml",
                            "--format", "json"], None, None),
    "compare-diamond-max-paths": (["compare", "diamond", "--sizes", "1..6", "--max-paths", "100",
                                   "--format", "csv"], None, None),
    "compare-diamond-eliminate": (["compare", "diamond", "--sizes", "1..3", "-e",
                                   "forward,reverse,eliminate-markowitz"], None, None),
    "generate-mlp-widths": (["generate", "mlp", "--widths", "2,3,1", "--seed", "1"], None, None),
    "generate-lattice-m": (["generate", "lattice", "--size", "2", "--m", "3"], None, None),
    "generate-random-params": (["generate", "random", "--size", "9", "--degree", "3",
                                "--inputs", "3", "--outputs", "2", "--seed", "7"], None, None),
    "trace": (["trace", "prog:f", "--at", "x=2,y=1", "-o", "t.yaml"], None, "t.yaml"),
    "trace-stdout": (["trace", "prog:f", "--at", "x=2,y=1"], None, None),
    "error-trace": (["trace", "prog:g", "--at", "x=2"], None, None),
    "generate-out": (["generate", "diamond", "--size", "2", "-o", "d.yaml"], None, "d.yaml"),
    # bad input: the one-line messages and exit 2
    "error-missing": (["analyze", "nope.yaml"], None, None),
    "error-cycle": (["analyze", "bad/cycle.yaml"], None, None),
    "error-formula": (["analyze", "bad/formula.yaml"], None, None),
    "error-unknown-fn": (["analyze", "bad/unknown.yaml"], None, None),
    "error-yaml": (["analyze", "bad/syntax.yaml"], None, None),
    "error-conflict": (["analyze", "graphs/olah.yaml", "--wrt", "b"], None, None),
    "error-wrt-unknown": (["analyze", "graphs/olah.yaml", "--explain", "--wrt", "zz"], None, None),
    "error-engine": (["analyze", "graphs/olah.yaml", "-e", "nope"], None, None),
    "error-family": (["generate", "nope"], None, None),
    "error-size": (["generate", "diamond", "--size", "100000000"], None, None),
    "error-sizes": (["compare", "diamond", "--sizes", "3..1"], None, None),
    "error-order": (["analyze", "graphs/olah.yaml", "--order", "bad/order.yaml"], None, None),
    "error-exact-transcendental": (["analyze", "graphs/mlp.yaml", "--arith", "exact"], None, None),
})
for family in FAMILIES:
    CASES[f"generate-{family}"] = (["generate", family, "--size", "3"], None, None)
    for fmt in ["table", "json", "csv"]:
        CASES[f"compare-{family}-{fmt}"] = (["compare", family, "--sizes", "1..3", "--format",
                                             fmt], None, None)

BAD_FILES = {
    "cycle.yaml": "inputs: {a: 1}\nnodes:\n  b: a + d\n  d: b * 2\n",
    "formula.yaml": "inputs: {a: 1}\nnodes:\n  b: a +* 2\n",
    "unknown.yaml": "inputs: {a: 1}\nnodes:\n  b: frobnicate(a)\n",
    "syntax.yaml": "inputs: {a: 1\nnodes: [\n",
    "order.yaml": "[c, c]\n",
}
PROGRAM = """\
import math

from pathsum import fn


def f(x, y):
    for _ in range(2):
        x = fn.sin(x) * y + x / 2
    return fn.tanh(x) - y ** 2


def g(x):
    return math.exp(x)
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "graphs", tmp_path / "graphs")
    (tmp_path / "bad").mkdir()
    for name, text in BAD_FILES.items():
        (tmp_path / "bad" / name).write_text(text, encoding="utf-8")
    (tmp_path / "prog.py").write_text(PROGRAM, encoding="utf-8")
    (tmp_path / "order.yaml").write_text("[d, c]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # the only output that varies from run to run is a duration: freeze the clock
    monkeypatch.setattr(time, "perf_counter", lambda: 0.0)
    return tmp_path


def render(name: str, workdir: Path) -> str:
    argv, stdin, written = CASES[name]
    runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": None, "FORCE_COLOR": None,
                            "TERM": "dumb"})
    result = runner.invoke(cli, argv, input=stdin, catch_exceptions=False, prog_name="pathsum")
    text = f"$ pathsum {' '.join(argv)}\nexit: {result.exit_code}\n"
    text += f"--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    if written is not None:
        path = workdir / written
        body = path.read_text(encoding="utf-8") if path.exists() else "(not written)\n"
        text += f"--- file {written}\n{body}"
    # a traced file is named by its absolute path, which is the test's temporary directory
    return text.replace(str(workdir), "<tmp>")


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden(name: str, workdir: Path) -> None:
    text = render(name, workdir)
    golden = GOLDEN / f"{name}.txt"
    if REGEN:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file for {name}: regenerate with PATHSUM_REGEN_GOLDEN=1"
    assert same_within_float_tolerance(text, golden.read_text(encoding="utf-8"))


def same_within_float_tolerance(got: str, want: str) -> bool:
    """True if ``got`` is ``want`` byte for byte, or differs only in floats within the
    tolerance (and the padding their width moves)."""
    if got == want:
        return True
    got_floats, want_floats = FLOAT.findall(got), FLOAT.findall(want)
    if len(got_floats) != len(want_floats):
        return False
    for a, b in zip(got_floats, want_floats, strict=True):
        if not math.isclose(float(a), float(b), rel_tol=FLOAT_REL_TOL, abs_tol=FLOAT_ABS_TOL):
            return False
    squeezed = [PADDING.sub(" ", FLOAT.sub("<float>", text)) for text in (got, want)]
    return squeezed[0] == squeezed[1]


@pytest.mark.parametrize(("got", "want", "same"), [
    ("de/dx 0.30000000000000004\n", "de/dx 0.3\n", True),
    ("| 0.30000000000000004 |\n|-------|", "| 0.3 |\n|-----|", True),
    ("--format 0.3\n", "-format 0.3\n", False),    # flags: byte for byte
    ("mul 12 add 3\n", "mul 13 add 3\n", False),   # counts: no tolerance
    ("de/dx 0.3001\n", "de/dx 0.3\n", False),      # beyond the tolerance
    ("de/dx 3/10\n", "de/dx 3/11\n", False),       # exact values: no tolerance
    ("node a: 0.3\n", "node b: 0.3\n", False),     # names: byte for byte
    ("1e-17\n", "0.0\n", True),                    # near zero: absolute tolerance
    ("x 1.0 y\n", "x 1.0\ny\n", False),           # a line break is not padding
])
def test_float_tolerance_covers_floats_only(got: str, want: str, same: bool) -> None:
    assert same_within_float_tolerance(got, want) is same


def test_every_golden_file_has_a_case() -> None:
    stale = {p.stem for p in GOLDEN.glob("*.txt")} - set(CASES)
    assert not stale, f"golden files without a case: {sorted(stale)}"
