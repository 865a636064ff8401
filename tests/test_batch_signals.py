"""batch under signals, slow files and odd inputs: it stops at once, cleans up everything, and
never waits on a file that will not end."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from processes import diamond_yaml, running, wait_for, wait_until_group_gone, workers_busy

import pathsum.cli.batch
import pathsum.local_workers
import pathsum.many_files
from pathsum.cli import main

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="POSIX signals and /proc")

REPO = Path(__file__).resolve().parent.parent
OLAH = (REPO / "graphs" / "olah.yaml").read_text()
#: 3^24 paths, enumerated (--max-paths above that): hours of work for one worker.
SLOW = diamond_yaml(24)
ENUMERATE_ALL = ["--max-paths", str(10**12), "--engine", "path"]


@pytest.fixture
def slow_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "graphs"
    folder.mkdir()
    for name in ("slow1.yaml", "slow2.yaml"):
        (folder / name).write_text(SLOW)
    (tmp_path / "out.csv").write_text("the old results\n")
    return folder


def left_alone(tmp_path: Path) -> None:
    assert (tmp_path / "out.csv").read_text() == "the old results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graphs", "out.csv"]  # no .tmp


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "to_group", "status", "said"), [
    (signal.SIGINT, True, 130, "Interrupted.\n"),      # Ctrl-C at a terminal
    (signal.SIGHUP, True, 129, ""),                    # the terminal closed
    (signal.SIGHUP, False, 129, ""),
    (signal.SIGTERM, False, 143, ""),                  # kill, a scheduler's time limit
    (signal.SIGUSR1, False, 128 + signal.SIGUSR1, ""),
])
def test_a_signal_stops_busy_workers_at_once(slow_folder: Path, tmp_path: Path, signum,
                                             to_group, status, said) -> None:
    """Two workers deep in hours of enumeration: the signal stops them, it does not wait."""
    args = ["batch", str(slow_folder), "--format", "csv", "-o", str(tmp_path / "out.csv"),
            "--jobs", "2", *ENUMERATE_ALL]
    with running(args) as proc:
        wait_for(lambda: workers_busy(proc, 2, 0.5), proc, "two busy workers")
        (os.killpg if to_group else os.kill)(proc.pid, signum)
        # A worker left running would hold the batch for hours: returning at all is the proof.
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == status
        assert stderr == said
        wait_until_group_gone(proc)
    left_alone(tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_records_are_written(tmp_path: Path, signum, status) -> None:
    """A signal to the group once records are in the temporary file: all of it is undone."""
    folder = tmp_path / "graphs"
    folder.mkdir()
    for i in range(400):
        (folder / f"g{i:03}.yaml").write_text(diamond_yaml(9))
    (tmp_path / "out.csv").write_text("the old results\n")

    def records_written() -> bool:
        return any(p.name.endswith(".tmp") and p.stat().st_size > 2000
                   for p in tmp_path.iterdir())

    with running(["batch", str(folder), "--format", "csv", "-o", str(tmp_path / "out.csv"),
                  "--jobs", "2"]) as proc:
        wait_for(records_written, proc, "records in the temporary file")
        os.killpg(proc.pid, signum)
        _, stderr = proc.communicate(timeout=120)
        assert proc.returncode == status
        assert stderr == ("Interrupted.\n" if signum == signal.SIGINT else "")
        wait_until_group_gone(proc)
    left_alone(tmp_path)


def test_a_fifo_in_a_folder_is_an_error_record_and_never_opened(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(OLAH)
    os.mkfifo(tmp_path / "b.yaml")  # opening it would block until someone writes
    (tmp_path / "c.yaml").write_text(OLAH)
    done = subprocess.run([sys.executable, "-m", "pathsum", "batch", str(tmp_path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(r["source"]).name for r in records] == ["a.yaml", "b.yaml", "c.yaml"]
    fifo = str(tmp_path / "b.yaml")
    assert records[1] == {"graph": "b", "source": fifo, "error": (
        f"{fifo}: a FIFO (named pipe), not a regular file; skipped without reading it")}
    assert "error" not in records[0] and "error" not in records[2]


def test_a_device_named_in_batch_is_an_error_record() -> None:
    (record,) = pathsum.many_files.run_batch(["/dev/null"])
    assert record["error"] == ("/dev/null: a character device, not a regular file; skipped "
                               "without reading it")


@pytest.mark.slow
def test_a_file_that_kills_its_worker_costs_only_its_record(tmp_path: Path) -> None:
    """The pool-broken branch: a file whose analysis gets its worker killed (here by the
    kernel, at a CPU-time limit that small files never reach) becomes an error record, is
    run again alone to be sure it is the culprit, and the other files keep their records."""
    for name, text in (("a.yaml", OLAH), ("b.yaml", SLOW), ("c.yaml", OLAH), ("d.yaml", OLAH)):
        (tmp_path / name).write_text(text)
    # 4 s of CPU per process (a soft limit, inherited by every worker); start-up takes one.
    limited = ["bash", "-c", 'ulimit -S -t 4 && exec "$@"', "bash"]
    done = subprocess.run([*limited, sys.executable, "-m", "pathsum", "batch", str(tmp_path),
                           "--jobs", "2", *ENUMERATE_ALL], capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [Path(r["source"]).name for r in records] == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"]
    slow = str(tmp_path / "b.yaml")
    assert records[1]["error"] == (f"{slow}: the worker process died while analysing this "
                                   "file (killed, or out of memory?)")
    assert all(r["total_paths"] == 3 for r in (records[0], records[2], records[3]))
    assert done.stderr == "1 of 4 graph files failed; their records carry an 'error' field.\n"


# -- --jobs: capped, and said so ----------------------------------------------------------


@pytest.fixture
def workers_started(monkeypatch) -> list[int]:
    """Record how many local workers a batch would start, and run it in this process."""
    started: list[int] = []

    def run_here(paths, task, workers, chunk_files):
        started.append(workers)
        return (pathsum.many_files.analyze_file(p, *task) for p in paths)

    monkeypatch.setattr(pathsum.local_workers, "run_processes", run_here)
    monkeypatch.setattr(pathsum.local_workers, "cpu_count", lambda: 3)
    monkeypatch.setattr(pathsum.cli.batch, "cpu_count", lambda: 3)
    return started


def graph_files(tmp_path: Path, count: int) -> str:
    for i in range(count):
        (tmp_path / f"g{i:02}.yaml").write_text(OLAH)
    return str(tmp_path)


@pytest.mark.parametrize(("jobs", "files", "workers", "note"), [
    ("100000", 10, 6, ("Note: --jobs 100000 runs 6 worker processes (at most 2 per core, on "
                      "3 cores).\n")),
    ("8", 4, 4, "Note: --jobs 8 runs 4 worker processes (one per file).\n"),
    ("6", 10, 6, ""),
    ("0", 10, 3, ""),  # one per core
    ("0", 2, 2, ""),
    ("2", 10, 2, ""),
])
def test_jobs_is_capped_and_says_so(tmp_path: Path, workers_started, jobs, files, workers,
                                    note) -> None:
    result = CliRunner().invoke(main, ["batch", graph_files(tmp_path, files), "--jobs", jobs,
                                       "-o", os.devnull])
    assert result.exit_code == 0, result.output
    assert result.stderr == note
    assert workers_started == [workers]


def test_jobs_zero_with_several_files_runs_worker_processes(tmp_path: Path) -> None:
    """Real workers, one per core (at most one per file): the same records as in-process."""
    folder = graph_files(tmp_path, 3)
    runs = [CliRunner().invoke(main, ["batch", folder, "--jobs", jobs, "--format", "csv",
                                      "--engine", "reverse"]) for jobs in ("0", "1")]
    for run in runs:
        assert run.exit_code == 0, run.output
    strip = [[line.rsplit(",", 3)[0] for line in run.stdout.splitlines()] for run in runs]
    assert strip[0] == strip[1] and len(strip[0]) == 4


def test_jobs_of_the_wrong_type_in_python() -> None:
    with pytest.raises(pathsum.InputTypeError, match=r"^jobs must be a whole number, not str"):
        pathsum.run_batch(["graphs/olah.yaml"], jobs="2")
