"""The batch library layer: which files, one record per file, order, and nothing lost."""

from __future__ import annotations

import io
import json
import os
import pickle
import signal
from pathlib import Path

import pytest
from oracles import diamond_chain_yaml, without_seconds

import pathsum
import pathsum.many_files as batch_module
from pathsum.errors import UsageError
from pathsum.local_workers import cpu_count
from pathsum.many_files import analyze_file, error_record, expand_paths, run_batch

REPO = Path(__file__).resolve().parent.parent
GRAPHS = REPO / "graphs"
BROKEN = "inputs: [x]\nedges: [[x, x, 2]]\n"


def tiny(i: int) -> str:
    return f"inputs: [x]\nedges: [[x, y, {i}], [x, y, 1], [y, z, 2]]\n"


# --- expand_paths ----------------------------------------------------------------------


def test_directory_is_searched_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yml", "sub/c.json", "sub/deeper/d.yaml", "notes.txt",
                 ".hidden.yaml", ".git/e.yaml", "sub/.f.yaml.tmp"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = expand_paths([str(tmp_path)])
    assert found == [str(tmp_path / n) for n in
                     ("a.yml", "b.yaml", "sub/c.json", "sub/deeper/d.yaml")]


def test_a_named_file_is_kept_as_given_whatever_its_ending(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "graph.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    assert expand_paths(["graph.txt", "./graph.txt"]) == ["graph.txt", "./graph.txt"]


def test_dash_reads_paths_from_stdin_one_per_line(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.yaml").write_text("x")
    lines = f"first.yaml\n\n  second.yaml  \n{tmp_path / 'd'}\nmissing.yaml\n"
    found = expand_paths(["-"], stdin=io.StringIO(lines))
    # Lines are data: a missing file stays, to become an error record; a folder expands.
    assert found == ["first.yaml", "second.yaml", str(tmp_path / "d" / "x.yaml"),
                     "missing.yaml"]


def test_a_named_path_that_does_not_exist_is_bad_usage() -> None:
    with pytest.raises(UsageError) as caught:
        expand_paths([str(GRAPHS), "nope.yaml"])
    assert str(caught.value) == "nope.yaml: no such file or directory"


def test_nothing_found_is_bad_usage(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^no graph files found \(a directory is searched "
                                         r"for \*\.yaml, \*\.yml, \*\.json\)$"):
        expand_paths([str(tmp_path)])
    with pytest.raises(UsageError, match="no graph files found"):
        expand_paths(["-"], stdin=io.StringIO("\n\n"))


def test_stdin_is_read_once() -> None:
    with pytest.raises(UsageError, match=r"'-' \(read paths from stdin\) can be given only once"):
        expand_paths(["-", "-"], stdin=io.StringIO("a.yaml\n"))


# --- analyze_file ----------------------------------------------------------------------


def test_a_good_file_gives_the_analyze_record_with_its_source() -> None:
    path = str(GRAPHS / "olah.yaml")
    record = analyze_file(path)
    assert record["source"] == path
    assert without_seconds(record) == without_seconds(pathsum.analyze(path).to_dict())
    assert record["paths"] == {"e": {"a": 1, "b": 2}}


def test_a_broken_file_gives_the_message_analyze_gives(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text(BROKEN)
    with pytest.raises(pathsum.PathsumError) as caught:
        pathsum.analyze(pathsum.load(str(path)))
    record = analyze_file(str(path))
    assert record == {"graph": "loop", "source": str(path), "error": str(caught.value)}
    assert "line 2" in record["error"] and "x -> x" in record["error"]


def test_a_missing_file_is_an_error_record() -> None:
    assert analyze_file("nowhere/g.yml") == {
        "graph": "g", "source": "nowhere/g.yml", "error": "nowhere/g.yml: no such file"}


def test_an_unexpected_exception_becomes_a_one_line_error_record(monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("boom\n  on two lines")

    monkeypatch.setattr(batch_module, "analyze", explode)
    record = analyze_file(str(GRAPHS / "olah.yaml"))
    assert record["error"] == (f"{GRAPHS / 'olah.yaml'}: unexpected RuntimeError while "
                               "analysing: boom on two lines")


def test_text_sent_ahead_gives_the_same_record_as_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "bad.yaml"
    broken.write_text("inputs: {a: 1}\nnodes:\n  b: a + nope\n")
    for path in (str(GRAPHS / "path-explosion.yaml"), str(broken)):
        text = Path(path).read_text(encoding="utf-8")
        assert (without_seconds(analyze_file(path, text=text))
                == without_seconds(analyze_file(path)))


def test_error_record_is_one_line() -> None:
    assert error_record("a/b.yaml", "one\ntwo")["error"] == "one two"


# --- run_batch -------------------------------------------------------------------------


def test_records_come_in_input_order_with_errors_in_place(tmp_path: Path) -> None:
    (tmp_path / "m-broken.yaml").write_text(BROKEN)
    paths = [*expand_paths([str(GRAPHS)]), str(tmp_path / "m-broken.yaml"),
             str(GRAPHS / "olah.yaml")]
    records = list(run_batch(paths))
    assert [r["source"] for r in records] == paths
    assert ["error" in r for r in records] == [p.endswith("m-broken.yaml") for p in paths]


def test_two_worker_processes_give_the_same_records_in_the_same_order(tmp_path: Path) -> None:
    paths = []
    for i in range(40):
        path = tmp_path / f"g{i:02}.yaml"
        path.write_text(BROKEN if i % 7 == 3 else tiny(i))
        paths.append(str(path))
    paths.append(str(tmp_path / "missing.yaml"))
    local = [without_seconds(r) for r in run_batch(paths)]
    parallel = [without_seconds(r) for r in run_batch(paths, jobs=2)]
    assert parallel == local
    assert [r["source"] for r in parallel] == paths
    assert sum("error" in r for r in parallel) == 7


def test_a_killed_worker_costs_no_record(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    paths = []
    for i in range(60):
        path = tmp_path / f"g{i:02}.yaml"
        path.write_text(tiny(i))
        paths.append(str(path))
    records = []
    for n, record in enumerate(run_batch(paths, jobs=2)):
        records.append(record)
        if n == 0:
            # The pool's workers are grandchildren (forked by the fork server).
            me = os.getpid()
            workers = [p for p in psutil.Process().children(recursive=True) if p.ppid() != me]
            assert workers
            os.kill(workers[0].pid, signal.SIGKILL)
    assert [without_seconds(r) for r in records] == [without_seconds(analyze_file(p))
                                                     for p in paths]


@pytest.mark.slow
def test_a_thousand_graphs_with_ten_broken_give_a_thousand_records(tmp_path: Path) -> None:
    broken_at = set(range(50, 1000, 100))
    for i in range(1000):
        (tmp_path / f"g{i:04}.yaml").write_text(BROKEN if i in broken_at else tiny(i))
    paths = expand_paths([str(tmp_path)])
    records = list(run_batch(paths, ["forward", "reverse"]))
    assert len(records) == 1000
    assert {i for i, r in enumerate(records) if "error" in r} == broken_at
    assert [r["graph"] for r in records] == [f"g{i:04}" for i in range(1000)]
    assert all(r["engines"]["reverse"]["jacobian"] == {"z": {"x": 2.0 * (i + 1)}}
               for i, r in enumerate(records) if i not in broken_at)


def test_records_are_plain_picklable_and_exact(tmp_path: Path) -> None:
    path = tmp_path / "d40.yaml"
    path.write_text(diamond_chain_yaml(40))
    (record,) = run_batch([str(path)], max_paths=1000)
    assert record["total_paths"] == 3 ** 40
    assert record["engines"]["path"]["enumerated"] is False
    assert record["engines"]["path"]["mul"] == 3 ** 40 * 39
    assert pickle.loads(pickle.dumps(record)) == record
    assert json.loads(json.dumps(record)) == record


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"engines": ["path", "sideways"]}, "unknown engine 'sideways'"),
    ({"engines": []}, "no engine selected"),
    ({"max_paths": -1}, "max_paths must be zero or more"),
    ({"jobs": -1}, "jobs must be zero"),
    ({"jobs": 2, "dask": "tcp://127.0.0.1:1"}, "jobs and dask exclude each other"),
])
def test_bad_requests_are_refused_before_any_work(kwargs, message) -> None:
    with pytest.raises(UsageError, match=message):
        run_batch(["never-read.yaml"], **kwargs)


def test_jobs_zero_means_every_core() -> None:
    assert cpu_count() >= 1
    records = list(run_batch([str(GRAPHS / "olah.yaml")], jobs=0))
    assert records[0]["graph"] == "olah"
