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
    ("files and text", {"errors", "printable", "files", "atomic", "limits", "gcpause", "signals",
                        "display", "callsite", "yamlio", "yamlplain", "yamlwrite"}),
    ("formulas", {"rules", "arith", "formula"}),
    ("the stored graph", {"roles", "graph", "exchange"}),
    ("loading and other sources", {"document", "formula_dialect", "edge_dialect", "loader",
                                   "orderfile", "trace", "fn", "importers."}),
    ("the compiled graph", {"compiled", "arrays", "counting"}),
    ("engines", {"engines."}),
    ("analysis", {"analysis", "engine_fields", "explain", "comparison", "families.",
                  "many_files", "file_records", "graph_files", "local_workers",
                  "dask_workers"}),
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


def imports_at_import_time(module: str) -> set[str]:
    """The pathsum modules that importing ``module`` imports (relative to the package)."""
    path = PACKAGE.joinpath(*module.split("."))
    is_package = path.is_dir()
    source = (path / "__init__.py") if is_package else path.with_suffix(".py")
    here = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in _run_at_import(ast.parse(source.read_text(encoding="utf-8")).body):
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


@pytest.mark.parametrize("module", MODULES)
def test_no_module_imports_upward(module):
    rank = layer_of(module)
    upward = sorted(d for d in imports_at_import_time(module) if layer_of(d) > rank)
    assert not upward, (f"{module} ({LAYERS[rank][0]}) imports {upward} "
                        f"from a higher layer at import time")


def test_the_check_sees_an_upward_import():
    # a test that can fail: the CLI imports the analysis, which is below it, and the
    # analysis must never import the CLI
    assert "analysis" in imports_at_import_time("cli.analyze")
    assert layer_of("cli.analyze") > layer_of("analysis")
