"""Start-up (issue 10, defect 16): ``pathsum --help`` imported numpy, scipy and networkx,
about 1 s of CPU. Checked by what a fresh interpreter has imported, never by a clock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest

from pathsum.cli import COMMANDS, main

HEAVY = ("numpy", "scipy", "networkx", "matplotlib", "sympy")


def imported_after(code: str, watched: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``watched`` (by default heavy) modules a fresh interpreter holds after ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {watched!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True, timeout=120)
    return done.stdout.split()


def test_importing_the_cli_imports_no_heavy_package():
    assert imported_after("import pathsum, pathsum.cli") == []


def test_pathsum_help_imports_no_heavy_package():
    code = ("import contextlib, io\nfrom pathsum.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "    try:\n        main(['--help'])\n    except SystemExit as e:\n"
            "        assert e.code == 0, e.code\n"
            "assert 'analyze' in out.getvalue()")
    assert imported_after(code) == []


def test_a_command_imports_what_it_needs_when_it_runs():
    assert "networkx" in imported_after("import pathsum\npathsum.load")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listed_help_is_each_commands_own(name):
    """``pathsum --help`` lists commands from a table, so that none is imported for it."""
    command = main.get_command(click.Context(main), name)
    for limit in (45, 80, 200):
        assert click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit) == \
            command.get_short_help_str(limit)


def test_the_lazy_api_gives_the_same_objects():
    import pathsum.cli.trace
    from pathsum.explain import explain
    from pathsum.trace import trace
    assert pathsum.trace is trace and pathsum.explain is explain
    assert set(pathsum.__all__) <= set(dir(pathsum))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        pathsum.nope  # noqa: B018


OLAH = Path(__file__).resolve().parent.parent / "graphs" / "olah.yaml"
#: ``pathsum analyze graphs/olah.yaml`` in the child, output checked.
ANALYZE_OLAH = ("import contextlib, io\nfrom pathsum.cli import main\n"
                "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
                "    try:\n"
                f"        main(['analyze', {str(OLAH)!r}])\n"
                "    except SystemExit as e:\n"
                "        assert e.code == 0, e.code\n"
                "assert 'agree on every derivative' in out.getvalue(), out.getvalue()")


def test_analyzing_a_small_graph_imports_neither_numpy_nor_scipy():
    """A small graph is compiled on lists, counted in plain Python and swept by the loops:
    numpy's import alone cost more CPU than the rest of ``pathsum analyze graphs/olah.yaml``,
    and scipy's more again (issue 10 item 16)."""
    heavy = imported_after(ANALYZE_OLAH)
    assert "networkx" in heavy  # the graph is a networkx MultiDiGraph (DESIGN)
    assert "numpy" not in heavy
    assert "scipy" not in heavy


def test_a_large_graph_still_takes_numpy():
    """The threshold is real: past it, the analysis builds the float routes' arrays."""
    code = ("import pathsum\nfrom pathsum.backend import SMALL_GRAPH\n"
            "chain = [(f'n{i}', f'n{i + 1}', 0.5) for i in range(SMALL_GRAPH)]\n"
            "result = pathsum.analyze(pathsum.from_edges(chain, ['n0']), ['reverse'])\n"
            "assert 'columns' in result.compiled.shared")
    assert "numpy" in imported_after(code)


def test_analyze_leaves_the_comparison_and_the_families_unimported():
    """``pathsum analyze`` renders no comparison, so it loads neither the families nor the
    comparison (about 0.025 s of its start-up); the report's table only names its type."""
    comparison = ("pathsum.comparison", "pathsum.families")
    assert imported_after(ANALYZE_OLAH, comparison) == []


def test_analyze_piped_leaves_the_progress_display_unimported():
    """A piped run shows no progress, so it does not import rich's progress display."""
    assert imported_after(ANALYZE_OLAH, ("rich.progress", "rich.live")) == []


def test_a_command_is_imported_with_the_collector_paused_then_frozen():
    """Importing a command's modules allocates ~60,000 objects that live as long as the
    process: in the pathsum command's own process the collector pauses meanwhile and then
    leaves them out of every later collection (about 20 ms of a small graph's start-up), and
    runs again afterwards."""
    code = ("import atexit, gc, sys\nfrom pathsum.cli import run\n"
            "atexit.register(lambda: print('frozen', gc.isenabled(), gc.get_freeze_count()))\n"
            "sys.argv = ['pathsum', 'analyze', '--help']\nrun()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    frozen, enabled, count = done.stdout.split()[-3:]
    assert frozen == "frozen" and enabled == "True" and int(count) > 10_000, done.stdout


def test_a_program_calling_main_keeps_its_garbage_collectable():
    """A program or test that calls main() owns its process: nothing of it is frozen."""
    code = ("import gc\nimport click\nfrom pathsum.cli import main\n"
            "main.get_command(click.Context(main), 'analyze')\n"
            "assert gc.isenabled() and gc.get_freeze_count() == 0, gc.get_freeze_count()")
    assert imported_after(code) == ["networkx"]
