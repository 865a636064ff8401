"""``pathsum trace``: exact output, files written atomically, modules found as a user expects,
and every failure one line with exit status 2."""

from __future__ import annotations

import sys
import uuid

import pytest
from oracles import ROOT, run_cli
from test_trace import example


@pytest.fixture(autouse=True)
def _own_sys_path(monkeypatch):
    """A command importing the user's code puts its folder on sys.path: undo it after."""
    monkeypatch.setattr("sys.path", list(sys.path))

import pathsum


def test_trace_writes_the_formula_file_to_stdout(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("trace", "examples/micrograd.py:expression", "--at", "a=-4,b=2")
    assert result.exit_code == 0, result.stderr
    expected = pathsum.trace(example("micrograd").expression, a=-4.0, b=2.0).to_yaml()
    assert result.stdout == expected
    assert result.stderr == ""


def test_trace_to_a_file_then_analyze(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "lighthouse.yaml"
    result = run_cli("trace", "examples/lighthouse.py:lighthouse", "--at", "nu=2,gamma=3",
                     "--at", "omega=0.5,t=0.7", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    traced = pathsum.load(out)
    by_hand = pathsum.load(ROOT / "graphs" / "lighthouse.yaml")
    assert traced.outputs == ["y1", "y2"]
    assert traced.values["y1"] == by_hand.values["y1"]
    t = pathsum.analyze(traced, ["reverse"]).jacobian("reverse")
    h = pathsum.analyze(by_hand, ["reverse"]).jacobian("reverse")
    for y in ("y1", "y2"):
        assert t[y] == pytest.approx(h[y], rel=1e-14)
    assert [p.name for p in tmp_path.iterdir()] == ["lighthouse.yaml"]  # no temporary left


def test_a_module_is_imported_from_the_current_directory(tmp_path, monkeypatch):
    name = f"traced_{uuid.uuid4().hex}"
    (tmp_path / f"{name}.py").write_text("def f(x, y):\n    return x * y + 1\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.path", [p for p in sys.path if p not in ("", ".")])
    result = run_cli("trace", f"{name}:f", "--at", "x=2,y=1")
    assert result.exit_code == 0, result.stderr
    assert "  mul1: x * y\n  add2: mul1 + 1\noutputs: [add2]\n" in result.stdout


def test_a_file_imports_its_siblings(tmp_path, monkeypatch):
    helper = f"helper_{uuid.uuid4().hex}"
    (tmp_path / f"{helper}.py").write_text("def double(v):\n    return 2 * v\n")
    (tmp_path / "main.py").write_text(f"from {helper} import double\n\n"
                                      "def f(x):\n    return double(x)\n")
    monkeypatch.chdir(ROOT)
    result = run_cli("trace", f"{tmp_path}/main.py:f", "--at", "x=3")
    assert result.exit_code == 0, result.stderr
    assert "  mul1: 2 * x\n" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["nocolon", "--at", "x=1"], ("'nocolon' is not MODULE:FUNCTION (e.g. mymodule:f or "
     "path/to/f.py:f)")),
    (["no_such_module_xyz:f", "--at", "x=1"], ("no module named 'no_such_module_xyz' (in the "
     "current directory or on sys.path; give a path to a .py file instead?)")),
    (["examples/none.py:f", "--at", "x=1"], "no such file: examples/none.py"),
    (["examples/micrograd.py:nothing", "--at", "a=1"],
     "examples/micrograd.py:nothing: 'examples/micrograd.py' has no 'nothing'"),
    (["examples/micrograd.py:__doc__", "--at", "a=1"],
     "examples/micrograd.py:__doc__: '__doc__' is a str, not a function"),
    (["examples/micrograd.py:expression", "--at", "a=1,b=1,c=2"],
     "cannot trace expression: got an unexpected keyword argument 'c'"),
    (["examples/micrograd.py:expression", "--at", "a=1"],
     "cannot trace expression: missing a required argument: 'b'"),
    (["examples/micrograd.py:expression", "--at", "a"],
     "Invalid value for '--at': 'a' is not name=value"),
    (["examples/micrograd.py:expression"], "Missing option '--at'."),
])
def test_failures_are_one_line_exit_2(args, message, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("trace", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def test_an_exception_in_the_traced_function_names_its_line(tmp_path, monkeypatch):
    (tmp_path / "broken.py").write_text("def f(x):\n    y = x + 1\n    return y[0]\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("trace", "broken.py:f", "--at", "x=1")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: broken.py:f: TypeError: 'Value' object is not "
                             f"subscriptable ({tmp_path}/broken.py, line 3)\n")


def test_a_refused_operation_names_the_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "usesmath.py").write_text("import math\n\ndef f(x):\n    return math.exp(x)\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("trace", "usesmath.py:f", "--at", "x=1", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path}/usesmath.py, line 4: 'math.exp(x)' cannot be "
                             "traced: it turns a traced value into a plain number, which has no "
                             "derivative; use pathsum.fn.exp\n")
    assert not (tmp_path / "out.yaml").exists()


def test_import_jax_without_jax_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "jax", None)  # as if it were not installed
    monkeypatch.chdir(ROOT)
    result = run_cli("import", "jax", "examples/lighthouse_jax.py:lighthouse", "--at", "nu=1")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: JAX is not installed: pip install 'pathsum[jax]' "
                             "(or pip install jax)\n")


def test_a_package_module_and_a_method(tmp_path, monkeypatch):
    package = f"pkg_{uuid.uuid4().hex}"
    (tmp_path / package).mkdir()
    (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / package / "models.py").write_text(
        "class Model:\n    @staticmethod\n    def loss(w):\n        return w * w - w\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("trace", f"{package}.models:Model.loss", "--at", "w=3")
    assert result.exit_code == 0, result.stderr
    assert "nodes:\n  mul1: w * w\n  sub2: mul1 - w\noutputs: [sub2]\n" in result.stdout


def test_a_file_named_like_a_standard_module_does_not_replace_it(tmp_path, monkeypatch):
    (tmp_path / "json.py").write_text("def f(x):\n    return x * 2\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("trace", "json.py:f", "--at", "x=1")
    assert result.exit_code == 0, result.stderr
    assert sys.modules["json"].__file__ != str(tmp_path / "json.py")
