"""``MODULE:FUNCTION`` and ``--at``: the function a command traces or imports, and its point.

Only the command line needs this: the library takes a callable. A module is imported as
``python -c "import MODULE"`` run in the current directory would import it; a path to a
``.py`` file is loaded from that file, with its folder on ``sys.path`` as when it is run.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..errors import PathsumError, UsageError
from .literals import split_items
from .parsing import parse_sets

__all__ = ["at_option", "load_function", "parse_at", "run_user_code", "source_files"]

T = TypeVar("T")

at_option = click.option(
    "--at", "at", multiple=True, required=True, metavar="NAME=VALUE[,NAME=VALUE...]",
    help="The inputs and the point: the function's parameters to differentiate with respect "
         "to, with their values (repeat or comma-separate). Parameters not given keep their "
         "defaults, as constants.",
)


def parse_at(values: tuple[str, ...], *, arrays: bool = False) -> dict[str, Any]:
    """``--at x=2,y=1`` (or ``--at x=2 --at y=1``) as ``{"x": 2.0, "y": 1.0}``; with
    ``arrays``, ``--at x=[1,2],y=1`` as ``{"x": [1.0, 2.0], "y": 1.0}`` (commas inside
    brackets separate elements, not values)."""
    return parse_sets(tuple(part for value in values for part in split_items(value)),
                      option="--at", arrays=arrays)


def source_files(spec: str) -> list[str]:
    """The files ``MODULE:FUNCTION`` may be read from, found without importing anything:
    the path itself, or the module's file in the current directory (an output must not
    replace them).

    Examples
    --------
    >>> source_files("examples/f.py:f"), source_files("pkg.mod:f")
    (['examples/f.py'], ['pkg.mod', 'pkg/mod.py', 'pkg/mod/__init__.py'])
    """
    module = spec.rpartition(":")[0]
    if module.endswith(".py") or os.sep in module or "/" in module:
        return [module]
    stem = module.replace(".", "/")
    return [module, f"{stem}.py", f"{stem}/__init__.py"]


def load_function(spec: str) -> Callable[..., Any]:
    """The function ``MODULE:FUNCTION`` names (``FUNCTION`` may be dotted: ``Class.method``).

    Raises
    ------
    UsageError
        In one line, for a malformed spec, a module that cannot be found or imported, or a
        name it does not define.
    """
    module_part, sep, attribute = spec.rpartition(":")
    if not sep or not module_part or not attribute:
        raise UsageError(f"'{spec}' is not MODULE:FUNCTION (e.g. mymodule:f or path/to/f.py:f)")
    module = run_user_code(spec, lambda: _import(module_part))
    target: Any = module
    for part in attribute.split("."):
        try:
            target = getattr(target, part)
        except AttributeError:
            raise UsageError(f"{spec}: '{module_part}' has no '{attribute}'") from None
    if not callable(target):
        raise UsageError(f"{spec}: '{attribute}' is a {type(target).__name__}, not a function")
    return target


def _import(name: str) -> Any:
    if name.endswith(".py") or os.sep in name or "/" in name:
        path = Path(name).resolve()
        if not path.is_file():
            raise UsageError(f"no such file: {name}")
        folder = str(path.parent)
        if folder not in sys.path:
            sys.path.insert(0, folder)  # its sibling modules import, as when it is run
        # Registered under its own name, so that a file called json.py never replaces json.
        name = f"_pathsum_target_{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules[name] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return module
    if "" not in sys.path and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())  # the console script does not put it there
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name is not None and (name == err.name or name.startswith(err.name + ".")):
            raise UsageError(f"no module named '{name}' (in the current directory or on "
                             "sys.path; give a path to a .py file instead?)") from None
        raise


def run_user_code(spec: str, call: Callable[[], T]) -> T:
    """Run ``call``; an exception raised by the user's code becomes one line naming its place.

    pathsum's own errors pass through as they are.
    """
    try:
        return call()
    except PathsumError:
        raise
    except Exception as err:  # noqa: BLE001 (the user's module or function failed, its own way)
        frames = traceback.extract_tb(err.__traceback__)
        where = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
        said = " ".join(str(err).split())
        raise UsageError(f"{spec}: {type(err).__name__}: {said}{where}") from None
