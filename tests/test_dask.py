"""``--dask``: the same records from a Dask distributed cluster, or a one-line hint without it."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from click.testing import CliRunner
from oracles import without_seconds

import pathsum.many_files as batch_module
from pathsum.cli import main
from pathsum.many_files import DASK_HINT, DaskError, expand_paths, run_batch

REPO = Path(__file__).resolve().parent.parent
GRAPHS = REPO / "graphs"


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    """A local scheduler with one in-process worker: what `--dask ADDRESS` talks to.

    ``dashboard_address=":0"`` puts its HTTP server on a free port: the default 8787 may be
    taken on a shared machine, and distributed then warns (an error under this config).
    """
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as local:
        yield local


@pytest.fixture
def paths(tmp_path: Path) -> list[str]:
    graphs = tmp_path / "graphs"
    shutil.copytree(GRAPHS, graphs)
    (graphs / "broken.yaml").write_text("inputs: {a: 1}\nnodes:\n  b: a + nope\n")
    (graphs / "unreadable.yaml").write_bytes(b"inputs: [\xff]\n")
    return [*expand_paths([str(graphs)]), str(tmp_path / "missing.yaml")]


def test_dask_records_equal_local_records(cluster, paths: list[str]) -> None:
    local = [without_seconds(r) for r in run_batch(paths)]
    remote = [without_seconds(r) for r in run_batch(paths, dask=cluster.scheduler_address)]
    assert remote == local
    errors = [r["graph"] for r in remote if "error" in r]
    assert errors == ["broken", "unreadable", "missing"]


def test_worker_processes_give_the_same_records(paths: list[str]) -> None:
    """Records and tasks cross process boundaries as they would on a real cluster."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        remote = [without_seconds(r) for r in run_batch(paths, dask=local.scheduler_address)]
    assert remote == [without_seconds(r) for r in run_batch(paths)]


def test_options_reach_the_workers(cluster) -> None:
    """At budget 0 the search does not prove lighthouse's 15 mul optimal (its bound is 11),
    which it does in its default budget: a task that dropped the options would say true."""
    from pathsum.engines import EngineOptions

    records = list(run_batch([str(GRAPHS / "lighthouse.yaml")], ["eliminate-search"],
                             dask=cluster.scheduler_address, options=EngineOptions(budget=0)))
    search = records[0]["engines"]["eliminate-search"]
    assert (search["mul"], search["optimal"]) == (15, False)


def test_a_connected_client_is_used_and_left_open(cluster, paths: list[str]) -> None:
    from dask.distributed import Client

    chosen = [str(GRAPHS / name) for name in ("olah.yaml", "path-explosion.yaml", "olah.yaml")]
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        records = list(run_batch(chosen, ["reverse"], dask=client))
        assert client.status == "running"
    assert [r["source"] for r in records] == chosen
    assert all(list(r["engines"]) == ["reverse"] for r in records)


def test_cli_dask_gives_the_same_output_as_local(cluster, paths: list[str]) -> None:
    runner = CliRunner()
    # The missing file comes through stdin: named on the command line it is bad usage.
    local = runner.invoke(main, ["batch", *paths[:-1], "-"], input=paths[-1] + "\n")
    remote = runner.invoke(main, ["batch", *paths[:-1], "-", "--dask", cluster.scheduler_address],
                           input=paths[-1] + "\n")
    assert remote.exit_code == local.exit_code == 1
    assert remote.stderr == local.stderr
    assert ([without_seconds(json.loads(line)) for line in remote.stdout.splitlines()]
            == [without_seconds(json.loads(line)) for line in local.stdout.splitlines()])


def test_without_the_extra_a_one_line_hint(monkeypatch) -> None:
    # A None entry in sys.modules makes the import fail as if dask were not installed.
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(DaskError) as caught:
        run_batch([str(GRAPHS / "olah.yaml")], dask="tcp://127.0.0.1:8786")
    assert str(caught.value) == DASK_HINT
    result = CliRunner().invoke(main, ["batch", str(GRAPHS), "--dask", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --dask needs the optional extra: pip install 'pathsum[dask]'\n"
    assert result.stdout == ""


def test_an_unreachable_scheduler_is_one_line(monkeypatch) -> None:
    distributed = pytest.importorskip("dask.distributed")

    class Refused:
        def __init__(self, address, **kwargs):
            raise OSError(f"Timed out trying to connect to {address} after 10 s")

    monkeypatch.setattr(distributed, "Client", Refused)
    result = CliRunner().invoke(main, ["batch", str(GRAPHS), "--dask", "tcp://10.0.0.9:8786"])
    assert result.exit_code == 2
    assert result.stderr == ("Error: cannot reach the Dask scheduler at tcp://10.0.0.9:8786: "
                             "Timed out trying to connect to tcp://10.0.0.9:8786 after 10 s\n")


def test_a_lost_task_costs_one_record(monkeypatch) -> None:
    class Lost:
        def result(self):
            raise RuntimeError("KilledWorker: worker died three times")

        def cancel(self) -> None:
            pass

    class FakeClient:
        def nthreads(self):
            return {"w": 1}

        def submit(self, fn, path, *args, pure):
            return Lost() if path.endswith("olah.yaml") else _Ready(fn(path, *args))

        def close(self) -> None:
            pass

    class _Ready:
        def __init__(self, value):
            self.value = value

        def result(self):
            return self.value

        def cancel(self) -> None:
            pass

    paths = [str(GRAPHS / "path-explosion.yaml"), str(GRAPHS / "olah.yaml")]
    task = (("reverse",), 10, "float", None)
    records = list(batch_module.dask_records(FakeClient(), True, paths, task))
    assert records[0]["total_paths"] == 9
    assert records[1] == {"graph": "olah", "source": paths[1],
                          "error": f"{paths[1]}: the Dask task failed: RuntimeError: "
                                   "KilledWorker: worker died three times"}


@pytest.mark.parametrize(("address", "why"), [
    ("nonsense", "missing port number in address 'nonsense'"),
    ("tcp://scheduler", "missing port number in address 'scheduler'"),
])
def test_a_malformed_address_is_refused_at_once(address: str, why: str) -> None:
    pytest.importorskip("dask.distributed")
    result = CliRunner().invoke(main, ["batch", str(GRAPHS), "--dask", address])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: '{address}' is not a Dask scheduler address such as "
                             f"tcp://host:8786 ({why})\n")


def test_a_file_over_the_size_limit_is_not_sent_and_says_so(tmp_path: Path, monkeypatch) -> None:
    """The client reads the files it sends within ``PATHSUM_MAX_BYTES``, as ``load`` does."""
    small, large = tmp_path / "small.yaml", tmp_path / "large.yaml"
    small.write_text("inputs: [x]\nedges: [[x, y, 2]]\n")
    large.write_text("inputs: [x]\nedges: [[x, y, 2]]\n" + "#" * 200 + "\n")
    monkeypatch.setenv("PATHSUM_MAX_BYTES", "100")
    sent: list[str] = []

    class FakeClient:
        def nthreads(self):
            return {"w": 1}

        def submit(self, fn, path, *args, pure):
            sent.append(path)
            done: Future = Future()
            done.set_result(fn(path, *args))
            return done

        def close(self) -> None:
            pass

    paths = [str(small), str(large)]
    task = (("reverse",), 10, "float", None)
    records = list(batch_module.dask_records(FakeClient(), True, paths, task))
    assert sent == [str(small)]
    assert records[0]["total_paths"] == 1
    assert records[1] == {"graph": "large", "source": str(large),
                          "error": f"{large}: is 232 bytes, more than the limit of 100; "
                                   "PATHSUM_MAX_BYTES raises the limit"}
