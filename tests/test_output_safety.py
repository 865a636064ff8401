"""-o never replaces what it must not: devices and FIFOs are refused, symlinks followed,
streams written directly; every command with an output file behaves the same."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from oracles import without_seconds

from pathsum.atomic import atomic_write, check_output_path, open_output
from pathsum.cli import main
from pathsum.errors import UsageError

REPO = Path(__file__).resolve().parent.parent
OLAH = str(REPO / "graphs" / "olah.yaml")

#: Each command that writes an output file, with the option that names it.
COMMANDS = {
    "generate": lambda out: ["generate", "diamond", "--size", "2", "-o", out],
    "batch": lambda out: ["batch", OLAH, "-o", out],
    "compare --plot": lambda out: ["compare", "diamond", "--sizes", "1..2", "--plot", out],
}
OPTION = {"generate": "-o", "batch": "-o", "compare --plot": "--plot"}


def invoke(args: list[str]):
    return CliRunner().invoke(main, args)


def refused(command: str, out: str, message: str):
    result = invoke(COMMANDS[command](out))
    assert result.exit_code == 2, result.output
    assert result.stderr == f"Error: Invalid value for '{OPTION[command]}': {message}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_a_fifo_is_refused_and_left_a_fifo(tmp_path: Path, command: str) -> None:
    fifo = tmp_path / "out.png"
    os.mkfifo(fifo)
    refused(command, str(fifo), f"'{fifo}' is a FIFO (named pipe), not a regular file, and an "
                                f"output file is replaced, not written into (to write into it, "
                                f"redirect stdout: > {fifo})")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.png"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_device_is_refused_and_left_a_device(tmp_path: Path, command: str) -> None:
    # A private copy of /dev/null's device node: were it replaced, no system file is harmed.
    device = tmp_path / "null.png"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    refused(command, str(device), f"'{device}' is a character device, not a regular file, and "
                                  "an output file is replaced, not written into (to write into "
                                  f"it, redirect stdout: > {device})")
    assert stat.S_ISCHR(device.lstat().st_mode)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_name_and_a_symlink_loop_are_named(tmp_path: Path, command: str) -> None:
    if command != "compare --plot":  # which says first that a plot needs .png or .svg
        refused(command, "", "an empty file name ('') names no file")
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)
    refused(command, str(loop), f"'{loop}': a symlink loop (too many levels of symbolic links)")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_symlink_is_followed_and_kept(tmp_path: Path, command: str) -> None:
    target = tmp_path / "real.png"
    target.write_text("old")
    link = tmp_path / "link.png"
    link.symlink_to(target.name)
    result = invoke(COMMANDS[command](str(link)))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == "real.png"
    assert target.read_bytes() != b"old" and len(target.read_bytes()) > 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.png", "real.png"]


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.yaml"
    link.symlink_to("made.yaml")
    result = invoke(COMMANDS["generate"](str(link)))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert (tmp_path / "made.yaml").read_text().startswith("name: diamond-k2-w3\n")
    missing = tmp_path / "dangling.yaml"
    missing.symlink_to("no/such/folder/x.yaml")
    refused("generate", str(missing), f"folder '{tmp_path}/no/such/folder' does not exist")


@pytest.mark.parametrize("stream", ["-", "/dev/stdout"])
@pytest.mark.parametrize("command", ["generate", "batch"])
def test_stdout_by_name_is_written_directly(command: str, stream: str) -> None:
    result = invoke(COMMANDS[command](stream))
    assert result.exit_code == 0, result.output
    plain = invoke(COMMANDS[command](None)[:-2]).stdout
    if command == "batch":
        assert without_seconds(json.loads(result.stdout)) == without_seconds(json.loads(plain))
    else:
        assert result.stdout == plain
    assert result.stdout.startswith("name: diamond" if command == "generate" else '{"graph"')


def test_dev_null_is_written_directly(tmp_path: Path) -> None:
    for command in ("generate", "batch"):
        result = invoke(COMMANDS[command]("/dev/null"))
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_file_descriptor_is_written_directly(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    with open(out, "w") as handle:
        result = invoke(COMMANDS["batch"](f"/dev/fd/{handle.fileno()}"))
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["graph"] == "olah"


def test_atomic_write_itself_refuses_a_fifo_and_follows_a_link(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(UsageError, match="is a FIFO"), atomic_write(fifo) as handle:
        handle.write("never")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    (tmp_path / "real").write_text("old")
    (tmp_path / "link").symlink_to("real")
    with atomic_write(tmp_path / "link") as handle:
        handle.write("new")
    assert (tmp_path / "real").read_text() == "new" and (tmp_path / "link").is_symlink()
    with open_output(tmp_path / "link") as handle:
        handle.write("newer")
    assert (tmp_path / "real").read_text() == "newer"


@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/stderr", "/dev/null", "/dev/fd/1", "-"])
def test_streams_pass_the_check(name: str) -> None:
    check_output_path(name)
