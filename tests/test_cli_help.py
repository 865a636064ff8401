"""Every command of the click group has help, ``-h`` works, and so does ``--version``.

The commands are found by walking ``main.commands``, so commands that other engineers add
later are covered without touching this file.
"""

from __future__ import annotations

import click
import pytest
from oracles import run_cli

import pathsum
from pathsum.cli import main


def walk(group: click.Group, prefix: tuple[str, ...] = ()):
    # list_commands and get_command, not group.commands: the group loads commands on use.
    ctx = click.Context(group)
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*prefix, name))


COMMANDS = dict(walk(main))


def test_analyze_is_there():
    assert ("analyze",) in COMMANDS


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help(path, flag):
    command = COMMANDS[path]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    result = run_cli(*path, flag)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: pathsum {' '.join(path)} ")
    first_paragraph = " ".join(command.help.split("\n\n")[0].split())
    assert first_paragraph in " ".join(result.stdout.split())


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_option_says_what_it_does(path):
    for param in COMMANDS[path].params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), f"{' '.join(path)} {param.opts[0]} has no help"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_group_help_lists_every_command(flag):
    result = run_cli(flag)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: pathsum [OPTIONS] COMMAND [ARGS]...")
    for name in main.list_commands(click.Context(main)):
        assert f"  {name}" in result.stdout


def test_version():
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"pathsum, version {pathsum.__version__}\n"


def test_unknown_command_is_a_usage_error():
    result = run_cli("analyse")
    assert result.exit_code == 2
    assert result.stderr == "Error: no such command 'analyse'; did you mean analyze?\n"
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
