"""The layers of docs/ARCHITECTURE.md hold: no module imports a module of a higher layer.

Only imports that run when a module is imported count. An import inside a function is how a
lower layer offers a convenience of a higher one on first use (a graph's notebook drawing,
an analysis's HTML table) without depending on it; an import under ``TYPE_CHECKING`` is
for type hints only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pathsum"

#: Bottom to top, as docs/ARCHITECTURE.md draws them. A name ending in "." is a package
#: and every module in it.
LAYERS: list[tuple[str, set[str]]] = [
    ("files and text", {"errors", "arguments", "printable", "files", "atomic", "limits",
                        "gcpause", "signals", "display", "yamlio", "yamlwrite"}),
    ("formulas", {"rules", "arith", "formula"}),
    ("the stored graph", {"roles", "graph"}),
    ("loading and other sources", {"document", "loader",
                                   "orderfile", "trace", "fn", "importers."}),
    ("the compiled graph", {"compiled", "counting", "pathnames"}),
    ("engines", {"engines.", "backend."}),
    ("analysis", {"analysis", "explain", "comparison", "families.", "many_files",
                  "local_workers"}),
    ("reports", {"reports.", "drawing."}),
    ("command line", {"cli.", "__main__"}),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(module_name(p) for p in PACKAGE.rglob("*.py") if module_name(p))


def layer_of(module: str) -> int:
    for rank, (_, members) in enumerate(LAYERS):
        for member in members:
            if module == member or (member.endswith(".") and
                                    (module + ".").startswith(member)):
                return rank
    raise LookupError(module)


def imports_at_import_time(module: str, text: str | None = None) -> set[str]:
    """The pathsum modules that importing ``module`` imports (relative to the package);
    ``text`` stands in for the module's source."""
    path = PACKAGE.joinpath(*module.split("."))
    is_package = path.is_dir()
    source = (path / "__init__.py") if is_package else path.with_suffix(".py")
    here = module.split(".") if is_package else module.split(".")[:-1]
    if text is None:
        text = source.read_text(encoding="utf-8")
    found: set[str] = set()
    for node in _run_at_import(ast.parse(text).body):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pathsum."):
                    found.add(_known(alias.name.removeprefix("pathsum.")))
        elif node.level:
            base = here[:len(here) - node.level + 1]
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                found.add(_known(f"{target}.{alias.name}" if target else alias.name))
        elif (node.module or "").startswith("pathsum."):
            for alias in node.names:
                found.add(_known(f"{node.module.removeprefix('pathsum.')}.{alias.name}"))
    found.discard("")
    found.discard(module)
    return found


def _known(name: str) -> str:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def _run_at_import(body: list[ast.stmt]):
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from _run_at_import(node.orelse)
        elif isinstance(node, ast.If | ast.Try | ast.With):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    yield from _run_at_import([child])
            for handler in getattr(node, "handlers", []):
                yield from _run_at_import(handler.body)


def test_every_module_has_a_layer():
    unplaced = []
    for module in MODULES:
        try:
            layer_of(module)
        except LookupError:
            unplaced.append(module)
    assert not unplaced, f"place these in LAYERS and docs/ARCHITECTURE.md: {unplaced}"


def test_every_layer_entry_is_a_module():
    """A module merged away leaves no name behind in LAYERS that would place nothing."""
    stale = [name for _, members in LAYERS for name in members
             if not any(m == name or (name.endswith(".") and m.startswith(name))
                        for m in MODULES)]
    assert not stale, f"no such module any more; drop from LAYERS: {stale}"


@pytest.mark.parametrize("module", MODULES)
def test_no_module_imports_upward(module):
    upward = upward_imports(module)
    assert not upward, (f"{module} ({LAYERS[layer_of(module)][0]}) imports {upward} "
                        f"from a higher layer at import time")


def upward_imports(module: str, text: str | None = None) -> list[str]:
    rank = layer_of(module)
    return sorted(d for d in imports_at_import_time(module, text) if layer_of(d) > rank)


def test_the_check_sees_an_upward_import():
    """A test that can fail: an engine importing a report, in each spelling, is caught;
    the same import inside a function or for type hints only is not."""
    for text in ["from ..reports import table", "from ..reports.table import render_analysis",
                 "import pathsum.reports.table", "from pathsum.reports import table",
                 "try:\n    from ..reports import table\nexcept ImportError:\n    pass"]:
        assert upward_imports("engines.forward", text) == ["reports.table"], text
    for text in ["def f():\n    from ..reports import table",
                 "if TYPE_CHECKING:\n    from ..reports import table"]:
        assert upward_imports("engines.forward", text) == [], text
