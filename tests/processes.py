"""Child processes for tests that never outlive them, and waits on events, not on the clock.

Every child runs in a session of its own, so that it and everything it starts (worker
processes, a fork server) form one process group: the test signals the group as a
terminal would, and :func:`running` kills whatever is left of it however the test ends.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

#: A safety net against a hung child, never a measure: every wait ends on an event first.
PATIENCE = 120.0


@contextlib.contextmanager
def sigint_reset_on_exec() -> Iterator[None]:
    """Let children started in the block see Ctrl-C, even if this process ignores it.

    pytest may run with SIGINT ignored (started in the background, or by a CI runner), and
    an ignored SIGINT survives exec: the child would never see a Ctrl-C. A handled one is
    reset to the default by exec, so for this moment it is handled (as Python does).
    """
    # Likewise SIGHUP under nohup, and any other signal the tests send.
    tested = (signal.SIGINT, signal.SIGHUP, signal.SIGTERM, signal.SIGUSR1)
    ignored = [s for s in tested if signal.getsignal(s) is signal.SIG_IGN]
    for signum in ignored:
        signal.signal(signum, signal.default_int_handler if signum == signal.SIGINT
                      else lambda n, frame: None)
    try:
        yield
    finally:
        for signum in ignored:
            signal.signal(signum, signal.SIG_IGN)


@contextlib.contextmanager
def running(args: list[str], **kwargs) -> Iterator[subprocess.Popen]:
    """Start ``python -m pathsum ARGS`` in a new session; on the way out, kill its whole
    process group and reap the child, whatever happened."""
    with sigint_reset_on_exec():
        proc = subprocess.Popen([sys.executable, "-m", "pathsum", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, **kwargs)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()  # reaps the child and closes its pipes


def wait_for(condition: Callable[[], object], proc: subprocess.Popen, what: str) -> None:
    """Wait until ``condition()`` is true; fail at once if ``proc`` ends first."""
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"the process ended (status {proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no sign of {what} after {PATIENCE:.0f} s")
        time.sleep(0.02)


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # fields from the state on (the name may hold ')')


def group_members(pgid: int) -> dict[int, tuple[int, float]]:
    """Live (not zombie) processes of a process group: pid -> (parent pid, CPU seconds)."""
    ticks = os.sysconf("SC_CLK_TCK")
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        if fields is None or int(fields[2]) != pgid or fields[0] == "Z":
            continue
        members[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    return members


def workers_busy(proc: subprocess.Popen, count: int, cpu_seconds: float) -> bool:
    """Whether ``count`` worker processes (grandchildren: children of the fork server) have
    each spent ``cpu_seconds`` of CPU, a measure that load stretches in wall time only."""
    members = group_members(proc.pid)
    busy = [pid for pid, (parent, cpu) in members.items()
            if parent != proc.pid and pid != proc.pid and cpu >= cpu_seconds]
    return len(busy) >= count


def wait_until_group_gone(proc: subprocess.Popen) -> None:
    """After ``proc`` has exited, wait for the helpers it left (a fork server, a resource
    tracker) to notice and exit; fail if any process of the group outlives that."""
    deadline = time.monotonic() + PATIENCE
    while group_members(proc.pid):
        if time.monotonic() > deadline:
            raise AssertionError(f"processes outlived pathsum: {group_members(proc.pid)}")
        time.sleep(0.02)


def diamond_yaml(k: int) -> str:
    """k stages of three parallel edges: 3^k paths (3^24 take hours to enumerate)."""
    lines = ["inputs: [v0]", "edges:"]
    lines += [f"  - [v{i}, v{i + 1}, {p}]" for i in range(k) for p in (0.5, 1.0, 1.5)]
    return "\n".join(lines) + "\n"
