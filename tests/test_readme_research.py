"""The README's "For researchers" examples (trace, import, networkx) run as written."""

from __future__ import annotations

import doctest
import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def subsection(title: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    research = text.split("\n## For researchers\n", 1)[1].split("\n## ", 1)[0]
    assert f"\n### {title}\n" in research, title
    return research.split(f"\n### {title}\n", 1)[1].split("\n### ", 1)[0]


def run_examples(title: str) -> None:
    examples = re.findall(r"^```pycon\n(.*?)^```", subsection(title), re.MULTILINE | re.DOTALL)
    assert examples, title
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    test = doctest.DocTestParser().get_doctest("\n".join(examples), {}, title, "README.md", 0)
    runner.run(test, out=sys.stdout.write)
    summary = runner.summarize(verbose=False)
    assert summary.failed == 0, f"{summary.failed} README example(s) failed; see the output"
    assert summary.attempted >= 3


@pytest.mark.parametrize("title", ["Trace a Python function", "networkx both ways"])
def test_research_examples_run_as_written(title, monkeypatch):
    monkeypatch.chdir(REPO)
    run_examples(title)
