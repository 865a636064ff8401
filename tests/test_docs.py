"""The README and docs/: short README that starts with the two set-up commands, and no link
to a file or a heading that does not exist (``mkdocs build --strict`` checks docs/ too, in CI;
this checks the README as well, without mkdocs)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
#: Markdown links and images: [text](target) and ![alt](target), target without spaces.
LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def pages() -> list[Path]:
    return [REPO / "README.md", *sorted(DOCS.glob("*.md")), *sorted(DOCS.glob("*.ipynb"))]


def markdown(page: Path) -> str:
    """A page's Markdown: the file, or a notebook's Markdown cells."""
    text = page.read_text(encoding="utf-8")
    if page.suffix == ".ipynb":
        cells = json.loads(text)["cells"]
        text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return FENCE.sub("", text)  # links inside code blocks are code, not links


def slug(heading: str) -> str:
    """The anchor Python-Markdown's toc extension (mkdocs) gives a heading."""
    text = re.sub(r"[`*_]", "", heading)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors(page: Path) -> set[str]:
    headings = re.findall(r"^#{1,6} (.+?)\s*$", markdown(page), re.MULTILINE)
    return {slug(h) for h in headings}


def links(page: Path) -> list[str]:
    return [t for t in LINK.findall(markdown(page)) if not re.match(r"[a-z]+:", t)]


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(REPO)))
def test_every_link_points_at_a_file_and_heading_that_exist(page: Path):
    for target in links(page):
        path, _, anchor = target.partition("#")
        goal = (page.parent / path).resolve() if path else page
        assert goal.is_file(), f"{page.name}: link to missing file {target}"
        assert REPO in goal.parents, f"{page.name}: link out of the repository {target}"
        if anchor:
            assert anchor in anchors(goal), f"{page.name}: no heading for {target}"


def test_no_page_cites_a_design_file_the_repository_lacks():
    for page in pages():
        assert "DESIGN" not in page.read_text(encoding="utf-8"), page.name


def test_the_readme_is_short_and_starts_with_the_two_set_up_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 400
    first, second = re.findall(r"^```(\w*)\n(.*?)^```", text, re.MULTILINE | re.DOTALL)[:2]
    assert first == ("bash", "pip install . && pathsum analyze graphs/olah.yaml\n")
    assert second == ("bash", "pip install '.[test]' && pytest --run-slow\n")
    assert ["docs/tutorial.ipynb" in text, "docs/tutorial-zh.ipynb" in text,
            "docs/reference.md" in text] == [True, True, True]


def test_the_link_checker_finds_a_broken_link_and_a_broken_anchor(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# A `title`: here\n\n[ok](#a-title-here) [gone](nope.md) [bad](#nope)\n")
    assert links(page) == ["#a-title-here", "nope.md", "#nope"]
    assert anchors(page) == {"a-title-here"}
    assert slug("Many graphs: `pathsum batch`") == "many-graphs-pathsum-batch"
    assert slug("Exact and symbolic arithmetic: the α…ζ algebra") == \
        "exact-and-symbolic-arithmetic-the-algebra"


def refresher():
    spec = importlib.util.spec_from_file_location("refresh_doc_examples",
                                                  REPO / "scripts" / "refresh_doc_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_outputs_the_pages_show_are_what_the_commands_print():
    """Examples without timings are checked as they stand; scripts/refresh_doc_examples.py
    regenerates them all (and the timed ones) when an output changes on purpose."""
    refresh = refresher()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    steady = [e for e in refresh.EXAMPLES if e[4]]
    assert len(steady) >= 3
    for page, before, command, prefix, _ in steady:
        assert refresh.shown(page, before) == prefix + refresh.output(command, env), \
            (page, command)
    for page, before, *_ in refresh.EXAMPLES:  # every example still finds its block
        assert refresh.shown(page, before).strip(), page
