"""Hostile inputs that still got through (issue 19, the output side): each test reproduces
one defect: CSV cells, file names, option values, drawings, output files, closed streams.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest
from oracles import GRAPHS, run_cli
from processes import PATIENCE

OLAH = str(GRAPHS / "olah.yaml")
REPO = GRAPHS.parent


def refused(*args: str, **kwargs) -> str:
    """Run, expect exit 2 with one line on stderr and nothing on stdout; return the line."""
    result = run_cli(*args, **kwargs)
    assert result.exit_code == 2, result.output + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr.rstrip("\n")


# -- row 10: digits that str.isdigit takes and int refuses -----------------------------------

@pytest.mark.parametrize(("sizes", "said"), [
    ("²", "'²' is not a size or a range (write 1..20, 1..20..2 or 1,2,5)"),
    ("1..³", "'1..³' is not a size or a range (write 1..20, 1..20..2 or 1,2,5)"),
    ("٣", "'٣' is not a size or a range (write 1..20, 1..20..2 or 1,2,5)"),
    ("9" * 5000, f"'{'9' * 24}…{'9' * 23}' is too large"),
], ids=["superscript", "superscript-range", "arabic-indic", "5000-digits"])
def test_sizes_in_other_digits_or_too_long_are_a_usage_error(sizes, said):
    assert refused("compare", "diamond", "--sizes", sizes) == f"Error: --sizes: {said}"


def test_a_columns_variable_in_other_digits_is_no_width():
    """rich reads COLUMNS with str.isdigit too: the command drops a value int() refuses."""
    env = {**os.environ, "COLUMNS": "²", "LINES": "³"}
    done = subprocess.run([sys.executable, "-m", "pathsum", "compare", "diamond", "--sizes",
                           "1..2"], env=env, capture_output=True, text=True, check=False,
                          timeout=PATIENCE)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "diamond" in done.stdout


# -- row 3: a line break inside a CSV cell ---------------------------------------------------

def _csv_lines(text: str) -> list[str]:
    """The lines a spreadsheet sees: a CR or LF outside quotes ends a row."""
    lines, quoted, line = [], False, ""
    for char in text:
        if char == '"':
            quoted = not quoted
        if char in "\r\n" and not quoted:
            lines.append(line)
            line = ""
        else:
            line += char
    return [*lines, line] if line else lines


@pytest.mark.parametrize("name", ["\r=1+1", "x\r=1+1", "x\n=1+1", "\n@SUM(A1)"])
@pytest.mark.parametrize("command", [("analyze",), ("batch",), ("compare",)])
def test_a_line_break_in_a_csv_cell_is_quoted(tmp_path, name, command):
    path = tmp_path / "g.yaml"
    path.write_text(f"name: {json.dumps(name)}\ninputs: {{a: 2}}\nnodes: {{b: a * a}}\n",
                    encoding="utf-8")
    result = run_cli(*command, str(path), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    lines = _csv_lines(result.stdout)
    # No row of the sheet starts with what a spreadsheet runs.
    assert not [line for line in lines if line.startswith(("=", "+", "-", "@"))], lines
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert len(lines) == len(rows) + 1
    guarded = name if name[0].isalnum() else "'" + name
    assert {row["graph"] for row in rows} == {guarded}


# -- row 20: a value given twice --------------------------------------------------------------

@pytest.mark.parametrize(("args", "said"), [
    (("trace", "examples/lighthouse.py:lighthouse", "--at", "nu=2,gamma=3,omega=0.5,t=0.7,nu=3"),
     "Invalid value for '--at': 'nu' is given twice (nu=2, nu=3)"),
    (("trace", "examples/lighthouse.py:lighthouse", "--at", "nu=2,gamma=3,omega=0.5,t=0.7",
      "--at", "t=1"), "Invalid value for '--at': 't' is given twice (t=0.7, t=1)"),
    (("analyze", OLAH, "--set", "a=1", "--set", "a=2"),
     "Invalid value for '--set': 'a' is given twice (a=1, a=2)"),
])
def test_a_name_given_twice_is_refused(args, said, monkeypatch):
    monkeypatch.chdir(REPO)
    assert refused(*args) == f"Error: {said}"


# -- row 18: an output that is an input ------------------------------------------------------

@pytest.mark.parametrize(("args", "shown"), [
    (("batch", "in.yaml", "-o", "in.yaml"), "'in.yaml' is also an input"),
    (("batch", ".", "-o", "in.yaml"), "'in.yaml' is also an input (as 'hard.yaml')"),
    (("batch", "in.yaml", "-o", "link.yaml"), "'link.yaml' is also an input (as 'in.yaml')"),
    (("batch", "hard.yaml", "-o", "in.yaml"), "'in.yaml' is also an input (as 'hard.yaml')"),
    (("draw", "in.dot", "-o", "in.dot"), "'in.dot' is also an input"),
    (("draw", "sub/../in.svg", "-o", "in.svg"), "'in.svg' is also an input (as 'sub/../in.svg')"),
    (("compare", "in.svg", "--plot", "in.svg"), "'in.svg' is also an input"),
    (("trace", "f.py:f", "--at", "x=1", "-o", "f.py"), "'f.py' is also an input"),
    (("trace", "f:f", "--at", "x=1", "-o", "f.py"), "'f.py' is also an input"),
], ids=["batch", "batch-dir", "batch-symlink", "batch-hardlink", "draw", "draw-dotdot",
        "compare-plot", "trace-path", "trace-module"])
def test_an_output_that_is_an_input_is_refused_before_any_work(tmp_path, monkeypatch, args,
                                                                shown):
    monkeypatch.chdir(tmp_path)
    graph = (GRAPHS / "olah.yaml").read_bytes()
    for name in ("in.yaml", "in.dot", "in.svg"):
        (tmp_path / name).write_bytes(graph)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.yaml").symlink_to("in.yaml")
    os.link("in.yaml", "hard.yaml")
    (tmp_path / "f.py").write_text("def f(x):\n    return x * x\n", encoding="utf-8")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()}
    option = "--plot" if "--plot" in args else "-o"
    assert refused(*args) == (f"Error: Invalid value for '{option}': {shown}: writing it would "
                              "replace what is read; write to another file")
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.is_file()} == \
        before


# -- row 20: a closed stdout, a reader that went away ----------------------------------------

WRITERS = [("analyze", OLAH), ("analyze", OLAH, "--format", "json"), ("batch", OLAH),
           ("draw", OLAH, "-o", "-"), ("generate", "diamond"), ("--help",)]


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_closed_stdout_is_exit_1_cannot_write_output(args):
    """``pathsum analyze g.yaml >&-``: Python sets sys.stdout to None, and the output was
    dropped without a word, exit 0."""
    done = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "pathsum",
                           *args], capture_output=False, stderr=subprocess.PIPE, text=True,
                          check=False, timeout=PATIENCE)
    assert (done.returncode, done.stderr) == (1, "Error: cannot write output: stdout is closed\n")


def test_a_closed_stdout_does_not_stop_a_command_writing_a_file(tmp_path):
    out = tmp_path / "records.jsonl"
    done = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "pathsum",
                           "batch", OLAH, "-o", str(out)], stderr=subprocess.PIPE, text=True,
                          check=False, timeout=PATIENCE)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(out.read_text(encoding="utf-8"))["graph"] == "olah"


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_reader_that_went_away_is_quiet(args):
    """``| head -c1``: the pipe's reader closed before pathsum wrote (made certain here by
    closing it first): exit 1, nothing on stderr, no traceback."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run([sys.executable, "-m", "pathsum", *args], stdout=write,
                              stderr=subprocess.PIPE, text=True, check=False, timeout=PATIENCE)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (1, "")


# -- row 6: a file name that is not UTF-8 ----------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_file_name_with_undecodable_bytes_gets_its_record(tmp_path, jobs, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    graph = (GRAPHS / "olah.yaml").read_bytes()
    (folder / "a.yaml").write_bytes(graph)
    bad = os.path.join(os.fsencode(folder), b"bad\xffname.yaml")
    with open(bad, "wb") as out:
        out.write(graph)
    with open(os.path.join(os.fsencode(folder), b"worse\xfe.yaml"), "wb") as out:
        out.write(b"inputs: [x]\nedges: [[x, x, 2]]\n")
    with open(os.path.join(os.fsencode(folder), b"z\xfdname.yaml"), "wb") as out:
        out.write(b"inputs: {a: 2}\nnodes: {b: a * a}\n")  # named by its file
    out = tmp_path / f"records.{fmt}"
    result = run_cli("batch", str(folder), "--jobs", jobs, "--format", fmt, "-o", str(out))
    assert result.exit_code == 1, result.stderr
    assert result.stderr == "1 of 4 graph files failed; their records carry an 'error' field.\n"
    text = out.read_text(encoding="utf-8")  # valid UTF-8 throughout
    if fmt == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        # JSON's \udcff escape reads back as the very name: os.fsencode gives the bytes.
        assert [os.fsencode(r["source"]) for r in records] == [
            os.path.join(os.fsencode(folder), name)
            for name in (b"a.yaml", b"bad\xffname.yaml", b"worse\xfe.yaml", b"z\xfdname.yaml")]
        assert records[1]["total_paths"] == 3
        assert records[2]["error"].startswith(f"{folder}/worse\\udcfe.yaml, line 2")
        assert (records[3]["graph"], records[3]["total_paths"]) == ("z\\udcfdname", 1)
    else:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [row["source"] for row in rows] == [
            f"{folder}/a.yaml", f"{folder}/bad\\udcffname.yaml", f"{folder}/worse\\udcfe.yaml",
            f"{folder}/z\\udcfdname.yaml"]
        assert rows[1]["total_paths"] == "3"


# -- row 15: a control character in a drawn label -------------------------------------------

@pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"),
                    reason="Graphviz is not installed")
def test_an_escape_in_a_description_leaves_the_svg_well_formed(tmp_path):
    graph = tmp_path / "g.yaml"
    graph.write_text('name: "a\\x01b\\u200bc"\ndescription: "olah\\e[2J\\a\\x7f\\u202e"\n'
                     "inputs: {a: 2}\nnodes: {b: a * a}\n", encoding="utf-8")
    out = tmp_path / "g.svg"
    result = run_cli("draw", str(graph), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    root = ET.fromstring(svg)  # raised "not well-formed (invalid token)" before
    texts = "".join(root.itertext())
    assert "a\\x01b\\u200bc" in texts and "olah\\x1b[2J\\x07\\x7f\\u202e" in texts
    assert not any(char in svg for char in "\x01\x07\x1b\x7f\u200b\u202e")


# -- row 16: bidi, zero-width and escape characters in JSON and DOT ---------------------------

#: A name that shows as "olah.exe" reversed, with an invisible space and an ANSI escape.
SNEAKY = "olah\u202eexe.txt\u200b\u2066\x1b[2J\x9b\ufeff\u2028"
RAW = ("\u202e", "\u200b", "\u2066", "\x1b", "\x9b", "\ufeff", "\u2028")


@pytest.mark.parametrize("args", [("analyze", "--format", "json"), ("batch",),
                                  ("compare", "--format", "json")])
def test_json_escapes_invisible_characters_and_keeps_them(tmp_path, args):
    graph = tmp_path / "g.yaml"
    graph.write_text(f"name: {json.dumps(SNEAKY)}\ninputs: {{a: 2}}\nnodes: {{b: a * a}}\n",
                     encoding="utf-8")
    result = run_cli(args[0], str(graph), *args[1:])
    assert result.exit_code == 0, result.stderr
    assert not [char for char in RAW if char in result.stdout]
    assert "olah\\u202eexe.txt\\u200b\\u2066\\u001b[2J\\u009b\\ufeff\\u2028" in result.stdout
    record = json.loads(result.stdout)
    record = record[0] if isinstance(record, list) else record
    assert record["graph"] == SNEAKY  # escaped, not lost


def test_dot_on_stdout_escapes_invisible_characters(tmp_path):
    graph = tmp_path / "g.yaml"
    graph.write_text(f"name: {json.dumps(SNEAKY)}\ninputs: {{a: 2}}\nnodes: {{b: a * a}}\n",
                     encoding="utf-8")
    result = run_cli("draw", str(graph), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert not [char for char in RAW if char in result.stdout]
    # The caption wraps at whitespace, which U+2028 is: it breaks the line there.
    assert 'label="olah\\\\u202eexe.txt\\\\u200b\\\\u2066\\\\x1b[2J\\\\x9b\\\\ufeff' in result.stdout


# -- row 19: Graphviz on a graph too big, a dot that hangs -----------------------------------

def _fake_dot(folder, body: str) -> None:
    """A ``dot`` program first on PATH: a shell script that writes its pid, then ``body``."""
    folder.mkdir()
    script = folder / "dot"
    script.write_text(f'#!/bin/sh\necho $$ >> "{folder}/pids"\n{body}\n', encoding="utf-8")
    script.chmod(0o755)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead
    except FileNotFoundError:
        return False


def test_a_dot_that_hangs_is_stopped_at_the_timeout_and_killed(tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    # It and the sleep it starts (a grandchild of pathsum) never end on their own.
    _fake_dot(fake, f'sleep 1000000 &\necho $! >> "{fake}/pids"\nwait')
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PATHSUM_DOT_TIMEOUT", "0.5")
    out = tmp_path / "olah.svg"
    out.write_bytes(b"old")
    assert refused("draw", OLAH, "-o", str(out)) == (
        "Error: Graphviz dot did not finish in 0.5 s and was stopped (PATHSUM_DOT_TIMEOUT "
        "gives it longer; a .dot file is written without Graphviz)")
    assert out.read_bytes() == b"old"
    pids = [int(pid) for pid in (fake / "pids").read_text(encoding="utf-8").split()]
    assert len(pids) == 2
    deadline = time.monotonic() + PATIENCE  # a safety net: SIGKILL is on its way already
    while any(_alive(pid) for pid in pids):
        assert time.monotonic() < deadline, "dot or its child outlived pathsum"
        time.sleep(0.01)


@pytest.mark.parametrize(("value", "said"), [
    ("0", "'0'"), ("-1", "'-1'"), ("soon", "'soon'"), ("nan", "'nan'"), ("inf", "'inf'")])
def test_a_bad_dot_timeout_is_refused_before_any_work(tmp_path, monkeypatch, value, said):
    fake = tmp_path / "bin"
    _fake_dot(fake, "exit 3")
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("PATHSUM_DOT_TIMEOUT", value)
    assert refused("draw", OLAH, "-o", str(tmp_path / "olah.png")) == \
        f"Error: PATHSUM_DOT_TIMEOUT={said} is not a positive number of seconds"
    assert not (fake / "pids").exists()


def test_a_graph_over_the_drawing_limit_is_refused_before_graphviz(tmp_path, monkeypatch):
    fake = tmp_path / "bin"
    _fake_dot(fake, "exit 3")
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    big = tmp_path / "big.yaml"
    assert run_cli("generate", "diamond", "--size", "1250", "-o", str(big)).exit_code == 0
    for suffix in ("svg", "png", "html"):
        assert refused("draw", str(big), "-o", str(tmp_path / f"big.{suffix}")) == (
            f"Error: {big} has 1,251 nodes and 3,750 edges, more than the 5,000 nodes plus "
            "edges Graphviz is given (PATHSUM_MAX_DRAWN raises it; a .dot file is written "
            "without Graphviz)")
    assert not (fake / "pids").exists()
    assert run_cli("draw", str(big), "-o", str(tmp_path / "big.dot")).exit_code == 0
    monkeypatch.setenv("PATHSUM_MAX_DRAWN", "9")  # olah: 5 nodes and 5 edges
    assert refused("draw", OLAH, "-o", str(tmp_path / "olah.svg")).startswith(
        f"Error: {OLAH} has 5 nodes and 5 edges, more than the 9 nodes plus edges")
    monkeypatch.setenv("PATHSUM_MAX_DRAWN", "10")
    result = run_cli("draw", OLAH, "-o", str(tmp_path / "olah.svg"))
    assert (result.exit_code, result.stderr) == (2, "Error: Graphviz dot failed: 3\n")
